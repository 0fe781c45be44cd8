"""A damaged, foreign, full or read-only database gives a message saying what to do, and the
user's file is never overwritten."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from interviewprep.core.cards import Grade
from interviewprep.services.app import Services
from interviewprep.storage.database import DatabaseProblem, open_database
from tests.banktext import bank, write


def test_truncated_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    db = open_database(path)
    db.close()
    data = path.read_bytes()
    path.write_bytes(data[:1500])
    with pytest.raises(DatabaseProblem, match="damaged or is not an interviewprep database"):
        open_database(path)
    assert path.read_bytes() == data[:1500]


def test_random_bytes_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    noise = os.urandom(64 * 1024)
    path.write_bytes(noise)
    with pytest.raises(DatabaseProblem, match="Restore a backup"):
        open_database(path)
    assert path.read_bytes() == noise


def test_full_disk_during_an_answer_says_free_space_and_keeps_progress(
    services: Services, tmp_path: Path
) -> None:
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=("a", "b")))])
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.GOOD, 100)
    nxt = services.study.card("demo", "b")

    # The disk fills up between the card's progress being written and its review: SQLite's
    # error, raised from inside the transaction, whichever connection the answer runs on.
    trigger = sqlite3.connect(services.db.path, isolation_level=None)
    trigger.execute(
        "CREATE TRIGGER full BEFORE INSERT ON reviews "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    with pytest.raises(DatabaseProblem, match=r"is full\. Free some space"):
        services.study.answer(nxt, Grade.GOOD, 100)
    trigger.execute("DROP TRIGGER full")
    trigger.close()
    assert services.study.card("demo", "a").state.reps == 1
    assert services.study.card("demo", "b").state.reps == 0


def test_read_only_database_says_so(services: Services) -> None:
    @event.listens_for(services.db.engine, "connect")
    def read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = 1")

    services.db.engine.dispose()  # new connections pick up the listener
    with pytest.raises(DatabaseProblem, match="read-only"):
        services.settings.set("x", 1)
