"""Leeches: questions forgotten again and again after they were learned (as Anki).

A lapse is an Again on a card in review (``Scheduler.answers`` counts them). At the eighth the
card becomes a leech, and Anki asks again every half threshold after (12, 16, ...): rewording
the question, or putting it aside, beats drilling it a ninth time.
"""

from __future__ import annotations

LEECH_LAPSES = 8
"""Lapses that make a card a leech (Anki's default leech threshold)."""
_AGAIN_EVERY = LEECH_LAPSES // 2


def is_leech(lapses: int) -> bool:
    return lapses >= LEECH_LAPSES


def became_leech(lapses_before: int, lapses_after: int) -> bool:
    """Whether the answer that took a card from ``lapses_before`` to ``lapses_after`` lapses
    is the one to warn about: the lapse that reached the threshold, or each half threshold
    after it."""
    if lapses_after <= lapses_before or lapses_after < LEECH_LAPSES:
        return False
    return (lapses_after - LEECH_LAPSES) % _AGAIN_EVERY == 0
