"""How a card is read from the questions and progress tables, and how its state is written
back: the columns, the join, the scope of a filter, and the encodings of a card's state."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select, tuple_

from interviewprep.banks.titles import question_title
from interviewprep.core.card_record import CardFilter, CardRecord
from interviewprep.core.cards import CardState, Stage
from interviewprep.storage.models import (
    BURIED,
    SUSPENDED,
    ProgressRow,
    QuestionRow,
    QuestionTopicRow,
)
from interviewprep.storage.types import from_epoch_ms, to_epoch_ms, to_json_text

PROGRESS_OF_QUESTION = and_(
    ProgressRow.bank_id == QuestionRow.bank_id, ProgressRow.question_id == QuestionRow.question_id
)
"""The join of a question to its progress row."""


def studiable(card_filter: CardFilter) -> list[ColumnElement[bool]]:
    """The cards ``card_filter`` covers that can be studied: active, not suspended nor buried."""
    return [
        QuestionRow.retired_at.is_(None),
        ProgressRow.suspended.is_(False),
        *scope_clauses(card_filter),
    ]


def scope_clauses(card_filter: CardFilter) -> list[ColumnElement[bool]]:
    """The questions ``card_filter`` covers, whatever their state: for queues and counts, and
    for Browse's filters (``CardFilter.covers`` in SQL)."""
    clauses: list[ColumnElement[bool]] = []
    if card_filter.roles:
        clauses.append(QuestionRow.role.in_(card_filter.roles))
    if card_filter.bank_ids:
        clauses.append(QuestionRow.bank_id.in_(card_filter.bank_ids))
    if card_filter.difficulties:
        clauses.append(QuestionRow.difficulty.in_(card_filter.difficulties))
    if card_filter.question_type:
        clauses.append(QuestionRow.type == card_filter.question_type)
    if card_filter.keys is not None:
        clauses.append(
            tuple_(QuestionRow.bank_id, QuestionRow.question_id).in_(sorted(card_filter.keys))
        )
    if card_filter.topics:
        clauses.append(
            QuestionRow.pk.in_(
                select(QuestionTopicRow.question_pk).where(
                    QuestionTopicRow.topic.in_(card_filter.topics)
                )
            )
        )
    return clauses


_CARD_COLUMNS = (
    QuestionRow.pk,
    QuestionRow.bank_id,
    QuestionRow.question_id,
    QuestionRow.role,
    QuestionRow.type,
    QuestionRow.difficulty,
    QuestionRow.topics,
    QuestionRow.prompt,
    QuestionRow.answer,
    QuestionRow.extra,
    QuestionRow.changed_at,
    QuestionRow.retired_at,
    ProgressRow.state,
    ProgressRow.step,
    ProgressRow.stability,
    ProgressRow.difficulty,
    ProgressRow.due,
    ProgressRow.last_review,
    ProgressRow.reps,
    ProgressRow.lapses,
    ProgressRow.suspended,
    ProgressRow.flagged,
    ProgressRow.note,
)
"""A card is read as plain columns, not ORM objects: the queue reads several per answer, and
building and tracking ORM instances cost more than SQLite's own work."""

CardRow = Select[*tuple[Any, ...]]
_STAGES = tuple(Stage)


def select_cards() -> CardRow:
    """Every card, as ``card_from_row`` reads it."""
    return select(*_CARD_COLUMNS).select_from(QuestionRow).join(ProgressRow, PROGRESS_OF_QUESTION)


def card_from_row(row: Any) -> CardRecord:
    """A card from a raw row of ``select_cards``, as SQLite returns it (see ``Compiled``)."""
    (pk, bank_id, question_id, role, qtype, difficulty, topics, prompt, answer, extra, changed_at,
     retired_at, state, step, stability, fsrs_difficulty, due, last_review, reps, lapses,
     suspended, flagged, note) = row  # fmt: skip
    extra = dict(json.loads(extra))
    return CardRecord(
        pk=pk,
        bank_id=bank_id,
        question_id=question_id,
        role=role,
        type=qtype,
        difficulty=difficulty,
        topics=list(json.loads(topics)),
        prompt=prompt,
        answer=answer,
        extra=extra,
        changed=changed_at is not None,
        state=state_from_columns(
            state, step, stability, fsrs_difficulty, due, last_review, reps, lapses
        ),
        suspended=suspended == SUSPENDED,
        flagged=bool(flagged),
        note=note,
        titled=question_title,
        retired=retired_at is not None,
        buried=suspended == BURIED,
    )


PROGRESS_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps",
                   "lapses")  # fmt: skip
"""The progress columns a card's state is stored in, in ``progress_row``'s order."""


def progress_row(state: CardState) -> tuple[Any, ...]:
    """``state`` as the progress columns hold it, in ``PROGRESS_FIELDS`` order."""
    due, last = state.due, state.last_review
    return (
        int(state.stage),
        state.step,
        state.stability,
        state.difficulty,
        None if due is None else to_epoch_ms(due),
        None if last is None else to_epoch_ms(last),
        state.reps,
        state.lapses,
    )


def state_from_columns(
    stage: int,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    due: int | None,
    last_review: int | None,
    reps: int,
    lapses: int,
) -> CardState:
    """A card state from the progress columns' values (``progress_row``'s order)."""
    return CardState(
        _STAGES[stage],
        step,
        stability,
        difficulty,
        None if due is None else from_epoch_ms(due),
        None if last_review is None else from_epoch_ms(last_review),
        reps,
        lapses,
    )


def state_json(state: CardState) -> str:
    """``state`` as a review records the card's state before it, for undo: the progress
    columns' values as a JSON array, some 60 bytes. Reviews written before schema 0005 hold an
    object with ISO times instead, some 170 bytes and most of the review log's size;
    ``state_before`` reads both."""
    return to_json_text(progress_row(state))


def state_before(stored: Any) -> CardState:
    """A review's ``before`` as decoded from its JSON: see ``state_json``."""
    if not isinstance(stored, dict):
        return state_from_columns(*stored)
    due, last_review = stored["due"], stored["last_review"]
    return CardState(
        Stage(stored["stage"]),
        stored["step"],
        stored["stability"],
        stored["difficulty"],
        datetime.fromisoformat(due) if due else None,
        datetime.fromisoformat(last_review) if last_review else None,
        stored["reps"],
        stored["lapses"],
    )
