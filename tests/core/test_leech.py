from __future__ import annotations

from interviewprep.core.leech import LEECH_LAPSES, became_leech, is_leech


def test_the_eighth_lapse_makes_a_leech_and_every_fourth_after_asks_again() -> None:
    assert LEECH_LAPSES == 8
    assert not is_leech(7) and is_leech(8) and is_leech(20)
    warned = [n for n in range(1, 21) if became_leech(n - 1, n)]
    assert warned == [8, 12, 16, 20]


def test_only_a_new_lapse_warns() -> None:
    assert not became_leech(8, 8)  # a Good on a leech
    assert not became_leech(9, 8)  # undo
    assert not became_leech(6, 7)
