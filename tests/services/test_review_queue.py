"""The next card comes from a queue carried across answers; it must always be the card a cold
instance (another window opened now) would pick, whoever wrote last."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.card_record import CardFilter
from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services import study_queue
from interviewprep.services.app import Services
from tests.banktext import bank, flashcard, front, write
from tests.conftest import OtherWindow

Key = tuple[str, str]


def cold_next(other_window: OtherWindow, scope: CardFilter, exclude: tuple[Key, ...]) -> Key | None:
    with other_window() as other:
        card = other.study.next_card(scope, exclude=exclude)
        return None if card is None else card.key


def another_window_writes(other: Services, rng: random.Random) -> None:
    """Another window answers its next card and suspends one."""
    theirs = other.study.next_card()
    if theirs is not None:
        other.study.answer(theirs, Grade.GOOD, 1_000)
    other.browse.suspend([("alpha", f"a{rng.randrange(40)}")])


@pytest.fixture
def many(services: Services, tmp_path: Path) -> Services:
    banks = tmp_path / "banks"
    write(banks / "a.md", bank("alpha", ids=tuple(f"a{i}" for i in range(40))))
    write(
        banks / "b.md",
        front("beta", role="ml-engineer")
        + "".join(flashcard(f"b{i}", topics="[evals]") for i in range(30)),
    )
    services.library.import_paths([banks])
    services.settings.update_preset("flashcard", new_per_day=25, reviews_per_day=15)
    return services


# Reading three cards ahead at a time, every kind of card outruns the queue's read-ahead
# many times over: the walk then checks the refills too.
@pytest.mark.parametrize(("seed", "read_ahead"), [(1, 64), (2, 64), (3, 3), (4, 3), (1, 1), (2, 1)])
def test_the_carried_queue_serves_what_a_fresh_instance_would(
    many: Services,
    data_dir: Path,
    clock: FixedClock,
    seed: int,
    read_ahead: int,
    monkeypatch: pytest.MonkeyPatch,
    other_window: OtherWindow,
) -> None:
    monkeypatch.setattr(study_queue, "QUEUE_HEAD", read_ahead)
    rng = random.Random(seed)
    scopes = [CardFilter(), CardFilter(roles=("ml-engineer",)), CardFilter(topics=("evals",))]
    served = 0
    for step in range(150):
        scope = rng.choice(scopes)
        exclude: tuple[Key, ...] = ()
        if rng.random() < 0.2:
            first = many.study.next_card(scope)
            exclude = () if first is None else (first.key,)
        card = many.study.next_card(scope, exclude=exclude)
        assert (None if card is None else card.key) == cold_next(other_window, scope, exclude)
        if card is not None:
            many.study.answer(card, rng.choices(list(Grade), (3, 2, 6, 2))[0], 2_000)
            served += 1
        if rng.random() < 0.05:
            with other_window() as other:
                another_window_writes(other, rng)
        if step % 9 == 8:
            clock.advance(timedelta(minutes=rng.choice((2, 11, 45, 300, 1300))))
    assert served > 100  # the walk did answer cards, through learning, reviews and new days


def test_more_reviews_than_one_read_ahead_are_all_served_in_due_order(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    ids = tuple(f"q{i:03d}" for i in range(150))
    services.library.import_paths([write(tmp_path / "banks" / "big.md", bank(ids=ids))])
    services.settings.update_preset("flashcard", new_per_day=150, reviews_per_day=500)
    for _ in ids:  # graduate every card to review, due over the coming days
        card = services.study.next_card()
        assert card is not None
        services.study.answer(card, Grade.EASY, 1_000)
    clock.advance(timedelta(days=60))
    dues = []
    while (card := services.study.next_card()) is not None and card.state.stage == 2:
        assert card.state.due is not None
        dues.append(card.state.due)
        services.study.answer(card, Grade.GOOD, 1_000)
    assert len(dues) == 150 and dues == sorted(dues)


@pytest.mark.parametrize(
    ("seed", "scope", "interview_in_days"),
    [(1, CardFilter(), None), (2, CardFilter(roles=("ml-engineer",)), None), (3, CardFilter(), 9)],
)
def test_answer_and_next_shows_what_a_fresh_instance_would(
    many: Services,
    data_dir: Path,
    clock: FixedClock,
    seed: int,
    scope: CardFilter,
    interview_in_days: int | None,
    monkeypatch: pytest.MonkeyPatch,
    other_window: OtherWindow,
) -> None:
    """The review screen's one step per grade key: the next card, its button intervals and the
    counts it shows must be a cold instance's, also after another window's writes."""
    monkeypatch.setattr(study_queue, "QUEUE_HEAD", 3)
    if interview_in_days is not None:
        many.settings.interview_date = (clock.now() + timedelta(days=interview_in_days)).date()
    rng = random.Random(seed)
    card = many.study.next_card(scope)
    assert card is not None
    shown = many.study.next_states(card)
    answered = 0
    they_wrote = False
    while answered < 120:
        grade = rng.choices(list(Grade), (3, 2, 6, 2))[0]
        after = many.study.answer_and_next(card, grade, 2_000, shown, scope)
        answered += 1
        # what the buttons showed is what is stored (unless another window changed the card, or
        # the time since moved a due date past the interview's eve)
        if not they_wrote and interview_in_days is None:
            assert after.answer.after == shown.at(grade, clock.now())
        with other_window() as other:
            cold = other.study.next_card(scope)
            assert (None if after.next is None else after.next.card) == cold
            assert after.counts == other.study.counts(scope)
            if cold is not None and after.next is not None:
                assert after.next.intervals() == other.study.next_states(cold).intervals()
            they_wrote = rng.random() < 0.1
            if they_wrote:
                another_window_writes(other, rng)
        if rng.random() < 0.1:
            clock.advance(timedelta(minutes=rng.choice((2, 11, 300, 1300))))
        if after.next is None:
            clock.advance(timedelta(days=1))
            card = many.study.next_card(scope)
            assert card is not None
            shown = many.study.next_states(card)
        else:
            card, shown = after.next.card, after.next
    assert answered == 120
