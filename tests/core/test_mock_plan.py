"""The arithmetic of a mock interview's minutes: the design round sized to what is left, its
phases scaled, the constraint's minute, and the setup page's outline."""

from __future__ import annotations

from interviewprep.core.mock_plan import (
    DesignBox,
    curveball_minute,
    design_round_minutes,
    outline,
    scale_phases,
)


def test_a_round_keeps_its_full_time_box_when_it_fits_else_its_mock_box_else_what_is_left() -> None:
    assert design_round_minutes(60, 45, 20, flashcards_available=30) == 45
    assert design_round_minutes(45, 45, 20, flashcards_available=30) == 20
    assert design_round_minutes(30, 45, 25, flashcards_available=30) == 25
    assert design_round_minutes(30, 45, None, flashcards_available=30) == 25  # squeezed
    assert design_round_minutes(30, 45, 28, flashcards_available=30) == 25  # 28 leaves no warm-up
    assert design_round_minutes(12, 45, None, flashcards_available=30) is None  # 7 min: too short
    assert design_round_minutes(30, 45, None, flashcards_available=0) == 30  # nothing to warm up


def test_phases_scale_by_one_factor_to_whole_minutes_that_add_up() -> None:
    assert scale_phases([5, 10, 30], 25) == [3, 5, 17]  # the example in docs/bank-format.md
    assert scale_phases([5, 5, 5, 10, 10, 7, 3], 20) == [2, 2, 2, 5, 5, 3, 1]
    for total in range(7, 45):
        scaled = scale_phases([5, 5, 5, 10, 10, 7, 3], total)
        assert sum(scaled) == total and min(scaled) >= 1
    assert scale_phases([15, 30], 45) == [15, 30]


def test_the_constraint_comes_halfway_through_the_round() -> None:
    assert curveball_minute(20) == 10
    assert curveball_minute(25) == 12
    assert curveball_minute(45) == 22


def test_outline_gives_the_range_the_drawn_prompt_can_make() -> None:
    boxes = [DesignBox(45, 20, 2), DesignBox(45, 25, 0)]
    shape = outline(45, 100, boxes)
    assert shape.design_minutes == (20, 25)
    assert shape.flashcards == (8, 10)
    assert not shape.curveball  # one prompt that can be drawn has none
    assert outline(60, 100, boxes).design_minutes == (45,)
    assert outline(30, 100, []).design_minutes == ()
    assert outline(30, 100, []).flashcards == (12, 12)
