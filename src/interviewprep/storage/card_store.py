"""The cards and queue repository: reading cards, the keys of the first cards of a queue,
today's counts, and a card's flags (suspended, flagged, note)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from interviewprep.core.card_record import CardFilter as CardFilter
from interviewprep.core.card_record import CardRecord as CardRecord
from interviewprep.core.card_record import QuestionType
from interviewprep.core.cards import Stage
from interviewprep.core.review_queue import QueuedCard
from interviewprep.storage.card_rows import (
    PROGRESS_OF_QUESTION,
    CardRow,
    card_from_row,
    scope_clauses,
    select_cards,
    studiable,
)
from interviewprep.storage.compiled import Compiled, compile_once
from interviewprep.storage.database import driver_connection, read_generation
from interviewprep.storage.models import ProgressRow, QuestionRow, ReviewRow
from interviewprep.storage.types import to_epoch_ms

# CardFilter and CardRecord are core's (``core.card_record``); the services that read cards
# here still import them from this module.
__all__ = ["CardFilter", "CardRecord", "CardStore", "QueueStore", "RoleCard", "role_cards"]

_FEW_NEW = 2_000
"""Below this many new cards, finding the next one starts from the new cards themselves."""

# Statements on the answer path are built once and reused with bound parameters: building a
# statement costs SQLAlchemy more than SQLite takes to run it.
_CARD = compile_once(
    select_cards().where(
        QuestionRow.bank_id == bindparam("bank_id"), QuestionRow.question_id == bindparam("qid")
    ),
    bank_id="",
    qid="",
)
_CARD_BY_PK = compile_once(select_cards().where(QuestionRow.pk == bindparam("pk")), pk=0)
# Counting stops past _FEW_NEW: it only decides the plan (O(1), not O(new cards)).
_SOME_NEW = compile_once(
    select(func.count()).select_from(
        select(literal_column("1"))
        .select_from(ProgressRow)
        .where(ProgressRow.state == int(Stage.NEW))
        .limit(_FEW_NEW + 1)
        .subquery()
    )
)
_ALL_FLASHCARDS = CardFilter(question_type=QuestionType.FLASHCARD)
_COUNT_PROGRESS = "SELECT count(*) FROM progress"
_COUNT_QUESTIONS = "SELECT count(*) FROM questions"
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
_JOINED = "FROM questions JOIN progress"
"""How SQLAlchemy writes the join ``first_due_keys`` and ``first_new_keys`` rewrite."""


@lru_cache(maxsize=256)
def first_due_keys(card_filter: CardFilter, limit: int) -> Compiled:
    """Keys of the first due cards of one stage, in due order. Keys only: the card itself is
    read by primary key once chosen, as most of these lookups find nothing (an empty learning
    queue) and a 23-column result costs sqlite3 more to describe than the lookup itself."""
    query = (
        select(QuestionRow.pk, QuestionRow.bank_id, QuestionRow.question_id, ProgressRow.due)
        .select_from(QuestionRow)
        .join(ProgressRow, PROGRESS_OF_QUESTION)
        .where(
            # likelihood() tells SQLite few cards match, so it walks ix_progress_due and stops
            # at the first hit; otherwise its statistics can make it scan every question and
            # sort (6 ms at 10k cards instead of 0.3 ms).
            func.likelihood(ProgressRow.state == bindparam("stage"), literal_column("0.001")),
            ProgressRow.due < bindparam("due_before"),
            *studiable(card_filter),
        )
        .order_by(ProgressRow.due, ProgressRow.bank_id, ProgressRow.question_id)
        .limit(limit)
    )
    if _rare_type(card_filter):
        return _over_rare_type(query, stage=0, due_before=0)
    return compile_once(query, stage=0, due_before=0)


@lru_cache(maxsize=256)
def first_new_keys(card_filter: CardFilter, limit: int, plenty: bool) -> Compiled:
    """Keys of the first new cards in queue order: position first, then bank, so new questions
    interleave across the topic banks of a role.

    With plenty of new cards, questions are walked in queue order (ix_questions_order) and the
    first new one comes early: CROSS JOIN is how SQLite is told to loop over questions outside
    (SQLAlchemy cannot write it, nor INDEXED BY; its ``with_hint`` is ignored for SQLite).
    With few, they are found from progress and sorted, the sort reading ix_questions_active
    only. Either way O(log n) plus a few rows, where the planner's own choice sorted every new
    card with its full text (125 ms at 10,000 questions). tests/storage/test_queue_plans.py
    checks the plans."""
    query = (
        select(QuestionRow.pk, QuestionRow.bank_id, QuestionRow.question_id)
        .select_from(QuestionRow)
        .join(ProgressRow, PROGRESS_OF_QUESTION)
        .where(ProgressRow.state == int(Stage.NEW), *studiable(card_filter))
        .order_by(QuestionRow.position, QuestionRow.bank_id)
        .limit(limit)
    )
    if _rare_type(card_filter):
        return _over_rare_type(query)
    compiled = compile_once(query)
    if not plenty:
        return compiled
    return compiled.rewritten(_JOINED, "FROM questions CROSS JOIN progress")


@lru_cache(maxsize=16)
def first_early_keys(card_filter: CardFilter, limit: int) -> Compiled:
    """Keys of a drill's cards not answered since it began (``CardFilter.early_since``), due
    or not, the soonest due first (new ones, with no due time, before them). Not on the
    everyday answer path: a drill is a few dozen questions, found by key."""
    not_since = or_(
        ProgressRow.last_review.is_(None),
        ProgressRow.last_review < bindparam("since", type_=Integer),
    )
    query = (
        select(QuestionRow.pk, QuestionRow.bank_id, QuestionRow.question_id)
        .select_from(QuestionRow)
        .join(ProgressRow, PROGRESS_OF_QUESTION)
        .where(not_since, *studiable(card_filter))
        .order_by(func.coalesce(ProgressRow.due, 0), ProgressRow.bank_id, ProgressRow.question_id)
        .limit(limit)
    )
    return compile_once(query, since=0)


def _rare_type(card_filter: CardFilter) -> bool:
    return card_filter.question_type not in (None, QuestionType.FLASHCARD)


def _over_rare_type(query: CardRow, **placeholders: Any) -> Compiled:
    """``query`` (questions joined to progress) for design prompts: the few questions that are
    not flashcards are listed in ix_questions_inactive, so they are read from there, joined
    and sorted. Walking the queue's indexes instead went through every flashcard in the same
    state first (next design prompt at 100,000 questions: 175 ms for the new ones, 20-30 ms
    each for learning and due ones; now about 1 ms). The partial index's own WHERE is
    repeated, as SQLite uses such an index only for a query that says it."""
    compiled = compile_once(query.where(text(f"({_INACTIVE_Q})")), **placeholders)
    return compiled.rewritten(
        _JOINED, "FROM questions INDEXED BY ix_questions_inactive CROSS JOIN progress"
    )


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
    """The answer path's reads: finding the next card and reading one. Compiled statements on
    a sqlite3 connection, inside whatever transaction its owner began (see
    ``Database.raw_read``): an ORM session costs more to open than these lookups take."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._cursor = connection.cursor()

    def _run(self, statement: Compiled, **values: Any) -> sqlite3.Cursor:
        return self._cursor.execute(statement.sql, statement.args(**values))

    def generation(self) -> int:
        """The write generation of this connection's snapshot (see ``read_generation``)."""
        return read_generation(self._connection)

    def card(self, bank_id: str, question_id: str) -> CardRecord | None:
        row = self._run(_CARD, bank_id=bank_id, qid=question_id).fetchone()
        return None if row is None else card_from_row(row)

    def card_by_pk(self, pk: int) -> CardRecord | None:
        row = self._run(_CARD_BY_PK, pk=pk).fetchone()
        return None if row is None else card_from_row(row)

    def queued(
        self, card_filter: CardFilter, stage: Stage, due_before_ms: int, limit: int
    ) -> list[QueuedCard]:
        """The first ``limit`` cards of ``stage`` due before ``due_before_ms``, in due order."""
        rows = self._run(
            first_due_keys(card_filter, limit), stage=int(stage), due_before=due_before_ms
        ).fetchall()
        return [QueuedCard(due, int(stage), (bank_id, qid), pk) for pk, bank_id, qid, due in rows]

    def queued_new(self, card_filter: CardFilter, limit: int) -> list[QueuedCard]:
        """The first ``limit`` new cards in queue order."""
        new_left = self._run(_SOME_NEW).fetchone()[0]
        if not new_left:
            return []
        rows = self._run(first_new_keys(card_filter, limit, new_left > _FEW_NEW)).fetchall()
        return [QueuedCard(0, int(Stage.NEW), (bank_id, qid), pk) for pk, bank_id, qid in rows]

    def first_early(
        self, card_filter: CardFilter, exclude: Sequence[tuple[str, str]] = ()
    ) -> CardRecord | None:
        """The first card of a drill not answered since it began (see ``first_early_keys``)."""
        since = card_filter.early_since
        if since is None:
            return None
        skip = set(exclude)
        rows = self._run(
            first_early_keys(card_filter, 1 + len(skip)), since=to_epoch_ms(since)
        ).fetchall()
        for pk, bank_id, question_id in rows:
            if (bank_id, question_id) not in skip:
                return self.card_by_pk(pk)
        return None

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
        query = first_due_keys(card_filter, 1 + len(exclude))
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
        return self.card_by_pk(earliest[1])


class CardStore:
    """Counts and per-card flags, inside an ORM session's transaction; its ``queue`` runs the
    answer path's reads in the same transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._queue: QueueStore | None = None

    @property
    def queue(self) -> QueueStore:
        """The answer path's statements, inside this session's transaction."""
        if self._queue is None:
            self._queue = QueueStore(driver_connection(self.session))
        return self._queue

    def generation(self) -> int:
        """The write generation of this session's snapshot (see ``read_generation``)."""
        return self.queue.generation()

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
        active = studiable(card_filter)

        def count(*clauses: ColumnElement[bool], cap: int | None = None) -> int:
            inner: CardRow = (
                select(literal_column("1"))
                .select_from(ProgressRow)
                .join(QuestionRow, PROGRESS_OF_QUESTION)
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
        connection = driver_connection(self.session)
        progress_rows = connection.execute(_COUNT_PROGRESS).fetchone()[0]
        question_rows = connection.execute(_COUNT_QUESTIONS).fetchone()[0]
        if progress_rows != question_rows:
            return None  # progress kept for questions no longer installed
        due = to_epoch_ms(due_before)
        inactive = dict.fromkeys(Stage, 0)
        for state, n in connection.execute(_COUNT_INACTIVE, (due,)).fetchall():
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
                n = connection.execute(_COUNT_NEW, (limit,)).fetchone()[0]
            else:
                n = connection.execute(_COUNT_DUE, (int(stage), due, limit)).fetchone()[0]
            counts[stage] = int(n or 0) - inactive[stage]
        return counts

    def count_drill(self, card_filter: CardFilter, due_before: datetime) -> dict[Stage, int]:
        """A drill's cards left by stage: those not answered since it began, due or not, and
        those in a learning step due before ``due_before`` (a lapse in the drill). No daily
        limit: the user asked for exactly these."""
        since = card_filter.early_since
        left = or_(
            ProgressRow.last_review.is_(None),
            ProgressRow.last_review < since,
            and_(
                ProgressRow.state.in_([int(s) for s in (Stage.LEARNING, Stage.RELEARNING)]),
                ProgressRow.due < due_before,
            ),
        )
        return self._by_stage(left, card_filter)

    def count_by_stage(self, card_filter: CardFilter, due_before: datetime) -> dict[Stage, int]:
        """New cards, and learning/review cards due before ``due_before``, by stage."""
        due_clause = (ProgressRow.state == int(Stage.NEW)) | (ProgressRow.due < due_before)
        return self._by_stage(due_clause, card_filter)

    def _by_stage(self, which: ColumnElement[bool], card_filter: CardFilter) -> dict[Stage, int]:
        """The studiable cards of ``card_filter`` that ``which`` keeps, counted by stage."""
        rows = self.session.execute(
            select(ProgressRow.state, func.count())
            .select_from(QuestionRow)
            .join(ProgressRow, PROGRESS_OF_QUESTION)
            .where(which, *studiable(card_filter))
            .group_by(ProgressRow.state)
        )
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

    def set_flags(self, bank_id: str, question_id: str, **values: Any) -> None:
        self.session.execute(
            update(ProgressRow)
            .where(ProgressRow.bank_id == bank_id, ProgressRow.question_id == question_id)
            .values(values)
        )
