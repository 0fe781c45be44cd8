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
        # The rows read, held so that saving one finds it in the session again (the session
        # holds rows weakly): a get and a save are one SELECT and one UPDATE.
        self._loaded: dict[int, MockInterviewRow] = {}

    def _row(self, mock_id: int) -> MockInterviewRow | None:
        row = self._loaded.get(mock_id)
        if row is None:
            row = self.session.get(MockInterviewRow, mock_id)
            if row is not None:
                self._loaded[mock_id] = row
        return row

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
        self._loaded[row.id] = row
        return _stored(row)

    def get(self, mock_id: int) -> StoredMockInterview | None:
        row = self._row(mock_id)
        return None if row is None else _stored(row)

    def save_results(
        self, mock_id: int, results: Mapping[str, Any], finished_at: datetime | None = None
    ) -> None:
        """Replace the interview's results (and mark it finished at ``finished_at``, if
        given). The interview must exist."""
        row = self._row(mock_id)
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
