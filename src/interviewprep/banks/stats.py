"""Counts over a set of banks: by role, type, topic and difficulty."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from interviewprep.banks.models import Bank
from interviewprep.wording import count


@dataclass
class RoleCounts:
    flashcards: int = 0
    system_design: int = 0
    flashcards_with_key_points: int = 0
    by_topic: Counter[str] = field(default_factory=Counter)
    by_difficulty: Counter[str] = field(default_factory=Counter)
    banks: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "flashcards": self.flashcards,
            "system_design": self.system_design,
            "flashcards_with_key_points": self.flashcards_with_key_points,
            "banks": sorted(self.banks),
            "topics": dict(sorted(self.by_topic.items())),
            "difficulty": dict(sorted(self.by_difficulty.items())),
        }


def count_banks(banks: Iterable[Bank]) -> dict[str, RoleCounts]:
    """Per-role counts; a question counts once per topic it is tagged with."""
    roles: dict[str, RoleCounts] = {}
    for bank in banks:
        counts = roles.setdefault(bank.meta.role, RoleCounts())
        counts.banks.append(bank.meta.id)
        for question in bank.questions:
            if question.type == "flashcard":
                counts.flashcards += 1
                counts.flashcards_with_key_points += bool(question.key_points)
            else:
                counts.system_design += 1
            counts.by_difficulty[question.difficulty] += 1
            counts.by_topic.update(question.topics)
    return dict(sorted(roles.items()))


def format_counts(roles: dict[str, RoleCounts]) -> str:
    lines: list[str] = []
    for role, counts in roles.items():
        lines.append(
            f"{role}: {count(counts.flashcards, 'flashcard')}, "
            f"{count(counts.system_design, 'system-design prompt')} in "
            f"{count(len(counts.banks), 'bank')}"
        )
        difficulty = ", ".join(f"{k} {v}" for k, v in sorted(counts.by_difficulty.items()))
        lines.append(f"  difficulty: {difficulty}")
        lines.append(
            f"  key points: {counts.flashcards_with_key_points} of "
            f"{count(counts.flashcards, 'flashcard')}"
        )
        lines.append("  topics:")
        for topic, n in sorted(counts.by_topic.items()):
            lines.append(f"    {topic}: {n}")
    return "\n".join(lines)
