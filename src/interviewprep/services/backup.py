"""Back up the progress database into the data folder, list backups, restore one."""

from __future__ import annotations

import shutil
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
from interviewprep.storage.database import Database, damaged_message
from interviewprep.storage.integrity import run_check

__all__ = ["BackupInfo", "BackupProblem", "BackupService", "Restored"]

BACKUP_DIR = "backups"
_PREFIX = "interviewprep-"
_SUFFIX = ".sqlite3"
DAMAGED_PREFIX = "damaged-"
"""A damaged database set aside before a restore: not named as a backup, so never offered as
one and never rotated away."""


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
        self._passed: dict[Path, tuple[int, int]] = {}
        """Backups known to pass their check, with the size and mtime they had then."""

    def backup_now(self) -> Path:
        """Copy the database to backups/interviewprep-YYYYmmdd-HHMMSS.sqlite3 and return it.

        The database is checked first (``PRAGMA quick_check``): a damaged one is switched to
        read-only and not copied, so the backups keep the last good state. The copy is checked
        too and kept only if it passes."""
        self._refuse_if_damaged()
        problems = run_check(self._db.path)
        if problems:
            self._db.mark_damaged(problems)
            self._refuse_if_damaged()
        target = self._new_path(_PREFIX, _SUFFIX)
        copy_database(self._db.path, target)
        problems = run_check(target)
        if problems:
            target.unlink(missing_ok=True)
            raise BackupProblem(
                f"the backup {target} failed its check ({problems[0]}) and was removed; the "
                "disk holding the backups may be failing."
            )
        self._remember_passed(target)
        return target

    def _refuse_if_damaged(self) -> None:
        if self._db.damaged is not None:
            raise BackupProblem(
                "not backed up, so that the backups keep the last good state: "
                + damaged_message(self._db.path, self._db.damaged)
            )

    def _new_path(self, prefix: str, suffix: str) -> Path:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise BackupProblem(f"cannot create {self.folder}: {err.strerror or err}") from err
        stamp = f"{self._clock.now().astimezone():%Y%m%d-%H%M%S}"
        target = self.folder / f"{prefix}{stamp}{suffix}"
        counter = 2
        while target.exists():  # two backups in one second must not overwrite each other
            target = self.folder / f"{prefix}{stamp}-{counter}{suffix}"
            counter += 1
        return target

    def _remember_passed(self, path: Path) -> None:
        stat = path.stat()
        self._passed[path] = (stat.st_size, stat.st_mtime_ns)

    def passes_check(self, path: Path) -> bool:
        """Whether ``path`` is an intact interviewprep backup this version can restore; a
        backup checked before and unchanged since is not read again."""
        try:
            stat = path.stat()
        except OSError:
            return False
        if self._passed.get(path) == (stat.st_size, stat.st_mtime_ns):
            return True
        try:
            check_backup(path)
        except BackupProblem:
            return False
        self._remember_passed(path)
        return True

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes its check, or None."""
        return next((info for info in self.backups() if self.passes_check(info.path)), None)

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
        safety = self._set_aside_damaged() if self._live_is_damaged() else self.backup_now()
        restore_database(backup, self._db.path)
        if self._db.damaged is not None:
            problems = run_check(self._db.path)
            if problems:
                raise BackupProblem(
                    f"{self._db.path} still fails its check after restoring {backup} "
                    f"({problems[0]}); move the data folder away and restore into a fresh one."
                )
            self._db.damaged = None
        # An older backup is brought to the current schema now, so the next start opens it.
        from interviewprep.storage.migrate import upgrade_to_head  # Alembic: not at start

        upgrade_to_head(self._db.engine, self._db.path)
        return Restored(source=backup, safety_backup=safety)

    def _live_is_damaged(self) -> bool:
        if self._db.damaged is None:
            problems = run_check(self._db.path)
            if problems:
                self._db.mark_damaged(problems)
        return self._db.damaged is not None

    def _set_aside_damaged(self) -> Path:
        """Copy the damaged database byte for byte (with its write-ahead log), for whoever
        wants to look at it: SQLite's backup would stop at the first bad page."""
        target = self._new_path(DAMAGED_PREFIX, _SUFFIX)
        try:
            for source, copy in (
                (self._db.path, target),
                (self._db.path.with_name(self._db.path.name + "-wal"), Path(f"{target}-wal")),
            ):
                if source.exists():
                    shutil.copyfile(source, copy)
        except OSError as err:
            for partial in (target, Path(f"{target}-wal")):
                partial.unlink(missing_ok=True)
            raise BackupProblem(
                f"cannot set the damaged database aside in {self.folder}: "
                f"{err.strerror or err}; nothing was restored."
            ) from err
        return target
