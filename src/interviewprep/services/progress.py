"""Figures for the Progress screen: activity, forecast, retention, mastery and readiness history.

Everything here is grouped by study day (which rolls over at 4 AM local time), so it is done in
Python over the raw timestamps rather than with SQL date functions that only know UTC.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import Clock
from interviewprep.services.settings import SettingsService
from interviewprep.services.stats import StatsReport, StatsService
from interviewprep.services.study import StudyService
from interviewprep.storage.bank_store import BankStore
from interviewprep.storage.card_store import _JOIN
from interviewprep.storage.database import Database
from interviewprep.storage.models import (
    ProgressRow,
    QuestionRow,
    ReadinessSnapshotRow,
    ReviewRow,
)

ACTIVITY_DAYS = 90
FORECAST_DAYS = 30
CALENDAR_WEEKS = 53

_DayOf = Callable[[datetime], date]


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class WeekRetention:
    week: date
    """Monday of the week."""
    retention: float
    reviews: int


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    title: str
    mastery: float
    seen: int
    questions: int


@dataclass(frozen=True)
class RoleProgress:
    role: str
    title: str
    readiness: float
    coverage: float
    topics: list[TopicMastery]
    readiness_at_interview: float | None = None


@dataclass(frozen=True)
class ReadinessPoint:
    day: date
    readiness: float
    coverage: float


@dataclass
class ProgressReport:
    day: date
    reviews_per_day: list[DayCount]
    """The last 90 study days, oldest first, today last."""
    calendar: list[DayCount]
    """Every day from the Monday 52 weeks before this week's Monday up to today."""
    forecast: list[DayCount]
    """Reviews falling due on each of the next 30 days; today includes anything overdue."""
    retention: list[WeekRetention]
    """Weeks of the last year with answers to cards in review, oldest first."""
    roles: dict[str, RoleProgress]
    readiness: dict[str, list[ReadinessPoint]]
    total_reviews: int
    streak_days: int
    desired_retention: float
    targets: list[str] = field(default_factory=list)

    @property
    def has_history(self) -> bool:
        return self.total_reviews > 0


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class ProgressService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: SettingsService,
        study: StudyService,
        stats: StatsService,
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._study = study
        self._stats = stats

    def report(self) -> ProgressReport:
        """Compute every figure, and record today's readiness per role for the history chart.
        Slow with big banks (a recall prediction per question): call it off the GUI thread."""
        overview = self._stats.overview()
        now = self._clock.now()
        day_of = self._study.study_day.day_of
        today = day_of(now)
        calendar_start = monday_of(today) - timedelta(weeks=CALENDAR_WEEKS - 1)
        since = self._study.study_day.start_of(calendar_start)
        with self._db.read() as session:
            reviews = self._reviews(session, since)
            dues = self._dues(session, today + timedelta(days=FORECAST_DAYS))
            topic_titles = {role.id: dict(role.topics) for role in BankStore(session).roles()}
        per_day = Counter(day_of(moment) for moment, _, _ in reviews)
        roles = self._roles(overview, topic_titles)
        self._record_readiness(today, roles)
        return ProgressReport(
            day=today,
            reviews_per_day=_days(per_day, today - timedelta(days=ACTIVITY_DAYS - 1), today),
            calendar=_days(per_day, calendar_start, today),
            forecast=self._forecast(dues, today),
            retention=_retention(reviews, day_of),
            roles=roles,
            readiness=self.readiness_history(),
            total_reviews=overview.total_reviews,
            streak_days=overview.streak_days,
            desired_retention=self._settings.preset("flashcard").desired_retention,
            targets=self._settings.target_roles,
        )

    @staticmethod
    def _reviews(session: Session, since: datetime) -> list[tuple[datetime, int, int]]:
        rows = session.execute(
            select(ReviewRow.reviewed_at, ReviewRow.state_before, ReviewRow.rating).where(
                ReviewRow.reviewed_at >= since
            )
        )
        return [(moment, state, rating) for moment, state, rating in rows]

    def _dues(self, session: Session, until: date) -> list[datetime]:
        end = self._study.study_day.start_of(until)
        return list(
            session.scalars(
                select(ProgressRow.due)
                .select_from(QuestionRow)
                .join(ProgressRow, _JOIN)
                .where(
                    QuestionRow.retired_at.is_(None),
                    ProgressRow.suspended.is_(False),
                    ProgressRow.state != int(Stage.NEW),
                    ProgressRow.due < end,
                )
            )
        )

    def _forecast(self, dues: list[datetime], today: date) -> list[DayCount]:
        day_of = self._study.study_day.day_of
        counts = Counter(max(today, day_of(due)) for due in dues)
        return _days(counts, today, today + timedelta(days=FORECAST_DAYS - 1))

    @staticmethod
    def _roles(
        overview: StatsReport, topic_titles: dict[str, dict[str, str]]
    ) -> dict[str, RoleProgress]:
        roles: dict[str, RoleProgress] = {}
        for role, stats in overview.roles.items():
            titles = topic_titles.get(role, {})
            # The role profile's order is its taxonomy's order; stray tags go last.
            order = {topic: index for index, topic in enumerate(titles)}
            topics = sorted(stats.topics.items(), key=lambda kv: (order.get(kv[0], 1e9), kv[0]))
            roles[role] = RoleProgress(
                role=role,
                title=stats.title,
                readiness=stats.readiness,
                coverage=stats.coverage,
                readiness_at_interview=stats.readiness_at_interview,
                topics=[
                    TopicMastery(topic, titles.get(topic, topic), t.mastery, t.seen, t.questions)
                    for topic, t in topics
                ],
            )
        return roles

    def _record_readiness(self, today: date, roles: dict[str, RoleProgress]) -> None:
        if not roles:
            return
        with self._db.transaction() as session:
            for role in roles.values():
                values = {
                    "day": today.isoformat(),
                    "role": role.role,
                    "readiness": role.readiness,
                    "coverage": role.coverage,
                }
                statement = sqlite_insert(ReadinessSnapshotRow).values(values)
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=["day", "role"],
                        set_={"readiness": role.readiness, "coverage": role.coverage},
                    )
                )

    def readiness_history(self) -> dict[str, list[ReadinessPoint]]:
        """Recorded readiness per role, oldest first (one point per study day computed)."""
        history: dict[str, list[ReadinessPoint]] = {}
        with self._db.read() as session:
            rows = session.execute(
                select(
                    ReadinessSnapshotRow.role,
                    ReadinessSnapshotRow.day,
                    ReadinessSnapshotRow.readiness,
                    ReadinessSnapshotRow.coverage,
                ).order_by(ReadinessSnapshotRow.role, ReadinessSnapshotRow.day)
            )
            for role, day, readiness, coverage in rows:
                point = ReadinessPoint(date.fromisoformat(day), readiness, coverage)
                history.setdefault(role, []).append(point)
        return history


def _days(counts: Counter[date], first: date, last: date) -> list[DayCount]:
    span = (last - first).days + 1
    return [DayCount(d, counts.get(d, 0)) for d in (first + timedelta(days=i) for i in range(span))]


def _retention(reviews: list[tuple[datetime, int, int]], day_of: _DayOf) -> list[WeekRetention]:
    """True retention: of the answers to cards that were in review, the share not forgotten.
    Learning steps are left out, as they test minutes-old memories."""
    total: Counter[date] = Counter()
    recalled: Counter[date] = Counter()
    for moment, state_before, rating in reviews:
        if state_before != int(Stage.REVIEW):
            continue
        week = monday_of(day_of(moment))
        total[week] += 1
        recalled[week] += rating != int(Grade.AGAIN)
    return [WeekRetention(week, recalled[week] / n, n) for week, n in sorted(total.items())]
