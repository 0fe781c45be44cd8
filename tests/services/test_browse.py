"""Browse: full-text search a user can type anything into, filters, and bulk actions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.browse import BrowseQuery, BrowseSort
from interviewprep.storage.browse_query import SearchSyntaxError
from interviewprep.storage.browse_repository import fts_query
from tests.banktext import design, flashcard, front, write


@pytest.fixture
def library(services: Services, tmp_path: Path) -> Services:
    write(
        tmp_path / "banks" / "agents.md",
        front("agents")
        + flashcard(
            "react-loop",
            prompt="# How does a ReAct agent loop work?\n\nExplain the steps.",
            answer="It interleaves reasoning and tool calls.",
            topics="[agent-architecture]",
            difficulty="junior",
        )
        + flashcard(
            "tool-retries",
            prompt="When should a tool call be retried?",
            answer="Idempotent calls with backoff; never blind retries of payments.",
            topics="[tool-use]",
            difficulty="senior",
        )
        + flashcard(
            "embeddings",
            prompt="What are embeddings used for in retrieval?",
            answer="Nearest-neighbour search over dense vectors.",
            topics="[rag]",
        )
        + design("design-agent"),
    )
    write(
        tmp_path / "banks" / "ml.md",
        front("ml", role="ml-engineer")
        + flashcard(
            "precision-recall",
            prompt="Precision versus recall?",
            answer="Precision: share of retrieved that is relevant.",
            topics="[metrics]",
        ),
    )
    result = services.library.import_paths([tmp_path / "banks"])
    assert not result.problems, result.problems
    return services


def ids(services: Services, **query: object) -> list[str]:
    return [row.question_id for row in services.browse.search(BrowseQuery(**query))]  # type: ignore[arg-type]


def test_search_matches_prompt_and_answer_words_with_prefix_on_the_last(
    library: Services,
) -> None:
    assert ids(library, text="dense") == ["embeddings"]
    # stemmed: "retrieval" finds "retrieved" too
    assert set(ids(library, text="retrieval")) == {"embeddings", "precision-recall"}
    assert set(ids(library, text="tool")) == {"tool-retries", "react-loop"}
    assert ids(library, text="backo") == ["tool-retries"]  # typing: prefix of "backoff"
    assert ids(library, text="nearest neigh") == ["embeddings"]
    assert ids(library, text="nearest payments") == []  # every term must match
    assert ids(library, text="precision-recall") == ["precision-recall"]


def test_rows_carry_what_the_table_shows(library: Services) -> None:
    (row,) = library.browse.search(BrowseQuery(text="react"))
    assert row.prompt == "How does a ReAct agent loop work?"  # first line, heading marks gone
    assert (row.bank_id, row.type, row.difficulty, row.topics) == (
        "agents",
        "flashcard",
        "junior",
        ("agent-architecture",),
    )
    assert (row.stage, row.reps, row.due, row.suspended) == (Stage.NEW, 0, None, False)


@pytest.mark.parametrize(
    "text",
    ['"', "AND", "OR NOT", "foo*", "(bar", "a:b", "NEAR(x y)", "^", "-", "'", '""" *', "é"],
)
def test_fts_syntax_never_reaches_the_user(library: Services, text: str) -> None:
    library.browse.search(BrowseQuery(text=text))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(
        st.text(max_size=30),
        st.text(alphabet=list("\"*^():-+{},.'\x00\t ANDORNTéa1_"), max_size=30),
    )
)
def test_any_typed_text_is_a_valid_search(library: Services, text: str) -> None:
    if library.browse.search_problem(text) is not None:  # a malformed is:, prop: or rated:
        with pytest.raises(SearchSyntaxError):
            library.browse.search(BrowseQuery(text=text))
        return
    rows = library.browse.search(BrowseQuery(text=text))
    if fts_query(text) is None:
        assert len(rows) == 5  # nothing searchable typed: everything is listed


def test_filters_narrow_and_combine_with_search(library: Services) -> None:
    assert len(ids(library)) == 5
    assert ids(library, roles=("ml-engineer",)) == ["precision-recall"]
    assert set(ids(library, bank_ids=("agents",))) == {
        "react-loop",
        "tool-retries",
        "embeddings",
        "design-agent",
    }
    assert ids(library, topics=("tool-use",)) == ["tool-retries"]
    assert ids(library, difficulties=("junior",)) == ["react-loop"]
    assert ids(library, question_type="system-design") == ["design-agent"]
    assert ids(library, text="recall", roles=("agent-engineer",)) == []
    assert ids(library, text="recall", roles=("ml-engineer",)) == ["precision-recall"]


def test_state_filters(library: Services, clock: FixedClock) -> None:
    study = library.study
    card = study.card("agents", "react-loop")
    study.answer(card, Grade.EASY, 1000)  # into review, due in days
    learning = study.card("agents", "embeddings")
    study.answer(learning, Grade.AGAIN, 1000)  # learning, due in a minute
    study.set_flagged(study.card("ml", "precision-recall"), True)
    library.browse.suspend([("agents", "tool-retries")])

    assert set(ids(library, state="new")) == {"design-agent", "precision-recall"}
    assert ids(library, state="learning") == ["embeddings"]
    assert ids(library, state="due") == ["embeddings"]
    assert ids(library, state="suspended") == ["tool-retries"]
    assert ids(library, state="flagged") == ["precision-recall"]
    clock.advance(timedelta(days=60))
    assert set(ids(library, state="due")) == {"embeddings", "react-loop"}


def test_suspend_and_unsuspend_a_selection_take_it_out_of_and_back_into_the_queue(
    library: Services,
) -> None:
    keys = [("agents", "react-loop"), ("agents", "tool-retries"), ("agents", "embeddings")]
    notified: list[int] = []
    library.study.subscribe(lambda _changes: notified.append(1))
    assert library.browse.suspend(keys) == 3
    assert notified == [1]  # one refresh for the whole selection
    assert library.study.counts().new == 1  # only ml's flashcard is left to study
    assert library.browse.unsuspend(keys[:2]) == 2
    assert library.study.counts().new == 3
    assert [r.suspended for r in library.browse.search(BrowseQuery(text="embeddings"))] == [True]


def test_reset_makes_cards_new_again_and_keeps_their_history(library: Services) -> None:
    study = library.study
    card = study.card("agents", "react-loop")
    study.answer(card, Grade.GOOD, 1000)
    study.answer(study.card("agents", "react-loop"), Grade.GOOD, 1000)
    assert library.stats.overview().total_reviews == 2

    assert library.browse.reset_progress([("agents", "react-loop")]) == 1
    after = study.card("agents", "react-loop")
    assert after.state.stage == Stage.NEW
    assert (after.state.reps, after.state.due, after.state.stability) == (0, None, None)
    assert library.stats.overview().total_reviews == 2  # history kept
    assert ids(library, state="new").count("react-loop") == 1


def test_bulk_actions_handle_more_keys_than_one_statement_binds(
    services: Services, tmp_path: Path
) -> None:
    many = tuple(f"q{i}" for i in range(900))
    write(tmp_path / "big.md", front("big") + "".join(flashcard(q) for q in many))
    services.library.import_paths([tmp_path / "big.md"])
    keys = [("big", q) for q in many]
    assert services.browse.suspend(keys + keys[:10]) == 900
    assert len(ids(services, state="suspended")) == 900


def sorted_ids(
    services: Services, column: str, descending: bool = False, **query: object
) -> list[str]:
    sort = BrowseSort(column, descending)
    return [r.question_id for r in services.browse.search(BrowseQuery(**query), sort)]  # type: ignore[arg-type]


def test_each_column_sorts_the_way_the_table_reads(library: Services, clock: FixedClock) -> None:
    study = library.study
    study.answer(study.card("agents", "react-loop"), Grade.EASY, 1000)  # review, days away
    study.answer(study.card("agents", "embeddings"), Grade.AGAIN, 1000)  # learning, minutes
    study.answer(study.card("agents", "embeddings"), Grade.AGAIN, 1000)
    library.browse.suspend([("agents", "tool-retries")])

    # by what the column shows: the heading mark of "# How does a ReAct…" does not count
    assert sorted_ids(library, "prompt") == [
        "design-agent",  # Design a thing…
        "react-loop",  # How does a ReAct…
        "precision-recall",
        "embeddings",  # What are…
        "tool-retries",  # When should…
    ]
    assert sorted_ids(library, "difficulty") == [
        "react-loop",  # junior
        "embeddings",  # mid, ties in study order
        "precision-recall",
        "tool-retries",  # senior
        "design-agent",
    ]
    assert sorted_ids(library, "difficulty", descending=True) == [
        "tool-retries",
        "design-agent",
        "embeddings",
        "precision-recall",
        "react-loop",
    ]
    assert sorted_ids(library, "type")[-1] == "design-agent"
    assert sorted_ids(library, "type", descending=True)[0] == "design-agent"
    assert sorted_ids(library, "reviews", descending=True)[:2] == ["embeddings", "react-loop"]
    # soonest due first; never-studied questions after every dated one
    assert sorted_ids(library, "due")[:2] == ["embeddings", "react-loop"]
    assert sorted_ids(library, "state") == [
        "embeddings",  # Learning
        "design-agent",  # New
        "precision-recall",
        "react-loop",  # Review
        "tool-retries",  # Suspended
    ]
    assert sorted_ids(library, "bank", descending=True)[0] == "precision-recall"
    # a sort applies within a search, ties in best-match order
    assert sorted_ids(library, "type", text="agent") == ["react-loop", "design-agent"]


def test_find_lists_ids_and_rows_fill_them_in_that_order(library: Services) -> None:
    found = library.browse.find(BrowseQuery())
    rows = library.browse.rows(list(reversed(found)))
    assert [r.pk for r in rows] == list(reversed(found))
    library.browse.suspend([rows[0].key])
    assert library.browse.rows([found[0], 10**9])[0].pk == found[0]  # unknown ids skipped
    assert len(library.browse.rows([found[0], 10**9])) == 1


def test_questions_asking_about_the_words_come_before_answers_that_mention_them(
    library: Services,
) -> None:
    # "tool" is in tool-retries' prompt and only in react-loop's answer; react-loop was added
    # first, so the order is the match's, not the insertion's
    assert ids(library, text="tool") == ["tool-retries", "react-loop"]
    assert ids(library, text="tool", roles=("agent-engineer",)) == ["tool-retries", "react-loop"]
    assert ids(library, text="tool", state="new") == ["tool-retries", "react-loop"]


def test_a_snippet_shows_where_the_words_are_as_plain_words(
    services: Services, tmp_path: Path
) -> None:
    from interviewprep.services.browse import MATCH_END, MATCH_START

    write(
        tmp_path / "banks" / "cost.md",
        front("cost")
        + flashcard(
            "tenants",
            prompt="A platform serves **2,000 customer tenants** and calls `issue_refund` "
            "with probability $p$ per run.",
            answer="Budget per tenant.",
        )
        + flashcard("other", prompt="Nothing here.", answer="Only the answer says refund."),
    )
    services.library.import_paths([tmp_path / "banks"])
    ids = services.browse.find(BrowseQuery(text="refund"))
    snippets = services.browse.snippets(ids, "refund")
    assert len(snippets) == 2
    shown = sorted(s.replace(MATCH_START, "[").replace(MATCH_END, "]") for s in snippets.values())
    # markup stripped: no ** or backticks or $, and the match marked in prompt or answer
    assert shown == [
        "A platform serves 2,000 customer tenants and calls issue_[refund] with probability p…",
        "Only the answer says [refund].",
    ]
    assert services.browse.snippets(ids, "") == {}
