"""The set of reviews srs-benchmark scores, and how it splits and bins them.

Our `bench quality` figures are only comparable with the published ones if they are the same
measurement, so this follows srs-benchmark's `create_time_series` and its time-series split
rule for rule (the FSRS-6 configuration, where same-day reviews are part of the history):

1. keep ratings 1-4 (manual and rescheduling entries carry other values);
2. keep each card's first 128 reviews, in log order;
3. a review's history is every earlier review of the card, same-day ones included, with elapsed
   days clamped at 0 (a card's first review has elapsed days -1);
4. drop the same-day reviews (elapsed days 0) and number the rest per card: ``i`` is 1 for the
   first review, 2 for the next one on a later day, and so on;
5. on the reviews with ``i == 2``, grouped by the card's first rating, drop (first rating,
   elapsed days) groups from the smallest up (ties: the longer interval first) while the running
   total stays below max(5% of the group, 20); from there on drop only groups with fewer than 6
   reviews or an interval over 100 days (365 when the first rating was Easy);
6. a card whose ``i`` sequence now has a gap is cut at the gap;
7. the reviews with elapsed days > 0 are scored, in log order, with y = rating > 1.

The split is scikit-learn's ``TimeSeriesSplit(n_splits=5)``: six chunks, the first one (which
absorbs the remainder) is never tested, and fold k tests chunk k+1 after training on everything
before it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_REVIEWS_PER_CARD = 128
FOLDS = 5


@dataclass(frozen=True)
class Review:
    """One revlog entry: the card, its rating (1-4 kept), and whole days since the card's
    previous review (-1 on its first)."""

    card_id: str
    rating: int
    elapsed_days: int


@dataclass(frozen=True)
class Scored:
    """A review the benchmark scores, with what a model may know about it beforehand."""

    order: int  # position in the log (after the rating filter), from 1
    card_id: str
    history: tuple[tuple[int, int], ...]  # (rating, elapsed days clamped at 0), oldest first
    delta_t: int
    rating: int
    i: int
    lapses: int  # earlier Again ratings on a later day than the review before them
    first_rating: int

    @property
    def y(self) -> int:
        return int(self.rating > 1)

    def long_term_history(self) -> tuple[tuple[int, int], ...]:
        """The history without its same-day reviews: what models without short-term memory
        (SM-2) are given."""
        return tuple(entry for k, entry in enumerate(self.history) if k == 0 or entry[1] > 0)


def keep_rated(reviews: Iterable[Review]) -> list[Review]:
    return [r for r in reviews if r.rating in (1, 2, 3, 4)]


def _candidates(reviews: Sequence[Review]) -> dict[str, list[Scored]]:
    """Per card, every review with elapsed days != 0 (rules 2-4), in log order."""
    by_card: dict[str, list[tuple[int, Review]]] = defaultdict(list)
    for order, review in enumerate(reviews, start=1):
        by_card[review.card_id].append((order, review))
    candidates: dict[str, list[Scored]] = {}
    for card_id, entries in by_card.items():
        entries = entries[:MAX_REVIEWS_PER_CARD]
        first_rating = entries[0][1].rating
        history: list[tuple[int, int]] = []
        rows: list[Scored] = []
        i = lapses = 0
        for order, review in entries:
            if review.elapsed_days != 0:
                i += 1
                rows.append(
                    Scored(
                        order, card_id, tuple(history), review.elapsed_days, review.rating,
                        i, lapses, first_rating,
                    )
                )  # fmt: skip
            elapsed = max(0, review.elapsed_days)
            history.append((review.rating, elapsed))
            lapses += elapsed != 0 and review.rating == 1
        candidates[card_id] = rows
    return candidates


def _outlier_intervals(second_reviews: Sequence[Scored]) -> set[tuple[int, int]]:
    """(first rating, delta_t) groups that rule 5 removes."""
    removed: set[tuple[int, int]] = set()
    by_first: dict[int, list[Scored]] = defaultdict(list)
    for row in second_reviews:
        by_first[row.first_rating].append(row)
    for first_rating, rows in by_first.items():
        counts = Counter(row.delta_t for row in rows)
        threshold = max(len(rows) * 0.05, 20)
        longest = 365 if first_rating == 4 else 100
        dropped = 0
        for delta_t, count in sorted(counts.items(), key=lambda kv: (kv[1], -kv[0])):
            if dropped + count < threshold or count < 6 or delta_t > longest:
                removed.add((first_rating, delta_t))
                dropped += count
    return removed


def time_series(reviews: Iterable[Review]) -> list[Scored]:
    """The scored reviews of a log given in review order (rules 1-7)."""
    candidates = _candidates(keep_rated(reviews))
    removed = _outlier_intervals(
        [row for rows in candidates.values() for row in rows if row.i == 2]
    )
    scored: list[Scored] = []
    for rows in candidates.values():
        previous: int | None = None
        for row in rows:
            if row.i == 2 and (row.first_rating, row.delta_t) in removed:
                continue
            if previous is not None and row.i != previous + 1:
                break  # rule 6: the rest of this card's sequence is cut
            previous = row.i
            if row.delta_t > 0:
                scored.append(row)
    scored.sort(key=lambda row: row.order)
    return scored


def time_series_folds(n: int, folds: int = FOLDS) -> list[tuple[int, int]]:
    """(train_end, test_end) per fold, as scikit-learn's TimeSeriesSplit: train on
    [0, train_end), test on [train_end, test_end)."""
    if n < folds + 1:
        raise ValueError(f"{n} scored reviews cannot be split in {folds + 1} chunks")
    size = n // (folds + 1)
    first = n - folds * size
    return [(first + k * size, first + (k + 1) * size) for k in range(folds)]


def _log_bin(value: float, scale: float, base: float, digits: int) -> float:
    return round(scale * base ** math.floor(math.log(value) / math.log(base)), digits)


def review_bin(row: Scored) -> tuple[float, float, float]:
    """srs-benchmark's RMSE(bins) bin: elapsed days, review number ``i`` and lapses, each on
    its own log scale."""
    lapse_bin = _log_bin(row.lapses, 1.65, 1.73, 0) if row.lapses else 0.0
    return (_log_bin(row.delta_t, 2.48, 3.62, 2), _log_bin(row.i, 1.99, 1.89, 0), lapse_bin)
