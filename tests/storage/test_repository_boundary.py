"""What crosses the storage boundary: plain frozen values, and one reading of the write
generation."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest

from interviewprep.services.app import Services
from interviewprep.storage.database import generation_in, read_generation
from tests.banktext import bank, write

BUNDLED = Path(__file__).resolve().parents[2] / "question_banks"


def test_installed_banks_and_roles_are_values_that_outlive_their_session(
    services: Services, tmp_path: Path
) -> None:
    """What the bank dialogs and the role picker are given is read once and cannot be changed
    by accident: no ORM row whose attributes would write themselves back, or load lazily
    after its session closed."""
    write(tmp_path / "b" / "demo.md", bank(ids=("a", "b")))
    shutil.copy(BUNDLED / "agent-engineer" / "role.md", tmp_path / "b" / "role.md")
    services.library.import_paths([tmp_path / "b"])

    (installed,) = services.library.banks()
    (role,) = services.library.roles()
    assert (installed.id, installed.title, installed.role) == (
        "demo",
        "Demo bank demo",
        "agent-engineer",
    )
    assert (role.id, role.title) == ("agent-engineer", "AI agent engineer")
    assert role.topics["rag"] == "Retrieval-augmented generation"
    with pytest.raises(dataclasses.FrozenInstanceError):
        installed.title = "Renamed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        role.title = "Renamed"  # type: ignore[misc]
    assert services.library.banks()[0].title == "Demo bank demo"


def test_the_write_generation_reads_minus_one_only_on_a_database_too_old_to_count() -> None:
    connection = sqlite3.connect(":memory:")
    assert read_generation(connection) == -1  # no data_generation table yet
    connection.execute("CREATE TABLE data_generation (id INTEGER PRIMARY KEY, n INTEGER)")
    assert read_generation(connection) == -1  # the table, before its one row
    connection.execute("INSERT INTO data_generation (id, n) VALUES (1, 41)")
    assert read_generation(connection) == 41
    connection.close()
    with pytest.raises(sqlite3.ProgrammingError):
        read_generation(connection)  # any other failure is the caller's to explain


def test_every_reader_of_the_write_generation_sees_each_write(services: Services) -> None:
    """The watcher the caches check and a session's snapshot agree, and move on each write."""
    db = services.db
    before = db.generation()
    with db.read() as session:
        assert generation_in(session) == before
    services.settings.set("target_roles", ["agent-engineer"])
    assert db.generation() == before + 1
    with db.read() as session:
        assert generation_in(session) == before + 1
