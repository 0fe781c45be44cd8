"""How well does a scheduler predict recall? Scores a review log the way the open srs-benchmark
does (same reviews, same split, same metrics) and prints log loss, RMSE(bins) and AUC for FSRS-6
and the baselines the benchmark publishes beside it.

    python -m bench quality LOG.csv [--json] [--day-start 4]
    python -m bench quality revlogs/ --user 1      # anki-revlogs-10k parquet layout

LOG.csv is the open revlog CSV: card_id, review_time (ISO 8601), review_rating (1-4),
review_duration (ms); `interviewprep reviews export` writes it from our database. Days start at
--day-start o'clock UTC. A .parquet file or a folder of them is read as anki-revlogs-10k
(card_id, day_offset, rating, state, duration, elapsed_days, elapsed_seconds; needs pyarrow,
in the bench extra), in file order, with its own elapsed_days.

The scored reviews, the 5-fold time-series split and RMSE(bins) are described in
bench/srs_method.py. Trained models are refitted for every fold on all the reviews before it.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fsrs_rs_python as rs

from bench import baselines
from bench.metrics import auc, log_loss, rmse_bins
from bench.srs_method import FOLDS, Review, Scored, review_bin, time_series, time_series_folds

FSRS6_DEFAULTS: tuple[float, ...] = tuple(rs.DEFAULT_PARAMETERS)
SHUFFLE_SEED = 2023


# -- reading logs --------------------------------------------------------------------------------


def load_csv(path: Path, day_start_hour: int) -> list[Review]:
    """The open revlog CSV, in review order, with elapsed days counted between study days."""
    entries: list[tuple[datetime, int, str, int]] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle)):
            entries.append(
                (
                    datetime.fromisoformat(row["review_time"]),
                    line,
                    row["card_id"],
                    int(row["review_rating"]),
                )
            )
    entries.sort()
    reviews: list[Review] = []
    last_day: dict[str, int] = {}
    for moment, _line, card_id, rating in entries:
        if rating not in (1, 2, 3, 4):
            continue  # manual and rescheduling entries
        day = (moment - timedelta(hours=day_start_hour)).toordinal()
        previous = last_day.get(card_id)
        reviews.append(Review(card_id, rating, -1 if previous is None else day - previous))
        last_day[card_id] = day
    return reviews


def load_parquet(path: Path, user: int | None = None) -> list[Review]:
    """anki-revlogs-10k: one user's revlog file, or the revlogs folder with ``user``."""
    import pyarrow.parquet as pq  # bench extra only

    dataset = pq.ParquetDataset(
        path, filters=[("user_id", "=", user)] if user is not None else None
    )
    columns = ["card_id", "rating", "elapsed_days"]
    partitioned = "user_id" in dataset.schema.names
    data = dataset.read(columns=[*columns, "user_id"] if partitioned else columns).to_pydict()
    if partitioned and len(set(data["user_id"])) > 1:
        raise SystemExit(f"{path} holds several users' reviews: choose one with --user")
    return [
        Review(str(card), int(rating), int(elapsed))
        for card, rating, elapsed in zip(
            data["card_id"], data["rating"], data["elapsed_days"], strict=True
        )
    ]


def load(path: Path, day_start: int, user: int | None = None) -> list[Review]:
    if path.is_dir() or path.suffix == ".parquet":
        return load_parquet(path, user)
    return load_csv(path, day_start)


# -- FSRS ------------------------------------------------------------------------------------------


def fsrs_predictions(rows: Sequence[Scored], parameters: Sequence[float]) -> list[float]:
    """FSRS's recall probability for each review, from the memory state its history leads to."""
    if not rows:
        return []
    model = rs.FSRS(list(parameters))
    items = [rs.FSRSItem([rs.FSRSReview(r, t) for r, t in row.history]) for row in rows]
    decay = -parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    return [
        (1 + factor * row.delta_t / max(state.stability, 1e-3)) ** decay
        for row, state in zip(rows, model.memory_state_batch(items), strict=True)
    ]


def fsrs_fit(train: Sequence[Scored], recency: bool) -> tuple[float, ...]:
    """FSRS-6 fitted by fsrs-rs (as srs-benchmark's Rust run: no outlier pass of its own, the
    method has filtered already). fsrs-rs always weights item k of n by 0.25 + 0.75 (k/(n-1))^3,
    srs-benchmark's recency weighting, so items in review order give the recency fit; shuffled,
    the weights no longer follow time and the fit treats old and new reviews alike."""
    items = [
        rs.FSRSItem(
            [*(rs.FSRSReview(r, t) for r, t in row.history), rs.FSRSReview(row.rating, row.delta_t)]
        )
        for row in train
    ]
    if not recency:
        random.Random(SHUFFLE_SEED).shuffle(items)
    try:
        # rounded to 4 places before predicting, as srs-benchmark does
        return tuple(round(w, 4) for w in rs.FSRS(list(FSRS6_DEFAULTS)).benchmark(items))
    except BaseException as error:  # a Rust panic on data it cannot fit: defaults, as upstream
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        return FSRS6_DEFAULTS


# -- evaluation ------------------------------------------------------------------------------------

TrainedModel = Callable[[Sequence[Scored], Sequence[Scored]], list[float]]


def trained_models(optimise: bool) -> dict[str, TrainedModel]:
    models: dict[str, TrainedModel] = {
        "Constant (mean recall)": baselines.constant,
        "SM-2": lambda _train, test: baselines.sm2(test),
        "FSRS-6 defaults": lambda _train, test: fsrs_predictions(test, FSRS6_DEFAULTS),
    }
    if optimise:
        models["FSRS-6 optimised"] = lambda train, test: fsrs_predictions(
            test, fsrs_fit(train, recency=False)
        )
        models["FSRS-6 optimised, recency"] = lambda train, test: fsrs_predictions(
            test, fsrs_fit(train, recency=True)
        )
    return models


def metrics(predictions: Sequence[float], rows: Sequence[Scored]) -> dict[str, float]:
    outcomes = [row.y for row in rows]
    return {
        "log_loss": log_loss(predictions, outcomes),
        "rmse_bins": rmse_bins(predictions, outcomes, [review_bin(row) for row in rows]),
        "auc": auc(predictions, outcomes),
        "scored": float(len(predictions)),
    }


def evaluate(rows: Sequence[Scored], optimise: bool = True) -> dict[str, dict[str, float]]:
    folds = time_series_folds(len(rows))
    tested = rows[folds[0][0] :]
    predicted: dict[str, list[float]] = {}
    seconds: dict[str, float] = {}
    for name, model in trained_models(optimise).items():
        started = time.perf_counter()
        predicted[name] = []
        for train_end, test_end in folds:
            predicted[name] += model(rows[:train_end], rows[train_end:test_end])
        seconds[name] = time.perf_counter() - started
    started = time.perf_counter()
    predicted["Moving average"] = baselines.moving_average(rows)[folds[0][0] :]
    seconds["Moving average"] = time.perf_counter() - started
    order = ["Constant (mean recall)", "Moving average", "SM-2", "FSRS-6 defaults"]
    order += [name for name in predicted if name not in order]
    return {name: {**metrics(predicted[name], tested), "seconds": seconds[name]} for name in order}


def run(
    path: Path, day_start: int, user: int | None = None, optimise: bool = True
) -> dict[str, Any]:
    reviews = load(path, day_start, user)
    rows = time_series(reviews)
    if len(rows) < FOLDS + 1:
        raise SystemExit(
            f"{path}: only {len(rows)} reviews pass srs-benchmark's filters; "
            f"need at least {FOLDS + 1}"
        )
    return {
        "log": str(path),
        "reviews": len(reviews),
        "cards": len({r.card_id for r in reviews}),
        "after_filters": len(rows),
        "scored": len(rows) - time_series_folds(len(rows))[0][0],
        "models": evaluate(rows, optimise),
    }


def table(results: dict[str, Any]) -> str:
    lines = [
        f"{results['log']}: {results['reviews']:,} reviews (ratings 1-4) of "
        f"{results['cards']:,} cards; {results['after_filters']:,} pass srs-benchmark's "
        f"filters; {results['scored']:,} scored over {FOLDS} time-series folds",
        "",
        f"| {'model':<26} | {'log loss':>8} | {'RMSE(bins)':>10} | {'AUC':>6} | "
        f"{'scored':>6} | {'seconds':>7} |",
        f"| {'-' * 26} | {'-' * 7}: | {'-' * 9}: | {'-' * 5}: | {'-' * 5}: | {'-' * 6}: |",
    ]
    for name, m in results["models"].items():
        auc_text = "n/a" if math.isnan(m["auc"]) else f"{m['auc']:.4f}"
        lines.append(
            f"| {name:<26} | {m['log_loss']:>8.4f} | {m['rmse_bins']:>10.4f} | {auc_text:>6} | "
            f"{int(m['scored']):>6,} | {m['seconds']:>7.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench quality",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("log", type=Path, help="open revlog CSV, or anki-revlogs-10k parquet")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--day-start", type=int, default=4, help="hour (UTC) a study day starts")
    parser.add_argument("--user", type=int, help="user_id, for the anki-revlogs-10k folder")
    parser.add_argument(
        "--no-optimise", action="store_true", help="skip the FSRS fits (the slow rows)"
    )
    args = parser.parse_args(argv)
    results = run(args.log, args.day_start, args.user, optimise=not args.no_optimise)
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
