"""System-design practice as stored: the ``design_attempts`` table (timed attempts, their
autosaved notes, rubric checks and grade), and the read of the prompts to practise."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from interviewprep.core.cards import Grade
from interviewprep.storage.models import BankRow, DesignAttemptRow, ProgressRow, QuestionRow

_SYSTEM_DESIGN = "system-design"


@dataclass(frozen=True)
class DesignAttempt:
    id: int
    bank_id: str
    question_id: str
    mode: str
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    elapsed_seconds: int
    notes: str
    checked: tuple[int, ...]
    score: float | None
    grade: Grade | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def abandoned(self) -> bool:
        """Stopped without a rubric check (the user moved to another prompt)."""
        return self.finished and self.score is None and self.grade is None

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.question_id)


@dataclass(frozen=True)
class StoredDesignPrompt:
    """An active, unsuspended design prompt with what the picker shows of it."""

    bank_id: str
    question_id: str
    prompt: str
    extra: Mapping[str, Any]
    """The question's fields beyond the indexed columns (title, time box, rubric, ...)."""
    bank_title: str
    difficulty: str
    reps: int


def _attempt(row: DesignAttemptRow) -> DesignAttempt:
    return DesignAttempt(
        id=row.id,
        bank_id=row.bank_id,
        question_id=row.question_id,
        mode=row.mode,
        started_at=row.started_at,
        updated_at=row.updated_at,
        finished_at=row.finished_at,
        elapsed_seconds=row.elapsed_seconds,
        notes=row.notes,
        checked=tuple(row.checked or ()),
        score=row.score,
        grade=Grade(row.grade) if row.grade is not None else None,
    )


class DesignAttemptRepository:
    """Owns the SQL of ``design_attempts``. Attempts go in and out as ``DesignAttempt``
    values: ``save`` writes one back whole, and the ORM updates the columns that changed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # The rows read, held so that saving one finds it in the session again (the session
        # holds rows weakly): a get and a save are one SELECT and one UPDATE.
        self._loaded: dict[int, DesignAttemptRow] = {}

    def _row(self, attempt_id: int) -> DesignAttemptRow | None:
        row = self._loaded.get(attempt_id)
        if row is None:
            row = self.session.get(DesignAttemptRow, attempt_id)
            if row is not None:
                self._loaded[attempt_id] = row
        return row

    def prompts(self, roles: Sequence[str] = ()) -> list[StoredDesignPrompt]:
        """Every active, unsuspended design prompt (of ``roles``, if given), in bank order."""
        query = (
            select(QuestionRow, ProgressRow.reps, BankRow.title)
            .join(BankRow, BankRow.id == QuestionRow.bank_id)
            .join(
                ProgressRow,
                (ProgressRow.bank_id == QuestionRow.bank_id)
                & (ProgressRow.question_id == QuestionRow.question_id),
            )
            .where(
                QuestionRow.type == _SYSTEM_DESIGN,
                QuestionRow.retired_at.is_(None),
                ProgressRow.suspended.is_(False),
            )
            .order_by(QuestionRow.bank_id, QuestionRow.position)
        )
        if roles:
            query = query.where(QuestionRow.role.in_(roles))
        return [
            StoredDesignPrompt(
                bank_id=q.bank_id,
                question_id=q.question_id,
                prompt=q.prompt,
                extra=dict(q.extra),
                bank_title=bank_title,
                difficulty=q.difficulty,
                reps=int(reps),
            )
            for q, reps, bank_title in self.session.execute(query).all()
        ]

    def add(self, bank_id: str, question_id: str, mode: str, now: datetime) -> DesignAttempt:
        """A new attempt, started ``now``, with no notes."""
        row = DesignAttemptRow(
            bank_id=bank_id,
            question_id=question_id,
            mode=mode,
            started_at=now,
            updated_at=now,
            elapsed_seconds=0,
            notes="",
            checked=[],
        )
        self.session.add(row)
        self.session.flush()
        self._loaded[row.id] = row
        return _attempt(row)

    def get(self, attempt_id: int) -> DesignAttempt | None:
        row = self._row(attempt_id)
        return None if row is None else _attempt(row)

    def save(self, attempt: DesignAttempt) -> None:
        """Write back what can change of an attempt that exists."""
        row = self._row(attempt.id)
        assert row is not None, attempt.id
        row.notes = attempt.notes
        row.elapsed_seconds = attempt.elapsed_seconds
        row.finished_at = attempt.finished_at
        row.checked = list(attempt.checked)
        row.score = attempt.score
        row.grade = None if attempt.grade is None else int(attempt.grade)
        row.updated_at = attempt.updated_at

    def delete(self, attempt_id: int) -> None:
        self.session.execute(delete(DesignAttemptRow).where(DesignAttemptRow.id == attempt_id))

    def of_question(self, bank_id: str, question_id: str) -> list[DesignAttempt]:
        """Every attempt at one prompt, newest first."""
        rows = self.session.scalars(
            select(DesignAttemptRow)
            .where(
                DesignAttemptRow.bank_id == bank_id,
                DesignAttemptRow.question_id == question_id,
            )
            .order_by(DesignAttemptRow.started_at.desc(), DesignAttemptRow.id.desc())
        ).all()
        return [_attempt(row) for row in rows]

    def ungraded(self, mode: str) -> list[DesignAttempt]:
        """Attempts in ``mode`` without a grade, most recently updated first."""
        rows = self.session.scalars(
            select(DesignAttemptRow)
            .where(DesignAttemptRow.mode == mode, DesignAttemptRow.grade.is_(None))
            .order_by(DesignAttemptRow.updated_at.desc(), DesignAttemptRow.id.desc())
        ).all()
        return [_attempt(row) for row in rows]
