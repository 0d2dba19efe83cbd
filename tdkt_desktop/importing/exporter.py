"""Excel export in exactly the import format, the blank template, and the statistics table."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import ratings as ratings_db
from tdkt_desktop.importing.saving import append_text_safe, save_atomically
from tdkt_desktop.importing.workbook import SHEETS, SHEETS_BY_KEY
from tdkt_desktop.text import format_date
from tdkt_desktop.vocabulary import RATING_NAMES, discipline_label

_WIDTHS = {"code": 12, "full_name": 28, "unit": 36, "title": 50, "award": 36, "issuer": 38, "collective": 36,
           "position": 22, "rating": 30, "number": 18, "campaign": 60}


def _rows(db: Database) -> dict[str, list[tuple]]:
    """Every sheet's data rows, in a stable order (so export → import → export is identical)."""
    staff = [
        (r["code"], r["full_name"], format_date(r["birth_date"]) or None, r["gender"] or None,
         r["position"] or None, r["unit"] or None, format_date(r["recruited_on"]) or None)
        for r in db.query(
            "SELECT s.*, u.name AS unit FROM staff s LEFT JOIN units u ON u.id = s.unit_id ORDER BY s.code"
        )
    ]
    ratings = [
        (r["code"], r["year"], RATING_NAMES[r["rating"]], discipline_label(r["discipline"]) or None, None)
        for r in db.query(
            "SELECT s.code, r.year, r.rating, r.discipline FROM ratings r JOIN staff s ON s.id = r.staff_id "
            "ORDER BY s.code, r.year"
        )
    ] + [
        (None, r["year"], RATING_NAMES[r["rating"]], None, r["name"])
        for r in db.query(
            "SELECT u.name, ur.year, ur.rating FROM unit_ratings ur JOIN units u ON u.id = ur.unit_id "
            "ORDER BY u.name, ur.year"
        )
    ]
    initiatives = [
        (r["code"], r["year"], r["title"], ratings_db.SCOPES[r["scope"]], ratings_db.INITIATIVE_KINDS[r["kind"]])
        for r in db.query(
            "SELECT s.code, i.year, i.title, i.scope, i.kind FROM initiatives i JOIN staff s ON s.id = i.staff_id "
            "ORDER BY s.code, i.year, i.title, i.id"
        )
    ]
    awards = [
        (r["code"], r["year"], r["name"], r["number"], format_date(r["issued_on"]), r["issuer"], r["unit"])
        for r in db.query(
            "SELECT s.code, a.year, t.name, d.number, d.issued_on, d.issuer, u.name AS unit "
            "FROM awards a JOIN decisions d ON d.id = a.decision_id JOIN award_types t ON t.code = a.award_type "
            "LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN units u ON u.id = a.unit_id "
            "ORDER BY a.year, d.issued_on, d.issuer, d.number, a.position, a.id"
        )
    ]
    registrations = [
        (r["code"], r["unit"], r["year"], r["campaign"], r["name"])
        for r in db.query(
            "SELECT s.code, u.name AS unit, r.year, c.name AS campaign, t.name FROM registrations r "
            "JOIN campaigns c ON c.id = r.campaign_id JOIN award_types t ON t.code = r.award_type "
            "LEFT JOIN staff s ON s.id = r.staff_id LEFT JOIN units u ON u.id = r.unit_id "
            "ORDER BY c.starts_on, c.fold, r.year, s.code IS NOT NULL, s.code, u.fold, t.kind, r.award_type"
        )
    ]
    return {"staff": staff, "ratings": ratings, "initiatives": initiatives, "awards": awards,
            "registrations": registrations}


def _write(path: Path, data: dict[str, list[tuple]], *, guide: bool = False) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for fmt in SHEETS:
        ws = book.create_sheet(fmt.name)
        ws.append([c.header for c in fmt.columns])
        for index, column in enumerate(fmt.columns, start=1):
            cell = ws.cell(row=1, column=index)
            cell.font, cell.fill = bold, fill
            ws.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(column.key, 16)
        ws.freeze_panes = "A2"
        code_col = next((i for i, c in enumerate(fmt.columns, start=1) if c.key == "code"), None)
        for row in data.get(fmt.key, []):
            append_text_safe(ws, list(row))
        if code_col:
            # Staff codes are text: "007" must stay "007" when the file is edited and re-read.
            for (cell,) in ws.iter_rows(min_row=1, min_col=code_col, max_col=code_col):
                cell.number_format = "@"
    if guide:
        ws = book.create_sheet("Hướng dẫn")
        for line in GUIDE:
            ws.append([line])
        ws.column_dimensions["A"].width = 110
    save_atomically(book, path)


GUIDE = [
    "Mẫu nhập dữ liệu thi đua, khen thưởng",
    "• Năm trang: Cán bộ, Xếp loại, Sáng kiến, Khen thưởng, Đăng ký thi đua. Có thể bỏ trang không dùng; "
    "thứ tự cột tùy ý.",
    "• Mã cán bộ là văn bản: giữ nguyên số 0 ở đầu (ví dụ 007).",
    "• Ngày ghi dạng dd/mm/yyyy (ví dụ 05/01/2025) hoặc định dạng ngày của Excel.",
    f"• Xếp loại: HTXS, HTT, HT, KHT hoặc ghi đầy đủ “{RATING_NAMES['HTT']}”…",
    "• Xếp loại tập thể: để trống Mã cán bộ, ghi tên đơn vị ở cột “Tập thể”.",
    "• Phạm vi sáng kiến: Cơ sở; Bộ, tỉnh; Toàn quốc.",
    "• Danh hiệu/Hình thức: tên đầy đủ hoặc viết tắt quen dùng (LĐTT, CSTĐCS, Giấy khen của Giám đốc Sở…).",
    "• Khen tập thể: để trống Mã cán bộ, ghi tên đơn vị ở cột “Tập thể”. Đơn vị chưa có sẽ được tạo mới.",
    "• Đăng ký thi đua: ghi Mã cán bộ hoặc tên Tập thể, Năm, tên Phong trào đúng như trong tab “Phong trào thi đua” "
    "(phong trào chưa có sẽ báo lỗi, không tự tạo) và danh hiệu hoặc hình thức đăng ký; ví dụ: CB001 | | 2026 | "
    "Thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2026 | Lao động tiên tiến.",
    "• Nếu có dòng sai, chương trình không nhập dòng nào và ghi báo cáo lỗi cạnh tệp.",
    "• Nhập lại cùng một tệp không làm thay đổi dữ liệu.",
    "• Xóa trang “Hướng dẫn” này hoặc để nguyên đều được (chương trình bỏ qua).",
]


def _refuse_long_text(data: dict[str, list[tuple]]) -> None:
    """Excel cuts a cell at 32,767 characters; say so instead of exporting a silently shortened value."""
    from tdkt_desktop.errors import UserError
    from tdkt_desktop.importing.reader import MAX_TEXT

    for key, rows in data.items():
        fmt = SHEETS_BY_KEY[key]
        for number, row in enumerate(rows, start=2):
            for column, value in zip(fmt.columns, row, strict=False):
                if isinstance(value, str) and len(value) > MAX_TEXT:
                    raise UserError(
                        f"Không xuất được: trang “{fmt.name}”, dòng {number}, cột “{column.header}” dài {len(value)} "
                        f"ký tự, quá giới hạn {MAX_TEXT} ký tự của một ô Excel (Excel sẽ cắt mất phần thừa). "
                        "Hãy rút gọn nội dung đó rồi xuất lại."
                    )


def export_workbook(db: Database, path: Path | str) -> dict[str, int]:
    """Write staff, ratings, initiatives, awards and registrations in the import format; returns rows per sheet.

    Raises:
        UserError: a text is longer than an Excel cell holds (nothing is written).
        OSError: the file cannot be written (an existing file is left as it was).
    """
    data = _rows(db)
    _refuse_long_text(data)
    _write(Path(path), data)
    return {SHEETS_BY_KEY[k].name: len(v) for k, v in data.items()}


def write_template(path: Path | str) -> None:
    """A blank workbook with the five sheets, their headers, an example row (but for registrations), a guide."""
    _write(Path(path), {fmt.key: [fmt.example] for fmt in SHEETS if fmt.example}, guide=True)


def export_statistics(rows, years: tuple[int, int], path: Path | str, *, office: str = "") -> None:
    """The statistics table (award type, cá nhân, tập thể, tổng) as a small workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from tdkt_desktop.db.statistics import total

    book = Workbook()
    ws = book.active
    ws.title = "Thống kê"
    ws.append([f"THỐNG KÊ KHEN THƯỞNG {years[0]}–{years[1]}" + (f" – {office}" if office else "")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["STT", "Danh hiệu/Hình thức", "Loại", "Cá nhân", "Tập thể", "Tổng"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for i, r in enumerate(rows, start=1):
        append_text_safe(ws, [i, r.name, "Danh hiệu thi đua" if r.kind == "danh_hieu" else "Hình thức khen thưởng",
                              r.ca_nhan, r.tap_the, r.total])
    individuals, collectives, grand = total(rows)
    ws.append([None, "Tổng cộng", None, individuals, collectives, grand])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["B"].width = 55
    ws.column_dimensions["C"].width = 24
    save_atomically(book, path)
