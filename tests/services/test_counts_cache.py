"""Today's counts are cached and carried across answers; they must always equal a fresh count,
whoever wrote last. Readiness is summed by SQLite; it must equal the scheduler's own figure."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.card_record import CardFilter
from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.browse import BrowseQuery
from tests.banktext import bank, design, flashcard, front, write
from tests.conftest import OtherWindow


def fresh_counts(other_window: OtherWindow, card_filter: CardFilter) -> tuple[int, ...]:
    """Counts from a second, cold instance: what another window would show."""
    with other_window() as other:
        counts = other.study.counts(card_filter)
        return counts.new, counts.learning, counts.review


@pytest.fixture
def two_roles(services: Services, tmp_path: Path) -> Services:
    banks = tmp_path / "banks"
    write(banks / "a.md", bank("alpha", ids=tuple(f"a{i}" for i in range(12))))
    write(
        banks / "b.md",
        front("beta", role="ml-engineer")
        + "".join(flashcard(f"b{i}", topics="[evals]") for i in range(8))
        + design("d1"),
    )
    services.library.import_paths([banks])
    services.settings.update_preset("flashcard", new_per_day=6, reviews_per_day=4)
    return services


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_carried_across_answers_equal_a_fresh_count(
    two_roles: Services, data_dir: Path, clock: FixedClock, seed: int, other_window: OtherWindow
) -> None:
    rng = random.Random(seed)
    scopes = [CardFilter(), CardFilter(roles=("ml-engineer",)), CardFilter(topics=("evals",))]
    for step in range(60):
        scope = rng.choice(scopes)
        for each in scopes:  # every scope cached before the answer
            two_roles.study.counts(each)
        card = two_roles.study.next_card(scope)
        if card is not None:
            two_roles.study.answer(card, rng.choice(list(Grade)), 2_000)
        if step % 7 == 6:
            clock.advance(timedelta(hours=rng.choice((1, 5, 20))))
        for each in scopes:
            mine = two_roles.study.counts(each)
            assert (mine.new, mine.learning, mine.review) == fresh_counts(other_window, each)


def test_a_write_from_another_window_shows_in_the_counts(
    two_roles: Services, data_dir: Path, clock: FixedClock, other_window: OtherWindow
) -> None:
    before = two_roles.study.counts()
    with other_window() as other:
        card = other.study.next_card()
        assert card is not None
        other.study.answer(card, Grade.GOOD, 1_000)
        other.browse.suspend([("alpha", "a5")])
    after = two_roles.study.counts()
    assert after.new == before.new - 1
    assert after.learning == before.learning + 1


def test_the_counts_roll_over_with_the_study_day(two_roles: Services, clock: FixedClock) -> None:
    for _ in range(6):
        card = two_roles.study.next_card()
        assert card is not None and card.state.stage == Stage.NEW
        two_roles.study.answer(card, Grade.EASY, 1_000)
    assert two_roles.study.counts().new == 0  # today's new-card limit is used up
    clock.advance(timedelta(days=1))
    assert two_roles.study.counts().new == 6


def test_questions_imported_in_bulk_are_searchable_and_a_failed_import_leaves_no_trace(
    services: Services, tmp_path: Path
) -> None:
    banks = tmp_path / "banks"
    write(banks / "one.md", bank("one", ids=("x1",)).replace("What is x1?", "Why rerank passages?"))
    services.library.import_paths([banks])
    assert [r.question_id for r in services.browse.search(BrowseQuery(text="rerank"))] == ["x1"]
    write(banks / "two.md", bank("two", ids=("y1",)).replace("What is y1?", "When rerank twice?"))
    services.library.import_paths([banks])
    hits = {r.question_id for r in services.browse.search(BrowseQuery(text="rerank"))}
    assert hits == {"x1", "y1"}
    # an edit re-indexes the question: the old words no longer find it
    write(banks / "one.md", bank("one", ids=("x1",)).replace("What is x1?", "Why distil?"))
    services.library.import_paths([banks])
    assert [r.question_id for r in services.browse.search(BrowseQuery(text="rerank"))] == ["y1"]
    assert [r.question_id for r in services.browse.search(BrowseQuery(text="distil"))] == ["x1"]


def test_readiness_summed_in_sql_equals_the_schedulers_recall(
    two_roles: Services, clock: FixedClock
) -> None:
    rng = random.Random(5)
    for _ in range(30):
        card = two_roles.study.next_card()
        if card is None:
            break
        two_roles.study.answer(card, rng.choice(list(Grade)), 1_000)
        clock.advance(timedelta(hours=rng.choice((1, 9, 30))))
    clock.advance(timedelta(days=11, hours=3))
    now = clock.now()
    report = two_roles.stats.overview()
    for role, stats in report.roles.items():
        expected = 0.0
        for bank_id, prefix, count in (("alpha", "a", 12), ("beta", "b", 8)):
            for i in range(count):
                card = two_roles.study.card(bank_id, f"{prefix}{i}")
                if card.role == role:
                    scheduler = two_roles.study.scheduler(card.type)
                    expected += scheduler.retrievability(card.state, now)
        assert stats.recall_sum == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert report.roles["agent-engineer"].recall_sum > 0
