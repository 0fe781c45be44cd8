"""The desired-retention helper: what each retention from 0.70 to 0.97 costs in daily reviews
and buys in knowledge by the interview, from fsrs-rs's workload simulator (the one behind
Anki's), run with the user's parameters and daily limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import fsrs_rs_python as rs

from interviewprep.core.card_record import QuestionType
from interviewprep.core.clock import Clock
from interviewprep.core.scheduling import Preset
from interviewprep.services.settings import SettingsService
from interviewprep.services.study import StudyService
from interviewprep.storage.card_store import CardFilter, CardStore
from interviewprep.storage.database import Database

RETENTIONS: tuple[float, ...] = tuple(round(0.70 + 0.01 * n, 2) for n in range(28))
"""0.70 to 0.97, the range the Settings spin box allows."""
SEEDS = (1, 2, 3)
"""The simulator draws every answer at random: a few runs, averaged, keep the curves from
wobbling between neighbouring retentions."""
NO_INTERVIEW_DAYS = 365
_FAR = timedelta(days=365 * 100)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RetentionOutcome:
    retention: float
    reviews_per_day: float
    """Mean reviews a day of questions already introduced, up to the interview (new
    questions are the daily new limit on top)."""
    minutes_per_day: float
    """Mean minutes a day, new questions included, at the simulator's answer times."""
    knowledge: float
    """Questions expected to be recalled on the interview day (the sum of predicted recall)."""
    daily_reviews: tuple[float, ...]
    """Reviews on each simulated day, from today."""


@dataclass(frozen=True)
class RetentionSimulation:
    question_type: str
    deck_size: int
    new_per_day: int
    reviews_per_day_limit: int
    today: date
    interview: date | None
    days: int
    """Days simulated: to the interview and a little past it, or a year without one."""
    interview_index: int
    """The interview day's index into each outcome's ``daily_reviews``."""
    current: float
    outcomes: tuple[RetentionOutcome, ...]

    def outcome(self, retention: float) -> RetentionOutcome:
        return min(self.outcomes, key=lambda o: abs(o.retention - retention))


class RetentionHelper:
    def __init__(
        self, db: Database, clock: Clock, settings: SettingsService, study: StudyService
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._study = study

    def simulate(
        self, question_type: str = QuestionType.FLASHCARD, progress: Progress | None = None
    ) -> RetentionSimulation:
        """Seconds of work: run it off the GUI thread. ``progress(done, total)`` after each
        retention."""
        now = self._clock.now()
        preset = self._settings.preset(question_type)
        today = self._study.study_day.day_of(now)
        interview = self._settings.interview_date
        if interview is not None and interview <= today:
            interview = None
        deck_size = self._deck_size(question_type, now)
        new_per_day = preset.new_per_day
        if question_type == QuestionType.FLASHCARD:
            plan = self._study.plan()
            if plan is not None:
                new_per_day = max(new_per_day, plan.new_per_day)
        if interview is None:
            days, interview_index = NO_INTERVIEW_DAYS, NO_INTERVIEW_DAYS - 1
        else:
            interview_index = (interview - today).days
            days = interview_index + max(7, interview_index // 5) + 1
        config = _config(preset, deck_size, days, new_per_day)
        outcomes = []
        for number, retention in enumerate(RETENTIONS):
            outcomes.append(_outcome(preset, config, retention, interview_index))
            if progress is not None:
                progress(number + 1, len(RETENTIONS))
        return RetentionSimulation(
            question_type=question_type,
            deck_size=deck_size,
            new_per_day=new_per_day,
            reviews_per_day_limit=preset.reviews_per_day,
            today=today,
            interview=interview,
            days=days,
            interview_index=interview_index,
            current=preset.desired_retention,
            outcomes=tuple(outcomes),
        )

    def _deck_size(self, question_type: str, now: datetime) -> int:
        """The active questions of this type in the target roles (all roles without any)."""
        scope = CardFilter(roles=tuple(self._settings.target_roles), question_type=question_type)
        with self._db.read() as session:
            return sum(CardStore(session).count_by_stage(scope, now + _FAR).values())


def _config(preset: Preset, deck_size: int, days: int, new_per_day: int) -> rs.SimulatorConfig:
    config = rs.default_simulator_config()
    config.deck_size = max(1, deck_size)
    config.learn_span = days
    config.learn_limit = max(0, new_per_day)
    config.review_limit = max(0, preset.reviews_per_day)
    config.max_ivl = float(preset.maximum_interval_days)
    config.learning_step_count = len(preset.learning_steps)
    config.relearning_step_count = len(preset.relearning_steps)
    # no cap on the minutes of a day: the limits are the user's counts, as in Settings
    config.max_cost_perday = 1e9
    return config


def _outcome(
    preset: Preset, config: rs.SimulatorConfig, retention: float, interview_index: int
) -> RetentionOutcome:
    reviews = [0.0] * config.learn_span
    costs = [0.0] * config.learn_span
    knowledge = 0.0
    for seed in SEEDS:
        result = rs.simulate(list(preset.parameters), retention, config, seed)
        for day, reviewed in enumerate(result.review_cnt_per_day):
            reviews[day] += reviewed / len(SEEDS)
        for day, cost in enumerate(result.cost_per_day):
            costs[day] += cost / len(SEEDS)
        knowledge += result.memorized_cnt_per_day[interview_index] / len(SEEDS)
    span = interview_index + 1
    return RetentionOutcome(
        retention=retention,
        reviews_per_day=sum(reviews[:span]) / span,
        minutes_per_day=sum(costs[:span]) / span / 60,
        knowledge=knowledge,
        daily_reviews=tuple(reviews),
    )
