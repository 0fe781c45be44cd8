"""Flashcard review, keyed as in Anki: Space shows the answer and then answers Good, 1-4 grade,
J/K, the arrows and Page Up/Down scroll, U / Ctrl+Z undo. In type mode the answer is typed
first and Ctrl+Enter reveals; Q W E R T Y U tick the key points after the reveal.

All decisions live in ``services.review_session.ReviewSession``; this view only shows its state
and forwards keys and clicks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interviewprep.core.card_record import CardFilter, CardRecord
from interviewprep.core.cards import Grade, Stage
from interviewprep.core.leech import is_leech
from interviewprep.services.app import Services
from interviewprep.services.library import Choice
from interviewprep.services.op_changes import OpChanges
from interviewprep.services.review_session import ReviewSession
from interviewprep.services.study import Answer, NextCardUnreadable
from interviewprep.ui.card_info import CardInfoDialog, open_card_info
from interviewprep.ui.leech_prompt import REWRITE, SUSPEND, LeechPrompt
from interviewprep.ui.note_editor import NoteEditor
from interviewprep.ui.screens.base import Screen, label
from interviewprep.ui.screens.review_aloud import AnswerAloud
from interviewprep.ui.screens.review_answering import AnswerChecking
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.closed_combo import ClosedCombo
from interviewprep.ui.widgets.fitted_markdown_view import FittedMarkdownView
from interviewprep.ui.widgets.reading import ReadingPage
from interviewprep.ui.workers import Workers
from interviewprep.wording import count

_MY_ROLES = "My roles"
_DIFFICULTIES = ("junior", "mid", "senior", "staff")
NOTHING_MATCHES = "Nothing matches these filters"
_UNDONE = {
    "answer": "Answer undone",
    "suspend": "Suspend undone: the question is back",
    "bury": "Bury undone: the question is back",
    "flag": "Flag change undone",
    "note": "Note change undone",
}
_QUESTION_EXTRA_PT = 3
"""The question is set this much larger than the answer: it is what is being asked."""


class ReviewScreen(Screen):
    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.session = self._new_session(CardFilter())
        self._bank_titles: dict[str, str] = {}
        self._topic_titles: dict[str, str] = {}
        self._build()
        self._bind_keys()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_timer)
        self._started = False
        self._drill: CardFilter | None = None  # a mock interview's weakest topics, see drill()
        self._watched_window: QWidget | None = None
        self.leech_prompt: LeechPrompt | None = None
        self.card_info: CardInfoDialog | None = None
        self.follow_changes(self._changed_elsewhere)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(12)

        filters = QHBoxLayout()
        self.role_filter = ClosedCombo()
        self.bank_filter = ClosedCombo()
        self.topic_filter = ClosedCombo()
        self.difficulty_filter = ClosedCombo()
        # Each list names itself in its first entry ("All banks"), not in a label beside it:
        # the room goes to the titles, so "Agent frameworks" is not cut short at 15 pt; a
        # difficulty is one short word, bank and topic titles are long.
        for name, combo, stretch in (
            ("Role", self.role_filter, 2),
            ("Bank", self.bank_filter, 3),
            ("Topic", self.topic_filter, 3),
            ("Difficulty", self.difficulty_filter, 1),
        ):
            combo.setToolTip(f"Only review questions of this {name.lower()}")
            combo.setAccessibleName(name)
            combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance("Senior") + 48)
            filters.addWidget(combo, stretch)
        outer.addLayout(filters)

        status = QHBoxLayout()
        status.setSpacing(14)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress_text = label("", "Muted")
        self.counts_label = label("")
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setToolTip(
            "Left today: new cards, learning cards and due reviews (the current card's kind "
            "is underlined)"
        )
        self.timer_label = label("0:00", "Muted")
        status.addWidget(self.progress, 1)
        status.addWidget(self.progress_text)
        status.addWidget(self.counts_label)
        status.addWidget(self.timer_label)
        outer.addLayout(status)

        self.meta = label("", "Muted", wrap=True)
        outer.addWidget(self.meta)

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        self.reading = ReadingPage()
        self.prompt_view = FittedMarkdownView(emphasised=True)
        self.prompt_view.setObjectName("Question")
        self.prompt_view.setAccessibleName("Question")
        self.answer_view = FittedMarkdownView()
        self.answer_view.setAccessibleName("Answer")
        self.reading.add(self.prompt_view)
        self._build_answering(status)
        self._build_aloud()
        self.reading.add(self.answer_view)
        self.reading.finish()
        self.pages.addWidget(self.reading)

        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.setSpacing(14)
        done_layout.addStretch(1)
        self.done_title = label("Session complete", "Title")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_text = label("", "Muted", wrap=True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        back = QPushButton("Back to Today")
        back.clicked.connect(lambda: self.navigate.emit("today"))
        self.clear_filters_button = QPushButton("Clear filters")
        self.clear_filters_button.setObjectName("Primary")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        done_layout.addWidget(self.done_title)
        done_layout.addWidget(self.done_text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_filters_button)
        row.addWidget(back)
        row.addStretch(1)
        done_layout.addLayout(row)
        done_layout.addStretch(2)
        self.pages.addWidget(done_page)

        self.note_editor = NoteEditor()
        self.note_editor.saved.connect(self._save_note)
        self.note_editor.closed.connect(self._note_closed)
        # as wide as the reading column above it, and centred with it
        note_row = QHBoxLayout()
        note_row.addStretch(1)
        note_row.addWidget(self.note_editor, 100)
        note_row.addStretch(1)
        outer.addLayout(note_row)

        self.action_bar = QWidget()
        bottom = QHBoxLayout(self.action_bar)
        bottom.setContentsMargins(0, 0, 0, 0)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip(
            "Undo the last answer, suspend, flag or note, one at a time (U or Ctrl+Z)"
        )
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
        self.reveal_button = QPushButton("Show answer  (Space)")
        self.reveal_button.setObjectName("Primary")
        self.reveal_button.setToolTip("Reveal the answer (Space or Enter)")
        self.reveal_button.clicked.connect(self.reveal)
        self.answer_stack.addWidget(self.reveal_button)
        grades = QWidget()
        grade_row = QHBoxLayout(grades)
        grade_row.setContentsMargins(0, 0, 0, 0)
        self.grade_buttons: dict[Grade, QPushButton] = {}
        for grade in Grade:
            button = QPushButton(_grade_text(grade, ""))
            button.setObjectName(grade.label)
            button.setMinimumWidth(96)
            tip = f"{grade.label} ({int(grade)}" + (
                ", Space or Enter)" if grade == Grade.GOOD else ")"
            )
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, g=grade: self.grade(g))
            self.grade_buttons[grade] = button
            grade_row.addWidget(button)
        self.answer_stack.addWidget(grades)
        bottom.addWidget(self.answer_stack)
        outer.addWidget(self.action_bar)

    def _build_answering(self, status: QHBoxLayout) -> None:
        """The answer mode at the end of the status row; the typed answer and the key-point
        checklist between the question and the answer (see ``review_answering``)."""
        self.answering = AnswerChecking(self)
        status.addWidget(self.answering.mode_switch)
        self.reading.add(self.answering.typed)
        self.reading.add(self.answering.checklist)
        self.reading.add(self.answering.ai)

    def _build_aloud(self) -> None:
        """The recorder of "Answer aloud" right under the question (see ``review_aloud``)."""
        self.aloud = AnswerAloud(self)
        column = self.reading.column_layout
        column.insertWidget(column.indexOf(self.prompt_view) + 1, self.aloud.frame)
        self.aloud.follow_mode()

    def _bind_keys(self) -> None:
        page = self.reading
        bindings: dict[str, Callable[[], object]] = {
            "Space": self.reveal_or_good,
            "Return": self.reveal_or_good,
            "Enter": self.reveal_or_good,
            # partial, not a lambda: one frame fewer on the answer path (test_answer_path)
            "1": partial(self.grade, Grade.AGAIN),
            "2": partial(self.grade, Grade.HARD),
            "3": partial(self.grade, Grade.GOOD),
            "4": partial(self.grade, Grade.EASY),
            "U": self.answering.last_key,
            "Ctrl+Z": self.undo,
            "N": self.edit_note,
            "F": self.toggle_flag,
            "S": self.suspend,
            "-": self.bury,
            "I": self.show_card_info,
            "J": lambda: page.scroll_lines(1),
            "Down": lambda: page.scroll_lines(1),
            "K": lambda: page.scroll_lines(-1),
            "Up": lambda: page.scroll_lines(-1),
            "PgDown": lambda: page.scroll_pages(1),
            "PgUp": lambda: page.scroll_pages(-1),
            **self.answering.bindings(),
            **self.aloud.bindings(),
        }
        # While a note is being written, its keys are its own (Save or Cancel focused: a
        # stray 3 must not grade the card behind it).
        self.bind_keys({keys: self._unless_writing(slot, keys) for keys, slot in bindings.items()})
        self._shortcuts = self.findChildren(
            QShortcut, options=Qt.FindChildOption.FindDirectChildrenOnly
        )
        self.answering.bind_reveal()
        for combo in self._filters():
            combo.opened.connect(self._filter_opened)

    def _filter_opened(self, is_open: bool) -> None:
        """An open filter list has the keys (arrows move in it, Enter picks): the card's wait."""
        for shortcut in self._shortcuts:
            shortcut.setEnabled(not is_open)

    def _filters(self) -> tuple[ClosedCombo, ...]:
        return (self.role_filter, self.bank_filter, self.topic_filter, self.difficulty_filter)

    def _unless_writing(self, slot: Callable[[], object], keys: str = "") -> Callable[[], None]:
        text = AnswerChecking.key_text(keys)

        def run() -> None:
            if self.note_editor.editing:
                return
            if text is not None and self.answering.take_text(text):
                return  # type mode, before the reveal: a letter is text, not a command
            slot()

        return run

    # -- filters --------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        """Every list offers only what the choices to its left leave: banks of the chosen
        roles, topics of those banks, each by its title."""
        library = self.services.library
        everything = library.study_choices(())
        self._bank_titles = {c.value: c.title for c in everything.banks}
        self._topic_titles = {c.value: c.title for c in everything.topics}
        roles = library.roles()
        chosen = set(self._target_roles())
        scoped = bool(chosen) and any(r.id not in chosen for r in roles)
        role_items = [Choice(r.id, r.title or r.id) for r in roles]
        self._set_items(self.role_filter, _MY_ROLES if scoped else "All roles", role_items)
        self.role_filter.setToolTip(
            "Only review questions of this role"
            + (": My roles are those chosen in Settings" if scoped else "")
        )
        self._fill_scoped()
        self._set_items(
            self.difficulty_filter,
            "All levels",
            [Choice(d, d.title()) for d in _DIFFICULTIES],
        )

    def _fill_scoped(self) -> None:
        """The bank and topic lists under the role (and bank) chosen now."""
        roles = self._roles_in_scope()
        banks = self.services.library.study_choices(roles).banks
        self._set_items(self.bank_filter, "All banks", banks)
        bank = self.bank_filter.currentData()
        topics = self.services.library.study_choices(roles, bank).topics
        self._set_items(self.topic_filter, "All topics", topics)

    def _set_items(self, combo: QComboBox, everything: str, items: list[Choice]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for item in items:
            combo.addItem(item.title, item.value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        combo.currentIndexChanged.connect(self._filters_changed, Qt.ConnectionType.UniqueConnection)

    def _target_roles(self) -> list[str]:
        installed = {r.id for r in self.services.library.roles()}
        return [r for r in self.services.settings.target_roles if r in installed]

    def _roles_in_scope(self) -> tuple[str, ...]:
        """The chosen role, or the roles chosen at first run (in Settings) under "My roles"."""
        role = self.role_filter.currentData()
        return (role,) if role else tuple(self._target_roles())

    def current_filter(self) -> CardFilter:
        if self._drill is not None and not self._drill_done():
            return self._drill

        def one(combo: QComboBox) -> tuple[str, ...]:
            data = combo.currentData()
            return (data,) if data else ()

        return CardFilter(
            roles=self._roles_in_scope(),
            bank_ids=one(self.bank_filter),
            topics=one(self.topic_filter),
            difficulties=one(self.difficulty_filter),
        )

    def _filters_changed(self, _index: int = 0) -> None:
        self._drill = None
        sender = self.sender()
        if sender is self.role_filter or sender is self.bank_filter:
            self._fill_scoped()
        self.start_session()

    def clear_filters(self) -> None:
        for combo in (
            self.role_filter,
            self.bank_filter,
            self.topic_filter,
            self.difficulty_filter,
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._fill_scoped()
        self.start_session()

    # -- session --------------------------------------------------------------------------------

    def activated(self) -> None:
        self._fill_filters()
        self.session.answer_cap_ms = self._answer_cap_ms()
        if not self._started or self.session.finished:
            self.start_session()
        else:
            self._update_timer()
        self.setFocus()
        if self.answering.wants_focus():
            self.answering.typed.focus()

    def _new_session(self, card_filter: CardFilter) -> ReviewSession:
        session = ReviewSession(
            self.services.study,
            self.services.clock,
            card_filter=card_filter,
            answer_cap_ms=self._answer_cap_ms(),
            initiator=self,
        )
        if not self._in_sight():
            session.pause()
        return session

    def _answer_cap_ms(self) -> int | None:
        cap = self.services.settings.answer_cap_seconds
        return cap * 1000 if cap > 0 else None

    def start_session(self) -> None:
        self._started = True
        self.session = self._new_session(self.current_filter())
        self.session.start()
        self._show()

    # -- the card's time counts only while it is in sight ---------------------------------------

    def _in_sight(self) -> bool:
        window = self.window()
        return self.isVisible() and not window.isMinimized()

    def _sight_changed(self) -> None:
        if self._in_sight():
            self.session.resume()
        else:
            self.session.pause()
        self._update_timer()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._watched_window:
            if self._watched_window is not None:
                self._watched_window.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched_window = window
        self._sight_changed()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._sight_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched_window and event.type() == QEvent.Type.WindowStateChange:
            self._sight_changed()
        return super().eventFilter(watched, event)

    # -- answering ------------------------------------------------------------------------------

    def reveal(self) -> None:
        if self.session.card is None or self.session.revealed:
            return
        self.session.reveal()
        self._show()

    def reveal_or_good(self) -> None:
        """Space, as in Anki: the answer first, then Good."""
        if self.session.card is None:
            return
        if self.session.revealed:
            self.grade(Grade.GOOD)
        else:
            self.reveal()

    def grade(self, grade: Grade) -> None:
        if self.session.card is None or not self.session.revealed:
            return
        try:
            self.session.grade(grade, self.answering.results())
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
            self.session.suspend(card)
            self.status.emit("Leech suspended: unsuspend it from Browse (is:leech finds it)")
            self._show()
        elif choice == REWRITE:
            self._rewrite(self.services.study.card(card.bank_id, card.question_id))
            return
        self.setFocus()

    def _rewrite(self, card: CardRecord) -> None:
        """The personal note on the leech: shown with the answer on every review."""
        self._editing_note()
        self.note_editor.edit(
            card,
            "Rewrite the leech",
            f"“{card.title}”: put it in your own words, split it, or add the hook you keep "
            "missing. Your note shows with the answer on every review.",
        )

    def _save_note(self, card: CardRecord, text: str) -> None:
        self.session.set_note(card, text)
        self.status.emit("Note saved" if text else "Note removed")
        self._show_changed(card)

    def _show_changed(self, card: CardRecord) -> None:
        """The shown card again after a change to ``card``, if it is that one."""
        shown = self.session.card
        self.undo_button.setEnabled(bool(self.session.undoable))
        if shown is not None and shown.key == card.key:
            self._show_meta()
            if self.session.revealed:
                self._show_answer()

    def _note_closed(self) -> None:
        self.action_bar.show()
        self.setFocus()
        if self.session.card is not None:
            self._focus_answer_keys()

    def undo(self) -> None:
        card = self.session.undo()
        if card is not None:
            self.status.emit(_UNDONE.get(self.session.undone or "", "Undone"))
            self._show()

    def edit_note(self) -> None:
        card = self.session.card
        if card is None:
            return
        self._editing_note()
        self.note_editor.edit(card, "Your note")

    def _editing_note(self) -> None:
        """Room for the answer while a note is written: the buttons, which wait meanwhile,
        give up their row, and the page shows the answer from its start."""
        self.action_bar.hide()
        if self.session.revealed:  # once the page is laid out at its new height
            QTimer.singleShot(0, self._answer_to_top)

    def _answer_to_top(self) -> None:
        self.reading.verticalScrollBar().setValue(max(0, self.answer_view.y() - 8))

    def show_card_info(self) -> None:
        card = self.session.card
        if card is not None:
            self.card_info = open_card_info(self.services, self.workers, self.theme, card.key, self)

    def toggle_flag(self) -> None:
        card = self.session.card
        if card is None:
            return
        self.session.set_flagged(card, not card.flagged)
        self._show_changed(card)

    def suspend(self) -> None:
        card = self.session.card
        if card is None:
            return
        self.session.suspend(card)
        self.status.emit("Question suspended: U brings it back, or unsuspend it from Browse")
        self._show()

    def bury(self) -> None:
        card = self.session.card
        if card is None:
            return
        self.session.bury(card)
        self.status.emit("Question buried until the next study day: U brings it back")
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
        self._style_question()
        self.answering.restyle()
        self.note_editor.fit_font()
        if self.session.card is not None:
            self._show()

    def _style_question(self) -> None:
        """The question stands out from the answer: larger, bolder, on an accented panel."""
        c = self.theme.colors
        self.prompt_view.setStyleSheet(
            f"#Question {{ background: {c.surface_alt}; border: none;"
            f" border-left: 4px solid {c.accent}; border-radius: 8px; }}"
        )
        self.reading.set_reading_font(self.theme.font_pt + 1)
        self.note_editor.setMaximumWidth(self.reading.column.maximumWidth())
        # the few short levels always shown whole, at any font size (the style sheet's padding
        # and arrow are not in a combo's own size hint)
        font = QFont(self.font())
        font.setPointSize(self.theme.font_pt)
        widest = max(QFontMetrics(font).horizontalAdvance(t) for t in ("All levels", "Senior"))
        self.difficulty_filter.setMinimumWidth(widest + 56)

    def _show(self) -> None:
        session = self.session
        card = session.card
        if card is None:
            self._show_empty()
            return
        self._show_progress()
        self.pages.setCurrentIndex(0)
        self.answer_stack.show()
        for button in (self.note_button, self.flag_button, self.suspend_button, self.info_button):
            button.setEnabled(True)
        if not self.prompt_view.styleSheet():
            self._style_question()
        dark, font = self.theme.dark, self.theme.font_pt
        self.prompt_view.set_markdown(card.prompt, dark, font + _QUESTION_EXTRA_PT)
        # the grade buttons carry their intervals from the start, so the button row is as
        # tall before the first answer as after it
        labels = session.interval_labels()
        for grade, button in self.grade_buttons.items():
            button.setText(_grade_text(grade, labels.get(grade, "")))
        if session.revealed:
            self._show_answer()
            self.answer_stack.setCurrentIndex(1)
        else:
            self.answer_view.hide()
            self.answer_stack.setCurrentIndex(0)
            self.reading.to_top()
        self.answering.show_card()
        self.aloud.show_card()
        self._focus_answer_keys()
        self._show_meta()
        self._update_timer()
        self._tick.start()

    def _show_answer(self) -> None:
        dark, font = self.theme.dark, self.theme.font_pt
        self.answer_view.set_markdown(self._answer_markdown(), dark, font)
        self.answer_view.show()

    def _focus_answer_keys(self) -> None:
        if self.note_editor.editing:
            return
        if self.session.revealed:
            self.grade_buttons[Grade.GOOD].setFocus()
        elif self.answering.wants_focus():
            self.answering.typed.focus()
        else:
            self.reveal_button.setFocus()

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
        bank = self._bank_titles.get(card.bank_id, card.bank_id)
        # a bank is often named after its one topic: said once
        topics = ", ".join(
            title for t in card.topics if (title := self._topic_titles.get(t, t)) != bank
        )
        bits = [bank, topics, card.difficulty]
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
        self.meta.setText(" · ".join(b for b in bits if b))
        self.flag_button.setText("Unflag" if card.flagged else "Flag")

    def _show_progress(self) -> None:
        progress = self.session.progress
        shown = progress.total > 0
        self.progress.setVisible(shown)
        self.progress.setValue(round(progress.fraction * 1000))
        self.progress_text.setText(f"{progress.done} done" if progress.done else "")
        self.counts_label.setText(self._counts_html())
        self.counts_label.setVisible(shown or self.session.card is not None)
        self.undo_button.setEnabled(bool(self.session.undoable))

    def _counts_html(self) -> str:
        """Anki's three numbers, in its colours; the shown card's kind underlined."""
        counts = self.session.progress.counts
        card = self.session.card
        stage = card.state.stage if card is not None else None
        c = self.theme.colors
        kinds = (
            (counts.new, "new", c.easy, stage == Stage.NEW),
            (counts.learning, "learning", c.again, stage in (Stage.LEARNING, Stage.RELEARNING)),
            (counts.review, "due", c.good, stage == Stage.REVIEW),
        )
        parts = []
        for n, word, colour, current in kinds:
            text = f"{n:,} {word}"
            if current:
                text = f"<u>{text}</u>"
            parts.append(f'<span style="color:{colour}; font-weight:600">{text}</span>')
        return f' <span style="color:{c.muted}">·</span> '.join(parts)

    def _show_empty(self) -> None:
        """No card: done for now, nothing due, or a filter that leads nowhere, each said so."""
        done = self.session.progress.done
        if done:
            title, text = "Session complete", self._done_text()
        elif self._filtered() and self.services.study.matching(self.session.card_filter) == 0:
            title = NOTHING_MATCHES
            text = "No flashcard has all of these together. Widen a filter, or clear them all."
        else:
            title, text = "Nothing due now", self._done_text()
        self._show_done_page(title, text)
        self.clear_filters_button.setVisible(self._filtered())

    def _filtered(self) -> bool:
        return any(combo.currentIndex() > 0 for combo in self._filters())

    def _show_done_page(self, title: str, text: str) -> None:
        self.aloud.show_card()
        self._show_progress()
        self._tick.stop()
        self.timer_label.setText("")
        self.pages.setCurrentIndex(1)
        self.done_title.setText(title)
        self.done_text.setText(text)
        for button in (self.note_button, self.flag_button, self.suspend_button, self.info_button):
            button.setEnabled(False)
        self.answer_stack.hide()
        self.meta.setText("")
        self.clear_filters_button.hide()
        self.setFocus()

    def _done_text(self) -> str:
        done = self.session.progress.done
        nxt = self.session.skip_learning_wait()
        if done:
            text = f"You answered {count(done, 'card')} in this session."
        else:
            text = "No card under these filters is due now."
        if nxt is not None:
            local = nxt.astimezone()
            text += f" More learning cards come due at {local:%H:%M}."
        else:
            text += " Come back tomorrow, or widen the filters above."
        return text

    def _update_timer(self) -> None:
        if self.session.card is None:
            return
        seconds = self.session.elapsed_ms() // 1000
        self.timer_label.setText(f"{seconds // 60}:{seconds % 60:02d}")
        cap = self.session.answer_cap_ms
        if self.session.capped and cap is not None:
            tip = f"Time on this card: recorded as {cap // 1000} s at most (Settings › Review)"
        elif self.session.stopwatch.paused:
            tip = "Time on this card: paused while Review is out of sight"
        else:
            tip = "Time on this card (recorded with your answer)"
        self.timer_label.setToolTip(tip)

    def drill(self, card_filter: CardFilter) -> None:
        """Study exactly ``card_filter`` (what a mock interview found weakest) until the user
        changes a filter; the entry point of the mock report's "what to drill next"."""
        self._drill = card_filter
        self.start_session()

    def _drill_done(self) -> bool:
        """A weak-points drill with every card answered is over (and forgotten): coming back
        to Review, from Today's Start review say, shows the everyday queue, not an empty
        drill. (A mock report's drill is a scope, kept until a filter changes.)"""
        drill = self._drill
        if drill is None or not drill.is_drill or self.services.study.counts(drill).total:
            return False
        self._drill = None
        return True


def _grade_text(grade: Grade, interval: str) -> str:
    """The grade, its key, and the interval it gives, on two lines."""
    return f"{grade.label}  ({int(grade)})\n{interval}"
