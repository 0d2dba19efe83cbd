"""Print preview: QPdfView with page navigation and zoom, then print (QPrinter) or save as PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from tdkt_desktop.ui.common.widgets import fit_to_screen

#: Highest raster resolution sent to the printer: office printers are 300–600 dpi; a 1200 dpi
#: A4 raster (PDF printers report that) would need over half a gigabyte per page.
RENDER_DPI = 600

ZOOMS = [("Vừa trang", 0.0), ("Vừa chiều rộng", -1.0), ("50 %", 0.5), ("75 %", 0.75), ("100 %", 1.0),
         ("150 %", 1.5), ("200 %", 2.0)]


class PreviewDialog(QDialog):
    """Shows a PDF (bytes); "In…" sends it to a printer, "Lưu PDF…" writes it to a file.

    ``on_output(kind)`` runs after a successful print ("print") or save ("save") and returns
    whether its own write worked; printing certificates uses it to write the register.
    """

    def __init__(self, pdf: bytes, title: str, parent=None, *, file_name: str = "tai-lieu.pdf",
                 on_output: Callable[[str], bool] | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Xem trước – {title}")
        fit_to_screen(self, 1000, 780)  # a 1366×768 laptop shows it whole
        self.pdf = pdf
        self.file_name = file_name
        self.on_output = on_output
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)  # kept alive: QPdfDocument reads it lazily
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)

        self.prev_button = QPushButton("◀ Trang trước")
        self.next_button = QPushButton("Trang sau ▶")
        self.page_label = QLabel()
        self.zoom_box = QComboBox()
        for text, value in ZOOMS:
            self.zoom_box.addItem(text, value)
        self.print_button = QPushButton("In…")
        self.save_button = QPushButton("Lưu PDF…")
        close_button = QPushButton("Đóng")
        self.prev_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.zoom_box.currentIndexChanged.connect(self._apply_zoom)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        close_button.clicked.connect(self.reject)

        bar = QHBoxLayout()
        for w in (self.prev_button, self.page_label, self.next_button, QLabel("  Thu phóng:"), self.zoom_box):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.print_button, self.save_button, close_button):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        # Keyboard: Ctrl+P print, Ctrl+S save, PgUp/PgDn pages, Ctrl+Home/End first/last page.
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_pdf),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to(self.current_page() - 1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to(self.current_page() + 1)),
            (QKeySequence("Ctrl+Home"), lambda: self.go_to(0)),
            (QKeySequence("Ctrl+End"), lambda: self.go_to(self.page_count() - 1)),
        ):
            QShortcut(keys, self, activated=slot)
        self.print_button.setToolTip("In (Ctrl+P)")
        self.save_button.setToolTip("Lưu thành tệp PDF (Ctrl+S)")
        self._update_page_label()

    # --- navigation and zoom --------------------------------------------------------------------

    def page_count(self) -> int:
        """Pages in the document."""
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown (0-based)."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        """Jump to ``page`` (clamped to the document)."""
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_page_label()

    def _update_page_label(self, *_args) -> None:
        count = self.page_count()
        page = self.current_page()
        self.page_label.setText(f"Trang {page + 1}/{count}" if count else "Không có trang")
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)

    def _apply_zoom(self, index: int) -> None:
        value = self.zoom_box.itemData(index)
        if value == 0.0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        elif value == -1.0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(value)

    # --- output -----------------------------------------------------------------------------------

    def _done(self, kind: str) -> bool:
        """Run ``on_output``; it returns False when its write failed (it has told the user)."""
        return True if self.on_output is None else bool(self.on_output(kind))

    def save_pdf(self) -> bool:
        """Ask for a file name and write the PDF there."""
        path, _ = QFileDialog.getSaveFileName(self, "Lưu PDF", self.file_name, "Tệp PDF (*.pdf)")
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.critical(self, "Không lưu được", f"Không ghi được tệp “{path}”: {exc.strerror or exc}")
            return False
        if not self._done("save"):
            # The register could not record these certificates: drop the file so that no
            # certificate with an unrecorded serial is left behind.
            Path(path).unlink(missing_ok=True)
            return False
        QMessageBox.information(self, "Đã lưu", f"Đã lưu tệp {path}.")
        return True

    def print_document(self) -> bool:
        """Choose a printer and print; with no printer installed, offer to save a PDF instead."""
        if not QPrinterInfo.availablePrinters():
            answer = QMessageBox.question(
                self, "Không có máy in",
                "Máy tính này chưa cài máy in nào. Lưu tài liệu thành tệp PDF để in ở máy khác?",
            )
            return self.save_pdf() if answer == QMessageBox.StandardButton.Yes else False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In tài liệu")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if not self.print_to(printer):
            QMessageBox.critical(self, "Không in được", "Máy in không nhận lệnh in; hãy kiểm tra máy in.")
            return False
        return self._done("print")

    def prepare_printer(self, printer: QPrinter) -> None:
        """Paper size and orientation of the document's first page (certificates are landscape)."""
        size = self.document.pagePointSize(0)
        landscape = size.width() > size.height()
        portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
        # FuzzyMatch turns 595.3 × 841.9 pt into the printer's own "A4" entry.
        page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)  # coordinates from the paper's corner: overlay fields land where measured

    def print_to(self, printer: QPrinter) -> bool:
        """Draw every page at its true physical size (1 pt of PDF = 1 pt of paper, never fitted).

        Pages are rendered at the printer's resolution (capped at :data:`RENDER_DPI`) and drawn
        into the page's exact size in device pixels, one page at a time.
        """
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            dpi = printer.resolution()
            render_dpi = min(dpi, RENDER_DPI)
            for page in range(self.page_count()):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                pixels = QSize(round(points.width() * render_dpi / 72), round(points.height() * render_dpi / 72))
                target = QRectF(0, 0, points.width() * dpi / 72, points.height() * dpi / 72)
                painter.drawImage(target, self.document.render(page, pixels))
        finally:
            painter.end()
        return True
