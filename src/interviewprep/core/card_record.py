"""A question with its progress, and which questions a queue or a count covers: the plain values
the study side passes between storage, services and screens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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

    def with_type(self, question_type: str) -> CardFilter:
        return CardFilter(self.roles, self.bank_ids, self.topics, self.difficulties, question_type)

    def covers(self, card: CardRecord) -> bool:
        """Whether ``card`` is in this filter's scope, whatever its state (the storage queries'
        scope, in Python)."""
        return (
            (not self.roles or card.role in self.roles)
            and (not self.bank_ids or card.bank_id in self.bank_ids)
            and (not self.difficulties or card.difficulty in self.difficulties)
            and (not self.question_type or card.type == self.question_type)
            and (not self.topics or any(t in self.topics for t in card.topics))
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

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.question_id)

    @cached_property
    def title(self) -> str:
        """The line lists and headings show: the bank's title for it, or its prompt's first
        sentence; never the id. Worked out when first asked for: the review screen never
        asks, and the answer path reads a card per answer."""
        return self.titled(self.extra.get("title"), self.prompt)
