"""The personal note on a question, edited in place under the answer rather than in a dialog
over it: the answer stays in view (and scrolls) while the note is written.

Ctrl+Enter saves and Esc cancels, as in any note field; Enter is a new line and Tab moves on
to the buttons, so the note never needs the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interviewprep.core.card_record import CardRecord
from interviewprep.ui.screens.base import label

_VISIBLE_LINES = 4


class NoteEditor(QFrame):
    """Hidden until ``edit``; ``saved`` carries the card and the note's text."""

    saved = Signal(object, str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.card: CardRecord | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.heading = label("", "Subtitle")
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(label("Ctrl+Enter saves · Esc cancels", "Muted"))
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button = QPushButton("Save note")
        self.save_button.setObjectName("Primary")
        self.save_button.clicked.connect(self.save)
        top.addWidget(self.cancel_button)
        top.addWidget(self.save_button)
        layout.addLayout(top)
        self.explanation = label("", "Muted", wrap=True)
        layout.addWidget(self.explanation)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Note")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            "Shown with the answer each time this question comes up: the hook you keep "
            "missing, an example, a correction…"
        )
        layout.addWidget(self.text)
        for keys, slot in (
            ("Ctrl+Return", self.save),
            ("Ctrl+Enter", self.save),
            ("Escape", self.cancel),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.fit_font()
        self.hide()

    def fit_font(self) -> None:
        """A few lines tall at the current font, so a short note needs no scrolling."""
        lines = self.text.fontMetrics().lineSpacing() * _VISIBLE_LINES
        self.text.setFixedHeight(lines + 2 * 12)

    def edit(self, card: CardRecord, heading: str, explanation: str = "") -> None:
        self.card = card
        self.heading.setText(heading)
        self.explanation.setText(explanation)
        self.explanation.setVisible(bool(explanation))
        self.text.setPlainText(card.note)
        self.fit_font()
        self.show()
        self.text.setFocus()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    @property
    def editing(self) -> bool:
        return self.card is not None and self.isVisible()

    def save(self) -> None:
        card = self.card
        if card is None:
            return
        text = self.text.toPlainText().strip()
        self._close()
        self.saved.emit(card, text)

    def cancel(self) -> None:
        if self.card is not None:
            self._close()

    def _close(self) -> None:
        self.card = None
        self.hide()
        self.closed.emit()
