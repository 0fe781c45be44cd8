"""System-design practice: a timed prompt, autosaved notes, then the reference, the rubric and a
grade that schedules the prompt.

The attempt's logic (clock, phases, score, suggested grade, saving) lives in
``services.design.DesignSession``; this view shows it and forwards input. Notes are written
three seconds after typing stops, and whenever the user leaves the screen or closes the window.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interviewprep.banks.titles import plain_text
from interviewprep.core.card_record import CardRecord
from interviewprep.core.cards import Grade
from interviewprep.core.scheduling import format_interval
from interviewprep.services.app import Services
from interviewprep.services.design import (
    DesignAttempt,
    DesignPrompt,
    DesignSession,
    format_clock,
    reference_markdown,
)
from interviewprep.ui.autosave import Autosave
from interviewprep.ui.screens.base import Screen, card, label, shortcut_tip
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.markdown_view import MarkdownView
from interviewprep.ui.workers import Workers

CLOCK_SAVE_TICKS = 30
"""While the clock runs with no typing, the elapsed time is still written this often (s)."""


class _ClickableLabel(QLabel):
    """A wrapped label that toggles its checkbox, since QCheckBox text cannot wrap."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


def _discard(widget: QWidget | None) -> None:
    # Hidden and unparented at once: deleteLater() alone leaves it drawn until the event loop
    # runs, on top of its replacement.
    if widget is not None:
        widget.hide()
        widget.setParent(None)
        widget.deleteLater()


def _key(bank_id: str, question_id: str) -> str:
    # Plain strings: a tuple stored as item data does not survive findData().
    return f"{bank_id}/{question_id}"


def _when(moment: datetime) -> str:
    return f"{moment.astimezone():%d %b %H:%M}"


def attempt_summary(attempt: DesignAttempt) -> str:
    """One line for the list of earlier attempts."""
    bits = [_when(attempt.started_at)]
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


class DesignScreen(Screen):
    # How often the clock on screen is redrawn; tests shorten it instead of waiting seconds.
    tick_ms = 1000

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.session: DesignSession | None = None
        self.prompts: list[DesignPrompt] = []
        self._hints_shown = 0
        self._ticks = 0
        self._loading = False
        self._split_finished: bool | None = None
        self.rubric_boxes: list[QCheckBox] = []
        self.phase_labels: list[tuple[QLabel, QLabel]] = []
        self.past_attempts: list[DesignAttempt] = []
        self._build()
        self._bind_keys()
        self.autosave = Autosave(self._save_notes_now, self)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(12)

        header = QHBoxLayout()
        header.addWidget(label("System design", "Title"))
        header.addStretch(1)
        header.addWidget(label("Prompt", "Muted"))
        self.picker = QComboBox()
        self.picker.setMinimumWidth(280)
        self.picker.setToolTip("Practise any design prompt, due or not")
        self.picker.setAccessibleName("Design prompt")
        self.picker.activated.connect(self._picked)
        header.addWidget(self.picker, 2)
        self.next_button = QPushButton("Next due")
        self.next_button.setToolTip(shortcut_tip("Show the next design prompt due", "Ctrl+N"))
        self.next_button.clicked.connect(self.show_next_due)
        header.addWidget(self.next_button)
        outer.addLayout(header)

        self.meta = label("", "Muted", wrap=True)
        outer.addWidget(self.meta)

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_empty_page())
        self.pages.addWidget(self._build_work_page())

        outer.addLayout(self._build_bottom())

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        frame, inner = card()
        frame.setMaximumWidth(560)
        self.empty_title = label("No design prompt is due", "Subtitle")
        self.empty_text = label(
            "You are done with design prompts for today. Pick any prompt above to practise it "
            "anyway: it is graded and scheduled like a due one.",
            "Muted",
            wrap=True,
        )
        inner.addWidget(self.empty_title)
        inner.addWidget(self.empty_text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _build_work_page(self) -> QWidget:
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setChildrenCollapsible(False)

        self.left_split = QSplitter(Qt.Orientation.Vertical)
        self.left_split.setChildrenCollapsible(False)
        self.prompt_view = MarkdownView()
        self.prompt_view.setAccessibleName("Design prompt")
        self.prompt_view.setMinimumHeight(120)
        self.left_split.addWidget(self.prompt_view)

        self.notes_split = QSplitter(Qt.Orientation.Horizontal)
        self.notes_split.setChildrenCollapsible(False)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 4, 0, 0)
        notes_layout.setSpacing(6)
        notes_head = QHBoxLayout()
        notes_head.addWidget(label("Your notes", "Subtitle"))
        notes_head.addStretch(1)
        self.save_state = label("", "Muted")
        notes_head.addWidget(self.save_state)
        notes_layout.addLayout(notes_head)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Your notes")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._notes_changed)
        notes_layout.addWidget(self.notes, 1)
        self.notes_split.addWidget(notes_box)

        self.past_box = QWidget()
        past_layout = QVBoxLayout(self.past_box)
        past_layout.setContentsMargins(0, 4, 0, 0)
        past_layout.setSpacing(6)
        past_head = QHBoxLayout()
        self.past_title = label("", "Subtitle")
        past_head.addWidget(self.past_title)
        past_head.addStretch(1)
        self.past_close = QPushButton("Close")
        self.past_close.setToolTip(shortcut_tip("Close the earlier notes", "Esc"))
        self.past_close.clicked.connect(self.close_past)
        past_head.addWidget(self.past_close)
        past_layout.addLayout(past_head)
        self.past_notes = QPlainTextEdit()
        self.past_notes.setReadOnly(True)
        self.past_notes.setAccessibleName("Notes from an earlier attempt")
        past_layout.addWidget(self.past_notes, 1)
        self.notes_split.addWidget(self.past_box)
        self.past_box.hide()

        self.left_split.addWidget(self.notes_split)
        self.left_split.setStretchFactor(0, 2)
        self.left_split.setStretchFactor(1, 3)
        self.main_split.addWidget(self.left_split)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        side_layout.setSpacing(12)
        side_layout.addWidget(self._build_clock_card())
        side_layout.addWidget(self._build_rubric_card())
        side_layout.addWidget(self._build_attempts_card(), 1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)
        scroll.setMaximumWidth(380)
        scroll.viewport().setAutoFillBackground(False)
        side.setAutoFillBackground(False)
        self.main_split.addWidget(scroll)
        self.main_split.setStretchFactor(0, 1)
        self.main_split.setStretchFactor(1, 0)
        self.main_split.setSizes([640, 340])
        return self.main_split

    def _build_clock_card(self) -> QFrame:
        frame, layout = card()
        self.countdown = label("45:00", "Big")
        self.countdown.setAccessibleName("Time left")
        self.countdown.setToolTip("Time left in the time box; it keeps counting past zero")
        self.countdown.setProperty("state", "normal")
        layout.addWidget(self.countdown)
        self.clock_caption = label("", "Muted")
        layout.addWidget(self.clock_caption)
        layout.addSpacing(4)
        self.phases_box = QWidget()
        self.phase_grid = QGridLayout(self.phases_box)
        self.phase_grid.setContentsMargins(0, 0, 0, 0)
        self.phase_grid.setHorizontalSpacing(10)
        self.phase_grid.setVerticalSpacing(4)
        self.phase_grid.setColumnStretch(0, 1)
        layout.addWidget(self.phases_box)
        return frame

    def _build_rubric_card(self) -> QFrame:
        self.rubric_card, layout = card()
        head = QHBoxLayout()
        head.addWidget(label("Rubric", "Subtitle"))
        head.addStretch(1)
        self.score_label = label("", "Subtitle")
        head.addWidget(self.score_label)
        layout.addLayout(head)
        self.rubric_help = label("Tick what your notes covered.", "Muted", wrap=True)
        layout.addWidget(self.rubric_help)
        self.rubric_list = QVBoxLayout()
        self.rubric_list.setSpacing(6)
        layout.addLayout(self.rubric_list)
        self.score_bar = QProgressBar()
        self.score_bar.setRange(0, 1000)
        self.score_bar.setTextVisible(False)
        layout.addWidget(self.score_bar)
        self.suggestion = label("", "Muted", wrap=True)
        layout.addWidget(self.suggestion)
        self.rubric_card.hide()
        return self.rubric_card

    def _build_attempts_card(self) -> QFrame:
        frame, layout = card()
        layout.addWidget(label("Earlier attempts", "Subtitle"))
        self.attempts_list = QListWidget()
        self.attempts_list.setAccessibleName("Earlier attempts")
        self.attempts_list.setToolTip("Enter or double-click opens its notes beside yours")
        self.attempts_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attempts_list.setMinimumHeight(80)
        # Takes the room left in the column rather than asking for its default 192 px, which
        # would put a scroll bar on the column for no reason.
        self.attempts_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.attempts_list.itemActivated.connect(lambda _item: self.open_past())
        self.attempts_list.currentRowChanged.connect(self._attempt_selected)
        layout.addWidget(self.attempts_list, 1)
        self.attempts_empty = label("None yet: this is your first attempt.", "Muted", wrap=True)
        layout.addWidget(self.attempts_empty)
        self.open_past_button = QPushButton("Open beside my notes")
        self.open_past_button.setToolTip(shortcut_tip("Show its notes next to yours", "Enter"))
        self.open_past_button.clicked.connect(self.open_past)
        layout.addWidget(self.open_past_button)
        layout.addStretch(0)  # keeps the title at the top while the list is hidden
        return frame

    def _build_bottom(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        self.hint_button = QPushButton("Hint")
        self.hint_button.setToolTip(shortcut_tip("Show the next hint", "Ctrl+Shift+H"))
        self.hint_button.clicked.connect(self.show_hint)
        bottom.addWidget(self.hint_button)
        self.result = label("", "Muted")
        bottom.addWidget(self.result)
        bottom.addStretch(1)

        self.start_button = QPushButton("Start the clock")
        self.start_button.setObjectName("Primary")
        self.start_button.setToolTip(shortcut_tip("Start the timed attempt", "Space"))
        self.start_button.clicked.connect(self.start)
        bottom.addWidget(self.start_button)

        self.finish_button = QPushButton("Finish")
        self.finish_button.setObjectName("Primary")
        self.finish_button.setToolTip(
            shortcut_tip("Stop the clock and reveal the reference and rubric", "Ctrl+Enter")
        )
        self.finish_button.clicked.connect(self.finish)
        bottom.addWidget(self.finish_button)

        self.grades = QWidget()
        grade_row = QHBoxLayout(self.grades)
        grade_row.setContentsMargins(0, 0, 0, 0)
        self.grade_buttons: dict[Grade, QPushButton] = {}
        for grade in Grade:
            button = QPushButton(grade.label)
            button.setObjectName(grade.label)
            button.setMinimumWidth(96)
            button.setMinimumHeight(50)
            button.setToolTip(shortcut_tip(f"Grade this attempt {grade.label}", str(int(grade))))
            button.clicked.connect(lambda _=False, g=grade: self.grade(g))
            self.grade_buttons[grade] = button
            grade_row.addWidget(button)
        bottom.addWidget(self.grades)

        self.next_after = QPushButton("Next prompt")
        self.next_after.setObjectName("Primary")
        self.next_after.setToolTip(shortcut_tip("Go to the next design prompt due", "Ctrl+N"))
        self.next_after.clicked.connect(self.show_next_due)
        bottom.addWidget(self.next_after)
        return bottom

    def _bind_keys(self) -> None:
        bindings = {
            "Ctrl+Return": self.finish,
            "Ctrl+Enter": self.finish,
            "1": lambda: self.grade(Grade.AGAIN),
            "2": lambda: self.grade(Grade.HARD),
            "3": lambda: self.grade(Grade.GOOD),
            "4": lambda: self.grade(Grade.EASY),
            "Ctrl+S": self.save_notes,
            "Ctrl+N": self.show_next_due,
            "Ctrl+Shift+H": self.show_hint,
            "Esc": self.close_past,
        }
        self.bind_keys(bindings)

    # -- loading prompts ------------------------------------------------------------------------

    def activated(self) -> None:
        self._fill_picker()
        if self.session is None:
            attempt = self.services.design.resume_unfinished()
            if attempt is not None:
                self._resume(attempt)
            else:
                self.show_next_due()
        else:
            self._show()
        self._focus_default()

    def can_leave(self) -> bool:
        # Leaving never blocks and never loses text: the notes are written first.
        self.save_notes()
        return True

    def _fill_picker(self) -> None:
        self.prompts = self.services.design.prompts()
        self.picker.blockSignals(True)
        self.picker.clear()
        for prompt in self.prompts:
            text = f"{prompt.title} · {prompt.time_box} min"
            self.picker.addItem(text, _key(*prompt.key))
            self.picker.setItemData(
                self.picker.count() - 1,
                f"{prompt.bank_title} · {prompt.difficulty}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.picker.setEnabled(bool(self.prompts))
        self._sync_picker()
        self.picker.blockSignals(False)

    def _sync_picker(self) -> None:
        key = _key(*self.session.card.key) if self.session is not None else None
        index = self.picker.findData(key) if key is not None else -1
        self.picker.setCurrentIndex(index)

    def _picked(self, index: int) -> None:
        key = self.picker.itemData(index)
        if not isinstance(key, str):
            return
        bank_id, _, question_id = key.partition("/")
        if self.session is not None and self.session.card.key == (bank_id, question_id):
            return
        self._leave_current()
        self._load(self.services.study.card(bank_id, question_id))

    def show_next_due(self) -> None:
        if self.session is not None and self.session.running:
            # Mid-attempt, Ctrl+N must not throw the attempt away; the picker is explicit.
            self.status.emit("Finish this attempt first, or pick another prompt above")
            return
        self._leave_current()
        card_ = self.services.study.next_card(question_type="system-design")
        if card_ is None:
            self.session = None
            self._show()
            return
        self._load(card_)

    def _leave_current(self) -> None:
        session = self.session
        if session is None or session.graded or not session.started:
            return
        session.abandon(self.notes.toPlainText())
        self.status.emit("The earlier attempt was stopped; its notes are kept under its prompt")

    def _load(self, card_: CardRecord) -> None:
        self.session = DesignSession(self.services.design, self.services.clock, card_)
        self._hints_shown = 0
        self._set_notes("")
        self.close_past()
        self._build_phases()
        self._build_rubric()
        self._show()
        self._focus_default()

    def _resume(self, attempt: DesignAttempt) -> None:
        card_ = self.services.study.card(attempt.bank_id, attempt.question_id)
        self.session = DesignSession.resume(
            self.services.design, self.services.clock, card_, attempt
        )
        self._hints_shown = 0
        self._set_notes(attempt.notes)
        self.close_past()
        self._build_phases()
        self._build_rubric()
        self._show()
        self.status.emit("Resumed your unfinished design attempt")

    def _set_notes(self, text: str) -> None:
        self._loading = True
        self.notes.setPlainText(text)
        self._loading = False

    # -- the attempt ----------------------------------------------------------------------------

    def start(self) -> None:
        session = self.session
        if session is None or session.started:
            return
        session.start()
        self._ticks = 0
        self._show()
        self.notes.setFocus()

    def _notes_changed(self) -> None:
        if self._loading or self.session is None or not self.session.running:
            return
        self.save_state.setText("Editing…")
        self.autosave.changed()

    def save_notes(self) -> None:
        self.autosave.flush()

    def _save_notes_now(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        if session.save(self.notes.toPlainText()):
            self.save_state.setText(f"Saved {self.services.clock.now().astimezone():%H:%M:%S}")

    def finish(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        self.autosave.cancel()
        session.finish(self.notes.toPlainText())
        self.save_state.setText("Saved")
        self._show()
        self.grade_buttons[session.suggested()].setFocus()

    def _rubric_toggled(self, index: int, checked: bool) -> None:
        if self.session is None:
            return
        self.session.set_checked(index, checked)
        self._show_score()

    def grade(self, grade: Grade) -> None:
        session = self.session
        if session is None or not session.finished or session.graded:
            return
        answer = session.grade(grade)
        if answer is None:
            return
        due = answer.after.due
        when = format_interval(due - self.services.clock.now()) if due is not None else "later"
        self.status.emit(f"Graded {grade.label}: saved, this prompt comes back in {when}")
        self._show()
        self.next_after.setFocus()

    def show_hint(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        hints = session.card.extra.get("hints") or []
        if self._hints_shown < len(hints):
            self._hints_shown += 1
            self._render_prompt()

    # -- earlier attempts -----------------------------------------------------------------------

    def _attempt_selected(self, row: int) -> None:
        self.open_past_button.setEnabled(0 <= row < len(self.past_attempts))

    def open_past(self) -> None:
        row = self.attempts_list.currentRow()
        if not 0 <= row < len(self.past_attempts):
            return
        attempt = self.past_attempts[row]
        self.past_title.setText(f"Notes of {_when(attempt.started_at)}")
        self.past_title.setToolTip(attempt_summary(attempt))
        self.past_notes.setPlainText(attempt.notes or "(no notes were typed)")
        self.past_box.show()
        width = max(2, self.notes_split.width())
        self.notes_split.setSizes([width // 2, width // 2])

    def close_past(self) -> None:
        self.past_box.hide()

    def _fill_attempts(self) -> None:
        session = self.session
        current = session.attempt.id if session is not None and session.attempt else None
        attempts = self.services.design.attempts(*session.card.key) if session is not None else []
        self.past_attempts = [a for a in attempts if a.id != current]
        self.attempts_list.clear()
        for attempt in self.past_attempts:
            item = QListWidgetItem(attempt_summary(attempt))
            item.setToolTip(attempt.notes[:300] or "(no notes)")
            self.attempts_list.addItem(item)
        has = bool(self.past_attempts)
        self.attempts_list.setVisible(has)
        self.attempts_empty.setVisible(not has)
        self.open_past_button.setVisible(has)
        if has:
            self.attempts_list.setCurrentRow(0)

    # -- rendering ------------------------------------------------------------------------------

    def theme_changed(self, dark: bool) -> None:
        if self.session is not None:
            self._render_prompt()
            self._update_clock()
            self._show_score()

    def _focus_default(self) -> None:
        session = self.session
        if session is None:
            self.picker.setFocus()
        elif not session.started:
            self.start_button.setFocus()
        elif session.running:
            self.notes.setFocus()
        elif not session.graded:
            self.grade_buttons[session.suggested()].setFocus()
        else:
            self.next_after.setFocus()

    def _show(self) -> None:
        session = self.session
        self._sync_picker()
        if session is None:
            self._tick.stop()
            self.pages.setCurrentIndex(0)
            self.meta.setText("")
            for widget in (
                self.hint_button,
                self.start_button,
                self.finish_button,
                self.grades,
                self.next_after,
            ):
                widget.hide()
            self.result.setText("")
            self.empty_title.setText(
                "No design prompt is due" if self.prompts else "No design prompts installed"
            )
            self.empty_text.setText(
                "You are done with design prompts for today. Pick any prompt above to practise "
                "it anyway: it is graded and scheduled like a due one."
                if self.prompts
                else "Import a bank with system-design questions (File → Import) to practise here."
            )
            return
        self.pages.setCurrentIndex(1)
        card_ = session.card
        bits = [card_.bank_id, ", ".join(card_.topics), card_.difficulty]
        bits.append(f"{session.time_box_seconds // 60} min time box")
        bits.append("new" if card_.state.reps == 0 else f"practised {card_.state.reps}×")
        self.meta.setText(" · ".join(bits))
        self._render_prompt()

        started, running, finished, graded = (
            session.started,
            session.running,
            session.finished,
            session.graded,
        )
        self.notes.setReadOnly(not running)
        self.notes.setEnabled(started)
        self.notes.setPlaceholderText(
            "Markdown notes: requirements, estimates, API, components, trade-offs…"
            if started
            else "Start the clock to take notes."
        )
        self.start_button.setVisible(not started)
        self.finish_button.setVisible(running)
        hints = card_.extra.get("hints") or []
        self.hint_button.setVisible(running and bool(hints))
        self.hint_button.setEnabled(self._hints_shown < len(hints))
        self.grades.setVisible(finished)
        self.next_after.setVisible(graded)
        self.rubric_card.setVisible(finished)
        self.phases_box.setVisible(not finished)  # the rubric needs the room more
        for box in self.rubric_boxes:
            box.setEnabled(finished and not graded)
        if not started:
            self.save_state.setText("")
        elif running and not self.save_state.text():
            self.save_state.setText("Autosaved as you type")
        if finished != self._split_finished:
            # The reference needs more room than the prompt did; set once per state so a
            # splitter the user dragged stays where they put it.
            self._split_finished = finished
            self.left_split.setSizes([1, 2] if not finished else [3, 2])
        self._fill_attempts()
        self._show_score()
        self._update_clock()
        if running:
            self._tick.start(self.tick_ms)
        else:
            self._tick.stop()

    def _render_prompt(self) -> None:
        session = self.session
        if session is None:
            return
        card_ = session.card
        parts = [card_.prompt]
        hints = (card_.extra.get("hints") or [])[: self._hints_shown]
        if hints:
            parts.append("\n".join(f"> **Hint {i + 1}:** {hint}" for i, hint in enumerate(hints)))
        if session.finished:
            parts.append(reference_markdown(card_))
        self.prompt_view.set_markdown(
            "\n\n---\n\n".join(parts), self.theme.dark, self.theme.font_pt
        )

    def _build_phases(self) -> None:
        while self.phase_grid.count():
            item = self.phase_grid.takeAt(0)
            _discard(item.widget() if item is not None else None)
        self.phase_labels = []
        if self.session is None:
            return
        for row, phase in enumerate(self.session.phases):
            name = label(plain_text(phase.name), wrap=True)
            span = label(f"{phase.start_minute}–{phase.end_minute} min", "Muted")
            span.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.phase_grid.addWidget(name, row, 0)
            self.phase_grid.addWidget(span, row, 1)
            self.phase_labels.append((name, span))

    def _build_rubric(self) -> None:
        while self.rubric_list.count():
            item = self.rubric_list.takeAt(0)
            layout = item.layout() if item is not None else None
            if layout is not None:
                while layout.count():
                    child = layout.takeAt(0)
                    _discard(child.widget() if child is not None else None)
                layout.deleteLater()
        self.rubric_boxes = []
        if self.session is None:
            return
        for index, item_ in enumerate(self.session.rubric):
            row = QHBoxLayout()
            row.setSpacing(8)
            box = QCheckBox()
            box.setAccessibleName(item_.text)
            box.setToolTip(f"Weight {item_.weight}")
            box.setChecked(index in self.session.checked)
            box.toggled.connect(lambda on, i=index: self._rubric_toggled(i, on))
            text = _ClickableLabel(item_.text)
            text.setWordWrap(True)
            text.clicked.connect(box.click)
            weight = label(f"×{item_.weight}", "Badge")
            weight.setToolTip(f"Weight {item_.weight}")
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            row.addWidget(weight, 0, Qt.AlignmentFlag.AlignTop)
            self.rubric_list.addLayout(row)
            self.rubric_boxes.append(box)

    def _show_score(self) -> None:
        session = self.session
        if session is None or not session.finished:
            self.result.setText("")
            return
        score, suggested = session.score(), session.suggested()
        percent = round(score * 100)
        self.score_label.setText(f"{percent}%")
        self.score_bar.setValue(round(score * 1000))
        colors = self.theme.colors
        grade_colors = {
            Grade.AGAIN: colors.again,
            Grade.HARD: colors.hard,
            Grade.GOOD: colors.good,
            Grade.EASY: colors.easy,
        }
        attempt = session.attempt
        given = attempt.grade if attempt is not None else None
        if given is not None:
            self.suggestion.setText(
                f"Rubric suggested {suggested.label}; you graded {given.label}."
            )
            self.result.setText(f"Graded {given.label} · rubric {percent}%")
        else:
            self.suggestion.setText(
                f"Suggests {suggested.label}. Choose another grade if the rubric misses something."
            )
            self.result.setText(f"Rubric {percent}% suggests {suggested.label}")
        intervals = self.services.study.preview(session.card) if given is None else {}
        for grade, button in self.grade_buttons.items():
            interval = format_interval(intervals[grade]) if grade in intervals else ""
            marked = grade == (given or suggested)
            text = f"★ {grade.label}" if marked else grade.label
            button.setText(f"{text}\n{interval}" if interval else text)
            button.setEnabled(given is None)
            button.setProperty("suggested", marked)
            # Filled in its grade's colour, so it never looks like the keyboard focus ring.
            button.setStyleSheet(
                f"QPushButton {{ background: {grade_colors[grade]}; color: {colors.accent_text};"
                f" font-weight: 700; border: 1px solid {grade_colors[grade]}; }}"
                f" QPushButton:focus {{ border: 2px solid {colors.text}; }}"
                f" QPushButton:disabled {{ background: {grade_colors[grade]};"
                f" color: {colors.accent_text}; }}"
                if marked
                else ""
            )

    def _on_tick(self) -> None:
        self._ticks += 1
        self._update_clock()
        if self._ticks % CLOCK_SAVE_TICKS == 0:
            self.save_notes()

    def _update_clock(self) -> None:
        session = self.session
        if session is None:
            return
        state = session.clock_state() if session.started else "normal"
        self.countdown.setText(session.countdown())
        self.countdown.setProperty("state", state)
        colors = self.theme.colors
        color = {"warning": colors.hard, "over": colors.again}.get(state)
        self.countdown.setStyleSheet(f"color: {color};" if color else "")
        minutes = session.time_box_seconds // 60
        if not session.started:
            caption = f"{minutes} min time box"
        elif session.finished:
            caption = f"finished after {format_clock(session.elapsed_seconds())}"
        elif state == "over":
            caption = "over time: wrap up"
        else:
            caption = f"left of {minutes} min"
        self.clock_caption.setText(caption)
        current = session.current_phase() if session.running else None
        for index, (name, span) in enumerate(self.phase_labels):
            phase = session.phases[index]
            if index == current:
                name.setText(f"▶ {plain_text(phase.name)}")
                name.setStyleSheet(f"color: {colors.accent}; font-weight: 700;")
                span.setStyleSheet(f"color: {colors.accent};")
            elif current is not None and index < current:
                name.setText(f"✓ {plain_text(phase.name)}")
                name.setStyleSheet(f"color: {colors.muted};")
                span.setStyleSheet("")
            else:
                name.setText(plain_text(phase.name))
                name.setStyleSheet("")
                span.setStyleSheet("")
            name.setProperty("current", index == current)
