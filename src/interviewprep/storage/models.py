"""ORM models. Progress is keyed by (bank id, question id), never by a row id, so it survives
reordering, edits, removal and re-import of a bank."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from interviewprep.storage.types import JSONText, UTCDateTime


class Base(DeclarativeBase):
    pass


class BankRow(Base):
    __tablename__ = "banks"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String, index=True)
    version: Mapped[str] = mapped_column(String)
    license: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSONText)
    source_path: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String)
    installed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RoleRow(Base):
    """A role profile: declares a role and describes it to candidates."""

    __tablename__ = "roles"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    topics: Mapped[dict[str, str]] = mapped_column(JSONText)
    source_path: Mapped[str] = mapped_column(Text)


class SourceFileRow(Base):
    """A file that was scanned: its hash decides whether it must be parsed again."""

    __tablename__ = "source_files"

    path: Mapped[str] = mapped_column(Text, primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String)
    bank_id: Mapped[str | None] = mapped_column(String, nullable=True)
    problems: Mapped[list[str]] = mapped_column(JSONText, default=list)
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime)


class QuestionRow(Base):
    __tablename__ = "questions"
    __table_args__ = (
        Index("ix_questions_key", "bank_id", "question_id", unique=True),
        Index("ix_questions_role_type", "role", "type"),
        Index("ix_questions_order", "position", "bank_id"),
        # covers the join from progress rows: queues, counts and statistics never read the
        # (large) question rows themselves
        Index(
            "ix_questions_active",
            "bank_id",
            "question_id",
            "retired_at",
            "type",
            "role",
            "difficulty",
            "position",
        ),
        # the few questions that do not count towards the flashcard queue: today's counts take
        # them off a count of progress rows instead of joining every card (CardStore.count_today)
        Index(
            "ix_questions_inactive",
            "bank_id",
            "question_id",
            sqlite_where=text("retired_at IS NOT NULL OR type != 'flashcard'"),
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bank_id: Mapped[str] = mapped_column(String, ForeignKey("banks.id"))
    question_id: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String)
    type: Mapped[str] = mapped_column(String)
    difficulty: Mapped[str] = mapped_column(String)
    topics: Mapped[list[str]] = mapped_column(JSONText)
    position: Mapped[int] = mapped_column(Integer)
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(JSONText)
    content_hash: Mapped[str] = mapped_column(String)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class QuestionTopicRow(Base):
    __tablename__ = "question_topics"

    question_pk: Mapped[int] = mapped_column(
        Integer, ForeignKey("questions.pk", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String, primary_key=True, index=True)


ACTIVE, SUSPENDED, BURIED = 0, 1, 2
"""``ProgressRow.suspended``: what holds a card out of study, if anything."""


class ProgressRow(Base):
    """A user's scheduling state for one question (FSRS card state plus user flags)."""

    __tablename__ = "progress"
    __table_args__ = (
        # covering for the queue and the counts: state and due to range over, the flags and key
        # to join on without reading the row
        Index("ix_progress_due", "state", "due", "suspended", "bank_id", "question_id"),
        # the few buried cards, released when a new study day begins (migration 0009)
        Index("ix_progress_buried", "buried_on", sqlite_where=text("suspended = 2")),
    )

    bank_id: Mapped[str] = mapped_column(String, primary_key=True)
    question_id: Mapped[str] = mapped_column(String, primary_key=True)
    state: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reps: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    lapses: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    suspended: Mapped[int] = mapped_column(Integer, default=ACTIVE, server_default=text("0"))
    """ACTIVE, SUSPENDED, or BURIED until the study day after ``buried_on``: every query that
    leaves out suspended cards says ``suspended = 0``, so buried ones are left out as well."""
    buried_on: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The study day (``date.toordinal``) a buried card was buried on."""
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    note: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))


class ReviewRow(Base):
    """One answer. ``before`` holds the progress as it was, so the answer can be undone."""

    __tablename__ = "reviews"
    __table_args__ = (
        # covers the daily-limit count, which runs before every card, answers per day, and
        # true retention (answers to cards in review per week, and how many were forgotten)
        Index("ix_reviews_day", "reviewed_at", "question_type", "state_before", "rating"),
        # No index by question: nothing looks reviews up by card, and every answer would write
        # one more page of it (migration 0006).
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bank_id: Mapped[str] = mapped_column(String)
    question_id: Mapped[str] = mapped_column(String)
    question_type: Mapped[str] = mapped_column(String)
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int] = mapped_column(Integer)
    state_before: Mapped[int] = mapped_column(Integer)
    state_after: Mapped[int] = mapped_column(Integer)
    stability: Mapped[float] = mapped_column(Float)
    difficulty: Mapped[float] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    before: Mapped[dict[str, Any]] = mapped_column(JSONText)


class CriterionResultRow(Base):
    """How one criterion came out: a flashcard's key point in an answer (``review_id``), or a
    design prompt's rubric item in an attempt (``attempt_id``). The point's words are kept as
    they were, so a later bank edit does not rewrite what was missed."""

    __tablename__ = "criterion_results"
    __table_args__ = (
        # the weakest-criteria report reads a window of recent results
        Index("ix_criterion_results_at", "recorded_at"),
        # undo of an answer removes its results
        Index("ix_criterion_results_review", "review_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    review_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    attempt_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    bank_id: Mapped[str] = mapped_column(String)
    question_id: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)  # "key_point" or "rubric_item"
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    weight: Mapped[int] = mapped_column(Integer)
    coverage: Mapped[str] = mapped_column(String)  # core.key_points.Coverage
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DataGenerationRow(Base):
    """One row counting committed write transactions. Every write bumps it (see
    ``Database.transaction``), so a cache of figures computed at generation n is valid exactly
    while the count is still n, whichever process wrote since."""

    __tablename__ = "data_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[Any] = mapped_column(JSONText)


class DesignAttemptRow(Base):
    """One timed attempt at a system-design prompt: notes autosaved, rubric checked at the end."""

    __tablename__ = "design_attempts"
    __table_args__ = (Index("ix_design_attempts_key", "bank_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bank_id: Mapped[str] = mapped_column(String)
    question_id: Mapped[str] = mapped_column(String)
    mode: Mapped[str] = mapped_column(String, default="practice")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    elapsed_seconds: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    checked: Mapped[list[int]] = mapped_column(JSONText, default=list)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    grade: Mapped[int | None] = mapped_column(Integer, nullable=True)


class MockInterviewRow(Base):
    """A mock interview loop: its plan, and the grades given at the end."""

    __tablename__ = "mock_interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    role: Mapped[str] = mapped_column(String)
    length_minutes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    plan: Mapped[list[dict[str, Any]]] = mapped_column(JSONText)
    results: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)


class ReadinessSnapshotRow(Base):
    """Readiness of a role as computed on a study day, for the readiness-over-time chart."""

    __tablename__ = "readiness_history"

    day: Mapped[str] = mapped_column(String, primary_key=True)
    role: Mapped[str] = mapped_column(String, primary_key=True)
    readiness: Mapped[float] = mapped_column(Float)
    coverage: Mapped[float] = mapped_column(Float)
