"""The finished round's rubric: a box to tick for each item the notes covered, weighted, the
score and the grade it suggests."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout

from interviewprep.banks.titles import plain_text
from interviewprep.services.design import DesignSession
from interviewprep.ui.discard import clear_layout
from interviewprep.ui.screens.base import card, label


class _ClickableLabel(QLabel):
    """A wrapped label that toggles its checkbox, since QCheckBox text cannot wrap."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class RubricCard:
    def __init__(self) -> None:
        self.on_toggle: Callable[[int, bool], None] = lambda _index, _on: None
        """Told of each tick and untick: the item's index, ticked or not."""
        self.frame, layout = card()
        head = QHBoxLayout()
        head.addWidget(label("Rubric", "Subtitle"))
        head.addStretch(1)
        self.score_label = label("", "Subtitle")
        head.addWidget(self.score_label)
        layout.addLayout(head)
        self.help = label("Tick what your notes covered.", "Muted", wrap=True)
        layout.addWidget(self.help)
        self.items = QVBoxLayout()
        self.items.setSpacing(6)
        layout.addLayout(self.items)
        self.score_bar = QProgressBar()
        self.score_bar.setRange(0, 1000)
        self.score_bar.setTextVisible(False)
        layout.addWidget(self.score_bar)
        self.suggestion = label("", "Muted", wrap=True)
        layout.addWidget(self.suggestion)
        self.boxes: list[QCheckBox] = []

    def build(self, session: DesignSession | None) -> None:
        clear_layout(self.items)
        self.boxes = []
        if session is None:
            return
        for index, item in enumerate(session.rubric):
            text = plain_text(item.text)
            row = QHBoxLayout()
            row.setSpacing(8)
            box = QCheckBox()
            box.setAccessibleName(text)
            box.setToolTip(f"Weight {item.weight}")
            box.setChecked(index in session.checked)
            box.toggled.connect(lambda on, i=index: self.on_toggle(i, on))
            words = _ClickableLabel(text)
            words.setWordWrap(True)
            words.clicked.connect(box.click)
            weight = label(f"×{item.weight}", "Badge")
            weight.setToolTip(f"Weight {item.weight}")
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(words, 1)
            row.addWidget(weight, 0, Qt.AlignmentFlag.AlignTop)
            self.items.addLayout(row)
            self.boxes.append(box)

    def show_score(self, session: DesignSession) -> str:
        """Shows the score and the suggestion; returns the line for under the page."""
        score, suggested = session.score(), session.suggested()
        percent = round(score * 100)
        self.score_label.setText(f"{percent}%")
        self.score_bar.setValue(round(score * 1000))
        given = session.attempt.grade if session.attempt is not None else None
        if given is not None:
            self.suggestion.setText(
                f"Rubric suggested {suggested.label}; you graded {given.label}."
            )
            return f"Graded {given.label} · rubric {percent}%"
        self.suggestion.setText(
            f"Suggests {suggested.label}. Choose another grade if the rubric misses something."
        )
        return f"Rubric {percent}% suggests {suggested.label}"

    def set_open(self, open_: bool) -> None:
        for box in self.boxes:
            box.setEnabled(open_)
