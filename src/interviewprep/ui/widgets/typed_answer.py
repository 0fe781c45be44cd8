"""The candidate's own answer to a flashcard, typed under the question before the reveal and
kept in view, read-only, beside the reference once it is shown.

While typing, the box has every key that makes text (Space, the digits, the letters: Qt gives a
focused text box those before any shortcut), so nothing grades or undoes behind it; Ctrl+Enter,
which types nothing, reveals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Colors

_MIN_LINES, _MAX_LINES = 4, 14
"""The box starts a few lines tall and grows with the answer, up to where the page scrolls."""

REVEAL, TYPE, ALOUD = "reveal", "type", "aloud"


class TypedAnswer(QFrame):
    """Hidden in reveal mode; ``start`` for a new card, ``freeze`` once the answer shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TypedAnswer")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.heading = label("Your answer", "Subtitle")
        self.hint = label("Ctrl+Enter shows the answer", "Muted")
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.hint)
        layout.addLayout(top)
        self.box = QPlainTextEdit()
        self.box.setAccessibleName("Your answer")
        self.box.setTabChangesFocus(True)
        self.box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.box.setPlaceholderText(
            "Answer as you would out loud, in full sentences; then check it against the "
            "reference and its key points."
        )
        self.box.document().contentsChanged.connect(self._fit)
        layout.addWidget(self.box)
        self.shown = QLabel()
        self.shown.setObjectName("TypedAnswerShown")
        self.shown.setAccessibleName("Your answer")
        self.shown.setTextFormat(Qt.TextFormat.PlainText)
        self.shown.setWordWrap(True)
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.shown)
        self.shown.hide()
        self._fit()

    @property
    def text(self) -> str:
        return self.box.toPlainText()

    @property
    def frozen(self) -> bool:
        return self.box.isHidden()

    def start(self) -> None:
        """An empty box for a new card."""
        self.box.clear()
        self.box.show()
        self.shown.hide()
        self.hint.show()
        self._fit()

    def freeze(self) -> None:
        """The answer as typed, read-only, for comparing with the reference below it."""
        text = self.text.strip()
        self.shown.setText(text or "You typed nothing for this one.")
        self.shown.setProperty("empty", not text)
        self.shown.style().unpolish(self.shown)
        self.shown.style().polish(self.shown)
        self.box.hide()
        self.hint.hide()
        self.shown.show()

    def focus(self) -> None:
        self.box.setFocus()
        self.box.moveCursor(self.box.textCursor().MoveOperation.End)

    def fit_font(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # a plain-text document's layout measures its height in lines
        lines = int(self.box.document().documentLayout().documentSize().height())
        lines = max(_MIN_LINES, min(_MAX_LINES, lines + 1))
        self.box.setFixedHeight(lines * self.box.fontMetrics().lineSpacing() + 2 * 12)

    def restyle(self, c: Colors, font_pt: int) -> None:
        """Colours, and the answer's own reading size: the two are read side by side."""
        self.setStyleSheet(
            f"#TypedAnswer QPlainTextEdit {{ padding: 6px 8px; font-size: {font_pt}pt; }}"
            f"#TypedAnswerShown {{ font-size: {font_pt}pt; }}"
            f"#TypedAnswerShown {{ background: {c.surface}; border: 1px solid {c.border};"
            f" border-left: 4px solid {c.muted}; border-radius: 8px; padding: 8px 12px; }}"
            f'#TypedAnswerShown[empty="true"] {{ color: {c.muted}; font-style: italic; }}'
        )


class AnswerModeSwitch(QWidget):
    """Reveal (Anki's way), type the answer first, or say it aloud first: three parts of one
    control, kept out of the focus chain so Space and the grade keys stay with the card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnswerMode")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for mode, text, tip, side in (
            (REVEAL, "Reveal", "Show the answer and rate yourself, as in Anki", "Left"),
            (TYPE, "Type answer", "Type your answer first, then check it (Ctrl+Enter)", "Middle"),
            (
                ALOUD,
                "Answer aloud",
                "Record your spoken answer, then play it back (Shift+V)",
                "Right",
            ),
        ):
            button = QPushButton(text)
            button.setObjectName(f"Mode{side}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(tip)
            button.setAccessibleName(f"Answer mode: {text}")
            self.group.addButton(button)
            self.buttons[mode] = button
            row.addWidget(button)

    @property
    def mode(self) -> str:
        return next((m for m, b in self.buttons.items() if b.isChecked()), REVEAL)

    def set_mode(self, mode: str) -> None:
        self.buttons[mode if mode in self.buttons else REVEAL].setChecked(True)

    def restyle(self, c: Colors) -> None:
        self.setStyleSheet(
            f"QPushButton {{ padding: 4px 12px; border-radius: 0; min-width: 0; }}"
            f"#ModeLeft {{ border-top-left-radius: 8px; border-bottom-left-radius: 8px; }}"
            f"#ModeMiddle {{ border-left: none; }}"
            f"#ModeRight {{ border-top-right-radius: 8px; border-bottom-right-radius: 8px;"
            f" border-left: none; }}"
            f"QPushButton:checked {{ background: {c.accent}; color: {c.accent_text};"
            f" border-color: {c.accent}; }}"
        )
        for button in self.buttons.values():
            # as wide as its label in bold, which it is once chosen: never cut short then
            bold = QFont(button.font())
            bold.setWeight(QFont.Weight.DemiBold)
            width = QFontMetrics(bold).horizontalAdvance(button.text())
            button.setMinimumWidth(width + 2 * 12 + 6)
