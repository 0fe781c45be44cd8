"""The desired-retention helper (from Settings): daily reviews and knowledge on the interview
day for each retention from 0.70 to 0.97, and the day-by-day load of the one picked. The
simulation runs on a worker with progress."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCharts import QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interviewprep.services.app import Services
from interviewprep.services.retention_helper import (
    RETENTIONS,
    RetentionOutcome,
    RetentionSimulation,
)
from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.charts import ChartCard, qdatetime, style_axis
from interviewprep.ui.workers import Workers, describe

_KINDS = {"flashcard": "flashcards", "system-design": "design prompts"}


def _shared_grid(maximum: float) -> tuple[int, int]:
    """A top for the reviews axis and a number of gaps, 4 or 5, of round steps (1, 2, 5, 10,
    20...), so that the share-recalled axis beside it, at 25% or 20% a gap, has its labels on
    the same grid lines."""
    choices = []
    for gaps in (4, 5):
        raw = max(maximum, 1.0) / gaps
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
        choices.append((max(1, int(step)) * gaps, gaps))
    return min(choices)


def _nice_top(value: float) -> float:
    """A round axis maximum at or above ``value``."""
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 5:
            return float(step * max(1, -(-value // step)))
    return float(value)


class RetentionHelperDialog(QDialog):
    simulated = Signal()
    """The simulation is in (or failed)."""
    chosen = Signal(float)
    """The user asked to use this retention."""

    def __init__(
        self,
        services: Services,
        workers: Workers,
        theme: Theme,
        question_type: str = "flashcard",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.theme = theme
        self.question_type = question_type
        self.simulation: RetentionSimulation | None = None
        kind = _KINDS.get(question_type, question_type)
        self.setWindowTitle(f"Desired retention for {kind}")
        # as big as suits the charts, but never past the screen: at 1280x720 the summary and
        # the buttons went off its bottom edge
        room = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, room.width() - 40), min(860, room.height() - 40))
        outer = QVBoxLayout(self)
        outer.setSpacing(10)
        outer.addWidget(label(f"Desired retention for {kind}: cost and reward", "Subtitle"))
        self.note = label("Simulating…", "Muted", wrap=True)
        outer.addWidget(self.note)
        self.progress = QProgressBar()
        self.progress.setRange(0, len(RETENTIONS))
        self.progress.setFormat("Simulating retention %v of %m")
        outer.addWidget(self.progress)
        self.sweep = ChartCard(
            "By desired retention",
            "Mean reviews a day until the interview, and questions you would recall on the day.",
            height=220,
        )
        self.daily = ChartCard(
            "Day by day", "Reviews each day at the retention picked below.", height=170
        )
        # On a short screen the charts scroll, at a height they can be read at, while the
        # summary and the buttons below them stay in view.
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.setSpacing(10)
        charts_layout.addWidget(self.sweep, 3)
        charts_layout.addWidget(self.daily, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(charts)
        outer.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(label("Retention", "Muted"))
        self.pick = QDoubleSpinBox()
        self.pick.setRange(RETENTIONS[0], RETENTIONS[-1])
        self.pick.setSingleStep(0.01)
        self.pick.setDecimals(2)
        self.pick.setAccessibleName("Retention to inspect")
        self.pick.setEnabled(False)
        self.pick.valueChanged.connect(lambda _v: self._show_pick())
        row.addWidget(self.pick)
        self.summary = label("", wrap=True)
        self.summary.setAccessibleName("Summary")
        row.addWidget(self.summary, 1)
        self.use_button = QPushButton("Use this retention")
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._use)
        row.addWidget(self.use_button)
        outer.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        helper = services.retention_helper
        workers.start(
            lambda report: helper.simulate(question_type, report),
            self._show,
            self._failed,
            on_progress=lambda done, _total: self.progress.setValue(done),
        )

    # -- results --------------------------------------------------------------------------------

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.note.setText(f"The simulation failed: {describe(error)}")
        self.simulated.emit()

    def _show(self, simulation: RetentionSimulation) -> None:
        self.simulation = simulation
        self.progress.hide()
        kind = _KINDS.get(simulation.question_type, simulation.question_type)
        until = (
            f"until your interview on {simulation.interview:%-d %B}"
            if simulation.interview is not None
            else "over a year (set an interview date in Settings to plan for it)"
        )
        self.note.setText(
            f"FSRS's simulator (fsrs-rs), with your scheduling parameters, on "
            f"{simulation.deck_size} {kind} starting unlearned, {simulation.new_per_day} new a "
            f"day and at most {simulation.reviews_per_day_limit} reviews a day, {until}; "
            f"{len(simulation.outcomes)} retentions, each the mean of several runs."
        )
        self.pick.blockSignals(True)
        self.pick.setValue(simulation.current)
        self.pick.blockSignals(False)
        self.pick.setEnabled(True)
        self._plot_sweep(simulation)
        self._show_pick()
        self.simulated.emit()

    def _show_pick(self) -> None:
        simulation = self.simulation
        if simulation is None:
            return
        outcome = simulation.outcome(self.pick.value())
        self.summary.setText(self._summary(simulation, outcome))
        self.use_button.setEnabled(abs(outcome.retention - simulation.current) > 0.001)
        self.use_button.setText(f"Use {outcome.retention:.2f}")
        self._plot_daily(simulation, outcome)

    def _summary(self, simulation: RetentionSimulation, outcome: RetentionOutcome) -> str:
        day = (
            f"on {simulation.interview:%-d %b}"
            if simulation.interview is not None
            else "a year from now"
        )
        share = outcome.knowledge / max(1, simulation.deck_size)
        return (
            f"At {outcome.retention:.2f}: {outcome.reviews_per_day:.0f} reviews a day "
            f"(about {outcome.minutes_per_day:.0f} min with new questions); "
            f"{outcome.knowledge:.0f} of {simulation.deck_size} recalled {day} ({share:.0%})."
        )

    def _use(self) -> None:
        if self.simulation is None:
            return
        retention = self.simulation.outcome(self.pick.value()).retention
        self.chosen.emit(retention)
        self.simulation = _with_current(self.simulation, retention)
        self._plot_sweep(self.simulation)
        self._show_pick()

    # -- charts ---------------------------------------------------------------------------------

    def _plot_sweep(self, simulation: RetentionSimulation) -> None:
        colors, font_pt = self.theme.colors, self.theme.font_pt
        chart = self.sweep.clear(colors, font_pt)
        reviews, knowledge = QLineSeries(), QLineSeries()
        reviews.setName("Reviews a day")
        knowledge.setName(f"Recalled on the interview day (of {simulation.deck_size})")
        if simulation.interview is None:
            knowledge.setName(f"Recalled a year from now (of {simulation.deck_size})")
        deck = max(1, simulation.deck_size)
        for outcome in simulation.outcomes:
            reviews.append(outcome.retention * 100, outcome.reviews_per_day)
            knowledge.append(outcome.retention * 100, outcome.knowledge / deck * 100)
        reviews.setPen(QPen(QColor(colors.accent), 2.5))
        knowledge.setPen(QPen(QColor(colors.good), 2.5))
        top, gaps = _shared_grid(max(o.reviews_per_day for o in simulation.outcomes))
        current = QLineSeries()
        current.setName(f"Your setting {simulation.current:.2f}")
        current.append(simulation.current * 100, 0)
        current.append(simulation.current * 100, top)
        pen = QPen(QColor(colors.muted), 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        current.setPen(pen)
        retention_axis = QValueAxis()
        retention_axis.setRange(RETENTIONS[0] * 100, RETENTIONS[-1] * 100)
        retention_axis.setTickCount(10)
        retention_axis.setLabelFormat("%d%%")
        retention_axis.setTitleText("desired retention")
        style_axis(retention_axis, colors, font_pt, grid=False)
        reviews_axis = QValueAxis()
        reviews_axis.setRange(0, top)
        reviews_axis.setTickCount(gaps + 1)
        reviews_axis.setLabelFormat("%d")
        reviews_axis.setTitleText("reviews a day")
        style_axis(reviews_axis, colors, font_pt)
        knowledge_axis = QValueAxis()
        knowledge_axis.setRange(0, 100)
        knowledge_axis.setTickCount(gaps + 1)
        knowledge_axis.setLabelFormat("%d%%")
        knowledge_axis.setTitleText("share recalled")
        style_axis(knowledge_axis, colors, font_pt, grid=False)
        chart.addAxis(retention_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(reviews_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(knowledge_axis, Qt.AlignmentFlag.AlignRight)
        for series, values in ((current, reviews_axis), (reviews, reviews_axis)):
            chart.addSeries(series)
            series.attachAxis(retention_axis)
            series.attachAxis(values)
        chart.addSeries(knowledge)
        knowledge.attachAxis(retention_axis)
        knowledge.attachAxis(knowledge_axis)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.sweep.show_chart()

    def _plot_daily(self, simulation: RetentionSimulation, outcome: RetentionOutcome) -> None:
        colors, font_pt = self.theme.colors, self.theme.font_pt
        chart = self.daily.clear(colors, font_pt)
        line = QLineSeries()
        line.setName(f"Reviews a day at {outcome.retention:.2f}")
        for index, count in enumerate(outcome.daily_reviews):
            moment = qdatetime(simulation.today + timedelta(days=index), 12)
            line.append(float(moment.toMSecsSinceEpoch()), count)
        line.setPen(QPen(QColor(colors.accent), 2))
        top = _nice_top(max(outcome.daily_reviews, default=1.0) or 1.0)
        series: list[QLineSeries | QScatterSeries] = [line]
        if simulation.interview is not None:
            marker = QLineSeries()
            marker.setName(f"Interview {simulation.interview:%-d %b}")
            x = float(qdatetime(simulation.interview, 12).toMSecsSinceEpoch())
            marker.append(x, 0)
            marker.append(x, top)
            pen = QPen(QColor(colors.again), 2)
            pen.setStyle(Qt.PenStyle.DashLine)
            marker.setPen(pen)
            series.append(marker)
        dates = QDateTimeAxis()
        dates.setFormat("d MMM")
        dates.setRange(
            qdatetime(simulation.today), qdatetime(simulation.today + timedelta(simulation.days))
        )
        dates.setTickCount(7)
        style_axis(dates, colors, font_pt, grid=False)
        values = QValueAxis()
        values.setRange(0, top)
        values.setTickCount(5)
        values.setLabelFormat("%d")
        style_axis(values, colors, font_pt)
        chart.addAxis(dates, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for one in series:
            chart.addSeries(one)
            one.attachAxis(dates)
            one.attachAxis(values)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.daily.show_chart()


def _with_current(simulation: RetentionSimulation, retention: float) -> RetentionSimulation:
    return replace(simulation, current=retention)
