"""Our databases carry our SQLite application id; a file of another program is refused and
left untouched, while our own databases from before the mark still open (and get it)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from interviewprep.storage.database import APPLICATION_ID, DatabaseProblem, open_database
from interviewprep.storage.migrate import current_revision, head_revision
from tests.test_cli import run


def application_id(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("PRAGMA application_id").fetchone()[0])


def test_a_new_database_is_marked_as_ours_with_its_schema_version_unchanged(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.sqlite3"
    db = open_database(path)
    assert current_revision(db.engine) == head_revision()
    db.close()
    assert application_id(path) == APPLICATION_ID
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (0,)


def test_our_database_from_before_the_mark_opens_keeps_its_data_and_is_marked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.sqlite3"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA application_id = 0")
        raw.execute("INSERT INTO settings (key, value) VALUES ('kept', '1')")
        raw.commit()
    assert application_id(path) == 0
    open_database(path).close()
    assert application_id(path) == APPLICATION_ID
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("SELECT value FROM settings WHERE key = 'kept'").fetchone() == ("1",)


def foreign(path: Path) -> bytes:
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("CREATE TABLE t (x)")
        raw.execute("INSERT INTO t VALUES (42)")
        raw.commit()
    return path.read_bytes()


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    before = foreign(path)
    with pytest.raises(DatabaseProblem, match=r"another program \(tables: t\).*left untouched"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_database_marked_by_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA application_id = 1234")
        raw.execute("CREATE TABLE settings (key, value)")  # even with a table named like ours
        raw.commit()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="belongs to another program"):
        open_database(path)
    assert path.read_bytes() == before


def test_the_cli_refuses_a_foreign_database_with_a_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    before = foreign(data / "interviewprep.sqlite3")
    code, _out, err = run("stats", "--data-dir", str(data))
    assert code == 2
    assert "not an interviewprep database" in err and "Traceback" not in err
    assert (data / "interviewprep.sqlite3").read_bytes() == before


def test_our_tables_without_a_schema_version_get_the_damaged_message(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("DROP TABLE alembic_version")
        raw.commit()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path)
    assert "is damaged or is not an interviewprep database" in str(caught.value)
    assert "[SQL" not in str(caught.value)
    assert path.read_bytes() == before


def test_a_folder_at_the_database_path_is_called_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    path.mkdir()
    with pytest.raises(DatabaseProblem, match="is a folder, not a database file") as caught:
        open_database(path)
    assert "read-only" not in str(caught.value)
