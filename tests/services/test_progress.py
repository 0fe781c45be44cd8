"""Progress figures from a simulated user's answers, day after day."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.progress import ACTIVITY_DAYS, FORECAST_DAYS
from tests.banktext import flashcard, front, write

TODAY = date(2026, 3, 2)  # the study day of tests.conftest.START


@pytest.fixture
def studied(services: Services, tmp_path: Path) -> Services:
    write(
        tmp_path / "banks" / "demo.md",
        front("demo")
        + flashcard("a", topics="[llm-fundamentals]")
        + flashcard("b", topics="[llm-fundamentals]")
        + flashcard("c", topics="[tool-use]")
        + flashcard("d", topics="[tool-use]"),
    )
    services.library.import_paths([tmp_path / "banks"])
    return services


def answer(services: Services, qid: str, grade: Grade) -> None:
    services.study.answer(services.study.card("demo", qid), grade, 2000)


def counts(days: list[object]) -> dict[date, int]:
    return {d.day: d.count for d in days if d.count}  # type: ignore[attr-defined]


def test_no_history_yet(studied: Services) -> None:
    report = studied.progress.report()
    assert not report.has_history
    assert report.day == TODAY
    assert len(report.reviews_per_day) == ACTIVITY_DAYS
    assert report.reviews_per_day[-1].day == TODAY
    assert not counts(report.reviews_per_day) and not counts(report.forecast)
    assert report.retention == []
    assert report.roles["agent-engineer"].readiness == 0


def test_reviews_per_day_and_calendar_follow_the_users_answers(
    studied: Services, clock: FixedClock
) -> None:
    for qid in ("a", "b", "c"):
        answer(studied, qid, Grade.EASY)
    clock.advance(timedelta(days=2))
    answer(studied, "d", Grade.GOOD)

    report = studied.progress.report()
    assert report.day == TODAY + timedelta(days=2)
    assert counts(report.reviews_per_day) == {TODAY: 3, TODAY + timedelta(days=2): 1}
    assert counts(report.calendar) == counts(report.reviews_per_day)
    assert report.calendar[0].day.weekday() == 0  # the heatmap's columns are weeks
    assert report.calendar[-1].day == report.day
    assert len(report.calendar) >= 365
    assert report.total_reviews == 4
    assert report.streak_days == 1


def test_forecast_counts_due_cards_per_day_with_overdue_today(
    studied: Services, clock: FixedClock
) -> None:
    answer(studied, "a", Grade.EASY)
    answer(studied, "b", Grade.AGAIN)  # learning: due again in a minute
    due_a = studied.study.card("demo", "a").state.due
    assert due_a is not None
    clock.advance(timedelta(hours=1))  # b is now overdue
    report = studied.progress.report()
    assert len(report.forecast) == FORECAST_DAYS
    assert report.forecast[0].day == report.day
    expected = {TODAY: 1}
    days_out = studied.study.study_day.day_of(due_a)
    expected[days_out] = expected.get(days_out, 0) + 1
    assert counts(report.forecast) == expected

    studied.browse.suspend([("demo", "a")])
    assert counts(studied.progress.report().forecast) == {TODAY: 1}


def test_true_retention_counts_only_cards_in_review_by_week(
    studied: Services, clock: FixedClock
) -> None:
    for qid in ("a", "b", "c", "d"):
        answer(studied, qid, Grade.EASY)  # learning answers: not part of retention
    assert studied.progress.report().retention == []
    clock.advance(timedelta(days=30))
    answer(studied, "a", Grade.AGAIN)
    for qid in ("b", "c", "d"):
        answer(studied, qid, Grade.GOOD)

    (week,) = studied.progress.report().retention
    assert week.week == date(2026, 3, 30)  # a Monday
    assert week.reviews == 4
    assert week.retention == pytest.approx(0.75)


def test_mastery_per_topic_in_the_role_profiles_order(studied: Services) -> None:
    answer(studied, "c", Grade.EASY)
    role = studied.progress.report().roles["agent-engineer"]
    topics = {t.topic: t for t in role.topics}
    assert set(topics) == {"llm-fundamentals", "tool-use"}
    assert topics["llm-fundamentals"].mastery == 0
    assert topics["tool-use"].seen == 1 and topics["tool-use"].questions == 2
    assert 0.4 < topics["tool-use"].mastery <= 0.5  # one of two questions, freshly recalled


def test_readiness_is_recorded_once_per_study_day(studied: Services, clock: FixedClock) -> None:
    studied.progress.report()
    answer(studied, "a", Grade.EASY)
    first = studied.progress.report()  # same day again: replaces the morning's figure
    clock.advance(timedelta(days=1))
    answer(studied, "b", Grade.EASY)
    second = studied.progress.report()

    history = second.readiness["agent-engineer"]
    assert [p.day for p in history] == [TODAY, TODAY + timedelta(days=1)]
    assert history[0].readiness == pytest.approx(first.roles["agent-engineer"].readiness)
    assert history[0].coverage == pytest.approx(0.25)
    assert history[1].coverage == pytest.approx(0.5)
    assert history[1].readiness > history[0].readiness


def test_progress_opened_again_without_studying_needs_no_write(studied: Services) -> None:
    """Another window importing holds the write lock: Progress still opens at once, as it has
    no new readiness to record (recording it would wait for the lock, then fail)."""
    answer(studied, "a", Grade.EASY)
    first = studied.progress.report()
    importing = sqlite3.connect(studied.db.path, isolation_level=None)
    try:
        importing.execute("BEGIN IMMEDIATE")
        again = studied.progress.report()
    finally:
        importing.close()
    assert again.roles["agent-engineer"].readiness == first.roles["agent-engineer"].readiness
    assert [p.day for p in again.readiness["agent-engineer"]] == [TODAY]
