"""Chart building blocks shared by Progress, card info and the retention helper: a titled card
that shows a chart or says why it is empty, themed axes, round axis tops."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QAbstractAxis,
    QCategoryAxis,
    QChart,
    QChartView,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
)

from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Colors


def nice_top(maximum: float) -> tuple[int, int]:
    """An axis top and tick count giving round steps (1, 2, 5, 10, 20…) and at most 5 gaps."""
    if maximum <= 0:
        return 4, 5
    raw = maximum / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    top = step * math.ceil(maximum / step)
    return top, top // step + 1


def qdatetime(day: date, hours: float = 0) -> QDateTime:
    moment = QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))
    return moment.addSecs(int(hours * 3600))


class ChartCard(QFrame):
    """A card with a title, a note, and either a chart or an explanation of why it is empty."""

    def __init__(self, title: str, note: str, height: int = 240) -> None:
        super().__init__()
        self.setObjectName("Card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(4)
        self.header = QHBoxLayout()
        self.header.addWidget(label(title, "Subtitle"))
        self.header.addStretch(1)
        layout.addLayout(self.header)
        self.note = label(note, "Muted", wrap=True)
        layout.addWidget(self.note)
        self.chart = QChart()
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMinimumHeight(height)
        self.view.setAccessibleName(title)
        self.empty = label("", "Muted", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(height)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def show_chart(self) -> None:
        self.stack.setCurrentWidget(self.view)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def clear(self, colors: Colors, font_pt: int) -> QChart:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        chart.setBackgroundBrush(QBrush(QColor(colors.surface)))
        chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(0, 4, 4, 0))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.legend().setLabelColor(QColor(colors.text))
        legend_font = QFont(chart.legend().font())
        legend_font.setPointSize(max(7, font_pt - 1))
        chart.legend().setFont(legend_font)
        chart.legend().hide()
        self.view.setBackgroundBrush(QBrush(QColor(colors.surface)))
        return chart


def style_axis(axis: QAbstractAxis, colors: Colors, font_pt: int, grid: bool = True) -> None:
    axis.setLabelsBrush(QBrush(QColor(colors.muted)))
    axis.setLinePen(QPen(QColor(colors.border)))
    axis.setGridLinePen(QPen(QColor(colors.chart_grid)))
    axis.setGridLineVisible(grid)
    axis.setMinorGridLineVisible(False)
    axis.setTitleBrush(QBrush(QColor(colors.muted)))
    font = QFont(axis.labelsFont())
    font.setPointSize(max(7, font_pt - 2))
    axis.setLabelsFont(font)


def day_label_positions(count: int, labels: int = 7) -> list[int]:
    """Which of ``count`` daily bars get a date under them: evenly spaced, counted back from the
    last bar so that today (or the forecast's last day) is always labelled, and the first too
    when it is not crowded by the next."""
    if count <= 0:
        return []
    step = max(1, -(-(count - 1) // max(1, labels - 1)))  # ceiling: never more than ``labels``
    positions = list(range(count - 1, -1, -step))[::-1]
    if positions[0] != 0 and positions[0] >= step // 2:
        positions.insert(0, 0)
    return positions


def day_axis(days: Sequence[date], colors: Colors, font_pt: int) -> QCategoryAxis:
    """A bottom axis naming the dates of daily bars, each label under its own bar (a date axis
    spans the days' edges, so its last label named tomorrow under today's bar)."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(-0.5, len(days) - 0.5)
    for index in day_label_positions(len(days)):
        axis.append(f"{days[index].day} {days[index]:%b}", index)
    style_axis(axis, colors, font_pt, grid=False)
    return axis
