"""The grade a checklist suggests follows the weighted share of points raised."""

from __future__ import annotations

import pytest

from interviewprep.core.cards import Grade
from interviewprep.core.key_points import Coverage, PointMark, coverage_share, suggested_grade

C, P, M = Coverage.COVERED, Coverage.PARTLY, Coverage.MISSED


def marks(*pairs: tuple[int, Coverage]) -> list[PointMark]:
    return [PointMark(weight, coverage) for weight, coverage in pairs]


@pytest.mark.parametrize(
    ("given", "share", "grade"),
    [
        (marks((1, M), (1, M), (1, M), (1, C)), 0.25, Grade.AGAIN),
        (marks((1, C), (1, C), (1, M), (1, M)), 0.5, Grade.HARD),  # half is no longer Again
        (marks((1, C), (1, C), (1, C), (1, M)), 0.75, Grade.GOOD),
        (marks((1, C), (1, C), (1, C), (1, P)), 0.875, Grade.GOOD),
        (marks((1, C), (1, C), (1, C)), 1.0, Grade.EASY),
        (marks((3, C), (1, M)), 0.75, Grade.GOOD),  # a heavy point counts for more
        (marks((1, C), (3, M)), 0.25, Grade.AGAIN),
        (marks((2, P), (2, P)), 0.5, Grade.HARD),
    ],
)
def test_the_suggestion_follows_the_weighted_share(
    given: list[PointMark], share: float, grade: Grade
) -> None:
    assert coverage_share(given) == pytest.approx(share)
    assert suggested_grade(given) is grade


def test_no_key_points_suggests_nothing() -> None:
    assert suggested_grade([]) is None
    assert coverage_share([]) == 0.0
