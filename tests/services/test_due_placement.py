"""Answers spread over the days of their fuzz range: load balancing evens out the days ahead,
Easy Days keep the chosen weekdays light, and turning both off gives plain fuzz."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.core.easy_days import EasyDay, EasyDays
from interviewprep.services.app import Services, build_services
from interviewprep.services.study import card_key
from tests.banktext import bank, write
from tests.conftest import START, UTC_DAY

CARDS = 150
SUNDAY = 6


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    return write(tmp_path / "banks" / "big.md", bank(ids=tuple(f"q{i:03d}" for i in range(CARDS))))


Opener = Callable[[str], Services]


@pytest.fixture
def open_folder(tmp_path: Path, banks: Path) -> Iterator[Opener]:
    """Opens a fresh data folder, on a clock of its own at ``START``, with the bank installed
    and every card allowed today."""
    opened: list[Services] = []

    def open_one(name: str) -> Services:
        services = build_services(tmp_path / name, clock=FixedClock(START), study_day=UTC_DAY)
        opened.append(services)
        services.library.import_paths([banks])
        services.settings.update_preset("flashcard", new_per_day=CARDS, reviews_per_day=9999)
        return services

    yield open_one
    for services in opened:
        services.close()


def learn_everything_in_one_sitting(services: Services) -> dict[date, int]:
    """Answer every new card Easy (a week-long interval with a fuzz range of several days),
    as the review screen does, and read back the "Coming up" forecast: cards due per day."""
    clock = services.clock
    assert isinstance(clock, FixedClock)
    while (card := services.study.next_card()) is not None:
        shown = services.study.next_states(card)
        services.study.answer(card, Grade.EASY, 4_000, shown)
        clock.advance(timedelta(seconds=8))
    return {day.day: day.count for day in services.progress.report().forecast if day.count}


def test_balancing_spreads_a_batch_of_answers_evenly_over_the_days_ahead(
    open_folder: Opener,
) -> None:
    plain = open_folder("plain")
    plain.settings.load_balancing = False
    plain_days = learn_everything_in_one_sitting(plain)
    balanced_days = learn_everything_in_one_sitting(open_folder("balanced"))

    assert sum(plain_days.values()) == sum(balanced_days.values()) == CARDS
    # the same days: balancing only chooses among the days plain fuzz could have drawn
    assert set(balanced_days) == set(plain_days)
    # what the user sees in "Coming up": plain fuzz leaves days of 38 and of 8 cards
    # (17, 24, 38, 30, 33, 8); balanced, every day has 22 to 27
    plain_peak, balanced_peak = max(plain_days.values()), max(balanced_days.values())
    plain_gap = plain_peak - min(plain_days.values())
    balanced_gap = balanced_peak - min(balanced_days.values())
    assert balanced_peak <= 0.8 * plain_peak
    assert balanced_gap <= plain_gap / 3
    assert balanced_peak <= 1.1 * CARDS / len(balanced_days)


def test_an_easy_day_set_to_minimum_gets_none_of_them(open_folder: Opener) -> None:
    services = open_folder("sunday")
    services.settings.easy_days = EasyDays().with_day(SUNDAY, EasyDay.MINIMUM)
    could_go = _range_days(services)
    days = learn_everything_in_one_sitting(services)
    assert sum(days.values()) == CARDS
    assert any(day.weekday() == SUNDAY for day in could_go)
    assert all(day.weekday() != SUNDAY for day in days)


def test_a_reduced_day_gets_about_half_of_a_normal_day(open_folder: Opener) -> None:
    services = open_folder("reduced")
    services.settings.easy_days = EasyDays().with_day(SUNDAY, EasyDay.REDUCED)
    days = learn_everything_in_one_sitting(services)
    sunday = sum(n for day, n in days.items() if day.weekday() == SUNDAY)
    others = [n for day, n in days.items() if day.weekday() != SUNDAY]
    assert sunday == pytest.approx(sum(others) / len(others) / 2, abs=3)


def test_turned_off_an_answer_gets_the_schedulers_own_day(open_folder: Opener) -> None:
    services = open_folder("off")
    clock = services.clock
    services.settings.load_balancing = False
    card = services.study.next_card()
    assert card is not None
    expected = services.study.scheduler("flashcard").answer(
        card.state, Grade.EASY, clock.now(), card_key(card.bank_id, card.question_id)
    )
    assert services.study.answer(card, Grade.EASY, 1_000).after == expected


def test_the_settings_are_kept(open_folder: Opener, tmp_path: Path) -> None:
    services = open_folder("kept")
    assert services.settings.load_balancing  # on by default, as in Anki
    assert services.settings.easy_days.plain
    weekend = EasyDays().with_day(5, EasyDay.REDUCED).with_day(SUNDAY, EasyDay.MINIMUM)
    services.settings.easy_days = weekend
    services.settings.load_balancing = False
    services.close()
    again = build_services(tmp_path / "kept", clock=FixedClock(START), study_day=UTC_DAY)
    try:
        assert again.settings.easy_days == weekend
        assert not again.settings.load_balancing
    finally:
        again.close()


def _range_days(services: Services) -> set[date]:
    """The study days an Easy answer to a new card may land on now."""
    card, now = services.study.card("demo", "q000"), services.clock.now()
    result = services.study.scheduler("flashcard").scheduled(
        card.state, (Grade.EASY,), now, "demo/q000"
    )[Grade.EASY]
    assert result.fuzz_range is not None
    today = UTC_DAY.day_of(now)
    return {today + timedelta(days=n) for n in result.fuzz_range.days()}


def test_the_interview_plan_names_the_lighter_days(open_folder: Opener) -> None:
    services = open_folder("plan")
    services.settings.target_roles = ["agent-engineer"]
    services.settings.interview_date = (services.clock.now() + timedelta(days=30)).date()
    plan = services.stats.overview().plan
    assert plan is not None and "Easy Days" not in plan
    services.settings.easy_days = (
        EasyDays().with_day(5, EasyDay.REDUCED).with_day(SUNDAY, EasyDay.MINIMUM)
    )
    plan = services.stats.overview().plan
    assert plan is not None
    assert plan.endswith(" Easy Days keep Saturday (reduced) and Sunday (minimum) lighter.")
