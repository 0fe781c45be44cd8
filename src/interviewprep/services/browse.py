"""Browse: find questions by text and filters; suspend, unsuspend or reset them in bulk."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from interviewprep.core.clock import Clock
from interviewprep.services.study import StudyService
from interviewprep.storage.browse_store import STATES, BrowseQuery, BrowseRow, BrowseStore, Key
from interviewprep.storage.card_store import CardRecord
from interviewprep.storage.database import Database

__all__ = ["STATES", "BrowseQuery", "BrowseRow", "BrowseService", "Key"]

_Change = Callable[[BrowseStore], int]


class BrowseService:
    def __init__(self, db: Database, clock: Clock, study: StudyService) -> None:
        self._db = db
        self._clock = clock
        self._study = study

    def search(self, query: BrowseQuery) -> list[BrowseRow]:
        """Matching active questions: best text matches first, else in study order."""
        _, day_end = self._study.study_day.bounds(self._clock.now())
        with self._db.read() as session:
            return BrowseStore(session).search(query, day_end)

    def card(self, key: Key) -> CardRecord:
        return self._study.card(*key)

    def suspend(self, keys: Sequence[Key]) -> int:
        return self._write(lambda store: store.set_suspended(keys, True))

    def unsuspend(self, keys: Sequence[Key]) -> int:
        return self._write(lambda store: store.set_suspended(keys, False))

    def reset_progress(self, keys: Sequence[Key]) -> int:
        """Make the questions new again; their review history is kept."""
        return self._write(lambda store: store.reset(keys))

    def _write(self, change: _Change) -> int:
        with self._db.transaction() as session:
            changed = change(BrowseStore(session))
        if changed:
            # One notification for the whole selection: the study service's listeners are how
            # every screen learns that counts changed.
            self._study.notify_changed()
        return changed
