"""Which key points an answer raised is stored with it, and the weakest-criteria report and the
drill list are made of those results."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.core.key_points import Coverage, CriterionKind, CriterionResult
from interviewprep.services.app import Services
from interviewprep.services.review_session import ReviewSession
from interviewprep.services.weak_points import Trend
from tests.banktext import bank, write

COVERED, PARTLY, MISSED = Coverage.COVERED, Coverage.PARTLY, Coverage.MISSED


def results(*coverages: Coverage) -> list[CriterionResult]:
    return [CriterionResult(i, f"point {i}", 1, c) for i, c in enumerate(coverages)]


def started(services: Services, tmp_path: Path, ids: tuple[str, ...] = ("a", "b")) -> ReviewSession:
    services.library.import_paths([write(tmp_path / "demo.md", bank(ids=ids))])
    session = ReviewSession(services.study, services.clock)
    session.start()
    return session


def answer(session: ReviewSession, *coverages: Coverage, grade: Grade = Grade.AGAIN) -> int:
    session.reveal()
    done = session.grade(grade, results(*coverages))
    assert done is not None
    return done.review_id


def test_an_answers_key_points_are_stored_with_it(services: Services, tmp_path: Path) -> None:
    session = started(services, tmp_path)
    review_id = answer(session, COVERED, MISSED, PARTLY)
    assert services.weak_points.results_of_review(review_id) == results(COVERED, MISSED, PARTLY)


def test_undoing_the_answer_takes_its_results_back(services: Services, tmp_path: Path) -> None:
    session = started(services, tmp_path)
    review_id = answer(session, MISSED, MISSED, MISSED)
    assert services.weak_points.weakest()
    session.undo()
    assert services.weak_points.results_of_review(review_id) == []
    assert services.weak_points.weakest() == []


def test_an_answer_without_a_checklist_stores_no_results(
    services: Services, tmp_path: Path
) -> None:
    session = started(services, tmp_path)
    session.reveal()
    done = session.grade(Grade.GOOD)
    assert done is not None
    assert services.weak_points.results_of_review(done.review_id) == []


def test_the_most_missed_point_comes_first_with_its_question_and_role(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    session = started(services, tmp_path, ("a", "b", "c"))
    for _ in range(3):  # "a" misses point 1 three times; "b" misses point 0 once, partly once
        answer(session, COVERED, MISSED)  # a
        answer(session, MISSED, COVERED)  # b
        answer(session, COVERED, COVERED)  # c
        clock.advance(timedelta(minutes=20))
    weakest = services.weak_points.weakest()
    top = weakest[0]
    assert (top.question_id, top.text, top.lost, top.checked) == ("a", "point 1", 3.0, 3)
    assert top.question_title == "What is a?"  # a title, never the raw id
    assert top.kind is CriterionKind.KEY_POINT
    assert top.role == "agent-engineer" and top.topic == "llm-fundamentals"
    assert {(w.question_id, w.text) for w in weakest} == {("a", "point 1"), ("b", "point 0")}
    assert services.weak_points.weakest(roles=("ml-engineer",)) == []
    assert services.weak_points.weakest(topic="rag") == []


def test_a_partial_counts_half_and_one_partial_is_not_yet_weak(
    services: Services, tmp_path: Path
) -> None:
    session = started(services, tmp_path, ("a",))
    answer(session, PARTLY)
    assert services.weak_points.weakest() == []
    session.undo()
    answer(session, PARTLY)
    answer(session, PARTLY)
    (weak,) = services.weak_points.weakest()
    assert weak.lost == 1.0 and weak.missed_share == 0.5


def test_results_older_than_the_window_are_forgotten(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    session = started(services, tmp_path, ("a",))
    answer(session, MISSED)
    clock.advance(timedelta(days=29))
    assert services.weak_points.weakest() == []


def test_the_trend_compares_the_recent_half_with_the_earlier(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    session = started(services, tmp_path, ("a",))
    answer(session, MISSED, COVERED)  # point 0 missed early, point 1 raised early
    for wait in (timedelta(days=20), timedelta(minutes=20)):
        clock.advance(wait)
        session = ReviewSession(services.study, services.clock)
        assert session.start() is not None
        answer(session, COVERED, MISSED)  # then the other way round, twice
    weakest = services.weak_points.weakest()
    assert [(w.text, w.lost, w.trend) for w in weakest] == [
        ("point 1", 2.0, Trend.WORSE),
        ("point 0", 1.0, Trend.BETTER),
    ]


def test_drill_keys_skip_questions_whose_points_were_raised_last_time(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    session = started(services, tmp_path, ("a", "b"))
    answer(session, MISSED)  # a
    answer(session, MISSED)  # b
    clock.advance(timedelta(minutes=20))
    while session.card is not None and session.card.question_id != "a":
        session.reveal()
        session.grade(Grade.AGAIN)
    answer(session, COVERED)  # a: raised in full at its latest check
    assert services.weak_points.drill_keys() == [("demo", "b")]
