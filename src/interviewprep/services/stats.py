"""Progress figures per role and topic: counts, readiness, coverage and streak."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from interviewprep.core.cards import Stage
from interviewprep.core.clock import Clock, StudyDay
from interviewprep.core.planning import forecast
from interviewprep.services.settings import SettingsService
from interviewprep.services.study import StudyService
from interviewprep.storage.card_store import CardFilter, CardStore
from interviewprep.storage.database import Database


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
            f"{self.day.isoformat()}: {self.reviews_today} reviews today, "
            f"{self.total_reviews} in all, streak {self.streak_days} day(s)"
        ]
        if self.interview is not None:
            lines.append(f"interview on {self.interview.isoformat()}: {self.plan}")
        for stats in self.roles.values():
            lines.append("")
            lines.append(
                f"{stats.title} ({stats.role}): {stats.questions} questions, "
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

    def overview(self) -> StatsReport:
        now = self._clock.now()
        day_start, _ = self._day.bounds(now)
        roles = self._role_stats(now)
        for role, stats in roles.items():
            counts = self._study.counts(CardFilter(roles=(role,)))
            stats.new_today, stats.learning, stats.due = counts.new, counts.learning, counts.review
        with self._db.read() as session:
            store = CardStore(session)
            history = store.review_days(now - timedelta(days=3650))
        days = {self._day.day_of(moment) for moment in history}
        today = self._day.day_of(now)
        reviews_today = sum(1 for moment in history if moment >= day_start)
        plan = self._study.plan()
        plan_text = plan.describe() if plan is not None else None
        if plan is not None:
            preset = self._settings.preset("flashcard")
            expected = forecast(plan, preset.parameters, preset.desired_retention)
            if expected is not None:
                plan_text = f"{plan_text}. {expected.describe()}"
        return StatsReport(
            day=today,
            roles=roles,
            reviews_today=reviews_today,
            total_reviews=len(history),
            streak_days=streak(days, today),
            interview=self._settings.interview_date,
            plan=plan_text,
        )

    def _role_stats(self, now: Any) -> dict[str, RoleStats]:
        schedulers = {t: self._study.scheduler(t) for t in ("flashcard", "system-design")}
        with self._db.read() as session:
            from interviewprep.storage.bank_store import BankStore

            titles = {row.id: row.title for row in BankStore(session).roles()}
            rows = CardStore(session).active_states(CardFilter())
        interview = self._settings.interview_date
        at_interview = self._day.start_of(interview) if interview is not None else None
        roles: dict[str, RoleStats] = {}
        topic_stats: dict[str, dict[str, TopicStats]] = defaultdict(dict)
        for role, qtype, topics, state in rows:
            stats = roles.get(role)
            if stats is None:
                stats = roles[role] = RoleStats(role=role, title=titles.get(role, role))
            recall = schedulers[qtype].retrievability(state, now)
            seen = state.stage != Stage.NEW
            stats.questions += 1
            stats.flashcards += qtype == "flashcard"
            stats.system_design += qtype == "system-design"
            stats.seen += seen
            stats.recall_sum += recall
            if at_interview is not None:
                later = schedulers[qtype].retrievability(state, max(now, at_interview))
                stats.recall_at_interview_sum = (stats.recall_at_interview_sum or 0.0) + later
            for topic in topics:
                t = topic_stats[role].setdefault(topic, TopicStats())
                t.questions += 1
                t.seen += seen
                t.recall_sum += recall
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
