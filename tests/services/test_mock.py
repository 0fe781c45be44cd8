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


def design(
    qid: str, minutes: int, mock: int | None = None, curveballs: tuple[str, ...] = ()
) -> str:
    return (
        f"\n## {qid}\ntype: system-design\ntopics: [agent-system-design]\ndifficulty: senior\n"
        f"time_box: {minutes}\n"
        + (f"mock_time_box: {mock}\n" if mock is not None else "")
        + f"\n### Prompt\nDesign {qid}.\n\n### Answer\n1. Scope.\n"
        f"\n### Phases\n- Scope (5 min)\n- Design ({minutes - 5} min)\n"
        "\n### Rubric\n- [3] Clarifies scope\n- [2] Estimates load\n"
        + ("\n### Curveballs\n" + "".join(f"- {c}\n" for c in curveballs) if curveballs else "")
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
    assert stored.summary() == "6 short questions, then a 45-minute system-design round"


def test_every_length_has_a_design_round_sized_to_the_time_left(
    services: Services, tmp_path: Path
) -> None:
    install(services, tmp_path, front("mix") + flashcards(30) + design("big", 45, mock=20))
    shapes = {}
    for minutes in (30, 45, 60):
        mock = services.mock.plan("agent-engineer", minutes)
        assert mock.design is not None, minutes
        assert [i.type for i in mock.items][-1] == "system-design"
        shapes[minutes] = (mock.flashcards, mock.design.minutes)
    # the 45-min prompt runs in its 20-min mock time box until the full round fits
    assert shapes == {30: (4, 20), 45: (10, 20), 60: (6, 45)}
    session = MockSession.start(services.mock, services.clock, "agent-engineer", 30)
    while session.item is not None and not session.item.is_design:
        session.next("")
    phases = session.phases()
    assert [(p.name, p.minutes, p.start_minute) for p in phases] == [
        ("Scope", 2, 0),
        ("Design", 18, 2),
    ]  # 5 + 40 scaled by 20/45


def test_a_prompt_without_a_mock_time_box_is_squeezed_into_what_is_left(
    services: Services, tmp_path: Path
) -> None:
    install(services, tmp_path, front("mix") + flashcards(30) + design("big", 45))
    thirty = services.mock.plan("agent-engineer", 30)
    assert [i.type for i in thirty.items] == ["flashcard"] * 2 + ["system-design"]
    assert thirty.items[-1].minutes == 25  # 30 minutes less two warm-up questions
    outline = services.mock.outline("agent-engineer", 30)
    assert outline.flashcards == (2, 2) and outline.design_minutes == (25,)


def test_setup_outline_says_what_the_plan_will_hold(services: Services, tmp_path: Path) -> None:
    install(
        services,
        tmp_path,
        front("mix")
        + flashcards(30)
        + design("a", 45, mock=20, curveballs=("Traffic grows 10x.",))
        + design("b", 45, mock=25, curveballs=("The budget halves.",)),
    )
    outline = services.mock.outline("agent-engineer", 45)
    assert outline.design_minutes == (20, 25) and outline.flashcards == (8, 10)
    assert outline.curveball
    for _ in range(4):
        mock = services.mock.plan("agent-engineer", 45)
        assert mock.design is not None and mock.design.minutes in outline.design_minutes
        assert outline.flashcards[0] <= mock.flashcards <= outline.flashcards[1]
    assert services.mock.outline("ml-engineer", 45).design_minutes == ()


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
    for item in mock.items:
        services.mock.save_answer(mock.id, item.index, "", 60)  # all asked, answered aloud
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
    session.next("second answer")
    session.end("third answer")  # stop early, on the third question
    assert session.ended and session.item is None

    report = session.report()
    assert [r.item.index for r in report.items] == [0, 1, 2]  # what was asked, nothing more
    assert report.not_asked == 2 and report.ungraded == [0, 1, 2]
    assert session.grade(3, Grade.GOOD) is None  # never asked: cannot be graded
    assert session.grade(1, Grade.GOOD) == 2  # the next one still to grade
    assert session.grade(2, Grade.HARD) == 0  # then wrap around to the first
    session.grade(0, Grade.EASY)
    assert session.report().ungraded == []
    saved = session.finish()
    assert session.finish() is saved  # saving twice does not review twice
    assert services.stats.overview().total_reviews == 3
    for item in session.interview.items[3:]:  # the rest go back to the scheduler untouched
        assert services.study.card(item.bank_id, item.question_id).state.reps == 0
    assert session.grade(0, Grade.AGAIN) is None  # grades are fixed once saved


def test_the_interviewer_adds_one_curveball_halfway_through_the_design_round(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    curveballs = ("Traffic grows 10x overnight.", "A hallucination spike hits the evals.")
    install(services, tmp_path, front("mix") + flashcards(4) + design("d", 45, 20, curveballs))
    session = MockSession.start(services.mock, clock, "agent-engineer", 30)
    round_ = session.interview.design
    assert round_ is not None and round_.curveball in curveballs
    assert round_.curveball_minute == 10  # the middle of the 20-minute round
    assert services.mock.interview(session.interview.id).design == round_  # kept in the plan
    assert session.curveball() == ""
    while session.item is not None and not session.item.is_design:
        clock.advance(timedelta(minutes=2))
        assert session.curveball() == ""  # never during the short questions
        session.next("")
    clock.advance(timedelta(minutes=9, seconds=59))
    assert session.curveball() == ""
    clock.advance(timedelta(seconds=1))
    assert session.curveball() == round_.curveball
    assert session.round_seconds_left() == 10 * 60


def test_what_to_drill_next_is_the_weakest_topics_and_missed_rubric_items(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    install(services, tmp_path, front("mix") + flashcards(12) + design("d", 45, 20))
    session = MockSession.start(services.mock, clock, "agent-engineer", 30)
    while session.item is not None:
        session.next("")
    items = session.interview.items
    by_topic: dict[str, int] = {}
    for item in items:
        by_topic.setdefault(item.topic, item.index)
    grades = {item.index: Grade.GOOD for item in items}
    weak_topic = items[0].topic
    for item in items:
        if item.topic == weak_topic:
            grades[item.index] = Grade.AGAIN
    round_ = session.interview.design
    assert round_ is not None
    grades[round_.index] = Grade.HARD
    for index, grade in grades.items():
        session.grade(index, grade)
    assert session.check_rubric([0]) == pytest.approx(3 / 5)  # scope covered, load not
    drill = session.report().drill()
    assert [t.topic for t in drill.topics] == [weak_topic, "agent-system-design"]
    assert [r.text for r in drill.missed_rubric] == ["Estimates load"]
    assert drill.card_filter is not None
    assert set(drill.card_filter.topics) == {weak_topic, "agent-system-design"}
    assert drill.card_filter.roles == ("agent-engineer",)
    session.finish()
    # the review queue under that filter serves only cards of those topics
    card = services.study.next_card(drill.card_filter, "flashcard")
    assert card is not None and weak_topic in card.topics


def test_topic_names_read_well_without_a_role_profile() -> None:
    assert topic_name("llm-fundamentals") == "LLM fundamentals"
    assert topic_name("rag") == "RAG"
    assert topic_name("fine-tuning-vs-rag") == "Fine tuning vs RAG"
    assert topic_name("agent-system-design") == "Agent system design"
