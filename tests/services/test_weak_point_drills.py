"""Design attempts store a result per rubric item with their score, and a drill of the weak
points serves exactly its cards, due or not, once each."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interviewprep.core.card_record import CardFilter
from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.core.key_points import Coverage, CriterionKind, CriterionResult
from interviewprep.services.app import Services
from interviewprep.services.design import DesignSession
from interviewprep.services.review_session import ReviewSession
from interviewprep.services.weak_points import drill_keys_of
from tests.banktext import bank, write
from tests.services.test_design import install

COVERED, MISSED = Coverage.COVERED, Coverage.MISSED


def scored(services: Services, tmp_path: Path, checked: set[int]) -> DesignSession:
    card = install(services, tmp_path)
    session = DesignSession(services.design, services.clock, card)
    session.start()
    session.checked = set(checked)
    session.finish("notes")
    return session


def test_a_scored_rubric_stores_each_item_covered_or_missed_with_its_weight(
    services: Services, tmp_path: Path
) -> None:
    session = scored(services, tmp_path, {1})
    assert session.attempt is not None
    assert services.weak_points.results_of_attempt(session.attempt.id) == [
        CriterionResult(0, "Pins down success metrics", 5, MISSED),
        CriterionResult(1, "Estimates load", 3, COVERED),
        CriterionResult(2, "Safe refunds", 2, MISSED),
    ]
    (first, second) = services.weak_points.weakest()[:2]
    assert {first.kind, second.kind} == {CriterionKind.RUBRIC_ITEM}
    assert {first.text, second.text} == {"Pins down success metrics", "Safe refunds"}


def test_re_scoring_replaces_the_attempts_results(services: Services, tmp_path: Path) -> None:
    session = scored(services, tmp_path, {1})
    assert session.attempt is not None
    session.set_checked(0, True)
    session.set_checked(2, True)
    results = services.weak_points.results_of_attempt(session.attempt.id)
    assert [r.coverage for r in results] == [COVERED, COVERED, COVERED]
    assert services.weak_points.weakest() == []  # nothing lost any more, nothing doubled
    session.set_checked(2, False)
    (weak,) = services.weak_points.weakest()
    assert (weak.text, weak.checked, weak.lost) == ("Safe refunds", 1, 1.0)


def test_walking_away_from_a_scored_attempt_takes_its_results_back(
    services: Services, tmp_path: Path
) -> None:
    session = scored(services, tmp_path, set())
    assert services.weak_points.weakest()
    session.abandon("notes")
    assert services.weak_points.weakest() == []


def test_the_mock_interviews_design_round_scores_through_the_same_path(
    services: Services, tmp_path: Path
) -> None:
    card = install(services, tmp_path)
    attempt = services.design.start(card, mode="mock")
    services.design.finish(attempt.id, [0])
    assert [r.coverage for r in services.weak_points.results_of_attempt(attempt.id)] == [
        COVERED,
        MISSED,
        MISSED,
    ]
    assert drill_keys_of(services.weak_points.weakest(), CriterionKind.RUBRIC_ITEM) == [
        ("designs", "design-rich")
    ]


def _answer_all(services: Services, grade: Grade, missed: set[str]) -> None:
    session = ReviewSession(services.study, services.clock)
    session.start()
    while session.card is not None:
        coverage = MISSED if session.card.question_id in missed else COVERED
        session.reveal()
        session.grade(grade, [CriterionResult(0, "the point", 1, coverage)])


def test_a_drill_serves_its_cards_though_not_due_and_nothing_else(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    services.library.import_paths([write(tmp_path / "demo.md", bank(ids=("a", "b", "c", "d")))])
    _answer_all(services, Grade.EASY, missed={"a", "c"})  # all four graduate: due in days
    clock.advance(timedelta(hours=1))
    assert services.study.counts().total == 0  # nothing due today
    keys = services.weak_points.drill_keys()
    assert sorted(keys) == [("demo", "a"), ("demo", "c")]
    drill = services.weak_points.drill_filter(keys)
    counts = services.study.counts(drill)
    assert (counts.new, counts.learning, counts.review) == (0, 0, 2)
    session = ReviewSession(services.study, services.clock, card_filter=drill)
    shown = []
    card = session.start()
    while card is not None:
        assert card.state.stage is Stage.REVIEW and card.state.due is not None
        assert card.state.due > clock.now()  # ahead of schedule
        shown.append(card.question_id)
        session.reveal()
        session.grade(Grade.GOOD)
        assert services.study.counts(drill).total == 2 - len(shown)
        card = session.card
    assert sorted(shown) == ["a", "c"]  # each once, and no other card
    assert session.progress.done == 2
    assert services.study.counts().total == 0  # the everyday queue is untouched


def test_a_lapse_in_a_drill_comes_back_as_a_learning_step(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    services.library.import_paths([write(tmp_path / "demo.md", bank(ids=("a", "b")))])
    _answer_all(services, Grade.EASY, missed={"a"})
    clock.advance(timedelta(hours=1))
    drill = services.weak_points.drill_filter(services.weak_points.drill_keys())
    session = ReviewSession(services.study, services.clock, card_filter=drill)
    card = session.start()
    assert card is not None and card.question_id == "a"
    session.reveal()
    session.grade(Grade.AGAIN)
    counts = services.study.counts(drill)
    assert (counts.learning, counts.review) == (1, 0)
    again = session.card  # within the learn-ahead window: shown rather than waited for
    assert again is not None and again.question_id == "a"
    assert again.state.stage is Stage.RELEARNING
    session.reveal()
    session.grade(Grade.GOOD)
    assert session.card is None and services.study.counts(drill).total == 0


def test_keys_alone_restrict_the_everyday_queue_without_serving_early(
    services: Services, tmp_path: Path
) -> None:
    services.library.import_paths([write(tmp_path / "demo.md", bank(ids=("a", "b", "c")))])
    only = CardFilter(keys=frozenset({("demo", "b")}))
    assert only.covers(services.study.card("demo", "b"))
    assert not only.covers(services.study.card("demo", "a"))
    assert services.study.counts(only).new == 1
    card = services.study.next_card(only)
    assert card is not None and card.question_id == "b"
    assert services.study.matching(only) == 1


def test_a_drill_is_over_once_each_card_was_answered_even_when_they_fall_due(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    services.library.import_paths([write(tmp_path / "demo.md", bank(ids=("a", "b")))])
    _answer_all(services, Grade.EASY, missed={"a", "b"})
    clock.advance(timedelta(hours=1))
    drill = services.weak_points.drill_filter(services.weak_points.drill_keys())
    session = ReviewSession(services.study, services.clock, card_filter=drill)
    session.start()
    while session.card is not None:
        session.reveal()
        session.grade(Grade.GOOD)
    clock.advance(timedelta(days=200))  # both due again on their own schedule
    assert services.study.counts().review == 2
    assert services.study.counts(drill).total == 0
    assert services.study.next_card(drill) is None
