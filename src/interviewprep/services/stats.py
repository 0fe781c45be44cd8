"""Progress figures per role and topic: counts, readiness, coverage and streak."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from interviewprep.core.card_record import QuestionType
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.core.easy_days import lighter_days
from interviewprep.core.planning import forecast
from interviewprep.services.helper_thread import HelperThread, Pending
from interviewprep.services.settings import SettingsService
from interviewprep.services.study import StudyService
from interviewprep.storage.bank_repository import BankRepository
from interviewprep.storage.card_store import CardFilter
from interviewprep.storage.database import Database
from interviewprep.storage.statistics_repository import Curve, Range, StatisticsRepository
from interviewprep.wording import count


@dataclass
class TopicStats:
    questions: int = 0
    seen: int = 0
    recall_sum: float = 0.0

    @property
    def mastery(self) -> float:
        """Average predicted recall today over the topic's questions (unseen count as 0)."""
        return self.recall_sum / self.questions if self.questions else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"questions": self.questions, "seen": self.seen, "mastery": round(self.mastery, 4)}


@dataclass
class RoleStats:
    role: str
    title: str
    questions: int = 0
    flashcards: int = 0
    system_design: int = 0
    seen: int = 0
    new_today: int = 0
    learning: int = 0
    due: int = 0
    recall_sum: float = 0.0
    recall_at_interview_sum: float | None = None
    topics: dict[str, TopicStats] = field(default_factory=dict)

    @property
    def readiness_at_interview(self) -> float | None:
        """Readiness on the interview day if no more reviews happened: a floor, not a forecast."""
        if self.recall_at_interview_sum is None or not self.questions:
            return None
        return self.recall_at_interview_sum / self.questions

    @property
    def readiness(self) -> float:
        """Share of the role's questions the user would recall today."""
        return self.recall_sum / self.questions if self.questions else 0.0

    @property
    def coverage(self) -> float:
        return self.seen / self.questions if self.questions else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "questions": self.questions,
            "flashcards": self.flashcards,
            "system_design": self.system_design,
            "seen": self.seen,
            "today": {"new": self.new_today, "learning": self.learning, "due": self.due},
            "readiness": round(self.readiness, 4),
            "coverage": round(self.coverage, 4),
            "readiness_at_interview_without_more_reviews": None
            if self.readiness_at_interview is None
            else round(self.readiness_at_interview, 4),
            "topics": {k: v.as_dict() for k, v in sorted(self.topics.items())},
        }


@dataclass
class StatsReport:
    day: date
    roles: dict[str, RoleStats]
    reviews_today: int
    total_reviews: int
    streak_days: int
    interview: date | None = None
    plan: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "interview_date": self.interview.isoformat() if self.interview else None,
            "plan": self.plan,
            "reviews_today": self.reviews_today,
            "total_reviews": self.total_reviews,
            "streak_days": self.streak_days,
            "roles": {k: v.as_dict() for k, v in self.roles.items()},
        }

    def as_text(self) -> str:
        if not self.roles:
            return "No banks installed yet: run `interviewprep import PATH` or open the app."
        lines = [
            f"{self.day.isoformat()}: {count(self.reviews_today, 'review')} today, "
            f"{self.total_reviews:,} in all, streak {count(self.streak_days, 'day')}"
        ]
        if self.interview is not None:
            lines.append(f"interview on {self.interview.isoformat()}: {self.plan}")
        for stats in self.roles.values():
            lines.append("")
            lines.append(
                f"{stats.title} ({stats.role}): {count(stats.questions, 'question')}, "
                f"readiness {stats.readiness:.0%}, coverage {stats.coverage:.0%}"
            )
            lines.append(
                f"  today: {stats.new_today} new, {stats.learning} learning, {stats.due} due"
            )
            if stats.readiness_at_interview is not None:
                lines.append(
                    f"  readiness on the interview day without more reviews: "
                    f"{stats.readiness_at_interview:.0%}"
                )
            for topic, t in sorted(stats.topics.items()):
                lines.append(
                    f"  {topic:<28} {t.seen:>4}/{t.questions:<4} seen  mastery {t.mastery:.0%}"
                )
        return "\n".join(lines)


class StatsService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: SettingsService,
        study: StudyService,
        study_day: StudyDay | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._study = study
        self._day = study_day or StudyDay()
        self._helper = HelperThread("interviewprep-stats")

    def close(self) -> None:
        self._helper.close()

    def overview(self) -> StatsReport:
        return self.start_overview()()

    def start_overview(self) -> Callable[[], StatsReport]:
        """``overview`` in two steps: the readiness pass starts on the helper thread, and the
        function returned finishes the report, so the caller can count its own figures
        meanwhile (the Progress screen's calendar)."""
        now = self._clock.now()
        # Readiness is one long SQL pass over every question; the per-role counts are others.
        # SQLite runs each without holding the GIL, so on two connections they take the time
        # of the longer, not of both (what Today waits for at start).
        titles = self._role_titles()
        readiness = self._helper.submit(lambda: self._role_stats(now, titles))
        return lambda: self._finish_overview(now, titles, readiness)

    def _finish_overview(
        self, now: datetime, titles: dict[str, str], readiness: Pending[dict[str, RoleStats]]
    ) -> StatsReport:
        counts = {role: self._study.counts(CardFilter(roles=(role,))) for role in titles}
        roles = readiness.result()
        for role, stats in roles.items():
            if role not in counts:
                counts[role] = self._study.counts(CardFilter(roles=(role,)))
            stats.new_today = counts[role].new
            stats.learning, stats.due = counts[role].learning, counts[role].review
        today = self._day.day_of(now)
        with self._db.read() as session:
            reviews_today, total_reviews, streak_days = self._history(
                StatisticsRepository(session), today
            )
        plan = self._study.plan()
        plan_text = None
        if plan is not None:
            plan_text = plan.describe()
            preset = self._settings.preset(QuestionType.FLASHCARD)
            expected = forecast(plan, preset.parameters, preset.desired_retention)
            if expected is not None:
                plan_text = f"{plan_text}. {expected.describe()}"
            if lighter := lighter_days(self._settings.easy_days):
                # the simulator spreads reviews over every day alike; the app does not
                plan_text = f"{plan_text.rstrip('.')}. Easy Days keep {lighter} lighter."
        return StatsReport(
            day=today,
            roles=roles,
            reviews_today=reviews_today,
            total_reviews=total_reviews,
            streak_days=streak_days,
            interview=self._settings.interview_date,
            plan=plan_text,
        )

    def _history(self, statistics: StatisticsRepository, today: date) -> tuple[int, int, int]:
        """Answers today, answers ever, and the streak: range counts, no rows loaded."""
        start = self._day.start_of

        def day(d: date) -> Range:
            return start(d), start(d + timedelta(days=1))

        reviews_today = statistics.answers_in([day(today)])[0]
        total = statistics.total_answers()
        # Consecutive study days ending today, or ending yesterday if today has none yet.
        cursor = today if reviews_today else today - timedelta(days=1)
        streak_days, chunk = 0, 32
        while True:
            days = [cursor - timedelta(days=i) for i in range(chunk)]
            for answered in statistics.answered_in([day(d) for d in days]):
                if not answered:
                    return reviews_today, total, streak_days
                streak_days += 1
            cursor -= timedelta(days=chunk)
            chunk = min(chunk * 2, 512)

    def _role_titles(self) -> dict[str, str]:
        """Installed roles' titles by id."""
        with self._db.read() as session:
            return {row.id: row.title for row in BankRepository(session).roles()}

    def _role_stats(self, now: datetime, titles: dict[str, str]) -> dict[str, RoleStats]:
        """Readiness and mastery: the forgetting curve of every active question, summed by
        SQLite per role, type and topic set (one pass, no rows loaded). ``titles``: the
        installed roles' titles by id."""
        curves: dict[str, Curve] = {
            t: Curve(*self._study.scheduler(t).forgetting_curve())
            for t in (QuestionType.FLASHCARD, QuestionType.SYSTEM_DESIGN)
        }
        interview = self._settings.interview_date
        later = max(now, self._day.start_of(interview)) if interview is not None else None
        with self._db.read() as session:
            groups = StatisticsRepository(session).recall_groups(curves, now, later)
        roles: dict[str, RoleStats] = {}
        topic_stats: dict[str, dict[str, TopicStats]] = defaultdict(dict)
        for group in groups:
            role = group.role
            stats = roles.get(role)
            if stats is None:
                stats = roles[role] = RoleStats(role=role, title=titles.get(role, role))
            stats.questions += group.questions
            stats.flashcards += group.questions if group.type == QuestionType.FLASHCARD else 0
            stats.system_design += (
                group.questions if group.type == QuestionType.SYSTEM_DESIGN else 0
            )
            stats.seen += group.seen
            stats.recall_sum += group.recall
            if later is not None:
                stats.recall_at_interview_sum = (
                    stats.recall_at_interview_sum or 0.0
                ) + group.recall_later
            for topic in group.topics:
                t = topic_stats[role].setdefault(topic, TopicStats())
                t.questions += group.questions
                t.seen += group.seen
                t.recall_sum += group.recall
        for role, stats in roles.items():
            stats.topics = topic_stats[role]
        return dict(sorted(roles.items()))


def streak(days: set[date], today: date) -> int:
    """Consecutive study days ending today, or ending yesterday if today has none yet."""
    cursor = today if today in days else today - timedelta(days=1)
    count = 0
    while cursor in days:
        count += 1
        cursor -= timedelta(days=1)
    return count
