"""The review screen's "Answer aloud" mode: the recorder under the question, for the card on
show, with Anki's own-voice keys (Shift+V records, V plays back).

Kept apart from ``review.py`` as ``review_answering`` is: the screen calls it when it builds,
binds its keys and shows a card.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from interviewprep.ui.screens.base import card
from interviewprep.ui.widgets.answer_recorder import AnswerRecorder
from interviewprep.ui.widgets.typed_answer import ALOUD

if TYPE_CHECKING:
    from interviewprep.ui.screens.review import ReviewScreen

RECORD_KEY, PLAY_KEY = "Shift+V", "V"


class AnswerAloud(QObject):
    def __init__(self, screen: ReviewScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.frame, layout = card()
        self.recorder = AnswerRecorder(
            screen.services.recordings,
            keys=(RECORD_KEY, PLAY_KEY),
            parent=self.frame,
            workers=screen.workers,
        )
        layout.addWidget(self.recorder)
        self.frame.hide()

    def follow_mode(self) -> None:
        """Called once the answer-mode control exists: the recorder shows with its mode."""
        self.screen.answering.mode_switch.group.buttonClicked.connect(lambda _b: self.show_card())
        # a transcript can stand in for a typed answer: the checklist and the grader read it
        self.recorder.transcript.offer_use()
        self.recorder.transcript.used.connect(self.screen.answering.use_transcript)

    def bindings(self) -> dict[str, Callable[[], object]]:
        return {RECORD_KEY: self.toggle_recording, PLAY_KEY: self.recorder.toggle_playback}

    @property
    def on(self) -> bool:
        return self.screen.answering.mode_switch.mode == ALOUD

    def toggle_recording(self) -> None:
        """Shift+V records in any mode: it switches to "Answer aloud" first."""
        if self.screen.session.card is None:
            return
        if not self.on:
            self.screen.answering.mode_switch.set_mode(ALOUD)
            self.screen.services.settings.review_answer_mode = ALOUD
            self.screen.answering.show_card()
            self.show_card()
        self.recorder.toggle_recording()

    def show_card(self) -> None:
        """Called by the screen each time it shows its card, or none."""
        card_ = self.screen.session.card
        if card_ is None:
            self.recorder.clear_question()
            self.frame.hide()
            return
        self.recorder.set_target(self.screen.services.recordings.prefs.target_seconds)
        self.recorder.set_question(card_.bank_id, card_.question_id)
        if not self.on and self.recorder.recording:
            self.recorder.toggle_recording()  # another mode chosen mid-answer: keep what was said
        self.frame.setVisible(self.on)
