"""The earlier attempts at the prompt on show: one line each, and the notes of the one picked
opened beside the user's own."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
)

from interviewprep.services.design import DesignAttempt, format_clock
from interviewprep.ui.screens.base import card, label, shortcut_tip

ATTEMPT_ROWS_BESIDE_NOTES = 6
"""Earlier attempts listed beside the notes before that list scrolls; the finished page, which
scrolls as a whole, lists them all."""


def when(moment: datetime) -> str:
    return f"{moment.astimezone():%d %b %H:%M}"


def attempt_summary(attempt: DesignAttempt) -> str:
    """One line for the list of earlier attempts."""
    bits = [when(attempt.started_at)]
    if attempt.mode != "practice":
        bits.append(attempt.mode)
    if attempt.grade is not None:
        bits.append(attempt.grade.label)
    elif attempt.abandoned:
        bits.append("stopped")
    elif attempt.finished:
        bits.append("not graded")
    else:
        bits.append("in progress")
    if attempt.score is not None:
        bits.append(f"{round(attempt.score * 100)}%")
    bits.append(format_clock(attempt.elapsed_seconds))
    return " · ".join(bits)


class AttemptsCard:
    def __init__(self) -> None:
        self.frame, layout = card()
        layout.addWidget(label("Earlier attempts", "Subtitle"))
        self.list = QListWidget()
        self.list.setAccessibleName("Earlier attempts")
        self.list.setToolTip("Enter or double-click opens its notes beside yours")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.list)
        self.empty = label("None yet: this is your first attempt.", "Muted", wrap=True)
        layout.addWidget(self.empty)
        self.open_button = QPushButton("Open beside my notes")
        self.open_button.setToolTip(shortcut_tip("Show its notes next to yours", "Enter"))
        layout.addWidget(self.open_button)
        self.attempts: list[DesignAttempt] = []

    def _selected(self, row: int) -> None:
        self.open_button.setEnabled(0 <= row < len(self.attempts))

    def selected(self) -> DesignAttempt | None:
        row = self.list.currentRow()
        return self.attempts[row] if 0 <= row < len(self.attempts) else None

    def fill(self, past: list[DesignAttempt], this: int | None, finished: bool) -> None:
        """``past`` newest first; ``this`` the attempt just graded, marked as such."""
        row = self.list.currentRow()
        if past != self.attempts or not self.list.count():
            self.attempts = past
            self.list.clear()
            for attempt in past:
                text = attempt_summary(attempt)
                item = QListWidgetItem(f"{text} · this one" if attempt.id == this else text)
                item.setToolTip(attempt.notes[:300] or "(no notes)")
                self.list.addItem(item)
            row = 0
        has = bool(self.attempts)
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        self.open_button.setVisible(has)
        if has:
            self.list.setCurrentRow(max(0, min(row, len(self.attempts) - 1)))
        self._fit(finished)

    def _fit(self, finished: bool) -> None:
        """As tall as its rows (the finished page scrolls as a whole); beside the notes, at most
        a few rows, since that column does not scroll."""
        rows = self.list.count()
        shown = rows if finished else min(rows, ATTEMPT_ROWS_BESIDE_NOTES)
        height = sum(self.list.sizeHintForRow(i) for i in range(shown))
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 4)
