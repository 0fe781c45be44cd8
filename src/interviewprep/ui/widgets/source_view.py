"""A file's text, read-only, with line numbers in a gutter and one line marked: where a
problem is, as an editor shows it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPaintEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget


class _Gutter(QWidget):
    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:
        return QSize(self._view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view.paint_gutter(event)


class SourceView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # markdown is prose: wrapped, as an editor with soft wrap shows it (numbers per line)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setAccessibleName("Source")
        # the text cursor stays visible on a read-only view: a keyboard user sees the line
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self._gutter = _Gutter(self)
        self._marked = 0
        self._mark_colour = QColor("#fff3bf")
        self._number_colour = QColor("#6b7280")
        self.blockCountChanged.connect(lambda _n: self._fit_gutter())
        self.updateRequest.connect(self._scrolled)
        self._fit_gutter()

    def set_colours(self, mark: str, numbers: str) -> None:
        self._mark_colour = QColor(mark)
        self._number_colour = QColor(numbers)
        self._show_mark()
        self._gutter.update()

    def set_source(self, text: str) -> None:
        top = self.verticalScrollBar().value()
        self.setPlainText(text)
        self.verticalScrollBar().setValue(top)
        self._show_mark()

    def marked_line(self) -> int:
        return self._marked

    def show_line(self, line: int) -> None:
        """Move to ``line`` (1-based), mark it and bring it to the middle of the view."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            block = self.document().lastBlock()
        self._marked = block.blockNumber() + 1
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()
        self._show_mark()

    def _show_mark(self) -> None:
        if not self._marked:
            self.setExtraSelections([])
            return
        block = self.document().findBlockByNumber(self._marked - 1)
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(self._mark_colour)
        mark.format.setProperty(
            mark.format.Property.FullWidthSelection,
            True,
        )
        mark.cursor = QTextCursor(block)
        self.setExtraSelections([mark])

    # -- the gutter ---------------------------------------------------------------------------

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 16 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scrolled(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        right = self._gutter.width() - 8
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber() + 1
                font = painter.font()
                font.setBold(number == self._marked)
                painter.setFont(font)
                painter.setPen(self._number_colour)
                painter.drawText(0, top, right, height, Qt.AlignmentFlag.AlignRight, str(number))
            block = block.next()
            top = bottom
        painter.end()
