"""The design screen's widgets put together: the header with the prompt list, the prompt
and reference pages (``design_pages``), the clock, rubric, recorder and attempts cards that
move between them, and the buttons along the bottom. ``DesignScreen`` wires them to the round.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from interviewprep.services.app import Services
from interviewprep.services.design import DesignAttempt
from interviewprep.ui.screens.base import Screen, card, label
from interviewprep.ui.screens.design_actions import ActionBar
from interviewprep.ui.screens.design_attempts import AttemptsCard
from interviewprep.ui.screens.design_clock import RoundClock
from interviewprep.ui.screens.design_pages import EMPTY, DesignPages
from interviewprep.ui.screens.design_picker import PromptPicker
from interviewprep.ui.screens.design_rubric import RubricCard
from interviewprep.ui.shortcuts import PLAY_KEYS, RECORD_KEYS
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.answer_recorder import AnswerRecorder
from interviewprep.ui.workers import Workers


class DesignLayout(Screen):
    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self._build()

    def close_past(self) -> None:
        self.pages.close_past()

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(0)
        outer.addStretch(1)
        # Everything sits in one column centred on wide screens, so the header, the text and
        # the buttons line up with each other rather than with the window's edges.
        self.column = QWidget()
        column = QVBoxLayout(self.column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        outer.addWidget(self.column, 100)
        outer.addStretch(1)

        header = QHBoxLayout()
        header.addWidget(label("System design", "Title"))
        header.addStretch(0)
        header.addSpacing(24)
        header.addWidget(label("Prompt", "Muted"))
        self.picker = PromptPicker()
        header.addWidget(self.picker, 1)
        self.action_bar = ActionBar()
        self.next_button = self.action_bar.next_due
        header.addWidget(self.next_button)
        column.addLayout(header)

        self.meta = label("", "Muted", wrap=True)
        column.addWidget(self.meta)

        self.clock = RoundClock(self.theme)
        self.clock_card, self.countdown = self.clock.frame, self.clock.countdown
        self.clock_caption, self.phases_box = self.clock.caption, self.clock.phases_box
        self.attempts = AttemptsCard()
        self.attempts_card, self.attempts_list = self.attempts.frame, self.attempts.list
        self.attempts_empty = self.attempts.empty
        self.recorder_card = self._build_recorder_card()
        self.rubric = RubricCard()
        self.rubric_card, self.score_label = self.rubric.frame, self.rubric.score_label
        self.pages = DesignPages(self.rubric_card, self.close_past)
        p = self.pages
        self.prompt_view, self.notes, self.save_state = p.prompt_view, p.notes, p.save_state
        self.past_box, self.past_notes, self.my_notes = p.past_box, p.past_notes, p.my_notes
        self.review_scroll, self.reference_view = p.review_scroll, p.reference_view
        self.work_side, self.review_side = p.work_side, p.review_side
        self.empty_title, self.empty_text = p.empty_title, p.empty_text
        self.review_prompt = p.review_prompt
        self._place_side_cards(False)
        self.pages.forget_placement()
        self.pages.setCurrentIndex(EMPTY)
        column.addWidget(self.pages, 1)

        column.addLayout(self.action_bar.row)
        a = self.action_bar
        self.hint_button, self.result, self.start_button = a.hint, a.result, a.start
        self.pause_button, self.finish_button = a.pause, a.finish
        self.grades, self.grade_buttons, self.next_after = a.grades, a.grades.buttons, a.next_after

    @property
    def phase_labels(self) -> list[tuple[QLabel, QLabel]]:
        return self.clock.phase_labels

    @property
    def rubric_boxes(self) -> list[QCheckBox]:
        return self.rubric.boxes

    @property
    def past_attempts(self) -> list[DesignAttempt]:
        return self.attempts.attempts

    def _build_recorder_card(self) -> QFrame:
        """Talking the design through, as in the interview (see DesignPages.place_side_cards
        for where it goes)."""
        frame, layout = card()
        layout.setContentsMargins(14, 10, 14, 10)
        keys = (RECORD_KEYS.keys[0], PLAY_KEYS.keys[0])
        self.recorder = AnswerRecorder(
            self.services.recordings, keys=keys, parent=frame, workers=self.workers
        )
        self.recorder.title.setText("Talk it through")
        layout.addWidget(self.recorder)
        return frame

    def _place_side_cards(self, finished: bool) -> None:
        self.pages.place_side_cards(
            finished, self.clock_card, self.recorder_card, self.attempts_card
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_widths()

    def _fit_widths(self) -> None:
        self.pages.fit_widths(self.column, self.width(), self.theme.font_pt)
