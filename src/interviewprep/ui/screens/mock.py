"""Mock interview: a timed loop of flashcards and one design prompt, answers hidden until the
report, where the user grades each question against the reference and saves the grades.

The loop's logic lives in ``services.mock.MockSession``; this view shows it and forwards input.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
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
from interviewprep.services.app import Services
from interviewprep.services.design import format_clock, phases_of
from interviewprep.services.mock import LENGTHS, MockReport, MockSession
from interviewprep.ui.autosave import Autosave
from interviewprep.ui.screens.base import Screen, card, label, shortcut_tip
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.markdown_view import MarkdownView
from interviewprep.ui.workers import Workers, describe

SETUP, RUNNING, REPORT = 0, 1, 2
_INDEX_ROLE = Qt.ItemDataRole.UserRole


def _percent(score: float | None) -> str:
    return "–" if score is None else f"{round(score * 100)}%"


_SETUP_NOTE = "About 2.5 minutes per short question; the design prompt gets its full time box."


class MockScreen(Screen):
    # How often the clock on screen is redrawn; tests shorten it instead of waiting seconds.
    tick_ms = 1000

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.session: MockSession | None = None
        self._planning = False
        self._loading = False
        self._report: MockReport | None = None
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
                "A timed loop as an interviewer runs it: a few short questions, then a system-"
                "design prompt. Answer aloud or type. Answers stay hidden until the end, where "
                "you compare and grade each one.",
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
        grid.addWidget(label("Role", "Muted"), 0, 0)
        grid.addWidget(self.role_combo, 0, 1)
        grid.addWidget(label("Length", "Muted"), 1, 0)
        grid.addWidget(self.length_combo, 1, 1)
        grid.setColumnStretch(1, 1)
        form.addLayout(grid)
        self.setup_note = label(_SETUP_NOTE, "Muted", wrap=True)
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
        split.addWidget(answer_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.end_button = QPushButton("End now")
        self.end_button.setToolTip(
            shortcut_tip("Stop here and go to the report (unanswered ones can be graded)", "Ctrl+E")
        )
        self.end_button.clicked.connect(self.end_now)
        bottom.addWidget(self.end_button)
        bottom.addStretch(1)
        self.next_button = QPushButton("Next question")
        self.next_button.setObjectName("Primary")
        self.next_button.clicked.connect(self.next_question)
        bottom.addWidget(self.next_button)
        layout.addLayout(bottom)
        return page

    def _build_report(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        head = QHBoxLayout()
        head.addWidget(label("Report", "Title"))
        head.addStretch(1)
        self.overall = label("", "Subtitle")
        head.addWidget(self.overall)
        layout.addLayout(head)
        self.report_summary = label("", "Muted", wrap=True)
        layout.addWidget(self.report_summary)

        self.topics_card, topics_layout = card()
        self.topics_grid = QGridLayout()
        self.topics_grid.setHorizontalSpacing(14)
        self.topics_grid.setVerticalSpacing(6)
        topics_layout.addLayout(self.topics_grid)
        layout.addWidget(self.topics_card)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.report_list = QListWidget()
        self.report_list.setAccessibleName("Questions by topic")
        self.report_list.setToolTip("Up and Down choose a question; 1-4 grade it")
        self.report_list.setMinimumWidth(240)
        self.report_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.report_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.report_list.currentItemChanged.connect(lambda *_: self._show_detail())
        split.addWidget(self.report_list)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.setSpacing(8)
        self.detail_prompt = MarkdownView()
        self.detail_prompt.setAccessibleName("Question")
        self.detail_prompt.setMaximumHeight(120)
        detail_layout.addWidget(self.detail_prompt)
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
        reference_box = QWidget()
        reference_layout = QVBoxLayout(reference_box)
        reference_layout.setContentsMargins(0, 0, 0, 0)
        reference_layout.addWidget(label("Reference answer", "Subtitle"))
        self.detail_reference = MarkdownView()
        self.detail_reference.setAccessibleName("Reference answer")
        reference_layout.addWidget(self.detail_reference, 1)
        compare.addWidget(typed_box)
        compare.addWidget(reference_box)
        detail_layout.addWidget(compare, 1)
        grade_row = QHBoxLayout()
        grade_row.addWidget(label("Your grade", "Muted"))
        grade_row.addStretch(1)
        self.grade_buttons: dict[Grade, QPushButton] = {}
        for grade in Grade:
            button = QPushButton(grade.label)
            button.setObjectName(grade.label)
            button.setMinimumWidth(90)
            button.setCheckable(True)
            button.setToolTip(shortcut_tip(f"Grade this answer {grade.label}", str(int(grade))))
            button.clicked.connect(lambda _=False, g=grade: self.grade(g))
            self.grade_buttons[grade] = button
            grade_row.addWidget(button)
        detail_layout.addLayout(grade_row)
        split.addWidget(detail)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 660])
        layout.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.new_button = QPushButton("New interview")
        self.new_button.setToolTip("Back to choosing a role and length")
        self.new_button.clicked.connect(self.new_interview)
        bottom.addWidget(self.new_button)
        self.save_state = label("", "Muted")
        bottom.addWidget(self.save_state)
        bottom.addStretch(1)
        self.save_button = QPushButton("Save grades")
        self.save_button.setObjectName("Primary")
        self.save_button.setToolTip(
            shortcut_tip("Give every graded question its review in the schedule", "Ctrl+S")
        )
        self.save_button.clicked.connect(self.save_grades)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
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
        }
        self.bind_keys(bindings)

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

    def _fill_setup(self) -> None:
        current = self.role_combo.currentData()
        targets = self.services.settings.target_roles
        self.role_combo.clear()
        for role_id, role_title in self.services.mock.roles():
            self.role_combo.addItem(role_title, role_id)
        preferred = current or (targets[0] if targets else None)
        index = self.role_combo.findData(preferred) if preferred else -1
        self.role_combo.setCurrentIndex(max(0, index))
        has_roles = self.role_combo.count() > 0
        self.start_button.setEnabled(has_roles)
        if not has_roles:
            self.setup_note.setText("Import a question bank first (File → Import).")
        self.history_list.clear()
        for past in self.services.mock.history():
            when = f"{past.started_at.astimezone():%d %b %H:%M}"
            score = self._saved_score(past.id) if past.finished else None
            state = _percent(score) if past.finished else "not graded"
            item = QListWidgetItem(
                f"{when} · {past.role} · {past.length_minutes} min · "
                f"{len(past.items)} questions · {state}"
            )
            item.setToolTip(past.summary())
            self.history_list.addItem(item)
        has_history = self.history_list.count() > 0
        self.history_list.setVisible(has_history)
        self.history_empty.setVisible(not has_history)

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
        self.setup_note.setText(_SETUP_NOTE)
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
        kind = "System design" if item.is_design else "Question"
        self.question_title.setText(f"{kind} {item.index + 1} of {session.total}")
        topics = ", ".join(item.topics)
        if item.is_design:
            phases = " → ".join(f"{p.name} {p.minutes}′" for p in phases_of(card_))
            self.question_meta.setText(f"{topics} · {item.minutes:g} min · {phases}")
            self.answer_label.setText("Your design notes")
            self.answer.setPlaceholderText(
                "Markdown notes: requirements, estimates, API, components, trade-offs…"
            )
        else:
            self.question_meta.setText(
                f"{topics} · {item.difficulty} · about {item.minutes:g} min · answer aloud or type"
            )
            self.answer_label.setText("Your answer")
            self.answer.setPlaceholderText(
                "Type your answer, or say it aloud and jot the key points."
            )
        self.question_view.set_markdown(card_.prompt, self.theme.dark, self.theme.font_pt)
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
        self._update_clock()
        self._tick.start(self.tick_ms)
        self.answer.setFocus()

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
        self.clock_caption.setText(
            "over time: wrap up" if state == "over" else f"left of {total // 60} min"
        )

    # -- report ---------------------------------------------------------------------------------

    def _show_report(self) -> None:
        session = self.session
        assert session is not None
        self._tick.stop()
        self.pages.setCurrentIndex(REPORT)
        report = session.report()
        self._report = report
        interview = report.interview
        spent = format_clock(
            sum(interview.seconds.values()) if interview.seconds else session.elapsed_seconds()
        )
        self.report_summary.setText(
            f"{len(report.items)} questions in {spent} of {interview.length_minutes} min. "
            "Compare what you typed with the reference and grade each answer honestly; "
            "Save grades puts them in your schedule."
        )
        self._fill_report_list(select=None)
        self._show_topics()
        self._show_detail()
        self._show_save_state()
        self.report_list.setFocus()

    def _fill_report_list(self, select: int | None) -> None:
        report = self._report
        assert report is not None
        current = select if select is not None else self._selected_index()
        self.report_list.blockSignals(True)
        self.report_list.clear()
        names = {t.topic: t.name for t in report.topics}
        bold = QFont(self.report_list.font())
        bold.setBold(True)
        target: QListWidgetItem | None = None
        for topic in report.topics:
            header = QListWidgetItem(names.get(topic.topic, topic.topic))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(bold)
            self.report_list.addItem(header)
            for index in topic.indices:
                entry = report.items[index]
                grade = report.grades.get(index)
                mark = f"✓ {grade.label}" if grade is not None else "○ to grade"
                if not entry.available:
                    mark = "removed"
                title = entry.title
                item = QListWidgetItem(f"   {mark} · {title}")
                item.setData(_INDEX_ROLE, index)
                item.setToolTip(entry.prompt[:300])
                self.report_list.addItem(item)
                if target is None and (
                    index == current or (current is None and grade is None and entry.available)
                ):
                    target = item
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
        columns = 2 if len(report.topics) > 3 else 1
        for n, topic in enumerate(report.topics):
            row, col = divmod(n, columns)
            name = label(topic.name)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(False)
            bar.setMinimumWidth(90)
            bar.setValue(round((topic.score or 0.0) * 1000))
            bar.setAccessibleName(f"{topic.name} score")
            value = label(f"{_percent(topic.score)} · {topic.graded}/{len(topic.indices)}", "Muted")
            value.setToolTip("Score from your grades · questions graded")
            self.topics_grid.addWidget(name, row, col * 3)
            self.topics_grid.addWidget(bar, row, col * 3 + 1)
            self.topics_grid.addWidget(value, row, col * 3 + 2)
        for col in range(columns):
            self.topics_grid.setColumnStretch(col * 3 + 1, 1)
        self.overall.setText(
            f"Overall {_percent(report.score)}" if report.score is not None else ""
        )

    def _show_detail(self) -> None:
        report = self._report
        index = self._selected_index()
        if report is None or index is None:
            return
        entry = report.items[index]
        dark, font = self.theme.dark, self.theme.font_pt
        self.detail_prompt.set_markdown(entry.prompt or "_(removed)_", dark, font)
        self.detail_typed.setPlainText(entry.typed or "(nothing typed: answered aloud)")
        self.detail_reference.set_markdown(entry.reference, dark, font)
        given = report.grades.get(index)
        editable = entry.available and self.session is not None and self.session.saved is None
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

    def grade(self, grade: Grade) -> None:
        session = self.session
        index = self._selected_index()
        if session is None or self.pages.currentIndex() != REPORT or index is None:
            return
        if session.saved is not None or not self._report or not self._report.items[index].available:
            return
        following = session.grade(index, grade)
        self._report = session.report()
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
        self.save_state.setText(f"{left} left to grade" if left else "All graded")

    def save_grades(self) -> None:
        session = self.session
        if session is None or self.pages.currentIndex() != REPORT or session.saved is not None:
            return
        if self._report is None or self._report.ungraded:
            return
        self._report = session.finish()
        self.status.emit(f"Saved {len(self._report.grades)} grade(s) to your schedule")
        self._fill_report_list(select=None)
        self._show_topics()
        self._show_detail()
        self._show_save_state()
        self.new_button.setFocus()

    def new_interview(self) -> None:
        self.save_answer()
        self.session = None
        self._report = None
        self.activated()

    def theme_changed(self, dark: bool) -> None:
        if self.session is None:
            return
        if self.pages.currentIndex() == RUNNING:
            card_ = self.session.card()
            if card_ is not None:
                self.question_view.set_markdown(card_.prompt, dark, self.theme.font_pt)
            self._update_clock()
        elif self.pages.currentIndex() == REPORT:
            self._show_detail()
