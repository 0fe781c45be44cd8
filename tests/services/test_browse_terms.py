"""Browse search terms as in Anki: prop:, rated:, is:, mixed with words; bad ones explained."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.core.leech import LEECH_LAPSES
from interviewprep.services.app import Services
from interviewprep.services.browse import BrowseQuery
from interviewprep.storage.browse_query import SearchSyntaxError, parse_search
from tests.banktext import flashcard, front, write

QUESTIONS = ("alpha", "beta", "gamma", "delta")


@pytest.fixture
def library(services: Services, tmp_path: Path) -> Services:
    write(
        tmp_path / "banks" / "terms.md",
        front("terms")
        + "".join(
            flashcard(q, prompt=f"Question {q} about retrieval", answer=f"Answer {q}")
            for q in QUESTIONS
        ),
    )
    result = services.library.import_paths([tmp_path / "banks"])
    assert not result.problems, result.problems
    return services


def found(services: Services, text: str) -> set[str]:
    return {row.question_id for row in services.browse.search(BrowseQuery(text=text))}


def answer(services: Services, question: str, grade: Grade) -> None:
    services.study.answer(services.study.card("terms", question), grade, 1000)


def test_is_due_rated_and_words_combine(library: Services, clock: FixedClock) -> None:
    answer(library, "alpha", Grade.EASY)  # into review, due in days
    clock.advance(timedelta(days=3))
    answer(library, "beta", Grade.EASY)
    assert found(library, "rated:1") == {"beta"}  # answered today
    assert found(library, "rated:4") == {"alpha", "beta"}
    assert found(library, "rated:4 beta") == {"beta"}  # and a word
    assert found(library, "is:new") == {"gamma", "delta"}
    clock.advance(timedelta(days=60))
    assert found(library, "is:due") == {"alpha", "beta"}
    assert found(library, "is:due alpha") == {"alpha"}
    assert found(library, "rated:7") == set()


def test_properties_compare_stability_difficulty_and_recall_now(
    library: Services, clock: FixedClock
) -> None:
    answer(library, "alpha", Grade.EASY)
    answer(library, "beta", Grade.HARD)
    alpha = library.study.card("terms", "alpha").state
    assert alpha.stability is not None and alpha.difficulty is not None
    beta = library.study.card("terms", "beta").state
    assert beta.difficulty is not None and beta.difficulty > alpha.difficulty
    assert found(library, f"prop:s>{alpha.stability - 0.01:.2f}") == {"alpha"}
    assert found(library, f"prop:d>{alpha.difficulty + 0.01:.2f}") == {"beta"}
    assert found(library, "prop:r<0.9") == set()  # just answered: recall is near 1
    clock.advance(timedelta(days=40))
    scheduler = library.study.scheduler("flashcard")
    recall = scheduler.retrievability(library.study.card("terms", "alpha").state, clock.now())
    assert 0 < recall < 0.95
    assert found(library, f"prop:r<{recall + 0.001:.3f}") >= {"alpha"}
    assert "alpha" not in found(library, f"prop:r<{recall - 0.001:.3f}")
    assert "alpha" in found(library, f"prop:r>{recall - 0.001:.3f}")
    assert "alpha" in found(library, f"prop:r={recall:.2f}")
    assert found(library, "prop:r>0") == {"alpha", "beta"}  # never-seen cards have no recall


def test_is_leech_finds_cards_forgotten_eight_times(library: Services, clock: FixedClock) -> None:
    for _ in range(LEECH_LAPSES):
        answer(library, "gamma", Grade.EASY)  # back into review
        clock.advance(timedelta(days=30))
        answer(library, "gamma", Grade.AGAIN)  # a lapse
        clock.advance(timedelta(minutes=15))
    assert library.study.card("terms", "gamma").state.lapses == LEECH_LAPSES
    assert found(library, "is:leech") == {"gamma"}
    assert found(library, "is:leech alpha") == set()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("prop:x<3", "no property “x”"),
        ("prop:r", "expected a property"),
        ("prop:s>abc", "“abc” is not a number"),
        ("prop:r<1.5", "recall is between 0 and 1"),
        ("prop:s>nan", "is not a number"),
        ("rated:0", "rated: takes a number of days"),
        ("rated:week", "rated: takes a number of days"),
        ("is:tomorrow", "is: takes one of"),
        ("retrieval IS:Nope", "is: takes one of"),
    ],
)
def test_malformed_terms_are_explained_not_raised_as_tracebacks(
    library: Services, text: str, says: str
) -> None:
    problem = library.browse.search_problem(text)
    assert problem is not None and says in problem
    with pytest.raises(SearchSyntaxError):
        library.browse.search(BrowseQuery(text=text))


def test_words_with_colons_that_are_not_terms_stay_words() -> None:
    parsed = parse_search("http:cache Is:due prop:S>=30")
    assert parsed.text == "http:cache"
    assert len(parsed.terms) == 2
