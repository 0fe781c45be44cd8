"""Mock interviews through the service: a realistic plan, typed answers kept, a report by topic
and grades that reach the scheduler."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.mock import MockProblem, MockSession, topic_name
from tests.banktext import flashcard, front, write

TOPICS = ("rag", "evaluation", "tool-calling", "memory")
LEVELS = ("junior", "mid", "senior")


def flashcards(n: int) -> str:
    return "".join(
        flashcard(f"q{i:02d}", topics=f"[{TOPICS[i % 4]}]", difficulty=LEVELS[i % 3])
        for i in range(n)
    )


def design(qid: str, minutes: int) -> str:
    return (
        f"\n## {qid}\ntype: system-design\ntopics: [agent-system-design]\ndifficulty: senior\n"
        f"time_box: {minutes}\n\n### Prompt\nDesign {qid}.\n\n### Answer\n1. Scope.\n"
        f"\n### Phases\n- Scope (5 min)\n- Design ({minutes - 5} min)\n"
        "\n### Rubric\n- [3] Clarifies scope\n- [2] Estimates load\n"
    )


def install(services: Services, tmp_path: Path, text: str, name: str = "bank.md") -> None:
    result = services.library.import_paths([write(tmp_path / "banks" / name, text)])
    assert not result.problems, result.problems


def test_sixty_minutes_is_warm_up_flashcards_then_a_design_that_fits(
    services: Services, tmp_path: Path
) -> None:
    install(
        services, tmp_path, front("mix") + flashcards(20) + design("big", 45) + design("huge", 60)
    )
    mock = services.mock.plan("agent-engineer", 60)
    kinds = [item.type for item in mock.items]
    assert kinds == ["flashcard"] * 6 + ["system-design"]  # 60 - 45 = 15 min of 2.5-min cards
    assert mock.items[-1].question_id == "big" and mock.items[-1].minutes == 45
    topics = [item.topic for item in mock.items[:6]]
    assert len(set(topics)) == 4
    assert all(a != b for a, b in itertools.pairwise(topics))  # neighbours differ
    assert {item.difficulty for item in mock.items[:6]} == set(LEVELS)
    stored = services.mock.interview(mock.id)
    assert stored.items == mock.items and stored.length_minutes == 60
    assert stored.summary() == "6 flashcards, then a 45-minute design prompt"


def test_short_loops_take_a_design_only_if_it_leaves_room_for_warm_up(
    services: Services, tmp_path: Path
) -> None:
    install(services, tmp_path, front("mix") + flashcards(30) + design("big", 45))
    thirty = services.mock.plan("agent-engineer", 30)
    assert [i.type for i in thirty.items] == ["flashcard"] * 12  # the 45-min prompt cannot fit
    install(services, tmp_path, front("more") + design("short", 25), "more.md")
    thirty = services.mock.plan("agent-engineer", 30)
    assert [i.type for i in thirty.items] == ["flashcard"] * 2 + ["system-design"]
    forty_five = services.mock.plan("agent-engineer", 45)
    assert [i.type for i in forty_five.items] == ["flashcard"] * 8 + ["system-design"]


def test_a_role_without_design_prompts_gets_flashcards_only(
    services: Services, tmp_path: Path
) -> None:
    install(services, tmp_path, front("cards", role="ml-engineer") + flashcards(40))
    mock = services.mock.plan("ml-engineer", 45)
    assert len(mock.items) == 18 and mock.design is None
    with pytest.raises(MockProblem):
        services.mock.plan("agentops-engineer", 30)


def test_weak_and_unseen_questions_come_before_ones_the_user_knows(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    install(services, tmp_path, front("mix") + flashcards(16))
    known, weak = [f"q{i:02d}" for i in range(8)], ["q08", "q09"]
    for qid in known:
        services.study.answer(services.study.card("mix", qid), Grade.EASY, 1000)
    for qid in weak:
        services.study.answer(services.study.card("mix", qid), Grade.AGAIN, 1000)
    clock.advance(timedelta(days=1))
    picked = [item.question_id for item in services.mock.plan("agent-engineer", 20).items]
    assert len(picked) == 8
    assert set(weak) <= set(picked)
    assert not set(known) & set(picked)  # 6 unseen + 2 weak fill the loop


def test_interview_to_report_to_grades_in_the_scheduler(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    install(services, tmp_path, front("mix") + flashcards(4) + design("short", 20))
    mock = services.mock.plan("agent-engineer", 30)
    assert [i.type for i in mock.items] == ["flashcard"] * 4 + ["system-design"]
    for item in mock.items[:4]:
        services.mock.save_answer(mock.id, item.index, f"my answer to {item.question_id}", 90)
    services.mock.save_answer(mock.id, 4, "## Design\n- router", 900)
    attempt_id = services.mock.interview(mock.id).design_attempt
    assert attempt_id is not None
    assert services.design.attempt(attempt_id).mode == "mock"
    assert services.design.resume_unfinished() is None  # mock attempts are not practice ones

    report = services.mock.report(mock.id)
    first = report.items[0]
    assert first.typed == f"my answer to {first.item.question_id}"
    assert first.reference == f"{first.item.question_id} is explained here."
    assert report.items[4].typed == "## Design\n- router"
    assert "Reference outline" in report.items[4].reference
    assert len(report.ungraded) == 5
    assert {t.topic for t in report.topics} == {*TOPICS, "agent-system-design"}

    grades = {0: Grade.AGAIN, 1: Grade.GOOD, 2: Grade.EASY, 3: Grade.HARD, 4: Grade.GOOD}
    live = services.mock.report(mock.id, grades)
    assert live.ungraded == []
    by_topic = {t.topic: t.score for t in live.topics}
    assert by_topic[mock.items[0].topic] == 0.0 and by_topic[mock.items[2].topic] == 1.0

    saved = services.mock.finish(mock.id, grades)
    assert saved.interview.finished and saved.grades == grades
    for item in mock.items:
        state = services.study.card(item.bank_id, item.question_id).state
        assert state.reps == 1
    assert services.study.card("mix", mock.items[0].question_id).state.stage == Stage.LEARNING
    assert services.design.attempt(attempt_id).grade == Grade.GOOD
    assert services.stats.overview().total_reviews == 5
    with pytest.raises(MockProblem):
        services.mock.finish(mock.id, grades)
    assert services.mock.history()[0].id == mock.id


def test_only_graded_questions_are_scheduled(services: Services, tmp_path: Path) -> None:
    install(services, tmp_path, front("mix") + flashcards(4) + design("short", 20))
    mock = services.mock.plan("agent-engineer", 30)
    services.mock.finish(mock.id, {4: Grade.HARD})  # design graded without typed notes
    reps = [services.study.card(i.bank_id, i.question_id).state.reps for i in mock.items]
    assert reps == [0, 0, 0, 0, 1]


def test_session_runs_the_loop_against_one_clock(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    install(services, tmp_path, front("mix") + flashcards(4) + design("short", 20))
    session = MockSession.start(services.mock, clock, "agent-engineer", 30)
    assert session.total == 5 and session.item is not None and session.item.index == 0
    assert session.remaining_seconds() == 30 * 60 and session.clock_state() == "normal"

    clock.advance(timedelta(minutes=2))
    assert session.save("first thoughts")
    assert not session.save("first thoughts")  # unchanged: nothing written
    session.next("first answer")
    stored = services.mock.interview(session.interview.id)
    assert stored.answers[0] == "first answer" and stored.seconds[0] == 120
    assert session.item is not None and session.item.index == 1

    clock.advance(timedelta(minutes=24))
    assert session.clock_state() == "warning"
    clock.advance(timedelta(minutes=5))
    assert session.remaining_seconds() == -60 and session.clock_state() == "over"
    session.end("second answer")  # stop early: the rest can still be graded
    assert session.ended and session.item is None

    assert session.grade(3, Grade.GOOD) == 4  # the next one still to grade
    assert session.grade(4, Grade.HARD) == 0  # then wrap around to the first
    for index in (0, 1, 2):
        session.grade(index, Grade.EASY)
    assert session.report().ungraded == []
    saved = session.finish()
    assert session.finish() is saved  # saving twice does not review twice
    assert services.stats.overview().total_reviews == 5
    assert session.grade(0, Grade.AGAIN) is None  # grades are fixed once saved


def test_topic_names_read_well_without_a_role_profile() -> None:
    assert topic_name("llm-fundamentals") == "LLM fundamentals"
    assert topic_name("rag") == "RAG"
    assert topic_name("fine-tuning-vs-rag") == "Fine tuning vs RAG"
    assert topic_name("agent-system-design") == "Agent system design"
