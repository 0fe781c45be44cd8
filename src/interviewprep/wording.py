"""Counted nouns for messages: '1 bank', '2 banks', never '1 banks' or 'bank(s)'."""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
