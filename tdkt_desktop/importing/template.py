"""The blank Excel template: data sheets with headers only; the example and column notes on "Hướng dẫn".

An example row on a data sheet is data: imported as it is, its "CB001, Nguyễn Văn An" once replaced the
demo office's Director (code CB001). Examples therefore live on the guide sheet, which import ignores.
"""

from __future__ import annotations

from pathlib import Path

from tdkt_desktop.importing.workbook import SHEETS, text_value

GUIDE_SHEET = "Hướng dẫn"

GUIDE = [
    "Mẫu nhập dữ liệu thi đua, khen thưởng",
    "• Năm trang dữ liệu: Cán bộ, Xếp loại, Sáng kiến, Khen thưởng, Đăng ký thi đua; gõ dữ liệu từ dòng 2 "
    "(dòng 1 là tiêu đề cột).",
    "• Có thể bỏ trang không dùng; thứ tự cột tùy ý; tiêu đề cột không phân biệt dấu, chữ hoa.",
    "• Trang “Hướng dẫn” này chỉ để đọc: chương trình không nhập gì từ trang này (có thể xóa).",
    "• Mã cán bộ là văn bản: giữ nguyên số 0 ở đầu (ví dụ 007); “cb001” và “CB001” là cùng một mã.",
    "• Người đã có trong sổ (cùng mã cán bộ) sẽ được sửa theo tệp: chương trình liệt kê từng thông tin "
    "thay đổi và hỏi lại trước khi ghi.",
    "• Ngày ghi dạng dd/mm/yyyy (ví dụ 05/01/2025) hoặc định dạng ngày của Excel.",
    "• Xếp loại và khen thưởng tập thể: để trống Mã cán bộ, ghi tên đơn vị ở cột “Tập thể”.",
    "• Đăng ký thi đua: tên Phong trào đúng như trong tab “Phong trào thi đua” (phong trào chưa có sẽ báo lỗi, "
    "không tự tạo).",
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
    ("ratings", "collective"): "Tên tập thể được xếp loại (khi để trống Mã cán bộ).",
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
    ("registrations", "code"): "Mã cán bộ đăng ký; để trống khi tập thể đăng ký.",
    ("registrations", "collective"): "Tên tập thể đăng ký (khi để trống Mã cán bộ).",
    ("registrations", "year"): "Bắt buộc. Năm đăng ký.",
    ("registrations", "campaign"): "Bắt buộc. Tên phong trào đúng như trong tab “Phong trào thi đua”.",
    ("registrations", "award"): "Bắt buộc. Danh hiệu hoặc hình thức đăng ký (Lao động tiên tiến, CSTĐCS…).",
}

def guide_rows() -> list[tuple[tuple[str, ...], bool]]:
    """The "Hướng dẫn" sheet: the general notes, then per sheet its columns with a note and an example."""
    rows: list[tuple[tuple[str, ...], bool]] = [((GUIDE[0],), True)] + [((line,), False) for line in GUIDE[1:]]
    for fmt in SHEETS:
        rows += [((), False), ((f"Trang “{fmt.name}”",), True), (("Cột", "Ghi chú", "Ví dụ"), True)]
        example = fmt.example or (None,) * len(fmt.columns)
        for column, value in zip(fmt.columns, example, strict=True):
            rows.append(((column.header, NOTES.get((fmt.key, column.key), ""), text_value(value)), False))
    return rows


def write_template(path: Path | str) -> None:
    """The data sheets with their headers only, then the "Hướng dẫn" sheet (notes and examples).

    Raises:
        OSError: the file cannot be written.
    """
    from tdkt_desktop.importing.exporter import Guide, _write

    _write(Path(path), {}, guide=Guide(GUIDE_SHEET, guide_rows(), widths=(26, 90, 40)))
