"""Copy the database with SQLite's online backup API: consistent even while the app writes, and
never a half-written file under a backup's name."""

from __future__ import annotations

import sqlite3
from contextlib import closing, suppress
from pathlib import Path

from interviewprep.core.errors import UserFacingError
from interviewprep.storage.database import APPLICATION_ID, BUSY_TIMEOUT_MS

_REQUIRED_TABLES = {"alembic_version", "progress", "reviews", "questions", "settings"}


class BackupProblem(UserFacingError):
    """A backup cannot be made or restored; the message says why."""


def copy_database(source: Path, target: Path) -> None:
    """Write a self-contained copy of ``source`` to ``target`` (replacing it atomically)."""
    partial = target.with_name(target.name + ".partial")
    _remove_partial(partial)
    try:
        with (
            closing(sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
            # A backup is one file to copy around: no -wal or -shm beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        partial.replace(target)
    except (sqlite3.Error, OSError) as err:
        _remove_partial(partial)
        raise BackupProblem(f"cannot back up {source} to {target}: {err}") from err


def _remove_partial(partial: Path) -> None:
    """The half-written copy and the files SQLite keeps beside it: a full disk can fail the
    copy after its journal or write-ahead log was made, and closing then leaves them behind."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(OSError):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def check_backup(path: Path) -> str:
    """Raise BackupProblem unless ``path`` is an intact interviewprep database this version can
    open; return its schema revision."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise BackupProblem(f"{path} is damaged; choose another backup.")
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            (application_id,) = db.execute("PRAGMA application_id").fetchone()
            if not tables >= _REQUIRED_TABLES or application_id not in (0, APPLICATION_ID):
                raise BackupProblem(f"{path} is not an interviewprep database.")
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as err:
        raise BackupProblem(f"{path} is not an interviewprep database ({err}).") from err
    revision = str(row[0]) if row else ""
    # imported here: Alembic costs a tenth of a second, and starting the app never needs it
    from alembic.script import ScriptDirectory

    from interviewprep.storage.migrate import alembic_config

    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision not in known:
        raise BackupProblem(
            f"{path} was written by a newer version of interviewprep (schema {revision}); "
            "update interviewprep to restore it."
        )
    return revision


def restore_database(backup: Path, live: Path) -> None:
    """Overwrite the live database's content with ``backup``'s, page by page, in one locked
    step: connections already open on ``live`` see either all of the old data or all of the
    new, never a mix."""
    check_backup(backup)
    try:
        with (
            closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(live, timeout=BUSY_TIMEOUT_MS / 1000)) as dst,
        ):
            src.backup(dst)
    except sqlite3.Error as err:
        raise BackupProblem(f"cannot restore {backup}: {err}; nothing was changed.") from err
