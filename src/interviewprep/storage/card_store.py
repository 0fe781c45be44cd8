"""Queries and writes for studying: queues, counts, answers and undo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.orm import Session

from interviewprep.core.cards import CardState, Stage
from interviewprep.storage.models import ProgressRow, QuestionRow, QuestionTopicRow, ReviewRow


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

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.question_id)


_FEW_NEW = 2_000
"""Below this many new cards, finding the next one starts from the new cards themselves."""

_JOIN = and_(
    ProgressRow.bank_id == QuestionRow.bank_id, ProgressRow.question_id == QuestionRow.question_id
)


def _where(card_filter: CardFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [
        QuestionRow.retired_at.is_(None),
        ProgressRow.suspended.is_(False),
    ]
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


def state_of(row: ProgressRow) -> CardState:
    return CardState(
        stage=Stage(row.state),
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
        reps=row.reps,
        lapses=row.lapses,
    )


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


class CardStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _select_cards(self) -> Select[QuestionRow, ProgressRow]:
        return select(QuestionRow, ProgressRow).join(ProgressRow, _JOIN)

    def _record(self, question: QuestionRow, progress: ProgressRow) -> CardRecord:
        return CardRecord(
            pk=question.pk,
            bank_id=question.bank_id,
            question_id=question.question_id,
            role=question.role,
            type=question.type,
            difficulty=question.difficulty,
            topics=list(question.topics),
            prompt=question.prompt,
            answer=question.answer,
            extra=dict(question.extra),
            changed=question.changed_at is not None,
            state=state_of(progress),
            suspended=progress.suspended,
            flagged=progress.flagged,
            note=progress.note,
        )

    def card(self, bank_id: str, question_id: str) -> CardRecord | None:
        row = self.session.execute(
            self._select_cards().where(
                QuestionRow.bank_id == bank_id, QuestionRow.question_id == question_id
            )
        ).first()
        return None if row is None else self._record(row[0], row[1])

    def first_due(
        self,
        card_filter: CardFilter,
        stages: Sequence[Stage],
        due_before: datetime,
        exclude: Sequence[tuple[str, str]] = (),
    ) -> CardRecord | None:
        query = (
            self._select_cards()
            .where(
                # likelihood() tells SQLite few cards match, so it walks ix_progress_due and stops
                # at the first hit; otherwise its statistics can make it scan every question and
                # sort (6 ms at 10k cards instead of 0.3 ms).
                func.likelihood(
                    ProgressRow.state.in_([int(s) for s in stages]), literal_column("0.001")
                ),
                ProgressRow.due < due_before,
                *_where(card_filter),
            )
            .order_by(ProgressRow.due)
            .limit(1 + len(exclude))
        )
        return self._first_not_excluded(query, exclude)

    def first_new(
        self, card_filter: CardFilter, exclude: Sequence[tuple[str, str]] = ()
    ) -> CardRecord | None:
        # Position first, then bank: new questions interleave across the topic banks of a role.
        query = (
            self._select_cards()
            .where(ProgressRow.state == int(Stage.NEW), *_where(card_filter))
            .order_by(QuestionRow.position, QuestionRow.bank_id)
            .limit(1 + len(exclude))
        )
        new_left = self.session.scalar(
            select(func.count())
            .select_from(ProgressRow)
            .with_hint(ProgressRow, "INDEXED BY ix_progress_new", "sqlite")
            .where(ProgressRow.state == int(Stage.NEW))
        )
        if not new_left:
            return None
        if new_left > _FEW_NEW:
            # Plenty of new cards: walk questions in queue order, the first match comes early.
            query = query.with_hint(QuestionRow, "INDEXED BY ix_questions_order", "sqlite")
        return self._first_not_excluded(query, exclude)

    def _first_not_excluded(
        self, query: Select[QuestionRow, ProgressRow], exclude: Sequence[tuple[str, str]]
    ) -> CardRecord | None:
        skip = set(exclude)
        for question, progress in self.session.execute(query):
            if (question.bank_id, question.question_id) not in skip:
                return self._record(question, progress)
        return None

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
        rows = self.session.execute(
            select(ReviewRow.state_before, func.count())
            .where(ReviewRow.reviewed_at >= since, ReviewRow.question_type == question_type)
            .group_by(ReviewRow.state_before)
        )
        counts = dict.fromkeys(Stage, 0)
        for state, n in rows:
            counts[Stage(state)] = int(n)
        return counts

    def record_answer(
        self,
        card: CardRecord,
        after: CardState,
        rating: int,
        reviewed_at: datetime,
        duration_ms: int,
    ) -> int:
        self.session.execute(
            update(ProgressRow)
            .where(ProgressRow.bank_id == card.bank_id, ProgressRow.question_id == card.question_id)
            .values(_progress_values(after))
        )
        assert after.stability is not None and after.difficulty is not None and after.due
        review_id = self.session.scalar(
            insert(ReviewRow)
            .values(
                bank_id=card.bank_id,
                question_id=card.question_id,
                question_type=card.type,
                rating=rating,
                reviewed_at=reviewed_at,
                duration_ms=duration_ms,
                state_before=int(card.state.stage),
                state_after=int(after.stage),
                stability=after.stability,
                difficulty=after.difficulty,
                due=after.due,
                before=card.state.as_dict(),
            )
            .returning(ReviewRow.id)
        )
        assert review_id is not None
        return int(review_id)

    def last_review(self) -> ReviewRow | None:
        return self.session.scalars(
            select(ReviewRow).order_by(ReviewRow.id.desc()).limit(1)
        ).first()

    def undo_review(self, review: ReviewRow) -> None:
        before = CardState.from_dict(review.before)
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

    def active_states(self, card_filter: CardFilter) -> list[tuple[str, str, list[str], CardState]]:
        """Role, type, topics and state of every active question under ``card_filter``."""
        rows = self.session.execute(
            select(
                QuestionRow.role,
                QuestionRow.type,
                QuestionRow.topics,
                ProgressRow.state,
                ProgressRow.step,
                ProgressRow.stability,
                ProgressRow.difficulty,
                ProgressRow.due,
                ProgressRow.last_review,
                ProgressRow.reps,
                ProgressRow.lapses,
            )
            .select_from(QuestionRow)
            .join(ProgressRow, _JOIN)
            .where(QuestionRow.retired_at.is_(None), *_where(card_filter)[2:])
        )
        return [
            (
                role,
                qtype,
                list(topics),
                CardState(Stage(state), step, stability, difficulty, due, last, reps, lapses),
            )
            for role, qtype, topics, state, step, stability, difficulty, due, last, reps, lapses in rows
        ]

    def review_days(self, since: datetime) -> list[datetime]:
        return list(
            self.session.scalars(
                select(ReviewRow.reviewed_at).where(ReviewRow.reviewed_at >= since)
            )
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
