"""Banks, roles, scanned files and questions as the bank repository hands them out: frozen
plain values, so no ORM row, session or lazy load leaves ``storage/``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class BankRecord:
    """An installed bank (its meta; the questions are separate)."""

    id: str
    title: str
    role: str
    version: str
    license: str
    description: str
    authors: tuple[str, ...]
    source_path: str
    content_hash: str
    installed_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class RoleRecord:
    """A role profile: declares a role and describes it to candidates."""

    id: str
    title: str
    summary: str
    body: str
    topics: Mapping[str, str]
    """Topic tag to its name, in the profile's (taxonomy) order."""
    source_path: str


@dataclass(frozen=True)
class SourceFileRecord:
    """A file as last scanned: its size, time and hash decide whether to parse it again."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    bank_id: str | None
    problems: tuple[str, ...]
    """Each as ``line: message``."""
    scanned_at: datetime


@dataclass(frozen=True)
class StoredQuestion:
    """An installed question's content, as its bank file gives it."""

    question_id: str
    type: str
    topics: tuple[str, ...]
    difficulty: str
    prompt: str
    answer: str
    extra: Mapping[str, Any]
    """The fields beyond the indexed columns (title, hints, rubric, ...)."""
