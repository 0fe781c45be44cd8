"""Fitting FSRS to a history: newer reviews weigh more."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import fsrs_rs_python as rs
import pytest

from interviewprep.core import memory_model
from interviewprep.core.memory_model import DEFAULT_PARAMETERS

START = datetime(2025, 1, 1, 10, tzinfo=UTC)


def learner_history(
    cards: int, growth: float, start: datetime, seed: int
) -> list[list[tuple[datetime, int, int]]]:
    """Cards studied by a learner whose memories grow by ``growth`` (FSRS's w8) on each
    successful review, each reviewed 7 times at about its stability."""
    rng = random.Random(seed)
    true = list(DEFAULT_PARAMETERS)
    true[8] = growth
    model = rs.FSRS(true)
    decay = -true[20]
    factor = 0.9 ** (1 / decay) - 1
    histories = []
    for card in range(cards):
        memory = None
        moment = start + timedelta(minutes=card)
        reviews = []
        for _ in range(7):
            if memory is None:
                rating, delta = 3, 0
            else:
                delta = max(1, round(memory.stability * rng.uniform(0.5, 2.0)))
                recall = (1 + factor * delta / memory.stability) ** decay
                rating = 3 if rng.random() < recall else 1
            moment += timedelta(days=delta)
            states = model.next_states(memory, 0.9, delta)
            memory = (states.good if rating == 3 else states.again).memory
            reviews.append((moment, moment.toordinal(), rating))
        histories.append(reviews)
    return histories


def test_recency_weighting_follows_the_learner_as_they_are_now() -> None:
    # Years ago their memories grew fast after each success; lately they grow slowly.
    older = learner_history(300, growth=2.6, start=START, seed=0)
    newer = learner_history(300, growth=1.0, start=START + timedelta(days=3000), seed=100)
    samples = memory_model.build_samples(older + newer)
    recency = memory_model.optimise(samples)
    alike = memory_model.optimise(samples, recency=False)
    assert recency[8] < alike[8]
    # the order the samples come in does not matter: they are put in review order
    assert memory_model.optimise(list(reversed(samples))) == pytest.approx(recency, rel=1e-4)
