"""The models `bench quality` scores beside FSRS, each as srs-benchmark defines it."""

from __future__ import annotations

import math
from collections.abc import Sequence

from bench.srs_method import Scored

MOVING_AVERAGE_START = 1.2  # logit of the first prediction: sigmoid(1.2) = 0.77
MOVING_AVERAGE_STEP = 0.3
MAX_INTERVAL = 36500


def constant(train: Sequence[Scored], test: Sequence[Scored]) -> list[float]:
    """The training reviews' mean recall, for every test review ("AVG")."""
    mean = sum(row.y for row in train) / len(train)
    return [mean] * len(test)


def moving_average(rows: Sequence[Scored]) -> list[float]:
    """A zero-parameter moving average of recall over the whole log in review order
    ("MOVING-AVG"): one logit, predicted before each review and then moved one gradient step of
    log loss (step 0.3) towards its outcome, through the test reviews too. No card state at all:
    it only follows how well the user is doing lately. (srs-benchmark's
    `model_processors.moving_avg`, run over every scored review in log order, predictions kept
    from the first tested one on.)"""
    logit = MOVING_AVERAGE_START
    predictions = []
    for row in rows:
        p = 1 / (1 + math.exp(-logit))
        predictions.append(p)
        logit += MOVING_AVERAGE_STEP * (row.y - p)
    return predictions


def sm2_interval(history: Sequence[tuple[int, int]]) -> int:
    """SuperMemo SM-2's interval after ``history`` ((rating 1-4, days) pairs), with grades
    2-5 for ratings 1-4, intervals rounded to whole days and capped at 100 years, as
    srs-benchmark replays it."""
    interval, ease, reps = 0.0, 2.5, 0
    for rating, _days in history:
        q = rating + 1
        if q > 2:
            interval = 1.0 if reps == 0 else 6.0 if reps == 1 else interval * ease
            reps += 1
        else:
            interval, reps = 1.0, 0
        ease = max(1.3, ease + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)))
        interval = min(max(1, round(interval + 0.01)), MAX_INTERVAL)
    return int(interval)


def sm2(test: Sequence[Scored]) -> list[float]:
    """SM-2 has no forgetting curve; srs-benchmark gives it 90% recall at its interval,
    0.9 ** (elapsed / interval). It has no short-term memory, so it sees only the history's
    reviews on later days."""
    return [0.9 ** (row.delta_t / sm2_interval(row.long_term_history())) for row in test]
