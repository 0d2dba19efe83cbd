"""In ấn menu, preview (pages, zoom, print, save), certificate register logging, print settings."""

from __future__ import annotations

import pytest
from pdfutil import page_count, page_size
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from tdkt_desktop.db import certificates as register
from tdkt_desktop.db import review_council
from tdkt_desktop.db.award_records import PrintOptions, PrintProfile
from tdkt_desktop.services import certificate_sources as sources
from tdkt_desktop.services import documents
from tdkt_desktop.services import printing as print_service
from tdkt_desktop.ui.printing import actions
from tdkt_desktop.ui.printing import menu as printing
from tdkt_desktop.ui.printing.choosers import DecisionChooser, DecisionModel, RegisterDialog, YearRangeDialog
from tdkt_desktop.ui.printing.settings_dialog import PrintSettingsDialog


def _decision_id(db, number="28/QĐ-SKHCN", year=None):
    return print_service.find_decision(db, number, year=year).id


def _ready(qtbot, dialog, pages):
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() == pages)


def test_menu_is_installed(main_window):
    texts = [a.text() for a in main_window.print_menu.actions() if a.text()]
    assert texts[0] == "In giấy khen theo quyết định…"
    assert "Cài đặt in…" in texts and "Báo cáo thống kê khen thưởng…" in texts


def test_certificates_preview_navigation_zoom_and_save_logs_register(main_window, qtbot, tmp_path, monkeypatch):
    db = main_window.db
    dialog = actions.print_certificates(main_window, _decision_id(db), overlay=False)
    _ready(qtbot, dialog, 16)
    assert dialog.page_label.text() == "Trang 1/16"
    assert not dialog.prev_button.isEnabled()
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.page_label.text() == "Trang 2/16")
    dialog.go_to(99)
    qtbot.waitUntil(lambda: dialog.page_label.text() == "Trang 16/16")
    assert not dialog.next_button.isEnabled()
    dialog.zoom_box.setCurrentIndex(4)  # 100 %
    assert dialog.view.zoomFactor() == 1.0
    assert db["certificate_register"].count == 0  # previewing logs nothing
    target = tmp_path / "gk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    with qtbot.waitSignal(main_window.data_changed):
        assert dialog.save_pdf()
    assert page_count(target.read_bytes(), tmp_path) == 16
    assert db["certificate_register"].count == 16
    assert db["awards"].count_where("certificate_serial IS NOT NULL") == 16
    assert dialog.save_pdf()  # the same preview saved again: logged as reprints
    assert db["certificate_register"].count_where("reprint = 1") == 16


def test_selected_awards_only_and_print_path(main_window, qtbot, tmp_path, monkeypatch):
    db = main_window.db
    decision_id = _decision_id(db)
    chosen = [a.id for a in sources.certificate_awards(db, decision_id)][3:5]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (actions.OVERLAY_CHOICES[1], True))
    dialog = actions.print_certificates(main_window, decision_id, chosen)
    _ready(qtbot, dialog, 2)
    out = tmp_path / "printer.pdf"
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["máy in giả"]))

    def fake_exec(print_dialog):
        printer = print_dialog.printer()
        printer.setResolution(72)  # keep the test's raster small
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    assert dialog.print_document()
    assert page_count(out.read_bytes(), tmp_path) == 2
    assert page_size(out.read_bytes()) == (842, 595)  # landscape A4, the certificate's own size, not fitted to portrait
    entries = register.register_entries(db)
    assert sorted(e.award_id for e in entries) == sorted(chosen)
    assert {e.mode for e in entries} == {"overlay"}


def test_no_printer_offers_to_save(main_window, qtbot, tmp_path, monkeypatch):
    dialog = actions.preview_decision(main_window, _decision_id(main_window.db))
    _ready(qtbot, dialog, 2)
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    target = tmp_path / "qd"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.print_document()
    assert "chưa cài máy in" in asked[0]
    assert (tmp_path / "qd.pdf").read_bytes().startswith(b"%PDF")


def test_save_to_bad_place_shows_error(main_window, qtbot, tmp_path, monkeypatch):
    dialog = actions.print_certificates(main_window, _decision_id(main_window.db), overlay=False)
    _ready(qtbot, dialog, 16)
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "x.pdf"), ""))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert not dialog.save_pdf()
    assert "Không ghi được tệp" in shown[0]
    assert main_window.db["certificate_register"].count == 0


def test_user_errors_become_messages(main_window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    db = main_window.db
    assert actions.preview_decision(main_window, _decision_id(db, "29/QĐ-UBND")) is None
    assert actions.print_certificates(main_window, _decision_id(db, "11/QĐ-SKHCN", 2026), overlay=True) is None
    assert "do UBND tỉnh Cao Bằng ban hành" in shown[0]
    assert "không có lượt khen thưởng" in shown[1]


@pytest.mark.parametrize("build", [
    lambda w, db: actions.preview_proposal(w, _decision_id(db, "29/QĐ-UBND")),
    lambda w, db: actions.preview_meeting_minutes(w, review_council.meetings(db)[0].id),
    lambda w, db: actions.preview_registration(w, year=2026, staff_id=3, title="chien_si_thi_dua_co_so"),
    lambda w, db: actions.preview_statistics(w, 2021, 2025),
    lambda w, db: actions.preview_calibration(w),
])
def test_every_document_previews(main_window, qtbot, build):
    dialog = build(main_window, main_window.db)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() >= 1)


def test_decision_chooser_filters_without_diacritics(qtbot, qtmodeltester, demo_db):
    from helpers import type_text

    from tdkt_desktop.db import decisions as decisions_db

    dialog = DecisionChooser(decisions_db.list_decisions(demo_db), "Chọn quyết định")
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    type_text(dialog.search, "chien si")
    assert dialog.proxy.rowCount() == 5  # the five yearly Chiến sĩ thi đua cơ sở decisions
    dialog.view.selectRow(0)
    assert "Chiến sĩ thi đua cơ sở" in dialog.decision().summary
    assert DecisionModel.COLUMNS[0].header == "Số quyết định"


def test_register_dialog_lists_printed_certificates(qtbot, qtmodeltester, demo_db):
    from helpers import type_text

    awards = sources.certificate_awards(demo_db, _decision_id(demo_db))
    register.record_printing(demo_db, register.plan_certificates(demo_db, awards))
    dialog = RegisterDialog(register.register_entries(demo_db))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.proxy.rowCount() == 16
    type_text(dialog.search, awards[5].recipient_name)
    assert dialog.proxy.rowCount() == 1
    assert dialog.proxy.index(0, 0).data() == "006/2025"
    assert dialog.proxy.index(0, 5).data() == "Cấp lần đầu"


def test_year_range_dialog_rejects_reversed_period(qtbot):
    dialog = YearRangeDialog(2021, 2025)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert save.isEnabled()
    dialog.from_spin.setValue(2026)
    assert not save.isEnabled() and "Năm bắt đầu" in dialog.error.text()


def test_print_settings_dialog_validates_and_returns_records(qtbot):
    shown = []
    profile = PrintProfile(id=None, name="Mặc định", blank_type="a4_ngang")
    dialog = PrintSettingsDialog(profile, PrintOptions(("Quyết định số 08/2018/QĐ-UBND",), ""),
                                 {"a4_ngang": "Phôi A4", "a3_ngang": "Phôi A3"}, show_calibration=lambda p, parent: shown.append(p))
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    dialog.name_edit.setText("")
    assert not save.isEnabled() and "không được để trống" in dialog.error.text()
    dialog.name_edit.setText("Máy in Văn phòng")
    assert save.isEnabled()
    dialog.blank_box.setCurrentIndex(1)
    dialog.x_spin.setValue(1.5)
    dialog.y_spin.setValue(-2.0)
    dialog.bases_edit.setPlainText("Quyết định số 08/2018/QĐ-UBND\n\nQuyết định số 12/2021/QĐ-UBND")
    dialog.calibration_button.click()
    assert shown[0].offset_x_mm == 1.5 and shown[0].blank_type == "a3_ngang"
    new_profile, options = dialog.value()
    assert new_profile == PrintProfile(id=None, name="Máy in Văn phòng", blank_type="a3_ngang", offset_x_mm=1.5,
                                       offset_y_mm=-2.0, is_default=True)
    assert options.office_bases == ("Quyết định số 08/2018/QĐ-UBND", "Quyết định số 12/2021/QĐ-UBND")


def test_settings_menu_saves_profile_and_options(main_window, monkeypatch):
    def accept(dialog):
        dialog.name_edit.setText("Canon")
        dialog.y_spin.setValue(3.0)
        dialog.proposer_edit.setText("Hội đồng Thi đua - Khen thưởng Sở")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PrintSettingsDialog, "exec", accept)
    printing._on_settings(main_window)
    saved = register.default_profile(main_window.db)
    assert (saved.name, saved.offset_y_mm) == ("Canon", 3.0)
    assert register.get_print_options(main_window.db).proposer == "Hội đồng Thi đua - Khen thưởng Sở"
    text = documents.decision_text_for(main_window.db, _decision_id(main_window.db))
    assert text.bases[-1] == "Theo đề nghị của Hội đồng Thi đua - Khen thưởng Sở."


def test_menu_decision_action_uses_the_chooser(main_window, qtbot, monkeypatch):
    chosen = _decision_id(main_window.db, "20/QĐ-SKHCN")

    def pick(dialog):
        row = dialog.model.row_of(lambda d: d.id == chosen)
        dialog.view.selectRow(dialog.proxy.mapFromSource(dialog.model.index(row, 0)).row())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionChooser, "exec", pick)
    action = next(a for a in main_window.print_menu.actions() if a.text() == "Xem và in quyết định…")
    action.trigger()
    dialog = main_window.print_preview
    _ready(qtbot, dialog, 2)
    assert dialog.windowTitle() == "Xem trước – Quyết định 20/QĐ-SKHCN"


class _FakeDecisionsPage:
    """What the decisions page offers printing: a buttons row and the current selection."""

    def __init__(self, decision_id, award_ids):
        from PySide6.QtWidgets import QHBoxLayout, QWidget

        self.widget = QWidget()
        self.actions_bar = QHBoxLayout(self.widget)
        self._decision_id, self._award_ids = decision_id, award_ids

    def current_decision_id(self):
        return self._decision_id

    def selected_award_ids(self):
        return self._award_ids


def test_decision_page_buttons_print_selected_lines(main_window, qtbot, monkeypatch):
    db = main_window.db
    decision_id = _decision_id(db)
    chosen = [a.id for a in sources.certificate_awards(db, decision_id)][:3]
    page = _FakeDecisionsPage(decision_id, chosen)
    qtbot.addWidget(page.widget)
    printing.add_decision_buttons(page, main_window)
    assert page.actions_bar.count() == 2
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (actions.OVERLAY_CHOICES[0], True))
    page.print_certificates_button.click()
    _ready(qtbot, main_window.print_preview, 3)
    page.print_decision_button.click()
    _ready(qtbot, main_window.print_preview, 2)
    assert main_window.print_preview.windowTitle() == "Xem trước – Quyết định 28/QĐ-SKHCN"


def test_decision_page_buttons_without_selection(main_window, qtbot, monkeypatch):
    page = _FakeDecisionsPage(None, [])
    qtbot.addWidget(page.widget)
    printing.add_decision_buttons(page, main_window)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    page.print_decision_button.click()
    assert told == ["Hãy chọn một quyết định trong danh sách trước."]


def test_window_start_does_not_load_reportlab_or_qtpdf(tmp_path):
    """The print menu is installed at start-up, but ReportLab and QtPdf load only when printing."""
    from helpers import fresh_python

    script = (
        "import sys\n"
        "from tdkt_desktop.ui.shell.app import ensure_app\n"
        "app = ensure_app()\n"
        "from tdkt_desktop.db.connection import open_memory\n"
        "from tdkt_desktop.ui.shell.main_window import MainWindow\n"
        "w = MainWindow(open_memory()); w.show(); app.processEvents()\n"
        "assert w.print_menu.actions()\n"
        "print(sorted(m for m in ('reportlab', 'PySide6.QtPdf', 'PySide6.QtPrintSupport') if m in sys.modules))\n"
    )
    assert fresh_python(script, tmp_path).strip() == "[]"


def test_preview_keyboard_navigation(main_window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog = actions.print_certificates(main_window, _decision_id(main_window.db), overlay=True)
    _ready(qtbot, dialog, 16)
    qtbot.waitExposed(dialog)
    dialog.windowHandle().requestActivate()  # offscreen: the main window stays active otherwise
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: dialog.current_page() == 1)
    qtbot.keyClick(dialog, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.current_page() == 15)
    qtbot.keyClick(dialog, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: dialog.page_label.text() == "Trang 15/16")


def test_minutes_menu_prints_a_recorded_meeting(main_window, qtbot, tmp_path, monkeypatch):
    from pdfutil import pdf_text

    from tdkt_desktop.db import review_council

    meeting = review_council.meetings(main_window.db)[0]
    seen = []

    def pick(_parent, _title, _label, items, *_a, **_k):
        seen.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    action = next(a for a in main_window.print_menu.actions() if a.text().startswith("Biên bản họp"))
    action.trigger()
    assert seen[0] == f"Họp ngày 22/12/2025 – xét năm {meeting.year}" and seen[-1] == printing.FROM_DECISION
    dialog = main_window.print_preview
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() >= 1)
    text = pdf_text(dialog.pdf, tmp_path)
    assert "Thành viên có mặt: 8/9." in text and "có ý kiến bằng văn bản" in text
    assert "ngày 22 tháng 12 năm 2025" in text


def test_proposal_menu_sends_meeting_results_upward(main_window, qtbot, tmp_path, monkeypatch):
    from pdfutil import pdf_text
    from PySide6.QtCore import QDate

    from tdkt_desktop.ui.printing.choosers import ProposalChooser

    seen = []

    def pick(chooser, day=None):
        seen.append(([chooser.list_box.itemText(i) for i in range(chooser.list_box.count())],
                     chooser.date_edit.date().toString("dd/MM/yyyy")))
        chooser.list_box.setCurrentIndex(chooser.list_box.count() - 1)
        assert not chooser.date_edit.isEnabled()  # a decision's list is dated in the decision chooser
        chooser.list_box.setCurrentIndex(0)
        if day:
            chooser.date_edit.setDate(QDate(*day))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ProposalChooser, "exec", pick)
    action = next(a for a in main_window.print_menu.actions() if a.text().startswith("Tờ trình"))
    action.trigger()
    assert seen == [(["Họp ngày 22/12/2025: đề nghị Chủ tịch UBND tỉnh (2 lượt)", printing.PROPOSAL_FROM_DECISION],
                     "22/12/2025")]
    dialog = main_window.print_preview
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() == 2)
    text = pdf_text(dialog.pdf, tmp_path)
    assert "Kính gửi: Chủ tịch UBND tỉnh Cao Bằng (qua Sở Nội vụ)" in text
    assert "Kính trình Chủ tịch UBND tỉnh Cao Bằng xem xét, quyết định./." in text
    assert "Cao Bằng, ngày 22 tháng 12 năm 2025" in text  # the meeting's day, not today
    monkeypatch.setattr(ProposalChooser, "exec", lambda chooser: pick(chooser, (2026, 1, 5)))
    action.trigger()
    dialog = main_window.print_preview
    qtbot.addWidget(dialog)
    assert "Cao Bằng, ngày 05 tháng 01 năm 2026" in pdf_text(dialog.pdf, tmp_path)


def test_serial_taken_meanwhile_is_reported_and_not_logged(main_window, qtbot, tmp_path, monkeypatch):
    db = main_window.db
    decision_id = _decision_id(db)
    dialog = actions.print_certificates(main_window, decision_id, overlay=False)
    _ready(qtbot, dialog, 16)
    # Someone prints the first certificate from another preview before this one is saved.
    first = sources.certificate_awards(db, decision_id)[:1]
    register.record_printing(db, register.plan_certificates(db, first))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "gk.pdf"), ""))
    assert not dialog.save_pdf()
    assert "001/2025" in warned[0] and "vừa được cấp" in warned[0]
    assert db["certificate_register"].count == 1  # only the other print
    assert not (tmp_path / "gk.pdf").exists()


def test_real_decisions_page_prints_selected_awardees(main_window, qtbot, tmp_path, monkeypatch):
    from pdfutil import pdf_text
    from PySide6.QtCore import QItemSelectionModel

    page = main_window.titles_tab.page("Quyết định")
    main_window.tabs.setCurrentWidget(main_window.titles_tab)
    main_window.titles_tab.pages.setCurrentWidget(page)
    decision_id = _decision_id(main_window.db)
    assert page.select_decision(decision_id)
    qtbot.waitUntil(lambda: page.awards_model.rowCount() == 16)
    # Select the 3rd and 4th award lines (two people) in the lower table.
    selection = page.awards_view.selectionModel()
    for row in (2, 3):
        selection.select(page.awards_view.model().index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    wanted = page.selected_award_ids()
    assert len(wanted) == 2
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (actions.OVERLAY_CHOICES[0], True))
    page.print_certificates_button.click()
    dialog = main_window.print_preview
    _ready(qtbot, dialog, 2)
    names = [a.recipient_name.upper() for a in sources.certificate_awards(main_window.db, decision_id, wanted)]
    assert names[0] in pdf_text(dialog.pdf, tmp_path, first=1, last=1)
    assert names[1] in pdf_text(dialog.pdf, tmp_path, first=2, last=2)
    page.print_decision_button.click()
    _ready(qtbot, main_window.print_preview, 2)
    assert main_window.print_preview.windowTitle() == "Xem trước – Quyết định 28/QĐ-SKHCN"
