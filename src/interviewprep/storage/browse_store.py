"""Queries for the Browse screen: full-text search with filters, and bulk progress changes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    column,
    func,
    literal_column,
    select,
    table,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from interviewprep.core.cards import Stage
from interviewprep.storage.card_store import _JOIN
from interviewprep.storage.models import ProgressRow, QuestionRow, QuestionTopicRow

STATES = ("new", "learning", "due", "suspended", "flagged")
"""State filters a user can pick. "due" means due by the end of the current study day."""

_PROMPT_CHARS = 400
"""Enough of a prompt for its first line; the table never needs the rest."""

_CHUNK = 400
"""Keys per bulk UPDATE, well under SQLite's bound-parameter limit."""

_fts = table("questions_fts", column("rowid"), column("rank"))

Key = tuple[str, str]
_STAGES = tuple(Stage)
"""Stage by value, without an enum call per row (Browse builds one per match)."""


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
class BrowseRow:
    bank_id: str
    question_id: str
    role: str
    prompt: str
    type: str
    difficulty: str
    topics: tuple[str, ...]
    stage: Stage
    suspended: bool
    flagged: bool
    due: datetime | None
    reps: int
    lapses: int

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
    # The first line is nearly always the one: take it without splitting the whole text
    # (Browse builds a row per match, tens of thousands for a common word).
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


def _chunks(keys: Sequence[Key]) -> Iterator[list[Key]]:
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), _CHUNK):
        yield unique[start : start + _CHUNK]


class BrowseStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, query: BrowseQuery, due_before: datetime) -> list[BrowseRow]:
        statement = (
            select(
                QuestionRow.bank_id,
                QuestionRow.question_id,
                QuestionRow.role,
                func.substr(QuestionRow.prompt, 1, _PROMPT_CHARS),
                QuestionRow.type,
                QuestionRow.difficulty,
                QuestionRow.topics,
                ProgressRow.state,
                ProgressRow.suspended,
                ProgressRow.flagged,
                ProgressRow.due,
                ProgressRow.reps,
                ProgressRow.lapses,
            )
            .select_from(QuestionRow)
            .join(ProgressRow, _JOIN)
            .where(QuestionRow.retired_at.is_(None), *self._filters(query, due_before))
        )
        match = fts_query(query.text)
        if match is not None:
            statement = (
                statement.join(_fts, _fts.c.rowid == QuestionRow.pk)
                .where(literal_column("questions_fts").op("MATCH")(match))
                .order_by(_fts.c.rank)
            )
        else:
            statement = statement.order_by(
                QuestionRow.role, QuestionRow.position, QuestionRow.bank_id
            )
        return [
            BrowseRow(
                bank_id=bank_id,
                question_id=question_id,
                role=role,
                prompt=first_line(prompt),
                type=qtype,
                difficulty=difficulty,
                topics=tuple(topics),
                stage=_STAGES[state],
                suspended=suspended,
                flagged=flagged,
                due=due,
                reps=reps,
                lapses=lapses,
            )
            for (
                bank_id,
                question_id,
                role,
                prompt,
                qtype,
                difficulty,
                topics,
                state,
                suspended,
                flagged,
                due,
                reps,
                lapses,
            ) in self.session.connection().execute(statement)
        ]

    @staticmethod
    def _filters(query: BrowseQuery, due_before: datetime) -> list[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if query.roles:
            clauses.append(QuestionRow.role.in_(query.roles))
        if query.bank_ids:
            clauses.append(QuestionRow.bank_id.in_(query.bank_ids))
        if query.difficulties:
            clauses.append(QuestionRow.difficulty.in_(query.difficulties))
        if query.question_type:
            clauses.append(QuestionRow.type == query.question_type)
        if query.topics:
            clauses.append(
                QuestionRow.pk.in_(
                    select(QuestionTopicRow.question_pk).where(
                        QuestionTopicRow.topic.in_(query.topics)
                    )
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
                ProgressRow.due < due_before,
            ]
        elif query.state == "suspended":
            clauses.append(ProgressRow.suspended.is_(True))
        elif query.state == "flagged":
            clauses.append(ProgressRow.flagged.is_(True))
        return clauses

    def set_suspended(self, keys: Sequence[Key], suspended: bool) -> int:
        return self._update(keys, {"suspended": suspended})

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
        changed = 0
        for chunk in _chunks(keys):
            result = self.session.execute(
                update(ProgressRow)
                .where(tuple_(ProgressRow.bank_id, ProgressRow.question_id).in_(chunk))
                .values(values)
            )
            changed += int(getattr(result, "rowcount", 0) or 0)
        return changed
