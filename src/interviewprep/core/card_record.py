"""A question with its progress, and which questions a queue or a count covers: the plain values
the study side passes between storage, services and screens."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from typing import Any

from interviewprep.core.cards import CardState


class QuestionType(StrEnum):
    """The kinds of question, as bank files name them and the database stores them (a
    ``StrEnum``: each is its stored string, so rows and settings written before it still
    match). The bank format lists them too (``banks.models.QUESTION_TYPES``)."""

    FLASHCARD = "flashcard"
    SYSTEM_DESIGN = "system-design"


@dataclass(frozen=True)
class CardFilter:
    """Which questions a queue or a count covers; empty means no restriction."""

    roles: tuple[str, ...] = ()
    bank_ids: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    question_type: str | None = None
    keys: frozenset[tuple[str, str]] | None = None
    """Only these questions, (bank id, question id); None: no restriction by question."""
    early_since: datetime | None = None
    """With ``keys``: a drill that began then. Each of its cards not answered since is served
    now, due or not (FSRS takes an early review as it comes); answered once, a card follows
    its schedule again, and only a lapse's relearning steps come back within the drill."""

    @classmethod
    def drill(cls, keys: Iterable[tuple[str, str]], since: datetime) -> CardFilter:
        """A drill of exactly ``keys``, each served once from ``since`` whether due or not."""
        return cls(keys=frozenset(keys), early_since=since)

    @property
    def is_drill(self) -> bool:
        return self.keys is not None and self.early_since is not None

    def with_type(self, question_type: str) -> CardFilter:
        # positional, not dataclasses.replace: this runs several times per answer
        return CardFilter(
            self.roles,
            self.bank_ids,
            self.topics,
            self.difficulties,
            question_type,
            self.keys,
            self.early_since,
        )

    def covers(self, card: CardRecord) -> bool:
        """Whether ``card`` is in this filter's scope, whatever its state (the storage queries'
        scope, in Python)."""
        return (
            (not self.roles or card.role in self.roles)
            and (not self.bank_ids or card.bank_id in self.bank_ids)
            and (not self.difficulties or card.difficulty in self.difficulties)
            and (not self.question_type or card.type == self.question_type)
            and (not self.topics or any(t in self.topics for t in card.topics))
            and (self.keys is None or card.key in self.keys)
        )


@dataclass(frozen=True)
class CardRecord:
    """A question with its progress, as studying needs it."""

    pk: int
    bank_id: str
    question_id: str
    role: str
    type: str
    difficulty: str
    topics: list[str]
    prompt: str
    answer: str
    extra: dict[str, Any]
    changed: bool
    state: CardState
    suspended: bool
    flagged: bool
    note: str
    titled: Callable[[str | None, str], str] = field(repr=False, compare=False)
    """How the bank format titles a question from its title, if any, and its prompt
    (``banks.titles.question_title``, which core cannot import): see ``title``."""
    retired: bool = False
    buried: bool = False
    """Out of today's study, back at the next study day (Anki's bury); not ``suspended``."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.question_id)

    @cached_property
    def title(self) -> str:
        """The line lists and headings show: the bank's title for it, or its prompt's first
        sentence; never the id. Worked out when first asked for: the review screen never
        asks, and the answer path reads a card per answer."""
        return self.titled(self.extra.get("title"), self.prompt)
