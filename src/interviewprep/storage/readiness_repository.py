"""The ``readiness_history`` table: a role's readiness as computed on a study day, for the
readiness-over-time chart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from interviewprep.storage.models import ReadinessSnapshotRow


@dataclass(frozen=True)
class ReadinessSnapshot:
    day: str
    """The study day, ISO 8601 (``2026-12-07``)."""
    role: str
    readiness: float
    coverage: float


class ReadinessRepository:
    """Owns the SQL of ``readiness_history``: one row per study day and role."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def on_day(self, day: str) -> dict[str, tuple[float, float]]:
        """(readiness, coverage) by role, as recorded on ``day``."""
        return {
            role: (readiness, coverage)
            for role, readiness, coverage in self.session.execute(
                select(
                    ReadinessSnapshotRow.role,
                    ReadinessSnapshotRow.readiness,
                    ReadinessSnapshotRow.coverage,
                ).where(ReadinessSnapshotRow.day == day)
            )
        }

    def record(self, snapshots: Iterable[ReadinessSnapshot]) -> None:
        """Insert each snapshot, or replace the figures of its day and role."""
        for snapshot in snapshots:
            values = {
                "day": snapshot.day,
                "role": snapshot.role,
                "readiness": snapshot.readiness,
                "coverage": snapshot.coverage,
            }
            statement = sqlite_insert(ReadinessSnapshotRow).values(values)
            self.session.execute(
                statement.on_conflict_do_update(
                    index_elements=["day", "role"],
                    set_={"readiness": snapshot.readiness, "coverage": snapshot.coverage},
                )
            )

    def history(self) -> list[ReadinessSnapshot]:
        """Every snapshot, by role then day."""
        rows = self.session.execute(
            select(
                ReadinessSnapshotRow.role,
                ReadinessSnapshotRow.day,
                ReadinessSnapshotRow.readiness,
                ReadinessSnapshotRow.coverage,
            ).order_by(ReadinessSnapshotRow.role, ReadinessSnapshotRow.day)
        )
        return [
            ReadinessSnapshot(day, role, readiness, coverage)
            for role, day, readiness, coverage in rows
        ]
