"""Answers given in tests, as a user gives them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interviewprep.core.cards import CardState, Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from tests.banktext import bank, write


def answered_twice(services: Services, clock: FixedClock, folder: Path, second: Grade) -> CardState:
    """Question 'a' of bank 'demo', installed from ``folder``, answered Easy, then ``second``
    an hour after it came due; the card's state between the two answers."""
    services.library.import_paths([write(folder / "demo.md", bank(ids=("a",)))])
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.EASY, 1000)
    reviewed = services.study.card("demo", "a")
    assert reviewed.state.stage == Stage.REVIEW and reviewed.state.due is not None
    clock.current = reviewed.state.due + timedelta(hours=1)
    services.study.answer(reviewed, second, 1000)
    return reviewed.state
