"""How much of a flashcard's key points an answer covered, and the grade that suggests.

The same rule serves the checklist the candidate ticks and the optional AI grader: the grade is
always derived here, from the per-point marks, never taken from a model's own verdict (a judge
can contradict its marks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from interviewprep.core.cards import Grade


class CriterionKind(StrEnum):
    """What was checked: a flashcard's key point, or a design prompt's rubric item."""

    KEY_POINT = "key_point"
    RUBRIC_ITEM = "rubric_item"


class Coverage(StrEnum):
    COVERED = "covered"
    PARTLY = "partly"
    MISSED = "missed"


_CREDIT = {Coverage.COVERED: 1.0, Coverage.PARTLY: 0.5, Coverage.MISSED: 0.0}

# Below each share of the weighted points, the grade it suggests; every point earns Easy.
_THRESHOLDS = ((0.5, Grade.AGAIN), (0.75, Grade.HARD), (1.0, Grade.GOOD))


@dataclass(frozen=True)
class PointMark:
    """One key point as marked: its weight, and how well the answer raised it."""

    weight: int
    coverage: Coverage


def coverage_share(marks: Sequence[PointMark]) -> float:
    """The weighted share of the points the answer raised, 0.0-1.0 (a half for 'partly')."""
    total = sum(mark.weight for mark in marks)
    if total <= 0:
        return 0.0
    return sum(mark.weight * _CREDIT[mark.coverage] for mark in marks) / total


def suggested_grade(marks: Sequence[PointMark]) -> Grade | None:
    """Under half the points: Again; under three quarters: Hard; short of all: Good; all: Easy.
    None for a card without key points: there is nothing to suggest from."""
    if not marks:
        return None
    share = coverage_share(marks)
    for bound, grade in _THRESHOLDS:
        if share < bound - 1e-9:
            return grade
    return Grade.EASY


@dataclass(frozen=True)
class CriterionResult:
    """How one checked criterion came out: a flashcard's key point after an answer, or a
    design prompt's rubric item after an attempt. ``position`` is its place in the card's
    list, ``text`` its words then (a bank update may reword or reorder the list later)."""

    position: int
    text: str
    weight: int
    coverage: Coverage

    @property
    def lost(self) -> float:
        """The share of this criterion the answer missed: 1 missed, 0.5 partly, 0 covered."""
        return 1.0 - _CREDIT[self.coverage]
