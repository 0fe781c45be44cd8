"""The design prompt list in the screen's header: as wide as the longest title allows, and a
title still too long for the room left shows its end as "…" with the whole title on hover."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QSizePolicy, QStyle, QStyleOptionComboBox, QStylePainter

from interviewprep.banks.titles import plain_text
from interviewprep.services.design import DesignPrompt
from interviewprep.ui.screens.base import shortcut_tip
from interviewprep.ui.widgets.closed_combo import ClosedCombo

PICK_KEYS = "Ctrl+L"

PICKER_MIN_CHARS = 24
"""The narrowest the box gets, in average characters, so a long title never widens the window."""

_CHROME = 48
"""The box's padding, frame and arrow, in pixels, on top of its text."""


def _key(bank_id: str, question_id: str) -> str:
    # Plain strings: a tuple stored as item data does not survive findData().
    return f"{bank_id}/{question_id}"


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

    def fill(self, prompts: Sequence[DesignPrompt], revisit: Collection[tuple[str, str]]) -> None:
        """Every prompt, those to revisit marked; no choice made (see select())."""
        self.blockSignals(True)
        self.clear()
        for prompt in prompts:
            # Titles may carry inline markdown or LaTeX; a combo box shows plain words.
            text = f"{plain_text(prompt.title)} · {prompt.time_box} min"
            if prompt.key in revisit:  # first: a long title's end may not fit
                text = f"To revisit · {text}"
            self.addItem(text, _key(*prompt.key))
            self.setItemData(
                self.count() - 1,
                f"{plain_text(prompt.bank_title)} · {prompt.difficulty.capitalize()}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.setEnabled(bool(prompts))
        self.fit_to_titles()
        self.blockSignals(False)

    def select(self, key: tuple[str, str] | None) -> None:
        """The prompt on show, or none."""
        self.setCurrentIndex(self.findData(_key(*key)) if key is not None else -1)

    def key_at(self, index: int) -> tuple[str, str] | None:
        data = self.itemData(index)
        if not isinstance(data, str):
            return None
        bank_id, _, question_id = data.partition("/")
        return bank_id, question_id

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
