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
from interviewprep.storage.card_store import QueueStore
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
    # nothing cached believes the failed answer happened: "b" is still to do today
    following = services.study.next_card()
    assert following is not None and following.key in {("demo", "a"), ("demo", "b")}
    assert services.study.counts().new == 1


def test_read_only_database_says_so(services: Services) -> None:
    @event.listens_for(services.db.engine, "connect")
    def read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = 1")

    services.db.engine.dispose()  # new connections pick up the listener
    with pytest.raises(DatabaseProblem, match="read-only"):
        services.settings.set("x", 1)


def test_a_disk_error_after_the_answer_is_written_rolls_it_back_everywhere(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review screen's step reads the next card inside the answer's transaction: a disk
    error there undoes the answer, and no cached count or queue may still show it done."""
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=("a", "b")))])
    card = services.study.next_card()
    assert card is not None
    assert services.study.counts().new == 2

    def failing_read(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(QueueStore, "card_by_pk", failing_read)
    with pytest.raises(DatabaseProblem):
        services.study.answer_and_next(card, Grade.GOOD, 100, services.study.next_states(card))
    monkeypatch.undo()
    assert services.study.card(*card.key).state.reps == 0
    services.study.set_flagged(card, True)  # the next write commits the generation that failed
    assert services.study.counts().new == 2
    again = services.study.next_card()
    assert again is not None and again.key == card.key
