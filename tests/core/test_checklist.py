"""The key-point checklist's rules, without Qt: which key does what, and the grade it suggests."""

from __future__ import annotations

from interviewprep.core.cards import Grade
from interviewprep.core.checklist import KEYS, Checklist, Point
from interviewprep.core.key_points import Coverage, CriterionResult

C, P, M = Coverage.COVERED, Coverage.PARTLY, Coverage.MISSED


def four() -> Checklist:
    return Checklist(tuple(Point(f"point {i}") for i in range(4)))


def test_every_point_starts_missed_and_suggests_again() -> None:
    checklist = four()
    assert checklist.marks == [M, M, M, M]
    assert checklist.suggested == Grade.AGAIN


def test_a_key_ticks_and_unticks_and_shift_marks_partly() -> None:
    checklist = four()
    assert checklist.tick(0)
    assert checklist.marks[0] == C
    assert checklist.tick(0)
    assert checklist.marks[0] == M
    assert checklist.tick_partly(1)
    assert checklist.marks[1] == P
    assert checklist.tick(1)  # a plain key over "partly": said after all
    assert checklist.marks[1] == C
    assert checklist.tick_partly(1)
    assert checklist.tick_partly(1)
    assert checklist.marks[1] == M


def test_a_click_walks_said_partly_missed() -> None:
    checklist = four()
    seen = []
    for _ in range(3):
        checklist.click(2)
        seen.append(checklist.marks[2])
    assert seen == [C, P, M]


def test_keys_past_the_last_point_do_nothing() -> None:
    checklist = four()
    assert not checklist.tick(4)
    assert not checklist.tick_partly(6)
    assert not checklist.click(-1)
    assert checklist.marks == [M, M, M, M]


def test_the_suggestion_follows_the_marks() -> None:
    checklist = four()
    grades = []
    for index in range(4):
        checklist.tick(index)
        grades.append(checklist.suggested)
    assert grades == [Grade.AGAIN, Grade.HARD, Grade.GOOD, Grade.EASY]
    checklist.tick_partly(3)
    assert checklist.suggested == Grade.GOOD
    assert (checklist.covered, checklist.partly) == (3, 1)


def test_weights_count() -> None:
    checklist = Checklist((Point("big", 3), Point("small"), Point("small too")))
    checklist.tick(0)
    assert checklist.share == 0.6
    assert checklist.suggested == Grade.HARD


def test_read_from_a_cards_extra_and_empty_without_key_points() -> None:
    extra = {"key_points": [{"text": "Names the trade-off", "weight": 2}, {"text": "Cites"}]}
    checklist = Checklist.from_extra(extra)
    assert checklist.points == (Point("Names the trade-off", 2), Point("Cites", 1))
    assert not Checklist.from_extra({})
    assert not Checklist.from_extra({"key_points": None})
    assert Checklist.from_extra({}).suggested is None


def test_only_seven_points_take_the_last_key() -> None:
    assert KEYS == "QWERTYU"
    assert not four().owns_last_key()
    seven = Checklist(tuple(Point(str(i)) for i in range(7)))
    assert seven.owns_last_key()
    assert [seven.key(i) for i in range(7)] == list(KEYS)


def test_results_name_every_point_and_count_unticked_ones_missed() -> None:
    checklist = Checklist((Point("first", 2), Point("second"), Point("third")))
    checklist.tick(1)
    checklist.tick_partly(2)
    assert checklist.results() == [
        CriterionResult(0, "first", 2, M),
        CriterionResult(1, "second", 1, C),
        CriterionResult(2, "third", 1, P),
    ]
