"""How a mock interview spends its minutes: warm-up questions, then a system-design round sized
to the time left with its phases scaled to it, and the minute the interviewer adds a constraint.

Pure arithmetic, so the planner, the setup text and the running screen agree on one answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

FLASHCARD_MINUTES = 2.5
"""Time an interviewer gives a short conceptual question, answer and one follow-up included."""
MIN_FLASHCARDS = 2
"""The design round leaves room for at least this many warm-up questions."""
MIN_DESIGN_MINUTES = 10
"""The shortest design round worth running; the bank format's lower bound for mock_time_box."""


def warm_up_minutes(flashcards_available: int) -> float:
    return min(MIN_FLASHCARDS, flashcards_available) * FLASHCARD_MINUTES


def design_round_minutes(
    length: int, time_box: int, mock_time_box: int | None, flashcards_available: int
) -> int | None:
    """Minutes a design prompt gets in a ``length``-minute mock: its full time box when that
    leaves room for the warm-up, else its shorter mock time box, else whatever the warm-up
    leaves (a prompt written without a mock time box still fits a short mock). None when not
    even ``MIN_DESIGN_MINUTES`` are left."""
    room = length - warm_up_minutes(flashcards_available)
    if time_box <= room:
        return time_box
    if mock_time_box is not None and mock_time_box <= room:
        return mock_time_box
    left = math.floor(room + 1e-9)
    return left if left >= MIN_DESIGN_MINUTES else None


def flashcards_that_fit(minutes: float) -> int:
    return max(0, math.floor(minutes / FLASHCARD_MINUTES + 1e-9))


def scale_phases(minutes: Sequence[int], total: int) -> list[int]:
    """Phase lengths scaled by one factor to add up to ``total`` whole minutes (largest
    remainder first), each phase keeping at least a minute while there are minutes to give."""
    whole = sum(minutes)
    if not minutes or whole <= 0 or total <= 0:
        return [0 for _ in minutes]
    if whole == total:
        return list(minutes)
    exact = [m * total / whole for m in minutes]
    scaled = [max(1, math.floor(x)) for x in exact]
    # largest remainders get the minutes still to give; take back from the longest if over
    order = sorted(range(len(minutes)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    spare = total - sum(scaled)
    for i in order:
        if spare <= 0:
            break
        scaled[i] += 1
        spare -= 1
    while spare < 0:
        longest = max(range(len(scaled)), key=lambda i: (scaled[i], -i))
        if scaled[longest] <= 1:
            break
        scaled[longest] -= 1
        spare += 1
    return scaled


def curveball_minute(round_minutes: float) -> int:
    """When the interviewer adds the constraint: halfway through the round, so there is time
    left to rework the design around it."""
    return max(1, int(round_minutes // 2))


@dataclass(frozen=True)
class DesignBox:
    """What sizing needs of one design prompt."""

    time_box: int
    mock_time_box: int | None
    curveballs: int


@dataclass(frozen=True)
class Outline:
    """What a mock of a role and length will contain, before its questions are chosen."""

    length: int
    flashcards: tuple[int, int]
    """Fewest and most short questions (it depends on the design round drawn)."""
    design_minutes: tuple[int, ...]
    """The lengths the design round can have, shortest first; empty without one."""
    curveball: bool
    """Whether every prompt that can be drawn brings a constraint to add mid-round."""


def outline(length: int, flashcards_available: int, designs: Sequence[DesignBox]) -> Outline:
    fitting = [
        (minutes, box)
        for box in designs
        if (
            minutes := design_round_minutes(
                length, box.time_box, box.mock_time_box, flashcards_available
            )
        )
        is not None
    ]
    rounds = tuple(sorted({minutes for minutes, _ in fitting}))
    if rounds:
        counts = [
            min(flashcards_available, flashcards_that_fit(length - m))
            for m in (rounds[-1], rounds[0])
        ]
    else:
        counts = [min(flashcards_available, flashcards_that_fit(length))] * 2
    return Outline(
        length=length,
        flashcards=(counts[0], counts[1]),
        design_minutes=rounds,
        curveball=bool(fitting) and all(box.curveballs > 0 for _, box in fitting),
    )
