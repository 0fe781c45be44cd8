"""The key-point checklist the candidate ticks after revealing a flashcard's answer.

Kept free of Qt so the rules (which key does what, what the marks suggest) are tested on their
own; the review screen only draws a ``Checklist`` and forwards keys and clicks to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from interviewprep.core.cards import Grade
from interviewprep.core.key_points import (
    Coverage,
    CriterionResult,
    PointMark,
    coverage_share,
    suggested_grade,
)

KEYS = "QWERTYU"
"""One key per point, left to right on the letter row: the digit row above is the grades'.
Seven keys for the bank format's at most seven points."""

# A click walks the states in the order a second thought usually takes: "I said it", then
# "well, half of it", then "no".
_NEXT_ON_CLICK = {
    Coverage.MISSED: Coverage.COVERED,
    Coverage.COVERED: Coverage.PARTLY,
    Coverage.PARTLY: Coverage.MISSED,
}


@dataclass(frozen=True)
class Point:
    text: str
    weight: int = 1


@dataclass
class Checklist:
    """A card's key points, each missed until the candidate says otherwise."""

    points: tuple[Point, ...]
    marks: list[Coverage] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.points = self.points[: len(KEYS)]
        if len(self.marks) != len(self.points):
            self.marks = [Coverage.MISSED] * len(self.points)

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any]) -> Checklist:
        """The checklist of a card from its ``CardRecord.extra`` (the bank's ``key_points``:
        each a text and a weight); empty for a card without them."""
        raw = extra.get("key_points") or []
        points = tuple(
            Point(str(p["text"]), max(1, int(p.get("weight") or 1)))
            for p in raw
            if isinstance(p, Mapping) and p.get("text")
        )
        return cls(points)

    def __len__(self) -> int:
        return len(self.points)

    def __bool__(self) -> bool:
        return bool(self.points)

    def key(self, index: int) -> str:
        return KEYS[index]

    def tick(self, index: int) -> bool:
        """A point's key: covered, or back to missed if it was covered. False if there is no
        such point (a key past the last one does nothing)."""
        if not 0 <= index < len(self.points):
            return False
        current = self.marks[index]
        self.marks[index] = Coverage.MISSED if current == Coverage.COVERED else Coverage.COVERED
        return True

    def tick_partly(self, index: int) -> bool:
        """Shift and a point's key: partly, or back to missed if it was partly."""
        if not 0 <= index < len(self.points):
            return False
        current = self.marks[index]
        self.marks[index] = Coverage.MISSED if current == Coverage.PARTLY else Coverage.PARTLY
        return True

    def click(self, index: int) -> bool:
        """A click on a point: missed, covered, partly, missed again."""
        if not 0 <= index < len(self.points):
            return False
        self.marks[index] = _NEXT_ON_CLICK[self.marks[index]]
        return True

    def results(self) -> list[CriterionResult]:
        """Every point as marked, to store with the answer: an unticked point was missed."""
        return [
            CriterionResult(position, point.text, point.weight, mark)
            for position, (point, mark) in enumerate(zip(self.points, self.marks, strict=True))
        ]

    def point_marks(self) -> list[PointMark]:
        return [
            PointMark(point.weight, mark)
            for point, mark in zip(self.points, self.marks, strict=True)
        ]

    @property
    def share(self) -> float:
        return coverage_share(self.point_marks())

    @property
    def suggested(self) -> Grade | None:
        """The grade the marks suggest (``core.key_points.suggested_grade``); None without
        points. Only a suggestion: the candidate's own grade is what is stored."""
        return suggested_grade(self.point_marks())

    @property
    def covered(self) -> int:
        return sum(mark == Coverage.COVERED for mark in self.marks)

    @property
    def partly(self) -> int:
        return sum(mark == Coverage.PARTLY for mark in self.marks)

    def owns_last_key(self) -> bool:
        """Whether the last key (U, otherwise undo) ticks a point: only with all seven."""
        return len(self.points) == len(KEYS)
