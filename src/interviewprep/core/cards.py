"""A question's scheduling state, independent of storage and of the fsrs package."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import IntEnum
from typing import Any


class Stage(IntEnum):
    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class Grade(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.title()


@dataclass(frozen=True)
class CardState:
    stage: Stage = Stage.NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage": int(self.stage),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat() if self.due else None,
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CardState:
        return cls(
            stage=Stage(data["stage"]),
            step=data["step"],
            stability=data["stability"],
            difficulty=data["difficulty"],
            due=datetime.fromisoformat(data["due"]) if data["due"] else None,
            last_review=datetime.fromisoformat(data["last_review"])
            if data["last_review"]
            else None,
            reps=data["reps"],
            lapses=data["lapses"],
        )

    def with_(self, **changes: Any) -> CardState:
        return replace(self, **changes)
