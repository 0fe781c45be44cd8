"""The due load per study day: exact on either side of a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from interviewprep.core.cards import CardState, Grade, Stage
from interviewprep.core.clock import FixedClock, StudyDay
from interviewprep.services.app import build_services
from interviewprep.storage.card_store import QueueStore
from interviewprep.storage.database import driver_connection
from interviewprep.storage.due_load import due_per_day
from interviewprep.storage.review_log import ReviewLog
from interviewprep.storage.types import to_epoch_ms
from tests.banktext import bank, design, front, write

LONDON = StudyDay(rollover_hour=4, zone=ZoneInfo("Europe/London"))


@pytest.mark.parametrize("first", [date(2026, 3, 24), date(2026, 6, 1)])  # clocks go forward 29 Mar
def test_cards_count_on_the_study_day_they_fall_due(tmp_path: Path, first: date) -> None:
    services = build_services(
        tmp_path / "data", clock=FixedClock(datetime(2026, 1, 5, 9, tzinfo=UTC)), study_day=LONDON
    )
    try:
        ids = tuple(f"q{i}" for i in range(12))
        services.library.import_paths(
            [
                write(tmp_path / "b" / "f.md", bank(ids=ids)),
                write(tmp_path / "b" / "d.md", front("designs") + design("d1")),
            ]
        )
        starts = [LONDON.start_of(first + timedelta(days=i)) for i in range(9)]
        # each card due a minute after a day starts or a minute before it ends
        dues = {
            "q0": starts[0] + timedelta(minutes=1),
            "q1": starts[1] - timedelta(minutes=1),  # still day 0
            "q2": starts[5] + timedelta(minutes=1),
            "q3": starts[6] - timedelta(minutes=1),  # still day 5
            "q4": starts[6],
            "q5": starts[8] - timedelta(minutes=1),
            "q6": starts[8],  # past the last day
            "q7": starts[0] - timedelta(minutes=1),  # before the first
            "q8": starts[3],  # suspended below
            "q9": starts[3],  # still new below: no due date counts
        }
        with services.db.transaction() as session:
            connection = driver_connection(session)
            cards, log = QueueStore(connection), ReviewLog(connection)
            for qid, due in dues.items():
                if qid != "q9":
                    state = CardState(Stage.REVIEW, None, 5.0, 5.0, due, due - timedelta(days=3), 2)
                    card = cards.card("demo", qid)
                    assert card is not None
                    log.record_answer(card, state, 3, due - timedelta(days=3), 1000)
        services.browse.suspend([("demo", "q8")])
        design_card = services.study.card("designs", "d1")
        services.study.answer(design_card, Grade.EASY, 1000)  # not a flashcard's load
        lengths = {(b - a).total_seconds() / 3600 for a, b in pairwise(starts)}
        assert lengths == ({23.0, 24.0} if first.month == 3 else {24.0})  # both ways of counting
        with services.db.raw_read() as connection:
            counts = due_per_day(connection, "flashcard", [to_epoch_ms(s) for s in starts])
        assert counts == [2, 0, 0, 0, 0, 2, 1, 1]
    finally:
        services.close()
