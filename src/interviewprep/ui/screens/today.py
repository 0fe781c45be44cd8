"""Today: what is due per role, readiness, streak, and the big actions."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interviewprep.banks.titles import plain_text
from interviewprep.core.key_points import CriterionKind
from interviewprep.services.app import Services
from interviewprep.services.op_changes import OpChanges
from interviewprep.services.stats import RoleStats, StatsReport
from interviewprep.services.study import Counts
from interviewprep.services.weak_points import WeakCriterion, drill_keys_of
from interviewprep.ui.screens.base import Screen, card, label
from interviewprep.ui.theme import Theme
from interviewprep.ui.weak_points import drill_status, missed_text, trend_text
from interviewprep.ui.workers import Workers, describe
from interviewprep.wording import count

CONTENT_MAX_WIDTH = 1240
"""On a wide screen the page stops growing and centres: cards and lines stay readable."""
BUNDLED_LOAD = "loading the bundled banks"
"""The label of the first run's import (ui/app.py), while which there is nothing to count."""
WEAKEST_SHOWN = 3
"""Weak points each role card lists: the full table is on Progress."""


def _count(value: int, caption: str) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    number = label(str(value), "Big")
    number.setObjectName("Big")
    layout.addWidget(number)
    layout.addWidget(label(caption, "Muted"))
    return box


class TodayScreen(Screen):
    drill_requested = Signal(object)  # a CardFilter of a role's weak flashcards, for Review
    design_requested = Signal(object)  # keys of design prompts to practise, for System design

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.report: StatsReport | None = None
        self.weakest: list[WeakCriterion] = []
        self.weak_blocks: dict[str, QFrame] = {}
        """Each role card's weakest-points block, by role id (only roles that have one)."""
        self.total = Counts(0, 0, 0)
        # The whole page scrolls (a large font needs it) and never sideways; on a wide screen
        # it stops at CONTENT_MAX_WIDTH, centred.
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.addWidget(self.scroll_area)
        holder = QWidget()
        centred = QHBoxLayout(holder)
        centred.setContentsMargins(0, 0, 0, 0)
        self.content = QWidget()
        self.content.setMaximumWidth(CONTENT_MAX_WIDTH)
        centred.addWidget(self.content)
        self.scroll_area.setWidget(holder)
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(28, 24, 28, 24)
        outer.setSpacing(14)

        self.heading = label("Today", "Title", wrap=True)  # a long date wraps, never clips
        outer.addWidget(self.heading)
        badges = QHBoxLayout()
        badges.setSpacing(8)
        self.countdown = label("", "Badge")
        self.streak = label("", "Badge")
        badges.addWidget(self.countdown)
        badges.addWidget(self.streak)
        badges.addStretch(1)
        outer.addLayout(badges)
        self.summary = label("Loading…", "Muted", wrap=True)
        outer.addWidget(self.summary)
        self.plan = label("", "Muted", wrap=True)
        self.plan.setToolTip(
            "With an interview date, new questions per day are set so every question is seen "
            "in time, and no review is scheduled after the interview."
        )
        self.plan.hide()
        outer.addWidget(self.plan)

        actions = QHBoxLayout()
        self.start_review = QPushButton("Start review")
        self.start_review.setObjectName("Primary")
        self.start_review.setToolTip("Review today's flashcards (Enter)")
        self.start_review.clicked.connect(lambda: self.navigate.emit("review"))
        self.practise = QPushButton("Practise system design")
        self.practise.setToolTip("A timed design prompt with a rubric (Ctrl+D)")
        self.practise.clicked.connect(lambda: self.navigate.emit("design"))
        self.mock = QPushButton("Mock interview")
        self.mock.setToolTip("A timed interview: short questions and a design round (Ctrl+M)")
        self.mock.clicked.connect(lambda: self.navigate.emit("mock"))
        for button in (self.start_review, self.practise, self.mock):
            actions.addWidget(button)
        actions.addStretch(1)
        outer.addLayout(actions)

        self.roles_box = QWidget()
        self.roles_grid = QGridLayout(self.roles_box)
        self.roles_grid.setContentsMargins(0, 0, 0, 0)
        self.roles_grid.setSpacing(16)
        outer.addWidget(self.roles_box)
        outer.addStretch(1)

        self.bind_keys({"Return": self.start_review.click, "Enter": self.start_review.click})
        self.follow_changes(self._data_changed)
        self._stale = True

    def _data_changed(self, changes: OpChanges) -> None:
        if not (changes.queues or changes.history or changes.banks or changes.settings):
            return  # a note or a flag: nothing Today shows
        self._stale = True
        if self.isVisible():
            self.refresh()

    def activated(self) -> None:
        self.refresh()
        self.start_review.setFocus()

    def refresh(self) -> None:
        self._stale = False
        stats, study, weak = self.services.stats, self.services.study, self.services.weak_points
        self.workers.start_latest(
            "today",
            lambda: (stats.overview(), study.counts(), weak.weakest(limit=None)),
            self._loaded,
            self._failed,
        )

    def _loaded(self, result: tuple[StatsReport, Counts, list[WeakCriterion]]) -> None:
        report, self.total, self.weakest = result
        self._show(report)
        self.refreshed.emit()

    def _failed(self, error: Exception) -> None:
        self.summary.setText(f"Could not load today's figures: {describe(error)}")

    def _show(self, report: StatsReport) -> None:
        self.report = report
        self.heading.setText(f"Today · {report.day:%A %-d %B}")
        self.streak.setText(
            f"{report.streak_days}-day streak" if report.streak_days else "No streak yet"
        )
        self._show_countdown(report.day)
        self.plan.setVisible(report.plan is not None)
        if report.plan is not None:
            self.plan.setText(f"Plan: {report.plan}")
        targets = self.services.settings.target_roles
        roles = sorted(
            report.roles.values(), key=lambda r: (r.role not in targets, r.title.lower())
        )
        while self.roles_grid.count():
            item = self.roles_grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.setParent(None)  # gone at once, not at the next pass of the event loop
                old.deleteLater()
        self.weak_blocks = {}
        # the chosen roles' weak points; every role's while none is chosen
        weak_roles = {s.role for s in roles if s.role in targets} or {s.role for s in roles}
        for index, stats in enumerate(roles):
            frame = self._role_card(stats, stats.role in targets)
            if stats.role in weak_roles:
                self._add_weak_block(frame, stats.role)
            card_layout = frame.layout()
            if isinstance(card_layout, QVBoxLayout):  # beside a taller card, stay at the top
                card_layout.addStretch(1)
            self.roles_grid.addWidget(frame, index // 2, index % 2)
        # The daily limits are shared by all roles: the new-card limit is said once, here,
        # and each role's card counts its unseen questions instead.
        due = self.total.total
        if not roles:
            loading = BUNDLED_LOAD in self.workers.labels()
            self.summary.setText(
                "Loading the question banks…"
                if loading
                else "No banks installed. Import one from the Banks screen."
            )
        elif due:
            self.summary.setText(
                f"{count(due, 'flashcard')} waiting today: {self.total.new} new, "
                f"{self.total.learning} learning, {self.total.review} due. "
                f"{self._new_limit_text()} {self._reviewed_text(report.reviews_today)}"
            )
        else:
            self.summary.setText(
                f"All caught up for today: {count(report.reviews_today, 'review')}. "
                "Practise a design prompt, or come back tomorrow."
            )
        self.start_review.setEnabled(due > 0)
        if self.isVisible():
            # after a dialog (first run, import) nothing may have focus, and Enter only works
            # with focus inside this screen
            (self.start_review if due > 0 else self.practise).setFocus()

    def _new_limit_text(self) -> str:
        limit = self.services.settings.preset("flashcard").new_per_day
        return f"New questions: up to {limit} a day, shared by all roles."

    @staticmethod
    def _reviewed_text(reviews_today: int) -> str:
        if not reviews_today:
            return "Nothing reviewed yet today."
        return f"{count(reviews_today, 'review')} today."

    def _show_countdown(self, today: date) -> None:
        interview = self.services.settings.interview_date
        if interview is None:
            self.countdown.hide()
            return
        days = (interview - today).days
        text = (
            f"Interview in {count(days, 'day')}"
            if days > 0
            else ("Interview today" if days == 0 else "Interview date passed")
        )
        self.countdown.setText(text)
        self.countdown.show()

    def _role_card(self, stats: RoleStats, target: bool) -> QFrame:
        frame, layout = card()
        title = label(stats.title + ("  ★" if target else ""), "Subtitle", wrap=True)
        title.setToolTip("One of your target roles" if target else "")
        layout.addWidget(title)
        layout.addWidget(
            label(
                f"{count(stats.questions, 'question')}: "
                f"{count(stats.flashcards, 'flashcard')}, "
                f"{count(stats.system_design, 'design prompt')}",
                "Muted",
                wrap=True,
            )
        )
        counts = QHBoxLayout()
        counts.setSpacing(32)
        counts.addWidget(_count(stats.questions - stats.seen, "unseen"))
        counts.addWidget(_count(stats.learning, "learning"))
        counts.addWidget(_count(stats.due, "due"))
        counts.addStretch(1)
        layout.addLayout(counts)
        bar = QProgressBar()
        bar.setRange(0, 1000)
        bar.setValue(round(stats.readiness * 1000))
        bar.setToolTip("Readiness: the share of this role's questions you would recall today")
        layout.addWidget(bar)
        layout.addWidget(
            label(
                f"Readiness {stats.readiness:.0%} · seen {stats.coverage:.0%} of the questions",
                "Muted",
                wrap=True,
            )
        )
        if stats.readiness_at_interview is not None:
            floor = label(
                f"On the interview day, without more reviews: {stats.readiness_at_interview:.0%}",
                "Muted",
                wrap=True,
            )
            floor.setToolTip("What you would still recall if you stopped now; reviews raise it")
            layout.addWidget(floor)
        return frame

    # -- weak points ----------------------------------------------------------------------------

    def _drill(self, keys: list[tuple[str, str]]) -> None:
        self.drill_requested.emit(self.services.weak_points.drill_filter(keys))
        self.status.emit(drill_status(len(keys)))

    def _add_weak_block(self, frame: QFrame, role: str) -> None:
        """The role's three weakest points, each with its question, and the drill of them;
        nothing at all while the role has none."""
        rows = [w for w in self.weakest if w.role == role]
        if not rows:
            return
        layout = frame.layout()
        assert layout is not None
        block = QFrame()
        block.setObjectName("WeakBlock")
        lines = QVBoxLayout(block)
        lines.setContentsMargins(0, 6, 0, 0)
        lines.setSpacing(8)
        heading = label("Weakest points lately", "Muted")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        lines.addWidget(heading)
        c = self.theme.colors
        shown = rows[:WEAKEST_SHOWN]  # "these": the drill takes the points listed
        for weak in shown:
            line = label("", None, wrap=True)
            line.setTextFormat(Qt.TextFormat.RichText)
            line.setText(
                f"{html.escape(plain_text(weak.text))}<br>"
                f'<span style="color:{c.muted}">{html.escape(plain_text(weak.question_title))}'
                f" · {_unbroken(f'missed {missed_text(weak)} · {trend_text(weak.trend)}')}"
                "</span>"
            )
            line.setAccessibleName(f"Weak point: {plain_text(weak.text)}")
            lines.addWidget(line)
        flashcards = drill_keys_of(shown, CriterionKind.KEY_POINT)
        designs = drill_keys_of(shown, CriterionKind.RUBRIC_ITEM)
        buttons = QHBoxLayout()
        if flashcards:
            drill = QPushButton(f"Drill these ({count(len(flashcards), 'card')})")
            drill.setToolTip(
                "Review the flashcards whose key points you missed at their latest check, "
                "now, even if they are not due"
            )
            drill.clicked.connect(lambda: self._drill(flashcards))
            buttons.addWidget(drill)
        if designs:
            design = QPushButton(f"Practise {count(len(designs), 'design prompt')}")
            design.setToolTip("Open System design on the prompts whose rubric items you lost")
            design.clicked.connect(lambda: self.design_requested.emit(list(designs)))
            buttons.addWidget(design)
        buttons.addStretch(1)
        lines.addLayout(buttons)
        layout.addWidget(block)
        self.weak_blocks[role] = block


def _unbroken(text: str) -> str:
    """``text`` that never wraps: an arrow stays with its word, a count with its total."""
    return html.escape(text).replace(" ", "&nbsp;")
