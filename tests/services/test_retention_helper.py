"""The desired-retention helper: fsrs-rs's simulator over 0.70-0.97 with the user's limits."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.retention_helper import RETENTIONS
from tests.banktext import bank, write


@pytest.fixture
def library(services: Services, tmp_path: Path) -> Services:
    ids = tuple(f"q{n}" for n in range(60))
    write(tmp_path / "banks" / "demo.md", bank("demo", ids=ids))
    services.library.import_paths([tmp_path / "banks"])
    return services


def test_higher_retention_costs_more_reviews_and_buys_more_knowledge(
    library: Services, clock: FixedClock
) -> None:
    library.settings.update_preset("flashcard", new_per_day=10, desired_retention=0.85)
    today = library.study.study_day.day_of(clock.now())
    library.settings.interview_date = today + timedelta(days=30)
    reported: list[tuple[int, int]] = []
    result = library.retention_helper.simulate(
        "flashcard", lambda done, total: reported.append((done, total))
    )
    assert reported[-1] == (len(RETENTIONS), len(RETENTIONS))
    assert [o.retention for o in result.outcomes] == list(RETENTIONS)
    assert RETENTIONS[0] == 0.70 and RETENTIONS[-1] == 0.97
    assert result.deck_size == 60 and result.new_per_day == 10 and result.current == 0.85
    assert result.interview == today + timedelta(days=30) and result.interview_index == 30
    assert result.days > 30  # the chart runs past the interview, so its mark is inside
    low, high = result.outcome(0.70), result.outcome(0.97)
    assert high.reviews_per_day > 2 * low.reviews_per_day
    assert high.knowledge > low.knowledge
    assert 0 < low.knowledge <= high.knowledge <= 60
    assert len(high.daily_reviews) == result.days


def test_without_an_interview_date_it_looks_a_year_ahead(library: Services) -> None:
    result = library.retention_helper.simulate("flashcard")
    assert result.interview is None and result.days == 365
