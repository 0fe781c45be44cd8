"""The review screen's answer-first part: the answer mode (reveal, or type first), the typed
answer, the key-point checklist after the reveal and the grade it suggests on the buttons, and
the optional AI feedback on a typed answer.

Kept apart from ``review.py`` so the screen calls it at a few points (build, keys, show,
grade) and the rest of the screen reads as before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor

from interviewprep.core.cards import Grade
from interviewprep.core.checklist import KEYS, Checklist
from interviewprep.core.key_points import Coverage, CriterionResult
from interviewprep.ui.shortcuts import CTRL_ENTER
from interviewprep.ui.widgets.ai_feedback import AiFeedbackPanel
from interviewprep.ui.widgets.key_point_checklist import KeyPointChecklist
from interviewprep.ui.widgets.typed_answer import ALOUD, TYPE, AnswerModeSwitch, TypedAnswer

if TYPE_CHECKING:
    from interviewprep.ui.screens.review import ReviewScreen

SUGGESTED = "suggested"


class AnswerChecking(QObject):
    def __init__(self, screen: ReviewScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.typed = TypedAnswer()
        self.typed.hide()
        self.checklist = KeyPointChecklist()
        self.mode_switch = AnswerModeSwitch()
        self.mode_switch.set_mode(screen.services.settings.review_answer_mode)
        self.mode_switch.group.buttonClicked.connect(lambda _button: self._mode_chosen())
        self.checklist.changed.connect(self.mark_suggestion)
        self.ai = AiFeedbackPanel(screen.services, screen.workers)
        self.ai.hide()
        self.ai.marks_ready.connect(self._use_ai_marks)
        self._asked_ai = False
        """Whether this card's typed answer went to the grader: once per card, not again when
        the card is shown anew after a theme or settings change."""
        self._card: tuple[object, object] | None = None
        """The card on show (its key and when it came up): a new one gets an empty box and
        a fresh checklist, the same one shown again (a theme or settings change) keeps both."""
        self._typed_this_card = False
        self._typed_texts: dict[object, str] = {}
        """What was typed for each card answered this session, by its key: an undo brings the
        card back with it (a card that simply comes round again gets an empty box)."""
        self._restore: tuple[object, str] | None = None
        self._transcribed = False
        """A transcript went into the box ("Use as typed answer"): it shows, and counts as
        typed, in any answer mode."""
        self.restyle()

    # -- keys -----------------------------------------------------------------------------------

    def bindings(self) -> dict[str, Callable[[], object]]:
        """The checklist's keys, for the screen's own key table. U is the screen's (undo), which
        hands it on to ``last_key``."""
        keys: dict[str, Callable[[], object]] = {}
        for index, key in enumerate(KEYS[:-1]):
            keys[key] = partial(self.tick, index)
        for index, key in enumerate(KEYS):
            keys[f"Shift+{key}"] = partial(self.tick, index, True)
        return keys

    def bind_reveal(self) -> None:
        """Ctrl+Enter reveals from the box, the page or the buttons; not from the note editor,
        where the same keys save the note (two shortcuts on one key would both be refused)."""
        screen = self.screen
        for within in (screen.pages, screen.action_bar):
            screen.bind_keys(dict.fromkeys(CTRL_ENTER, screen.reveal), within=within)

    @staticmethod
    def key_text(keys: str) -> str | None:
        """The text a single-key shortcut types ("S" -> "s", "Shift+Q" -> "Q"), else None."""
        shifted = keys.startswith("Shift+")
        key = keys.removeprefix("Shift+")
        if len(key) != 1 or not key.isalnum():
            return None
        return key.upper() if shifted else key.lower()

    def take_text(self, text: str) -> bool:
        """In type mode before the reveal, a letter or digit key pressed with the box out of
        focus (the user clicked the question, say) is text for the box, not a suspend (S) or
        an undo (U) fired from the middle of a sentence. True if it went there."""
        if not self.wants_focus():
            return False
        self.typed.focus()
        self.typed.box.insertPlainText(text)
        return True

    @property
    def checking(self) -> bool:
        """Whether a checklist is on screen now (its keys tick points)."""
        session = self.screen.session
        return session.card is not None and session.revealed and bool(self.checklist.checklist)

    def tick(self, index: int, partly: bool = False) -> None:
        if self.checking:
            self.checklist.tick(index, partly)

    def last_key(self) -> None:
        """U: the seventh point's key when seven are on screen, else undo, as it always was."""
        if self.checking and self.checklist.checklist.owns_last_key():
            self.checklist.tick(len(KEYS) - 1)
        else:
            self.screen.undo()

    # -- showing --------------------------------------------------------------------------------

    @property
    def typing(self) -> bool:
        return self.mode_switch.mode == TYPE

    def wants_focus(self) -> bool:
        """The typed box takes the keys before the reveal, in type mode."""
        session = self.screen.session
        return (
            self.typing
            and session.card is not None
            and not session.revealed
            and not self.typed.frozen
        )

    def show_card(self) -> None:
        """Called by the screen each time it shows its card."""
        session = self.screen.session
        card = session.card
        if card is None:
            self.ai.clear()  # a request still running is not this screen's business any more
            return
        current = (card.key, session.shown_at)
        if current != self._card:
            self._card = current
            self.typed.start()
            restore, self._restore = self._restore, None
            if restore is not None and restore[0] == card.key:
                self.typed.box.setPlainText(restore[1])
                self.typed.box.moveCursor(QTextCursor.MoveOperation.End)
            self.checklist.set_checklist(Checklist.from_extra(card.extra))
            self._typed_this_card = False
            self._transcribed = False
            self.ai.clear()
            self.ai.hide()
            self._asked_ai = False
        if session.revealed:
            if not self.typed.frozen:
                self._typed_this_card = self.typing or self._transcribed
                if self._typed_this_card:
                    self._typed_texts[card.key] = self.typed.text
                self.typed.freeze()
            self.typed.setVisible(self._typed_this_card)
            self.checklist.setVisible(bool(self.checklist.checklist))
            self._offer_ai_feedback()
        else:
            self.typed.setVisible(self.typing or self._transcribed)
            self.checklist.hide()
            self.ai.hide()
        reveal = self.screen.reveal_button
        in_box = self.typing or self._transcribed
        reveal.setText("Show answer  (Ctrl+Enter)" if in_box else "Show answer  (Space)")
        self.mark_suggestion()

    def undoing(self, key: object) -> None:
        """Called before an undo shows card ``key`` again: its typed answer comes back."""
        text = self._typed_texts.get(key)
        self._restore = (key, text) if text else None

    def use_transcript(self, text: str) -> None:
        """A recording's transcript as the typed answer (after what was typed, if anything):
        before the reveal, in the box to edit; after it, straight to the checklist and the AI
        grader, as a typed answer would have gone."""
        if self.screen.session.card is None:
            return
        typed = self.typed.text.strip()
        if text in typed:
            text = typed  # used twice: once is enough
        elif typed:
            text = f"{typed}\n\n{text}"
        self._transcribed = True
        self.typed.box.setPlainText(text)
        if self.typed.frozen:
            self._typed_this_card = True
            self.typed.freeze()
            self.show_card()
            return
        self.show_card()
        self.typed.focus()
        self.screen.status.emit("The transcript is your typed answer: edit it, then Ctrl+Enter")

    def _offer_ai_feedback(self) -> None:
        """With the AI grader on (Settings), a typed answer to a card with key points goes to
        it once, on the reveal; its marks are only offered ("Use these marks")."""
        card = self.screen.session.card
        wanted = (
            card is not None
            and self._typed_this_card
            and bool(self.checklist.checklist)
            and bool(self.typed.text.strip())
            and self.ai.available()
        )
        self.ai.setVisible(wanted or self._asked_ai)
        if wanted and card is not None and not self._asked_ai:
            self._asked_ai = True
            self.ai.request(
                card.prompt, card.answer, self.checklist.checklist.points, self.typed.text
            )

    def _use_ai_marks(self, marks: list[Coverage]) -> None:
        """The grader's marks onto the checklist, where the user can still change each."""
        checklist = self.checklist.checklist
        if not self.checking or len(marks) != len(checklist):
            return
        checklist.marks = list(marks)
        self.checklist.touched = True
        self.checklist.refresh()
        self.mark_suggestion()

    def mark_suggestion(self) -> None:
        """The grade the ticked points suggest, said on its button; the others plain."""
        suggested = self.suggested()
        labels = self.screen.session.interval_labels()
        for grade, button in self.screen.grade_buttons.items():
            on = grade == suggested
            text = f"{grade.label}  ({int(grade)})\n{labels.get(grade, '')}"
            button.setText(text + ("  · suggested" if on else ""))
            if bool(button.property(SUGGESTED)) != on:
                button.setProperty(SUGGESTED, on)
                button.style().unpolish(button)
                button.style().polish(button)
        self.screen.action_bar.reflow()  # "suggested" and the intervals widen their buttons

    def suggested(self) -> Grade | None:
        """The grade the marks suggest, once the user (or the AI's marks) ticked something."""
        if not self.checking or not self.checklist.touched:
            return None
        return self.checklist.checklist.suggested

    def results(self) -> list[CriterionResult]:
        """What to store with the grade: every point of the card when its checklist was on
        screen, none otherwise (a card without key points, or not yet revealed)."""
        return self.checklist.checklist.results() if self.checking else []

    def _mode_chosen(self) -> None:
        mode = self.mode_switch.mode
        self.screen.services.settings.review_answer_mode = mode
        self.screen.status.emit(
            {
                TYPE: "Type your answer, then Ctrl+Enter shows the reference",
                ALOUD: "Say your answer aloud: Shift+V records and stops, V plays it back",
            }.get(mode, "Answers are revealed with Space, as in Anki")
        )
        if self.screen.session.card is not None:
            self.show_card()
            self.screen._focus_answer_keys()

    def restyle(self) -> None:
        theme = self.screen.theme
        colors = theme.colors
        self.typed.restyle(colors, theme.font_pt + 1)
        self.checklist.restyle(colors)
        self.mode_switch.restyle(colors)
