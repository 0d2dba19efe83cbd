"""The dialogs of the screenshot tour, opened the way a user opens them, each closed without saving."""

from __future__ import annotations

from pathlib import Path

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.ui.common.file_names import slug


def _page(window, title: str):
    window.tabs.setCurrentWidget(window.titles_tab)
    page = window.titles_tab.page(title)
    window.titles_tab.pages.setCurrentWidget(page)
    return page


def _close_preview(tour, name: str) -> None:
    """Grab the (non-modal) print preview an action opened, then close it."""
    preview = getattr(tour.window, "print_preview", None)
    if preview is not None and preview.isVisible():
        tour.settle(400)  # the page renders after the dialog shows
        tour.save(preview, name)
        preview.done(0)
    tour.window.print_preview = None


def staff_dialogs(tour) -> None:
    """Thêm/Sửa cán bộ (empty, then with every error shown), Ngừng theo dõi, đơn vị, cài đặt cơ quan."""
    window = tour.window
    tab = window.staff_tab
    window.tabs.setCurrentWidget(tab)
    tour.modal("d01-them-can-bo", tab.add_button.click)

    def wrong(dialog):
        holder = staff_db.list_staff(window.db)[0]
        dialog.code.setText(holder.code.lower())
        dialog.full_name.setText("Nguyễn Văn An")
        dialog.birth_date.setText("31/02/1990")
        dialog.recruited_on.setText("01/01/2024")
        dialog.show_all_errors()

    tour.modal("d02-them-can-bo-loi", tab.add_button.click, wrong)
    tour.modal("d03-sua-can-bo", tab.edit_button.click)
    tour.modal("d04-ngung-theo-doi", tab.toggle_button.click)
    tour.modal("d05-them-don-vi", tab.add_unit_button.click)
    tour.modal("d06-cai-dat-co-quan", window.open_settings)


def decision_dialogs(tour) -> None:
    """Thêm quyết định with lines (and its "discard?" question), Sửa, Xóa, the print buttons."""
    window = tour.window
    from tdkt_desktop.db import decisions as decisions_db
    from tdkt_desktop.db import settings as settings_db

    page = _page(window, "Quyết định")
    tour.settle()
    office = settings_db.get_settings(window.db).office_name
    own = [d for d in decisions_db.list_decisions(window.db) if d.issuer == office and d.award_count]
    if own:  # one of the office's own decisions: the office prints those
        page.select_decision(own[0].id)

    def with_lines(dialog):
        from tdkt_desktop.ui.awards.widgets import set_combo_data

        dialog.number.setText("125/QĐ-SKHCN")
        set_combo_data(dialog.award_type, "giay_khen")
        dialog.add_recipients(dialog.staff[:6])
        dialog.paste.setPlainText("CB001")
        dialog.paste.selectAll()
        tour.context_menu("d07-2-menu-o-dan", dialog.paste)  # a multi-line box (QPlainTextEdit)
        tour.context_menu("d07-3-menu-o-nam", dialog.year)  # a number box (QSpinBox)
        tour.modal("d08-dong-khi-chua-luu", dialog.reject)

    tour.modal("d07-them-quyet-dinh", page.add_button.click, with_lines)
    tour.modal("d09-sua-quyet-dinh", page.edit_button.click)
    tour.modal("d10-xoa-quyet-dinh", page.delete_button.click)
    tour.modal("d11-khong-in-duoc", page.print_decision_button.click)  # only when the build fails
    preview = getattr(window, "print_preview", None)
    if preview is not None:
        tour.modal("d12-hop-thoai-in", preview.print_button.click)
    _close_preview(tour, "d11-xem-truoc-quyet-dinh")
    tour.modal("d13-kieu-in-giay-khen", page.print_certificates_button.click)


def other_pages(tour) -> None:
    """Xếp loại (new initiative, unsaved ratings), catalog, rule set, council meeting and member."""
    window = tour.window
    ratings = _page(window, "Xếp loại, sáng kiến")
    tour.settle()
    tour.modal("d14-them-sang-kien", ratings.add_init.clicked.emit)
    if ratings.grid.rowCount():
        index = ratings.grid.index(0, ratings.grid.COL_RATING)
        ratings.view.setCurrentIndex(index)
        ratings.view.edit(index)  # the rating editor, open as after a double click
        tour.save(window, "d14-2-sua-xep-loai")
        ratings.view.closePersistentEditor(index)
        ratings.view.setFocus()
        ratings.grid.setData(index, "HT" if index.data() != "HT" else "HTT")
        # Another unit (not another year: the year is remembered as the working year, a write).
        other = 1 if ratings.unit_combo.currentIndex() != 1 else 0
        tour.modal("d15-xep-loai-chua-luu", lambda: ratings.unit_combo.setCurrentIndex(other))
    catalog = _page(window, "Danh mục khen thưởng")
    tour.modal("d16-them-danh-hieu", catalog.add_button.click)
    review = _page(window, "Bình xét năm")
    tour.settle()
    tour.modal("d17-bo-quy-tac", review.rules_button.click)
    council = _page(window, "Hội đồng TĐKT")
    tour.settle()
    tour.modal("d18-mo-cuoc-hop-moi", council.new_meeting_button.click)
    tour.modal("d19-them-thanh-vien", council.add_member_button.click)


def menu_dialogs(tour, tmp: Path) -> None:
    """Every "In ấn" menu entry, the Excel file choosers and an import preview that changes people."""
    from tdkt_desktop.ui.transfer import menu as transfer_menu

    window = tour.window
    window.tabs.setCurrentIndex(0)
    number = 20
    for action in window.print_menu.actions():
        if action.isSeparator():
            continue
        name = f"d{number}-{slug(action.text())}"
        if not tour.modal(name, action.trigger):
            _close_preview(tour, name)
        number += 1
    tour.modal(f"d{number}-chon-tep-nhap", window.import_action.trigger)
    tour.modal(f"d{number + 1}-luu-tep-xuat", window.export_action.trigger)
    path = sample_import(window.db, tmp / "nhap-thu.xlsx")

    def confirm(dialog):
        tour.modal(f"d{number + 3}-xac-nhan-nhap", dialog.import_button.click)

    tour.modal(f"d{number + 2}-xem-truoc-nhap", lambda: transfer_menu.import_excel(window, str(path)), confirm)


def sample_import(db, path: Path) -> Path:
    """A small workbook as an officer might bring: one person renamed, one new person in a new unit."""
    from openpyxl import Workbook

    people = staff_db.list_staff(db)
    book = Workbook()
    sheet = book.active
    sheet.title = "Cán bộ"
    sheet.append(["Mã cán bộ", "Họ và tên", "Chức vụ", "Đơn vị"])
    if people:
        first = people[0]
        sheet.append([first.code, "Nguyễn Văn An", first.position, first.unit_name])
    sheet.append(["CB900", "Lương Thị Mai", "Chuyên viên", "VP Sở"])
    book.save(path)
    return path


def ellipsis_buttons(tour, prefix: str, seen: set[int]) -> None:
    """Every visible, enabled button whose text ends in "…" (it opens a dialog, by convention) on the page
    in front; each dialog is grabbed and cancelled, a print preview grabbed and closed."""
    from PySide6.QtWidgets import QPushButton
    from shiboken6 import isValid

    page = tour.window.tabs.currentWidget()
    for button in page.findChildren(QPushButton):
        if not isValid(button):  # a closed dialog's own buttons, deleted with it meanwhile
            continue
        text = button.text().replace("&", "")
        if not (text.endswith("…") and button.isVisible() and button.isEnabled()) or id(button) in seen:
            continue
        seen.add(id(button))
        name = f"{prefix}-{slug(text)}"
        if not tour.modal(name, button.click):
            _close_preview(tour, name)


def tab_dialogs(tour) -> None:
    """The campaigns and blocs tabs: the dialogs of each page and sub-page."""
    window = tour.window
    for tab in (window.campaigns_tab, window.blocs_tab):
        window.tabs.setCurrentWidget(tab)
        tour.settle()
        base = f"t{window.tabs.currentIndex() + 1}-{slug(window.tabs.tabText(window.tabs.currentIndex()))}"
        seen: set[int] = set()  # a button above the sub-pages (the bloc chooser's) is grabbed once
        ellipsis_buttons(tour, base, seen)
        pages = getattr(tab, "pages", None)
        for k in range(1, pages.count() if pages is not None else 0):
            pages.setCurrentIndex(k)
            tour.settle()
            ellipsis_buttons(tour, f"{base}-{k + 1}", seen)
        if pages is not None:
            pages.setCurrentIndex(0)
        views = getattr(tab, "screenshot_views", lambda: [])()
        for k, (_title, show) in enumerate(views, start=1):
            show()
            tour.settle()
            ellipsis_buttons(tour, f"{base}-p{k}", seen)


def all_dialogs(tour, tmp: Path) -> None:
    """The whole dialog tour, in menu order; the database is left as it was."""
    staff_dialogs(tour)
    decision_dialogs(tour)
    other_pages(tour)
    tab_dialogs(tour)
    menu_dialogs(tour, tmp)
    tour.window.tabs.setCurrentIndex(0)
