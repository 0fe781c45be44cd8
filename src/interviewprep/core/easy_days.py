"""Easy Days, as in Anki: weekdays on which the user wants fewer reviews.

Each weekday is Normal, Reduced or Minimum. When an answer's next review may fall on any day
of its fuzz range, the days of that range are weighed by these settings: a Minimum day gets no
card while the range has another day, and a Reduced day gets one only while it holds no more
than half of what the range's Normal days hold on average (Anki's rule). Nothing is ever moved
outside its fuzz range, so short intervals (whose range is a single day) are not moved at all,
and reviews already scheduled stay where they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""In ``date.weekday()`` order."""


class EasyDay(StrEnum):
    NORMAL = "normal"
    REDUCED = "reduced"
    MINIMUM = "minimum"

    @property
    def label(self) -> str:
        return self.value.title()

    @property
    def share(self) -> float:
        """The share of a normal day's reviews the day aims at (Anki's percentages)."""
        return _SHARES[self]


_SHARES = {EasyDay.NORMAL: 1.0, EasyDay.REDUCED: 0.5, EasyDay.MINIMUM: 0.0}


@dataclass(frozen=True)
class EasyDays:
    """One setting per weekday, Monday first."""

    days: tuple[EasyDay, ...] = (EasyDay.NORMAL,) * 7

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError("Easy Days needs one setting for each of the 7 weekdays")

    def on(self, weekday: int) -> EasyDay:
        return self.days[weekday]

    @property
    def plain(self) -> bool:
        """Every day Normal: nothing to avoid."""
        return all(day == EasyDay.NORMAL for day in self.days)

    @property
    def has_normal_day(self) -> bool:
        """Anki asks for at least one: with none, every day is lighter than nothing, so the
        settings balance out and no weekday gets fewer reviews."""
        return EasyDay.NORMAL in self.days

    def with_day(self, weekday: int, setting: EasyDay) -> EasyDays:
        days = list(self.days)
        days[weekday] = setting
        return EasyDays(tuple(days))

    def to_setting(self) -> list[str]:
        return [day.value for day in self.days]

    @classmethod
    def from_setting(cls, value: object) -> EasyDays:
        """The stored list; anything unreadable (a hand-edited or older file) counts as
        Normal, which is what the user had before choosing."""
        if not isinstance(value, list) or len(value) != 7:
            return cls()
        known = {day.value for day in EasyDay}
        return cls(tuple(EasyDay(v) if v in known else EasyDay.NORMAL for v in value))

    def describe(self) -> str:
        """ "Saturday reduced, Sunday minimum"; empty when every day is Normal."""
        return ", ".join(
            f"{WEEKDAYS[i]} {day.value}" for i, day in enumerate(self.days) if day != EasyDay.NORMAL
        )


def lighter_days(settings: EasyDays) -> str:
    """ "Saturday (reduced) and Sunday (minimum)": the days made lighter, for a sentence;
    empty when every day is Normal."""
    named = [
        f"{WEEKDAYS[i]} ({day.value})"
        for i, day in enumerate(settings.days)
        if day != EasyDay.NORMAL
    ]
    if len(named) <= 1:
        return "".join(named)
    return f"{', '.join(named[:-1])} and {named[-1]}"


def day_factors(settings: EasyDays, weekdays: Sequence[int], loads: Sequence[int]) -> list[float]:
    """For each candidate day of one fuzz range (its weekday, and the cards already due on
    it), 1.0 if Easy Days leave it open and 0.0 if they close it.

    Normal days are open and Minimum days closed. A Reduced day is closed once its load,
    counted double (it aims at half a normal day), is above the average load of the range's
    other days per their shares: Anki's ``calculate_easy_days_modifiers``. Closing every day
    of a range is left to the caller, which then ignores Easy Days for that range."""
    total_load = sum(loads)
    total_share = sum(settings.on(w).share for w in weekdays)
    factors = []
    for weekday, load in zip(weekdays, loads, strict=True):
        setting = settings.on(weekday)
        if setting == EasyDay.REDUCED:
            # with no other day that takes cards, there is nothing to compare with: open
            other_share = total_share - setting.share
            open_day = other_share <= 0 or load / setting.share <= (total_load - load) / other_share
        else:
            open_day = setting == EasyDay.NORMAL
        factors.append(1.0 if open_day else 0.0)
    return factors
