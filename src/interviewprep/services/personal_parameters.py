"""Personal FSRS parameters: fitted to the user's own reviews, one preset at a time (flashcards,
design prompts), kept only when they predict the user's most recent reviews better than the
parameters in use.

The fit weighs newer reviews more (srs-benchmark's recency weighting): people change as they
study, and the parameters should describe them now. Recency weighting is not better for
everyone, so the fit that treats all reviews alike is a second candidate; whichever predicts
the held-out newest reviews best is kept, and only if it beats the current parameters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from interviewprep.core import memory_model
from interviewprep.core.clock import StudyDay
from interviewprep.core.scheduling import parameters_valid
from interviewprep.services.settings import SettingsService
from interviewprep.storage.database import Database
from interviewprep.storage.review_log_repository import ReviewLogRepository
from interviewprep.wording import count

SUGGEST_AFTER_REVIEWS = 400
"""FSRS's own guidance: a few hundred reviews before optimised parameters beat the defaults."""
MIN_HOLDOUT = 40
HOLDOUT_SHARE = 0.2

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class OptimisationResult:
    question_type: str
    reviews: int
    scored: int
    before_log_loss: float | None
    after_log_loss: float | None
    kept: bool
    message: str
    recency_weighted: bool | None = None
    """Whether the kept parameters came from the recency-weighted fit (None: nothing kept)."""


class PersonalParameters:
    def __init__(self, db: Database, settings: SettingsService, study_day: StudyDay) -> None:
        self._db = db
        self._settings = settings
        self._day = study_day

    def review_count(self, question_type: str) -> int:
        """Counted in SQLite, over the reviews index: 90 ms at 1,000,000 reviews, where loading
        their ids to count them took seconds."""
        with self._db.read() as session:
            return ReviewLogRepository(session).count(question_type)

    def suggested(self, question_type: str, reviews: int | None = None) -> bool:
        """Worth offering: enough reviews, and many new ones since the last optimisation.
        ``reviews``: ``review_count(question_type)``, when the caller has it already."""
        count = self.review_count(question_type) if reviews is None else reviews
        last = int(self._settings.get(f"optimised_at_reviews.{question_type}", 0) or 0)
        return count >= SUGGEST_AFTER_REVIEWS and count >= 2 * max(last, 1)

    def _histories(self, question_type: str) -> list[list[tuple[datetime, int, int]]]:
        cards: dict[tuple[str, str], list[tuple[datetime, int, int]]] = defaultdict(list)
        with self._db.read() as session:
            for bank_id, question_id, moment, rating in ReviewLogRepository(session).rated(
                question_type
            ):
                day = self._day.day_of(moment).toordinal()
                cards[(bank_id, question_id)].append((moment, day, rating))
        return list(cards.values())

    def optimise(
        self, question_type: str, progress: ProgressFn | None = None
    ) -> OptimisationResult:
        """Fit on the older 80% of scored reviews (with and without recency weighting), compare
        on the newest 20%, keep the better fit if it beats the current parameters."""
        report = progress or (lambda _done, _total: None)
        report(0, 3)
        histories = self._histories(question_type)
        samples = memory_model.build_samples(histories)
        reviews = sum(len(h) for h in histories)
        split = int(len(samples) * (1 - HOLDOUT_SHARE))
        train, holdout = samples[:split], samples[split:]
        if len(holdout) < MIN_HOLDOUT:
            return OptimisationResult(
                question_type, reviews, len(samples), None, None, False,
                f"Not enough history yet: {count(len(samples), 'scored review')}; about "
                f"{MIN_HOLDOUT * 5} are needed.",
            )  # fmt: skip
        report(1, 3)
        current = self._settings.preset(question_type).parameters
        candidates = {
            True: memory_model.optimise(train, recency=True),
            False: memory_model.optimise(train, recency=False),
        }
        report(2, 3)
        outcomes = [s.recalled for s in holdout]
        before = memory_model.log_loss(memory_model.predict(holdout, current), outcomes)
        scores = {
            recency: memory_model.log_loss(memory_model.predict(holdout, fitted), outcomes)
            # py-fsrs checks parameter bounds itself; never store a set it would refuse
            for recency, fitted in candidates.items()
            if parameters_valid(fitted)
        }
        # on a tie the recency-weighted fit sorts first
        best = min(scores, key=lambda recency: (scores[recency], not recency), default=None)
        after = scores[best] if best is not None else before
        kept = best is not None and after < before
        if kept:
            assert best is not None
            self._settings.update_preset(question_type, parameters=list(candidates[best]))
        self._settings.set(f"optimised_at_reviews.{question_type}", reviews)
        report(3, 3)
        if kept:
            weighting = "newer reviews weighing more" if best else "all reviews weighing alike"
            verdict = (
                f"New parameters kept (fitted with {weighting}): they predict your recent "
                "reviews better."
            )
        else:
            verdict = "Kept your current parameters: the new ones did not predict better."
        return OptimisationResult(
            question_type, reviews, len(samples), before, after, kept,
            f"{verdict} Log loss on your newest {len(holdout)} reviews: "
            f"{before:.4f} before, {after:.4f} after.",
            best if kept else None,
        )  # fmt: skip
