"""Card info: memory state, recall now and on the interview day, history, forgetting curve."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from tests.banktext import bank, write


@pytest.fixture
def library(services: Services, tmp_path: Path) -> Services:
    write(tmp_path / "banks" / "demo.md", bank("demo", ids=("alpha", "beta")))
    services.library.import_paths([tmp_path / "banks"])
    return services


def test_a_new_card_has_no_recall_and_no_curve(library: Services) -> None:
    info = library.card_info.info("demo", "alpha")
    assert info.recall_now is None and info.curve == [] and info.reviews == []


def test_history_and_recall_follow_the_answers(library: Services, clock: FixedClock) -> None:
    study = library.study
    study.answer(study.card("demo", "alpha"), Grade.GOOD, 4000)
    clock.advance(timedelta(minutes=11))
    study.answer(study.card("demo", "alpha"), Grade.GOOD, 3000)
    clock.advance(timedelta(days=5))
    library.settings.interview_date = study.study_day.day_of(clock.now()) + timedelta(days=20)

    info = library.card_info.info("demo", "alpha")
    assert [(r.rating, r.stage_before) for r in info.reviews] == [
        (3, Stage.NEW),
        (3, Stage.LEARNING),
    ]
    assert info.reviews[0].duration_ms == 4000
    scheduler = study.scheduler("flashcard")
    state = study.card("demo", "alpha").state
    assert info.recall_now == pytest.approx(scheduler.retrievability(state, clock.now()))
    assert info.recall_at_interview is not None
    assert info.recall_at_interview < info.recall_now < 1
    # the curve starts at full recall, only falls, and reaches past the interview day
    recalls = [r for _, r in info.curve]
    assert recalls[0] == pytest.approx(1.0)
    assert all(a >= b for a, b in pairwise(recalls))
    assert info.curve[-1][0] > 25


def test_recall_on_a_past_interview_day_is_not_predicted(
    library: Services, clock: FixedClock
) -> None:
    study = library.study
    study.answer(study.card("demo", "alpha"), Grade.EASY, 1000)
    library.settings.interview_date = study.study_day.day_of(clock.now()) - timedelta(days=1)
    info = library.card_info.info("demo", "alpha")
    assert info.recall_now is not None and info.recall_at_interview is None
