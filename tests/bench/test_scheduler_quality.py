"""`bench quality` measures what srs-benchmark measures: the same reviews, split and metrics,
checked on small logs worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.baselines import moving_average, sm2_interval
from bench.metrics import auc, log_loss, rmse_bins
from bench.scheduler_quality import evaluate, load_csv, load_parquet, run, table
from bench.srs_method import Review, Scored, review_bin, time_series, time_series_folds

SHARED_LOG = (
    Path(__file__).resolve().parents[3] / "shared/data/review-logs/pyfsrs_review_logs_josh.csv"
)
HEADER = "card_id,review_time,review_rating,review_duration\n"


def hand_log() -> str:
    """23 cards. Study days start at 4 AM UTC; day 0 is 2024-01-01.

    c01-c21: Good on day 0, then day 1 at 10:01-10:21: Again for c02 and c21, Good for the rest.
    c21 also: Good again on day 1 (same day) and Good on day 3.
    c22: Good on day 0, Good on 2024-01-07 at 03:00 (before 4 AM: still day 5), Good on day 6.
    c23: Again on day 0, Good on day 1.
    c01 has a manual entry (rating 0) on day 2.
    """
    lines = [f"c{n:02},2024-01-01T10:{n:02}:00+00:00,3,100\n" for n in range(1, 23)]
    lines.append("c23,2024-01-01T10:23:00+00:00,1,100\n")
    for n in range(1, 22):
        rating = 1 if n in (2, 21) else 3
        lines.append(f"c{n:02},2024-01-02T10:{n:02}:00+00:00,{rating},100\n")
    lines += [
        "c21,2024-01-02T10:40:00+00:00,3,100\n",
        "c23,2024-01-02T10:50:00+00:00,3,100\n",
        "c01,2024-01-03T10:00:00+00:00,0,0\n",
        "c21,2024-01-04T10:00:00+00:00,3,100\n",
        "c22,2024-01-07T03:00:00+00:00,3,100\n",
        "c22,2024-01-07T10:00:00+00:00,3,100\n",
    ]
    return HEADER + "".join(lines)


def test_the_scored_reviews_follow_srs_benchmark_rule_by_rule(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(hand_log(), encoding="utf-8")
    reviews = load_csv(log, day_start_hour=4)
    # The manual entry is gone; c22's 03:00 review counts 5 days after day 0.
    assert len(reviews) == 49
    assert [r.elapsed_days for r in reviews if r.card_id == "c22"] == [-1, 5, 1]
    rows = time_series(reviews)
    # Second reviews (i == 2) by first rating: Good -> {1 day: c01-c21, 5 days: c22}, Again ->
    # {1 day: c23}. Smallest groups go first while the running total stays under 20: (Good, 5)
    # with 1 review goes, then (Good, 1) would make 22 >= 20 and has 21 >= 6 reviews within 100
    # days, so it stays. Under Again the only group (1 review) goes. c22 loses its i == 2 review,
    # so its day-6 review (i == 3) is cut too; c23 keeps nothing; c21's same-day review is
    # history, never scored. Left: 21 second reviews and c21's day-3 review, in log order.
    assert [(r.card_id, r.i, r.delta_t, r.y) for r in rows] == [
        *((f"c{n:02}", 2, 1, 0 if n in (2, 21) else 1) for n in range(1, 22)),
        ("c21", 3, 2, 1),
    ]
    last = rows[-1]
    assert last.history == ((3, 0), (1, 1), (3, 0))  # the same-day Good is in it
    assert last.lapses == 1
    # elapsed 2 -> 2.48 * 3.62^0; i = 3 -> round(1.99 * 1.89^1) = 4; 1 lapse -> round(1.65)
    assert review_bin(last) == (2.48, 4.0, 2.0)
    assert review_bin(rows[0]) == (2.48, 4.0, 0.0)


def test_the_hand_log_scores_by_hand(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(hand_log(), encoding="utf-8")
    results = run(log, 4, optimise=False)
    # 22 reviews pass the filters: TimeSeriesSplit's chunk is 22 // 6 = 3, the first
    # 22 - 5 * 3 = 7 are never scored; 15 are.
    assert results["after_filters"] == 22
    assert results["scored"] == 15
    constant = results["models"]["Constant (mean recall)"]
    assert constant["scored"] == 15
    # Outcomes in order: index 1 (c02) and 20 (c21) forgotten, all others recalled. Each fold
    # predicts the mean recall before it: 6/7 for tests 7-9, 9/10 for 10-12, 12/13 for 13-15,
    # 15/16 for 16-18 and 18/19 for 19-21, where 20 is the one forgotten.
    expected_log_loss = (
        -(
            3 * math.log(6 / 7)
            + 3 * math.log(9 / 10)
            + 3 * math.log(12 / 13)
            + 3 * math.log(15 / 16)
            + 2 * math.log(18 / 19)
            + math.log(1 / 19)
        )
        / 15
    )
    assert constant["log_loss"] == pytest.approx(expected_log_loss)  # 0.284323
    # Two bins: 14 second reviews (1 day, i = 2, no lapse): mean prediction
    # (3 * 6/7 + 3 * 9/10 + 3 * 12/13 + 3 * 15/16 + 2 * 18/19) / 14 = 0.910564 against 13/14
    # recalled; and c21's day-3 review (1 lapse): 18/19 against 1.
    mean_a = (3 * 6 / 7 + 3 * 9 / 10 + 3 * 12 / 13 + 3 * 15 / 16 + 2 * 18 / 19) / 14
    assert constant["rmse_bins"] == pytest.approx(
        math.sqrt((14 * (mean_a - 13 / 14) ** 2 + (18 / 19 - 1) ** 2) / 15)
    )  # 0.022075
    # The one forgotten review got 18/19; no recalled review got more, two got as much (half
    # each): AUC = (2 * 0.5) / 14.
    assert constant["auc"] == pytest.approx(1 / 14)
    assert "15 scored" in table(results)


def test_time_series_folds_are_scikit_learns() -> None:
    assert time_series_folds(22) == [(7, 10), (10, 13), (13, 16), (16, 19), (19, 22)]
    # the remainder goes to the first chunk, which is never tested
    assert time_series_folds(14) == [(4, 6), (6, 8), (8, 10), (10, 12), (12, 14)]
    with pytest.raises(ValueError):
        time_series_folds(5)


def test_only_a_cards_first_128_reviews_count(tmp_path: Path) -> None:
    reviews = load_csv_text(tmp_path, hand_log())
    reviews += [Review("c24", 3, -1 if d == 0 else 1) for d in range(130)]  # 130 daily Goods
    rows = time_series(reviews)
    # c24's second review joins the (Good, 1 day) group, which stays; reviews 2-128 score.
    assert sum(r.card_id == "c24" for r in rows) == 127
    assert len(rows) == 22 + 127


def load_csv_text(tmp_path: Path, text: str) -> list[Review]:
    log = tmp_path / "log.csv"
    log.write_text(text, encoding="utf-8")
    return load_csv(log, day_start_hour=4)


def test_the_parquet_layout_scores_the_same_reviews(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    reviews = load_csv_text(tmp_path, hand_log())

    def revlog(user: int) -> object:
        return pa.table(
            {
                "card_id": [int(r.card_id[1:]) for r in reviews],
                "day_offset": [0] * len(reviews),  # not read: elapsed_days carries the days
                "rating": [r.rating for r in reviews],
                "state": [1] * len(reviews),
                "duration": [100] * len(reviews),
                "elapsed_days": [r.elapsed_days for r in reviews],
                "elapsed_seconds": [max(0, r.elapsed_days) * 86400 for r in reviews],
                "user_id": [user] * len(reviews),
            }
        )

    revlogs = tmp_path / "revlogs"
    pq.write_to_dataset(revlog(1), revlogs, partition_cols=["user_id"])
    one_file = next((revlogs / "user_id=1").glob("*.parquet"))
    from_file = load_parquet(one_file)
    assert [(r.rating, r.elapsed_days) for r in from_file] == [
        (r.rating, r.elapsed_days) for r in reviews
    ]
    assert len(time_series(from_file)) == 22
    pq.write_to_dataset(revlog(2), revlogs, partition_cols=["user_id"])
    with pytest.raises(SystemExit, match="--user"):
        load_parquet(revlogs)
    assert run(revlogs, 4, user=2, optimise=False)["scored"] == 15


def test_moving_average_by_hand() -> None:
    def row(y: int) -> Scored:
        return Scored(1, "c", ((3, 0),), 1, 3 if y else 1, 2, 0, 3)

    # p1 = sigmoid(1.2) = 0.768525; the logit moves 0.3 * (1 - 0.768525) to 1.269443;
    # p2 = sigmoid(1.269443) = 0.780647
    assert moving_average([row(1), row(0)]) == pytest.approx([0.768525, 0.780647], abs=1e-6)


def test_sm2_interval_by_hand() -> None:
    assert sm2_interval([(3, 0)]) == 1
    assert sm2_interval([(3, 0), (3, 1)]) == 6
    assert sm2_interval([(3, 0), (3, 1), (3, 6)]) == 15  # 6 * ease 2.5
    # Again resets to 1 day and costs ease: 2.5 + 0.1 - 3 * (0.08 + 3 * 0.02) = 2.18
    # then 1 and 6 days again, and 6 * 2.18 = 13.08 -> 13
    assert sm2_interval([(3, 0), (1, 1), (3, 1), (3, 6)]) == 6
    assert sm2_interval([(3, 0), (1, 1), (3, 1), (3, 6), (3, 13)]) == 13


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


def test_every_model_scores_the_same_reviews(tmp_path: Path) -> None:
    rows = time_series(load_csv_text(tmp_path, hand_log()))
    models = evaluate(rows, optimise=False)
    assert list(models) == [
        "Constant (mean recall)",
        "Moving average",
        "SM-2",
        "FSRS-6 defaults",
    ]
    assert {m["scored"] for m in models.values()} == {15.0}


@pytest.mark.skipif(not SHARED_LOG.exists(), reason="shared review log not present")
def test_real_log_tells_the_published_story() -> None:
    results = run(SHARED_LOG, 4)
    assert results["scored"] == 4940
    models = results["models"]
    default, optimised, recency, sm2 = (
        models[k]
        for k in ("FSRS-6 defaults", "FSRS-6 optimised", "FSRS-6 optimised, recency", "SM-2")
    )
    assert (
        max(optimised["rmse_bins"], recency["rmse_bins"]) < default["rmse_bins"] < sm2["rmse_bins"]
    )
    assert max(optimised["log_loss"], recency["log_loss"]) < default["log_loss"] < sm2["log_loss"]
    assert min(default["auc"], optimised["auc"]) > sm2["auc"]
