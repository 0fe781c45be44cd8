"""The design prompt list in the screen's header: as wide as the longest title allows, and a
title still too long for the room left shows its end as "…" with the whole title on hover."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QSizePolicy, QStyle, QStyleOptionComboBox, QStylePainter

from interviewprep.ui.screens.base import shortcut_tip
from interviewprep.ui.widgets.closed_combo import ClosedCombo

PICK_KEYS = "Ctrl+L"

PICKER_MIN_CHARS = 24
"""The narrowest the box gets, in average characters, so a long title never widens the window."""

_CHROME = 48
"""The box's padding, frame and arrow, in pixels, on top of its text."""


class PromptPicker(ClosedCombo):
    """Qt cuts a combo's text at the box's edge mid-letter; this one elides it instead and
    puts the whole title in the tooltip, and it grows to the longest title, not past it."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Design prompt")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(PICKER_MIN_CHARS)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(lambda _index: self._update_tip())

    def fit_to_titles(self) -> None:
        """At most as wide as the longest title, so a wide window does not stretch the box."""
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        self.setMaximumWidth(max(self.minimumSizeHint().width(), widest + _CHROME))
        self._update_tip()

    def shown_text(self) -> str:
        """The current title as drawn on the closed box: whole, or cut short with "…"."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideRight, field.width()
        )

    def is_cut(self) -> bool:
        return self.shown_text() != self.currentText()

    def _update_tip(self) -> None:
        tip = shortcut_tip("Practise any design prompt, due or not", PICK_KEYS)
        self.setToolTip(f"{self.currentText()}\n{tip}" if self.is_cut() else tip)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
