"""User settings with defaults, and the scheduling presets they define."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from interviewprep.core.card_record import QuestionType
from interviewprep.core.easy_days import EasyDays
from interviewprep.core.scheduling import FLASHCARD_PRESET, SYSTEM_DESIGN_PRESET, Preset
from interviewprep.storage.database import Database
from interviewprep.storage.settings_repository import SettingsRepository

PRESETS: dict[str, Preset] = {
    QuestionType.FLASHCARD: FLASHCARD_PRESET,
    QuestionType.SYSTEM_DESIGN: SYSTEM_DESIGN_PRESET,
}
DEFAULT_ANSWER_CAP_SECONDS = 60
"""Anki's default: time beyond a minute on one flashcard is a distraction, not study."""
ANSWER_MODES = ("reveal", "type", "aloud")
"""How a flashcard is answered on Review: revealed and self-rated, as in Anki, typed out
first and then checked against the reference, or said aloud and recorded first."""


class SettingsService:
    """Typed access to settings; every change is committed at once."""

    def __init__(self, db: Database) -> None:
        self._db = db
        # Settings are read before every card; cache them until this process changes one.
        self._values: dict[str, Any] | None = None
        self._presets: dict[str, Preset] = {}

    def get(self, key: str, default: Any = None) -> Any:
        if self._values is None:
            with self._db.read() as session:
                self._values = SettingsRepository(session).all()
        value = self._values.get(key)
        return default if value is None else value

    def set(self, key: str, value: Any) -> None:
        with self._db.transaction() as session:
            SettingsRepository(session).set(key, value)
        self._values = None
        self._presets.clear()

    def preset(self, question_type: str) -> Preset:
        """The preset for a question type, with the user's overrides applied."""
        cached = self._presets.get(question_type)
        if cached is None:
            cached = self._presets[question_type] = self._load_preset(question_type)
        return cached

    def _load_preset(self, question_type: str) -> Preset:
        base = PRESETS[question_type]
        overrides = self.get(f"preset.{question_type}", {}) or {}
        allowed = {"desired_retention", "new_per_day", "reviews_per_day", "parameters"}
        changes = {k: v for k, v in overrides.items() if k in allowed}
        if "parameters" in changes:
            changes["parameters"] = tuple(changes["parameters"])
        return replace(base, **changes)

    def update_preset(self, question_type: str, **changes: Any) -> None:
        current = dict(self.get(f"preset.{question_type}", {}) or {})
        current.update(changes)
        self.set(f"preset.{question_type}", current)

    @property
    def target_roles(self) -> list[str]:
        return list(self.get("target_roles", []) or [])

    @target_roles.setter
    def target_roles(self, roles: list[str]) -> None:
        self.set("target_roles", list(roles))

    @property
    def interview_date(self) -> date | None:
        value = self.get("interview_date")
        return date.fromisoformat(value) if value else None

    @interview_date.setter
    def interview_date(self, value: date | None) -> None:
        self.set("interview_date", value.isoformat() if value else None)

    @property
    def easy_days(self) -> EasyDays:
        """The weekdays that get fewer reviews (every card type alike: the week is the
        user's, whatever they study)."""
        return EasyDays.from_setting(self.get("scheduling.easy_days"))

    @easy_days.setter
    def easy_days(self, value: EasyDays) -> None:
        self.set("scheduling.easy_days", None if value.plain else value.to_setting())

    @property
    def load_balancing(self) -> bool:
        """Whether due dates are spread over the days of their fuzz range: on unless turned
        off, as in Anki."""
        return bool(self.get("scheduling.load_balancing", True))

    @load_balancing.setter
    def load_balancing(self, on: bool) -> None:
        self.set("scheduling.load_balancing", None if on else False)

    @property
    def answer_cap_seconds(self) -> int:
        """The most time one flashcard answer records, as Anki's "maximum answer seconds"."""
        return int(self.get("answer_cap_seconds", DEFAULT_ANSWER_CAP_SECONDS))

    @answer_cap_seconds.setter
    def answer_cap_seconds(self, seconds: int) -> None:
        self.set("answer_cap_seconds", int(seconds))

    @property
    def review_answer_mode(self) -> str:
        """One of ``ANSWER_MODES``; what the last session on Review used."""
        mode = self.get("review.answer_mode", ANSWER_MODES[0])
        return mode if mode in ANSWER_MODES else ANSWER_MODES[0]

    @review_answer_mode.setter
    def review_answer_mode(self, mode: str) -> None:
        if mode not in ANSWER_MODES:
            raise ValueError(f"unknown answer mode {mode!r}")
        self.set("review.answer_mode", mode)
