"""The blank Excel template: data sheets with headers only; the example and column notes on "Hướng dẫn".

An example row on a data sheet is data: imported as it is, its "CB001, Nguyễn Văn An" once replaced the
demo office's Director (code CB001). Examples therefore live on the guide sheet, which import ignores.
"""

from __future__ import annotations

from pathlib import Path

from tdkt_desktop.importing.workbook import SHEETS, SheetFormat, text_value

GUIDE_SHEET = "Hướng dẫn"

GUIDE = [
    "Mẫu nhập dữ liệu thi đua, khen thưởng",
    "• Gõ dữ liệu từ dòng 2 của các trang Cán bộ, Xếp loại, Sáng kiến, Khen thưởng (dòng 1 là tiêu đề cột).",
    "• Có thể bỏ trang không dùng; thứ tự cột tùy ý; tiêu đề cột không phân biệt dấu, chữ hoa.",
    "• Trang “Hướng dẫn” này chỉ để đọc: chương trình không nhập gì từ trang này (có thể xóa).",
    "• Mã cán bộ là văn bản: giữ nguyên số 0 ở đầu (ví dụ 007); “cb001” và “CB001” là cùng một mã.",
    "• Người đã có trong sổ (cùng mã cán bộ) sẽ được sửa theo tệp: chương trình liệt kê từng thông tin "
    "thay đổi và hỏi lại trước khi ghi.",
    "• Ngày ghi dạng dd/mm/yyyy (ví dụ 05/01/2025) hoặc định dạng ngày của Excel.",
    "• Nếu có dòng sai, chương trình không nhập dòng nào và ghi báo cáo lỗi cạnh tệp.",
    "• Nhập lại cùng một tệp không làm thay đổi dữ liệu.",
]

#: (sheet key, column key) → what to write in the column.
NOTES = {
    ("staff", "code"): "Bắt buộc. Mỗi người một mã, không trùng (không phân biệt chữ hoa, chữ thường).",
    ("staff", "full_name"): "Bắt buộc. Họ và tên đầy đủ, có dấu, tối đa 100 ký tự.",
    ("staff", "birth_date"): "Từ năm 1930, đủ 15 tuổi trở lên.",
    ("staff", "gender"): "Nam hoặc Nữ (có thể để trống).",
    ("staff", "position"): "Chức vụ hoặc chức danh (Chuyên viên, Trưởng phòng…).",
    ("staff", "unit"): "Tên phòng, đơn vị; đơn vị chưa có sẽ được tạo mới (chương trình báo trước).",
    ("staff", "recruited_on"): "Không trước ngày đủ 15 tuổi, không sau hôm nay.",
    ("ratings", "code"): "Bắt buộc. Mã đã có trong sổ hoặc trong trang “Cán bộ” của tệp.",
    ("ratings", "year"): "Bắt buộc. Năm đánh giá (ví dụ 2025).",
    ("ratings", "rating"): "Bắt buộc. HTXS, HTT, HT, KHT hoặc ghi đầy đủ “Hoàn thành tốt nhiệm vụ”…",
    ("ratings", "discipline"): "Hình thức kỷ luật trong năm (Khiển trách, Cảnh cáo…), để trống nếu không có.",
    ("initiatives", "code"): "Bắt buộc. Mã của tác giả sáng kiến, chủ nhiệm đề tài.",
    ("initiatives", "year"): "Bắt buộc. Năm được công nhận.",
    ("initiatives", "title"): "Bắt buộc. Tên sáng kiến, đề tài.",
    ("initiatives", "scope"): "Bắt buộc. Cơ sở; Bộ, tỉnh; Toàn quốc.",
    ("initiatives", "kind"): "Sáng kiến hoặc Đề tài (để trống: Sáng kiến).",
    ("awards", "code"): "Mã cán bộ được khen; để trống khi khen tập thể.",
    ("awards", "year"): "Bắt buộc. Năm của danh hiệu, thành tích.",
    ("awards", "award"): "Bắt buộc. Tên đầy đủ hoặc viết tắt quen dùng (LĐTT, CSTĐCS, Giấy khen của Giám đốc Sở…).",
    ("awards", "number"): "Bắt buộc. Số, ký hiệu quyết định (ví dụ 125/QĐ-SKHCN).",
    ("awards", "date"): "Bắt buộc. Ngày ký quyết định, không sau hôm nay.",
    ("awards", "issuer"): "Bắt buộc. Cơ quan ban hành quyết định.",
    ("awards", "collective"): "Tên tập thể được khen (khi để trống Mã cán bộ).",
}

_WIDTHS = {"code": 12, "full_name": 28, "unit": 36, "title": 50, "award": 36, "issuer": 38, "collective": 36,
           "position": 22, "rating": 30, "number": 18}


def _data_sheet(book, fmt: SheetFormat, styles) -> None:
    from openpyxl.utils import get_column_letter

    bold, fill = styles
    ws = book.create_sheet(fmt.name)
    ws.append([c.header for c in fmt.columns])
    for index, column in enumerate(fmt.columns, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill = bold, fill
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = _WIDTHS.get(column.key, 16)
        if column.key == "code":
            # Codes typed later stay text: "007" is not turned into the number 7.
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"


def _guide_sheet(book, styles) -> None:
    bold, fill = styles
    ws = book.create_sheet(GUIDE_SHEET)
    for line in GUIDE:
        ws.append([line])
    ws["A1"].font = bold
    for fmt in SHEETS:
        ws.append([])
        ws.append([f"Trang “{fmt.name}”"])
        ws.cell(row=ws.max_row, column=1).font = bold
        ws.append(["Cột", "Ghi chú", "Ví dụ"])
        for cell in ws[ws.max_row]:
            cell.font, cell.fill = bold, fill
        for column, example in zip(fmt.columns, fmt.example, strict=True):
            ws.append([column.header, NOTES.get((fmt.key, column.key), ""), text_value(example)])
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 40


def write_template(path: Path | str) -> None:
    """The four data sheets with their headers only, then the "Hướng dẫn" sheet (notes and examples)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    styles = (Font(bold=True), PatternFill("solid", fgColor="DDEBF7"))
    for fmt in SHEETS:
        _data_sheet(book, fmt, styles)
    _guide_sheet(book, styles)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
