"""Open the progress database: SQLite in WAL mode, schema brought to head by Alembic."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from interviewprep.core.errors import UserFacingError

DATABASE_FILENAME = "interviewprep.sqlite3"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class DatabaseProblem(UserFacingError):
    """The database cannot be opened or written; the message says what to do."""


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    read_sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back on any error. A disk that is
        full or read-only surfaces as a DatabaseProblem that says what to do."""
        try:
            with self.sessions.begin() as session:
                yield session
        except (SADatabaseError, OperationalError, sqlite3.DatabaseError) as err:
            raise _explain(self.path, err) from err

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot; in WAL mode it never waits for a writer."""
        try:
            with self.read_sessions.begin() as session:
                yield session
        except (SADatabaseError, OperationalError, sqlite3.DatabaseError) as err:
            raise _explain(self.path, err) from err

    def close(self) -> None:
        self.engine.dispose()


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: an answer the UI showed as accepted survives power loss too, not just a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


_READ_OPTION = "interviewprep_read_only"


def _on_begin(connection: Any) -> None:
    # pysqlite's own BEGIN handling is off (see isolation_level below). Writers take the write
    # lock up front so two processes never deadlock upgrading a read lock; readers do not.
    if connection.get_execution_options().get(_READ_OPTION):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def open_database(path: Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema to head."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DatabaseProblem(
            f"cannot create the data folder {path.parent}: {err.strerror or err}. "
            "Choose another folder with --data-dir."
        ) from err
    engine = create_sqlite_engine(path)
    try:
        if migrate:
            from interviewprep.storage.migrate import upgrade_to_head

            upgrade_to_head(engine, path)
    except (SADatabaseError, OperationalError, sqlite3.DatabaseError) as err:
        engine.dispose()
        raise _explain(path, err) from err
    except BaseException:
        engine.dispose()
        raise
    reader = engine.execution_options(**{_READ_OPTION: True})
    return Database(
        path=path,
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        read_sessions=sessionmaker(reader, expire_on_commit=False),
    )


def _explain(path: Path, err: Exception) -> DatabaseProblem:
    text = str(err).lower()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseProblem(
            f"{path} is damaged or is not an interviewprep database. It was left untouched. "
            "Restore a backup (interviewprep backup list), or move the file away to start afresh."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseProblem(
            f"cannot write to {path}: the folder or file is read-only. "
            "Fix its permissions or choose another folder with --data-dir."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return DatabaseProblem(f"the disk holding {path} is full. Free some space and try again.")
    if "locked" in text:
        return DatabaseProblem(
            f"{path} is busy in another program for longer than "
            f"{BUSY_TIMEOUT_MS // 1000} s. Close other interviewprep windows and try again."
        )
    return DatabaseProblem(f"cannot open {path}: {err}")
