"""Queries and writes for studying: queues, counts, answers and undo."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.dialects.sqlite import dialect as SQLiteDialect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

from interviewprep.banks.titles import question_title
from interviewprep.core.cards import CardState, Stage
from interviewprep.core.review_queue import QueuedCard
from interviewprep.storage.database import READ_GENERATION, driver_connection
from interviewprep.storage.models import ProgressRow, QuestionRow, QuestionTopicRow, ReviewRow
from interviewprep.storage.types import from_epoch_ms, to_epoch_ms, to_json_text


@dataclass(frozen=True)
class CardFilter:
    """Which questions a queue or a count covers; empty means no restriction."""

    roles: tuple[str, ...] = ()
    bank_ids: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    question_type: str | None = None

    def with_type(self, question_type: str) -> CardFilter:
        return CardFilter(self.roles, self.bank_ids, self.topics, self.difficulties, question_type)


@dataclass(frozen=True)
class CardRecord:
    """A question with its progress, as the study service needs it."""

    pk: int
    bank_id: str
    question_id: str
    role: str
    type: str
    difficulty: str
    topics: list[str]
    prompt: str
    answer: str
    extra: dict[str, Any]
    changed: bool
    state: CardState
    suspended: bool
    flagged: bool
    note: str
    retired: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.question_id)

    @property
    def title(self) -> str:
        """The line lists and headings show: the bank's title for it, or its prompt's first
        sentence; never the id."""
        return question_title(self.extra.get("title"), self.prompt)


_FEW_NEW = 2_000
"""Below this many new cards, finding the next one starts from the new cards themselves."""

_JOIN = and_(
    ProgressRow.bank_id == QuestionRow.bank_id, ProgressRow.question_id == QuestionRow.question_id
)


def _where(card_filter: CardFilter) -> list[ColumnElement[bool]]:
    """The cards ``card_filter`` covers that can be studied: active and not suspended."""
    return [
        QuestionRow.retired_at.is_(None),
        ProgressRow.suspended.is_(False),
        *scope_clauses(card_filter),
    ]


def scope_clauses(card_filter: CardFilter) -> list[ColumnElement[bool]]:
    """The questions ``card_filter`` covers, whatever their state: for queues and counts, and
    for Browse's filters."""
    clauses: list[ColumnElement[bool]] = []
    if card_filter.roles:
        clauses.append(QuestionRow.role.in_(card_filter.roles))
    if card_filter.bank_ids:
        clauses.append(QuestionRow.bank_id.in_(card_filter.bank_ids))
    if card_filter.difficulties:
        clauses.append(QuestionRow.difficulty.in_(card_filter.difficulties))
    if card_filter.question_type:
        clauses.append(QuestionRow.type == card_filter.question_type)
    if card_filter.topics:
        clauses.append(
            QuestionRow.pk.in_(
                select(QuestionTopicRow.question_pk).where(
                    QuestionTopicRow.topic.in_(card_filter.topics)
                )
            )
        )
    return clauses


def _progress_values(state: CardState) -> dict[str, Any]:
    return {
        "state": int(state.stage),
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": state.due,
        "last_review": state.last_review,
        "reps": state.reps,
        "lapses": state.lapses,
    }


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
_SQLITE = SQLiteDialect()


def _record(row: Any) -> CardRecord:
    """A card from a raw row of ``_CARD_COLUMNS``, as SQLite returns it (see ``_Raw``)."""
    (pk, bank_id, question_id, role, qtype, difficulty, topics, prompt, answer, extra, changed_at,
     retired_at, state, step, stability, fsrs_difficulty, due, last_review, reps, lapses,
     suspended, flagged, note) = row  # fmt: skip
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
        extra=dict(json.loads(extra)),
        changed=changed_at is not None,
        state=_state_from_columns(
            state, step, stability, fsrs_difficulty, due, last_review, reps, lapses
        ),
        suspended=bool(suspended),
        flagged=bool(flagged),
        note=note,
        retired=retired_at is not None,
    )


@dataclass(frozen=True)
class _Raw:
    """A statement compiled once to SQLite's SQL and run on the driver connection. On the
    answer path SQLAlchemy's per-execution work (parameter and result processing, result
    objects) cost several times what SQLite takes to run these indexed lookups. Rows come back
    as SQLite stores them: epoch milliseconds, JSON text, 0/1. Parameters go in the same way,
    unconverted: pass epoch milliseconds, never datetimes."""

    sql: str
    names: tuple[str, ...]
    fixed: dict[str, Any]

    def args(self, **values: Any) -> tuple[Any, ...]:
        return tuple(values[n] if n in values else self.fixed[n] for n in self.names)


def _raw(statement: ClauseElement, **placeholders: Any) -> _Raw:
    """Compile ``statement``; ``placeholders`` name its parameters given at each execution."""
    if placeholders:
        statement = statement.params(**placeholders)
    compiled = statement.compile(dialect=_SQLITE)
    assert isinstance(compiled, SQLCompiler)
    state = compiled.construct_expanded_state()
    return _Raw(state.statement, tuple(state.positiontup or ()), dict(state.parameters))


def matches(card_filter: CardFilter, card: CardRecord) -> bool:
    """Whether ``card`` is in ``card_filter``'s scope (activity aside): ``_where`` in Python."""
    return (
        (not card_filter.roles or card.role in card_filter.roles)
        and (not card_filter.bank_ids or card.bank_id in card_filter.bank_ids)
        and (not card_filter.difficulties or card.difficulty in card_filter.difficulties)
        and (not card_filter.question_type or card.type == card_filter.question_type)
        and (not card_filter.topics or any(t in card_filter.topics for t in card.topics))
    )


def _select_cards() -> CardRow:
    return select(*_CARD_COLUMNS).select_from(QuestionRow).join(ProgressRow, _JOIN)


# Statements on the answer path are built once and reused with bound parameters: building a
# statement costs SQLAlchemy more than SQLite takes to run it.
_CARD = _raw(
    _select_cards().where(
        QuestionRow.bank_id == bindparam("bank_id"), QuestionRow.question_id == bindparam("qid")
    ),
    bank_id="",
    qid="",
)
# Counting stops past _FEW_NEW: it only decides the plan (O(1), not O(new cards)).
_SOME_NEW = _raw(
    select(func.count()).select_from(
        select(literal_column("1"))
        .select_from(ProgressRow)
        .where(ProgressRow.state == int(Stage.NEW))
        .limit(_FEW_NEW + 1)
        .subquery()
    )
)
_ALL_FLASHCARDS = CardFilter(question_type="flashcard")
_COUNT_NEW = (
    "SELECT count(*) FROM (SELECT 1 FROM progress WHERE state = 0 AND suspended = 0 LIMIT ?)"
)
_COUNT_DUE = (
    "SELECT count(*) FROM (SELECT 1 FROM progress "
    "WHERE state = ? AND due < ? AND suspended = 0 LIMIT ?)"
)
# The WHERE of ix_questions_inactive, word for word, so SQLite reads that partial index.
_INACTIVE = "retired_at IS NOT NULL OR type != 'flashcard'"
_INACTIVE_Q = _INACTIVE.replace("retired_at", "questions.retired_at").replace(
    "type", "questions.type"
)
_COUNT_INACTIVE = (
    "SELECT p.state, count(*) FROM questions AS q CROSS JOIN progress AS p "
    "ON p.bank_id = q.bank_id AND p.question_id = q.question_id "
    f"WHERE ({_INACTIVE.replace('retired_at', 'q.retired_at').replace('type', 'q.type')}) "
    "AND p.suspended = 0 AND (p.state = 0 OR p.due < ?) GROUP BY p.state"
)
_progress = cast(Table, ProgressRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)
_PROGRESS_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps",
                    "lapses")  # fmt: skip
_SAVE_PROGRESS_STATEMENT = (
    update(_progress)
    .where(
        _progress.c.bank_id == bindparam("key_bank_id", None),
        _progress.c.question_id == bindparam("key_question_id", None),
    )
    .values({name: bindparam(name, None) for name in _PROGRESS_FIELDS})
)
_SAVE_PROGRESS = _raw(_SAVE_PROGRESS_STATEMENT)
# The same write, made only while the stored progress is still the state the answer was
# computed from and the question is still installed: an answer planned when the card was shown
# needs no read of the card first. Anything else (another window answered it, a reset, a
# re-import that removed it) matches no row, and the answer is computed again from a fresh read.
_questions = cast(Table, QuestionRow.__table__)
_SAVE_PROGRESS_IF_UNCHANGED = _raw(
    _SAVE_PROGRESS_STATEMENT.where(
        *(_progress.c[name].is_(bindparam(f"was_{name}", None)) for name in _PROGRESS_FIELDS),
        exists()
        .where(
            _questions.c.bank_id == _progress.c.bank_id,
            _questions.c.question_id == _progress.c.question_id,
        )
        .correlate(_progress),
    )
)
_REVIEW_FIELDS = ("bank_id", "question_id", "question_type", "rating", "reviewed_at",
                  "duration_ms", "state_before", "state_after", "stability", "difficulty", "due",
                  "before")  # fmt: skip
_ADD_REVIEW = _raw(
    insert(_reviews).values({name: bindparam(name, None) for name in _REVIEW_FIELDS})
)
_WAS_FIELDS = tuple(f"was_{name}" for name in _PROGRESS_FIELDS)
_KEY_FIELDS = ("key_bank_id", "key_question_id")
# QueueStore.record_answer passes these statements' parameters by position
if (
    _SAVE_PROGRESS.names != _PROGRESS_FIELDS + _KEY_FIELDS
    or _SAVE_PROGRESS_IF_UNCHANGED.names != _PROGRESS_FIELDS + _KEY_FIELDS + _WAS_FIELDS
    or _ADD_REVIEW.names != _REVIEW_FIELDS
):
    raise RuntimeError("the answer statements' parameters are not in the order expected")


@lru_cache(maxsize=256)
def _first_due_keys(card_filter: CardFilter, limit: int) -> _Raw:
    """Keys of the first due cards of one stage, in due order. Keys only: the card itself is
    read by primary key once chosen, as most of these lookups find nothing (an empty learning
    queue) and a 23-column result costs sqlite3 more to describe than the lookup itself."""
    query = (
        select(QuestionRow.pk, QuestionRow.bank_id, QuestionRow.question_id, ProgressRow.due)
        .select_from(QuestionRow)
        .join(ProgressRow, _JOIN)
        .where(
            # likelihood() tells SQLite few cards match, so it walks ix_progress_due and stops
            # at the first hit; otherwise its statistics can make it scan every question and
            # sort (6 ms at 10k cards instead of 0.3 ms).
            func.likelihood(ProgressRow.state == bindparam("stage"), literal_column("0.001")),
            ProgressRow.due < bindparam("due_before"),
            *_where(card_filter),
        )
        .order_by(ProgressRow.due, ProgressRow.bank_id, ProgressRow.question_id)
        .limit(limit)
    )
    if _rare_type(card_filter):
        return _over_rare_type(query, stage=0, due_before=0)
    return _raw(query, stage=0, due_before=0)


@lru_cache(maxsize=256)
def _first_new_keys(card_filter: CardFilter, limit: int, plenty: bool) -> _Raw:
    """Keys of the first new cards in queue order: position first, then bank, so new questions
    interleave across the topic banks of a role.

    With plenty of new cards, questions are walked in queue order (ix_questions_order) and the
    first new one comes early: CROSS JOIN is how SQLite is told to loop over questions outside
    (SQLAlchemy cannot write it, nor INDEXED BY; its ``with_hint`` is ignored for SQLite).
    With few, they are found from progress and sorted, the sort reading ix_questions_active
    only. Either way O(log n) plus a few rows, where the planner's own choice sorted every new
    card with its full text (125 ms at 10,000 questions)."""
    query = (
        select(QuestionRow.pk, QuestionRow.bank_id, QuestionRow.question_id)
        .select_from(QuestionRow)
        .join(ProgressRow, _JOIN)
        .where(ProgressRow.state == int(Stage.NEW), *_where(card_filter))
        .order_by(QuestionRow.position, QuestionRow.bank_id)
        .limit(limit)
    )
    if _rare_type(card_filter):
        return _over_rare_type(query)
    raw = _raw(query)
    if not plenty:
        return raw
    crossed = raw.sql.replace("FROM questions JOIN progress", "FROM questions CROSS JOIN progress")
    return _Raw(crossed, raw.names, raw.fixed)


def _rare_type(card_filter: CardFilter) -> bool:
    return card_filter.question_type not in (None, "flashcard")


def _over_rare_type(query: CardRow, **placeholders: Any) -> _Raw:
    """``query`` (questions joined to progress) for design prompts: the few questions that are
    not flashcards are listed in ix_questions_inactive, so they are read from there, joined
    and sorted. Walking the queue's indexes instead went through every flashcard in the same
    state first (next design prompt at 100,000 questions: 175 ms for the new ones, 20-30 ms
    each for learning and due ones; now about 1 ms). The partial index's own WHERE is
    repeated, as SQLite uses such an index only for a query that says it."""
    raw = _raw(query.where(text(f"({_INACTIVE_Q})")), **placeholders)
    sql = raw.sql.replace(
        "FROM questions JOIN progress",
        "FROM questions INDEXED BY ix_questions_inactive CROSS JOIN progress",
    )
    return _Raw(sql, raw.names, raw.fixed)


_ANSWERED_SINCE = (
    "SELECT state_before, count(*) FROM reviews WHERE reviewed_at >= ? AND question_type = ? "
    "GROUP BY state_before"
)

_CARD_BY_PK = _raw(_select_cards().where(QuestionRow.pk == bindparam("pk")), pk=0)


class RoleCard(NamedTuple):
    """What a mock interview weighs of each card of a role; no question text."""

    bank_id: str
    question_id: str
    type: str
    topics: tuple[str, ...]
    difficulty: str
    time_box: int | None
    stage: int
    fsrs_difficulty: float | None
    stability: float | None
    last_review_ms: int | None
    lapses: int


_ROLE_CARDS = (
    "SELECT q.bank_id, q.question_id, q.type, q.topics, q.difficulty, "
    "CASE WHEN q.type != 'flashcard' THEN json_extract(q.extra, '$.time_box') END, "
    "p.state, p.difficulty, p.stability, p.last_review, p.lapses "
    "FROM questions AS q JOIN progress AS p "
    "ON p.bank_id = q.bank_id AND p.question_id = q.question_id "
    "WHERE q.role = ? AND q.retired_at IS NULL AND p.suspended = 0"
)


def role_cards(connection: sqlite3.Connection, role: str) -> list[RoleCard]:
    """The role's active, unsuspended cards, as plain tuples: built as ORM rows with their full
    text, the 33,000 of a role at 100,000 questions took 2.7 s."""
    topics_of: dict[str, tuple[str, ...]] = {}  # the same few tag lists, decoded once each
    cards = []
    for row in connection.execute(_ROLE_CARDS, (role,)):
        topics = topics_of.get(row[3])
        if topics is None:
            topics = topics_of[row[3]] = tuple(json.loads(row[3]))
        cards.append(RoleCard(row[0], row[1], row[2], topics, *row[4:]))
    return cards


class QueueStore:
    """The answer path: finding the next card, reading one, recording an answer. Compiled
    statements on a sqlite3 connection, inside whatever transaction its owner began (see
    ``Database.raw_read``): an ORM session costs more to open than these lookups take."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._cursor = connection.cursor()

    def _run(self, statement: _Raw, **values: Any) -> sqlite3.Cursor:
        return self._cursor.execute(statement.sql, statement.args(**values))

    def card(self, bank_id: str, question_id: str) -> CardRecord | None:
        row = self._run(_CARD, bank_id=bank_id, qid=question_id).fetchone()
        return None if row is None else _record(row)

    def generation(self) -> int:
        """The write generation of this connection's snapshot (-1 before migration 0004)."""
        try:
            row = self._cursor.execute(READ_GENERATION).fetchone()
        except sqlite3.OperationalError:
            return -1
        return -1 if row is None else int(row[0])

    def queued(
        self, card_filter: CardFilter, stage: Stage, due_before_ms: int, limit: int
    ) -> list[QueuedCard]:
        """The first ``limit`` cards of ``stage`` due before ``due_before_ms``, in due order."""
        rows = self._run(
            _first_due_keys(card_filter, limit), stage=int(stage), due_before=due_before_ms
        ).fetchall()
        return [QueuedCard(due, int(stage), (bank_id, qid), pk) for pk, bank_id, qid, due in rows]

    def queued_new(self, card_filter: CardFilter, limit: int) -> list[QueuedCard]:
        """The first ``limit`` new cards in queue order."""
        new_left = self._run(_SOME_NEW).fetchone()[0]
        if not new_left:
            return []
        rows = self._run(_first_new_keys(card_filter, limit, new_left > _FEW_NEW)).fetchall()
        return [QueuedCard(0, int(Stage.NEW), (bank_id, qid), pk) for pk, bank_id, qid in rows]

    def card_by_pk(self, pk: int) -> CardRecord | None:
        row = self._run(_CARD_BY_PK, pk=pk).fetchone()
        return None if row is None else _record(row)

    def first_due(
        self,
        card_filter: CardFilter,
        stages: Sequence[Stage],
        due_before: datetime,
        exclude: Sequence[tuple[str, str]] = (),
    ) -> CardRecord | None:
        # One query per stage: each walks ix_progress_due in due order and stops at its first
        # hit. An IN over several stages makes SQLite sort every matching card instead (4.5 ms
        # with 5,000 cards in learning, against 5 µs).
        skip = set(exclude)
        earliest: tuple[int, int] | None = None  # (due, pk)
        query = _first_due_keys(card_filter, 1 + len(exclude))
        for stage in stages:
            for pk, bank_id, question_id, due in self._run(
                query, stage=int(stage), due_before=to_epoch_ms(due_before)
            ).fetchall():
                if (bank_id, question_id) in skip:
                    continue
                if earliest is None or due < earliest[0]:
                    earliest = (due, pk)
                break
        if earliest is None:
            return None
        row = self._run(_CARD_BY_PK, pk=earliest[1]).fetchone()
        return None if row is None else _record(row)

    def record_answer(
        self,
        card: CardRecord,
        after: CardState,
        rating: int,
        reviewed_at: datetime,
        duration_ms: int,
        *,
        only_if_unchanged: bool = False,
        before_json: str | None = None,
    ) -> int | None:
        """Store ``after`` as the card's progress and log the answer; the review's id. With
        ``only_if_unchanged``, nothing is written, and None returned, unless the stored progress
        is still ``card.state`` and the question still installed. ``before_json``: what
        ``state_json`` gives for ``card.state``, if the caller has it already."""
        assert after.stability is not None and after.difficulty is not None and after.due
        # Parameters as plain tuples in the statements' order (checked below where they are
        # compiled): building them by name was most of this method's cost.
        stored = _progress_row(after)
        key = (card.bank_id, card.question_id)
        if only_if_unchanged:
            changed = self._cursor.execute(
                _SAVE_PROGRESS_IF_UNCHANGED.sql, stored + key + _progress_row(card.state)
            )
            if changed.rowcount != 1:
                return None
        else:
            self._cursor.execute(_SAVE_PROGRESS.sql, stored + key)
        cursor = self._cursor.execute(
            _ADD_REVIEW.sql,
            (
                *key,
                card.type,
                rating,
                to_epoch_ms(reviewed_at),
                duration_ms,
                int(card.state.stage),
                int(after.stage),
                after.stability,
                after.difficulty,
                stored[4],
                state_json(card.state) if before_json is None else before_json,
            ),
        )
        review_id = cursor.lastrowid
        assert review_id is not None
        return int(review_id)


def state_json(state: CardState) -> str:
    """``state`` as a review records the card's state before it, for undo: the progress
    columns' values as a JSON array, some 60 bytes. Reviews written before schema 0005 hold an
    object with ISO times instead, some 170 bytes and most of the review log's size;
    ``state_before`` reads both."""
    return to_json_text(_progress_row(state))


def state_before(stored: Any) -> CardState:
    """A review's ``before`` as decoded from its JSON: see ``state_json``."""
    if not isinstance(stored, dict):
        return _state_from_columns(*stored)
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


def _state_from_columns(
    stage: int,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    due: int | None,
    last_review: int | None,
    reps: int,
    lapses: int,
) -> CardState:
    """A card state from the progress columns' values (``_progress_row``'s order)."""
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


def _progress_row(state: CardState) -> tuple[Any, ...]:
    """``state`` as the progress columns hold it, in ``_PROGRESS_FIELDS`` order."""
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


class CardStore:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._connection: Connection | None = None
        self._queue: QueueStore | None = None

    @property
    def queue(self) -> QueueStore:
        """The answer path's statements, inside this session's transaction."""
        if self._queue is None:
            self._queue = QueueStore(driver_connection(self.session))
        return self._queue

    @property
    def _core(self) -> Connection:
        """The session's connection: plain column selects run on it without the ORM's
        per-statement work (a third of the cost of each small query on the answer path)."""
        if self._connection is None:
            self._connection = self.session.connection()
        return self._connection

    def count_today(
        self, card_filter: CardFilter, due_before: datetime, new_cap: int, review_cap: int
    ) -> dict[Stage, int]:
        """Like ``count_by_stage``, but new and review cards are counted only up to one past
        their cap (today's remaining limit): a value above the cap means "more than the cap".
        Each stage is an index range over ix_progress_due, so this costs O(log n) plus the
        cards it counts, at most the daily limits plus the learning cards."""
        if card_filter == _ALL_FLASHCARDS:
            fast = self._count_all_flashcards(due_before, new_cap, review_cap)
            if fast is not None:
                return fast
        counts = dict.fromkeys(Stage, 0)
        active = _where(card_filter)

        def count(*clauses: ColumnElement[bool], cap: int | None = None) -> int:
            inner: CardRow = (
                select(literal_column("1"))
                .select_from(ProgressRow)
                .join(QuestionRow, _JOIN)
                .where(*clauses, *active)
            )
            if cap is not None:
                inner = inner.limit(cap + 1)
            return int(self.session.scalar(select(func.count()).select_from(inner.subquery())) or 0)

        counts[Stage.NEW] = count(ProgressRow.state == int(Stage.NEW), cap=max(0, new_cap))
        for stage in (Stage.LEARNING, Stage.RELEARNING):
            counts[stage] = count(ProgressRow.state == int(stage), ProgressRow.due < due_before)
        counts[Stage.REVIEW] = count(
            ProgressRow.state == int(Stage.REVIEW),
            ProgressRow.due < due_before,
            cap=max(0, review_cap),
        )
        return counts

    def _count_all_flashcards(
        self, due_before: datetime, new_cap: int, review_cap: int
    ) -> dict[Stage, int] | None:
        """``count_today`` for every flashcard, without a join per card: progress rows are
        counted from ix_progress_due alone, and the few that do not count (their question is
        retired, or not a flashcard) are counted through ix_questions_inactive and taken off.
        Valid while every progress row has its question; None (count with the join) if not."""
        connection = self._core
        progress_rows = connection.exec_driver_sql("SELECT count(*) FROM progress").scalar()
        question_rows = connection.exec_driver_sql("SELECT count(*) FROM questions").scalar()
        if progress_rows != question_rows:
            return None  # progress kept for questions no longer installed
        due = to_epoch_ms(due_before)
        inactive = dict.fromkeys(Stage, 0)
        for state, n in connection.exec_driver_sql(_COUNT_INACTIVE, (due,)):
            inactive[Stage(state)] = int(n)
        counts = dict.fromkeys(Stage, 0)
        for stage, cap in (
            (Stage.NEW, new_cap),
            (Stage.LEARNING, None),
            (Stage.RELEARNING, None),
            (Stage.REVIEW, review_cap),
        ):
            # counting n active cards past the cap means counting inactive[stage] more rows
            limit = -1 if cap is None else max(0, cap) + 1 + inactive[stage]
            if stage == Stage.NEW:
                n = connection.exec_driver_sql(_COUNT_NEW, (limit,)).scalar()
            else:
                n = connection.exec_driver_sql(_COUNT_DUE, (int(stage), due, limit)).scalar()
            counts[stage] = int(n or 0) - inactive[stage]
        return counts

    def count_by_stage(self, card_filter: CardFilter, due_before: datetime) -> dict[Stage, int]:
        """New cards, and learning/review cards due before ``due_before``, by stage."""
        due_clause = (ProgressRow.state == int(Stage.NEW)) | (ProgressRow.due < due_before)
        rows = self.session.execute(
            select(ProgressRow.state, func.count())
            .select_from(QuestionRow)
            .join(ProgressRow, _JOIN)
            .where(due_clause, *_where(card_filter))
            .group_by(ProgressRow.state)
        )
        counts = dict.fromkeys(Stage, 0)
        for state, n in rows:
            counts[Stage(state)] = int(n)
        return counts

    def answered_since(self, since: datetime, question_type: str) -> dict[Stage, int]:
        """Answers given since ``since`` by the stage the card was in, for daily limits."""
        # plain SQL over ix_reviews_day: it runs on every opening, where compiling the ORM
        # statement for a new engine would cost more than the count
        rows = self._core.exec_driver_sql(_ANSWERED_SINCE, (to_epoch_ms(since), question_type))
        counts = dict.fromkeys(Stage, 0)
        for state, n in rows:
            counts[Stage(state)] = int(n)
        return counts

    def introduced_since(self, since: datetime, card_filter: CardFilter) -> int:
        """New cards of ``card_filter``'s questions answered for the first time since
        ``since``: today's introductions within a scope (the interview plan's roles)."""
        found = self.session.scalar(
            select(func.count())
            .select_from(ReviewRow)
            .join(
                QuestionRow,
                and_(
                    QuestionRow.bank_id == ReviewRow.bank_id,
                    QuestionRow.question_id == ReviewRow.question_id,
                ),
            )
            .where(
                ReviewRow.reviewed_at >= since,
                ReviewRow.state_before == int(Stage.NEW),
                *scope_clauses(card_filter),
            )
        )
        return int(found or 0)

    def last_review(self) -> ReviewRow | None:
        return self.session.scalars(
            select(ReviewRow).order_by(ReviewRow.id.desc()).limit(1)
        ).first()

    def undo_review(self, review: ReviewRow) -> None:
        before = state_before(review.before)
        self.session.execute(
            update(ProgressRow)
            .where(
                ProgressRow.bank_id == review.bank_id,
                ProgressRow.question_id == review.question_id,
            )
            .values(_progress_values(before))
        )
        self.session.execute(delete(ReviewRow).where(ReviewRow.id == review.id))

    def set_flags(self, bank_id: str, question_id: str, **values: Any) -> None:
        self.session.execute(
            update(ProgressRow)
            .where(ProgressRow.bank_id == bank_id, ProgressRow.question_id == question_id)
            .values(values)
        )

    def suspended_count(self, card_filter: CardFilter) -> int:
        clauses = [c for c in _where(card_filter) if c is not None][2:]
        return int(
            self.session.scalar(
                select(func.count())
                .select_from(QuestionRow)
                .join(ProgressRow, _JOIN)
                .where(QuestionRow.retired_at.is_(None), ProgressRow.suspended.is_(True), *clauses)
            )
            or 0
        )
