"""The queue's lookups say to SQLite what SQLAlchemy cannot write (``CROSS JOIN``, ``INDEXED
BY``): the rewrite of SQLAlchemy's SQL must have applied, and SQLite must walk the index it
names, or finding the next card sorts every new card (125 ms at 10,000 questions)."""

from __future__ import annotations

import pytest

from interviewprep.core.card_record import CardFilter
from interviewprep.core.cards import Stage
from interviewprep.services.app import Services
from interviewprep.storage.card_store import first_due_keys, first_new_keys
from interviewprep.storage.compiled import Compiled

FLASHCARDS = CardFilter(question_type="flashcard")
DESIGNS = CardFilter(question_type="design")


def plan(services: Services, statement: Compiled, **values: object) -> str:
    with services.db.raw_read() as connection:
        rows = connection.execute(
            "EXPLAIN QUERY PLAN " + statement.sql, statement.args(**values)
        ).fetchall()
    return "\n".join(str(row[-1]) for row in rows)


def test_plenty_of_new_cards_are_walked_in_queue_order(services: Services) -> None:
    statement = first_new_keys(FLASHCARDS, 8, plenty=True)
    assert "FROM questions CROSS JOIN progress" in statement.sql
    steps = plan(services, statement).splitlines()
    assert "ix_questions_order" in steps[0], steps  # questions outside, in queue order
    assert not any("TEMP B-TREE" in step for step in steps), steps  # and no sort


def test_design_prompts_are_read_from_the_index_of_the_few_that_are_not_flashcards(
    services: Services,
) -> None:
    for statement, values in (
        (first_new_keys(DESIGNS, 8, plenty=True), {}),
        (first_due_keys(DESIGNS, 8), {"stage": int(Stage.REVIEW), "due_before": 0}),
    ):
        assert "INDEXED BY ix_questions_inactive CROSS JOIN progress" in statement.sql
        assert "ix_questions_inactive" in plan(services, statement, **values).splitlines()[0]


def test_due_cards_are_found_along_the_due_index(services: Services) -> None:
    statement = first_due_keys(FLASHCARDS, 1)
    steps = plan(services, statement, stage=int(Stage.LEARNING), due_before=0).splitlines()
    assert "ix_progress_due" in steps[0], steps
    # in due order from the index; only cards due at the same millisecond are sorted by key
    assert "USE TEMP B-TREE FOR ORDER BY" not in steps, steps


def test_a_rewrite_that_no_longer_matches_fails_at_once() -> None:
    """Should SQLAlchemy change how it writes the join, the hint must fail loudly on import,
    not silently go (a slow queue nobody notices)."""
    compiled = Compiled("SELECT 1 FROM questions INNER JOIN progress", (), {})
    with pytest.raises(RuntimeError, match="no 'FROM questions JOIN progress'"):
        compiled.rewritten("FROM questions JOIN progress", "FROM questions CROSS JOIN progress")
