"""The review screen's logic, without Qt."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.core.scheduling import format_interval
from interviewprep.services.app import Services
from interviewprep.services.op_changes import OpChanges
from interviewprep.services.review_session import ReviewSession
from tests.banktext import bank, write
from tests.conftest import OtherWindow


def session_for(services: Services, tmp_path: Path, ids: tuple[str, ...]) -> ReviewSession:
    services.library.import_paths([write(tmp_path / "demo.md", bank(ids=ids))])
    session = ReviewSession(services.study, services.clock)
    session.start()
    return session


def test_grading_needs_the_answer_shown_first(services: Services, tmp_path: Path) -> None:
    session = session_for(services, tmp_path, ("a", "b"))
    assert session.card is not None and not session.revealed
    assert session.grade(Grade.GOOD) is None
    assert services.stats.overview().total_reviews == 0
    session.reveal()
    assert session.grade(Grade.GOOD) is not None
    assert services.stats.overview().total_reviews == 1


def test_interval_labels_match_what_the_answer_schedules(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    session = session_for(services, tmp_path, ("a", "b", "c", "d"))
    shown: dict[Grade, str] = {}
    scheduled: dict[Grade, str] = {}
    for grade in Grade:  # four new cards, one grade each: every button is put to the test
        session.reveal()
        shown[grade] = session.interval_labels()[grade]
        answer = session.grade(grade)
        assert answer is not None and answer.after.due is not None
        scheduled[grade] = format_interval(answer.after.due - clock.now())
    assert shown == scheduled
    assert [shown[Grade.AGAIN], shown[Grade.HARD], shown[Grade.GOOD]] == ["1m", "6m", "10m"]
    assert shown[Grade.EASY].endswith("d"), "Easy on a new card skips the learning steps"


def test_a_review_answered_later_keeps_the_interval_its_button_showed(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    session = session_for(services, tmp_path, ("a", "b"))
    session.reveal()
    session.grade(Grade.EASY)  # "a" graduates to review
    clock.advance(timedelta(days=30))
    session = ReviewSession(services.study, services.clock)
    session.start()
    assert session.card is not None and session.card.question_id == "a"
    session.reveal()
    shown = {g: services.study.preview(session.card)[g] for g in Grade}
    clock.advance(timedelta(minutes=3))  # the user thinks, then grades
    answer = session.grade(Grade.GOOD)
    assert answer is not None
    assert answer.after.due == clock.now() + shown[Grade.GOOD]
    assert answer.after.last_review == clock.now()
    stored = services.study.card("demo", "a").state
    assert (stored.due, stored.reps) == (answer.after.due, 2)


def test_a_card_answered_elsewhere_meanwhile_is_scheduled_from_its_stored_state(
    services: Services, tmp_path: Path, other_window: OtherWindow
) -> None:
    session = session_for(services, tmp_path, ("a",))
    assert session.card is not None
    with other_window() as other:  # a second window
        other.study.answer(other.study.card("demo", "a"), Grade.AGAIN, 1000)
    session.reveal()
    answer = session.grade(Grade.GOOD)
    assert answer is not None
    stored = services.study.card("demo", "a").state
    # both answers count: planned from the card as it was shown, this one would have said 1
    assert stored.reps == 2 and answer.card.state.reps == 1
    assert services.stats.overview().total_reviews == 2


def test_duration_is_the_time_the_card_was_shown(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    session = session_for(services, tmp_path, ("a",))
    clock.advance(timedelta(seconds=7))
    session.reveal()
    session.grade(Grade.EASY)
    with services.db.read() as s:
        from sqlalchemy import select

        from interviewprep.storage.models import ReviewRow

        assert s.scalars(select(ReviewRow.duration_ms)).all() == [7000]


def test_undo_shows_the_card_again_and_counts_go_back(services: Services, tmp_path: Path) -> None:
    session = session_for(services, tmp_path, ("a", "b"))
    first = session.card
    assert first is not None
    session.reveal()
    session.grade(Grade.EASY)
    assert session.progress.done == 1
    assert session.card is not None and session.card.key != first.key
    undone = session.undo()
    assert undone is not None and undone.key == first.key
    assert session.card is not None and session.card.key == first.key
    assert not session.revealed
    assert session.progress.done == 0
    assert session.undo() is None


def test_session_finishes_when_nothing_is_left(services: Services, tmp_path: Path) -> None:
    session = session_for(services, tmp_path, ("a",))
    session.reveal()
    session.grade(Grade.EASY)
    assert session.finished
    assert session.progress.fraction == 1.0


def test_every_change_says_what_it_changed_and_who_made_it(
    services: Services, tmp_path: Path
) -> None:
    heard: list[OpChanges] = []
    services.study.subscribe(heard.append)
    screen = object()  # stands for the review screen
    session = session_for(services, tmp_path, ("a", "b"))
    session.initiator = screen
    session.reveal()
    session.grade(Grade.GOOD)
    assert session.card is not None
    services.study.set_flagged(session.card, True)
    session.undo()
    answer, flag, undo = heard
    assert (answer.queues, answer.card, answer.history, answer.settings) == (
        True,
        True,
        True,
        False,
    )
    assert answer.initiator is screen and undo.initiator is screen
    assert (flag.card, flag.queues, flag.history) == (True, False, False)
    assert flag.initiator is None


def test_a_note_written_elsewhere_shows_on_the_revealed_card(
    services: Services, tmp_path: Path
) -> None:
    session = session_for(services, tmp_path, ("a", "b"))
    session.reveal()
    assert session.card is not None
    services.study.set_note(session.card, "the hook I keep missing")
    session.changed_elsewhere(OpChanges(card=True))
    assert session.card.question_id == "a" and session.card.note == "the hook I keep missing"
    assert session.revealed


def test_paused_time_and_time_past_the_cap_are_not_recorded(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    services.library.import_paths([write(tmp_path / "demo.md", bank(ids=("a", "b", "c")))])
    session = ReviewSession(services.study, services.clock, answer_cap_ms=60_000)
    session.start()
    clock.advance(timedelta(seconds=10))
    session.pause()
    clock.advance(timedelta(hours=1))
    session.resume()
    clock.advance(timedelta(seconds=5))
    assert session.elapsed_ms() == 15_000
    session.reveal()
    first = session.grade(Grade.GOOD)
    assert first is not None
    clock.advance(timedelta(minutes=3))
    assert session.elapsed_ms() == 60_000 and session.capped
    session.reveal()
    session.grade(Grade.GOOD)
    durations = [r.duration_ms for r in services.card_info.info("demo", "a").reviews]
    durations += [r.duration_ms for r in services.card_info.info("demo", "b").reviews]
    assert durations == [15_000, 60_000]


def test_suspending_the_shown_card_keeps_the_done_count(services: Services, tmp_path: Path) -> None:
    session = session_for(services, tmp_path, ("a", "b", "c"))
    session.reveal()
    session.grade(Grade.EASY)
    assert session.card is not None
    services.study.set_suspended(session.card, True)
    session.move_on()
    assert session.progress.done == 1
    assert session.progress.counts.new == 1 and session.progress.remaining == 1
