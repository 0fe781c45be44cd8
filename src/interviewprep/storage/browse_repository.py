"""Queries for the Browse screen: full-text search with filters, and bulk progress changes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    case,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from interviewprep.banks.titles import question_title
from interviewprep.core.card_record import CardFilter, QuestionType
from interviewprep.core.cards import Stage
from interviewprep.storage.browse_query import SearchContext, parse_search, term_clauses
from interviewprep.storage.card_rows import PROGRESS_OF_QUESTION as _JOIN
from interviewprep.storage.card_rows import scope_clauses
from interviewprep.storage.compiled import compile_once as _raw
from interviewprep.storage.database import driver_connection
from interviewprep.storage.models import BURIED, SUSPENDED, BankRow, ProgressRow, QuestionRow
from interviewprep.storage.types import from_epoch_ms, to_epoch_ms

STATES = ("new", "learning", "due", "suspended", "flagged")
"""State filters a user can pick. "due" means due by the end of the current study day."""

_PROMPT_CHARS = 400
"""Enough of a prompt for its first line; the table never needs the rest."""

_CHUNK = 400
"""Keys per bulk UPDATE, well under SQLite's bound-parameter limit."""

_fts = table("questions_fts", column("rowid"), column("rank"))

Key = tuple[str, str]
_STAGES = tuple(Stage)
"""Stage by value, without an enum call per row."""

SORT_COLUMNS = ("prompt", "bank", "type", "difficulty", "state", "due", "reviews")
"""What the table can be sorted by, column by column."""
_PROGRESS_SORTS = ("state", "due", "reviews")
_DIFFICULTY_ORDER = ("junior", "mid", "senior", "staff")


@dataclass(frozen=True)
class BrowseQuery:
    """What the user typed and picked; empty fields mean no restriction."""

    text: str = ""
    roles: tuple[str, ...] = ()
    bank_ids: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    question_type: str | None = None
    state: str | None = None


@dataclass(frozen=True)
class BrowseSort:
    """A column of ``SORT_COLUMNS``, or None for the natural order: questions whose prompt has
    the words first (see ``BrowseRepository.find``), otherwise study order."""

    column: str | None = None
    descending: bool = False


@dataclass(frozen=True)
class BrowseRow:
    pk: int
    bank_id: str
    question_id: str
    role: str
    prompt: str
    title: str
    type: str
    difficulty: str
    topics: tuple[str, ...]
    stage: Stage
    suspended: bool
    flagged: bool
    due: datetime | None
    reps: int
    lapses: int
    buried: bool = False

    @property
    def key(self) -> Key:
        return (self.bank_id, self.question_id)


def fts_query(text: str) -> str | None:
    """User text as an FTS5 query that cannot be a syntax error: every term a quoted string,
    the last one a prefix so results follow typing. None when nothing searchable is left."""
    # Control characters (NUL above all) end an FTS5 string early: drop them.
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    terms = [term for term in printable.split() if any(ch.isalnum() for ch in term)]
    if not terms:
        return None
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def first_line(markdown: str) -> str:
    # The first line is nearly always the one: take it without splitting the whole text.
    head = markdown.partition("\n")[0]
    if len(head.splitlines()) == 1:
        stripped = head.strip().lstrip("#>*-").strip()
        if stripped:
            return stripped
    for line in markdown.splitlines():
        stripped = line.strip().lstrip("#>*-").strip()
        if stripped:
            return stripped
    return ""


_MATCH: ColumnElement[Any] = literal_column("questions_fts")
_TEXT_ONLY = (
    "SELECT rowid FROM questions_fts WHERE questions_fts MATCH ? "
    "AND rowid NOT IN (SELECT pk FROM questions WHERE retired_at IS NOT NULL)"
)


def _in_prompt(match: str) -> str:
    """``match`` limited to the prompt and id columns."""
    return "{prompt question_id} : (" + match + ")"


def _sort_keys(column_name: str) -> list[Any]:
    """SQL for what the column shows, so the database sorts it the way the user reads it."""
    if column_name == "prompt":
        # The table shows the title where a question has one, so it sorts by what it shows.
        shown = func.coalesce(
            func.json_extract(QuestionRow.extra, "$.title"),
            func.ltrim(QuestionRow.prompt, " \t\r\n#>*-`"),
        )
        return [func.lower(shown)]
    if column_name == "bank":
        title = select(BankRow.title).where(BankRow.id == QuestionRow.bank_id).scalar_subquery()
        return [func.lower(func.coalesce(title, QuestionRow.bank_id))]
    if column_name == "type":
        return [case((QuestionRow.type == QuestionType.SYSTEM_DESIGN, 1), else_=0)]
    if column_name == "difficulty":
        rank = {name: number for number, name in enumerate(_DIFFICULTY_ORDER)}
        return [case(rank, value=QuestionRow.difficulty, else_=len(rank)), QuestionRow.difficulty]
    if column_name == "state":
        stage_names = {int(stage): stage.name.lower() for stage in Stage}
        return [
            case(
                (ProgressRow.suspended == SUSPENDED, "suspended"),
                (ProgressRow.suspended == BURIED, "buried"),
                else_=case(stage_names, value=ProgressRow.state),
            ),
            ProgressRow.flagged,
        ]
    if column_name == "due":
        undated = (ProgressRow.due.is_(None)) | (ProgressRow.state == int(Stage.NEW))
        return [case((undated, 1), else_=0), ProgressRow.due]
    if column_name == "reviews":
        return [ProgressRow.reps]
    raise ValueError(f"no column {column_name!r} to sort by; one of {', '.join(SORT_COLUMNS)}")


_ROWS_SQL = (
    "SELECT q.pk, q.bank_id, q.question_id, q.role, substr(q.prompt, 1, "
    f"{_PROMPT_CHARS}), json_extract(q.extra, '$.title'), q.type, q.difficulty, q.topics, p.state, p.suspended, p.flagged, "
    "p.due, p.reps, p.lapses FROM questions AS q JOIN progress AS p "
    "ON p.bank_id = q.bank_id AND p.question_id = q.question_id "
    "WHERE q.pk IN ({marks}) AND q.retired_at IS NULL"
)


def _row(raw: tuple[Any, ...]) -> BrowseRow:
    (pk, bank_id, question_id, role, prompt, title, qtype, difficulty, topics, state,
     suspended, flagged, due, reps, lapses) = raw  # fmt: skip
    return BrowseRow(
        pk=pk,
        bank_id=bank_id,
        question_id=question_id,
        role=role,
        prompt=first_line(prompt),
        title=question_title(title, prompt),
        type=qtype,
        difficulty=difficulty,
        topics=tuple(json.loads(topics)),
        stage=_STAGES[state],
        suspended=suspended == SUSPENDED,
        buried=suspended == BURIED,
        flagged=bool(flagged),
        due=None if due is None else from_epoch_ms(due),
        reps=reps,
        lapses=lapses,
    )


MATCH_START, MATCH_END = "\x02", "\x03"
"""Around each matched word in a snippet: characters no bank text holds (the validator keeps
control characters out of markdown it renders), so markup stripping leaves them be."""
_SNIPPET_WORDS = 14
_SNIPPETS_SQL = (
    "SELECT rowid, "
    f"snippet(questions_fts, 0, char(2), char(3), '…', {_SNIPPET_WORDS}), "
    f"snippet(questions_fts, 1, char(2), char(3), '…', {_SNIPPET_WORDS}) "
    "FROM questions_fts WHERE questions_fts MATCH ? AND rowid IN ({marks})"
)


_PROGRESS_COLUMNS = frozenset(ProgressRow.__table__.columns.keys())


class BrowseRepository:
    """The Browse screen's SQL: finding questions (text and filters, in the chosen order),
    their rows for a page, and bulk suspend, unsuspend and reset of their progress."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(
        self,
        query: BrowseQuery,
        due_before: datetime,
        sort: BrowseSort,
        context: SearchContext | None = None,
    ) -> list[int]:
        """Primary keys of the matching active questions, in table order. Only the keys: the
        table loads rows as they come into view (``rows``), so a word in most questions costs
        an index walk, not a row object per match.

        Text matches come in two groups, questions whose prompt or id has the words, then
        those where only the answer does; each in the order the questions were added. (FTS5's
        bm25 ranking cost four times the search itself on a word in most questions.)"""
        connection = driver_connection(self.session)
        parsed = parse_search(query.text)
        match = fts_query(parsed.text)
        filters = self._filters(query, due_before)
        if parsed.terms:
            if context is None:
                raise ValueError("search terms need a SearchContext")
            filters += term_clauses(parsed.terms, context)
        if match is not None and not filters and sort.column is None:
            # A word and nothing else, the common case: the full-text index alone, less the
            # few retired questions, with no join to questions per match.
            in_prompt = [pk for (pk,) in connection.execute(_TEXT_ONLY, (_in_prompt(match),))]
            seen = set(in_prompt)
            in_answer = connection.execute(_TEXT_ONLY, (match,))
            return in_prompt + [pk for (pk,) in in_answer if pk not in seen]
        join_progress = (
            query.state is not None or bool(parsed.terms) or sort.column in _PROGRESS_SORTS
        )
        raw = _raw(self._find_statement(match, filters, sort, join_progress))
        return [pk for (pk,) in connection.execute(raw.sql, raw.args())]

    def _find_statement(
        self,
        match: str | None,
        filters: list[ColumnElement[bool]],
        sort: BrowseSort,
        join_progress: bool,
    ) -> Select[Any]:
        statement = select(QuestionRow.pk).select_from(QuestionRow)
        if join_progress:
            statement = statement.join(ProgressRow, _JOIN)
        order: list[Any] = []
        if sort.column is not None:
            order += [k.desc() if sort.descending else k for k in _sort_keys(sort.column)]
        if match is not None:
            statement = statement.join(_fts, _fts.c.rowid == QuestionRow.pk).where(
                _MATCH.op("MATCH")(match)
            )
            in_prompt = select(_fts.c.rowid).where(_MATCH.op("MATCH")(_in_prompt(match)))
            order += [QuestionRow.pk.not_in(in_prompt), QuestionRow.pk]
        else:
            order += [QuestionRow.role, QuestionRow.position, QuestionRow.bank_id, QuestionRow.pk]
        return statement.where(QuestionRow.retired_at.is_(None), *filters).order_by(*order)

    def rows(self, pks: Sequence[int]) -> list[BrowseRow]:
        """The table's rows for ``pks``, in that order; keys no longer there are left out."""
        connection = driver_connection(self.session)
        found: dict[int, BrowseRow] = {}
        for start in range(0, len(pks), _CHUNK):
            chunk = list(pks[start : start + _CHUNK])
            sql = _ROWS_SQL.format(marks=",".join("?" * len(chunk)))
            for row in connection.execute(sql, chunk):
                found[row[0]] = _row(row)
        return [found[pk] for pk in pks if pk in found]

    def snippets(self, pks: Sequence[int], text: str) -> dict[int, str]:
        """For each of ``pks`` the search words matched in, a few words of the prompt around
        them (else of the answer), each match between MATCH_START and MATCH_END."""
        match = fts_query(parse_search(text).text)
        if match is None:
            return {}
        connection = driver_connection(self.session)
        found: dict[int, str] = {}
        for start in range(0, len(pks), _CHUNK):
            chunk = list(pks[start : start + _CHUNK])
            sql = _SNIPPETS_SQL.format(marks=",".join("?" * len(chunk)))
            for pk, in_prompt, in_answer in connection.execute(sql, [match, *chunk]):
                best = in_prompt if MATCH_START in (in_prompt or "") else in_answer
                if best and MATCH_START in best:
                    found[pk] = best
        return found

    @staticmethod
    def _filters(query: BrowseQuery, due_before: datetime) -> list[ColumnElement[bool]]:
        clauses = scope_clauses(
            CardFilter(
                query.roles, query.bank_ids, query.topics, query.difficulties, query.question_type
            )
        )
        active = ProgressRow.suspended.is_(False)
        if query.state == "new":
            clauses += [active, ProgressRow.state == int(Stage.NEW)]
        elif query.state == "learning":
            learning = [int(Stage.LEARNING), int(Stage.RELEARNING)]
            clauses += [active, ProgressRow.state.in_(learning)]
        elif query.state == "due":
            clauses += [
                active,
                ProgressRow.state != int(Stage.NEW),
                # epoch ms, as stored: ``find`` runs on the driver, without SQLAlchemy's
                # conversion of datetimes
                ProgressRow.due < literal(to_epoch_ms(due_before), Integer),
            ]
        elif query.state == "suspended":
            clauses.append(ProgressRow.suspended == SUSPENDED)
        elif query.state == "flagged":
            clauses.append(ProgressRow.flagged.is_(True))
        return clauses

    def set_suspended(self, keys: Sequence[Key], suspended: bool) -> int:
        """Suspend, or put back in study (a buried card too, as in Anki's browser)."""
        return self._update(keys, {"suspended": int(suspended), "buried_on": None})

    def reset(self, keys: Sequence[Key]) -> int:
        """Scheduling state back to new. Review rows stay: they are the user's history, and the
        FSRS optimiser still learns from them."""
        return self._update(
            keys,
            {
                "state": int(Stage.NEW),
                "step": None,
                "stability": None,
                "difficulty": None,
                "due": None,
                "last_review": None,
                "reps": 0,
                "lapses": 0,
            },
        )

    def _update(self, keys: Sequence[Key], values: dict[str, object]) -> int:
        """Set ``values`` on the progress of every key: one primary-key update each, through
        the driver. An UPDATE ... WHERE (bank_id, question_id) IN (...) per chunk of keys let
        SQLite scan the table for each chunk: suspending 100,000 questions took 5.5 s."""
        assert _PROGRESS_COLUMNS.issuperset(values), values
        assignments = ", ".join(f"{column} = ?" for column in values)
        fixed = tuple(values.values())
        cursor = driver_connection(self.session).executemany(
            f"UPDATE progress SET {assignments} WHERE bank_id = ? AND question_id = ?",
            (fixed + tuple(key) for key in dict.fromkeys(keys)),  # each key counted once
        )
        return max(0, cursor.rowcount)
