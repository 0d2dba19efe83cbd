"""The Excel exchange format: five sheets, their Vietnamese headers, and cell reading helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tdkt_desktop.errors import UserError
from tdkt_desktop.text import DateError, format_date, one_line, parse_date, tokens
from tdkt_desktop.vocabulary import RATING_NAMES, is_record_year


@dataclass(frozen=True)
class Column:
    """One column: internal key, the header written on export, other accepted headers."""

    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SheetFormat:
    """One sheet: its name (and accepted variants) and columns in export order."""

    key: str
    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    example: tuple = field(default=())


_CODE = Column("code", "Mã cán bộ", True, ("Mã CB", "Mã số cán bộ", "Mã nhân viên", "Mã"))
_YEAR = Column("year", "Năm", True, ("Năm xét", "Năm khen thưởng", "Năm đánh giá"))

SHEETS: tuple[SheetFormat, ...] = (
    SheetFormat(
        "staff", "Cán bộ",
        (
            _CODE,
            Column("full_name", "Họ và tên", True, ("Họ tên", "Tên cán bộ", "Họ và tên cán bộ")),
            Column("birth_date", "Ngày sinh", False, ("Ngày tháng năm sinh",)),
            Column("gender", "Giới tính", False, ("Nam/Nữ",)),
            Column("position", "Chức vụ", False, ("Chức danh", "Chức vụ, chức danh")),
            Column("unit", "Đơn vị", False, ("Phòng", "Đơn vị công tác", "Phòng, đơn vị")),
            Column("recruited_on", "Ngày tuyển dụng", False, ("Ngày vào cơ quan", "Ngày tuyển")),
        ),
        ("Danh sách cán bộ", "Cán bộ, công chức", "Nhân sự"),
        ("CB001", "Nguyễn Văn An", "15/03/1985", "Nam", "Chuyên viên", "Văn phòng Sở", "01/09/2010"),
    ),
    SheetFormat(
        "ratings", "Xếp loại",
        (
            Column("code", "Mã cán bộ", False, _CODE.aliases),
            _YEAR,
            Column("rating", "Xếp loại", True, ("Kết quả xếp loại", "Mức xếp loại", "Xếp loại chất lượng")),
            Column("discipline", "Kỷ luật", False, ("Hình thức kỷ luật",)),
            # A collective's yearly rating: the unit's name here, Mã cán bộ left blank.
            Column("collective", "Tập thể", False, ("Tên tập thể", "Tập thể được xếp loại")),
        ),
        ("Đánh giá xếp loại", "Xếp loại chất lượng"),
        ("CB001", 2025, RATING_NAMES["HTT"], None, None),
    ),
    SheetFormat(
        "initiatives", "Sáng kiến",
        (
            _CODE,
            _YEAR,
            Column("title", "Tên sáng kiến", True, ("Tên sáng kiến, đề tài", "Tên đề tài", "Sáng kiến")),
            Column("scope", "Phạm vi", True, ("Phạm vi ảnh hưởng", "Phạm vi công nhận", "Cấp công nhận")),
            Column("kind", "Loại", False, ("Sáng kiến/Đề tài",)),
        ),
        ("Sáng kiến, đề tài", "Sáng kiến đề tài"),
        ("CB001", 2025, "Số hóa quy trình tiếp nhận hồ sơ", "Cơ sở", "Sáng kiến"),
    ),
    SheetFormat(
        "awards", "Khen thưởng",
        (
            Column("code", "Mã cán bộ", False, _CODE.aliases),
            _YEAR,
            Column("award", "Danh hiệu/Hình thức", True,
                   ("Danh hiệu", "Hình thức", "Danh hiệu, hình thức", "Hình thức khen thưởng",
                    "Danh hiệu thi đua", "Danh hiệu hoặc hình thức")),
            Column("number", "Số quyết định", True, ("Số QĐ", "Số, ký hiệu quyết định", "Số hiệu quyết định")),
            Column("date", "Ngày quyết định", True, ("Ngày QĐ", "Ngày ký", "Ngày ban hành")),
            Column("issuer", "Cơ quan ban hành", True, ("Cơ quan quyết định", "Cấp khen", "Cơ quan")),
            Column("collective", "Tập thể", False, ("Tên tập thể", "Tập thể được khen")),
        ),
        ("Khen thưởng, danh hiệu", "Danh hiệu khen thưởng"),
        (
            "CB001", 2025, "Lao động tiên tiến", "12/QĐ-SKHCN", "10/01/2026",
            "Sở Khoa học và Công nghệ tỉnh Cao Bằng", None,
        ),
    ),
    # Đăng ký thi đua: the campaign must already exist (a name not found is a row error, never created).
    SheetFormat(
        "registrations", "Đăng ký thi đua",
        (
            Column("code", "Mã cán bộ", False, _CODE.aliases),
            Column("collective", "Tập thể", False, ("Tên tập thể", "Tập thể đăng ký", "Đơn vị đăng ký")),
            _YEAR,
            Column("campaign", "Phong trào", True, ("Phong trào thi đua", "Tên phong trào", "Đợt thi đua")),
            Column("award", "Danh hiệu/Hình thức đăng ký", True,
                   ("Danh hiệu/Hình thức", "Danh hiệu đăng ký", "Hình thức đăng ký", "Danh hiệu, hình thức đăng ký",
                    "Đăng ký")),
        ),
        ("Đăng ký", "Bản đăng ký thi đua", "Đăng ký thi đua năm"),
        # No example row: it would name a campaign the office may not have, and fail the import.
    ),
)

SHEETS_BY_KEY = {s.key: s for s in SHEETS}


def key_of(text: object) -> str:
    """Header/sheet matching key: folded words, punctuation dropped ('Danh hiệu/Hình thức' → 'danh hieu hinh thuc')."""
    return " ".join(tokens(str(text or "")))


def match_sheet(title: str) -> SheetFormat | None:
    """The format whose name (or accepted variant) the sheet title matches."""
    key = key_of(title)
    for sheet in SHEETS:
        if key in {key_of(sheet.name), *(key_of(a) for a in sheet.aliases)}:
            return sheet
    return None


def match_columns(sheet: SheetFormat, headers: list[object]) -> tuple[dict[str, int], list[str]]:
    """(column key → index) for the headers found, and the header names of required columns missing."""
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = key_of(header)
        if not key:
            continue
        for column in sheet.columns:
            if column.key not in positions and key in {key_of(column.header), *(key_of(a) for a in column.aliases)}:
                positions[column.key] = index
                break
    missing = [c.header for c in sheet.columns if c.required and c.key not in positions]
    return positions, missing


class CellError(ValueError):
    """A cell value that cannot be used; the message is Vietnamese."""


def text_value(value: object) -> str:
    """A cell as trimmed NFC text ('' for empty); whole numbers lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    return one_line(str(value))


def code_value(value: object, number_format: str | None = None) -> str:
    """A staff code as text; numbers formatted "000123" in Excel keep their leading zeros."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        digits = str(int(value))
        fmt = (number_format or "").strip()
        if fmt and set(fmt) == {"0"}:
            digits = digits.zfill(len(fmt))
        return digits
    return text_value(value)


def year_value(value: object) -> int:
    """A year cell (number or text) as an int.

    Raises:
        CellError: not a year.
    """
    if isinstance(value, bool):
        raise CellError("không phải năm")
    if isinstance(value, (int, float)) and float(value).is_integer():
        year = int(value)
    else:
        text = text_value(value)
        if not text.isdigit():
            raise CellError(f"Năm “{text}” không hợp lệ (ví dụ 2025).")
        year = int(text)
    if not is_record_year(year):
        raise CellError(f"Năm {year} không hợp lệ.")
    return year


def date_value(value: object, *, field: str) -> dt.date | None:
    """An Excel date, a dd/mm/yyyy text or an Excel serial number; None when empty.

    Raises:
        CellError: not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A date typed into a cell formatted as a number: Excel's serial day count.
        if 1 <= value <= 100_000:
            return (dt.datetime(1899, 12, 30) + dt.timedelta(days=int(value))).date()
        raise CellError(f"{field}: “{value}” không phải ngày hợp lệ (dạng dd/mm/yyyy).")
    try:
        return parse_date(text_value(value), field=field)
    except DateError as exc:
        raise CellError(str(exc)) from exc


class WorkbookError(UserError):
    """The file cannot be read as an .xlsx workbook at all."""


#: Bounds checked before any cell is read, so a small crafted file cannot take the machine's memory.
MAX_SHARED_STRINGS_BYTES = 50 * 1024 * 1024
MAX_SHEET_XML_BYTES = 256 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _sniff(path: Path) -> None:
    """Tell an encrypted workbook and an old .xls (both OLE2 containers, whatever their name) from a zip."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head != _OLE_MAGIC:
            return
        fh.seek(0)
        body = fh.read(8 * 1024 * 1024)  # the OLE directory of an office file sits well inside this
    if _utf16("EncryptedPackage") in body or _utf16("EncryptionInfo") in body:
        raise WorkbookError(
            f"Tệp “{path.name}” được đặt mật khẩu (mã hóa), chương trình không đọc được. Hãy mở tệp trong Excel, "
            "gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa trống), lưu lại rồi nhập."
        )
    raise WorkbookError(
        f"Tệp “{path.name}” là định dạng Excel cũ (.xls) dù tên có đuôi “{path.suffix}”. Hãy mở trong Excel và "
        "lưu lại dạng .xlsx (Tệp → Lưu thành → Sổ làm việc Excel .xlsx)."
    )


def _check_parts(path: Path) -> None:
    """Refuse parts that would expand past the bounds before openpyxl loads anything."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename.lower()
            if name.endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS_BYTES:
                raise WorkbookError(
                    f"Tệp “{path.name}” có bảng chữ dùng chung giải nén ra {info.file_size // 1_048_576} MB "
                    f"(giới hạn {MAX_SHARED_STRINGS_BYTES // 1_048_576} MB); chương trình dừng để tránh treo máy. "
                    "Hãy chia dữ liệu thành nhiều tệp nhỏ hơn."
                )
            if name.startswith("xl/worksheets/") and info.file_size > MAX_SHEET_XML_BYTES:
                raise WorkbookError(
                    f"Tệp “{path.name}” có một trang tính giải nén ra {info.file_size // 1_048_576} MB "
                    f"(giới hạn {MAX_SHEET_XML_BYTES // 1_048_576} MB); chương trình dừng để tránh treo máy. "
                    "Hãy chia dữ liệu thành nhiều tệp nhỏ hơn."
                )


def check_workbook_file(path: Path) -> None:
    """Everything that can be told about ``path`` before reading any cell.

    Raises:
        WorkbookError: missing, empty, not .xlsx, encrypted, an old .xls under another name, damaged,
            or parts that would expand past the memory bounds.
    """
    import zipfile

    path = Path(path)
    if not path.exists():
        raise WorkbookError(f"Không tìm thấy tệp “{path}”.")
    if path.is_dir():
        raise WorkbookError(f"“{path}” là một thư mục, không phải tệp Excel.")
    if path.stat().st_size == 0:
        raise WorkbookError(f"Tệp “{path.name}” rỗng (0 byte), không có dữ liệu để nhập.")
    try:
        _sniff(path)
    except OSError as exc:
        raise WorkbookError(f"Không đọc được tệp “{path.name}” ({exc.strerror or exc}).") from exc
    if path.suffix.lower() == ".xls":
        raise WorkbookError(
            f"Tệp “{path.name}” là định dạng Excel cũ (.xls). Hãy mở trong Excel và lưu lại dạng .xlsx."
        )
    try:
        _check_parts(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise WorkbookError(
            f"Tệp “{path.name}” không phải bảng tính Excel .xlsx hợp lệ ({type(exc).__name__})."
        ) from exc


def open_workbook(path: Path):
    """Load ``path`` read-only (streamed) with openpyxl, cell values only (imported lazily).

    Raises:
        WorkbookError: as :func:`check_workbook_file`.
    """
    import warnings
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    check_workbook_file(path)
    try:
        with warnings.catch_warnings():  # openpyxl warns about features it skips; the import does not need them
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise WorkbookError(
            f"Tệp “{path.name}” không phải bảng tính Excel .xlsx hợp lệ ({type(exc).__name__})."
        ) from exc
