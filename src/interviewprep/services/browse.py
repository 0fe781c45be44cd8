"""Browse: find questions by text and filters; suspend, unsuspend or reset them in bulk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from interviewprep.core.clock import Clock
from interviewprep.services.study import StudyService
from interviewprep.storage.browse_store import (
    SORT_COLUMNS,
    STATES,
    BrowseQuery,
    BrowseRow,
    BrowseSort,
    BrowseStore,
    Key,
)
from interviewprep.storage.card_store import CardRecord
from interviewprep.storage.database import Database

__all__ = [
    "PAGE_ROWS",
    "SORT_COLUMNS",
    "STATES",
    "BrowseQuery",
    "BrowseRow",
    "BrowseService",
    "BrowseSort",
    "Key",
    "Listing",
]

_Change = Callable[[BrowseStore], int]
NATURAL_ORDER = BrowseSort()
PAGE_ROWS = 128
"""Rows the Browse table reads at a time: a few screens' worth."""


@dataclass(frozen=True)
class Listing:
    """What the Browse table opens with: every match's id in table order, and the rows of the
    first page, so it paints without another query."""

    ids: list[int]
    first_rows: list[BrowseRow]


class BrowseService:
    def __init__(self, db: Database, clock: Clock, study: StudyService) -> None:
        self._db = db
        self._clock = clock
        self._study = study

    def find(self, query: BrowseQuery, sort: BrowseSort = NATURAL_ORDER) -> list[int]:
        """Matching active questions as row ids, in ``sort`` order (by default questions whose
        prompt has the words first, then those whose answer does; without words, study order).
        ``rows`` reads the ones on screen: a common word matches most of a large collection,
        and the table shows a few dozen at a time."""
        _, day_end = self._study.study_day.bounds(self._clock.now())
        with self._db.read() as session:
            return BrowseStore(session).find(query, day_end, sort)

    def listing(self, query: BrowseQuery, sort: BrowseSort = NATURAL_ORDER) -> Listing:
        """``find``, then ``rows`` of the first page, from one snapshot."""
        _, day_end = self._study.study_day.bounds(self._clock.now())
        with self._db.read() as session:
            store = BrowseStore(session)
            ids = store.find(query, day_end, sort)
            return Listing(ids, store.rows(ids[:PAGE_ROWS]))

    def rows(self, ids: Sequence[int]) -> list[BrowseRow]:
        """What the table shows for these row ids, in their order; ids gone since are skipped."""
        with self._db.read() as session:
            return BrowseStore(session).rows(ids)

    def search(self, query: BrowseQuery, sort: BrowseSort = NATURAL_ORDER) -> list[BrowseRow]:
        """Every matching row at once, for callers that want them all."""
        return self.rows(self.find(query, sort))

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
