"""Anki-style search terms in the Browse box: ``prop:r<0.9``, ``prop:s>30``, ``prop:d>7``,
``rated:7``, ``is:due``, ``is:leech`` (and ``is:new``, ``is:learning``, ``is:review``,
``is:suspended``, ``is:buried``, ``is:flagged``), mixed freely with words.

Parsing is pure and raises ``SearchSyntaxError`` with a message for the user; the clauses are
SQL over ``questions`` joined to ``progress``, with times as the stored epoch milliseconds
(the Browse search runs on the driver, without SQLAlchemy's conversions).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, and_, cast, literal, or_, select, tuple_

from interviewprep.core.cards import Stage
from interviewprep.core.errors import UserFacingError
from interviewprep.core.leech import LEECH_LAPSES
from interviewprep.storage.models import BURIED, SUSPENDED, ProgressRow, QuestionRow, ReviewRow
from interviewprep.storage.types import to_epoch_ms

_DAY_MS = 86_400_000
_PROPERTIES = {"r": "retrievability", "s": "stability", "d": "difficulty"}
_STATES = ("due", "leech", "new", "learning", "review", "suspended", "buried", "flagged")
_PROP = re.compile(r"^([a-z]+)(<=|>=|!=|<|>|=)(.*)$")
_OPERATORS = ("<=", ">=", "!=", "<", ">", "=")
MAX_RATED_DAYS = 36500

SEARCH_HELP = (
    "prop:r<0.9 (recall now), prop:s>30 (stability, days), prop:d>7 (difficulty 1-10), "
    "rated:7 (answered in the last 7 days), is:due, is:leech, is:new, is:learning, "
    "is:review, is:suspended, is:buried, is:flagged"
)


class SearchSyntaxError(UserFacingError):
    """A search term the Browse box cannot read; the message says which and why."""


@dataclass(frozen=True)
class Property:
    name: str  # "r", "s" or "d"
    operator: str
    value: float


@dataclass(frozen=True)
class Rated:
    days: int


@dataclass(frozen=True)
class Is:
    state: str


Term = Property | Rated | Is


@dataclass(frozen=True)
class ParsedSearch:
    text: str
    """What is left for the full-text search."""
    terms: tuple[Term, ...]


def parse_search(text: str) -> ParsedSearch:
    """Split ``text`` into words and search terms; a malformed term raises."""
    words: list[str] = []
    terms: list[Term] = []
    for token in text.split():
        head, colon, rest = token.partition(":")
        kind = head.lower()
        if not colon or kind not in ("prop", "rated", "is"):
            words.append(token)
        elif kind == "prop":
            terms.append(_property(token, rest))
        elif kind == "rated":
            terms.append(_rated(token, rest))
        else:
            state = rest.lower()
            if state not in _STATES:
                raise SearchSyntaxError(
                    f"“{token}”: is: takes one of {', '.join(_STATES)}, as in is:due"
                )
            terms.append(Is(state))
    return ParsedSearch(" ".join(words), tuple(terms))


def _property(token: str, rest: str) -> Property:
    found = _PROP.match(rest.lower())
    example = "as in prop:r<0.9, prop:s>30 or prop:d>7"
    if found is None:
        raise SearchSyntaxError(
            f"“{token}”: expected a property (r, s or d), a comparison "
            f"({' '.join(_OPERATORS)}) and a number, {example}"
        )
    name, operator, number = found.groups()
    if name not in _PROPERTIES:
        raise SearchSyntaxError(
            f"“{token}”: no property “{name}”; r is recall now, s stability in days, "
            f"d difficulty from 1 to 10"
        )
    try:
        value = float(number)
    except ValueError:
        raise SearchSyntaxError(f"“{token}”: “{number}” is not a number, {example}") from None
    if not math.isfinite(value):
        raise SearchSyntaxError(f"“{token}”: “{number}” is not a number, {example}")
    if name == "r" and not 0 <= value <= 1:
        raise SearchSyntaxError(f"“{token}”: recall is between 0 and 1, as in prop:r<0.9")
    return Property(name, operator, value)


def _rated(token: str, rest: str) -> Rated:
    if not rest.isdigit() or not 1 <= int(rest) <= MAX_RATED_DAYS:
        raise SearchSyntaxError(
            f"“{token}”: rated: takes a number of days from 1 to {MAX_RATED_DAYS}, as in "
            "rated:7 (answered in the last 7 days; rated:1 is today)"
        )
    return Rated(int(rest))


@dataclass(frozen=True)
class SearchContext:
    """What the terms are measured against: the time, the study day, and each question
    type's forgetting curve ``(factor, decay)`` (see ``Scheduler.forgetting_curve``)."""

    now: datetime
    day_end: datetime
    day_starts: Mapping[int, datetime]
    """Start of the study day ``n - 1`` days before today, for each ``rated:n`` searched."""
    curves: Mapping[str, tuple[float, float]]


def _compare(column: Any, operator: str, value: float) -> ColumnElement[bool]:
    bound = literal(value, Float)
    compared: ColumnElement[bool] = {
        "<": column < bound,
        "<=": column <= bound,
        ">": column > bound,
        ">=": column >= bound,
        "=": column == bound,
        "!=": column != bound,
    }[operator]
    return compared


def _seen() -> ColumnElement[bool]:
    return and_(ProgressRow.state != int(Stage.NEW), ProgressRow.stability.is_not(None))


def _retrievability(
    operator: str, value: float, curves: Mapping[str, tuple[float, float]], now_ms: int
) -> ColumnElement[bool]:
    """Recall now compared with ``value``, without a power function in SQL (SQLite may lack
    one): recall falls as whole days since the last review grow, so ``R(t) < x`` is
    ``t > S * (x ** (1 / decay) - 1) / factor`` for each question type's curve."""
    if operator in ("=", "!="):
        # equality of a continuous quantity is never what anyone means: read it as "to
        # two decimals", the way the card info shows it
        low = _retrievability(">=", max(0.0, value - 0.005), curves, now_ms)
        top = value + 0.005
        high = _retrievability("<" if top < 1 else "<=", min(1.0, top), curves, now_ms)
        inside = and_(low, high)
        return inside if operator == "=" else and_(_seen(), ~inside)
    days = cast((literal(now_ms, Integer) - ProgressRow.last_review) / _DAY_MS, Integer)
    # R < x  <=>  t > S*k(x);  R <= x  <=>  t >= S*k(x);  and the reverse for > and >=
    flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[operator]
    per_type = []
    for question_type, (factor, decay) in curves.items():
        clause: ColumnElement[bool]
        if value <= 0:  # recall is never 0: nothing is below, everything above
            clause = literal(operator in (">", ">="))
        elif value > 1:
            clause = literal(operator in ("<", "<="))
        else:
            threshold = (value ** (1 / decay) - 1) / factor
            clause = _compare(cast(days, Float) - ProgressRow.stability * threshold, flipped, 0.0)
        per_type.append(and_(QuestionRow.type == question_type, clause))
    return and_(_seen(), ProgressRow.last_review.is_not(None), or_(*per_type))


def term_clauses(terms: tuple[Term, ...], context: SearchContext) -> list[ColumnElement[bool]]:
    """SQL for each term (the caller joins ``progress``)."""
    clauses: list[ColumnElement[bool]] = []
    now_ms = to_epoch_ms(context.now)
    active = ProgressRow.suspended.is_(False)
    for term in terms:
        if isinstance(term, Property):
            if term.name == "r":
                clauses.append(_retrievability(term.operator, term.value, context.curves, now_ms))
            else:
                column = ProgressRow.stability if term.name == "s" else ProgressRow.difficulty
                clauses += [_seen(), _compare(column, term.operator, term.value)]
        elif isinstance(term, Rated):
            since = to_epoch_ms(context.day_starts[term.days])
            answered = select(ReviewRow.bank_id, ReviewRow.question_id).where(
                ReviewRow.reviewed_at >= literal(since, Integer)
            )
            clauses.append(tuple_(ProgressRow.bank_id, ProgressRow.question_id).in_(answered))
        elif term.state == "due":
            clauses += [
                active,
                ProgressRow.state != int(Stage.NEW),
                ProgressRow.due < literal(to_epoch_ms(context.day_end), Integer),
            ]
        elif term.state == "leech":
            clauses.append(ProgressRow.lapses >= LEECH_LAPSES)
        elif term.state == "new":
            clauses.append(ProgressRow.state == int(Stage.NEW))
        elif term.state == "learning":
            clauses.append(ProgressRow.state.in_([int(Stage.LEARNING), int(Stage.RELEARNING)]))
        elif term.state == "review":
            clauses.append(ProgressRow.state == int(Stage.REVIEW))
        elif term.state == "suspended":
            clauses.append(ProgressRow.suspended == SUSPENDED)
        elif term.state == "buried":
            clauses.append(ProgressRow.suspended == BURIED)
        else:
            clauses.append(ProgressRow.flagged.is_(True))
    return clauses
