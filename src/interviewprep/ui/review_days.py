"""The Settings card for where reviews fall: load balancing and Easy Days."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QGridLayout, QVBoxLayout

from interviewprep.core.easy_days import WEEKDAYS, EasyDay, EasyDays
from interviewprep.services.settings import SettingsService
from interviewprep.ui.screens.base import label
from interviewprep.ui.widgets.wheel_guard import wheel_only_when_focused

EXPLANATION = (
    "A review can fall on any of a few neighbouring days without changing how well you will "
    "remember the card: a week-long interval has 6 days to pick from, a two-month one 12. "
    "These settings choose among those days only: no card moves further, and intervals of "
    "one or two days, or of more than three months, stay as they are (as in Anki)."
)
BALANCING_TIP = (
    "Of the days a review could fall on, prefer the ones with fewer reviews already due, so "
    "the days ahead fill evenly (as Anki's load balancer)"
)
EASY_DAYS_EXPLANATION = (
    "Weekdays on which you want fewer reviews. Normal: as any day. Reduced: about half of a "
    "Normal day. Minimum: only the reviews that cannot go on a neighbouring day. Reviews "
    "already scheduled stay where they are: the change shows as you study."
)
NO_NORMAL_DAY = (
    "Keep at least one day Normal: Easy Days make days lighter than the Normal ones, and "
    "with none, no day is lighter than another."
)


class ReviewDaysCard(QFrame):
    """Saves each change at once, as the rest of Settings."""

    saved = Signal()

    def __init__(self, settings: SettingsService) -> None:
        super().__init__()
        self.setObjectName("Card")
        self._settings = settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        layout.addWidget(label("Spreading reviews", "Subtitle"))
        layout.addWidget(label(EXPLANATION, "Muted", wrap=True))
        self.balancing = QCheckBox("Balance the load: prefer the days with fewer reviews due")
        self.balancing.setToolTip(BALANCING_TIP)
        self.balancing.toggled.connect(self._balancing_changed)
        layout.addWidget(self.balancing)
        layout.addSpacing(6)
        layout.addWidget(label("<b>Easy Days</b>"))  # a heading within the card
        layout.addWidget(label(EASY_DAYS_EXPLANATION, "Muted", wrap=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.days: list[QComboBox] = []
        for weekday, name in enumerate(WEEKDAYS):
            picker = QComboBox()
            for setting in EasyDay:
                picker.addItem(setting.label, setting)
            picker.setAccessibleName(name)
            picker.setToolTip(f"How many reviews {name}s get")
            wheel_only_when_focused(picker)
            picker.currentIndexChanged.connect(lambda _i, d=weekday: self._day_changed(d))
            self.days.append(picker)
            # Monday to Thursday, then Friday to Sunday: seven side by side did not fit a
            # 1280-pixel window at 15 pt
            row, column = divmod(weekday, 4)
            grid.addWidget(label(name[:3], "Muted"), 2 * row, column)
            grid.addWidget(picker, 2 * row + 1, column)
        grid.setColumnStretch(4, 1)
        layout.addLayout(grid)
        self.warning = label(NO_NORMAL_DAY, "Error", wrap=True)
        self.warning.hide()
        layout.addWidget(self.warning)

    def load(self) -> None:
        """Show the saved settings without saving them back."""
        pickers: list[QCheckBox | QComboBox] = [self.balancing, *self.days]
        for widget in pickers:
            widget.blockSignals(True)
        self.balancing.setChecked(self._settings.load_balancing)
        easy_days = self._settings.easy_days
        for weekday, picker in enumerate(self.days):
            picker.setCurrentIndex(picker.findData(easy_days.on(weekday)))
        for widget in pickers:
            widget.blockSignals(False)
        self.warning.setVisible(not easy_days.has_normal_day)

    def easy_days(self) -> EasyDays:
        return EasyDays(tuple(EasyDay(picker.currentData()) for picker in self.days))

    def _balancing_changed(self, on: bool) -> None:
        self._settings.load_balancing = on
        self.saved.emit()

    def _day_changed(self, _weekday: int) -> None:
        chosen = self.easy_days()
        self._settings.easy_days = chosen
        self.warning.setVisible(not chosen.has_normal_day)
        self.saved.emit()
