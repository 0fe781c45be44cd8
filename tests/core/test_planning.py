"""The interview-date plan: every question introduced in time, no review after the date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from interviewprep.core.planning import cap_before, plan_for, runway_days


def test_plan_spreads_unseen_questions_before_a_review_runway() -> None:
    plan = plan_for(
        date(2026, 3, 31), date(2026, 3, 1), unseen=440, introduced_today=0, preset_new_per_day=10
    )
    assert plan.days_left == 30
    assert runway_days(30) == 8
    assert plan.new_per_day == 20  # 440 over the 22 days before the runway
    assert plan.last_new_day == date(2026, 3, 22)
    assert not plan.on_track  # the user's own limit of 10 would not make it
    assert "20 new a day until 22 Mar" in plan.describe()


def test_generous_preset_is_kept() -> None:
    plan = plan_for(
        date(2026, 3, 31), date(2026, 3, 1), unseen=50, introduced_today=0, preset_new_per_day=20
    )
    assert plan.new_per_day == 20
    assert plan.on_track


def test_interview_day_and_nothing_unseen() -> None:
    assert plan_for(date(2026, 3, 1), date(2026, 3, 1), 10, 0, 20).new_per_day == 0
    done = plan_for(date(2026, 3, 9), date(2026, 3, 1), 0, 0, 20)
    assert done.on_track and "Every question seen" in done.describe()


def test_intervals_past_the_interview_are_cut_to_the_day_before() -> None:
    now = datetime(2026, 3, 1, 9, tzinfo=UTC)
    interview = datetime(2026, 3, 10, 4, tzinfo=UTC)
    assert cap_before(now + timedelta(days=30), interview, now) == interview - timedelta(days=1)
    assert cap_before(now + timedelta(days=3), interview, now) == now + timedelta(days=3)
    late = datetime(2026, 3, 9, 12, tzinfo=UTC)
    assert cap_before(late + timedelta(days=5), interview, late) == late + timedelta(days=5)


def test_simulated_forecast_of_a_plan() -> None:
    from interviewprep.core.planning import forecast
    from interviewprep.core.scheduling import DEFAULT_PARAMETERS

    plan = plan_for(
        date(2026, 3, 22), date(2026, 3, 1), unseen=190, introduced_today=0, preset_new_per_day=12
    )
    expected = forecast(plan, DEFAULT_PARAMETERS, 0.9)
    assert expected is not None
    assert 5 < expected.reviews_per_day < 100
    assert expected.peak_reviews >= expected.reviews_per_day
    assert 0.7 < expected.recalled_share <= 1.0
    assert "reviews a day" in expected.describe()
    done = plan_for(date(2026, 3, 22), date(2026, 3, 1), 0, 0, 12)
    assert forecast(done, DEFAULT_PARAMETERS, 0.9) is None
