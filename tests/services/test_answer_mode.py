"""The Review answer mode is remembered, and key points reach the card the screen shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.core.checklist import Checklist, Point
from interviewprep.services.app import Services
from tests.banktext import flashcard, front, write
from tests.conftest import OtherWindow


def test_the_answer_mode_is_reveal_until_changed_then_kept(
    services: Services, other_window: OtherWindow
) -> None:
    assert services.settings.review_answer_mode == "reveal"
    services.settings.review_answer_mode = "type"
    with other_window() as other:
        assert other.settings.review_answer_mode == "type"
    with pytest.raises(ValueError, match="unknown answer mode"):
        services.settings.review_answer_mode = "shout"
    services.settings.set("review.answer_mode", "garbled")  # a hand-edited database
    assert services.settings.review_answer_mode == "reveal"


def test_a_cards_key_points_come_with_it(services: Services, tmp_path: Path) -> None:
    points = "\n### Key points\n- Names the trade-off\n- [2] Gives a number\n- Says when it fails\n"
    path = write(tmp_path / "b" / "kp.md", front("kp") + flashcard("with") + points)
    write(path.with_name("plain.md"), front("plain") + flashcard("without"))
    services.library.import_paths([path.parent])
    card = services.study.card("kp", "with")
    assert Checklist.from_extra(card.extra).points == (
        Point("Names the trade-off"),
        Point("Gives a number", 2),
        Point("Says when it fails"),
    )
    assert not Checklist.from_extra(services.study.card("plain", "without").extra)
