"""The finished round's grade buttons: as on Review, each shows its grade, its key and the
interval it gives; the rubric's suggestion (or the grade given) is starred and filled."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from interviewprep.core.cards import Grade
from interviewprep.core.scheduling import format_interval
from interviewprep.ui.screens.base import shortcut_tip
from interviewprep.ui.theme import Colors

MIN_WIDTH, MIN_HEIGHT = 96, 50


def grade_text(grade: Grade, interval: str, marked: bool = False) -> str:
    """As on Review's buttons: the grade, its key and the interval it gives, on two lines; a
    star on the one the rubric suggests (or the one given)."""
    name = f"★ {grade.label}" if marked else grade.label
    text = f"{name}  ({int(grade)})"
    return f"{text}\n{interval}" if interval else text


class GradeButtons(QWidget):
    graded = Signal(Grade)
    """A button pressed: the grade it gives."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Grade, QPushButton] = {}
        for grade in Grade:
            button = QPushButton(grade_text(grade, ""))
            button.setObjectName(grade.label)
            button.setMinimumWidth(MIN_WIDTH)
            button.setMinimumHeight(MIN_HEIGHT)
            button.setToolTip(shortcut_tip(f"Grade this attempt {grade.label}", str(int(grade))))
            button.clicked.connect(lambda _=False, g=grade: self.graded.emit(g))
            self.buttons[grade] = button
            row.addWidget(button)

    def show_choice(
        self,
        intervals: dict[Grade, timedelta],
        marked: Grade,
        open_: bool,
        colors: Colors,
    ) -> None:
        """The intervals (none once graded), the marked grade, and whether one can be given."""
        grade_colors = {
            Grade.AGAIN: colors.again,
            Grade.HARD: colors.hard,
            Grade.GOOD: colors.good,
            Grade.EASY: colors.easy,
        }
        for grade, button in self.buttons.items():
            interval = format_interval(intervals[grade]) if grade in intervals else ""
            is_marked = grade == marked
            button.setText(grade_text(grade, interval, is_marked))
            button.setEnabled(open_)
            button.setProperty("suggested", is_marked)
            fill = grade_colors[grade]
            # Filled in its grade's colour, so it never looks like the keyboard focus ring.
            button.setStyleSheet(
                f"QPushButton {{ background: {fill}; color: {colors.accent_text};"
                f" font-weight: 700; border: 1px solid {fill}; }}"
                f" QPushButton:focus {{ border: 2px solid {colors.text}; }}"
                f" QPushButton:disabled {{ background: {fill}; color: {colors.accent_text}; }}"
                if is_marked
                else ""
            )
        self._fit()

    def _fit(self) -> None:
        """Never shorter than their two lines: at 15 pt the page above took the height and
        the layout cut the buttons to their 50 px minimum."""
        for button in self.buttons.values():
            button.ensurePolished()
            hint = button.sizeHint()
            button.setMinimumSize(max(MIN_WIDTH, hint.width()), max(MIN_HEIGHT, hint.height()))
