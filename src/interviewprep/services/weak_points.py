"""Weak points: the key points and rubric items a candidate has missed most lately, per role
and topic, with their trend, and the questions to drill because of them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from interviewprep.banks.titles import question_title
from interviewprep.core.card_record import CardFilter
from interviewprep.core.clock import Clock
from interviewprep.core.key_points import CriterionKind, CriterionResult
from interviewprep.services.library import LibraryService
from interviewprep.services.mock import topic_name
from interviewprep.storage.criterion_log import CriterionLog, CriterionTally
from interviewprep.storage.database import Database

WINDOW = timedelta(days=28)
"""How far back "lately" reaches; its later half is compared with its earlier for the trend."""
_RECENT = WINDOW / 2
_TREND_STEP = 0.15
"""A change in the share missed smaller than this reads as steady (a point checked a handful
of times moves by a fifth with one answer)."""


class Trend(StrEnum):
    WORSE = "worse"
    BETTER = "better"
    STEADY = "steady"
    NEW = "new"
    """Checked only in the recent half: nothing to compare with yet."""


@dataclass(frozen=True)
class WeakCriterion:
    """A key point or rubric item the candidate keeps losing, as the report shows it."""

    bank_id: str
    question_id: str
    kind: CriterionKind
    text: str
    question_title: str
    role: str
    role_title: str
    topic: str
    topic_title: str
    checked: int
    lost: float
    """Misses, with a partial counting half."""
    trend: Trend
    still_missed: bool
    """Whether the latest check lost it too (a point raised in full last time is not drilled)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.question_id)

    @property
    def missed_share(self) -> float:
        return self.lost / self.checked if self.checked else 0.0


class WeakPointsService:
    """Reads the criterion results the review and design screens store; off the GUI thread."""

    def __init__(self, db: Database, clock: Clock, library: LibraryService) -> None:
        self._db = db
        self._clock = clock
        self._library = library

    def weakest(
        self, roles: Sequence[str] = (), topic: str | None = None, limit: int | None = 20
    ) -> list[WeakCriterion]:
        """The criteria lost at least once in full (or twice in part) lately, in ``roles``
        (empty: all) and ``topic`` (None: all), most lost first."""
        now = self._clock.now()
        with self._db.raw_read() as connection:
            tallies = CriterionLog(connection).tallies(now - WINDOW, now - _RECENT)
        role_titles, topic_titles = self._names()
        weak = [
            self._weak(t, role_titles, topic_titles)
            for t in tallies
            if t.lost >= 1.0
            and (not roles or t.role in roles)
            and (topic is None or topic in t.topics)
        ]
        weak.sort(key=lambda w: (-w.lost, -w.missed_share, w.question_title.casefold(), w.text))
        return weak if limit is None else weak[:limit]

    def drill_keys(
        self, roles: Sequence[str] = (), kind: CriterionKind | None = None
    ) -> list[tuple[str, str]]:
        """The questions to drill: those with a criterion lost lately and lost again at its
        latest check, the most lost first, each once."""
        return drill_keys_of(self.weakest(roles, limit=None), kind)

    def drill_filter(self, keys: Iterable[tuple[str, str]]) -> CardFilter:
        """A review session of exactly these flashcards, each shown now whether due or not."""
        return CardFilter.drill(keys, self._clock.now())

    def results_of_review(self, review_id: int) -> list[CriterionResult]:
        """How each key point came out in one answer, in the card's order."""
        with self._db.raw_read() as connection:
            return CriterionLog(connection).of_review(review_id)

    def results_of_attempt(self, attempt_id: int) -> list[CriterionResult]:
        """How each rubric item came out in one design attempt, in the rubric's order."""
        with self._db.raw_read() as connection:
            return CriterionLog(connection).of_attempt(attempt_id)

    def _names(self) -> tuple[dict[str, str], dict[str, str]]:
        roles: dict[str, str] = {}
        topics: dict[str, str] = {}
        for profile in self._library.roles():
            roles[profile.id] = profile.title
            for tag, name in profile.topics.items():
                topics.setdefault(tag, name)
        return roles, topics

    @staticmethod
    def _weak(
        tally: CriterionTally, role_titles: dict[str, str], topic_titles: dict[str, str]
    ) -> WeakCriterion:
        topic = tally.topics[0] if tally.topics else ""
        return WeakCriterion(
            bank_id=tally.bank_id,
            question_id=tally.question_id,
            kind=tally.kind,
            text=tally.text,
            question_title=question_title(tally.title, tally.prompt),
            role=tally.role,
            role_title=role_titles.get(tally.role) or topic_name(tally.role),
            topic=topic,
            topic_title=topic_titles.get(topic) or topic_name(topic),
            checked=tally.checked,
            lost=tally.lost,
            trend=_trend(tally),
            still_missed=tally.last_lost > 0,
        )


def drill_keys_of(
    weakest: Iterable[WeakCriterion], kind: CriterionKind | None = None
) -> list[tuple[str, str]]:
    """``WeakPointsService.drill_keys`` of rows already read (a report's, as filtered on
    screen): the questions whose weak criterion was lost again at its latest check."""
    keys: dict[tuple[str, str], None] = {}
    for weak in weakest:
        if weak.still_missed and (kind is None or weak.kind is kind):
            keys.setdefault(weak.key)
    return list(keys)


def _trend(tally: CriterionTally) -> Trend:
    earlier_checked = tally.checked - tally.recent_checked
    if earlier_checked == 0:
        return Trend.NEW
    if tally.recent_checked == 0:
        return Trend.STEADY
    earlier = (tally.lost - tally.recent_lost) / earlier_checked
    recent = tally.recent_lost / tally.recent_checked
    if recent - earlier > _TREND_STEP:
        return Trend.WORSE
    if earlier - recent > _TREND_STEP:
        return Trend.BETTER
    return Trend.STEADY
