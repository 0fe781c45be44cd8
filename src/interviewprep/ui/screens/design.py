"""System-design practice: a timed prompt, autosaved notes, then the reference, the rubric and a
grade that schedules the prompt.

The attempt's logic (clock, pauses, phases, score, suggested grade, saving) lives in
``services.design.DesignSession``; this view shows it and forwards input. Notes are written
three seconds after typing stops, and whenever the user leaves the screen or closes the window.

Two pages: while the clock can run, the prompt and the notes fill the left and the clock the
right; once finished, one scrolling page sets the reference outline at full height beside the
rubric and the notes, with no scroll box inside it. Both keep lines to a readable length and
grow the side column with the window.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QHideEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
    describe_prompt,
    format_clock,
    reference_markdown,
)
from interviewprep.services.mock import topic_name
from interviewprep.ui.autosave import Autosave
from interviewprep.ui.screens.base import Screen, card, label, shortcut_tip
from interviewprep.ui.shortcuts import PLAY_KEYS, RECORD_KEYS
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.answer_recorder import AnswerRecorder
from interviewprep.ui.widgets.closed_combo import ClosedCombo
from interviewprep.ui.widgets.fitted_markdown_view import FittedMarkdownView
from interviewprep.ui.widgets.markdown_view import MarkdownView
from interviewprep.ui.workers import Workers
from interviewprep.wording import count

CLOCK_SAVE_TICKS = 30
"""While the clock runs with no typing, the elapsed time is still written this often (s)."""

READING_CHARS = 90
"""The longest line of the prompt and the reference, in average characters: past about 90 the
eye loses its way back to the start of the next line (1920 px gave 200-character lines)."""

SIDE_SHARE = 0.36
SIDE_CHARS = (30, 56)
"""The side column (clock, rubric, notes, attempts) takes this share of the width, between
these many characters, so it grows with the window and the font instead of staying 300 px."""

ATTEMPT_ROWS_BESIDE_NOTES = 6
"""Earlier attempts listed beside the notes before that list scrolls; the finished page, which
scrolls as a whole, lists them all."""

PAUSE_KEYS = "Ctrl+Space"
PICK_KEYS = "Ctrl+L"


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


def _char_width(widget: QWidget, point_size: float) -> float:
    font = QFont(widget.font())
    font.setPointSizeF(point_size)
    return QFontMetricsF(font).averageCharWidth()


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

    clock_ticked = Signal()
    """After each redraw of the running clock by its timer (none while the clock is held)."""

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.session: DesignSession | None = None
        self.prompts: list[DesignPrompt] = []
        self.revisit: set[tuple[str, str]] = set()
        """Prompts whose rubric items the weak points say to practise again (see practise())."""
        self._bank_titles: dict[str, str] = {}
        self._role_topics: dict[str, dict[str, str]] = {}
        self._hints_shown = 0
        self._ticks = 0
        self._loading = False
        self._picker_open = False
        self._watched_window: QWidget | None = None
        self._split_finished: bool | None = None
        self._shown_finished: bool | None = None
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
        header.addStretch(1)
        header.addWidget(label("Prompt", "Muted"))
        self.picker = ClosedCombo()
        self.picker.setMinimumWidth(280)
        self.picker.setToolTip(shortcut_tip("Practise any design prompt, due or not", PICK_KEYS))
        self.picker.setAccessibleName("Design prompt")
        self.picker.activated.connect(self._picked)
        self.picker.opened.connect(self._picker_opened)
        header.addWidget(self.picker, 2)
        self.next_button = QPushButton("Next due")
        self.next_button.setToolTip(shortcut_tip("Show the next design prompt due", "Ctrl+N"))
        self.next_button.clicked.connect(self.show_next_due)
        header.addWidget(self.next_button)
        column.addLayout(header)

        self.meta = label("", "Muted", wrap=True)
        column.addWidget(self.meta)

        self.clock_card = self._build_clock_card()
        self.attempts_card = self._build_attempts_card()
        self.recorder_card = self._build_recorder_card()
        self.pages = QStackedWidget()
        column.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_empty_page())
        self.pages.addWidget(self._build_work_page())
        self.pages.addWidget(self._build_review_page())

        column.addLayout(self._build_bottom())

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        frame, inner = card()
        frame.setMaximumWidth(560)
        self.empty_title = label("No design prompt is due", "Subtitle")
        self.empty_text = label("", "Muted", wrap=True)
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
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)

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
        self.notes_layout = notes_layout  # the recorder goes under the notes, see below
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
        row.addWidget(self.left_split, 1)

        self.work_side = QWidget()
        self.work_side_layout = QVBoxLayout(self.work_side)
        self.work_side_layout.setContentsMargins(0, 0, 0, 0)
        self.work_side_layout.setSpacing(12)
        self.work_side_layout.addWidget(self.clock_card)
        self.work_side_layout.addWidget(self.attempts_card)
        self.work_side_layout.addStretch(1)
        row.addWidget(self.work_side)
        return page

    def _build_review_page(self) -> QWidget:
        """The finished round: one scroll area for the whole page, the reference at full height
        on the left, the clock, rubric, notes and attempts at full height on the right."""
        self.review_scroll = QScrollArea()
        self.review_scroll.setWidgetResizable(True)
        self.review_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.review_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.review_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget()
        page.setAutoFillBackground(False)
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(20)

        left = QVBoxLayout()
        left.setSpacing(12)
        self.review_prompt = FittedMarkdownView()
        self.review_prompt.setAccessibleName("Design prompt")
        left.addWidget(self.review_prompt)
        self.reference_view = FittedMarkdownView()
        self.reference_view.setAccessibleName("Reference outline")
        left.addWidget(self.reference_view)
        left.addStretch(1)
        row.addLayout(left, 1)

        self.review_side = QWidget()
        self.review_side_layout = QVBoxLayout(self.review_side)
        self.review_side_layout.setContentsMargins(0, 0, 0, 0)
        self.review_side_layout.setSpacing(12)
        self.review_side_layout.addWidget(self._build_rubric_card())
        self.review_side_layout.addWidget(self._build_my_notes_card())
        self.review_side_layout.addWidget(self._build_review_past_card())
        self.review_side_layout.addStretch(1)
        row.addWidget(self.review_side)

        self.review_scroll.setWidget(page)
        self.review_scroll.viewport().setAutoFillBackground(False)
        return self.review_scroll

    def _build_clock_card(self) -> QFrame:
        frame, layout = card()
        self.countdown = label("45:00", "Big")
        self.countdown.setAccessibleName("Time left")
        self.countdown.setProperty("state", "normal")
        layout.addWidget(self.countdown)
        self.clock_caption = label("", "Muted", wrap=True)
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

    def _build_recorder_card(self) -> QFrame:
        """Talking the design through, as in the interview: recorded under the notes while the
        clock runs (the side column has no height to spare at 720 pixels), then beside the
        rubric to listen back."""
        frame, layout = card()
        layout.setContentsMargins(14, 10, 14, 10)
        keys = (RECORD_KEYS.keys[0], PLAY_KEYS.keys[0])
        self.recorder = AnswerRecorder(
            self.services.recordings, keys=keys, parent=frame, workers=self.workers
        )
        self.recorder.title.setText("Talk it through")
        layout.addWidget(self.recorder)
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
        return self.rubric_card

    def _build_my_notes_card(self) -> QFrame:
        frame, layout = card()
        layout.addWidget(label("Your notes", "Subtitle"))
        # A label, not an editor: as tall as the notes, so the page is the only thing scrolling.
        self.my_notes = label("", wrap=True)
        self.my_notes.setTextFormat(Qt.TextFormat.PlainText)
        self.my_notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.my_notes.setAccessibleName("Your notes")
        layout.addWidget(self.my_notes)
        return frame

    def _build_review_past_card(self) -> QFrame:
        self.review_past, layout = card()
        head = QHBoxLayout()
        self.review_past_title = label("", "Subtitle")
        head.addWidget(self.review_past_title)
        head.addStretch(1)
        close = QPushButton("Close")
        close.setToolTip(shortcut_tip("Close the earlier notes", "Esc"))
        close.clicked.connect(self.close_past)
        head.addWidget(close)
        layout.addLayout(head)
        self.review_past_notes = label("", wrap=True)
        self.review_past_notes.setTextFormat(Qt.TextFormat.PlainText)
        self.review_past_notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_past_notes.setAccessibleName("Notes from an earlier attempt")
        layout.addWidget(self.review_past_notes)
        self.review_past.hide()
        return self.review_past

    def _build_attempts_card(self) -> QFrame:
        frame, layout = card()
        layout.addWidget(label("Earlier attempts", "Subtitle"))
        self.attempts_list = QListWidget()
        self.attempts_list.setAccessibleName("Earlier attempts")
        self.attempts_list.setToolTip("Enter or double-click opens its notes beside yours")
        self.attempts_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attempts_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attempts_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.attempts_list.itemActivated.connect(lambda _item: self.open_past())
        self.attempts_list.currentRowChanged.connect(self._attempt_selected)
        layout.addWidget(self.attempts_list)
        self.attempts_empty = label("None yet: this is your first attempt.", "Muted", wrap=True)
        layout.addWidget(self.attempts_empty)
        self.open_past_button = QPushButton("Open beside my notes")
        self.open_past_button.setToolTip(shortcut_tip("Show its notes next to yours", "Enter"))
        self.open_past_button.clicked.connect(self.open_past)
        layout.addWidget(self.open_past_button)
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
        self.start_button.setToolTip(
            shortcut_tip("Start the timed attempt (typing a note starts it too)", "Space")
        )
        self.start_button.clicked.connect(self.start)
        bottom.addWidget(self.start_button)

        self.pause_button = QPushButton("Pause")
        self.pause_button.clicked.connect(self.toggle_pause)
        bottom.addWidget(self.pause_button)

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
            "Space": self.start,
            PAUSE_KEYS: self.toggle_pause,
            PICK_KEYS: self.open_picker,
            "Ctrl+Return": self.finish,
            "Ctrl+Enter": self.finish,
            "1": lambda: self.grade(Grade.AGAIN),
            "2": lambda: self.grade(Grade.HARD),
            "3": lambda: self.grade(Grade.GOOD),
            "4": lambda: self.grade(Grade.EASY),
            "Ctrl+S": self.save_notes,
            "Ctrl+N": self.show_next_due,
            "Ctrl+Shift+H": self.show_hint,
            "PgDown": lambda: self._scroll_review(1),
            "PgUp": lambda: self._scroll_review(-1),
            "Esc": self.close_past,
            RECORD_KEYS.keys[0]: self.recorder.toggle_recording,
            PLAY_KEYS.keys[0]: self.recorder.toggle_playback,
        }
        self.bind_keys(bindings)
        self._shortcuts = {
            shortcut.key().toString(): shortcut for shortcut in self.findChildren(QShortcut)
        }
        self._update_keys()

    def _update_keys(self) -> None:
        """Space starts the clock only before it has started, so elsewhere it still presses the
        focused button; none of the screen's keys act while the prompt list is open (its own
        arrows, Enter and Space pick there)."""
        session = self.session
        page_keys = (QKeySequence("PgDown").toString(), QKeySequence("PgUp").toString())
        for keys, shortcut in self._shortcuts.items():
            enabled = not self._picker_open
            if keys == "Space":
                enabled = enabled and session is not None and not session.started
            elif keys in page_keys:
                enabled = enabled and session is not None and session.finished
            shortcut.setEnabled(enabled)

    def _picker_opened(self, is_open: bool) -> None:
        self._picker_open = is_open
        self._update_keys()

    def open_picker(self) -> None:
        if self.picker.isEnabled():
            self.picker.setFocus()
            self.picker.showPopup()

    # -- widths ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_widths()

    def _fit_widths(self) -> None:
        """A readable measure for the text and a side column that scales with the window."""
        pt = self.theme.font_pt
        reading_char = _char_width(self, pt + 1)  # the markdown body is a point larger
        ui_char = _char_width(self, pt)
        # the view's padding, border and document margins come on top of the text
        reading = math.ceil(reading_char * READING_CHARS) + 2 * (12 + 1 + 4)
        available = max(0, self.width() - 56)
        low, high = (ui_char * n for n in SIDE_CHARS)
        side = round(min(high, max(low, available * SIDE_SHARE)))
        self.work_side.setFixedWidth(side)
        self.review_side.setFixedWidth(side)
        self.column.setMaximumWidth(reading + 20 + side)

    # -- being in sight -------------------------------------------------------------------------

    def _in_sight(self) -> bool:
        return self.isVisible() and not self.window().isMinimized()

    def _sight_changed(self) -> None:
        """The clock stands still while nobody can see it: another screen, a minimised window."""
        session = self.session
        if session is None:
            return
        if self._in_sight():
            session.unpause("sight")
        else:
            was_running = not session.paused
            session.pause("sight")
            if was_running and session.running:
                self.save_notes()  # the time so far, in case the app is closed from here
        self._run_tick()
        if session.started:
            self._update_clock()

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
        self._bank_titles = {bank.id: bank.title for bank in self.services.library.banks()}
        self._role_topics = {role.id: dict(role.topics) for role in self.services.library.roles()}
        self.picker.blockSignals(True)
        self.picker.clear()
        for prompt in self.prompts:
            # Titles may carry inline markdown or LaTeX; a combo box shows plain words.
            text = f"{plain_text(prompt.title)} · {prompt.time_box} min"
            if prompt.key in self.revisit:  # first: the box is too narrow for a long title's end
                text = f"To revisit · {text}"
            self.picker.addItem(text, _key(*prompt.key))
            self.picker.setItemData(
                self.picker.count() - 1,
                f"{plain_text(prompt.bank_title)} · {prompt.difficulty.capitalize()}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.picker.setEnabled(bool(self.prompts))
        self._sync_picker()
        self.picker.blockSignals(False)

    def practise(self, keys: Sequence[tuple[str, str]]) -> None:
        """The prompts whose rubric items the user keeps losing (Progress, Today): marked in
        the picker, and the first of them loaded unless an attempt is running."""
        self.revisit = set(keys)
        self._fill_picker()
        if self.session is not None and self.session.running:
            self.status.emit(
                "Finish this attempt first: the prompts to revisit are marked in the list above"
            )
            return
        installed = {prompt.key for prompt in self.prompts}
        first = next((key for key in keys if key in installed), None)
        if first is None:
            return
        if self.session is None or self.session.card.key != first:
            self._leave_current()
            self._load(self.services.study.card(*first))
        self._sync_picker()
        self.status.emit(
            f"{count(len(self.revisit), 'design prompt')} to revisit, marked in the list above"
        )

    def _topic_title(self, role: str, tag: str) -> str:
        """The role profile's name for a topic, another profile's, or a readable form of it."""
        named = self._role_topics.get(role, {}).get(tag)
        if named:
            return named
        for topics in self._role_topics.values():
            if topics.get(tag):
                return topics[tag]
        return topic_name(tag)

    def _sync_picker(self) -> None:
        key = _key(*self.session.card.key) if self.session is not None else None
        index = self.picker.findData(key) if key is not None else -1
        self.picker.setCurrentIndex(index)

    def _picked(self, index: int) -> None:
        key = self.picker.itemData(index)
        if not isinstance(key, str):
            return
        bank_id, _, question_id = key.partition("/")
        if self.session is None or self.session.card.key != (bank_id, question_id):
            self._leave_current()
            self._load(self.services.study.card(bank_id, question_id))
        # The closing list hands focus back to the box after this returns: take it from there,
        # so the focus ring is on Start and Space starts the clock.
        QTimer.singleShot(0, self._focus_default)

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
        self._prepare()
        self._set_notes("")
        self._show()
        self._focus_default()

    def _resume(self, attempt: DesignAttempt) -> None:
        card_ = self.services.study.card(attempt.bank_id, attempt.question_id)
        self.session = DesignSession.resume(
            self.services.design, self.services.clock, card_, attempt
        )
        self._prepare()
        self._set_notes(attempt.notes)
        self._show()
        self.status.emit("Resumed your unfinished design attempt")

    def _prepare(self) -> None:
        session = self.session
        if session is not None and not self._in_sight():
            session.pause("sight")
        self._hints_shown = 0
        self._shown_finished = None
        self._split_finished = None
        self.close_past()
        self._build_phases()
        self._build_rubric()

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

    def toggle_pause(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        if session.paused_by_user:
            session.unpause("user")
            self.status.emit("The clock runs again")
        else:
            session.pause("user")
            self.save_notes()
            self.status.emit(f"Paused: {PAUSE_KEYS} or Resume starts the clock again")
        self._show()
        (self.pause_button if session.paused_by_user else self.notes).setFocus()

    def _notes_changed(self) -> None:
        session = self.session
        if self._loading or session is None or session.finished:
            return
        if not session.started:
            self.start()  # the first keystroke is the start of the attempt
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
        self.recorder.leave()  # with "keep no recordings", graded is done with
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
            self._show()

    def _scroll_review(self, pages: int) -> None:
        bar = self.review_scroll.verticalScrollBar()
        bar.setValue(bar.value() + pages * bar.pageStep())

    # -- earlier attempts -----------------------------------------------------------------------

    def _attempt_selected(self, row: int) -> None:
        self.open_past_button.setEnabled(0 <= row < len(self.past_attempts))

    def open_past(self) -> None:
        row = self.attempts_list.currentRow()
        if not 0 <= row < len(self.past_attempts):
            return
        attempt = self.past_attempts[row]
        title = f"Notes of {_when(attempt.started_at)}"
        notes = attempt.notes or "(no notes were typed)"
        if self.session is not None and self.session.finished:
            self.review_past_title.setText(title)
            self.review_past_title.setToolTip(attempt_summary(attempt))
            self.review_past_notes.setText(notes)
            self.review_past.show()
            return
        self.past_title.setText(title)
        self.past_title.setToolTip(attempt_summary(attempt))
        self.past_notes.setPlainText(notes)
        self.past_box.show()
        width = max(2, self.notes_split.width())
        self.notes_split.setSizes([width // 2, width // 2])

    def close_past(self) -> None:
        self.past_box.hide()
        self.review_past.hide()

    def _fill_attempts(self) -> None:
        session = self.session
        # The attempt under way is not an earlier one; once graded, it is history like the rest.
        current = (
            session.attempt.id
            if session is not None and session.attempt and not session.graded
            else None
        )
        attempts = self.services.design.attempts(*session.card.key) if session is not None else []
        past = [a for a in attempts if a.id != current]
        row = self.attempts_list.currentRow()
        if past != self.past_attempts or not self.attempts_list.count():
            self.past_attempts = past
            self.attempts_list.clear()
            this = session.attempt.id if session is not None and session.attempt else None
            for attempt in past:
                text = attempt_summary(attempt)
                item = QListWidgetItem(f"{text} · this one" if attempt.id == this else text)
                item.setToolTip(attempt.notes[:300] or "(no notes)")
                self.attempts_list.addItem(item)
            row = 0
        has = bool(self.past_attempts)
        self.attempts_list.setVisible(has)
        self.attempts_empty.setVisible(not has)
        self.open_past_button.setVisible(has)
        if has:
            self.attempts_list.setCurrentRow(max(0, min(row, len(self.past_attempts) - 1)))
        self._fit_attempts_list()

    def _fit_attempts_list(self) -> None:
        """As tall as its rows (the finished page scrolls as a whole); beside the notes, at most
        a few rows, since that column does not scroll."""
        rows = self.attempts_list.count()
        finished = self.session is not None and self.session.finished
        shown = rows if finished else min(rows, ATTEMPT_ROWS_BESIDE_NOTES)
        height = sum(self.attempts_list.sizeHintForRow(i) for i in range(shown))
        self.attempts_list.setFixedHeight(height + 2 * self.attempts_list.frameWidth() + 4)

    # -- rendering ------------------------------------------------------------------------------

    def theme_changed(self, dark: bool) -> None:
        self._fit_widths()
        if self.session is not None:
            self._render_prompt()
            self._update_clock()
            self._show_score()

    def _focus_default(self) -> None:
        session = self.session
        if session is None:
            self.next_button.setFocus()
        elif not session.started:
            self.start_button.setFocus()
        elif session.paused_by_user:
            self.pause_button.setFocus()
        elif session.running:
            self.notes.setFocus()
        elif not session.graded:
            self.grade_buttons[session.suggested()].setFocus()
        else:
            self.next_after.setFocus()

    def _show_nothing(self) -> None:
        self.pages.setCurrentIndex(0)
        self.meta.setText("")
        for widget in (
            self.hint_button,
            self.start_button,
            self.pause_button,
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

    def _show(self) -> None:
        session = self.session
        self._sync_picker()
        self._update_keys()
        if session is None:
            self._tick.stop()
            self.recorder.clear_question()
            self._show_nothing()
            return
        self.recorder.set_question(*session.card.key)
        self.recorder.set_target(session.time_box_seconds)
        card_ = session.card
        bank_title = self._bank_titles.get(card_.bank_id) or plain_text(card_.bank_id)
        self.meta.setText(
            describe_prompt(
                card_,
                bank_title,
                lambda tag: self._topic_title(card_.role, tag),
                session.time_box_seconds // 60,
                # once graded, the practice just done counts
                session.answer.after.reps if session.answer is not None else card_.state.reps,
            )
        )
        started, running, finished, graded = (
            session.started,
            session.running,
            session.finished,
            session.graded,
        )
        paused = session.paused_by_user
        self._place_side_cards(finished)
        self._render_prompt()

        self.notes.setReadOnly(finished or paused)
        if paused:
            placeholder = f"Paused: Resume ({PAUSE_KEYS}) to write again."
        elif started:
            placeholder = "Markdown notes: requirements, estimates, API, components, trade-offs…"
        else:
            placeholder = (
                "Type to start the clock (or press Space): requirements, estimates, API, "
                "components, trade-offs…"
            )
        self.notes.setPlaceholderText(placeholder)
        self.start_button.setVisible(not started)
        self.pause_button.setVisible(running)
        self.pause_button.setText("Resume" if paused else "Pause")
        self.pause_button.setObjectName("Primary" if paused else "")
        self.pause_button.setToolTip(
            shortcut_tip(
                "Start the clock again" if paused else "Stop the clock for now", PAUSE_KEYS
            )
        )
        self.pause_button.style().unpolish(self.pause_button)
        self.pause_button.style().polish(self.pause_button)
        self.finish_button.setVisible(running)
        hints = card_.extra.get("hints") or []
        self.hint_button.setVisible(running and bool(hints))
        self.hint_button.setEnabled(self._hints_shown < len(hints) and not paused)
        self.grades.setVisible(finished)
        self.next_after.setVisible(graded)
        self.phases_box.setVisible(not finished)
        for box in self.rubric_boxes:
            box.setEnabled(finished and not graded)
        if not started:
            self.save_state.setText("")
        elif paused:
            self.save_state.setText("Paused")
        elif running and self.save_state.text() in ("", "Paused"):
            self.save_state.setText("Autosaved as you type")
        if finished != self._split_finished:
            # set once per prompt, so a splitter the user dragged stays where they put it
            self._split_finished = finished
            QTimer.singleShot(0, self._fit_prompt_split)
        self.my_notes.setText(session.notes.strip() or "(no notes were typed)")
        self._fill_attempts()
        self._show_score()
        self._update_clock()
        self._run_tick()

    def _place_side_cards(self, finished: bool) -> None:
        """The clock and the earlier attempts go with the page on show: beside the notes while
        the clock can run, in the finished page's side column after."""
        if finished == self._shown_finished:
            return
        self._shown_finished = finished
        moving = (self.clock_card, self.recorder_card, self.attempts_card)
        for layout in (self.work_side_layout, self.review_side_layout, self.notes_layout):
            for widget in moving:
                layout.removeWidget(widget)
        if finished:
            # clock, rubric, notes, recordings (to play back against the rubric), attempts
            self.review_side_layout.insertWidget(0, self.clock_card)
            self.review_side_layout.insertWidget(4, self.recorder_card)
            self.review_side_layout.insertWidget(5, self.attempts_card)
            self.pages.setCurrentIndex(2)
            self.review_scroll.verticalScrollBar().setValue(0)
        else:
            self.work_side_layout.insertWidget(0, self.clock_card)
            self.work_side_layout.insertWidget(1, self.attempts_card)
            self.notes_layout.addWidget(self.recorder_card)
            self.pages.setCurrentIndex(1)
        for widget in moving:
            widget.show()

    def _fit_prompt_split(self) -> None:
        """The prompt as tall as its text (up to half the column), the notes the rest: a short
        prompt no longer leaves a box of white above a squeezed editor."""
        total = sum(self.left_split.sizes())
        if total <= 0:
            return
        view = self.prompt_view
        chrome = view.height() - view.viewport().height()
        view.document().setTextWidth(view.viewport().width())
        wanted = math.ceil(view.document().size().height()) + chrome + 8
        prompt = max(view.minimumHeight(), min(wanted, total // 2))
        self.left_split.setSizes([prompt, total - prompt])

    def _run_tick(self) -> None:
        session = self.session
        if session is not None and session.running and not session.paused:
            if not self._tick.isActive():
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
        text = "\n\n---\n\n".join(parts)
        dark, pt = self.theme.dark, self.theme.font_pt
        if session.finished:
            self.review_prompt.set_markdown(text, dark, pt)
            self.reference_view.set_markdown(reference_markdown(card_), dark, pt)
        else:
            self.prompt_view.set_markdown(text, dark, pt)

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
            text_ = plain_text(item_.text)
            row = QHBoxLayout()
            row.setSpacing(8)
            box = QCheckBox()
            box.setAccessibleName(text_)
            box.setToolTip(f"Weight {item_.weight}")
            box.setChecked(index in self.session.checked)
            box.toggled.connect(lambda on, i=index: self._rubric_toggled(i, on))
            text = _ClickableLabel(text_)
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
        self.clock_ticked.emit()

    def _update_clock(self) -> None:
        session = self.session
        if session is None:
            return
        minutes = session.time_box_seconds // 60
        colors = self.theme.colors
        if session.finished:
            # Done: what the round took, not a countdown still ticking in the corner.
            used = session.elapsed_seconds()
            self.countdown.setText(format_clock(used))
            self.countdown.setAccessibleName("Time used")
            self.countdown.setToolTip("How long this attempt took")
            self.countdown.setProperty("state", "finished")
            self.countdown.setStyleSheet("")
            over = used - session.time_box_seconds
            self.clock_caption.setText(
                f"used, {format_clock(over)} over the {minutes} min time box"
                if over > 0
                else f"used of the {minutes} min time box"
            )
            return
        state = session.clock_state() if session.started else "normal"
        self.countdown.setText(session.countdown())
        self.countdown.setAccessibleName("Time left")
        self.countdown.setToolTip("Time left in the time box; it keeps counting past zero")
        self.countdown.setProperty("state", "paused" if session.paused_by_user else state)
        color = {"warning": colors.hard, "over": colors.again}.get(state)
        if session.paused_by_user:
            color = colors.muted
        self.countdown.setStyleSheet(f"color: {color};" if color else "")
        if not session.started:
            caption = f"{minutes} min time box"
        elif session.paused_by_user:
            caption = f"paused · left of {minutes} min"
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
