"""The message at the moment a question becomes a leech: suspend it, rewrite it, or keep it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from interviewprep.core.card_record import CardRecord
from interviewprep.core.leech import LEECH_LAPSES
from interviewprep.services.browse import first_line
from interviewprep.ui.screens.base import label

SUSPEND, REWRITE, KEEP = "suspend", "rewrite", "keep"
_KEYS = {Qt.Key.Key_S: SUSPEND, Qt.Key.Key_R: REWRITE}


class LeechPrompt(QDialog):
    """Window-modal but not blocking (``open``): ``chosen`` says what the user picked, each
    choice one key, as Anki's leech action is one click."""

    chosen = Signal(str)

    def __init__(self, card: CardRecord, lapses: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setWindowTitle("Leech")
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(label("This question is a leech", "Subtitle"))
        layout.addWidget(label(f"“{first_line(card.prompt)}”", wrap=True))
        layout.addWidget(
            label(
                f"You have forgotten it {lapses} times after learning it (the leech mark is "
                f"{LEECH_LAPSES}). Drilling it again rarely helps: rewrite it in your own "
                "words, split it, or put it aside. Find leeches later in Browse with is:leech.",
                "Muted",
                wrap=True,
            )
        )
        row = QHBoxLayout()
        self.suspend_button = QPushButton("Suspend (S)")
        self.suspend_button.setObjectName("Primary")
        self.rewrite_button = QPushButton("Rewrite in my note (R)")
        self.keep_button = QPushButton("Keep (Esc)")
        row.addWidget(self.suspend_button)
        row.addWidget(self.rewrite_button)
        row.addStretch(1)
        row.addWidget(self.keep_button)
        layout.addLayout(row)
        self.suspend_button.clicked.connect(lambda: self._choose(SUSPEND))
        self.rewrite_button.clicked.connect(lambda: self._choose(REWRITE))
        self.keep_button.clicked.connect(self.reject)
        self.rejected.connect(lambda: self.chosen.emit(KEEP))
        self.setMinimumWidth(460)

    def event(self, event: QEvent) -> bool:
        # Our keys are ours while the prompt is up, not the review screen's S behind it:
        # claiming the override turns them into plain key presses here.
        if event.type() == QEvent.Type.ShortcutOverride and _choice(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        choice = _choice(event)
        if choice is not None:
            self._choose(choice)
            return
        super().keyPressEvent(event)

    def _choose(self, choice: str) -> None:
        self.chosen.emit(choice)
        self.done(QDialog.DialogCode.Accepted)


def _choice(event: QEvent) -> str | None:
    if not isinstance(event, QKeyEvent) or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return None
    return _KEYS.get(Qt.Key(event.key()))
