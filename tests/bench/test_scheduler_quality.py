"""The benchmark's metric functions and replay rules on tiny hand-checked examples."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.metrics import auc, log_loss, rmse_bins
from bench.scheduler_quality import (
    build_samples,
    load_reviews,
    run,
    sm2_predictions,
    time_series_folds,
)

SHARED_LOG = (
    Path(__file__).resolve().parents[3] / "shared/data/review-logs/pyfsrs_review_logs_josh.csv"
)


def test_log_loss_by_hand() -> None:
    # -(ln 0.8 + ln 0.7) / 2
    assert log_loss([0.8, 0.3], [1, 0]) == pytest.approx(0.2899092, abs=1e-6)


def test_auc_by_hand() -> None:
    assert auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == pytest.approx(0.75)
    assert auc([0.5, 0.5], [0, 1]) == pytest.approx(0.5)  # a tie counts half
    assert math.isnan(auc([0.2, 0.3], [1, 1]))


def test_rmse_bins_by_hand() -> None:
    # bin a: mean prediction 0.8 vs mean outcome 0.5 over 2; bin b: 0.2 vs 0 over 1
    assert rmse_bins([0.9, 0.7, 0.2], [1, 0, 0], ["a", "a", "b"]) == pytest.approx(
        math.sqrt((2 * 0.3**2 + 0.2**2) / 3)
    )


def test_time_series_folds_only_look_back() -> None:
    assert time_series_folds(12, 5) == [(2, 4), (4, 6), (6, 8), (8, 10), (10, 12)]
    assert time_series_folds(14, 5)[-1] == (10, 14)


def test_first_and_same_day_reviews_are_not_scored(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "card_id,review_time,review_rating,review_duration\n"
        "1,2024-01-01T10:00:00+00:00,1,100\n"  # first review: seeds history
        "1,2024-01-01T10:10:00+00:00,3,100\n"  # same day: history only
        "1,2024-01-02T03:00:00+00:00,3,100\n"  # before 4 AM: still Jan 1's study day
        "1,2024-01-03T09:00:00+00:00,1,100\n"  # two days later: scored, forgotten
        "1,2024-01-04T09:00:00+00:00,4,100\n",  # next day: scored, recalled, 1 lapse before
        encoding="utf-8",
    )
    samples = build_samples(load_reviews(log, day_start_hour=4))
    assert [(s.delta_t, s.recalled, len(s.history), s.lapses) for s in samples] == [
        (2, 0, 3, 0),
        (1, 1, 4, 1),
    ]


def test_sm2_predicts_ninety_percent_at_its_interval(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "card_id,review_time,review_rating,review_duration\n"
        "7,2024-01-01T10:00:00+00:00,3,100\n"
        "7,2024-01-02T10:00:00+00:00,3,100\n"
        "7,2024-01-14T10:00:00+00:00,3,100\n",
        encoding="utf-8",
    )
    samples = build_samples(load_reviews(log, 4))
    first, second = sm2_predictions(samples)
    assert first == pytest.approx(0.9)  # interval 1 day, reviewed after 1 day
    assert second == pytest.approx(0.9**2)  # interval 6 days, reviewed after 12


@pytest.mark.skipif(not SHARED_LOG.exists(), reason="shared review log not present")
def test_real_log_tells_the_published_story() -> None:
    models = run(SHARED_LOG, 4)["models"]
    default, optimised, sm2 = (models[k] for k in ("FSRS-6 default", "FSRS-6 optimised", "SM-2"))
    assert optimised["rmse_bins"] < default["rmse_bins"] < sm2["rmse_bins"]
    assert optimised["log_loss"] <= default["log_loss"] < sm2["log_loss"]
    assert min(default["auc"], optimised["auc"]) > sm2["auc"]
