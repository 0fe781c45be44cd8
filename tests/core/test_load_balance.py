"""Load balancing and Easy Days pick a due day inside the fuzz range, worked out by hand."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from interviewprep.core.easy_days import EasyDay, EasyDays, day_factors, lighter_days
from interviewprep.core.load_balance import (
    MAX_BALANCED_INTERVAL,
    DayOption,
    Planned,
    balances,
    day_weights,
    place,
    weighted_pick,
    window,
)
from interviewprep.core.scheduling import FuzzRange

NORMAL, REDUCED, MINIMUM = EasyDay.NORMAL, EasyDay.REDUCED, EasyDay.MINIMUM
EVERY_DAY_NORMAL = EasyDays()
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def days_from_monday(loads: dict[int, int], first_weekday: int = MON) -> Callable[[int], DayOption]:
    """Options for intervals whose day 0 is a ``first_weekday``, with the given loads."""

    def option(interval: int) -> DayOption:
        return DayOption(interval, (first_weekday + interval) % 7, loads.get(interval, 0))

    return option


def easy(**settings: EasyDay) -> EasyDays:
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return EasyDays(tuple(settings.get(name, NORMAL) for name in names))


def test_a_busy_day_weighs_the_inverse_square_of_its_load_over_the_interval() -> None:
    options = [DayOption(10, WED, 5), DayOption(11, THU, 0), DayOption(12, FRI, 5)]
    # (1/5)^2 / 10, an empty day 1, (1/5)^2 / 12
    assert day_weights(options, EVERY_DAY_NORMAL, balance=True) == pytest.approx(
        [0.004, 1.0, 1 / 300]
    )
    # the draw lands on a day by its share of the total, 1.00733...
    assert weighted_pick([0.004, 1.0, 1 / 300], 0.0039) == 0  # below 0.004 / 1.00733
    assert weighted_pick([0.004, 1.0, 1 / 300], 0.5) == 1
    assert weighted_pick([0.004, 1.0, 1 / 300], 0.9999) == 2  # above 1.004 / 1.00733


def test_a_busy_day_is_avoided() -> None:
    # a Good answer that may go 10, 11 or 12 days out; 30 cards are due on day 11 already
    planned = [Planned(FuzzRange(10, 12), plain=11)]
    option = days_from_monday({10: 4, 11: 30, 12: 4})
    chosen = [
        place(planned, option, EVERY_DAY_NORMAL, True, random.Random(s))[0] for s in range(500)
    ]
    # weights 1/160, 1/9900, 1/192: day 11 takes 0.9% of the draws, against a third without
    assert chosen.count(11) < 15
    assert {10, 12} <= set(chosen)
    # with nothing due anywhere the days are alike and the shorter-interval factor is moot
    even = [
        place(planned, days_from_monday({}), EVERY_DAY_NORMAL, True, random.Random(s))[0]
        for s in range(600)
    ]
    assert all(150 < even.count(day) < 250 for day in (10, 11, 12))


def test_an_easy_day_set_to_minimum_gets_nothing_while_its_range_has_another_day() -> None:
    # days 4..8 from a Monday: Friday to Tuesday. Sunday is empty, the rest are full: without
    # Easy Days nearly every card would go on Sunday.
    loads = {4: 20, 5: 20, 6: 0, 7: 20, 8: 20}
    planned = [Planned(FuzzRange(4, 8), plain=6)]
    option = days_from_monday(loads)
    assert option(6).weekday == SUN
    plain_sundays = [
        place(planned, option, EVERY_DAY_NORMAL, True, random.Random(s))[0] for s in range(200)
    ]
    assert plain_sundays.count(6) > 190
    sunday_off = easy(sun=MINIMUM)
    chosen = [place(planned, option, sunday_off, True, random.Random(s))[0] for s in range(200)]
    assert 6 not in chosen
    assert set(chosen) == {4, 5, 7, 8}
    # Saturday and Sunday both Minimum: the card goes on a weekday, with load balancing off too
    weekend_off = easy(sat=MINIMUM, sun=MINIMUM)
    for balance in (True, False):
        chosen = [
            place(planned, option, weekend_off, balance, random.Random(s))[0] for s in range(200)
        ]
        assert set(chosen) == {4, 7, 8}


def test_a_range_of_only_minimum_days_still_places_the_card_inside_it() -> None:
    planned = [Planned(FuzzRange(5, 6), plain=5)]  # Saturday, Sunday
    chosen = {
        place(
            planned,
            days_from_monday({5: 3}),
            easy(sat=MINIMUM, sun=MINIMUM),
            True,
            random.Random(s),
        )[0]
        for s in range(50)
    }
    assert chosen <= {5, 6} and 6 in chosen  # the emptier Sunday, as without Easy Days


def test_a_reduced_day_closes_once_it_holds_more_than_half_a_normal_day() -> None:
    # Friday (normal) 4 due, Saturday (reduced) 3, Sunday (normal) 4. Shares 1 + 0.5 + 1.
    # The other days hold 8 cards for a share of 2, so 4 per normal day; Saturday's 3 count as
    # 6 for a full day: more than 4, closed.
    settings = easy(sat=REDUCED)
    assert day_factors(settings, [FRI, SAT, SUN], [4, 3, 4]) == [1.0, 0.0, 1.0]
    # With 2 (4 for a full day) it is at the others' level and still open.
    assert day_factors(settings, [FRI, SAT, SUN], [4, 2, 4]) == [1.0, 1.0, 1.0]
    # A Minimum day is closed even when empty, a Normal day open even when full.
    assert day_factors(easy(sun=MINIMUM), [SAT, SUN], [50, 0]) == [1.0, 0.0]
    # A lone Reduced day has nothing to be compared with: open.
    assert day_factors(settings, [SAT], [9]) == [1.0]


def test_reduced_days_end_up_with_about_half_the_load_of_normal_days() -> None:
    # 700 cards, each with a week-long range (every weekday once), Saturday and Sunday reduced
    settings = easy(sat=REDUCED, sun=REDUCED)
    loads: dict[int, int] = {}
    rng = random.Random(3)
    for _ in range(700):
        day = place([Planned(FuzzRange(7, 13), 10)], days_from_monday(loads), settings, True, rng)[
            0
        ]
        assert day is not None
        loads[day] = loads.get(day, 0) + 1
    weekday_mean = sum(loads[d] for d in (7, 8, 9, 10, 11)) / 5
    for weekend_day in (12, 13):  # Saturday, Sunday
        assert loads[weekend_day] == pytest.approx(weekday_mean / 2, abs=2)


def test_never_outside_the_fuzz_range_and_better_grades_never_sooner() -> None:
    rng = random.Random(11)
    settings = [
        EVERY_DAY_NORMAL,
        easy(sun=MINIMUM),
        easy(sat=REDUCED, sun=MINIMUM),
        EasyDays((MINIMUM,) * 7),
    ]
    for _ in range(2_000):
        first = rng.randrange(2, 80)
        ranges: list[FuzzRange] = []
        for _grade in range(3):  # Hard, Good, Easy: a better grade's range starts and ends later
            low = rng.randrange(first, first + 30)
            high = max(low + rng.randrange(0, 12), ranges[-1].latest if ranges else 0)
            ranges.append(FuzzRange(low, high))
            first = low
        draw = rng.random()  # plain fuzz: one draw for every grade, as in the scheduler
        planned = [None] + [
            Planned(r, r.earliest + int(draw * (r.latest - r.earliest + 1))) for r in ranges
        ]
        loads = {d: rng.randrange(0, 40) for d in range(0, 140)}
        last_allowed = rng.choice([None, rng.randrange(1, 120)])
        chosen = place(
            planned,
            days_from_monday(loads, rng.randrange(7)),
            rng.choice(settings),
            rng.random() < 0.8,
            random.Random(rng.random()),
            last_allowed,
        )
        assert chosen[0] is None
        days = [d for d in chosen[1:] if d is not None]
        assert len(days) == 3
        for day, fuzz in zip(days, ranges, strict=True):
            assert day in fuzz
        assert days == sorted(days)
        if last_allowed is not None:
            for day, fuzz in zip(days, ranges, strict=True):
                # kept before the interview where it can be (the rest the interview cap moves)
                if balances(Planned(fuzz, day), last_allowed):
                    assert day <= max(last_allowed, days[0])


def test_the_same_seed_gives_the_same_days() -> None:
    planned = [
        None,
        Planned(FuzzRange(8, 12), 9),
        Planned(FuzzRange(11, 16), 13),
        Planned(FuzzRange(20, 26), 22),
    ]
    option = days_from_monday({d: (d * 7) % 5 for d in range(30)})

    def run(seed: int) -> list[int | None]:
        return place(planned, option, easy(sat=REDUCED), True, random.Random(seed))

    assert run(5) == run(5)
    assert len({tuple(run(seed)) for seed in range(40)}) > 5  # and the seed matters


def test_turned_off_it_is_plain_fuzz() -> None:
    planned = [None, Planned(FuzzRange(8, 12), 12), Planned(FuzzRange(11, 16), 11)]
    option = days_from_monday({12: 40, 11: 40})
    assert place(planned, option, EVERY_DAY_NORMAL, False, random.Random(1)) == [None, 12, 11]


def test_far_intervals_keep_their_plain_fuzz_as_in_anki() -> None:
    far = Planned(FuzzRange(MAX_BALANCED_INTERVAL, MAX_BALANCED_INTERVAL + 12), 95)
    near = Planned(FuzzRange(40, 46), 44)
    assert window([far]) == range(0)
    assert window([near, far]) == range(40, 47)
    busy = days_from_monday({95: 100})
    assert place([far], busy, easy(sun=MINIMUM), True, random.Random(2)) == [95]


def test_the_interview_eve_bounds_the_choice() -> None:
    # the range runs 10..16 days out, the interview is 14 days away: 13 is the last day allowed
    planned = [Planned(FuzzRange(10, 16), 15)]
    option = days_from_monday({10: 9, 11: 9, 12: 9, 13: 9})  # 14..16 are empty and tempting
    assert window(planned, last_allowed=13) == range(10, 14)
    chosen = {
        place(planned, option, EVERY_DAY_NORMAL, True, random.Random(s), 13)[0] for s in range(60)
    }
    assert chosen == {10, 11, 12, 13}
    # a range wholly after the eve is left alone (the interview cap moves it afterwards)
    assert place(
        [Planned(FuzzRange(20, 24), 22)], option, EVERY_DAY_NORMAL, True, random.Random(1), 13
    ) == [22]


def test_easy_days_settings_read_back_and_describe_themselves() -> None:
    settings = easy(sat=REDUCED, sun=MINIMUM)
    assert EasyDays.from_setting(settings.to_setting()) == settings
    assert settings.describe() == "Saturday reduced, Sunday minimum"
    assert EasyDays.from_setting(["normal"] * 6 + ["sometimes"]) == EVERY_DAY_NORMAL
    assert EasyDays.from_setting("garbage") == EVERY_DAY_NORMAL
    assert EVERY_DAY_NORMAL.plain and not settings.plain
    assert not EasyDays((REDUCED,) * 7).has_normal_day


def test_the_lighter_days_read_as_a_phrase() -> None:
    assert lighter_days(EVERY_DAY_NORMAL) == ""
    assert lighter_days(easy(sun=MINIMUM)) == "Sunday (minimum)"
    assert lighter_days(easy(wed=REDUCED, sat=REDUCED, sun=MINIMUM)) == (
        "Wednesday (reduced), Saturday (reduced) and Sunday (minimum)"
    )
