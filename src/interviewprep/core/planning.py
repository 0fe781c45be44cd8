"""Planning for an interview date: how many new questions a day, and reviews that land before it.

Anki schedules for lifelong memory; a candidate needs every question introduced early enough to
be reviewed a few times, and no interval that jumps past the interview.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from interviewprep.wording import count

REVIEW_RUNWAY_SHARE = 0.25
"""Share of the days left kept free of new questions, so the last ones get reviews too."""
MIN_RUNWAY_DAYS = 2


@dataclass(frozen=True)
class InterviewPlan:
    interview: date
    today: date
    unseen: int
    new_per_day: int
    last_new_day: date
    on_track: bool
    introduced_today: int
    preset_new_per_day: int = 0

    @property
    def days_left(self) -> int:
        return (self.interview - self.today).days

    def describe(self) -> str:
        days_left = self.days_left
        if days_left <= 0:
            return "Interview day: review what is due, nothing new."
        if self.unseen == 0:
            return f"Every question seen; {count(days_left, 'day')} of reviews to go."
        runway = (self.interview - self.last_new_day).days - 1
        text = (
            f"{count(self.unseen, 'unseen question')} before your interview on "
            f"{self.interview:%-d %b}: {self.new_per_day} new a day until "
            f"{self.last_new_day:%-d %b}, then {count(runway, 'day')} of reviews only"
        )
        if self.new_per_day > self.preset_new_per_day:
            text += f" (your limit of {self.preset_new_per_day} a day is raised to fit them in)"
        if self.introduced_today >= self.new_per_day:
            return f"{text}. Today's new questions are done"
        if self.introduced_today:
            return f"{text}. {self.introduced_today} of today's {self.new_per_day} seen so far"
        return text


def runway_days(days_left: int) -> int:
    return max(MIN_RUNWAY_DAYS, math.ceil(days_left * REVIEW_RUNWAY_SHARE))


def plan_for(
    interview: date, today: date, unseen: int, introduced_today: int, preset_new_per_day: int
) -> InterviewPlan:
    """New questions per day so every unseen one is introduced before the review runway."""
    days_left = (interview - today).days
    if days_left <= 0:
        return InterviewPlan(
            interview, today, unseen, 0, today, unseen == 0, introduced_today, preset_new_per_day
        )
    learning_days = max(1, days_left - runway_days(days_left))
    # unseen counts today's remaining new cards too; today's introductions already happened
    needed = math.ceil((unseen + introduced_today) / learning_days)
    new_per_day = max(preset_new_per_day, needed) if unseen else preset_new_per_day
    last_new_day = today + timedelta(days=max(0, learning_days - 1))
    on_track = needed <= preset_new_per_day or introduced_today >= needed or unseen == 0
    return InterviewPlan(
        interview,
        today,
        unseen,
        new_per_day,
        last_new_day,
        on_track,
        introduced_today,
        preset_new_per_day,
    )


def cap_before(due: datetime, interview_start: datetime, now: datetime) -> datetime:
    """Shorten an interval that would jump past the interview so the review lands the day before
    it (never earlier than now)."""
    latest = interview_start - timedelta(days=1)
    if now < latest < due:
        return latest
    return due


@dataclass(frozen=True)
class PlanForecast:
    """What following the plan is expected to cost and give, from the FSRS simulator."""

    reviews_per_day: float
    peak_reviews: int
    recalled_share: float

    def describe(self) -> str:
        return (
            f"Expect about {self.reviews_per_day:.0f} reviews a day (peak {self.peak_reviews}); "
            f"the unseen questions would be at about {self.recalled_share:.0%} recall on the day."
        )


def forecast(
    plan: InterviewPlan, parameters: Sequence[float], desired_retention: float, seed: int = 7
) -> PlanForecast | None:
    """Simulate the plan's new cards with fsrs-rs's simulator (a few milliseconds)."""
    import fsrs_rs_python as rs

    days = plan.days_left
    if days <= 0 or plan.unseen == 0 or plan.new_per_day == 0:
        return None
    config = rs.default_simulator_config()
    config.deck_size = plan.unseen
    config.learn_span = days
    config.learn_limit = plan.new_per_day
    config.review_limit = 100_000
    config.max_cost_perday = 1e12
    config.max_ivl = float(max(1, days - 1))  # as the app caps intervals before the date
    result = rs.simulate(list(parameters), desired_retention, config, seed)
    reviews = list(result.review_cnt_per_day)[:days]
    recalled = list(result.memorized_cnt_per_day)[:days]
    return PlanForecast(
        reviews_per_day=sum(reviews) / len(reviews) if reviews else 0.0,
        peak_reviews=max(reviews, default=0),
        recalled_share=(recalled[-1] / plan.unseen) if recalled else 0.0,
    )
