"""Is the database intact? Checked after start and before every backup (``PRAGMA
quick_check``), and in full on request (``PRAGMA integrity_check``, as Anki's Check Database).
A damaged database is switched to read-only until a good backup is restored."""

from __future__ import annotations

import time
from dataclasses import dataclass

from interviewprep.services.backup import BackupInfo, BackupProblem, BackupService, Restored
from interviewprep.storage.database import Database, damaged_message
from interviewprep.storage.integrity import run_check
from interviewprep.wording import count


@dataclass(frozen=True)
class CheckResult:
    full: bool
    problems: list[str]
    seconds: float
    database_bytes: int

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        kind = "integrity check" if self.full else "quick check"
        size = f"{self.database_bytes / 1e6:.1f} MB"
        if self.ok:
            return f"ok: the {kind} found no problems ({size}, {self.seconds:.2f} s)"
        return f"damaged: the {kind} found {count(len(self.problems), 'problem')} ({size})"


class IntegrityService:
    def __init__(self, db: Database, backups: BackupService) -> None:
        self._db = db
        self._backups = backups

    def check(self, *, full: bool = False) -> CheckResult:
        """Check the database; when it is damaged, switch it to read-only. Runs on a
        connection of its own: call it off the GUI thread, beside anything else."""
        start = time.perf_counter()
        problems = run_check(self._db.path, full=full)
        seconds = time.perf_counter() - start
        if problems:
            self._db.mark_damaged(problems)
        try:
            size = self._db.path.stat().st_size
        except OSError:
            size = 0
        return CheckResult(full=full, problems=problems, seconds=seconds, database_bytes=size)

    @property
    def damaged(self) -> str | None:
        """Why the database is read-only, or None while it is not known to be damaged."""
        if self._db.damaged is None:
            return None
        return damaged_message(self._db.path, self._db.damaged)

    def newest_good_backup(self) -> BackupInfo | None:
        return self._backups.newest_good()

    def restore_newest_good_backup(self) -> Restored:
        """Restore the newest backup that passes its check, through the backup service (the
        damaged file is set aside first)."""
        good = self._backups.newest_good()
        if good is None:
            raise BackupProblem(
                f"no backup in {self._backups.folder} passes its check, so there is nothing good "
                "to restore. Move the damaged database away to start afresh."
            )
        return self._backups.restore(good.path)
