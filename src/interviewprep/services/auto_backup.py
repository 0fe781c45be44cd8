"""Automatic backups: on close and at most every 30 minutes while the app is in use, rotated so
a year of history fits in a bounded number of files (as Anki does)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from interviewprep.core.backup_rotation import backups_to_keep
from interviewprep.core.clock import Clock
from interviewprep.services.backup import BackupService

INTERVAL = timedelta(minutes=30)


class AutoBackup:
    def __init__(self, backups: BackupService, clock: Clock) -> None:
        self._backups = backups
        self._clock = clock

    def last_backup_at(self) -> datetime | None:
        found = self._backups.backups()
        return found[0].modified.astimezone(UTC) if found else None

    def due(self) -> bool:
        last = self.last_backup_at()
        return last is None or self._clock.now() - last >= INTERVAL

    def run_if_due(self) -> Path | None:
        """Back up when the last backup is 30 minutes old or more; then rotate."""
        if not self.due():
            return None
        return self.run()

    def run(self) -> Path:
        path = self._backups.backup_now()
        self.rotate()
        return path

    def rotate(self) -> list[Path]:
        """Delete the backups the rotation rule does not keep; return them. The newest backup
        that passes its check is always kept, however old: when the database is damaged and
        backups stop, that one is what the user restores."""
        found = self._backups.backups()
        keep = backups_to_keep([b.modified for b in found], self._clock.now().astimezone())
        good = self._backups.newest_good()
        if good is not None:
            keep.add(good.modified)
        removed = []
        for info in found:
            if info.modified not in keep:
                info.path.unlink(missing_ok=True)
                removed.append(info.path)
        return removed
