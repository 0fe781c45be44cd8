"""Flashcard review: prompt, Space to reveal, 1-4 to grade, U / Ctrl+Z to undo.

All decisions live in ``services.review_session.ReviewSession``; this view only shows its state
and forwards keys and clicks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interviewprep.core.card_record import CardFilter, CardRecord
from interviewprep.core.cards import Grade
from interviewprep.core.leech import is_leech
from interviewprep.services.app import Services
from interviewprep.services.op_changes import OpChanges
from interviewprep.services.review_session import ReviewSession
from interviewprep.services.study import Answer, NextCardUnreadable
from interviewprep.ui.card_info import CardInfoDialog, open_card_info
from interviewprep.ui.leech_prompt import REWRITE, SUSPEND, LeechPrompt
from interviewprep.ui.screens.base import Screen, label
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.markdown_view import MarkdownView
from interviewprep.ui.workers import Workers

_ALL = "All"
_DIFFICULTIES = ("junior", "mid", "senior", "staff")


class ReviewScreen(Screen):
    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.session = ReviewSession(services.study, services.clock, initiator=self)
        self._build()
        self._bind_keys()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_timer)
        self._started = False
        self._drill: CardFilter | None = None  # a mock interview's weakest topics, see drill()
        self.leech_prompt: LeechPrompt | None = None
        self.card_info: CardInfoDialog | None = None
        self.note_editor: QInputDialog | None = None
        self.follow_changes(self._changed_elsewhere)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(12)

        filters = QHBoxLayout()
        self.role_filter = QComboBox()
        self.bank_filter = QComboBox()
        self.topic_filter = QComboBox()
        self.difficulty_filter = QComboBox()
        for name, combo in (
            ("Role", self.role_filter),
            ("Bank", self.bank_filter),
            ("Topic", self.topic_filter),
            ("Difficulty", self.difficulty_filter),
        ):
            combo.setToolTip(f"Only review questions of this {name.lower()}")
            combo.setMinimumWidth(130)
            filters.addWidget(label(name, "Muted"))
            filters.addWidget(combo, 1)
        outer.addLayout(filters)

        status = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress_text = label("", "Muted")
        self.timer_label = label("0:00", "Muted")
        self.timer_label.setToolTip("Time on this card (recorded with your answer)")
        status.addWidget(self.progress, 1)
        status.addWidget(self.progress_text)
        status.addWidget(self.timer_label)
        outer.addLayout(status)

        self.meta = label("", "Muted", wrap=True)
        outer.addWidget(self.meta)

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        card_page = QWidget()
        card_layout = QVBoxLayout(card_page)
        card_layout.setContentsMargins(0, 0, 0, 0)
        self.prompt_view = MarkdownView()
        self.prompt_view.setAccessibleName("Question")
        self.answer_view = MarkdownView()
        self.answer_view.setAccessibleName("Answer")
        card_layout.addWidget(self.prompt_view, 2)
        card_layout.addWidget(self.answer_view, 3)
        self.pages.addWidget(card_page)

        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.addStretch(1)
        self.done_title = label("Session complete", "Title")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_text = label("", "Muted", wrap=True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        back = QPushButton("Back to Today")
        back.clicked.connect(lambda: self.navigate.emit("today"))
        done_layout.addWidget(self.done_title)
        done_layout.addWidget(self.done_text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(back)
        row.addStretch(1)
        done_layout.addLayout(row)
        done_layout.addStretch(2)
        self.pages.addWidget(done_page)

        bottom = QHBoxLayout()
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Undo the last answer (U or Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        self.note_button = QPushButton("Note")
        self.note_button.setToolTip("Add a personal note to this question (N)")
        self.note_button.clicked.connect(self.edit_note)
        self.flag_button = QPushButton("Flag")
        self.flag_button.setToolTip("Flag this question for a second look (F)")
        self.flag_button.clicked.connect(self.toggle_flag)
        self.suspend_button = QPushButton("Suspend")
        self.suspend_button.setToolTip("Stop showing this question (S); undo from Browse")
        self.suspend_button.clicked.connect(self.suspend)
        self.info_button = QPushButton("Info")
        self.info_button.setToolTip("Stability, recall, history and forgetting curve (I)")
        self.info_button.clicked.connect(self.show_card_info)
        for button in (
            self.undo_button,
            self.note_button,
            self.flag_button,
            self.suspend_button,
            self.info_button,
        ):
            bottom.addWidget(button)
        bottom.addStretch(1)

        self.answer_stack = QStackedWidget()
        self.reveal_button = QPushButton("Show answer")
        self.reveal_button.setObjectName("Primary")
        self.reveal_button.setToolTip("Reveal the answer (Space)")
        self.reveal_button.clicked.connect(self.reveal)
        self.answer_stack.addWidget(self.reveal_button)
        grades = QWidget()
        grade_row = QHBoxLayout(grades)
        grade_row.setContentsMargins(0, 0, 0, 0)
        self.grade_buttons: dict[Grade, QPushButton] = {}
        for grade in Grade:
            button = QPushButton(grade.label)
            button.setObjectName(grade.label)
            button.setMinimumWidth(96)
            button.setToolTip(f"{grade.label} ({int(grade)})")
            button.clicked.connect(lambda _=False, g=grade: self.grade(g))
            self.grade_buttons[grade] = button
            grade_row.addWidget(button)
        self.answer_stack.addWidget(grades)
        bottom.addWidget(self.answer_stack)
        outer.addLayout(bottom)

    def _bind_keys(self) -> None:
        bindings = {
            "Space": self.reveal,
            "1": lambda: self.grade(Grade.AGAIN),
            "2": lambda: self.grade(Grade.HARD),
            "3": lambda: self.grade(Grade.GOOD),
            "4": lambda: self.grade(Grade.EASY),
            "U": self.undo,
            "Ctrl+Z": self.undo,
            "N": self.edit_note,
            "F": self.toggle_flag,
            "S": self.suspend,
            "I": self.show_card_info,
        }
        self.bind_keys(bindings)

    # -- filters --------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        library = self.services.library
        roles = [(r.title, r.id) for r in library.roles()]
        banks = [(b.title, b.id) for b in library.banks()]
        topics = [(t, t) for t in library.topics()]
        difficulties = [(d.title(), d) for d in _DIFFICULTIES]
        for combo, items in (
            (self.role_filter, roles),
            (self.bank_filter, banks),
            (self.topic_filter, topics),
            (self.difficulty_filter, difficulties),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_ALL, None)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(current)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
            combo.currentIndexChanged.connect(
                self._filters_changed, Qt.ConnectionType.UniqueConnection
            )

    def current_filter(self) -> CardFilter:
        if self._drill is not None:
            return self._drill

        def one(combo: QComboBox) -> tuple[str, ...]:
            data = combo.currentData()
            return (data,) if data else ()

        return CardFilter(
            roles=one(self.role_filter),
            bank_ids=one(self.bank_filter),
            topics=one(self.topic_filter),
            difficulties=one(self.difficulty_filter),
        )

    def _filters_changed(self, _index: int = 0) -> None:
        self._drill = None
        self.start_session()

    # -- session --------------------------------------------------------------------------------

    def activated(self) -> None:
        self._fill_filters()
        if not self._started or self.session.finished:
            self.start_session()
        self.setFocus()

    def start_session(self) -> None:
        self._started = True
        self.session = ReviewSession(
            self.services.study,
            self.services.clock,
            card_filter=self.current_filter(),
            initiator=self,
        )
        self.session.start()
        self._show()

    def reveal(self) -> None:
        if self.session.card is None or self.session.revealed:
            return
        self.session.reveal()
        self._show()

    def grade(self, grade: Grade) -> None:
        if self.session.card is None or not self.session.revealed:
            return
        try:
            self.session.grade(grade)
        except NextCardUnreadable:
            # The answer is saved: off the card (and the error dialog says why the next is not up)
            self._show_done_page(
                "Answer saved",
                "The next card could not be read from the disk. Go back to Today and open "
                "Review again to carry on.",
            )
            raise
        self.status.emit(f"Answered {grade.label}: saved")
        self._show()
        if self.session.leech is not None:
            self._offer_leech(self.session.leech)

    def _offer_leech(self, answer: Answer) -> None:
        """Anki's leech action, as a choice: the answer that made the card a leech is saved."""
        prompt = LeechPrompt(answer.card, answer.after.lapses, self)
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        prompt.chosen.connect(lambda choice: self._leech_chosen(answer.card, choice))
        self.leech_prompt = prompt
        prompt.open()

    def _leech_chosen(self, card: CardRecord, choice: str) -> None:
        self.leech_prompt = None
        if choice == SUSPEND:
            self.services.study.set_suspended(card, True, initiator=self)
            self.status.emit("Leech suspended: unsuspend it from Browse (is:leech finds it)")
            if self.session.card is not None and self.session.card.key == card.key:
                self.session.start()
            self._show()
        elif choice == REWRITE:
            self._rewrite(self.services.study.card(card.bank_id, card.question_id))
        self.setFocus()

    def _rewrite(self, card: CardRecord) -> None:
        """The personal note, opened without blocking: shown with the answer on every review."""
        editor = QInputDialog(self)
        editor.setWindowTitle("Rewrite the leech")
        editor.setLabelText(
            "Put the question in your own words, split it, or add the hook you keep missing. "
            "Your note shows with the answer on every review:"
        )
        editor.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        editor.setTextValue(card.note)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.textValueSelected.connect(lambda text: self._save_note(card, text))
        self.note_editor = editor
        editor.open()

    def _save_note(self, card: CardRecord, text: str) -> None:
        self.services.study.set_note(card, text, initiator=self)
        self.status.emit("Note saved")
        shown = self.session.card
        if shown is not None and shown.key == card.key:
            self.session.card = self.services.study.card(card.bank_id, card.question_id)
            self._show_meta()

    def undo(self) -> None:
        card = self.session.undo()
        if card is not None:
            self.status.emit("Last answer undone")
            self._show()

    def edit_note(self) -> None:
        card = self.session.card
        if card is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, "Personal note", "Your note on this question:", card.note
        )
        if ok:
            self.services.study.set_note(card, text, initiator=self)
            self.session.card = self.services.study.card(card.bank_id, card.question_id)
            self._show_meta()

    def show_card_info(self) -> None:
        card = self.session.card
        if card is not None:
            self.card_info = open_card_info(self.services, self.workers, self.theme, card.key, self)

    def toggle_flag(self) -> None:
        card = self.session.card
        if card is None:
            return
        self.services.study.set_flagged(card, not card.flagged, initiator=self)
        self.session.card = self.services.study.card(card.bank_id, card.question_id)
        self._show_meta()

    def suspend(self) -> None:
        card = self.session.card
        if card is None:
            return
        self.services.study.set_suspended(card, True, initiator=self)
        self.status.emit("Question suspended: unsuspend it from Browse")
        self.session.start()
        self._show()

    def _changed_elsewhere(self, changes: OpChanges) -> None:
        """Browse, Settings or another screen changed something: the card on screen follows
        (see ``ReviewSession.changed_elsewhere``), without starting the session over."""
        if not self._started:
            return  # built on first showing, from the data as it is then
        self.session.changed_elsewhere(changes)
        self._show()
        self.refreshed.emit()

    # -- rendering ------------------------------------------------------------------------------

    def theme_changed(self, dark: bool) -> None:
        if self.session.card is not None:
            self._show()

    def _show(self) -> None:
        session = self.session
        card = session.card
        if card is None:
            self._show_done_page("Session complete", self._done_text())
            return
        self._show_progress()
        self.pages.setCurrentIndex(0)
        self.answer_stack.show()
        for button in (self.note_button, self.flag_button, self.suspend_button, self.info_button):
            button.setEnabled(True)
        dark, font = self.theme.dark, self.theme.font_pt
        self.prompt_view.set_markdown(card.prompt, dark, font)
        if session.revealed:
            self.answer_view.set_markdown(self._answer_markdown(), dark, font)
            self.answer_view.show()
            labels = session.interval_labels()
            for grade, button in self.grade_buttons.items():
                button.setText(f"{grade.label}\n{labels.get(grade, '')}")
            self.answer_stack.setCurrentIndex(1)
            self.grade_buttons[Grade.GOOD].setFocus()
        else:
            self.answer_view.hide()
            self.answer_stack.setCurrentIndex(0)
            self.reveal_button.setFocus()
        self._show_meta()
        self._update_timer()
        self._tick.start()

    def _answer_markdown(self) -> str:
        card = self.session.card
        assert card is not None
        parts = [card.answer]
        follow_ups = card.extra.get("follow_ups") or []
        if follow_ups:
            parts.append("**Follow-ups**\n\n" + "\n".join(f"- {f}" for f in follow_ups))
        references = card.extra.get("references") or []
        if references:
            lines = [
                f"- [{r['title']}]({r['url']})" if r.get("url") else f"- {r['title']}"
                for r in references
            ]
            parts.append("**References**\n\n" + "\n".join(lines))
        if card.note:
            parts.append("**Your note**\n\n" + card.note)
        return "\n\n---\n\n".join(parts)

    def _show_meta(self) -> None:
        card = self.session.card
        if card is None:
            return
        bits = [card.bank_id, ", ".join(card.topics), card.difficulty]
        if card.state.reps == 0:
            bits.append("new")
        if card.changed:
            bits.append("⚠ changed since you last studied it")
        if card.flagged:
            bits.append("⚑ flagged")
        if card.note:
            bits.append("✎ note")
        if is_leech(card.state.lapses):
            bits.append(f"leech: forgotten {card.state.lapses} times")
        self.meta.setText(" · ".join(bits))
        self.flag_button.setText("Unflag" if card.flagged else "Flag")

    def _show_progress(self) -> None:
        progress = self.session.progress
        self.progress.setValue(round(progress.fraction * 1000))
        self.progress_text.setText(f"{progress.done} done · {progress.remaining} left")
        self.undo_button.setEnabled(bool(self.session.history))

    def _show_done_page(self, title: str, text: str) -> None:
        self._show_progress()
        self._tick.stop()
        self.pages.setCurrentIndex(1)
        self.done_title.setText(title)
        self.done_text.setText(text)
        for button in (self.note_button, self.flag_button, self.suspend_button, self.info_button):
            button.setEnabled(False)
        self.answer_stack.hide()
        self.meta.setText("")

    def _done_text(self) -> str:
        done = self.session.progress.done
        nxt = self.session.skip_learning_wait()
        text = f"You answered {done} card(s) in this session." if done else "Nothing due here."
        if nxt is not None:
            local = nxt.astimezone()
            text += f" More learning cards come due at {local:%H:%M}."
        else:
            text += " Come back tomorrow, or widen the filters above."
        return text

    def _update_timer(self) -> None:
        seconds = self.session.elapsed_ms() // 1000
        self.timer_label.setText(f"{seconds // 60}:{seconds % 60:02d}")

    def drill(self, card_filter: CardFilter) -> None:
        """Study exactly ``card_filter`` (what a mock interview found weakest) until the user
        changes a filter; the entry point of the mock report's "what to drill next"."""
        self._drill = card_filter
        self.start_session()
