"""Prediction-quality metrics used by the open srs-benchmark: log loss, RMSE over bins, AUC."""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from collections.abc import Hashable, Sequence

from interviewprep.core import memory_model

__all__ = ["auc", "log_loss", "rmse_bins"]

# scikit-learn's log_loss (what srs-benchmark calls) clips at the float's machine epsilon
_EPS = sys.float_info.epsilon


def log_loss(predictions: Sequence[float], outcomes: Sequence[int]) -> float:
    """The app's log loss, clipped as scikit-learn clips it."""
    return memory_model.log_loss(predictions, outcomes, eps=_EPS)


def rmse_bins(
    predictions: Sequence[float], outcomes: Sequence[int], bins: Sequence[Hashable]
) -> float:
    """RMSE between mean prediction and mean outcome per bin, each bin weighted by its size.

    Binning by review context (as srs-benchmark does, see bench/srs_method.review_bin) stops a model from scoring well by being
    right on average while wrong in every situation."""
    sums: dict[Hashable, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for p, y, b in zip(predictions, outcomes, bins, strict=True):
        entry = sums[b]
        entry[0] += p
        entry[1] += y
        entry[2] += 1
    squared = sum(n * ((ps - ys) / n) ** 2 for ps, ys, n in sums.values())
    return math.sqrt(squared / len(predictions))


def auc(predictions: Sequence[float], outcomes: Sequence[int]) -> float:
    """Area under the ROC curve: the chance a recalled review got a higher prediction than a
    forgotten one (ties count half)."""
    ranked = sorted(zip(predictions, outcomes, strict=True))
    positives = sum(outcomes)
    negatives = len(outcomes) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    rank_sum = 0.0
    index = 0
    while index < len(ranked):
        end = index
        while end + 1 < len(ranked) and ranked[end + 1][0] == ranked[index][0]:
            end += 1
        average_rank = (index + end) / 2 + 1
        rank_sum += average_rank * sum(y for _, y in ranked[index : end + 1])
        index = end + 1
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)
