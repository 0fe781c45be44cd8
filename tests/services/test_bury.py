"""Bury (Anki's "-"): the card leaves today's queue and counts, comes back at the next study
day with its schedule untouched, and undo takes a bury back like a suspend."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from alembic import command

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services, build_services
from interviewprep.services.browse import BrowseQuery
from interviewprep.services.review_session import ReviewSession
from interviewprep.storage.database import create_sqlite_engine
from interviewprep.storage.migrate import alembic_config, current_revision, head_revision
from tests.banktext import bank, write
from tests.conftest import UTC_DAY

IDS = ("a", "b", "c")


def session_for(services: Services, tmp_path: Path) -> ReviewSession:
    services.library.import_paths([write(tmp_path / "demo.md", bank(ids=IDS))])
    session = ReviewSession(services.study, services.clock)
    session.start()
    return session


def next_rollover(clock: FixedClock) -> datetime:
    return UTC_DAY.bounds(clock.now())[1]


def test_a_buried_card_leaves_the_queue_and_the_counts(services: Services, tmp_path: Path) -> None:
    session = session_for(services, tmp_path)
    shown = session.card
    assert shown is not None and services.study.counts().new == 3
    session.bury(shown)
    assert session.card is not None and session.card.key != shown.key
    assert services.study.counts().new == 2 and session.progress.counts.new == 2
    buried = services.study.card(*shown.key)
    assert buried.buried and not buried.suspended
    # the rest of today's cards, and never the buried one
    seen = set()
    while session.card is not None:
        seen.add(session.card.key)
        session.reveal()
        session.grade(Grade.EASY)
    assert shown.key not in seen and len(seen) == 2


def test_a_buried_card_comes_back_after_the_rollover_hour_unchanged(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    session = session_for(services, tmp_path)
    assert session.card is not None
    session.reveal()
    session.grade(Grade.AGAIN)  # in learning, due in minutes: today's queue holds it
    learning = services.study.card("demo", session.history[0].card.question_id)
    assert learning.state.due is not None and services.study.counts().learning == 1
    session.bury(learning)
    assert services.study.counts().learning == 0
    rollover = next_rollover(clock)
    clock.current = rollover - timedelta(minutes=1)  # late at night: still the same study day
    assert services.study.counts().learning == 0
    assert services.study.card(*learning.key).buried
    clock.current = rollover + timedelta(minutes=1)
    assert services.study.counts().learning == 1
    back = services.study.card(*learning.key)
    assert not back.buried and not back.suspended
    assert back.state == learning.state  # FSRS state and due time untouched


def test_a_card_buried_before_closing_is_back_when_opened_the_next_day(
    services: Services, tmp_path: Path, clock: FixedClock, data_dir: Path
) -> None:
    session = session_for(services, tmp_path)
    assert session.card is not None
    session.bury(session.card)
    assert services.study.counts().new == 2
    clock.current = next_rollover(clock) + timedelta(hours=1)
    reopened = build_services(data_dir, clock=clock, study_day=UTC_DAY)
    try:
        assert reopened.study.counts().new == 3
        assert all(not reopened.study.card("demo", i).buried for i in IDS)
    finally:
        reopened.close()


def test_undo_takes_a_bury_back(services: Services, tmp_path: Path) -> None:
    session = session_for(services, tmp_path)
    shown = session.card
    assert shown is not None
    session.bury(shown)
    again = session.undo()
    assert session.undone == "bury"
    assert again is not None and again.key == shown.key and session.card == again
    assert not again.buried and services.study.counts().new == 3
    assert session.progress.counts.new == 3


def test_undo_goes_back_through_answers_and_buries_in_order(
    services: Services, tmp_path: Path
) -> None:
    session = session_for(services, tmp_path)
    assert session.card is not None
    session.reveal()
    session.grade(Grade.GOOD)
    assert session.card is not None
    buried = session.card
    session.bury(buried)
    session.undo()
    assert session.undone == "bury" and not services.study.card(*buried.key).buried
    session.undo()
    assert session.undone == "answer" and session.progress.done == 0


def test_is_buried_finds_buried_cards_in_browse(services: Services, tmp_path: Path) -> None:
    session = session_for(services, tmp_path)
    assert session.card is not None
    buried = session.card
    session.bury(buried)
    rows = services.browse.search(BrowseQuery(text="is:buried"))
    assert [row.key for row in rows] == [buried.key]
    assert rows[0].buried and not rows[0].suspended
    assert services.browse.search(BrowseQuery(text="is:suspended")) == []


def test_upgrading_from_0008_keeps_suspended_cards_suspended(
    tmp_path: Path, data_dir: Path, clock: FixedClock
) -> None:
    first = build_services(data_dir, clock=clock, study_day=UTC_DAY)
    try:
        first.library.import_paths([write(tmp_path / "demo.md", bank(ids=IDS))])
        first.study.set_suspended(first.study.card("demo", "b"), True)
    finally:
        first.close()
    path = data_dir / "interviewprep.sqlite3"
    engine = create_sqlite_engine(path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    engine.dispose()
    with sqlite3.connect(path) as raw:
        columns = [row[1] for row in raw.execute("PRAGMA table_info(progress)")]
        assert "buried_on" not in columns
        held = dict(raw.execute("SELECT question_id, suspended FROM progress").fetchall())
    assert held == {"a": 0, "b": 1, "c": 0}
    upgraded = build_services(data_dir, clock=clock, study_day=UTC_DAY)
    try:
        assert current_revision(upgraded.db.engine) == head_revision()
        b = upgraded.study.card("demo", "b")
        assert b.suspended and not b.buried
        assert not upgraded.study.card("demo", "a").suspended
        assert upgraded.study.counts().new == 2
    finally:
        upgraded.close()
