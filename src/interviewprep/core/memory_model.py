"""Replaying review histories through FSRS: the samples a model is scored on, its predictions,
and optimising its parameters (fsrs-rs-python: Rust, no PyTorch).

The personal-parameters optimiser scores a model with it: a card's first review only seeds its
history, a review on the same study day as the previous one is history but never scored, and
recall means any grade but Again. (`bench quality` follows srs-benchmark's own, stricter
selection of reviews: bench/srs_method.py.)
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import fsrs_rs_python as rs

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(rs.DEFAULT_PARAMETERS)
_EPS = 1e-7
_SHUFFLE_SEED = 2023


@dataclass(frozen=True)
class Sample:
    """One scored review: what came before it on this card, and how it went."""

    time: datetime
    history: tuple[tuple[int, int], ...]  # (rating, days since the previous review)
    delta_t: int
    rating: int
    lapses: int

    @property
    def recalled(self) -> int:
        return int(self.rating > 1)


def build_samples(cards: Iterable[Sequence[tuple[datetime, int, int]]]) -> list[Sample]:
    """Samples from each card's reviews as (time, study day number, rating), in time order."""
    samples: list[Sample] = []
    for reviews in cards:
        history: list[tuple[int, int]] = []
        lapses = 0
        previous_day: int | None = None
        for moment, day, rating in reviews:
            delta_t = 0 if previous_day is None else day - previous_day
            if previous_day is not None and delta_t > 0:
                samples.append(Sample(moment, tuple(history), delta_t, rating, lapses))
                lapses += rating == 1
            history.append((rating, delta_t))
            previous_day = day
    samples.sort(key=lambda s: s.time)
    return samples


def predict(samples: Sequence[Sample], parameters: Sequence[float]) -> list[float]:
    """FSRS's predicted probability of recall for each sample."""
    if not samples:
        return []
    model = rs.FSRS(list(parameters))
    items = [rs.FSRSItem([rs.FSRSReview(r, d) for r, d in s.history]) for s in samples]
    states = model.memory_state_batch(items)
    decay = -parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    return [
        (1 + factor * s.delta_t / max(state.stability, 1e-3)) ** decay
        for s, state in zip(samples, states, strict=True)
    ]


def optimise(train: Sequence[Sample], recency: bool = True) -> tuple[float, ...]:
    """FSRS parameters fitted to ``train`` (defaults when there is too little to learn from).

    With ``recency`` newer reviews weigh more, as in srs-benchmark's recency variant: fsrs-rs
    weighs the k-th of n training items by 0.25 + 0.75 * (k / (n - 1)) ** 3, so they go in
    review order and the newest count four times the oldest. A person's memory for a topic
    changes as they study; the parameters should describe them as they are now. Without it
    the items are shuffled (seeded), so the weights no longer follow time."""
    ordered = sorted(train, key=lambda s: s.time)
    if not recency:
        random.Random(_SHUFFLE_SEED).shuffle(ordered)
    items = [
        rs.FSRSItem(
            [*(rs.FSRSReview(r, d) for r, d in s.history), rs.FSRSReview(s.rating, s.delta_t)]
        )
        for s in ordered
    ]
    model = rs.FSRS(list(DEFAULT_PARAMETERS))
    return tuple(model.compute_parameters(items))


def log_loss(predictions: Sequence[float], outcomes: Sequence[int], eps: float = _EPS) -> float:
    """Mean binary cross-entropy of recall predictions against outcomes (1 recalled, 0 not),
    each prediction clipped to [eps, 1 - eps]."""
    total = 0.0
    for p, y in zip(predictions, outcomes, strict=True):
        p = min(1 - eps, max(eps, p))
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total / len(predictions)
