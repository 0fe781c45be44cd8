"""Optimising FSRS on a user's history improves predictions of their newest reviews."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import fsrs_rs_python as rs
import pytest
from sqlalchemy import insert

from interviewprep.core import memory_model
from interviewprep.core.clock import StudyDay
from interviewprep.core.memory_model import DEFAULT_PARAMETERS
from interviewprep.core.scheduling import FLASHCARD_PRESET, SYSTEM_DESIGN_PRESET
from interviewprep.services.app import Services
from interviewprep.services.personal_parameters import PersonalParameters
from interviewprep.storage.models import ReviewRow

START = datetime(2025, 1, 1, 10, tzinfo=UTC)


def forgetful_user_history(
    cards: int, seed: int = 3, question_type: str = "flashcard"
) -> list[dict[str, object]]:
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
                    "bank_id": "b", "question_id": f"q{card}", "question_type": question_type,
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
    assert result.recency_weighted is not None
    assert "weighing" in result.message


def test_too_little_history_changes_nothing(services: Services) -> None:
    with services.db.transaction() as session:
        session.execute(insert(ReviewRow), forgetful_user_history(10))
    personal = PersonalParameters(services.db, services.settings, StudyDay(zone=UTC))
    result = personal.optimise("flashcard")
    assert not result.kept
    assert "Not enough history" in result.message
    assert services.settings.preset("flashcard").parameters == FLASHCARD_PRESET.parameters


def test_the_better_of_the_recency_weighted_and_plain_fits_is_kept(services: Services) -> None:
    with services.db.transaction() as session:
        session.execute(insert(ReviewRow), forgetful_user_history(600))
    personal = PersonalParameters(services.db, services.settings, StudyDay(zone=UTC))
    # the same split the service makes: newest 20% of scored reviews held out
    samples = memory_model.build_samples(personal._histories("flashcard"))
    split = int(len(samples) * 0.8)
    train, holdout = samples[:split], samples[split:]
    outcomes = [s.recalled for s in holdout]
    losses = {
        recency: memory_model.log_loss(
            memory_model.predict(holdout, memory_model.optimise(train, recency=recency)),
            outcomes,
        )
        for recency in (True, False)
    }
    result = personal.optimise("flashcard")
    assert result.kept
    assert result.after_log_loss == pytest.approx(min(losses.values()))
    assert result.recency_weighted is (losses[True] <= losses[False])
    weighting = "newer reviews weighing more" if result.recency_weighted else "weighing alike"
    assert weighting in result.message


def test_each_preset_is_fitted_on_its_own_reviews(services: Services) -> None:
    with services.db.transaction() as session:
        session.execute(insert(ReviewRow), forgetful_user_history(400))
        session.execute(insert(ReviewRow), forgetful_user_history(5, question_type="system-design"))
    personal = PersonalParameters(services.db, services.settings, StudyDay(zone=UTC))
    assert personal.optimise("flashcard").kept
    assert services.settings.preset("system-design").parameters == SYSTEM_DESIGN_PRESET.parameters
    flashcard_parameters = services.settings.preset("flashcard").parameters
    design = personal.optimise("system-design")
    assert not design.kept
    assert design.scored == 5 * 6  # its own 5 prompts' later reviews, none of the flashcards'
    assert services.settings.preset("flashcard").parameters == flashcard_parameters
