"""Open the progress database: SQLite in WAL mode, schema brought to head by Alembic."""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from interviewprep.core.errors import UserFacingError

DATABASE_FILENAME = "interviewprep.sqlite3"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

T = TypeVar("T")


class DatabaseProblem(UserFacingError):
    """The database cannot be opened or written; the message says what to do."""


_BUMP_GENERATION = "UPDATE data_generation SET n = n + 1"
READ_GENERATION = "SELECT n FROM data_generation"
GENERATION_KEY = "interviewprep_generation"
"""``session.info`` key: the write generation a transaction commits (see ``transaction``)."""


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    read_sessions: sessionmaker[Session]
    counts_writes: bool = True
    damaged: str | None = None
    """Why the file is damaged, once a check has found it so: then every write is refused, so
    nothing new goes into a file that may lose it, and a backup can still be restored."""
    _watcher: sqlite3.Connection | None = field(default=None, repr=False)
    _watcher_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _raw_pool: RawPool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._raw_pool = RawPool(self.path)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back on any error. A disk that is
        full or read-only surfaces as a DatabaseProblem that says what to do.

        Each one bumps the write generation first, under the write lock, and leaves the value
        it commits in ``session.info[GENERATION_KEY]``."""
        self._refuse_if_damaged()
        try:
            with self.sessions.begin() as session:
                if self.counts_writes:
                    session.info[GENERATION_KEY] = _bump_generation(driver_connection(session))
                yield session
        except (SADatabaseError, OperationalError, sqlite3.DatabaseError) as err:
            raise _explain(self.path, err) from err

    def generation(self) -> int:
        """The committed write generation: it changes whenever any process commits a write.
        A few microseconds, on a connection of its own, so caches can check it on every use."""
        if not self.counts_writes:
            return -1
        try:
            with self._watcher_lock:
                if self._watcher is None:
                    self._watcher = _connect(self.path)
                return read_generation(self._watcher)
        except sqlite3.DatabaseError as err:
            raise _explain(self.path, err) from err

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot; in WAL mode it never waits for a writer."""
        try:
            with self.read_sessions.begin() as session:
                yield session
        except (SADatabaseError, OperationalError, sqlite3.DatabaseError) as err:
            raise _explain(self.path, err) from err

    @contextmanager
    def raw_read(self) -> Iterator[sqlite3.Connection]:
        """``read`` on a pooled sqlite3 connection, for the answer path's few indexed lookups:
        an ORM session costs 85 µs to open and close, the lookups a few µs each."""
        read = RawTransaction(self.path, self._raw_pool, self._begin("BEGIN"), None)
        with read.rolled_back_on_error():
            yield read.connection
        read.commit()

    @contextmanager
    def raw_transaction(self) -> Iterator[tuple[sqlite3.Connection, int | None]]:
        """``transaction`` on a pooled sqlite3 connection: the connection and the write
        generation this transaction commits (None on a database too old to count them).
        Committed on success, rolled back on any error."""
        write = self.begin_raw_write()
        with write.rolled_back_on_error():
            yield write.connection, write.generation
        write.commit()

    def begin_raw_write(self) -> RawTransaction:
        """``raw_transaction`` for a caller that commits it itself, from any thread: a commit
        waits on the disk with the GIL let go, and the caller's thread can work meanwhile."""
        self._refuse_if_damaged()
        write = RawTransaction(self.path, self._raw_pool, self._begin("BEGIN IMMEDIATE"), None)
        if self.counts_writes:
            with write.rolled_back_on_error():
                write.generation = _bump_generation(write.connection)
        return write

    def mark_damaged(self, problems: list[str]) -> None:
        """Switch to read-only: a check found ``problems`` in the file."""
        self.damaged = problems[0] if problems else "damaged"

    def _refuse_if_damaged(self) -> None:
        if self.damaged is not None:
            raise DatabaseProblem(damaged_message(self.path, self.damaged))

    def _begin(self, statement: str) -> sqlite3.Connection:
        """A pooled connection with ``statement`` (a BEGIN) run on it; SQLite's errors come out
        as a DatabaseProblem, and the connection goes back to the pool on any error."""
        try:
            connection = self._raw_pool.take()
        except sqlite3.DatabaseError as err:
            raise _explain(self.path, err) from err
        try:
            connection.execute(statement)
        except BaseException as error:
            self._raw_pool.give_back(connection)
            if isinstance(error, sqlite3.DatabaseError):
                raise _explain(self.path, error) from error
            raise
        return connection

    def close(self) -> None:
        with self._watcher_lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
        self._raw_pool.close()
        self.engine.dispose()


@dataclass
class RawTransaction:
    """A transaction on a pooled connection (see ``Database.raw_read``, ``begin_raw_write``).
    It ends with exactly one ``commit`` or ``rollback``, which hands the connection back; no
    other thread may use the connection until then."""

    path: Path
    pool: RawPool
    connection: sqlite3.Connection
    generation: int | None
    """The write generation a write commits; None for a read, or on a database too old to
    count them."""

    def commit(self) -> None:
        """Commit, or roll back and raise a DatabaseProblem that says why it failed."""
        try:
            self.connection.commit()
        except sqlite3.DatabaseError as err:
            raise _explain(self.path, err) from err
        finally:
            self.pool.give_back(self.connection)  # rolls back a commit that failed

    def rollback(self) -> None:
        try:
            self.connection.rollback()
        finally:
            self.pool.give_back(self.connection)

    def optional(self, work: Callable[[], T]) -> T | None:
        """``work()``, something this transaction can do without (a read on the side): None if
        SQLite fails it but keeps the transaction; its error if SQLite rolled the transaction
        back along with it, as it may after an I/O error, for then nothing is left to commit."""
        try:
            return work()
        except sqlite3.Error:
            if self.connection.in_transaction:
                return None
            raise

    @contextmanager
    def rolled_back_on_error(self) -> Iterator[None]:
        """Inside, any error rolls the transaction back; SQLite's own errors come out as a
        DatabaseProblem that says what to do."""
        try:
            yield
        except BaseException as error:
            with suppress(sqlite3.Error):  # the first error is the one to report
                self.rollback()
            if isinstance(error, sqlite3.DatabaseError):
                raise _explain(self.path, error) from error
            raise


def _connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection outside SQLAlchemy's pool: statements run as given (no
    implicit BEGIN), usable from any thread, one at a time."""
    return sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )


class RawPool:
    """sqlite3 connections for ``Database.raw_read`` and ``raw_transaction``, most recently
    used first. SQLAlchemy's pool spent 40 µs a checkout and return, a tenth of an answer; and
    the last connection used still has the pages it just read in its cache."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    def take(self) -> sqlite3.Connection:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        connection = _connect(self._path)
        try:
            _on_connect(connection, None)
        except BaseException:
            connection.close()
            raise
        return connection

    def give_back(self, connection: sqlite3.Connection) -> None:
        # A commit that failed leaves its transaction open: never hand that on.
        if connection.in_transaction:
            try:
                connection.rollback()
            except sqlite3.Error:
                connection.close()
                return
        with self._lock:
            if not self._closed:
                self._idle.append(connection)
                return
        connection.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


def _bump_generation(connection: sqlite3.Connection) -> int:
    # Two statements, not UPDATE ... RETURNING: SQLite gathers RETURNING rows in a temporary
    # table, set up and torn down on every call (100 µs against 20, on every write).
    connection.execute(_BUMP_GENERATION)
    return read_generation(connection)


def read_generation(connection: sqlite3.Connection) -> int:
    """The write generation as seen by ``connection``'s snapshot: the one way it is read, by
    the watcher (``Database.generation``), by sessions (``generation_in``), by the answer
    path's pooled connections and after a bump. -1 on a database too old to count writes
    (before migration 0004); any other failure is raised, for the caller to explain."""
    try:
        # fetchall: the statement runs to its end and is reset at once, so the watcher never
        # keeps a read snapshot (and a stale count) open between calls
        rows = connection.execute(READ_GENERATION).fetchall()
    except sqlite3.OperationalError as err:
        if "no such table" in str(err):
            return -1
        raise
    return int(rows[0][0]) if rows else -1


def generation_in(session: Session) -> int:
    """The write generation as seen by ``session``'s snapshot (-1 before migration 0004)."""
    return read_generation(driver_connection(session))


def driver_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session's transaction. Hundreds of tiny indexed
    statements (the answer path, statistics) cost microseconds each here, against tens through
    SQLAlchemy's per-execution work."""
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: an answer the UI showed as accepted survives power loss too, not just a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    try:
        cursor.execute("SELECT pow(2, 0.5)")
    except sqlite3.OperationalError:
        # SQLite built without its math functions: statistics sum FSRS's forgetting curve in SQL
        dbapi_connection.create_function("pow", 2, math.pow, deterministic=True)
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
    """Open (creating if needed) the database at ``path`` and bring its schema to head.

    A file is ours when it carries our ``application_id``, or, made before we set one, has our
    tables and Alembic's version table (then it is stamped). Any other non-empty file is
    refused untouched: migrating into it would change another program's data."""
    if path.is_dir():
        raise DatabaseProblem(
            f"{path} is a folder, not a database file. Move it away, or choose another data "
            "folder with --data-dir."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DatabaseProblem(
            f"cannot create the data folder {path.parent}: {err.strerror or err}. "
            "Choose another folder with --data-dir."
        ) from err
    try:
        found = _inspect(path)
    except sqlite3.DatabaseError as err:
        raise _explain(path, err) from err
    _refuse_if_not_ours(path, found)
    engine = create_sqlite_engine(path)
    try:
        if migrate and not _at_head(found):
            # Alembic takes a quarter of a second to import: only when there is work for it.
            from interviewprep.storage.migrate import upgrade_to_head

            upgrade_to_head(engine, path)
        if migrate and found.application_id != APPLICATION_ID:
            _stamp(engine)
        counts_writes = migrate or "data_generation" in found.tables
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
        counts_writes=counts_writes,
    )


APPLICATION_ID = 0x69707270
"""``PRAGMA application_id`` of our databases ("iprp"): SQLite's way for a file to say which
program it belongs to (``file`` prints it). The schema version stays in ``alembic_version``."""
OUR_TABLES = frozenset({"banks", "progress", "reviews", "questions", "settings"})
"""Tables every interviewprep database has had since the first migration."""


@dataclass(frozen=True)
class _Found:
    application_id: int
    tables: frozenset[str]
    versions: list[tuple[Any, ...]]
    """The rows of ``alembic_version``; empty without one."""


def _inspect(path: Path) -> _Found:
    """What the file at ``path`` holds, read on a read-only connection of its own: the app's
    connections switch a file to WAL as they open it, a change to a file that is not ours."""
    try:
        if path.stat().st_size == 0:
            return _Found(0, frozenset(), [])
    except FileNotFoundError:
        return _Found(0, frozenset(), [])
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
        (application_id,) = connection.execute("PRAGMA application_id").fetchone()
        tables = frozenset(
            str(name)
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
        )
        versions: list[tuple[Any, ...]] = []
        if "alembic_version" in tables:
            versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    return _Found(int(application_id), tables, versions)


def _refuse_if_not_ours(path: Path, found: _Found) -> None:
    if found.application_id not in (0, APPLICATION_ID):
        raise DatabaseProblem(
            f"{path} belongs to another program (SQLite application id "
            f"{found.application_id:#x}), not to interviewprep. It was left untouched; move it "
            "away or choose another data folder with --data-dir."
        )
    if not found.tables:
        return  # a new, empty database: the migrations create everything
    if found.tables & OUR_TABLES:
        if not found.versions:  # our tables, but no record of their schema
            raise DatabaseProblem(_damaged_text(path))
        return
    if found.application_id == APPLICATION_ID:
        return  # ours, with its schema downgraded to nothing
    shown = ", ".join(sorted(found.tables)[:5]) + (", …" if len(found.tables) > 5 else "")
    raise DatabaseProblem(
        f"{path} is an SQLite database of another program (tables: {shown}), not an "
        "interviewprep database. It was left untouched; move it away or choose another data "
        "folder with --data-dir."
    )


def _stamp(engine: Engine) -> None:
    """Mark the database as ours: new ones, and ours from before the mark existed."""
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except OperationalError as err:
        if "readonly" not in str(err).lower():
            raise
        # A read-only file stays as it is; it is recognised by its tables and stamped the first
        # time it can be written.


_REVISION = re.compile(r"^revision\s*=\s*[\"'](\w+)[\"']\s*$", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:None|[\"'](\w+)[\"'])\s*$", re.MULTILINE)


@cache
def script_head() -> str | None:
    """The newest migration's revision, read from the migration files without Alembic; None
    when that is not certain (no sources, a merge, anything unusual): then Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
            text = script.read_text(encoding="utf-8")
            revision, down = _REVISION.findall(text), _DOWN_REVISION.findall(text)
            if script.name == "__init__.py":
                continue
            if len(revision) != 1 or len(down) != 1:
                return None
            revisions.add(revision[0])
            if down[0]:
                parents.add(down[0])
    except OSError:
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_head(found: _Found) -> bool:
    head = script_head()
    return head is not None and found.versions == [(head,)]


def damaged_message(path: Path, problem: str) -> str:
    return (
        f"{path} is damaged (SQLite: {problem}), so interviewprep opened it read-only: nothing "
        "more is written into it. Restore the newest good backup (the button above your "
        "screens, or interviewprep backup list and backup restore)."
    )


def _damaged_text(path: Path) -> str:
    return (
        f"{path} is damaged or is not an interviewprep database. It was left untouched. "
        "Restore a backup (interviewprep backup list), or move the file away to start afresh."
    )


def _explain(path: Path, err: Exception) -> DatabaseProblem:
    text = str(err).lower()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseProblem(_damaged_text(path))
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
    if "disk i/o error" in text:
        return DatabaseProblem(
            f"the disk could not read or write {path} (disk I/O error). Progress saved before "
            "this is kept; check the disk, then try again."
        )
    return DatabaseProblem(f"cannot use {path}: {err}")
