"""Pydantic models of bank format v1: the single source of truth for what a bank may contain."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

MIN_MOCK_TIME_BOX = 10
"""The shortest design round a mock interview may shrink a prompt to, in minutes."""

BUILTIN_ROLES: tuple[str, ...] = ("agent-engineer", "ml-engineer", "agentops-engineer")
QUESTION_TYPES: tuple[str, ...] = ("flashcard", "system-design")

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=80),
]
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Difficulty = Literal["junior", "mid", "senior", "staff"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BankMeta(_Strict):
    """The front matter of a bank file."""

    id: Slug = Field(description="Bank id, unique across all installed banks.")
    title: NonEmptyText
    role: Slug = Field(
        description="Role the bank serves: a built-in role or one declared by a role profile."
    )
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")] = Field(
        description="Bank version, MAJOR.MINOR or MAJOR.MINOR.PATCH."
    )
    license: NonEmptyText = Field(description="SPDX licence id of the text, e.g. CC-BY-4.0.")
    authors: list[NonEmptyText] = Field(min_length=1)
    description: NonEmptyText
    format: Literal[1] = Field(default=1, description="Bank format version.")


def version_key(version: str) -> tuple[int, int, int]:
    """A bank version as numbers, so 1.10 sorts above 1.9 and 1.1 equals 1.1.0."""
    numbers = [int(part) for part in version.split(".")[:3] if part.isdigit()]
    major, minor, patch = (*numbers, 0, 0, 0)[:3]
    return major, minor, patch


class Reference(_Strict):
    """A source backing a factual claim: a paper, official docs."""

    title: NonEmptyText
    url: str | None = None


class Phase(_Strict):
    """One phase of a system-design round with its suggested minutes."""

    name: NonEmptyText
    minutes: int = Field(ge=1, le=240)


class RubricItem(_Strict):
    """A checklist item an interviewer scores, with its weight."""

    text: NonEmptyText
    weight: int = Field(ge=1, le=10)


KEY_POINTS_MIN = 3
KEY_POINTS_MAX = 7
KEY_POINT_MAX_CHARS = 160


class KeyPoint(_Strict):
    """One thing an interviewer listens for in an answer, checkable in a single line."""

    text: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=KEY_POINT_MAX_CHARS, pattern=r"^[^\n]+$"
        ),
    ]
    weight: int = Field(default=1, ge=1, le=5, description="How much the point counts (1-5).")


QuestionTitle = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80, pattern=r"^[^\n]+$")
]


def _slug_of(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


class _QuestionBase(_Strict):
    id: Slug = Field(description="Stable id, unique in its bank: progress hangs on it.")
    title: QuestionTitle | None = Field(
        default=None,
        description=(
            "What the app shows for the question in lists and headings: one plain line that"
            " names the subject without giving the answer away. Ids stay in the file only."
        ),
    )
    topics: list[Slug] = Field(min_length=1, description="Topic tags.")
    difficulty: Difficulty
    prompt: NonEmptyText = Field(description="The question, in markdown.")
    answer: NonEmptyText = Field(
        description="The answer in markdown; for system-design, the reference solution outline."
    )
    hints: list[NonEmptyText] = Field(default_factory=list)
    follow_ups: list[NonEmptyText] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)

    @field_validator("title")
    @classmethod
    def _title_is_not_the_id(cls, title: str | None, info: ValidationInfo) -> str | None:
        if title is not None and _slug_of(title) == info.data.get("id"):
            raise ValueError(
                f"'{title}' only repeats the id: name the subject in words"
                " (ids can give the answer away and are never shown)"
            )
        return title


class Flashcard(_QuestionBase):
    type: Literal["flashcard"] = "flashcard"
    key_points: list[KeyPoint] = Field(
        default_factory=list,
        # left out of a card's serialization while empty, so adding the field did not change
        # the content hash of every card written before it (a hash change reads as an edit)
        exclude_if=lambda points: not points,
        description=(
            f"{KEY_POINTS_MIN}-{KEY_POINTS_MAX} points a good answer must raise, one line each:"
            " the checklist the candidate grades a spoken or typed answer against."
        ),
    )

    @field_validator("key_points")
    @classmethod
    def _a_checklist_not_a_list(cls, points: list[KeyPoint]) -> list[KeyPoint]:
        if points and not KEY_POINTS_MIN <= len(points) <= KEY_POINTS_MAX:
            raise ValueError(
                f"key points: {len(points)} given; an answer is checked against"
                f" {KEY_POINTS_MIN} to {KEY_POINTS_MAX} of them"
            )
        texts = [point.text.casefold() for point in points]
        if len(set(texts)) != len(texts):
            raise ValueError("key points: the same point is listed twice")
        return points


class SystemDesign(_QuestionBase):
    type: Literal["system-design"] = "system-design"
    time_box: int = Field(ge=5, le=240, description="Minutes allowed for the round.")
    phases: list[Phase] = Field(min_length=1)
    rubric: list[RubricItem] = Field(min_length=1)
    pitfalls: list[NonEmptyText] = Field(default_factory=list)
    curveballs: list[NonEmptyText] = Field(
        default_factory=list, description="Constraints an interviewer injects mid-round."
    )
    mock_time_box: int | None = Field(
        default=None,
        ge=MIN_MOCK_TIME_BOX,
        le=239,
        description=(
            "Minutes for the round inside a mock interview, shorter than time_box; the phases"
            " are scaled to it. Without it, a mock shrinks the round to the time it has left."
        ),
    )

    @field_validator("mock_time_box")
    @classmethod
    def _mock_time_box_is_shorter(cls, box: int | None, info: ValidationInfo) -> int | None:
        if box is None:
            return box
        time_box = info.data.get("time_box")
        if isinstance(time_box, int) and box >= time_box:
            raise ValueError(
                f"mock_time_box {box} must be shorter than the time box of {time_box} minutes"
                " (it is the shorter round a mock interview uses)"
            )
        phases = info.data.get("phases") or ()
        if len(phases) > box:
            raise ValueError(
                f"mock_time_box {box} cannot give each of the {len(phases)} phases a minute"
            )
        return box

    @model_validator(mode="after")
    def _phases_fit_time_box(self) -> SystemDesign:
        total = sum(p.minutes for p in self.phases)
        if total != self.time_box:
            raise ValueError(
                f"phase minutes add up to {total}, but the time box is {self.time_box}"
            )
        return self

    @model_serializer(mode="wrap")
    def _without_unset_mock_time_box(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> dict[str, object]:
        """Leave ``mock_time_box`` out when a prompt has none, so a prompt's stored form and
        content hash stay what they were before the field existed (no false 'changed')."""
        data: dict[str, object] = handler(self)
        if self.mock_time_box is None:
            data.pop("mock_time_box", None)
        return data


Question = Annotated[Flashcard | SystemDesign, Field(discriminator="type")]


class Bank(_Strict):
    """A whole bank: front matter and its questions."""

    meta: BankMeta
    questions: list[Question]


class RoleProfile(_Strict):
    """A role's profile (role.md): declares the role and describes it to candidates."""

    role: Slug
    title: NonEmptyText
    summary: NonEmptyText
    topics: dict[Slug, NonEmptyText] = Field(
        default_factory=dict,
        description="The role's topic taxonomy: topic tag -> display name.",
    )
    body: NonEmptyText = Field(description="Markdown: day to day, skills, interview loop.")


FRONT_MATTER_KEYS: tuple[str, ...] = tuple(BankMeta.model_fields)
