"""The ``mock_interviews`` table: each mock interview loop's plan, and its results as they
are given (answers typed, time spent, the design attempt, the grades at the end)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interviewprep.storage.models import MockInterviewRow


@dataclass(frozen=True)
class StoredMockInterview:
    id: int
    role: str
    length_minutes: int
    started_at: datetime
    finished_at: datetime | None
    plan: tuple[Mapping[str, Any], ...]
    """One JSON object per question, in the order asked."""
    results: Mapping[str, Any]
    """A copy: change it through ``MockInterviewRepository.save_results``."""


def _stored(row: MockInterviewRow) -> StoredMockInterview:
    return StoredMockInterview(
        id=row.id,
        role=row.role,
        length_minutes=row.length_minutes,
        started_at=row.started_at,
        finished_at=row.finished_at,
        plan=tuple(row.plan),
        results=dict(row.results or {}),
    )


class MockInterviewRepository:
    """Owns the SQL of ``mock_interviews``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, role: str, length_minutes: int, started_at: datetime, plan: Sequence[dict[str, Any]]
    ) -> StoredMockInterview:
        row = MockInterviewRow(
            role=role,
            length_minutes=length_minutes,
            started_at=started_at,
            plan=list(plan),
            results={},
        )
        self.session.add(row)
        self.session.flush()
        return _stored(row)

    def get(self, mock_id: int) -> StoredMockInterview | None:
        row = self.session.get(MockInterviewRow, mock_id)
        return None if row is None else _stored(row)

    def save_results(
        self, mock_id: int, results: Mapping[str, Any], finished_at: datetime | None = None
    ) -> None:
        """Replace the interview's results (and mark it finished at ``finished_at``, if
        given). The interview must exist."""
        row = self.session.get(MockInterviewRow, mock_id)
        assert row is not None, mock_id
        if finished_at is not None:
            row.finished_at = finished_at
        row.results = dict(results)

    def recent(self, limit: int) -> list[StoredMockInterview]:
        """The ``limit`` latest interviews, newest first."""
        rows = self.session.scalars(
            select(MockInterviewRow)
            .order_by(MockInterviewRow.started_at.desc(), MockInterviewRow.id.desc())
            .limit(limit)
        ).all()
        return [_stored(row) for row in rows]
