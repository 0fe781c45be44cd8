"""The schema is created and upgraded only by Alembic, from empty and from every revision."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import build_services
from interviewprep.storage.card_rows import state_before
from interviewprep.storage.database import create_sqlite_engine, open_database
from interviewprep.storage.migrate import (
    DatabaseTooNew,
    alembic_config,
    current_revision,
    head_revision,
)
from interviewprep.storage.models import Base
from tests.answers import answered_twice

REVISIONS = [
    r.revision
    for r in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))
]


def test_open_creates_every_table_at_head(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.sqlite3")
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.close()


@pytest.mark.parametrize("start", REVISIONS)
def test_upgrade_from_every_revision_reaches_head(tmp_path: Path, start: str) -> None:
    engine = create_sqlite_engine(tmp_path / "p.sqlite3")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, start)
    engine.dispose()
    db = open_database(tmp_path / "p.sqlite3")
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.close()


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.sqlite3")
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert current_revision(db.engine) is None
    db.close()
    db = open_database(tmp_path / "p.sqlite3")
    assert current_revision(db.engine) == head_revision()
    db.close()


def test_database_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version of interviewprep"):
        open_database(path)
    assert path.read_bytes() == before


def test_migrations_match_the_orm_models(tmp_path: Path) -> None:
    """What Alembic builds is what the models declare: no change is left out of a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    db = open_database(tmp_path / "p.sqlite3")
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, Base.metadata)
    finally:
        db.close()
    fts_tables = ("questions_fts",)
    leftover = [
        d for d in diffs if not (d[0] == "remove_table" and d[1].name.startswith(fts_tables))
    ]
    assert leftover == []


def test_an_upgrade_backs_up_the_database_first(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    engine = create_sqlite_engine(path)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, REVISIONS[0])
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('kept', '1')")
    engine.dispose()
    open_database(path).close()
    backups = list((tmp_path / "backups").glob("interviewprep-*-before-schema-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (REVISIONS[0],)
        assert conn.execute("SELECT value FROM settings WHERE key = 'kept'").fetchone() == ("1",)
    open_database(path).close()  # already at head: no second backup
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1


def test_downgrading_past_the_compact_undo_records_keeps_undo_working(tmp_path: Path) -> None:
    """A review saved by this version records the state before it as an array; an older
    version reads only objects, so going back to revision 0004 must turn them into objects
    that restore the same state."""
    clock = FixedClock(datetime(2026, 3, 2, 9, 30, 15, 123000, tzinfo=UTC))
    services = build_services(tmp_path / "data", clock=clock)
    between = answered_twice(services, clock, tmp_path / "banks", Grade.GOOD)
    path = services.db.path
    services.close()

    def last_before() -> object:
        raw = sqlite3.connect(path)
        try:
            return json.loads(
                raw.execute("SELECT before FROM reviews ORDER BY id").fetchall()[-1][0]
            )
        finally:
            raw.close()

    assert isinstance(last_before(), list)
    engine = create_sqlite_engine(path)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    engine.dispose()
    old = last_before()
    assert isinstance(old, dict) and old["due"].endswith("+00:00")
    assert state_before(old) == between
