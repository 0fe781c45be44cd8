"""A markdown view as tall as its text, for pages that scroll as a whole."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from interviewprep.ui.widgets.markdown_view import MarkdownView


class FittedMarkdownView(MarkdownView):
    """A markdown view as tall as its text, without scroll bars of its own: the page around it
    scrolls, so the reference is never a small box inside a box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setDocument(self, document: QTextDocument) -> None:
        super().setDocument(document)
        document.documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
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
