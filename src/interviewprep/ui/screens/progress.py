"""Progress: activity, a year's calendar, the review forecast, true retention, mastery per topic
and readiness over time. Figures are computed off the GUI thread and redrawn when the study
service reports a change."""

from __future__ import annotations

import math
from datetime import timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QFontMetrics, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from interviewprep.core.easy_days import lighter_days
from interviewprep.services.app import Services
from interviewprep.services.op_changes import OpChanges
from interviewprep.services.progress import DayCount, ProgressReport, RoleProgress
from interviewprep.services.weak_points import WeakCriterion
from interviewprep.ui.card_info import open_card_info
from interviewprep.ui.screens.base import Screen, card, label
from interviewprep.ui.theme import Colors, Theme
from interviewprep.ui.weak_points import WeakPointsCard, drill_status
from interviewprep.ui.widgets.calendar_heatmap import CalendarHeatmap
from interviewprep.ui.widgets.charts import ChartCard, day_axis, nice_top, qdatetime, style_axis
from interviewprep.ui.workers import Workers, describe
from interviewprep.wording import count

FORECAST_NOTE = "Reviews due on each of the next 30 days"
_SERIES_COLOURS = ("accent", "good", "hard", "easy", "again")


class ProgressScreen(Screen):
    drill_requested = Signal(object)  # a CardFilter of the weak points' flashcards, for Review
    design_requested = Signal(object)  # keys of design prompts to practise, for System design

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.report: ProgressReport | None = None
        self.weakest: list[WeakCriterion] = []
        self.reviews_set: QBarSet | None = None
        self.forecast_set: QBarSet | None = None
        self.mastery_set: QBarSet | None = None
        self._role: str | None = None
        self._build()
        self.follow_changes(self._data_changed)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area = scroll
        outer.addWidget(scroll)
        content = QWidget()
        scroll.setWidget(content)
        page = QVBoxLayout(content)
        page.setContentsMargins(28, 24, 28, 24)
        page.setSpacing(16)

        header = QHBoxLayout()
        header.addWidget(label("Progress", "Title"))
        header.addStretch(1)
        self.streak = label("", "Badge")
        header.addWidget(self.streak)
        page.addLayout(header)
        self.summary = label("Loading…", "Muted", wrap=True)
        page.addWidget(self.summary)

        self.weak_points = WeakPointsCard(self.theme.colors)
        self.weak_points.drill_requested.connect(self._drill)
        self.weak_points.design_requested.connect(self.design_requested.emit)
        self.weak_points.open_requested.connect(self._open_question)
        page.addWidget(self.weak_points)

        self.activity = ChartCard("Reviews per day", "The last 90 days", 200)
        page.addWidget(self.activity)

        calendar, calendar_layout = card()
        calendar_layout.addWidget(label("Study calendar", "Subtitle"))
        self.calendar_note = label("Every day of the last year", "Muted")
        calendar_layout.addWidget(self.calendar_note)
        self.heatmap = CalendarHeatmap()
        calendar_layout.addWidget(self.heatmap)
        page.addWidget(calendar)

        grid = QGridLayout()
        grid.setSpacing(16)
        self.forecast = ChartCard("Coming up", FORECAST_NOTE)
        self.retention = ChartCard(
            "True retention", "Share of reviews of learned cards you recalled, by week"
        )
        self.mastery = ChartCard(
            "Mastery per topic",
            "Predicted recall today, averaged over each topic's questions (unseen count as 0)",
            300,
        )
        self.role_picker = QComboBox()
        self.role_picker.setToolTip("Show the topics of this role")
        self.role_picker.setAccessibleName("Role")
        self.role_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.role_picker.currentIndexChanged.connect(self._role_changed)
        self.mastery.header.addWidget(self.role_picker)
        self.readiness = ChartCard(
            "Readiness over time", "Share of each role's questions you would recall that day", 260
        )
        grid.addWidget(self.forecast, 0, 0)
        grid.addWidget(self.retention, 0, 1)
        # Full width: topic names are long, and a legend of several roles needs the room.
        grid.addWidget(self.mastery, 1, 0, 1, 2)
        grid.addWidget(self.readiness, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        page.addLayout(grid)
        page.addStretch(1)

    def scroll_to(self, fraction: float) -> None:
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(round(bar.maximum() * fraction))

    # -- loading --------------------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh()

    def _data_changed(self, changes: OpChanges) -> None:
        shown = changes.queues or changes.history or changes.banks or changes.settings
        if shown and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        progress, weak_points = self.services.progress, self.services.weak_points
        self.workers.start_latest(
            "progress",
            lambda: (progress.report(), weak_points.weakest(limit=None)),
            self._reported,
            self._failed,
        )

    def _reported(self, result: tuple[ProgressReport, list[WeakCriterion]]) -> None:
        report, self.weakest = result
        self.weak_points.set_rows(self.weakest, self.theme.colors)
        self._show(report)
        self.refreshed.emit()

    def _drill(self, keys: list[tuple[str, str]]) -> None:
        self.drill_requested.emit(self.services.weak_points.drill_filter(keys))
        self.status.emit(drill_status(len(keys)))

    def _open_question(self, key: tuple[str, str]) -> None:
        open_card_info(self.services, self.workers, self.theme, key, self)

    def _failed(self, error: Exception) -> None:
        self.summary.setText(f"Could not compute progress: {describe(error)}")

    def theme_changed(self, dark: bool) -> None:
        self.weak_points.set_rows(self.weakest, self.theme.colors)
        if self.report is not None:
            self._show(self.report)

    def _show(self, report: ProgressReport) -> None:
        self.report = report
        colors, font_pt = self.theme.colors, self.theme.font_pt
        last_week = sum(d.count for d in report.reviews_per_day[-7:])
        self.streak.setText(
            f"{report.streak_days}-day streak" if report.streak_days else "No streak yet"
        )
        if report.has_history:
            self.summary.setText(
                f"{count(report.total_reviews, 'review')} in all, {last_week:,} in the last 7 days."
            )
        else:
            self.summary.setText(
                "No reviews yet. Your charts fill in as you study: start a review from Today."
            )
        self._show_activity(report, colors, font_pt)
        self.heatmap.set_days(report.calendar, colors)
        year = sum(d.count for d in report.calendar)
        active = sum(1 for d in report.calendar if d.count)
        self.calendar_note.setText(
            f"{count(year, 'review')} on {count(active, 'day')} in the last year"
            if year
            else "Every day of the last year: each day you study fills a square"
        )
        self._show_forecast(report, colors, font_pt)
        self._show_retention(report, colors, font_pt)
        self._fill_roles(report)
        self._show_mastery(colors, font_pt)
        self._show_readiness(report, colors, font_pt)

    # -- the charts -----------------------------------------------------------------------------

    def _day_bars(
        self, target: ChartCard, days: list[DayCount], colors: Colors, font_pt: int, what: str
    ) -> QBarSet:
        """Bars per day over a date axis: the bars sit on a hidden category axis, and a date
        axis spanning the same days underneath labels them."""
        chart = target.clear(colors, font_pt)
        bars = QBarSet(what)
        bars.append([float(d.count) for d in days])
        bars.setColor(QColor(colors.accent))
        bars.setBorderColor(QColor(colors.accent))
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.72)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([d.day.isoformat() for d in days])
        categories.setVisible(False)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        top, ticks = nice_top(max((d.count for d in days), default=0))
        values = QValueAxis()
        values.setRange(0, top)
        values.setTickCount(ticks)
        values.setLabelFormat("%d")
        style_axis(values, colors, font_pt)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        axis = day_axis([d.day for d in days], colors, font_pt)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        # the last label is centred under the last bar: room for its right half
        labels = axis.categoriesLabels()
        if labels:
            half = QFontMetrics(axis.labelsFont()).horizontalAdvance(labels[-1]) // 2
            chart.setMargins(QMargins(0, 4, half + 4, 0))

        def hovered(status: bool, index: int, _set: QBarSet) -> None:
            if status and 0 <= index < len(days):
                day = days[index]
                QToolTip.showText(
                    QCursor.pos(), f"{day.day:%a %-d %b}: {count(day.count, what.rstrip('s'))}"
                )

        series.hovered.connect(hovered)
        return bars

    def _show_activity(self, report: ProgressReport, colors: Colors, font_pt: int) -> None:
        self.reviews_set = self._day_bars(
            self.activity, report.reviews_per_day, colors, font_pt, "reviews"
        )
        if any(d.count for d in report.reviews_per_day):
            self.activity.show_chart()
        else:
            self.activity.show_empty(
                "No reviews in the last 90 days. Answer some flashcards and each day's count "
                "shows up here."
            )

    def _show_forecast(self, report: ProgressReport, colors: Colors, font_pt: int) -> None:
        lighter = lighter_days(self.services.settings.easy_days)
        self.forecast.note.setText(
            FORECAST_NOTE + (f"; Easy Days keep {lighter} lighter" if lighter else "")
        )
        self.forecast_set = self._day_bars(self.forecast, report.forecast, colors, font_pt, "due")
        if any(d.count for d in report.forecast):
            self.forecast.show_chart()
        else:
            self.forecast.show_empty(
                "Nothing scheduled yet: questions get due dates once you have studied them."
            )

    def _show_retention(self, report: ProgressReport, colors: Colors, font_pt: int) -> None:
        chart = self.retention.clear(colors, font_pt)
        weeks = report.retention
        if not weeks:
            self.retention.show_empty(
                "Appears once you review cards you have already learned: answers during the "
                "first learning steps do not count."
            )
            return
        line, points = QLineSeries(), QScatterSeries()
        line.setName("True retention")
        for week in weeks:
            x = float(qdatetime(week.week, 24 * 3.5).toMSecsSinceEpoch())
            line.append(x, week.retention * 100)
            points.append(x, week.retention * 100)
        line.setPen(QPen(QColor(colors.accent), 2.5))
        points.setColor(QColor(colors.accent))
        points.setBorderColor(QColor(colors.surface))
        points.setMarkerSize(8)
        target = QLineSeries()
        target.setName(f"Target {report.desired_retention:.0%}")
        first = qdatetime(weeks[0].week)
        last = qdatetime(weeks[-1].week + timedelta(days=7))
        for moment in (first, last):
            target.append(float(moment.toMSecsSinceEpoch()), report.desired_retention * 100)
        pen = QPen(QColor(colors.good), 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        target.setPen(pen)
        dates = QDateTimeAxis()
        dates.setFormat("d MMM")
        dates.setRange(first, last)
        dates.setTickCount(min(6, len(weeks) + 1))
        style_axis(dates, colors, font_pt, grid=False)
        values = QValueAxis()
        low = min(50, 10 * math.floor(min(w.retention for w in weeks) * 10))
        values.setRange(low, 100)
        values.setTickCount((100 - low) // 10 + 1 if (100 - low) <= 50 else 6)
        values.setLabelFormat("%d%%")
        style_axis(values, colors, font_pt)
        chart.addAxis(dates, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for series in (target, line, points):
            chart.addSeries(series)
            series.attachAxis(dates)
            series.attachAxis(values)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().markers(points)[0].setVisible(False)
        self.retention.show_chart()

    def _fill_roles(self, report: ProgressReport) -> None:
        roles = sorted(
            report.roles.values(), key=lambda r: (r.role not in report.targets, r.title.lower())
        )
        current = self._role or (roles[0].role if roles else None)
        self.role_picker.blockSignals(True)
        self.role_picker.clear()
        for role in roles:
            self.role_picker.addItem(role.title, role.role)
        self.role_picker.setCurrentIndex(max(0, self.role_picker.findData(current)))
        self.role_picker.blockSignals(False)
        self.role_picker.setVisible(len(roles) > 1)
        self._role = self.role_picker.currentData()

    def _role_changed(self, _index: int) -> None:
        self._role = self.role_picker.currentData()
        self._show_mastery(self.theme.colors, self.theme.font_pt)

    def selected_role(self) -> RoleProgress | None:
        if self.report is None or self._role is None:
            return None
        return self.report.roles.get(self._role)

    def _show_mastery(self, colors: Colors, font_pt: int) -> None:
        chart = self.mastery.clear(colors, font_pt)
        role = self.selected_role()
        if role is None or not role.topics:
            self.mastery_set = None
            self.mastery.show_empty("No banks installed yet. Import one from the Banks screen.")
            return
        # A category axis draws its first category at the bottom: reverse, so the role's
        # taxonomy reads top to bottom.
        topics = list(reversed(role.topics))
        bars = QBarSet("Mastery")
        bars.append([t.mastery * 100 for t in topics])
        bars.setColor(QColor(colors.good))
        bars.setBorderColor(QColor(colors.good))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.62)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        labels: list[str] = []
        for topic in topics:  # categories must be unique
            labels.append(topic.title if topic.title not in labels else topic.topic)
        names.append(labels)
        style_axis(names, colors, font_pt, grid=False)
        names.setLabelsBrush(QBrush(QColor(colors.text)))
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setTickCount(6)
        values.setLabelFormat("%d%%")
        style_axis(values, colors, font_pt)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)

        def hovered(status: bool, index: int, _set: QBarSet) -> None:
            if status and 0 <= index < len(topics):
                t = topics[index]
                QToolTip.showText(
                    QCursor.pos(),
                    f"{t.title}: mastery {t.mastery:.0%}, seen {t.seen} of {t.questions}",
                )

        series.hovered.connect(hovered)
        self.mastery_set = bars
        self.mastery.view.setMinimumHeight(max(240, 60 + 26 * len(topics)))
        projection = (
            f" On the interview day without more reviews: {role.readiness_at_interview:.0%}."
            if role.readiness_at_interview is not None
            else ""
        )
        self.mastery.note.setText(
            f"{role.title}: readiness {role.readiness:.0%}, seen {role.coverage:.0%} of the "
            f"questions.{projection} Bars show predicted recall today per topic; unseen "
            "questions count as 0."
        )
        self.mastery.show_chart()

    def _show_readiness(self, report: ProgressReport, colors: Colors, font_pt: int) -> None:
        chart = self.readiness.clear(colors, font_pt)
        history = {role: points for role, points in report.readiness.items() if points}
        days = sorted({p.day for points in history.values() for p in points})
        if len(days) < 2:
            self.readiness.show_empty(
                "Readiness is recorded once per study day when you open this screen. "
                "The trend appears from your second day."
            )
            return
        first, last = qdatetime(days[0]), qdatetime(days[-1] + timedelta(days=1))
        dates = QDateTimeAxis()
        dates.setFormat("d MMM")
        dates.setRange(first, last)
        dates.setTickCount(min(6, len(days) + 1))
        style_axis(dates, colors, font_pt, grid=False)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setTickCount(6)
        values.setLabelFormat("%d%%")
        style_axis(values, colors, font_pt)
        chart.addAxis(dates, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        order = sorted(history, key=lambda r: (r not in report.targets, r))
        for number, role in enumerate(order):
            colour = QColor(getattr(colors, _SERIES_COLOURS[number % len(_SERIES_COLOURS)]))
            line = QLineSeries()
            role_info = report.roles.get(role)
            line.setName(role_info.title if role_info else role)
            for point in history[role]:
                x = float(qdatetime(point.day, 12).toMSecsSinceEpoch())
                line.append(x, point.readiness * 100)
            line.setPen(QPen(colour, 2.5))
            chart.addSeries(line)
            line.attachAxis(dates)
            line.attachAxis(values)
        chart.legend().setVisible(len(order) > 1)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.readiness.show_chart()
