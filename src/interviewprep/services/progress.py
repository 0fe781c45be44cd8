"""Figures for the Progress screen: activity, forecast, retention, mastery and readiness history.

Everything here is grouped by study day (which rolls over at 4 AM local time): each study day
or week is turned into a UTC range here, and SQLite counts the answers or due cards in it from
an index (``storage.statistics_repository``), so no figure loads the history row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from interviewprep.core.card_record import QuestionType
from interviewprep.core.clock import Clock
from interviewprep.services.settings import SettingsService
from interviewprep.services.stats import StatsReport, StatsService
from interviewprep.services.study import StudyService
from interviewprep.storage.bank_repository import BankRepository
from interviewprep.storage.database import Database
from interviewprep.storage.readiness_repository import ReadinessRepository, ReadinessSnapshot
from interviewprep.storage.statistics_repository import Range, StatisticsRepository

ACTIVITY_DAYS = 90
FORECAST_DAYS = 30
CALENDAR_WEEKS = 53

_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)


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
        A few hundred index range counts and one pass of sums in SQLite, no rows loaded: well
        under a second at 100,000 questions and a million answers. Still, call it off the GUI
        thread."""
        # the readiness pass runs on the stats helper thread while the calendar is counted here
        finish_overview = self._stats.start_overview()
        now = self._clock.now()
        today = self._study.study_day.day_of(now)
        calendar_start = monday_of(today) - timedelta(weeks=CALENDAR_WEEKS - 1)
        span = (today - calendar_start).days + 1
        calendar_days = [calendar_start + timedelta(days=i) for i in range(span)]
        weeks = calendar_days[::7]
        forecast_days = [today + timedelta(days=i) for i in range(FORECAST_DAYS)]
        due_ranges = [self._span(d, 1) for d in forecast_days]
        due_ranges[0] = (_LONG_AGO, due_ranges[0][1])  # anything overdue counts today
        with self._db.read() as session:
            statistics = StatisticsRepository(session)
            per_day = statistics.answers_in([self._span(d, 1) for d in calendar_days])
            per_week = statistics.retention_in([self._span(w, 7) for w in weeks])
            due = statistics.due_in(due_ranges)
            topic_titles = {role.id: dict(role.topics) for role in BankRepository(session).roles()}
        overview = finish_overview()
        calendar = [DayCount(d, n) for d, n in zip(calendar_days, per_day, strict=True)]
        roles = self._roles(overview, topic_titles)
        self._record_readiness(today, roles)
        return ProgressReport(
            day=today,
            reviews_per_day=calendar[-ACTIVITY_DAYS:],
            calendar=calendar,
            forecast=[DayCount(d, n) for d, n in zip(forecast_days, due, strict=True)],
            retention=[
                WeekRetention(week, (total - forgotten) / total, total)
                for week, (total, forgotten) in zip(weeks, per_week, strict=True)
                if total
            ],
            roles=roles,
            readiness=self.readiness_history(),
            total_reviews=overview.total_reviews,
            streak_days=overview.streak_days,
            desired_retention=self._settings.preset(QuestionType.FLASHCARD).desired_retention,
            targets=self._settings.target_roles,
        )

    def _span(self, first: date, days: int) -> Range:
        """Study days as a UTC range: each study day starts at 4 AM local time."""
        start_of = self._study.study_day.start_of
        return start_of(first), start_of(first + timedelta(days=days))

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
        """Today's readiness per role, for the history chart, written only where it changed.
        A write would make opening Progress wait for the write lock while another window
        imports, and every write makes the cached counts and queues be read again."""
        day = today.isoformat()
        with self._db.read() as session:
            stored = ReadinessRepository(session).on_day(day)
        changed = [r for r in roles.values() if stored.get(r.role) != (r.readiness, r.coverage)]
        if not changed:
            return
        with self._db.transaction() as session:
            ReadinessRepository(session).record(
                ReadinessSnapshot(day, role.role, role.readiness, role.coverage) for role in changed
            )

    def readiness_history(self) -> dict[str, list[ReadinessPoint]]:
        """Recorded readiness per role, oldest first (one point per study day computed)."""
        history: dict[str, list[ReadinessPoint]] = {}
        with self._db.read() as session:
            snapshots = ReadinessRepository(session).history()
        for snapshot in snapshots:
            point = ReadinessPoint(
                date.fromisoformat(snapshot.day), snapshot.readiness, snapshot.coverage
            )
            history.setdefault(snapshot.role, []).append(point)
        return history
