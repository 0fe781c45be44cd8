"""The review screen's reading area: the question and its answer in one scrolling page, in a
column of readable width centred on wide screens, as a book or a web article sets its text.

Each view is as tall as its text, so the question takes the room it needs and no more, and
the answer follows it; only the page scrolls (one scroll bar, never a box inside a box)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractSlider,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

READING_CHARS = 90
"""The longest line the column allows, in average characters: past about 90, the eye loses
its way back to the start of the next line."""


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
