"""Browse: find questions by text and filters; suspend, unsuspend or reset them in bulk."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from interviewprep.banks.titles import plain_text
from interviewprep.core.card_record import QuestionType
from interviewprep.core.clock import Clock
from interviewprep.services.study import StudyService
from interviewprep.storage.browse_query import (
    SEARCH_HELP,
    Rated,
    SearchContext,
    SearchSyntaxError,
    parse_search,
)
from interviewprep.storage.browse_repository import (
    MATCH_END,
    MATCH_START,
    SORT_COLUMNS,
    STATES,
    BrowseQuery,
    BrowseRepository,
    BrowseRow,
    BrowseSort,
    Key,
    first_line,
)
from interviewprep.storage.card_store import CardRecord
from interviewprep.storage.database import Database

__all__ = [
    "MATCH_END",
    "MATCH_START",
    "PAGE_ROWS",
    "SEARCH_HELP",
    "SORT_COLUMNS",
    "STATES",
    "BrowseQuery",
    "BrowseRow",
    "BrowseService",
    "BrowseSort",
    "Key",
    "Listing",
    "first_line",
]

QUESTION_TYPES = (QuestionType.FLASHCARD, QuestionType.SYSTEM_DESIGN)
_Change = Callable[[BrowseRepository], int]
NATURAL_ORDER = BrowseSort()
PAGE_ROWS = 128
"""Rows the Browse table reads at a time: a few screens' worth."""


@dataclass(frozen=True)
class Listing:
    """What the Browse table opens with: every match's id in table order, and the rows of the
    first page, so it paints without another query."""

    ids: list[int]
    first_rows: list[BrowseRow]


_DOLLAR = re.compile(r"(?<!\\)\$")


def _close_cut_formula(snippet: str) -> str:
    """A snippet cut through a formula keeps one of its dollar signs: drop that one (at the
    cut end), so the rest reads as words rather than as the start of LaTeX."""
    dollars = [m.start() for m in _DOLLAR.finditer(snippet)]
    if len(dollars) % 2 == 0:
        return snippet
    cut = dollars[-1] if snippet.endswith("…") or not snippet.startswith("…") else dollars[0]
    return snippet[:cut] + snippet[cut + 1 :]


class BrowseService:
    def __init__(self, db: Database, clock: Clock, study: StudyService) -> None:
        self._db = db
        self._clock = clock
        self._study = study

    def search_problem(self, text: str) -> str | None:
        """What is wrong with the search terms in ``text`` (``prop:``, ``rated:``, ``is:``),
        or None when they read: for the screen to say so under the search box."""
        try:
            parse_search(text)
        except SearchSyntaxError as err:
            return str(err)
        return None

    def _context(self, text: str) -> SearchContext:
        now = self._clock.now()
        day = self._study.study_day
        _, day_end = day.bounds(now)
        today = day.day_of(now)
        rated = {t.days for t in parse_search(text).terms if isinstance(t, Rated)}
        return SearchContext(
            now=now,
            day_end=day_end,
            day_starts={n: day.start_of(today - timedelta(days=n - 1)) for n in rated},
            curves={
                qtype: self._study.scheduler(qtype).forgetting_curve() for qtype in QUESTION_TYPES
            },
        )

    def find(self, query: BrowseQuery, sort: BrowseSort = NATURAL_ORDER) -> list[int]:
        """Matching active questions as row ids, in ``sort`` order (by default questions whose
        prompt has the words first, then those whose answer does; without words, study order).
        ``rows`` reads the ones on screen: a common word matches most of a large collection,
        and the table shows a few dozen at a time."""
        context = self._context(query.text)
        with self._db.read() as session:
            return BrowseRepository(session).find(query, context.day_end, sort, context)

    def listing(self, query: BrowseQuery, sort: BrowseSort = NATURAL_ORDER) -> Listing:
        """``find``, then ``rows`` of the first page, from one snapshot."""
        context = self._context(query.text)
        with self._db.read() as session:
            store = BrowseRepository(session)
            ids = store.find(query, context.day_end, sort, context)
            return Listing(ids, store.rows(ids[:PAGE_ROWS]))

    def rows(self, ids: Sequence[int]) -> list[BrowseRow]:
        """What the table shows for these row ids, in their order; ids gone since are skipped."""
        with self._db.read() as session:
            return BrowseRepository(session).rows(ids)

    def snippets(self, ids: Sequence[int], text: str) -> dict[int, str]:
        """Where the search words are in each question: a few words around them as plain text
        (markdown and LaTeX stripped), each match between MATCH_START and MATCH_END."""
        with self._db.read() as session:
            found = BrowseRepository(session).snippets(ids, text)
        return {pk: plain_text(_close_cut_formula(snippet)) for pk, snippet in found.items()}

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
            changed = change(BrowseRepository(session))
        if changed:
            # One notification for the whole selection: the study service's listeners are how
            # every screen learns that counts changed.
            self._study.notify_changed()
        return changed
