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
from interviewprep.services.review_session import ReviewSession
from interviewprep.services.study import NextCardUnreadable
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


def test_a_commit_that_fails_keeps_no_trace_of_the_answer(
    services: Services, tmp_path: Path
) -> None:
    """The review screen's step commits on a helper thread while it finds the next card: a
    commit that fails must still fail the grade, and no cached count or queue may show it."""
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=("a", "b")))])
    card = services.study.next_card()
    assert card is not None
    # A deferred foreign key is checked at COMMIT: this one fails every answer's commit.
    rigged = sqlite3.connect(services.db.path, isolation_level=None)
    rigged.executescript(
        "CREATE TABLE rigged (ref INTEGER REFERENCES banks(id) DEFERRABLE INITIALLY DEFERRED);"
        "CREATE TRIGGER rig AFTER INSERT ON reviews BEGIN INSERT INTO rigged VALUES (-1); END;"
    )
    session = ReviewSession(services.study, services.clock)
    session.start()
    session.reveal()
    with pytest.raises(DatabaseProblem):
        session.grade(Grade.GOOD)
    rigged.executescript("DROP TRIGGER rig; DROP TABLE rigged;")
    rigged.close()
    assert services.study.card(*card.key).state.reps == 0
    assert session.card == card and session.history == []  # still up, to grade again
    services.study.set_flagged(card, True)  # the next write commits the generation that failed
    assert services.study.counts().new == 2
    again = services.study.next_card()
    assert again is not None and again.key == card.key


def test_a_disk_error_reading_the_next_card_once_is_read_again(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=("a", "b")))])
    session = ReviewSession(services.study, services.clock)
    card = session.start()
    assert card is not None
    session.reveal()
    read = QueueStore.card_by_pk
    failures = []

    def fails_once(store: QueueStore, pk: int) -> object:
        if not failures:
            failures.append(pk)
            raise sqlite3.OperationalError("disk I/O error")
        return read(store, pk)

    monkeypatch.setattr(QueueStore, "card_by_pk", fails_once)
    session.grade(Grade.GOOD)
    assert failures and session.card is not None and session.card.key == ("demo", "b")
    assert services.study.card(*card.key).state.reps == 1
    assert session.progress.remaining == services.study.counts().total == 1 + 1  # b, a again


def test_a_disk_error_that_rolls_the_answer_back_fails_the_grade(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next card is read inside the answer's transaction. SQLite may roll a transaction
    back after an I/O error: then the answer was not saved, and the grade must say so and
    leave the card up, never report it as done."""
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=("a", "b")))])
    session = ReviewSession(services.study, services.clock)
    card = session.start()
    assert card is not None
    session.reveal()

    def error_that_rolls_back(store: QueueStore, pk: int) -> None:
        store._cursor.connection.rollback()  # what SQLite does after some I/O errors
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(QueueStore, "card_by_pk", error_that_rolls_back)
    with pytest.raises(DatabaseProblem, match="disk I/O error"):
        session.grade(Grade.GOOD)
    monkeypatch.undo()
    assert session.card == card and session.history == []  # still up, to grade again
    assert services.study.card(*card.key).state.reps == 0
    assert services.study.counts().new == 2
    assert session.grade(Grade.GOOD) is not None
    assert services.study.card(*card.key).state.reps == 1


def test_a_disk_error_reading_the_next_card_keeps_the_answer_and_says_so(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer is on disk before the next card is read: a disk error there must not look
    like the answer failing, or grading the card again would record it twice."""
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=("a", "b")))])
    session = ReviewSession(services.study, services.clock)
    card = session.start()
    assert card is not None
    session.reveal()

    def failing_read(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(QueueStore, "card_by_pk", failing_read)
    with pytest.raises(NextCardUnreadable, match=r"Your answer was saved.*disk I/O error"):
        session.grade(Grade.GOOD)
    assert session.card is None and len(session.history) == 1
    assert session.grade(Grade.GOOD) is None  # nothing left on screen to grade twice
    monkeypatch.undo()
    assert services.study.card(*card.key).state.reps == 1
    assert services.study.counts().new == 1
    following = services.study.next_card()
    assert following is not None and following.key == ("demo", "b")
