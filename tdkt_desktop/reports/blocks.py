"""Layout blocks every document shares: the NĐ 30 letterhead, balanced headings, rules, signatures, tables."""

from __future__ import annotations

import functools
import re
from typing import Any
from xml.sax.saxutils import escape

from tdkt_desktop.reports import base
from tdkt_desktop.text import nfc

NBSP = "\u00a0"
#: Lines of the left letterhead block wider than this wrap (balanced, at spaces).
LEFT_MAX = 80 * base.MM
#: Space between the letterhead blocks and the "Số / ngày" row.
ROW_GAP = 7.0


#: Two- and three-syllable words of award names and table headings: a cell never breaks inside one
#: ("Tên tập / thể", "Lao động tiên / tiến" are what a Vietnamese reader sees as broken words).
WORDS = (
    "họ và tên", "chiến sĩ", "thi đua", "cơ sở", "lao động", "tiên tiến", "xuất sắc", "tập thể", "cá nhân",
    "giấy khen", "bằng khen", "giám đốc", "chủ tịch", "thủ tướng", "chính phủ", "huân chương", "kỷ niệm",
    "toàn quốc", "bộ trưởng", "danh hiệu", "hình thức", "khen thưởng", "đăng ký", "đơn vị", "chức vụ",
    "chức danh", "ghi chú", "số tiền", "tham dự", "lý do", "hội đồng", "số phiếu", "đồng ý", "tỷ lệ",
    "kết quả", "tổng số", "tổng cộng", "hạng nhất", "hạng nhì", "hạng ba", "sự nghiệp", "khoa học",
    "công nghệ", "chuyên viên", "trưởng phòng", "văn phòng", "thanh tra", "trung tâm", "chi cục",
    "chất lượng", "đo lường", "tiêu chuẩn", "thông tin", "ứng dụng", "thị trường", "quản lý", "kế toán",
    "nhân viên", "kỹ sư", "chuyên ngành", "điển hình", "giai đoạn", "thành tích", "văn bản", "ý kiến",
    "cấp tỉnh", "cấp bộ", "ubnd tỉnh",
)
_WORDS_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(w).replace("\\ ", r"\s") for w in sorted(WORDS, key=len, reverse=True))
    + r")(?!\w)", flags=re.IGNORECASE)


def keep(text: str) -> str:
    """Join the words of ``text`` with no-break spaces: a line never breaks inside it ('tập thể')."""
    return nfc(text).replace(" ", NBSP)


def keep_words(text: str, font: str = "", size: float = 0, width: float = 0) -> str:
    """``text`` with every known multi-syllable word (:data:`WORDS`) joined by no-break spaces.

    Given a font and a column ``width``, a word wider than the column stays breakable between its
    syllables (better than ReportLab splitting a syllable between letters).
    """
    kept = _WORDS_RE.sub(lambda m: m.group(0).replace(" ", NBSP), nfc(text))
    if not width:
        return kept
    return " ".join(w if base.string_width(w, font, size) <= width else w.replace(NBSP, " ")
                    for w in kept.split(" "))


def balanced_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """The fewest lines that fit ``width``, as even as possible, broken only at ordinary spaces.

    A centred heading then never leaves one word alone on its last line. Phrases joined with
    :func:`keep` stay on one line unless a phrase alone is wider than the column.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    base.register_fonts()
    words = [w for w in nfc(text).split(" ") if w]
    if any(stringWidth(w, font, size) > width for w in words):
        words = [part for w in words for part in (w.split(NBSP) if stringWidth(w, font, size) > width else [w])]
    if not words:
        return []

    def span(i: int, j: int) -> float:
        return stringWidth(" ".join(words[i:j]), font, size)

    count = 1
    used = 0.0
    for i, _ in enumerate(words):  # greedy pass: how many lines are needed at all
        w = span(i, i + 1)
        if used and used + stringWidth(" ", font, size) + w > width:
            count, used = count + 1, w
        else:
            used = used + (stringWidth(" ", font, size) if used else 0) + w
    n = len(words)
    inf = float("inf")
    # best[k][j]: the smallest widest line when words[:j] are set in k lines.
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for j in range(1, n + 1):
            for i in range(k - 1, j):
                w = span(i, j)
                if w > width and j - i > 1:
                    continue
                value = max(best[k - 1][i], w)
                if value < best[k][j]:
                    best[k][j], cut[k][j] = value, i
    lines, j = [], n
    for k in range(count, 0, -1):
        i = cut[k][j]
        lines.append(" ".join(words[i:j]))
        j = i
    return lines[::-1]


def heading(text: str, style: Any, width: float) -> Any:
    """A centred heading broken into balanced lines (list titles, trích yếu, subtitles)."""
    from reportlab.platypus import Paragraph

    lines = balanced_lines(keep_words(text), style.fontName, style.fontSize, width - 1)
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def table_heading(text: str) -> list[Any]:
    """A heading over a table: it moves to the next page only when the table's first rows would not
    follow it here. (A keep-with-next heading would carry a long table whole onto the next page.)"""
    from reportlab.platypus import CondPageBreak

    s = base.styles()
    return [CondPageBreak(40 * base.MM), base.para(text, s["table_heading"])]


def rule(width: float, thickness: float = 0.6) -> Any:
    """A solid line of ``width`` points centred in whatever column holds it (subject line)."""
    from reportlab.platypus import Flowable

    class _Rule(Flowable):
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self._avail = avail_width
            return avail_width, 7

        def draw(self) -> None:
            left = (self._avail - width) / 2
            self.canv.setLineWidth(thickness)
            self.canv.line(left, 2.5, left + width, 2.5)  # ~5 pt clear of the descenders above

    return _Rule()


def _lines(text: str, font: str, size: float, width: float) -> list[tuple[str, str, float]]:
    return [(line, font, size) for line in balanced_lines(keep_words(text), font, size, width)]


@functools.cache
def _letterhead_class() -> type:
    from reportlab.platypus import Flowable

    class Letterhead(Flowable):
        """NĐ 30 ô 1–4 drawn line by line, so neither block wraps inside the other's column.

        The left block (governing body, issuer, number) is centred on its widest line, which starts
        at the text column's left edge; the right block (Quốc hiệu, motto, date) on its widest line,
        which ends at the right edge. "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" (77 mm) and "CỘNG HÒA XÃ HỘI
        CHỦ NGHĨA VIỆT NAM" (88 mm) are together wider than the 165 mm column, but never share a row.
        """

        def __init__(self, lh: base.Letterhead):
            super().__init__()
            self.lh = lh

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self._layout(avail_width)
            return avail_width, self.height

        def _layout(self, w: float) -> None:
            lh = self.lh
            left = _lines(nfc(lh.governing_body).upper(), base.FONT, 12, LEFT_MAX)
            issuer = _lines(nfc(lh.issuer).upper(), base.FONT_BOLD, 12, LEFT_MAX)
            right = [(base.QUOC_HIEU, base.FONT_BOLD, 12), (base.TIEU_NGU, base.FONT_BOLD, 13)]
            number = (f"Số: {lh.number}" if lh.number else f"Số:{base.BLANK_NUMBER}/") if lh.numbered else ""
            date = base.place_date_line(lh.place, lh.date)

            def wide(items: list[tuple[str, str, float]]) -> float:
                return max((base.string_width(t, f, s) for t, f, s in items), default=0.0)

            left_x = wide(left + issuer + ([(number, base.FONT, 13)] if number else [])) / 2
            right_x = w - wide(right + [(date, base.FONT_ITALIC, 13)]) / 2
            self.ops: list[tuple] = []
            y_left = self._stack(left + issuer, left_x)
            # NĐ 30: a solid rule 1/3–1/2 as long as the issuer's name; the motto's as long as the motto.
            self.ops.append(("rule", left_x, y_left - 3.5, wide(issuer) * 0.4))
            y_right = self._stack(right, right_x)
            self.ops.append(("rule", right_x, y_right - 3.5, base.string_width(base.TIEU_NGU, base.FONT_BOLD, 13)))
            baseline = min(y_left, y_right) - ROW_GAP - 13
            if number:
                self.ops.append(("text", number, base.FONT, 13, left_x, baseline))
            self.ops.append(("text", date, base.FONT_ITALIC, 13, right_x, baseline))
            self.height = -(baseline - 13 * 0.3)

        def _stack(self, items: list[tuple[str, str, float]], x: float) -> float:
            """Lines from the top (y = 0 downwards); returns the bottom of the last line."""
            y = 0.0
            for text, font, size in items:
                y -= size * 1.2
                self.ops.append(("text", text, font, size, x, y + size * 0.25))
            return y

        def draw(self) -> None:
            c = self.canv
            c.saveState()
            c.setLineWidth(0.6)
            for op in self.ops:
                if op[0] == "text":
                    _, text, font, size, x, y = op
                    c.setFont(font, size)
                    c.drawCentredString(x, self.height + y, text)
                else:
                    _, x, y, length = op
                    c.line(x - length / 2, self.height + y, x + length / 2, self.height + y)
            c.restoreState()

    return Letterhead


def letterhead(lh: base.Letterhead) -> Any:
    """The letterhead flowable of ``lh``."""
    return _letterhead_class()(lh)


def signature_table(signer: base.Signer | None, recipients: list[str], frame_width: float,
                    left_signer: base.Signer | None = None) -> Any:
    """'Nơi nhận' (or a second signer) on the left, the signer block on the right."""
    from reportlab.platypus import Spacer, Table, TableStyle

    s = base.styles()

    def block(sig: base.Signer | None) -> list[Any]:
        if sig is None:
            return []
        out = [base.para(line.upper(), s["sign_title"]) for line in sig.authority.split("\n") if line]
        out += [base.para(sig.title.upper(), s["sign_title"]), Spacer(1, 24 * base.MM),
                base.para(sig.name, s["sign_name"])]
        return out

    if left_signer is not None:
        left = block(left_signer)
    elif recipients:
        left = [base.para("Nơi nhận:", s["recipients_head"])]
        left += [base.para(f"- {nfc(r)}", s["recipients"]) for r in recipients]
    else:
        left = []
    table = Table([[left, block(signer)]], colWidths=[frame_width * 0.5, frame_width * 0.5])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("FONTNAME", (0, 0), (-1, -1), base.FONT),  # empty cells are drawn in it (default: Helvetica)
    ]))
    return table


def data_table(header: list[str], rows: list[list[Any]], col_widths: list[float],
               section_rows: tuple[int, ...] = (), align: dict[int, str] | None = None,
               bold_rows: tuple[int, ...] = ()) -> Any:
    """A bordered table whose header row repeats on every page.

    Cells may be strings (wrapped as paragraphs) or flowables. Rows in ``section_rows`` span all
    columns (their one cell is a label or a flowable); rows in ``bold_rows`` are set in bold
    (totals). Row indexes count data rows from 0. Header labels should join the syllables of
    one word with :func:`keep`, so "Tên tập thể" never breaks as "Tên tập / thể".
    """
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, TableStyle

    s = base.styles()
    align = align or {}
    plain = {"center": s["cell_center"], "right": s["cell_right"]}
    bold = {k: ParagraphStyle(f"{v.name}_bold", parent=v, fontName=base.FONT_BOLD) for k, v in plain.items()}
    bold[""] = ParagraphStyle("cell_bold", parent=s["cell"], fontName=base.FONT_BOLD)
    inner = [w - 6 for w in col_widths]  # minus the 3 pt paddings

    def cell(text: str, j: int, style: Any) -> Any:
        return base.para(keep_words(text, style.fontName, style.fontSize, inner[j]), style)

    data: list[list[Any]] = [[cell(h, j, s["cell_head"]) for j, h in enumerate(header)]]
    for i, row in enumerate(rows):
        if i in section_rows:
            first = row[0]
            label = base.para(str(first), s["cell_section"]) if isinstance(first, (str, int)) else first
            data.append([label] + [""] * (len(header) - 1))
            continue
        styles = bold if i in bold_rows else plain
        data.append([
            cell(str(c), j, styles.get(align.get(j, ""), bold[""] if i in bold_rows else s["cell"]))
            if isinstance(c, (str, int)) else c
            for j, c in enumerate(row)
        ])
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), base.FONT),  # empty cells are drawn in it (default: Helvetica)
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i in section_rows:
        commands.append(("SPAN", (0, i + 1), (-1, i + 1)))
    table = Table(data, colWidths=col_widths, repeatRows=1)  # repeatRows: header on every page
    table.setStyle(TableStyle(commands))
    return table
