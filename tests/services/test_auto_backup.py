"""Automatic backups: at most every 30 minutes, rotated to a bounded set."""

from __future__ import annotations

import os
from datetime import timedelta

from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services


def age(path: os.PathLike[str], clock: FixedClock) -> None:
    """Stamp a backup file with the fixed clock's time (backups are dated by their file)."""
    stamp = clock.now().timestamp()
    os.utime(path, (stamp, stamp))


def test_backs_up_at_most_every_thirty_minutes(services: Services, clock: FixedClock) -> None:
    first = services.auto_backup.run_if_due()
    assert first is not None
    age(first, clock)
    clock.advance(timedelta(minutes=10))
    assert services.auto_backup.run_if_due() is None
    clock.advance(timedelta(minutes=25))
    second = services.auto_backup.run_if_due()
    assert second is not None and second != first


def test_rotation_keeps_a_bounded_year(services: Services, clock: FixedClock) -> None:
    made = []
    for _ in range(60):  # 60 days of a backup every 12 hours
        for _half_day in range(2):
            path = services.backup.backup_now()
            age(path, clock)
            made.append(path)
            clock.advance(timedelta(hours=12))
    removed = services.auto_backup.rotate()
    left = services.backup.backups()
    assert len(left) + len(removed) == len(made)
    assert len(left) <= 2 + 12 + 10 + 9
    assert left[-1].path == made[0] or (clock.now().astimezone() - left[-1].modified).days > 40
