"""Which backups to keep: like Anki, a year of history in a bounded number of files."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

RECENT = timedelta(hours=24)
DAILY, WEEKLY, MONTHLY = 12, 10, 9


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """Every backup of the last 24 hours, then the newest of each of the last 12 days with a
    backup, of the last 10 weeks, and of the last 9 months."""
    ordered = sorted(set(times), reverse=True)
    keep = {t for t in ordered if now - t <= RECENT}
    for limit, period in ((DAILY, _day), (WEEKLY, _week), (MONTHLY, _month)):
        seen: list[tuple[int, ...]] = []
        for moment in ordered:
            key = period(moment)
            if key in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(key)
            keep.add(moment)  # newest backup of this period
    return keep


def _day(moment: datetime) -> tuple[int, ...]:
    return moment.timetuple()[:3]


def _week(moment: datetime) -> tuple[int, ...]:
    year, week, _ = moment.isocalendar()
    return (year, week)


def _month(moment: datetime) -> tuple[int, ...]:
    return (moment.year, moment.month)
