"""Mock interview: a timed loop of short questions and a system-design round sized to the time
left, each question shown only when it is asked, the interviewer adding one constraint halfway
through the design round, answers hidden until the report. The report grades what was asked
and ends with what to drill next, one key away from a review session of it.

The loop's logic lives in ``services.mock.MockSession``; this view shows it and forwards input.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interviewprep.core.cards import Grade
from interviewprep.core.mock_plan import FLASHCARD_MINUTES, Outline
from interviewprep.services.app import Services
from interviewprep.services.design import current_phase, format_clock
from interviewprep.services.mock import (
    LENGTHS,
    MockInterview,
    MockReport,
    MockSession,
    ReportItem,
    TopicScore,
    topic_name,
)
from interviewprep.ui.autosave import Autosave
from interviewprep.ui.screens.base import Screen, card, label, shortcut_tip
from interviewprep.ui.shortcuts import PLAY_KEYS, RECORD_KEYS
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.answer_recorder import AnswerRecorder
from interviewprep.ui.widgets.markdown_view import MarkdownView
from interviewprep.ui.workers import Workers, describe
from interviewprep.wording import count

SETUP, RUNNING, REPORT = 0, 1, 2
QUESTION_PAGE, DRILL_PAGE = 0, 1
PROMPT_LINES = (3, 6)
"""The report's question pane, in lines: the fewest it shows, and the most it takes."""
LIST_PADDING, ITEM_PADDING = 6, 3
_INDEX_ROLE = Qt.ItemDataRole.UserRole
_DRILL_ENTRY = -1
"""The report list's last entry, which shows what to drill next."""


def _percent(score: float | None) -> str:
    return "–" if score is None else f"{round(score * 100)}%"


def topic_score_text(topic: TopicScore) -> str:
    """'67% · 3 questions', '50% so far · 1 of 2 graded', 'not graded yet': never '– · 0/1'."""
    asked = len(topic.indices)
    if topic.graded == 0:
        return "not graded yet"
    if topic.graded < asked:
        return f"{_percent(topic.score)} so far · {topic.graded} of {asked} graded"
    return f"{_percent(topic.score)} · {count(asked, 'question')}"


def _minutes_range(values: tuple[int, ...]) -> str:
    if len(values) == 1:
        return f"a {values[0]}-minute"
    return f"a {values[0]}- to {values[-1]}-minute"


def outline_text(shape: Outline) -> str:
    """What the setup page promises, from the same arithmetic the planner uses."""
    low, high = shape.flashcards
    questions = count(low, "short question") if low == high else f"{low} to {high} short questions"
    each = f"about {FLASHCARD_MINUTES:g} minutes each"
    if not shape.design_minutes:
        if high == 0:
            return "This role has no questions installed yet: import a bank first."
        return (
            f"{shape.length} minutes: {questions} ({each}). This role has no system-design"
            " prompts installed, so there is no design round."
        )
    text = f"{shape.length} minutes: "
    text += f"{questions} ({each}), then " if high else ""
    text += f"{_minutes_range(shape.design_minutes)} system-design round"
    if shape.curveball:
        text += "; halfway through it, the interviewer adds one constraint"
    return text + "."


class MockScreen(Screen):
    # How often the clock on screen is redrawn; tests shorten it instead of waiting seconds.
    tick_ms = 1000

    curveball_shown = Signal(str)  # the interviewer's added constraint, when it appears
    drill_requested = Signal(object)  # a CardFilter of what to drill, for the review screen
    report_shown = Signal()

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.session: MockSession | None = None
        self._planning = False
        self._loading = False
        self._report: MockReport | None = None
        self._curveball_up = False
        self._topic_names: dict[str, dict[str, str]] = {}
        self._meta_topics = ""
        self._build()
        self._bind_keys()
        self.autosave = Autosave(self._save_answer_now, self)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._update_clock)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(12)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_setup())
        self.pages.addWidget(self._build_running())
        self.pages.addWidget(self._build_report())

    def _build_setup(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label("Mock interview", "Title"))
        layout.addWidget(
            label(
                "A timed loop as an interviewer runs it: short questions, then a system-design"
                " round. Each question appears only when it is asked. Answer aloud or type;"
                " reference answers stay hidden until the report, where you grade what was"
                " asked and see what to drill next.",
                "Muted",
                wrap=True,
            )
        )
        frame, form = card()
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName("Role")
        self.role_combo.setToolTip("The role whose questions make up the loop")
        self.length_combo = QComboBox()
        self.length_combo.setAccessibleName("Length")
        self.length_combo.setToolTip("How long the loop runs")
        for minutes in LENGTHS:
            self.length_combo.addItem(f"{minutes} minutes", minutes)
        self.length_combo.setCurrentIndex(LENGTHS.index(45))
        self.role_combo.currentIndexChanged.connect(lambda _i: self._show_outline())
        self.length_combo.currentIndexChanged.connect(lambda _i: self._show_outline())
        grid.addWidget(label("Role", "Muted"), 0, 0)
        grid.addWidget(self.role_combo, 0, 1)
        grid.addWidget(label("Length", "Muted"), 1, 0)
        grid.addWidget(self.length_combo, 1, 1)
        grid.setColumnStretch(1, 1)
        form.addLayout(grid)
        self.setup_note = label("", "Muted", wrap=True)
        self.setup_note.setAccessibleName("What the interview contains")
        form.addWidget(self.setup_note)
        row = QHBoxLayout()
        row.addStretch(1)
        self.start_button = QPushButton("Start interview")
        self.start_button.setObjectName("Primary")
        self.start_button.setToolTip(shortcut_tip("Plan the loop and start the clock", "Enter"))
        self.start_button.clicked.connect(self.start)
        row.addWidget(self.start_button)
        form.addLayout(row)
        frame.setMaximumWidth(640)
        layout.addWidget(frame)

        history, history_layout = card()
        history.setMaximumWidth(640)
        history_layout.addWidget(label("Earlier mock interviews", "Subtitle"))
        self.history_list = QListWidget()
        self.history_list.setAccessibleName("Earlier mock interviews")
        self.history_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_list.setMaximumHeight(170)
        self.history_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        history_layout.addWidget(self.history_list)
        self.history_empty = label("None yet.", "Muted")
        history_layout.addWidget(self.history_empty)
        layout.addWidget(history)
        layout.addStretch(1)
        # Enter starts, as the button's tooltip says: on this page only, as Enter is a new line
        # in the answer box while the loop runs
        self.bind_keys({"Return": self.start, "Enter": self.start}, within=page)
        return page

    def _build_running(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.question_title = label("", "Title")
        self.question_meta = label("", "Muted", wrap=True)
        self.question_meta.setTextFormat(Qt.TextFormat.RichText)
        titles.addWidget(self.question_title)
        titles.addWidget(self.question_meta)
        head.addLayout(titles, 1)
        clock = QVBoxLayout()
        clock.setSpacing(0)
        self.countdown = label("45:00", "Big")
        self.countdown.setAccessibleName("Time left in the interview")
        self.countdown.setToolTip("Time left in the whole loop; it keeps counting past zero")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.clock_caption = label("", "Muted")
        self.clock_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        clock.addWidget(self.countdown)
        clock.addWidget(self.clock_caption)
        head.addLayout(clock)
        layout.addLayout(head)
        self.time_bar = QProgressBar()
        self.time_bar.setRange(0, 1000)
        self.time_bar.setTextVisible(False)
        layout.addWidget(self.time_bar)

        # The interviewer's added constraint: a speech bubble, so it reads as someone talking
        # and not as part of the written prompt.
        self.interviewer = QFrame()
        self.interviewer.setObjectName("Interviewer")
        self.interviewer.setAccessibleName("The interviewer says")
        bubble = QVBoxLayout(self.interviewer)
        bubble.setContentsMargins(16, 10, 16, 12)
        bubble.setSpacing(4)
        self.interviewer_who = label("")
        self.interviewer_who.setObjectName("InterviewerWho")
        self.interviewer_text = label("", wrap=True)
        self.interviewer_text.setObjectName("InterviewerText")
        self.interviewer_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bubble.addWidget(self.interviewer_who)
        bubble.addWidget(self.interviewer_text)
        self.interviewer.hide()
        layout.addWidget(self.interviewer)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.question_view = MarkdownView()
        self.question_view.setAccessibleName("Question")
        self.question_view.setMinimumHeight(110)
        split.addWidget(self.question_view)
        answer_box = QWidget()
        answer_layout = QVBoxLayout(answer_box)
        answer_layout.setContentsMargins(0, 6, 0, 0)
        answer_layout.setSpacing(6)
        self.answer_label = label("Your answer", "Subtitle")
        answer_layout.addWidget(self.answer_label)
        self.answer = QPlainTextEdit()
        self.answer.setAccessibleName("Your answer")
        self.answer.setTabChangesFocus(True)
        self.answer.textChanged.connect(self._answer_changed)
        answer_layout.addWidget(self.answer, 1)
        answer_layout.addWidget(self._build_recorder())
        split.addWidget(answer_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.running_split = split
        layout.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.end_button = QPushButton("End now")
        self.end_button.setToolTip(
            shortcut_tip(
                "Stop here and go to the report: only the questions asked so far are graded",
                "Ctrl+E",
            )
        )
        self.end_button.clicked.connect(self.end_now)
        bottom.addWidget(self.end_button)
        bottom.addStretch(1)
        self.next_button = QPushButton("Next question")
        self.next_button.setObjectName("Primary")
        self.next_button.clicked.connect(self.next_question)
        bottom.addWidget(self.next_button)
        layout.addLayout(bottom)
        self._style_interviewer()
        return page

    def _build_recorder(self) -> QFrame:
        """Answers are said aloud in the interview: recorded under the typed notes, played
        back in the report."""
        frame, layout = card()
        layout.setContentsMargins(14, 10, 14, 10)
        keys = (RECORD_KEYS.keys[0], PLAY_KEYS.keys[0])
        self.recorder = AnswerRecorder(
            self.services.recordings, keys=keys, parent=frame, workers=self.workers
        )
        layout.addWidget(self.recorder)
        return frame

    def _style_interviewer(self) -> None:
        c = self.theme.colors
        self.interviewer.setStyleSheet(
            f"#Interviewer {{ background: {c.surface_alt}; border: 1px solid {c.border};"
            f" border-left: 5px solid {c.hard}; border-radius: 10px; }}"
            f" #InterviewerWho {{ color: {c.muted}; font-weight: 700; }}"
            f" #InterviewerText {{ color: {c.text}; font-size: {self.theme.font_pt + 3}pt; }}"
        )

    def _build_report(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(label("Report", "Title"))
        head.addStretch(1)
        self.overall = label("", "Subtitle")
        head.addWidget(self.overall)
        layout.addLayout(head)
        self.report_summary = label("", "Muted", wrap=True)
        layout.addWidget(self.report_summary)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.report_list = QListWidget()
        self.report_list.setAccessibleName("Questions asked, by topic")
        self.report_list.setToolTip("Up and Down choose a question; 1-4 grade it")
        self.report_list.setMinimumWidth(260)
        self.report_list.setWordWrap(True)  # topic names and titles in full, never clipped
        self.report_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # the entries off the list's border, and a little apart: flush, they read as cut off
        self.report_list.setStyleSheet(
            f"QListWidget {{ padding: {LIST_PADDING}px; }}"
            f" QListWidget::item {{ padding: {ITEM_PADDING}px {2 * ITEM_PADDING}px; }}"
        )
        self.report_list.currentItemChanged.connect(lambda *_: self._show_detail())
        split.addWidget(self.report_list)

        self.detail_pages = QStackedWidget()
        self.detail_pages.addWidget(self._build_question_detail())
        self.detail_pages.addWidget(self._build_drill_page())
        split.addWidget(self.detail_pages)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([320, 900])
        layout.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.new_button = QPushButton("New interview")
        self.new_button.setToolTip("Back to choosing a role and length")
        self.new_button.clicked.connect(self.new_interview)
        bottom.addWidget(self.new_button)
        bottom.addStretch(1)
        self.save_state = label("", "Muted")
        self.save_state.setAccessibleName("Why Save grades is or is not available")
        bottom.addWidget(self.save_state)
        self.save_button = QPushButton("Save grades")
        self.save_button.setObjectName("Primary")
        self.save_button.setToolTip(
            shortcut_tip("Give every graded question its review in the schedule", "Ctrl+S")
        )
        self.save_button.clicked.connect(self.save_grades)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        self.bind_keys({"D": self.drill}, within=page)
        return page

    def _build_question_detail(self) -> QWidget:
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.setSpacing(8)
        column = QSplitter(Qt.Orientation.Vertical)
        column.setChildrenCollapsible(False)
        self.detail_split = column
        self.detail_prompt = MarkdownView()
        self.detail_prompt.setAccessibleName("Question")
        self.detail_prompt.setMinimumHeight(70)
        column.addWidget(self.detail_prompt)
        compare = QSplitter(Qt.Orientation.Horizontal)
        compare.setChildrenCollapsible(False)
        typed_box = QWidget()
        typed_layout = QVBoxLayout(typed_box)
        typed_layout.setContentsMargins(0, 0, 0, 0)
        typed_layout.addWidget(label("What you typed", "Subtitle"))
        self.detail_typed = QPlainTextEdit()
        self.detail_typed.setReadOnly(True)
        self.detail_typed.setAccessibleName("What you typed")
        typed_layout.addWidget(self.detail_typed, 1)
        self.report_recorder = AnswerRecorder(
            self.services.recordings, keys=("", PLAY_KEYS.keys[0])
        )
        self.report_recorder.title.setText("What you said")
        self.report_recorder.playback_only()
        typed_layout.addWidget(self.report_recorder)
        self.rubric_box = QWidget()
        rubric_layout = QVBoxLayout(self.rubric_box)
        rubric_layout.setContentsMargins(0, 4, 0, 0)
        rubric_layout.setSpacing(4)
        rubric_layout.addWidget(label("Rubric: tick what you covered", "Subtitle"))
        self.rubric_checks_layout = QVBoxLayout()
        self.rubric_checks_layout.setSpacing(2)
        rubric_layout.addLayout(self.rubric_checks_layout)
        self.rubric_score = label("", "Muted", wrap=True)
        rubric_layout.addWidget(self.rubric_score)
        self.rubric_checks: list[QCheckBox] = []
        typed_layout.addWidget(self.rubric_box)
        reference_box = QWidget()
        reference_layout = QVBoxLayout(reference_box)
        reference_layout.setContentsMargins(0, 0, 0, 0)
        reference_layout.addWidget(label("Reference answer", "Subtitle"))
        self.detail_reference = MarkdownView()
        self.detail_reference.setAccessibleName("Reference answer")
        self.detail_reference.setMinimumHeight(160)
        reference_layout.addWidget(self.detail_reference, 1)
        compare.addWidget(typed_box)
        compare.addWidget(reference_box)
        compare.setStretchFactor(0, 1)
        compare.setStretchFactor(1, 2)
        compare.setSizes([300, 600])  # the reference is what gets read: it has the room
        column.addWidget(compare)
        column.setStretchFactor(0, 1)
        column.setStretchFactor(1, 4)
        column.setSizes([150, 520])  # the whole prompt of a usual question, and room to compare
        detail_layout.addWidget(column, 1)
        grade_row = QHBoxLayout()
        grade_row.addWidget(label("Your grade", "Muted"))
        grade_row.addStretch(1)
        self.grade_buttons: dict[Grade, QPushButton] = {}
        for grade in Grade:
            button = QPushButton(f"{grade.label}  {int(grade)}")
            button.setObjectName(grade.label)
            button.setMinimumWidth(90)
            button.setCheckable(True)
            button.setToolTip(shortcut_tip(f"Grade this answer {grade.label}", str(int(grade))))
            button.clicked.connect(lambda _=False, g=grade: self.grade(g))
            self.grade_buttons[grade] = button
            grade_row.addWidget(button)
        detail_layout.addLayout(grade_row)
        return detail

    def _build_drill_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label("What to drill next", "Title"))
        scores, scores_layout = card()
        scores_layout.addWidget(label("By topic, weakest first", "Subtitle"))
        self.topics_grid = QGridLayout()
        self.topics_grid.setHorizontalSpacing(14)
        self.topics_grid.setVerticalSpacing(6)
        scores_layout.addLayout(self.topics_grid)
        layout.addWidget(scores)
        self.drill_topics = label("", wrap=True)
        self.drill_topics.setTextFormat(Qt.TextFormat.RichText)
        self.drill_topics.setAccessibleName("Weakest topics")
        layout.addWidget(self.drill_topics)
        self.drill_rubric = label("", wrap=True)
        self.drill_rubric.setTextFormat(Qt.TextFormat.RichText)
        self.drill_rubric.setAccessibleName("Rubric items missed")
        layout.addWidget(self.drill_rubric)
        row = QHBoxLayout()
        self.drill_note = label("", "Muted", wrap=True)
        row.addWidget(self.drill_note, 1)
        self.drill_button = QPushButton("Drill these topics")
        self.drill_button.setObjectName("Primary")
        self.drill_button.setToolTip(
            shortcut_tip("A review session of exactly these topics' cards", "D")
        )
        self.drill_button.clicked.connect(self.drill)
        row.addWidget(self.drill_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _bind_keys(self) -> None:
        bindings = {
            "Ctrl+Return": self._primary,
            "Ctrl+Enter": self._primary,
            "Ctrl+E": self.end_now,
            "Ctrl+S": self._save_key,
            "1": lambda: self.grade(Grade.AGAIN),
            "2": lambda: self.grade(Grade.HARD),
            "3": lambda: self.grade(Grade.GOOD),
            "4": lambda: self.grade(Grade.EASY),
            RECORD_KEYS.keys[0]: self.recorder.toggle_recording,
            PLAY_KEYS.keys[0]: self._play_key,
        }
        self.bind_keys(bindings)

    def _play_key(self) -> None:
        page = self.pages.currentIndex()
        if page == RUNNING:
            self.recorder.toggle_playback()
        elif page == REPORT:
            self.report_recorder.toggle_playback()

    def _primary(self) -> None:
        page = self.pages.currentIndex()
        if page == SETUP:
            self.start()
        elif page == RUNNING:
            self.next_question()
        else:
            self.save_grades()

    def _save_key(self) -> None:
        if self.pages.currentIndex() == RUNNING:
            self.save_answer()
        elif self.pages.currentIndex() == REPORT:
            self.save_grades()

    # -- setup ----------------------------------------------------------------------------------

    def activated(self) -> None:
        self._topic_names = {r.id: dict(r.topics) for r in self.services.library.roles()}
        if self.session is None:
            self._fill_setup()
            self.pages.setCurrentIndex(SETUP)
            self.start_button.setFocus()
        elif not self.session.ended:
            self._show_question()
        else:
            self._show_report()

    def can_leave(self) -> bool:
        # The loop keeps running in the background; leaving only makes sure the text is kept.
        self.save_answer()
        return True

    def _topic(self, role: str, tag: str) -> str:
        return self._topic_names.get(role, {}).get(tag) or topic_name(tag)

    def _fill_setup(self) -> None:
        current = self.role_combo.currentData()
        targets = self.services.settings.target_roles
        roles = self.services.mock.roles()
        self.role_combo.blockSignals(True)
        self.role_combo.clear()
        for role_id, role_title in roles:
            self.role_combo.addItem(role_title, role_id)
        preferred = current or (targets[0] if targets else None)
        index = self.role_combo.findData(preferred) if preferred else -1
        self.role_combo.setCurrentIndex(max(0, index))
        self.role_combo.blockSignals(False)
        has_roles = self.role_combo.count() > 0
        self.start_button.setEnabled(has_roles)
        self._show_outline()
        titles = dict(roles)
        self.history_list.clear()
        for past in self.services.mock.history():
            item = QListWidgetItem(self._history_line(past, titles.get(past.role, past.role)))
            item.setToolTip(f"Planned: {past.summary()}")
            self.history_list.addItem(item)
        has_history = self.history_list.count() > 0
        self.history_list.setVisible(has_history)
        self.history_empty.setVisible(not has_history)

    def _history_line(self, past: MockInterview, role_title: str) -> str:
        when = f"{past.started_at.astimezone():%d %b %H:%M}"
        asked, planned = len(past.asked), len(past.items)
        questions = (
            count(planned, "question") if asked >= planned else f"{asked} of {planned} questions"
        )
        state = _percent(self._saved_score(past.id)) if past.finished else "not graded"
        return f"{when} · {role_title} · {past.length_minutes} min · {questions} · {state}"

    def _show_outline(self) -> None:
        if self._planning:
            return
        role = self.role_combo.currentData()
        minutes = self.length_combo.currentData()
        if not role:
            self.setup_note.setText("Import a question bank first (File → Import).")
            return
        self.setup_note.setText(outline_text(self.services.mock.outline(str(role), int(minutes))))

    def _saved_score(self, mock_id: int) -> float | None:
        return self.services.mock.report(mock_id).score

    def start(self) -> None:
        """Plan the loop off the GUI thread (a role at 100,000 questions has 33,000 candidates
        to weigh), then start the clock."""
        if self.pages.currentIndex() != SETUP or self._planning:
            return
        role = self.role_combo.currentData()
        minutes = self.length_combo.currentData()
        if not role:
            return
        self._planning = True
        self.start_button.setEnabled(False)
        self.setup_note.setText("Choosing your questions…")
        mock, clock = self.services.mock, self.services.clock
        self.workers.start(
            lambda: MockSession.start(mock, clock, str(role), int(minutes)),
            self._started,
            self._start_failed,
        )

    def _started(self, session: MockSession) -> None:
        self._planning = False
        self.start_button.setEnabled(True)
        self._show_outline()
        self.session = session
        self._report = None
        self.status.emit(f"Mock interview started: {session.interview.summary()}")
        self._show_question()

    def _start_failed(self, error: Exception) -> None:
        self._planning = False
        self.start_button.setEnabled(True)
        reason = describe(error)
        self.setup_note.setText(reason)
        self.status.emit(reason)

    # -- running --------------------------------------------------------------------------------

    def _answer_changed(self) -> None:
        if not self._loading and self.session is not None and self.session.item is not None:
            self.autosave.changed()

    def save_answer(self) -> None:
        self.autosave.flush()

    def _save_answer_now(self) -> None:
        if self.session is not None and self.session.item is not None:
            self.session.save(self.answer.toPlainText())

    def next_question(self) -> None:
        session = self.session
        if session is None or session.item is None or self.pages.currentIndex() != RUNNING:
            return
        self.autosave.cancel()
        session.next(self.answer.toPlainText())
        if session.ended:
            self._show_report()
        else:
            self._show_question()

    def end_now(self) -> None:
        session = self.session
        if session is None or session.ended or self.pages.currentIndex() != RUNNING:
            return
        self.autosave.cancel()
        session.end(self.answer.toPlainText())
        self._show_report()

    def _show_question(self) -> None:
        session = self.session
        assert session is not None
        item, card_ = session.item, session.card()
        if item is None or card_ is None:
            self._show_report()
            return
        self.pages.setCurrentIndex(RUNNING)
        topics = ", ".join(self._topic(session.interview.role, t) for t in item.topics)
        if item.is_design:
            self.question_title.setText(f"System design · {item.minutes:g}-minute round")
            self.answer_label.setText("Your design notes")
            self.answer.setPlaceholderText(
                "Markdown notes: requirements, estimates, API, components, trade-offs…"
            )
        else:
            self.question_title.setText(f"Question {item.index + 1} of {session.total}")
            self.answer_label.setText("Your answer")
            self.answer.setPlaceholderText(
                "Type your answer, or say it aloud and jot the key points."
            )
        self._meta_topics = escape(topics)
        # a design prompt is long and read more than once: give it half the height
        height = max(1, self.running_split.height())
        share = 0.5 if item.is_design else 0.35
        self.running_split.setSizes([round(height * share), round(height * (1 - share))])
        self.question_view.set_markdown(card_.prompt, self.theme.dark, self.theme.font_pt)
        self.recorder.set_question(*item.key, discard=False)
        self.recorder.set_target(round(item.minutes * 60))
        self._loading = True
        self.answer.setPlainText(session.interview.answers.get(item.index, ""))
        self._loading = False
        self.next_button.setText("Finish and see report" if session.is_last else "Next question")
        self.next_button.setToolTip(
            shortcut_tip(
                "Keep this answer and end the loop" if session.is_last else "Keep this answer",
                "Ctrl+Enter",
            )
        )
        self._curveball_up = False
        self.interviewer.hide()
        self._update_clock()
        self._tick.start(self.tick_ms)
        self.answer.setFocus()

    def _show_meta(self, session: MockSession) -> None:
        item = session.item
        if item is None:
            return
        if not item.is_design:
            self.question_meta.setText(
                f"{self._meta_topics} · {item.difficulty} · about {item.minutes:g} min · "
                "answer aloud or type"
            )
            return
        phases = session.phases()
        now = current_phase(phases, session.item_seconds())
        if now is None:
            self.question_meta.setText(self._meta_topics)
            return
        phase = phases[now]
        text = (
            f"{self._meta_topics}<br>Phase {now + 1} of {len(phases)}:"
            f" <b>{escape(phase.name)}</b>, {phase.minutes} min"
        )
        if now + 1 < len(phases):
            text += f" · next: {escape(phases[now + 1].name)}"
        self.question_meta.setText(text)

    def _update_clock(self) -> None:
        session = self.session
        if session is None:
            return
        remaining = session.remaining_seconds()
        state = session.clock_state()
        self.countdown.setText(format_clock(remaining))
        self.countdown.setProperty("state", state)
        colors = self.theme.colors
        color = {"warning": colors.hard, "over": colors.again}.get(state)
        self.countdown.setStyleSheet(f"color: {color};" if color else "")
        total = session.interview.length_minutes * 60
        self.time_bar.setValue(min(1000, round(1000 * session.elapsed_seconds() / max(1, total))))
        caption = "over time: wrap up" if state == "over" else f"left of {total // 60} min"
        item = session.item
        if item is not None and item.is_design:
            caption += f" · round {format_clock(session.round_seconds_left())}"
        self.clock_caption.setText(caption)
        self._show_meta(session)
        self._show_curveball(session)

    def _show_curveball(self, session: MockSession) -> None:
        text = session.curveball()
        if not text or self._curveball_up:
            return
        item = session.item
        minute = item.curveball_minute if item is not None else None
        self._curveball_up = True
        self.interviewer_who.setText(f"THE INTERVIEWER · {minute} minutes into the round")
        self.interviewer_text.setText(f"“{text}”")
        self.interviewer.show()
        self.curveball_shown.emit(text)

    # -- report ---------------------------------------------------------------------------------

    def _show_report(self) -> None:
        session = self.session
        assert session is not None
        self._tick.stop()
        self.recorder.leave(discard=False)  # kept for the report, whatever the setting
        self.interviewer.hide()
        self.pages.setCurrentIndex(REPORT)
        report = session.report()
        self._report = report
        self._show_summary()
        self._fill_report_list(select=None)
        self._show_topics()
        self._show_detail()
        self._show_save_state()
        self.report_list.setFocus()
        self.report_shown.emit()

    def _show_summary(self) -> None:
        session, report = self.session, self._report
        if session is None or report is None:
            return
        interview = report.interview
        spent = format_clock(
            sum(interview.seconds.values()) if interview.seconds else session.elapsed_seconds()
        )
        asked = count(len(report.items), "question")
        text = f"{asked} asked in {spent} of {interview.length_minutes} min."
        if report.not_asked:
            text += (
                f" You ended early: the {count(report.not_asked, 'question')} not asked stay"
                " in your schedule as they were."
            )
        if session.saved is None:
            text += (
                " Compare what you typed with the reference, grade each answer honestly, then"
                " save: the grades go into your schedule."
            )
        else:
            text += " Your grades are in your schedule."
        self.report_summary.setText(text)

    def _fill_report_list(self, select: int | None) -> None:
        report = self._report
        assert report is not None
        current = select if select is not None else self._selected_index()
        self.report_list.blockSignals(True)
        self.report_list.clear()
        bold = QFont(self.report_list.font())
        bold.setBold(True)
        target: QListWidgetItem | None = None
        for topic in report.topics:
            header = QListWidgetItem(f"{topic.name} · {topic_score_text(topic)}")
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(bold)
            self.report_list.addItem(header)
            for index in topic.indices:
                entry = report.entry(index)
                if entry is None:
                    continue
                grade = report.grades.get(index)
                mark = f"✓ {grade.label}" if grade is not None else "○ to grade"
                if not entry.available:
                    mark = "removed"
                item = QListWidgetItem(f"   {mark} · {entry.title}")
                item.setData(_INDEX_ROLE, index)
                item.setToolTip(entry.prompt[:300])
                self.report_list.addItem(item)
                if target is None and (
                    index == current or (current is None and grade is None and entry.available)
                ):
                    target = item
        drill = QListWidgetItem("What to drill next →")
        drill.setData(_INDEX_ROLE, _DRILL_ENTRY)
        drill.setFont(bold)
        self.report_list.addItem(drill)
        if current == _DRILL_ENTRY or (target is None and not report.ungraded):
            target = drill
        if target is None:
            target = next(
                (
                    self.report_list.item(r)
                    for r in range(self.report_list.count())
                    if self.report_list.item(r).data(_INDEX_ROLE) is not None
                ),
                None,
            )
        if target is not None:
            self.report_list.setCurrentItem(target)
        self.report_list.blockSignals(False)

    def _selected_index(self) -> int | None:
        item = self.report_list.currentItem()
        value = item.data(_INDEX_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def _show_topics(self) -> None:
        report = self._report
        assert report is not None
        while self.topics_grid.count():
            item = self.topics_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        ranked = sorted(report.topics, key=lambda t: (t.score is None, t.score or 0.0, t.name))
        for row, topic in enumerate(ranked):
            name = label(topic.name, wrap=True)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(False)
            bar.setMinimumWidth(90)
            bar.setValue(round((topic.score or 0.0) * 1000))
            bar.setAccessibleName(f"{topic.name} score")
            value = label(topic_score_text(topic), "Muted")
            self.topics_grid.addWidget(name, row, 0)
            self.topics_grid.addWidget(bar, row, 1)
            self.topics_grid.addWidget(value, row, 2)
        self.topics_grid.setColumnStretch(0, 2)
        self.topics_grid.setColumnStretch(1, 3)
        self.overall.setText(
            f"Overall {_percent(report.score)}" if report.score is not None else ""
        )
        self._show_drill()

    def _show_drill(self) -> None:
        report, session = self._report, self.session
        if report is None or session is None:
            return
        drill = report.drill()
        if drill.topics:
            lines = "".join(
                f"<li><b>{t.name}</b>: {topic_score_text(t)}</li>" for t in drill.topics
            )
            self.drill_topics.setText(f"Weakest topics<ul>{lines}</ul>")
        elif report.ungraded:
            self.drill_topics.setText("Grade your answers to see your weakest topics.")
        else:
            self.drill_topics.setText("No weak topic: every topic came out Good or better.")
        if drill.missed_rubric:
            lines = "".join(
                f"<li>{r.text} <span style='color:{self.theme.colors.muted}'>(weight"
                f" {r.weight})</span></li>"
                for r in drill.missed_rubric
            )
            self.drill_rubric.setText(f"Design rubric items you missed<ul>{lines}</ul>")
            self.drill_rubric.show()
        else:
            self.drill_rubric.hide()
        self.drill_button.setText(
            f"Drill {count(len(drill.topics), 'topic')} in Review  D"
            if drill.topics
            else "Drill in Review  D"
        )
        if drill.card_filter is None:
            self.drill_button.setEnabled(False)
            self.drill_note.setText("Nothing to drill from this interview.")
        elif session.saved is None:
            self.drill_button.setEnabled(False)
            self.drill_note.setText("Save your grades first: the drill starts from them.")
        else:
            waiting = self.services.study.counts(drill.card_filter, "flashcard").total
            self.drill_button.setEnabled(waiting > 0)
            self.drill_note.setText(
                f"{count(waiting, 'card')} of these topics due or new today."
                if waiting
                else "Nothing in these topics is due or new today."
            )

    def drill(self) -> None:
        """Hand the weakest topics to the review screen as its filter."""
        report, session = self._report, self.session
        if report is None or session is None or self.pages.currentIndex() != REPORT:
            return
        drill = report.drill()
        if not self.drill_button.isEnabled() or drill.card_filter is None:
            self.status.emit(self.drill_note.text())
            return
        names = ", ".join(t.name for t in drill.topics)
        self.status.emit(f"Drilling {names} from your mock interview")
        self.drill_requested.emit(drill.card_filter)

    def _fit_prompt_pane(self) -> None:
        """The question as tall as its text, from three lines to six at the current font: at
        15 pt the splitter's first share left a two-line pane for a four-line question."""
        view = self.detail_prompt
        line = view.fontMetrics().lineSpacing()
        frame = view.height() - view.viewport().height()
        document = view.document()
        document.setTextWidth(max(1, view.viewport().width()))
        text = math.ceil(document.size().height())
        lower = PROMPT_LINES[0] * line + frame
        wanted = min(max(text + frame, lower), PROMPT_LINES[1] * line + frame)
        view.setMinimumHeight(lower)
        sizes = self.detail_split.sizes()
        total = sum(sizes)
        if total > 0 and sizes[0] != wanted:
            self.detail_split.setSizes([wanted, max(0, total - wanted)])

    def _show_detail(self) -> None:
        report = self._report
        index = self._selected_index()
        if report is None or index is None:
            return
        if index == _DRILL_ENTRY:
            self.detail_pages.setCurrentIndex(DRILL_PAGE)
            return
        self.detail_pages.setCurrentIndex(QUESTION_PAGE)
        entry = report.entry(index)
        if entry is None:
            return
        dark, font = self.theme.dark, self.theme.font_pt
        self.detail_prompt.set_markdown(entry.prompt or "_(removed)_", dark, font)
        self._fit_prompt_pane()
        self.detail_typed.setPlainText(entry.typed or "(nothing typed: answered aloud)")
        self.report_recorder.set_question(*entry.item.key, discard=False)
        self.detail_reference.set_markdown(entry.reference, dark, font)
        given = report.grades.get(index)
        editable = entry.available and self.session is not None and self.session.saved is None
        self._show_rubric(entry, editable)
        colors = self.theme.colors
        fills = {
            Grade.AGAIN: colors.again,
            Grade.HARD: colors.hard,
            Grade.GOOD: colors.good,
            Grade.EASY: colors.easy,
        }
        for grade, button in self.grade_buttons.items():
            button.setChecked(grade == given)
            button.setEnabled(editable)
            # The chosen grade is filled with its colour: the theme has no :checked style.
            fill = fills[grade]
            button.setStyleSheet(
                f"QPushButton {{ background: {fill}; color: {colors.accent_text};"
                f" font-weight: 700; border: 1px solid {fill}; }}"
                f" QPushButton:focus {{ border: 2px solid {colors.text}; }}"
                if grade == given
                else ""
            )

    def _show_rubric(self, entry: ReportItem, editable: bool) -> None:
        for box in self.rubric_checks:
            box.hide()
            box.setParent(None)
            box.deleteLater()
        self.rubric_checks = []
        self.rubric_box.setVisible(bool(entry.rubric))
        for i, item in enumerate(entry.rubric):
            box = QCheckBox(f"{item.text} ({item.weight})")
            box.setChecked(i in entry.checked)
            box.setEnabled(editable)
            box.toggled.connect(lambda _on: self._rubric_changed())
            self.rubric_checks_layout.addWidget(box)
            box.show()  # now, not on the next event loop turn: a key may tick it at once
            self.rubric_checks.append(box)
        self._show_rubric_score(entry.rubric, entry.checked)

    def _show_rubric_score(self, rubric: tuple[object, ...], checked: tuple[int, ...]) -> None:
        if not rubric:
            return
        covered = sum(1 for i in range(len(rubric)) if i in checked)
        self.rubric_score.setText(
            f"{covered} of {count(len(rubric), 'item')} covered; unticked ones go to what to"
            " drill next."
        )

    def _rubric_changed(self) -> None:
        session, report = self.session, self._report
        index = self._selected_index()
        if session is None or report is None or index is None or session.saved is not None:
            return
        checked = [i for i, box in enumerate(self.rubric_checks) if box.isChecked()]
        score = session.check_rubric(checked)
        self._report = session.report()
        entry = self._report.entry(index)
        if entry is not None:
            self._show_rubric_score(entry.rubric, entry.checked)
        if score is not None:
            self.rubric_score.setText(
                self.rubric_score.text() + f" Rubric score {_percent(score)}."
            )
        self._show_drill()

    def grade(self, grade: Grade) -> None:
        session = self.session
        index = self._selected_index()
        if session is None or self.pages.currentIndex() != REPORT or index is None:
            return
        entry = self._report.entry(index) if self._report is not None else None
        if session.saved is not None or entry is None or not entry.available:
            return
        following = session.grade(index, grade)
        self._report = session.report()
        if following is None and not self._report.ungraded:
            following = _DRILL_ENTRY  # all graded: the report ends with what to drill next
        self._fill_report_list(select=following if following is not None else index)
        self._show_topics()
        self._show_detail()
        self._show_save_state()
        self.report_list.setFocus()

    def _show_save_state(self) -> None:
        session, report = self.session, self._report
        if session is None or report is None:
            return
        if session.saved is not None:
            self.save_state.setText("Saved: your schedule has these grades.")
            self.save_button.setEnabled(False)
            self.save_button.setText("Saved")
            return
        left = len(report.ungraded)
        self.save_button.setText("Save grades")
        self.save_button.setEnabled(left == 0)
        self.save_state.setText(
            f"Grade {count(left, 'more answer')} to save (keys 1-4)"
            if left
            else "All graded: Save puts them in your schedule"
        )

    def save_grades(self) -> None:
        session = self.session
        if session is None or self.pages.currentIndex() != REPORT or session.saved is not None:
            return
        if self._report is None:
            return
        if self._report.ungraded:
            # Ctrl+S with answers still to grade: say so and take the user to the first one
            self.status.emit(self.save_state.text())
            self._fill_report_list(select=self._report.ungraded[0])
            self._show_detail()
            self.report_list.setFocus()
            return
        self._report = session.finish()
        self.status.emit(f"Saved {count(len(self._report.grades), 'grade')} to your schedule")
        self._drop_recordings(session)
        self._show_summary()
        self._fill_report_list(select=_DRILL_ENTRY)
        self._show_topics()
        self._show_detail()
        self._show_save_state()
        if self.drill_button.isEnabled():
            self.drill_button.setFocus()
        else:
            self.new_button.setFocus()

    def _drop_recordings(self, session: MockSession) -> None:
        """Graded and saved: with "keep no recordings" on, this interview's recordings go."""
        self.report_recorder.leave()
        for item in session.interview.items:
            self.services.recordings.leave(*item.key)
        self.report_recorder.refresh()

    def new_interview(self) -> None:
        self.save_answer()
        self.session = None
        self._report = None
        self.activated()

    def theme_changed(self, dark: bool) -> None:
        self._style_interviewer()
        if self.session is None:
            return
        if self.pages.currentIndex() == RUNNING:
            card_ = self.session.card()
            if card_ is not None:
                self.question_view.set_markdown(card_.prompt, dark, self.theme.font_pt)
            self._update_clock()
        elif self.pages.currentIndex() == REPORT:
            self._show_drill()
            self._show_detail()
