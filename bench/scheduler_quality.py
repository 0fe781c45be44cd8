"""How well does a scheduler predict recall? Replays a review log the way the open srs-benchmark
does and prints log loss, RMSE(bins) and AUC for FSRS (default and optimised) and SM-2.

    python -m bench quality LOG.csv [--json] [--day-start 4]

LOG.csv has the open revlog shape: card_id, review_time (ISO 8601), review_rating (1-4),
review_duration (ms); `interviewprep reviews export` writes it from our database.

Method (after srs-benchmark):
- days start at 4 AM UTC unless --day-start says otherwise; delta_t is counted in whole days;
- a card's first review only seeds its history; a review on the same day as the previous one is
  kept in the history but not scored;
- recall = any grade but Again;
- reviews are ordered by time and split in 5 folds (time-series split, 6 chunks): each fold is
  predicted by a model that saw only earlier reviews; the optimised FSRS is trained on them
  (fsrs-rs-python's optimiser); the metrics are computed over all folds' predictions.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.metrics import auc, log_loss, review_bin, rmse_bins
from interviewprep.core import memory_model
from interviewprep.core.memory_model import Sample

FOLDS = 5


def load_reviews(path: Path, day_start_hour: int) -> dict[str, list[tuple[datetime, int, int]]]:
    """card -> [(time, study day number, rating)], in time order."""
    cards: dict[str, list[tuple[datetime, int, int]]] = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            moment = datetime.fromisoformat(row["review_time"])
            rating = int(row["review_rating"])
            if rating not in (1, 2, 3, 4):
                continue
            day = (moment - timedelta(hours=day_start_hour)).toordinal()
            cards[row["card_id"]].append((moment, day, rating))
    for reviews in cards.values():
        reviews.sort()
    return cards


def build_samples(cards: dict[str, list[tuple[datetime, int, int]]]) -> list[Sample]:
    return memory_model.build_samples(cards.values())


def sample_bin(sample: Sample) -> tuple[int, int, int]:
    return review_bin(sample.delta_t, len(sample.history), sample.lapses)


def time_series_folds(n: int, folds: int = FOLDS) -> list[tuple[int, int]]:
    """(train_end, test_end) per fold: train on [0, train_end), test on [train_end, test_end)."""
    chunk = n // (folds + 1)
    return [((k + 1) * chunk, n if k == folds - 1 else (k + 2) * chunk) for k in range(folds)]


# -- models ------------------------------------------------------------------------------------


def sm2_predictions(samples: Sequence[Sample]) -> list[float]:
    """Classic SuperMemo SM-2 replayed over each history; recall predicted with an exponential
    curve that gives 90% at the scheduled interval, as srs-benchmark's SM-2 baseline does."""
    grade = {1: 1, 2: 3, 3: 4, 4: 5}
    predictions = []
    for sample in samples:
        ease, interval, reps = 2.5, 0.0, 0
        for index, (rating, delta_t) in enumerate(sample.history):
            if index > 0 and delta_t == 0:
                continue  # SM-2 knows no same-day steps
            q = grade[rating]
            if q < 3:
                reps, interval = 0, 1.0
            else:
                interval = 1.0 if reps == 0 else 6.0 if reps == 1 else interval * ease
                reps += 1
            ease = max(1.3, ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))
        predictions.append(0.9 ** (sample.delta_t / max(interval, 1.0)))
    return predictions


# -- evaluation ------------------------------------------------------------------------------


def evaluate(samples: Sequence[Sample]) -> dict[str, dict[str, float]]:
    default = memory_model.DEFAULT_PARAMETERS
    outcomes: list[int] = []
    bins: list[tuple[int, int, int]] = []
    predicted: dict[str, list[float]] = {"FSRS-6 default": [], "FSRS-6 optimised": [], "SM-2": []}
    for train_end, test_end in time_series_folds(len(samples)):
        train, test = samples[:train_end], samples[train_end:test_end]
        optimised = memory_model.optimise(train)
        predicted["FSRS-6 default"] += memory_model.predict(test, default)
        predicted["FSRS-6 optimised"] += memory_model.predict(test, optimised)
        predicted["SM-2"] += sm2_predictions(test)
        outcomes += [s.recalled for s in test]
        bins += [sample_bin(s) for s in test]
    return {
        name: {
            "log_loss": log_loss(values, outcomes),
            "rmse_bins": rmse_bins(values, outcomes, bins),
            "auc": auc(values, outcomes),
            "reviews_scored": float(len(values)),
        }
        for name, values in predicted.items()
    }


def run(path: Path, day_start: int) -> dict[str, Any]:
    cards = load_reviews(path, day_start)
    samples = build_samples(cards)
    if len(samples) < 6 * FOLDS:
        raise SystemExit(f"{path}: only {len(samples)} scorable reviews; need at least {6 * FOLDS}")
    return {
        "log": str(path),
        "cards": len(cards),
        "reviews": sum(len(r) for r in cards.values()),
        "scored": len(samples) - time_series_folds(len(samples))[0][0],
        "models": evaluate(samples),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench quality",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "log",
        type=Path,
        help="review log CSV (card_id, review_time, review_rating, review_duration)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--day-start", type=int, default=4, help="hour (UTC) a study day starts")
    args = parser.parse_args(argv)
    results = run(args.log, args.day_start)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{results['log']}: {results['reviews']:,} reviews of {results['cards']:,} cards, "
        f"{results['scored']:,} scored over {FOLDS} time-series folds"
    )
    print(f"{'model':<18} {'log loss':>9} {'RMSE(bins)':>11} {'AUC':>7}")
    for name, m in results["models"].items():
        auc_text = "n/a" if math.isnan(m["auc"]) else f"{m['auc']:.3f}"
        print(f"{name:<18} {m['log_loss']:>9.4f} {m['rmse_bins']:>11.4f} {auc_text:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
