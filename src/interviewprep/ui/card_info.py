"""Card info (I in Review, or from Browse): memory state, recall now and on the interview day,
the forgetting curve, and every review of the question."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interviewprep.core.cards import Grade, Stage
from interviewprep.core.leech import LEECH_LAPSES
from interviewprep.core.scheduling import format_interval
from interviewprep.services.app import Services
from interviewprep.services.card_info import CardInfo
from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.charts import ChartCard, nice_top, style_axis
from interviewprep.ui.workers import Workers, describe

_STAGES = {
    Stage.NEW: "New",
    Stage.LEARNING: "Learning",
    Stage.RELEARNING: "Relearning",
    Stage.REVIEW: "Review",
}
HISTORY_COLUMNS = ("Date", "Rating", "Kind", "Interval", "Stability", "Difficulty", "Time")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}" if value < 0.995 else f"{value:.1%}"


class CardInfoDialog(QDialog):
    """Reads the card's history on a worker, then shows it; ``loaded`` says when."""

    loaded = Signal()

    def __init__(
        self,
        services: Services,
        workers: Workers,
        theme: Theme,
        key: tuple[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.theme = theme
        self.key = key
        self.info: CardInfo | None = None
        self.setWindowTitle("Card info")
        self.resize(860, 640)
        outer = QVBoxLayout(self)
        outer.setSpacing(10)
        self.title = label("Loading…", "Subtitle", wrap=True)
        outer.addWidget(self.title)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(24)
        self.facts.setVerticalSpacing(4)
        outer.addLayout(self.facts)
        self.curve = ChartCard(
            "Forgetting curve",
            "Predicted recall against days since the last review, if it is not reviewed again.",
            height=200,
        )
        self.history = QTableWidget(0, len(HISTORY_COLUMNS))
        self.history.setHorizontalHeaderLabels(HISTORY_COLUMNS)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setShowGrid(False)
        self.history.setAccessibleName("Review history")
        head = self.history.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.curve)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        card_info = services.card_info
        workers.start(lambda: card_info.info(*key), self._show, self._failed)

    def _failed(self, error: Exception) -> None:
        self.title.setText(f"Could not read this card: {describe(error)}")
        self.loaded.emit()

    def _show(self, info: CardInfo) -> None:
        self.info = info
        card, state = info.card, info.state
        self.title.setText(card.title)  # the prompt's first line ran past the title's room
        stage = "Suspended" if card.suspended else _STAGES[state.stage]
        if card.buried:
            stage = "Buried till the next study day"
        day = self.services.study.study_day
        facts: list[tuple[str, str]] = [
            ("State", stage + (" · leech" if info.leech else "")),
            ("Stability", "—" if state.stability is None else f"{state.stability:.1f} days"),
            ("Difficulty", "—" if state.difficulty is None else f"{state.difficulty:.1f} / 10"),
            ("Recall now", percent(info.recall_now)),
        ]
        if info.interview is None:
            facts.append(("Recall on interview day", "set an interview date in Settings"))
        elif info.recall_at_interview is None and info.recall_now is not None:
            facts.append((f"Recall on {info.interview:%-d %b}", "the interview day has begun"))
        else:
            facts.append((f"Recall on {info.interview:%-d %b}", percent(info.recall_at_interview)))
        due = "—"
        if state.due is not None and state.stage != Stage.NEW:
            due = f"{day.day_of(state.due):%a %-d %b %Y}"
        facts += [
            ("Due", due),
            ("Reviews", str(state.reps)),
            ("Lapses", f"{state.lapses} (a leech at {LEECH_LAPSES})"),
            ("Bank", info.bank_title),
        ]
        for number, (name, value) in enumerate(facts):
            row, column = number % 5, 2 * (number // 5)
            name_label = label(name, "Muted")
            value_label = QLabel(value)
            value_label.setAccessibleName(name)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addWidget(name_label, row, column)
            self.facts.addWidget(value_label, row, column + 1)
        self.facts.setColumnStretch(1, 1)
        self.facts.setColumnStretch(3, 1)
        self._fill_history(info)
        self._plot(info)
        self.loaded.emit()

    def fact(self, name: str) -> str:
        """The value shown beside ``name`` (for tests and screen readers)."""
        for widget in self.findChildren(QLabel):
            if widget.accessibleName() == name:
                return widget.text()
        raise KeyError(name)

    def _fill_history(self, info: CardInfo) -> None:
        reviews = list(reversed(info.reviews))  # newest first, as Anki
        self.history.setRowCount(len(reviews))
        for row, review in enumerate(reviews):
            local = review.reviewed_at.astimezone()
            kind = (
                "Learn"
                if review.stage_before in (Stage.NEW, Stage.LEARNING)
                else ("Relearn" if review.stage_before == Stage.RELEARNING else "Review")
            )
            cells = (
                f"{local:%Y-%m-%d %H:%M}",
                Grade(review.rating).label,
                kind,
                format_interval(review.due - review.reviewed_at),
                f"{review.stability:.1f} d",
                f"{review.difficulty:.1f}",
                f"{review.duration_ms / 1000:.0f} s",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setForeground(QColor(_grade_colour(self.theme, review.rating)))
                self.history.setItem(row, column, item)

    def _plot(self, info: CardInfo) -> None:
        colors, font_pt = self.theme.colors, self.theme.font_pt
        chart: QChart = self.curve.clear(colors, font_pt)
        if not info.curve or info.days_since_review is None:
            self.curve.show_empty("No curve yet: the question has not been answered.")
            return
        line = QLineSeries()
        line.setName("Predicted recall")
        for day, recall in info.curve:
            line.append(day, recall * 100)
        line.setPen(QPen(QColor(colors.accent), 2.5))
        series: list[QLineSeries | QScatterSeries] = [line]
        horizon = info.curve[-1][0]
        if info.recall_now is not None:
            now = QScatterSeries()
            now.setName(f"Now: {percent(info.recall_now)}")
            now.append(float(int(info.days_since_review)), info.recall_now * 100)
            now.setColor(QColor(colors.accent))
            now.setBorderColor(QColor(colors.surface))
            now.setMarkerSize(11)
            series.append(now)
        if info.interview is not None and info.state.last_review is not None:
            start = self.services.study.study_day.start_of(info.interview)
            days = (start - info.state.last_review).total_seconds() / 86400
            if 0 <= days <= horizon:
                marker = QLineSeries()
                then = info.recall_at_interview
                name = f"Interview {info.interview:%-d %b}"
                marker.setName(name + (f": {percent(then)}" if then is not None else ""))
                marker.append(days, 0)
                marker.append(days, 100)
                pen = QPen(QColor(colors.again), 1.5)
                pen.setStyle(Qt.PenStyle.DashLine)
                marker.setPen(pen)
                series.append(marker)
        days_axis = QValueAxis()
        top, ticks = nice_top(horizon)  # round days on the axis, not 0, 5, 11, 16, 22, 28
        days_axis.setRange(0, top)
        days_axis.setLabelFormat("%d")
        days_axis.setTitleText("days since the last review")
        days_axis.setTickCount(ticks)
        style_axis(days_axis, colors, font_pt, grid=False)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setTickCount(6)
        values.setLabelFormat("%d%%")
        style_axis(values, colors, font_pt)
        chart.addAxis(days_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for one in series:
            chart.addSeries(one)
            one.attachAxis(days_axis)
            one.attachAxis(values)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.curve.show_chart()


def _grade_colour(theme: Theme, rating: int) -> str:
    colors = theme.colors
    return {1: colors.again, 2: colors.hard, 3: colors.good, 4: colors.easy}[rating]


def open_card_info(
    services: Services, workers: Workers, theme: Theme, key: tuple[str, str], parent: QWidget
) -> CardInfoDialog:
    dialog = CardInfoDialog(services, workers, theme, key, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
