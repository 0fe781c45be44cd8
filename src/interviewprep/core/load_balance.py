"""Load balancing, as in Anki 24.11: an answer's next review goes on a day of its fuzz range
with few cards already due, so the days ahead fill evenly instead of at random.

Anki's rule: each day of the range weighs ``(1 / cards due that day)^2 * (1 / interval)``, or
1 if nothing is due then; the shorter-interval factor keeps the choice from drifting to the
late end of the range. A weighted draw then picks the day, so two cards answered alike still
spread out, and the draw comes from a random source seeded per card and review: the same
answer always lands on the same day, as the interval on the grade button promises. Easy Days
(``core.easy_days``) multiply each day's weight by 1 or 0.

Past ``MAX_BALANCED_INTERVAL`` days the card keeps its plain fuzz, as in Anki: that far ahead
the days fill up again before the card is due. A card is never placed outside its fuzz
range, and better grades never get earlier days than worse ones.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from interviewprep.core.easy_days import EasyDays, day_factors
from interviewprep.core.scheduling import FuzzRange

MAX_BALANCED_INTERVAL = 90
"""Days; Anki's ``MAX_LOAD_BALANCE_INTERVAL``."""


@dataclass(frozen=True)
class DayOption:
    """One day a card could be due on."""

    interval: int
    """Days after the review."""
    weekday: int
    """``date.weekday()`` of the study day it falls on."""
    load: int
    """Cards already due that study day."""


@dataclass(frozen=True)
class Planned:
    """An answer whose due date can move: the fuzz range, and the day plain fuzz drew."""

    fuzz_range: FuzzRange
    plain: int


def load_weight(option: DayOption) -> float:
    if option.load == 0:
        return 1.0
    return (1.0 / option.load) ** 2 / option.interval


def day_weights(options: Sequence[DayOption], easy_days: EasyDays, balance: bool) -> list[float]:
    """Each day's weight in the draw: load balancing's (1 for every day when it is off), times
    Easy Days' factor. When Easy Days close every day of the range they are ignored for it:
    the card has to go somewhere, and the range is all it may use."""
    base = [load_weight(o) if balance else 1.0 for o in options]
    if easy_days.plain:
        return base
    factors = day_factors(easy_days, [o.weekday for o in options], [o.load for o in options])
    weights = [b * f for b, f in zip(base, factors, strict=True)]
    return weights if any(weights) else base


def weighted_pick(weights: Sequence[float], draw: float) -> int:
    """The index ``draw`` (in [0, 1)) falls on when each index takes its weight's share."""
    target = draw * sum(weights)
    cumulative = 0.0
    for index, weight in enumerate(weights):
        cumulative += weight
        if target < cumulative:
            return index
    return max(i for i, w in enumerate(weights) if w > 0)  # draw at the very top, rounding


def balances(planned: Planned, last_allowed: int | None = None) -> bool:
    """Whether ``planned`` is placed by weight, not left to plain fuzz: its interval (the
    middle of its range) is within ``MAX_BALANCED_INTERVAL``, and some day of its range is
    on or before ``last_allowed`` (the day before the interview, if any)."""
    low, high = planned.fuzz_range.earliest, planned.fuzz_range.latest
    if last_allowed is not None and low > last_allowed:
        return False
    return (low + high) / 2 <= MAX_BALANCED_INTERVAL


def window(planned: Sequence[Planned | None], last_allowed: int | None = None) -> range:
    """Every day any of ``planned`` may be placed on by weight: the days whose load to count."""
    ranges = [p.fuzz_range for p in planned if p is not None and balances(p, last_allowed)]
    if not ranges:
        return range(0)
    latest = max(r.latest for r in ranges)
    if last_allowed is not None:
        latest = min(latest, last_allowed)
    return range(min(r.earliest for r in ranges), latest + 1)


def place(
    planned: Sequence[Planned | None],
    option: Callable[[int], DayOption],
    easy_days: EasyDays,
    balance: bool,
    rng: random.Random,
    last_allowed: int | None = None,
) -> list[int | None]:
    """The interval for each answer of one card, in grade order (Again to Easy); None where
    there is no choice to make. ``option`` describes each day of ``window(planned)``. With
    balancing off and every day Normal, each answer keeps the day plain fuzz drew.

    Each answer's range starts no earlier than the day the worse grade before it got, so
    better grades never come back sooner. That stays within the range: a better grade's
    range ends no earlier than a worse one's."""
    if not balance and easy_days.plain:  # off: plain fuzz, exactly
        return [None if answer is None else answer.plain for answer in planned]
    chosen: list[int | None] = []
    floor = 0
    for answer in planned:
        if answer is None:
            chosen.append(None)
            continue
        fuzz = answer.fuzz_range
        start = min(max(fuzz.earliest, floor), fuzz.latest)
        if not balances(answer, last_allowed):
            day = max(answer.plain, start)
        else:
            end = (
                fuzz.latest if last_allowed is None else max(start, min(fuzz.latest, last_allowed))
            )
            options = [option(days) for days in range(start, end + 1)]
            weights = day_weights(options, easy_days, balance)
            draw = rng.random()  # drawn whatever happens next, so later answers' draws stay put
            if not balance and start <= answer.plain <= end and weights[answer.plain - start]:
                day = answer.plain  # Easy Days alone: plain fuzz, unless it drew a closed day
            else:
                day = options[weighted_pick(weights, draw)].interval
        chosen.append(day)
        floor = day
    return chosen
