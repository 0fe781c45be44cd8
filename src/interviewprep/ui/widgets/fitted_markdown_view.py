"""A markdown view as tall as its text, for pages that scroll as a whole."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from interviewprep.ui.widgets.markdown_view import MarkdownView


class FittedMarkdownView(MarkdownView):
    """A markdown view as tall as its text, without scroll bars of its own: the page around it
    scrolls, so the text is never a small box inside a box. Click focus only, so Tab and the
    screen's keys stay with the screen. ``emphasised`` sets it in a heavier weight (a question
    above its answer)."""

    def __init__(self, parent: QWidget | None = None, emphasised: bool = False) -> None:
        super().__init__(parent)
        self._emphasised = emphasised
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit()

    def setDocument(self, document: QTextDocument) -> None:
        super().setDocument(document)
        self._set_text_font(document)
        document.documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _set_text_font(self, document: QTextDocument) -> None:
        """Qt's rich text takes the body's size and weight from the document's default font,
        not from the style sheet's body rule: set here, so the text follows the font setting
        (and again whenever the widget's font changes, which resets it)."""
        font = QFont(self.font())
        font.setPointSizeF(self._font_pt + 1)
        if self._emphasised:
            font.setWeight(QFont.Weight.DemiBold)
        document.setDefaultFont(font)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._set_text_font(self.document())
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        document = self.document()
        document.setTextWidth(self.viewport().width())
        chrome = self.height() - self.viewport().height()
        height = math.ceil(document.size().height()) + max(0, chrome)
        if height != self.height():
            self.setFixedHeight(height)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # nothing to scroll here: the page around it scrolls
