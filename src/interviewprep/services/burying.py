"""When buried cards come back: at the first look at the queue or the counts in a study day
(on opening, and after the rollover hour), before that look reads anything. A buried card
keeps its FSRS state and due time; only its hold is lifted."""

from __future__ import annotations

from datetime import date, datetime

from interviewprep.core.clock import Clock, StudyDay
from interviewprep.storage.buried import buried_before, release_buried
from interviewprep.storage.database import Database, DatabaseProblem


class BuriedRelease:
    """Releases the cards buried before today once per study day. The check on every queue
    or count look is a comparison with the day's bounds (the answer path asks it too), and
    the write happens only when there is something to release: an empty write would still
    move the write generation and make every kept figure be read again."""

    def __init__(self, db: Database, clock: Clock, day: StudyDay) -> None:
        self._db = db
        self._clock = clock
        self._day = day
        self._checked: tuple[datetime, datetime] | None = None
        """The bounds of the study day whose buried cards from before it were released."""

    def today(self) -> date:
        """The study day now: what a card buried now is buried on."""
        return self._day.day_of(self._clock.now())

    def release(self) -> None:
        now = self._clock.now()
        checked = self._checked
        if checked is not None and checked[0] <= now < checked[1]:
            return
        today = self._day.day_of(now).toordinal()
        try:
            with self._db.raw_read() as connection:
                found = buried_before(connection, today)
            if found:
                with self._db.raw_transaction() as (connection, _generation):
                    release_buried(connection, today)
        except DatabaseProblem:
            # a read-only or damaged file: the cards stay buried, and the queue still shows
            # the rest; the next look tries again
            return
        self._checked = self._day.bounds(now)
