"""Studying through the service: queue order, daily limits, answers on disk, undo."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

from interviewprep.core.card_record import CardFilter
from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.op_changes import OpChanges
from tests.answers import answered_twice
from tests.banktext import bank, design, flashcard, front, write
from tests.conftest import OtherWindow


def install(services: Services, tmp_path: Path, text: str, name: str = "demo.md") -> None:
    services.library.import_paths([write(tmp_path / "banks" / name, text)])


def test_answer_is_on_disk_when_answer_returns(
    services: Services, tmp_path: Path, data_dir: Path, clock: FixedClock, other_window: OtherWindow
) -> None:
    install(services, tmp_path, bank())
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.GOOD, 4321)
    with other_window() as other:  # a second connection
        seen = other.study.card(card.bank_id, card.question_id)
        assert seen.state.reps == 1
        assert seen.state.stage == Stage.LEARNING


def test_queue_order_new_before_learning_that_is_not_yet_due(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    install(services, tmp_path, bank(ids=("a", "b")))
    first = services.study.next_card()
    assert first is not None and first.question_id == "a"
    services.study.answer(first, Grade.AGAIN, 1000)  # due again in 1 minute
    nxt = services.study.next_card()
    assert nxt is not None and nxt.question_id == "b"
    services.study.answer(nxt, Grade.EASY, 1000)
    again = services.study.next_card()  # nothing else left: learn ahead rather than wait
    assert again is not None and again.question_id == "a"
    clock.advance(timedelta(minutes=2))
    services.library.import_paths([write(tmp_path / "banks" / "more.md", bank("more", ids=("c",)))])
    due = services.study.next_card()  # a learning card that is due beats a new one
    assert due is not None and due.question_id == "a"


def test_counts_and_daily_new_limit(services: Services, tmp_path: Path, clock: FixedClock) -> None:
    install(services, tmp_path, bank(ids=tuple(f"q{i}" for i in range(30))))
    services.settings.update_preset("flashcard", new_per_day=5)
    assert services.study.counts().new == 5
    for _ in range(5):
        card = services.study.next_card(exclude=())
        assert card is not None
        services.study.answer(card, Grade.EASY, 800)
    assert services.study.counts().new == 0
    assert services.study.next_card() is None
    clock.advance(timedelta(days=1))
    assert services.study.counts().new == 5


def test_due_reviews_come_back_on_their_day(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    install(services, tmp_path, bank(ids=("a",)))
    card = services.study.next_card()
    assert card is not None
    result = services.study.answer(card, Grade.EASY, 1000)
    assert result.after.due is not None
    assert services.study.next_card() is None
    clock.current = result.after.due + timedelta(minutes=1)
    assert services.study.counts().review == 1
    due = services.study.next_card()
    assert due is not None and due.question_id == "a" and due.state.stage == Stage.REVIEW


def test_undo_restores_state_and_removes_the_review(services: Services, tmp_path: Path) -> None:
    install(services, tmp_path, bank(ids=("a", "b")))
    card = services.study.next_card()
    assert card is not None
    before = services.study.counts()
    services.study.answer(card, Grade.GOOD, 1000)
    assert services.stats.overview().total_reviews == 1
    undone = services.study.undo()
    assert undone is not None and undone.key == card.key
    assert undone.state == card.state
    assert services.study.counts() == before
    assert services.stats.overview().total_reviews == 0
    assert services.study.undo() is None


def test_undo_of_a_second_answer_restores_the_state_the_first_left(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    between = answered_twice(services, clock, tmp_path / "banks", Grade.AGAIN)
    assert services.study.card("demo", "a").state.lapses == 1
    undone = services.study.undo()
    assert undone is not None and undone.state == between
    assert services.study.card("demo", "a").state == between


def test_undo_of_an_answer_saved_by_an_earlier_version(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    """Reviews written before schema 0005 keep the state before them as an object with ISO
    times; undo must still restore it."""
    state = answered_twice(services, clock, tmp_path / "banks", Grade.GOOD)
    assert state.due is not None and state.last_review is not None
    old_format = json.dumps(
        {
            "stage": int(state.stage), "step": state.step, "stability": state.stability,
            "difficulty": state.difficulty, "due": state.due.isoformat(),
            "last_review": state.last_review.isoformat(), "reps": state.reps,
            "lapses": state.lapses,
        }
    )  # fmt: skip
    raw = sqlite3.connect(services.db.path)
    with raw:
        raw.execute("UPDATE reviews SET before = ? WHERE id = (SELECT max(id) FROM reviews)",
                    (old_format,))  # fmt: skip
    raw.close()
    undone = services.study.undo()
    assert undone is not None and undone.state == state
    assert services.study.card("demo", "a").state == state


def test_filters_by_topic_difficulty_and_type(services: Services, tmp_path: Path) -> None:
    text = (
        front()
        + flashcard("rag1", topics="[rag]", difficulty="senior")
        + flashcard("llm1", topics="[llm-fundamentals]", difficulty="junior")
        + design("d1")
    )
    install(services, tmp_path, text)
    rag = services.study.next_card(CardFilter(topics=("rag",)))
    assert rag is not None and rag.question_id == "rag1"
    junior = services.study.next_card(CardFilter(difficulties=("junior",)))
    assert junior is not None and junior.question_id == "llm1"
    d = services.study.next_card(question_type="system-design")
    assert d is not None and d.question_id == "d1"
    assert services.study.counts(question_type="system-design").new == 1


def test_suspended_cards_leave_the_queue(services: Services, tmp_path: Path) -> None:
    install(services, tmp_path, bank(ids=("a", "b")))
    card = services.study.next_card()
    assert card is not None
    services.study.set_suspended(card, True)
    nxt = services.study.next_card()
    assert nxt is not None and nxt.question_id != card.question_id
    assert services.study.counts().new == 1


def test_changes_notify_subscribers(services: Services, tmp_path: Path) -> None:
    install(services, tmp_path, bank(ids=("a",)))
    calls: list[OpChanges] = []
    services.study.subscribe(calls.append)
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.GOOD, 10)
    services.study.undo()
    assert len(calls) == 2 and all(c.queues and c.history for c in calls)


def test_streak_and_readiness_rise_as_a_user_reviews(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    install(services, tmp_path, bank(ids=tuple(f"q{i}" for i in range(30))))
    services.settings.update_preset("flashcard", new_per_day=5)
    assert services.stats.overview().roles["agent-engineer"].readiness == 0.0
    for _day in range(3):
        while (card := services.study.next_card()) is not None:
            services.study.answer(card, Grade.GOOD, 1000)
            clock.advance(timedelta(minutes=11))
        clock.advance(timedelta(days=1))
    clock.advance(timedelta(days=-1))
    report = services.stats.overview()
    role = report.roles["agent-engineer"]
    assert report.streak_days == 3
    assert role.coverage == 0.5
    assert 0.4 < role.readiness <= role.coverage
    clock.advance(timedelta(days=2))
    assert services.stats.overview().streak_days == 0


def test_clearing_the_interview_date(services: Services, clock: FixedClock) -> None:
    services.settings.interview_date = (clock.now() + timedelta(days=5)).date()
    assert services.study.plan() is not None
    services.settings.interview_date = None
    assert services.settings.interview_date is None
    assert services.study.plan() is None


def test_design_queue_holds_design_prompts_only_in_order(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    """Design prompts are found through the index of non-flashcards: in queue order, learning
    ones first, never a flashcard, a retired prompt or a suspended one."""
    cards = "".join(flashcard(f"f{n}") for n in range(6))
    text = front() + design("d1") + cards + design("d2") + design("d3") + design("d4")
    install(services, tmp_path, text)
    services.settings.update_preset("system-design", new_per_day=10)
    while (card := services.study.next_card()) is not None and card.state.reps == 0:
        services.study.answer(card, Grade.GOOD, 1000)  # flashcards in learning, due soon
    services.study.set_suspended(services.study.card("demo", "d1"), True)
    install(services, tmp_path, text.replace(design("d2"), ""))  # d2 retired

    def next_design() -> str | None:
        card = services.study.next_card(question_type="system-design")
        return None if card is None else card.question_id

    assert next_design() == "d3"
    assert services.study.counts(question_type="system-design").new == 2
    services.study.answer(services.study.card("demo", "d3"), Grade.AGAIN, 1000)
    assert next_design() == "d4"  # d3 is back tomorrow (a design prompt's step is a day)
    services.study.answer(services.study.card("demo", "d4"), Grade.AGAIN, 1000)
    assert next_design() is None
    clock.advance(timedelta(days=1))
    assert next_design() == "d3"  # due learning prompts, in due order
    services.study.set_suspended(services.study.card("demo", "d1"), False)
    assert next_design() == "d3"  # due learning prompts before new ones
