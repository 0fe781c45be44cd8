"""Optimising FSRS on a user's history improves predictions of their newest reviews."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import fsrs_rs_python as rs
from sqlalchemy import insert

from interviewprep.core.clock import StudyDay
from interviewprep.core.memory_model import DEFAULT_PARAMETERS
from interviewprep.core.scheduling import FLASHCARD_PRESET
from interviewprep.services.app import Services
from interviewprep.services.personal_parameters import PersonalParameters
from interviewprep.storage.models import ReviewRow

START = datetime(2025, 1, 1, 10, tzinfo=UTC)


def forgetful_user_history(cards: int, seed: int = 3) -> list[dict[str, object]]:
    """Reviews of a user who forgets new material much faster than FSRS's defaults assume."""
    rng = random.Random(seed)
    true = list(DEFAULT_PARAMETERS)
    true[0:4] = [0.05, 0.15, 0.4, 1.2]
    model = rs.FSRS(true)
    decay = -true[20]
    factor = 0.9 ** (1 / decay) - 1
    rows: list[dict[str, object]] = []
    for card in range(cards):
        memory = None
        moment = START + timedelta(minutes=card)
        for review in range(7):
            if memory is None:
                rating, delta = 3, 0
            else:
                delta = rng.randint(1, 12)
                recall = (1 + factor * delta / memory.stability) ** decay
                rating = 3 if rng.random() < recall else 1
            moment += timedelta(days=delta)
            states = model.next_states(memory, 0.9, delta)
            memory = (states.good if rating == 3 else states.again).memory
            rows.append(
                {
                    "bank_id": "b", "question_id": f"q{card}", "question_type": "flashcard",
                    "rating": rating, "reviewed_at": moment, "duration_ms": 1000,
                    "state_before": 0 if review == 0 else 2, "state_after": 2,
                    "stability": memory.stability, "difficulty": memory.difficulty,
                    "due": moment, "before": {},
                }
            )  # fmt: skip
    return rows


def test_optimising_a_forgetful_history_keeps_better_parameters(services: Services) -> None:
    with services.db.transaction() as session:
        session.execute(insert(ReviewRow), forgetful_user_history(400))
    personal = PersonalParameters(services.db, services.settings, StudyDay(zone=UTC))
    assert personal.suggested("flashcard")
    steps: list[tuple[int, int]] = []
    result = personal.optimise("flashcard", lambda done, total: steps.append((done, total)))
    assert result.kept
    assert result.before_log_loss is not None and result.after_log_loss is not None
    assert result.after_log_loss < result.before_log_loss
    assert services.settings.preset("flashcard").parameters != FLASHCARD_PRESET.parameters
    assert steps[-1] == (3, 3)
    assert not personal.suggested("flashcard")  # just optimised on all of it


def test_too_little_history_changes_nothing(services: Services) -> None:
    with services.db.transaction() as session:
        session.execute(insert(ReviewRow), forgetful_user_history(10))
    personal = PersonalParameters(services.db, services.settings, StudyDay(zone=UTC))
    result = personal.optimise("flashcard")
    assert not result.kept
    assert "Not enough history" in result.message
    assert services.settings.preset("flashcard").parameters == FLASHCARD_PRESET.parameters
