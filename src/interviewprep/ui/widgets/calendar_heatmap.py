"""A year of study days drawn as a calendar heatmap: 53 week columns by 7 weekday rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QToolTip,
    QWidget,
)

from interviewprep.services.progress import DayCount
from interviewprep.ui.theme import LIGHT, Colors

WEEKS = 53
LEVELS = 5


def heat_level(count: int, busiest: int) -> int:
    """0 for no reviews, else 1-4 relative to the busiest day, so a light day still shows."""
    if count <= 0 or busiest <= 0:
        return 0
    return min(LEVELS - 1, 1 + (LEVELS - 1) * (count - 1) // busiest)


def blend(low: str, high: str, weight: float) -> QColor:
    a, b = QColor(low), QColor(high)
    return QColor(
        round(a.red() + (b.red() - a.red()) * weight),
        round(a.green() + (b.green() - a.green()) * weight),
        round(a.blue() + (b.blue() - a.blue()) * weight),
    )


class CalendarHeatmap(QWidget):
    """A year of study days as 53 week columns by 7 weekday rows.

    The margins for the weekday and month names, and the legend below, are measured in the
    labels' font: fixed pixels cut "Mon" and the months' tops at 15 pt."""

    GAP = 3
    CELL = 15
    """A day's square, as drawn when the widget is no wider than it needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[date, int] = {}
        self.first = self.last = date.today()
        self.colors: Colors = LIGHT
        self.left_px = self.top_px = self.bottom_px = 0
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Study calendar")
        self._measure()

    def label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 2))
        return font

    def _measure(self) -> None:
        metrics = QFontMetricsF(self.label_font())
        self.left_px = max(36, round(metrics.horizontalAdvance("Wed") + 12))
        self.top_px = max(20, round(metrics.height() + 6))
        self.bottom_px = max(26, round(metrics.height() + 12))
        self.setFixedHeight(self.top_px + 7 * self.CELL + self.bottom_px)
        self.setMinimumWidth(self.left_px + WEEKS * 9)
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measure()
            self.update()

    def set_days(self, days: list[DayCount], colors: Colors) -> None:
        self.counts = {d.day: d.count for d in days}
        if days:
            self.first, self.last = days[0].day, days[-1].day
        self.colors = colors
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.left_px + WEEKS * self.CELL, self.height())

    def cell(self) -> float:
        across = (self.width() - self.left_px) / WEEKS
        down = (self.height() - self.top_px - self.bottom_px) / 7
        return max(6.0, min(across, down))

    def cell_rect(self, day: date) -> QRectF:
        size = self.cell()
        week = (day - self.first).days // 7
        x, y = self.left_px + week * size, self.top_px + day.weekday() * size
        return QRectF(x, y, size - self.GAP, size - self.GAP)

    def day_at(self, point: QPoint) -> date | None:
        size = self.cell()
        week, weekday = (point.x() - self.left_px) // size, (point.y() - self.top_px) // size
        if not (0 <= week < WEEKS and 0 <= weekday < 7):
            return None
        day = self.first + timedelta(weeks=int(week), days=int(weekday))
        return day if self.first <= day <= self.last else None

    def colour(self, count: int) -> QColor:
        busiest = max(self.counts.values(), default=0)
        weight = heat_level(count, busiest) / (LEVELS - 1)
        return blend(self.colors.surface_alt, self.colors.accent, weight)

    def month_columns(self, text_width: Callable[[str], int]) -> list[tuple[int, str]]:
        """The week columns that start a month, with its name: the newest month too, as long
        as its name fits inside the widget."""
        size = self.cell()
        columns = []
        for week in range(WEEKS):
            monday = self.first + timedelta(weeks=week)
            name = f"{monday:%b}"
            fits = self.left_px + week * size + text_width(name) <= self.width()
            if monday.day <= 7 and fits:
                columns.append((week, name))
        return columns

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = self.colors
        size = self.cell()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.label_font())
        painter.setPen(QColor(c.muted))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for weekday, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            box = QRectF(0, self.top_px + weekday * size, self.left_px - 6, size - self.GAP)
            painter.drawText(box, right, name)
        for week, name in self.month_columns(painter.fontMetrics().horizontalAdvance):
            box = QRectF(self.left_px + week * size, 0, size * 4, self.top_px - 2)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, name)
        radius = max(1.5, size / 5)
        painter.setPen(Qt.PenStyle.NoPen)
        day = self.first
        while day <= self.last:
            painter.setBrush(self.colour(self.counts.get(day, 0)))
            painter.drawRoundedRect(self.cell_rect(day), radius, radius)
            day += timedelta(days=1)
        # legend, bottom right: Less ■■■■■ More
        y = self.top_px + 7 * size + 6
        swatch = min(size, 14.0)
        metrics = painter.fontMetrics()
        words = max(metrics.horizontalAdvance("Less"), metrics.horizontalAdvance("More")) + 2
        line = max(swatch, float(metrics.height()))
        x = self.left_px + WEEKS * size - self.GAP - words - 6 - LEVELS * swatch
        painter.setPen(QColor(c.muted))
        painter.drawText(QRectF(x - words - 6, y, words, line), right, "Less")
        painter.drawText(QRectF(x + LEVELS * swatch + 4, y, words, line), left, "More")
        painter.setPen(Qt.PenStyle.NoPen)
        for step in range(LEVELS):
            painter.setBrush(blend(c.surface_alt, c.accent, step / (LEVELS - 1)))
            box = QRectF(
                x + step * swatch, y + (line - swatch) / 2, swatch - self.GAP, swatch - self.GAP
            )
            painter.drawRoundedRect(box, radius, radius)
        painter.end()

    def tooltip_at(self, point: QPoint) -> str:
        day = self.day_at(point)
        if day is None:
            return ""
        count = self.counts.get(day, 0)
        return f"{day:%a %-d %b %Y}: {count} review{'s' if count != 1 else ''}"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        text = self.tooltip_at(event.position().toPoint())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
