"""Design practice through the service: notes on disk, rubric score, grade into the scheduler,
earlier attempts and resuming after a restart."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.card_record import CardRecord
from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.design import (
    AttemptClosed,
    DesignSession,
    Phase,
    RubricItem,
    current_phase,
    format_clock,
    reference_markdown,
    rubric_score,
    suggested_grade,
)
from tests.banktext import design, front, write
from tests.conftest import OtherWindow

RICH = (
    "\n## design-rich\n"
    "type: system-design\n"
    "topics: [agent-system-design]\n"
    "difficulty: senior\n"
    "time_box: 20\n"
    "\n### Prompt\nDesign a support agent: 2M conversations a month, p95 under 2 s.\n"
    "\n### Answer\n1. Requirements.\n2. Estimation.\n"
    "\n### Phases\n- Scope (5 min)\n- Design (10 min)\n- Wrap-up (5 min)\n"
    "\n### Rubric\n- [5] Pins down success metrics\n- [3] Estimates load\n- [2] Safe refunds\n"
    "\n### Pitfalls\n- Letting the model decide refund limits.\n"
    "\n### Curveballs\n- Traffic grows 10x during a sale.\n"
)


def install(services: Services, tmp_path: Path) -> CardRecord:
    text = front("designs") + RICH + design("plain")
    services.library.import_paths([write(tmp_path / "banks" / "designs.md", text)])
    return services.study.card("designs", "design-rich")


def test_weighted_rubric_score_and_suggested_grade() -> None:
    rubric = [RubricItem("a", 5), RubricItem("b", 3), RubricItem("c", 2)]
    assert rubric_score(rubric, []) == 0.0
    assert rubric_score(rubric, [1]) == pytest.approx(0.3)
    assert rubric_score(rubric, [0, 99, -1]) == pytest.approx(0.5)  # unknown indices ignored
    assert rubric_score(rubric, [0, 1, 2]) == 1.0
    assert [suggested_grade(s) for s in (0.0, 0.39, 0.4, 0.64, 0.65, 0.84, 0.85, 1.0)] == [
        Grade.AGAIN,
        Grade.AGAIN,
        Grade.HARD,
        Grade.HARD,
        Grade.GOOD,
        Grade.GOOD,
        Grade.EASY,
        Grade.EASY,
    ]


def test_countdown_text_and_phase_by_elapsed_time() -> None:
    assert format_clock(45 * 60) == "45:00"
    assert format_clock(61) == "01:01"
    assert format_clock(0) == "00:00"
    assert format_clock(-125) == "-02:05"
    phases = [Phase("Scope", 5, 0), Phase("Design", 10, 5), Phase("Wrap-up", 5, 15)]
    assert current_phase(phases, 0) == 0
    assert current_phase(phases, 5 * 60 - 1) == 0
    assert current_phase(phases, 5 * 60) == 1
    assert current_phase(phases, 19 * 60) == 2
    assert current_phase(phases, 90 * 60) == 2  # overtime stays in the last phase
    assert current_phase([], 10) is None


def test_notes_are_on_disk_when_save_returns(
    services: Services, tmp_path: Path, data_dir: Path, clock: FixedClock, other_window: OtherWindow
) -> None:
    card = install(services, tmp_path)
    attempt = services.design.start(card)
    assert attempt.mode == "practice" and not attempt.finished
    services.design.save_notes(attempt.id, "## Requirements\n- 2M/month", 95)
    with other_window() as other:  # a second connection
        seen = other.design.attempt(attempt.id)
        assert seen.notes == "## Requirements\n- 2M/month"
        assert seen.elapsed_seconds == 95


def test_finish_scores_then_override_grade_schedules_the_prompt(
    services: Services, tmp_path: Path
) -> None:
    card = install(services, tmp_path)
    attempt = services.design.start(card)
    scored = services.design.finish(attempt.id, [0, 2], elapsed_seconds=600)
    assert scored.score == pytest.approx(0.7)
    assert scored.suggested == Grade.GOOD
    rescored = services.design.finish(attempt.id, [0], elapsed_seconds=900)  # the user unticks
    assert rescored.score == pytest.approx(0.5) and rescored.suggested == Grade.HARD
    stored = services.design.attempt(attempt.id)
    assert stored.checked == (0,) and stored.elapsed_seconds == 600  # clock stopped at finish

    services.design.grade(attempt.id, Grade.EASY)  # the user overrides Hard
    after = services.study.card(card.bank_id, card.question_id)
    assert after.state.reps == 1
    assert after.state.stage == Stage.REVIEW  # design prompts have no minute-scale steps
    assert services.design.attempt(attempt.id).grade == Grade.EASY
    assert services.stats.overview().total_reviews == 1
    with pytest.raises(AttemptClosed):
        services.design.grade(attempt.id, Grade.GOOD)
    with pytest.raises(AttemptClosed):
        services.design.save_notes(attempt.id, "late edit", 1)
    assert services.study.card(card.bank_id, card.question_id).state.reps == 1


def test_earlier_attempts_newest_first(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    card = install(services, tmp_path)
    first = services.design.start(card)
    services.design.save_notes(first.id, "first try", 60)
    services.design.finish(first.id, [1])
    services.design.grade(first.id, Grade.HARD)
    clock.advance(timedelta(days=3))
    second = services.design.start(card)
    services.design.save_notes(second.id, "second try", 30)
    other = services.design.start(services.study.card("designs", "plain"))
    listed = services.design.attempts(card.bank_id, card.question_id)
    assert [a.id for a in listed] == [second.id, first.id]
    assert listed[1].notes == "first try" and listed[1].grade == Grade.HARD
    assert other.id not in [a.id for a in listed]


def test_resume_unfinished_skips_graded_abandoned_and_mock_attempts(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    card = install(services, tmp_path)
    assert services.design.resume_unfinished() is None
    running = services.design.start(card)
    services.design.save_notes(running.id, "half done", 420)
    resumed = services.design.resume_unfinished()
    assert resumed is not None and resumed.id == running.id and resumed.notes == "half done"

    services.design.finish(running.id, [0])  # finished, not yet graded: still resumable
    resumed = services.design.resume_unfinished()
    assert resumed is not None and resumed.finished and resumed.checked == (0,)
    services.design.grade(running.id, Grade.GOOD)
    assert services.design.resume_unfinished() is None

    clock.advance(timedelta(minutes=1))
    walked_away = services.design.start(card)
    services.design.save_notes(walked_away.id, "kept for later reading", 10)
    services.design.abandon(walked_away.id)
    empty = services.design.start(card)
    services.design.abandon(empty.id)  # nothing typed: not worth keeping
    services.design.start(card, mode="mock")
    assert services.design.resume_unfinished() is None
    listed = services.design.attempts(card.bank_id, card.question_id)
    assert [(a.mode, a.notes, a.abandoned) for a in listed] == [
        ("mock", "", False),
        ("practice", "kept for later reading", True),
        ("practice", "half done", False),
    ]


def test_session_clock_phases_and_resume(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    card = install(services, tmp_path)
    session = DesignSession(services.design, clock, card)
    assert not session.started and session.countdown() == "20:00"
    session.start()
    clock.advance(timedelta(minutes=6))
    assert session.countdown() == "14:00" and session.clock_state() == "normal"
    assert session.current_phase() == 1
    assert session.save("notes at six minutes")
    assert not session.save("notes at six minutes")  # nothing new: no write

    clock.advance(timedelta(minutes=10))
    assert session.clock_state() == "warning"
    session.save("notes at sixteen minutes")

    # The app closes here; time while it is closed does not count.
    clock.advance(timedelta(hours=5))
    attempt = services.design.resume_unfinished()
    assert attempt is not None
    again = DesignSession.resume(services.design, clock, card, attempt)
    assert again.running and again.notes == "notes at sixteen minutes"
    assert again.countdown() == "04:00"
    clock.advance(timedelta(minutes=5, seconds=30))
    assert again.countdown() == "-01:30" and again.clock_state() == "over"
    assert again.current_phase() == 2

    scored = again.finish("final notes")
    assert again.finished and scored.score == 0.0 and scored.suggested == Grade.AGAIN
    assert again.elapsed_seconds() == 21 * 60 + 30
    clock.advance(timedelta(minutes=3))
    assert again.countdown() == "-01:30"  # stopped at finish
    assert again.set_checked(0, True).suggested == Grade.HARD
    assert again.set_checked(1, True).suggested == Grade.GOOD
    assert again.set_checked(2, True).suggested == Grade.EASY
    answer = again.grade(Grade.GOOD)
    assert answer is not None and answer.grade == Grade.GOOD
    assert again.grade(Grade.EASY) is None  # graded once only
    stored = services.design.attempt(attempt.id)
    assert stored.notes == "final notes" and stored.score == 1.0 and stored.grade == Grade.GOOD


def test_reference_shows_outline_pitfalls_and_curveballs(
    services: Services, tmp_path: Path
) -> None:
    text = reference_markdown(install(services, tmp_path))
    assert "1. Requirements." in text
    assert "Letting the model decide refund limits." in text
    assert "Traffic grows 10x during a sale." in text


def test_prompts_lists_active_design_prompts(services: Services, tmp_path: Path) -> None:
    install(services, tmp_path)
    prompts = services.design.prompts()
    assert [p.question_id for p in prompts] == ["design-rich", "plain"]
    assert prompts[0].title == "Design a support agent"  # the picker shows the first clause
    assert prompts[0].time_box == 20
    services.study.set_suspended(services.study.card("designs", "plain"), True)
    assert [p.question_id for p in services.design.prompts()] == ["design-rich"]


def test_a_pause_by_the_user_outlasts_the_screen_coming_back(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    card = install(services, tmp_path)
    session = DesignSession(services.design, clock, card)
    session.pause("sight")  # loaded while out of view: the start waits for the user to see it
    session.start()
    clock.advance(timedelta(minutes=3))
    assert session.paused and session.countdown() == "20:00"
    session.unpause("sight")
    clock.advance(timedelta(minutes=2))
    session.pause("user")
    session.pause("sight")
    clock.advance(timedelta(minutes=30))
    session.unpause("sight")  # the screen is back, the user's pause stands
    assert session.paused_by_user and session.countdown() == "18:00"
    session.unpause("user")
    clock.advance(timedelta(minutes=1))
    assert not session.paused and session.countdown() == "17:00"
    session.finish("notes")
    assert services.design.attempts("designs", "design-rich")[0].elapsed_seconds == 3 * 60
    assert not session.paused  # a finished round is over, not paused
