"""Time as a dependency: services take a ``Clock`` so tests pass in the time they want."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, aware and in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that only moves when told to."""

    current: datetime

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta


def local_timezone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


@dataclass(frozen=True)
class StudyDay:
    """Study days roll over at ``rollover_hour`` local time (4 AM, as in Anki), not at midnight,
    so a late-night session counts for the day the user thinks it belongs to."""

    rollover_hour: int = 4
    zone: tzinfo | None = None

    def _zone(self) -> tzinfo:
        return self.zone or local_timezone()

    def day_of(self, moment: datetime) -> date:
        return self._day_in(moment, self._zone())

    def _day_in(self, moment: datetime, zone: tzinfo) -> date:
        return (moment.astimezone(zone) - timedelta(hours=self.rollover_hour)).date()

    def start_of(self, day: date) -> datetime:
        return _start_of(day, self.rollover_hour, self._zone())

    def bounds(self, moment: datetime) -> tuple[datetime, datetime]:
        """Start and end (exclusive) of the study day holding ``moment``, in UTC. Asked on
        every answer: the zone is looked up once, and each day's start is remembered."""
        zone = self._zone()
        day = self._day_in(moment, zone)
        return (
            _start_of(day, self.rollover_hour, zone),
            _start_of(day + timedelta(days=1), self.rollover_hour, zone),
        )


@lru_cache(maxsize=64)
def _start_of(day: date, rollover_hour: int, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(rollover_hour), tzinfo=zone).astimezone(UTC)
