"""The review screen's reading area: the question and its answer in one scrolling page, in a
column of readable width centred on wide screens, as a book or a web article sets its text.

Each view is as tall as its text, so the question takes the room it needs and no more, and
the answer follows it; only the page scrolls (one scroll bar, never a box inside a box)."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent, QResizeEvent, QTextDocument, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interviewprep.ui.widgets.markdown_view import MarkdownView

READING_CHARS = 90
"""The longest line the column allows, in average characters: past about 90, the eye loses
its way back to the start of the next line."""


class FittedMarkdownView(MarkdownView):
    """A markdown view as tall as its text, without scroll bars of its own: the page around it
    scrolls. Click focus only, so Tab and the review keys stay with the card."""

    def __init__(self, parent: QWidget | None = None, emphasised: bool = False) -> None:
        super().__init__(parent)
        self._emphasised = emphasised
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
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


class ReadingPage(QScrollArea):
    """The one scroll area of the review screen: ``column`` holds the question and the answer,
    at most ``READING_CHARS`` wide at the answer's font size, centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget()
        page.setObjectName("ReadingPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        self._row = row
        self.column = QWidget()
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setContentsMargins(0, 0, 0, 0)
        self.column_layout.setSpacing(14)
        row.addStretch(1)
        row.addWidget(self.column, 100)
        row.addStretch(1)
        self.setWidget(page)
        self.viewport().setAutoFillBackground(False)
        self.verticalScrollBar().rangeChanged.connect(self._keep_centred)
        page.setAutoFillBackground(False)
        self.set_reading_font(11)

    def set_reading_font(self, point_size: float) -> None:
        """Set the column's widest line for text at ``point_size``."""
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        # the views' padding, border and document margin come on top of the text itself
        text_width = QFontMetricsF(font).averageCharWidth() * READING_CHARS
        self.column.setMaximumWidth(math.ceil(text_width) + 2 * (12 + 1 + 4))

    def _keep_centred(self, _low: int, high: int) -> None:
        """The scroll bar takes its width off the right: as much margin on the left keeps the
        column where it was, so revealing a long answer does not shift the text sideways."""
        bar = self.verticalScrollBar().sizeHint().width() if high > 0 else 0
        self._row.setContentsMargins(bar, 0, 0, 0)

    def add(self, widget: QWidget) -> None:
        self.column_layout.addWidget(widget)

    def finish(self) -> None:
        """Call after the last ``add``: spare height goes below the text, not between it."""
        self.column_layout.addStretch(1)

    def to_top(self) -> None:
        self.verticalScrollBar().setValue(0)

    def scroll_lines(self, steps: int) -> None:
        action = QAbstractSlider.SliderAction
        self._repeat(action.SliderSingleStepAdd if steps > 0 else action.SliderSingleStepSub, steps)

    def scroll_pages(self, steps: int) -> None:
        action = QAbstractSlider.SliderAction
        self._repeat(action.SliderPageStepAdd if steps > 0 else action.SliderPageStepSub, steps)

    def _repeat(self, action: QAbstractSlider.SliderAction, steps: int) -> None:
        bar = self.verticalScrollBar()
        # a key press moves about three lines of text, as a browser's arrow key does
        bar.setSingleStep(max(20, 3 * self.fontMetrics().lineSpacing()))
        for _ in range(abs(steps)):
            bar.triggerAction(action)


_OPEN_KEYS = {Qt.Key.Key_F4}


class FilterCombo(QComboBox):
    """A filter that changes only when the user opens it and picks: Tab passes it by (click
    focus), and keys or the wheel over it never step to another choice unseen, which would
    restart the session and lose a revealed card. F4 or Alt+Down opens it, as anywhere."""

    opened = Signal(bool)
    """True as the list opens, False as it closes: the screen's keys must let it have the
    arrows and Enter meanwhile (Qt counts an open list as part of the screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def showPopup(self) -> None:
        self.opened.emit(True)
        super().showPopup()

    def hidePopup(self) -> None:
        super().hidePopup()
        self.opened.emit(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        arrows = (Qt.Key.Key_Down, Qt.Key.Key_Up)
        if event.key() in _OPEN_KEYS or (alt and event.key() in arrows):
            self.showPopup()
            return
        event.ignore()  # to the screen, whose keys these are

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()
