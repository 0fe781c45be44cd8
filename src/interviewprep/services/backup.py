"""Back up the progress database into the data folder, list backups, restore one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from interviewprep.core.clock import Clock
from interviewprep.storage.backup import (
    BackupProblem,
    check_backup,
    copy_database,
    restore_database,
)
from interviewprep.storage.database import Database

__all__ = ["BackupInfo", "BackupProblem", "BackupService", "Restored"]

BACKUP_DIR = "backups"
_PREFIX = "interviewprep-"
_SUFFIX = ".sqlite3"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    modified: datetime


@dataclass(frozen=True)
class Restored:
    source: Path
    safety_backup: Path
    """Where the data as it was just before the restore went."""


class BackupService:
    def __init__(self, db: Database, data_dir: Path, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self.folder = data_dir / BACKUP_DIR

    def backup_now(self) -> Path:
        """Copy the database to backups/interviewprep-YYYYmmdd-HHMMSS.sqlite3 and return it."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise BackupProblem(f"cannot create {self.folder}: {err.strerror or err}") from err
        stamp = f"{self._clock.now().astimezone():%Y%m%d-%H%M%S}"
        target = self.folder / f"{_PREFIX}{stamp}{_SUFFIX}"
        counter = 2
        while target.exists():  # two backups in one second must not overwrite each other
            target = self.folder / f"{_PREFIX}{stamp}-{counter}{_SUFFIX}"
            counter += 1
        copy_database(self._db.path, target)
        return target

    def backups(self) -> list[BackupInfo]:
        """Backups in the data folder, newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob(f"{_PREFIX}*{_SUFFIX}"):
            stat = path.stat()
            found.append(
                BackupInfo(path, stat.st_size, datetime.fromtimestamp(stat.st_mtime).astimezone())
            )
        return sorted(found, key=lambda b: (b.modified, b.path.name), reverse=True)

    def restore(self, backup: Path) -> Restored:
        """Replace the current data with ``backup``'s, after backing up the current state.

        The database file stays in place and connections stay open, but services keep caches
        (settings, plans), so the app must be restarted afterwards.
        """
        check_backup(backup)
        safety = self.backup_now()
        restore_database(backup, self._db.path)
        # An older backup is brought to the current schema now, so the next start opens it.
        from interviewprep.storage.migrate import upgrade_to_head  # Alembic: not at start

        upgrade_to_head(self._db.engine, self._db.path)
        return Restored(source=backup, safety_backup=safety)
