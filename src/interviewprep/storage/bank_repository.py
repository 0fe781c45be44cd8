"""The banks and questions aggregate: ``banks``, ``roles``, ``source_files``, ``questions``,
``question_topics`` and the search index's rows. Parsed banks go in without ever touching a
user's progress; what comes out are the plain records of ``bank_records``."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from interviewprep.storage.bank_records import (
    BankRecord,
    RoleRecord,
    SourceFileRecord,
    StoredQuestion,
)
from interviewprep.storage.database import driver_connection
from interviewprep.storage.models import (
    BankRow,
    QuestionRow,
    QuestionTopicRow,
    RoleRow,
    SourceFileRow,
)
from interviewprep.storage.types import from_epoch_ms, to_epoch_ms, to_json_text

if TYPE_CHECKING:  # the models load with the parser, on the first import of a file
    from interviewprep.banks.models import Bank, Flashcard, RoleProfile, SystemDesign

_EXTRA_FIELDS = (
    "title",
    "hints",
    "follow_ups",
    "key_points",
    "references",
    "time_box",
    "phases",
    "rubric",
    "pitfalls",
    "curveballs",
    "mock_time_box",
)


@dataclass
class BankChanges:
    """What applying one bank did, question by question."""

    bank_id: str
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    unchanged: int = 0
    installed: bool = False
    previous_version: str | None = None
    version: str = ""


_INSERT_QUESTION = (
    "INSERT INTO questions (pk, bank_id, question_id, role, type, difficulty, topics, position, "
    "prompt, answer, extra, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_BANK = (
    "INSERT INTO banks (id, title, role, version, license, description, authors, source_path, "
    "content_hash, installed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE_BANK = (
    "UPDATE banks SET title = ?, role = ?, version = ?, license = ?, description = ?, "
    "authors = ?, source_path = ?, content_hash = ?, updated_at = ? WHERE id = ?"
)
_RECORD_SOURCE = (
    "INSERT INTO source_files (path, size, mtime_ns, sha256, bank_id, problems, scanned_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET size = excluded.size, "
    "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, bank_id = excluded.bank_id, "
    "problems = excluded.problems, scanned_at = excluded.scanned_at"
)


_BANKS = (
    "SELECT id, title, role, version, license, description, authors, source_path, "
    "content_hash, installed_at, updated_at FROM banks ORDER BY role, title"
)

_SOURCE_FILES = (
    "SELECT path, size, mtime_ns, sha256, bank_id, problems, scanned_at FROM source_files"
)


_FTS_HASHSIZE = "INSERT INTO questions_fts (questions_fts, rank) VALUES ('hashsize', ?)"
_FTS_DEFAULT_HASHSIZE = 1024 * 1024
_FTS_BULK_HASHSIZE = 16 * 1024 * 1024


@dataclass(frozen=True)
class InstalledBank:
    """What an import needs to know of a bank already in the database."""

    id: str
    title: str
    version: str
    source_path: str
    content_hash: str = ""


def question_hash(question: Flashcard | SystemDesign) -> str:
    """Hash of what a user sees of a question; position and id are not content."""
    payload = question.model_dump_json(exclude={"id"})
    return hashlib.sha256(payload.encode()).hexdigest()


def bank_hash(bank: Bank) -> str:
    return hashlib.sha256(bank.model_dump_json().encode()).hexdigest()


def content_hashes(bank: Bank) -> tuple[str, list[str]]:
    """``bank_hash(bank)`` and each question's ``question_hash``, from one serialization of each
    question instead of two (the bank's JSON is its meta's and its questions' JSON side by side;
    a question's without its id is its JSON without the leading id, a slug that needs no
    escaping). A third of the Python time of storing a question. Should a model ever serialize
    otherwise, the question falls back to ``question_hash``."""
    texts = [question.model_dump_json() for question in bank.questions]
    hashes = []
    for question, text in zip(bank.questions, texts, strict=True):
        head = f'{{"id":"{question.id}",'
        if text.startswith(head):
            payload = "{" + text[len(head) :]
            hashes.append(hashlib.sha256(payload.encode()).hexdigest())
        else:  # pragma: no cover - only if the models change shape
            hashes.append(question_hash(question))
    whole = f'{{"meta":{bank.meta.model_dump_json()},"questions":[{",".join(texts)}]}}'
    return hashlib.sha256(whole.encode()).hexdigest(), hashes


def _stamp(moment: datetime) -> int:
    """A time as ``UTCDateTime`` stores it, refusing naive datetimes as it does."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
    return to_epoch_ms(moment)


def _slugs_json(slugs: Sequence[str]) -> str:
    """``to_json_text`` of a list of slugs, which need no escaping: a join, a fifth of the
    time of the JSON encoder (1 us a question on import)."""
    return '["' + '","'.join(slugs) + '"]' if slugs else "[]"


def _as_is(value: Any) -> Any:
    return value


def _optional_stamp(moment: datetime | None) -> int | None:
    return None if moment is None else _stamp(moment)


# How question values the ORM would convert (JSONText, UTCDateTime) go to SQL by hand;
# ``extra`` comes as its text already (``_extra_json``).
_COLUMN_TO_SQL: dict[str, Callable[[Any], Any]] = {
    "topics": _slugs_json,
    "retired_at": _optional_stamp,
    "changed_at": _optional_stamp,
}
_QUESTION_COLUMNS = frozenset(QuestionRow.__table__.columns.keys())


_EXTRA_SET = set(_EXTRA_FIELDS)

RESTORE = "restore:"
"""Before a question's content hash: its row is stored again from its file at the next read,
though the question did not change (not "changed since you last studied"); a migration marks
rows so when ``_EXTRA_FIELDS`` gains a field older rows lack."""


def _extra_json(question: Flashcard | SystemDesign) -> str:
    """The fields beyond the indexed columns, as the ``extra`` column's text, serialized by
    pydantic in one step: half the time of dumping them to Python values and encoding those
    (20 ms of a 10,000-question import). Keys come in the model's order, where rows written
    before this have them sorted; the column is only ever decoded."""
    return question.model_dump_json(include=_EXTRA_SET)


def _question_values(
    bank: Bank, question: Flashcard | SystemDesign, position: int, content_hash: str
) -> dict[str, Any]:
    return {
        "bank_id": bank.meta.id,
        "question_id": question.id,
        "role": bank.meta.role,
        "type": question.type,
        "difficulty": question.difficulty,
        "topics": list(question.topics),
        "position": position,
        "prompt": question.prompt,
        "answer": question.answer,
        "extra": _extra_json(question),
        "content_hash": content_hash,
    }


# The distinct tags walked through ix_question_topics_topic from one to the next (a skip scan
# written out), each kept if one of its questions is active: most are, so that check stops at
# the tag's first question.
_ACTIVE_TOPICS = """
WITH RECURSIVE tag(topic) AS (
    SELECT min(topic) FROM question_topics
    UNION ALL
    SELECT (SELECT min(topic) FROM question_topics WHERE topic > tag.topic)
    FROM tag WHERE tag.topic IS NOT NULL
)
SELECT topic FROM tag
WHERE topic IS NOT NULL AND EXISTS (
    SELECT 1 FROM question_topics AS qt JOIN questions AS q ON q.pk = qt.question_pk
    WHERE qt.topic = tag.topic AND q.retired_at IS NULL
)
ORDER BY topic
"""


def _bank_record(row: BankRow) -> BankRecord:
    return BankRecord(
        id=row.id,
        title=row.title,
        role=row.role,
        version=row.version,
        license=row.license,
        description=row.description,
        authors=tuple(row.authors),
        source_path=row.source_path,
        content_hash=row.content_hash,
        installed_at=row.installed_at,
        updated_at=row.updated_at,
    )


def _role_record(row: RoleRow) -> RoleRecord:
    return RoleRecord(
        id=row.id,
        title=row.title,
        summary=row.summary,
        body=row.body,
        topics=dict(row.topics),
        source_path=row.source_path,
    )


def _stored_question(row: QuestionRow) -> StoredQuestion:
    return StoredQuestion(
        question_id=row.question_id,
        type=row.type,
        topics=tuple(row.topics),
        difficulty=row.difficulty,
        prompt=row.prompt,
        answer=row.answer,
        extra=dict(row.extra),
    )


class BankRepository:
    """Installs, updates and retires banks and their questions, and reads them back.

    An import's writes go to the sqlite3 connection under the session (``_sql``), with fixed
    statements the driver keeps prepared: through SQLAlchemy, building, caching and binding each
    statement cost several times SQLite's own work (a 10,000-question import: 0.85 s -> 0.35 s
    to store). Reads that build records from ORM rows stay ORM."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _sql(self) -> sqlite3.Connection:
        return driver_connection(self.session)

    def bank(self, bank_id: str) -> BankRecord | None:
        row = self.session.get(BankRow, bank_id)
        return None if row is None else _bank_record(row)

    def installed_bank(self, bank_id: str) -> InstalledBank | None:
        row = self._sql.execute(
            "SELECT id, title, version, source_path, content_hash FROM banks WHERE id = ?",
            (bank_id,),
        ).fetchone()
        return None if row is None else InstalledBank(*row)

    def banks(self) -> list[BankRecord]:
        """Every installed bank, by role then title. Plain SQL, not the ORM: read at every
        start, it built an ORM row per bank and then a record from each (1,000 banks at
        100,000 questions); now one record straight from each row."""
        return [
            BankRecord(
                id=bank_id,
                title=title,
                role=role,
                version=version,
                license=license_,
                description=description,
                authors=tuple(json.loads(authors)),
                source_path=source_path,
                content_hash=content_hash,
                installed_at=from_epoch_ms(installed_at),
                updated_at=from_epoch_ms(updated_at),
            )
            for (
                bank_id,
                title,
                role,
                version,
                license_,
                description,
                authors,
                source_path,
                content_hash,
                installed_at,
                updated_at,
            ) in self._sql.execute(_BANKS)
        ]

    def role_ids(self) -> set[str]:
        return set(self.session.scalars(select(RoleRow.id)))

    def roles(self) -> list[RoleRecord]:
        """Every role profile, by id."""
        rows = self.session.scalars(select(RoleRow).order_by(RoleRow.id))
        return [_role_record(row) for row in rows]

    def role(self, role_id: str) -> RoleRecord | None:
        row = self.session.get(RoleRow, role_id)
        return None if row is None else _role_record(row)

    def roles_with_banks(self) -> set[str]:
        """The roles at least one installed bank is for."""
        return set(self.session.scalars(select(BankRow.role).distinct()))

    def question_counts(self) -> dict[tuple[str, str], int]:
        """Active (not retired) questions by bank and type."""
        return {
            (bank_id, qtype): int(n)
            for bank_id, qtype, n in self.session.execute(
                select(QuestionRow.bank_id, QuestionRow.type, func.count())
                .where(QuestionRow.retired_at.is_(None))
                .group_by(QuestionRow.bank_id, QuestionRow.type)
            )
        }

    def bank_questions(self, bank_id: str) -> list[StoredQuestion]:
        """The bank's active questions, in bank order."""
        rows = self.session.scalars(
            select(QuestionRow)
            .where(QuestionRow.bank_id == bank_id, QuestionRow.retired_at.is_(None))
            .order_by(QuestionRow.position)
        )
        return [_stored_question(row) for row in rows]

    def is_active(self, bank_id: str, question_id: str) -> bool:
        """Whether the question is installed and not retired."""
        pk = self.session.scalar(
            select(QuestionRow.pk).where(
                QuestionRow.bank_id == bank_id,
                QuestionRow.question_id == question_id,
                QuestionRow.retired_at.is_(None),
            )
        )
        return pk is not None

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A savepoint on the driver connection: what ``session.begin_nested`` does, without
        its bookkeeping (a third of a millisecond each). Only for writes made through ``_sql``
        or Core statements: the session's ORM state does not roll back with it."""
        sql = self._sql
        sql.execute("SAVEPOINT bank_store")
        try:
            yield
        except BaseException:
            # SQLite may have rolled the whole transaction back already (a full disk, say):
            # then there is no savepoint left, and the original error is the one to raise
            with suppress(sqlite3.Error):
                sql.execute("ROLLBACK TO bank_store")
                sql.execute("RELEASE bank_store")
            raise
        sql.execute("RELEASE bank_store")

    @contextmanager
    def deferred_search_index(self) -> Iterator[None]:
        """Inside, questions added are left out of the full-text index; on leaving, they are
        indexed in one statement. Row by row, every savepoint (one per file imported) made
        FTS5 flush and merge segments: a third of the time of a 10,000-question import.
        Use within one transaction; on an error the transaction rolls all of it back."""
        connection = self.session.connection()
        first_pk = connection.exec_driver_sql("SELECT coalesce(max(pk), 0) FROM questions").scalar()
        connection.exec_driver_sql(
            "INSERT INTO questions_fts_deferred (first_pk) VALUES (?)", (first_pk,)
        )
        yield
        connection.exec_driver_sql("DELETE FROM questions_fts_deferred")
        last_pk = connection.exec_driver_sql("SELECT coalesce(max(pk), 0) FROM questions").scalar()
        if last_pk == first_pk:
            return
        # FTS5 writes its in-memory terms out as a new segment each time they pass 'hashsize'
        # (1 MB by default), and merges those segments as it goes: with room for the whole
        # batch it writes fewer, larger segments (10,000 questions: 140 ms -> 118 ms, 7% fewer
        # pages). Back to the default after, so small edits never hold more in memory.
        connection.exec_driver_sql(_FTS_HASHSIZE, (_FTS_BULK_HASHSIZE,))
        connection.exec_driver_sql(
            "INSERT INTO questions_fts (rowid, prompt, answer, question_id) "
            "SELECT pk, prompt, answer, question_id FROM questions WHERE pk > ?",
            (first_pk,),
        )
        connection.exec_driver_sql(_FTS_HASHSIZE, (_FTS_DEFAULT_HASHSIZE,))

    @contextmanager
    def indexes_built_after(self) -> Iterator[None]:
        """Into an empty library, questions, their topics and progress rows go in without
        their secondary indexes, which are built afterwards from the sqlite_master text they
        were created from: sorting once beats updating 8 B-trees row by row, a third of the
        insert time at 10,000 questions and three quarters at 100,000 (SQLite's time for the
        three tables: 3.0 s -> 0.95 s + 0.55 s to build the indexes). A library that already
        holds questions keeps its indexes: the import's look-ups of installed banks use them.
        Use within one transaction, with no statement left open on its connection."""
        sql = self._sql
        if sql.execute("SELECT 1 FROM questions LIMIT 1").fetchone() is not None:
            yield
            return
        indexes = sql.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('questions', 'question_topics', 'progress') ORDER BY name"
        ).fetchall()
        for name, _ in indexes:
            sql.execute(f'DROP INDEX "{name}"')
        yield
        for _, create in indexes:
            sql.execute(create)

    def upsert_role(self, profile: RoleProfile, source_path: str) -> None:
        values = {
            "id": profile.role,
            "title": profile.title,
            "summary": profile.summary,
            "body": profile.body,
            "topics": dict(profile.topics),
            "source_path": source_path,
        }
        statement = sqlite_insert(RoleRow).values(values)
        self.session.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))

    def source_bank_id(self, path: str) -> str | None:
        """The bank the file at ``path`` provided when last scanned, if any."""
        row = self._sql.execute(
            "SELECT bank_id FROM source_files WHERE path = ?", (path,)
        ).fetchone()
        return None if row is None else row[0]

    def source_files(self) -> dict[str, SourceFileRecord]:
        """Every scanned file by its path. Plain SQL, as ``banks``: every import reads them
        all (at start too, to check the bundled banks), a thousand at 100,000 questions."""
        return {
            path: SourceFileRecord(
                path=path,
                size=size,
                mtime_ns=mtime_ns,
                sha256=sha256,
                bank_id=bank_id,
                problems=tuple(json.loads(problems)) if problems else (),
                scanned_at=from_epoch_ms(scanned_at),
            )
            for path, size, mtime_ns, sha256, bank_id, problems, scanned_at in self._sql.execute(
                _SOURCE_FILES
            )
        }

    def record_source(
        self,
        path: str,
        *,
        size: int,
        mtime_ns: int,
        sha256: str,
        bank_id: str | None,
        problems: list[str],
        now: datetime,
    ) -> None:
        self._sql.execute(
            _RECORD_SOURCE,
            (path, size, mtime_ns, sha256, bank_id, to_json_text(problems), _stamp(now)),
        )

    def apply(self, bank: Bank, source_path: str, now: datetime) -> BankChanges:
        """Install or update ``bank``. Progress rows are only ever inserted, never changed."""
        meta = bank.meta
        changes = BankChanges(bank_id=meta.id, version=meta.version)
        installed = self.installed_bank(meta.id)
        whole_hash, hashes = content_hashes(bank)
        stamp = _stamp(now)
        values = (
            meta.title,
            meta.role,
            meta.version,
            meta.license,
            meta.description,
            to_json_text(list(meta.authors)),
            source_path,
            whole_hash,
            stamp,  # updated_at
        )
        if installed is None:
            changes.installed = True
            self._sql.execute(_INSERT_BANK, (meta.id, *values[:-1], stamp, stamp))
            # no question rows can exist yet (questions.bank_id references banks.id)
            self._insert_questions(bank, enumerate(bank.questions), hashes, changes)
        else:
            changes.previous_version = installed.version
            self._sql.execute(_UPDATE_BANK, (*values, meta.id))
            self._apply_questions(bank, hashes, now, changes)
        return changes

    def _apply_questions(
        self, bank: Bank, hashes: list[str], now: datetime, changes: BankChanges
    ) -> None:
        sql = self._sql
        existing: dict[str, tuple[int, str, int | None, int]] = {
            qid: (pk, content_hash, retired_at, position)
            for pk, qid, content_hash, retired_at, position in sql.execute(
                "SELECT pk, question_id, content_hash, retired_at, position FROM questions "
                "WHERE bank_id = ?",
                (bank.meta.id,),
            )
        }
        reviewed = {
            qid
            for (qid,) in sql.execute(
                "SELECT question_id FROM progress WHERE bank_id = ? AND reps > 0",
                (bank.meta.id,),
            )
        }
        new: list[tuple[int, Flashcard | SystemDesign]] = []
        updates: list[dict[str, Any]] = []
        topic_updates: dict[int, list[str]] = {}
        seen: set[str] = set()
        for position, question in enumerate(bank.questions):
            seen.add(question.id)
            current = existing.get(question.id)
            if current is None:
                new.append((position, question))
                continue
            pk, old_hash, retired_at, old_position = current
            content_hash = hashes[position]
            patch: dict[str, Any] = {}
            if retired_at is not None:
                patch["retired_at"] = None
                changes.restored.append(question.id)
            if old_hash == RESTORE + content_hash:
                # the same question, stored again for a field its row lacked (migration 0008)
                patch.update(_question_values(bank, question, position, content_hash))
            elif old_hash != content_hash:
                patch.update(_question_values(bank, question, position, content_hash))
                if question.id in reviewed:
                    patch["changed_at"] = now
                changes.changed.append(question.id)
                topic_updates[pk] = list(question.topics)
            elif old_position != position:
                patch["position"] = position
            if not patch:
                changes.unchanged += 1
                continue
            if retired_at is None and old_hash in (content_hash, RESTORE + content_hash):
                changes.unchanged += 1
            patch["pk"] = pk
            updates.append(patch)
        self._insert_questions(bank, new, hashes, changes)
        self._update_questions(updates)
        self._replace_topics(topic_updates)
        removed = [
            qid
            for qid, (_, _, retired_at, _) in existing.items()
            if qid not in seen and retired_at is None
        ]
        if removed:
            self.session.execute(
                update(QuestionRow)
                .where(QuestionRow.bank_id == bank.meta.id, QuestionRow.question_id.in_(removed))
                .values(retired_at=now)
            )
        changes.removed = removed

    def _update_questions(self, patches: list[dict[str, Any]]) -> None:
        """Each patch (columns to values, and "pk") as an UPDATE, one executemany per set of
        columns: through the ORM each cost a millisecond of Python, twice SQLite's own work
        (re-importing 10 edited files, 1,000 questions changed: 1.3-1.5 s -> 0.6 s)."""
        grouped: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for patch in patches:
            pk = patch.pop("pk")
            columns = tuple(patch)
            row = tuple(_COLUMN_TO_SQL.get(c, _as_is)(patch[c]) for c in columns)
            grouped.setdefault(columns, []).append((*row, pk))
        for columns, rows in grouped.items():
            assert _QUESTION_COLUMNS.issuperset(columns), columns
            assignments = ", ".join(f"{column} = ?" for column in columns)
            self._sql.executemany(f"UPDATE questions SET {assignments} WHERE pk = ?", rows)

    def _insert_questions(
        self,
        bank: Bank,
        questions: Iterable[tuple[int, Flashcard | SystemDesign]],
        hashes: list[str],
        changes: BankChanges,
    ) -> None:
        """Insert new questions (with their positions) with their topics and empty progress
        rows: the hot path of a big import, one executemany per table.

        Row ids are given, not read back: the transaction holds the write lock, so the next
        ones are max(pk) + 1 on, which is what SQLite would choose too."""
        bank_id, role = bank.meta.id, bank.meta.role
        sql = self._sql
        (next_pk,) = sql.execute("SELECT coalesce(max(pk), 0) + 1 FROM questions").fetchone()
        rows: list[tuple[Any, ...]] = []
        topics: list[tuple[int, str]] = []
        keys: list[tuple[str, str]] = []
        for pk, (position, question) in enumerate(questions, next_pk):
            rows.append(
                (
                    pk,
                    bank_id,
                    question.id,
                    role,
                    question.type,
                    question.difficulty,
                    _slugs_json(question.topics),
                    position,
                    question.prompt,
                    question.answer,
                    _extra_json(question),
                    hashes[position],
                )
            )
            topics.extend((pk, topic) for topic in dict.fromkeys(question.topics))
            keys.append((bank_id, question.id))
            changes.new.append(question.id)
        if not rows:
            return
        sql.executemany(_INSERT_QUESTION, rows)
        sql.executemany("INSERT INTO question_topics (question_pk, topic) VALUES (?, ?)", topics)
        sql.executemany(
            "INSERT INTO progress (bank_id, question_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            keys,
        )

    def _replace_topics(self, topic_updates: dict[int, list[str]]) -> None:
        if not topic_updates:
            return
        self.session.execute(
            delete(QuestionTopicRow).where(QuestionTopicRow.question_pk.in_(list(topic_updates)))
        )
        self.session.execute(
            insert(QuestionTopicRow),
            [
                {"question_pk": pk, "topic": topic}
                for pk, topics in topic_updates.items()
                for topic in dict.fromkeys(topics)
            ],
        )

    def retire_bank_questions(self, bank_ids: Iterable[str], now: datetime) -> int:
        result = self.session.execute(
            update(QuestionRow)
            .where(QuestionRow.bank_id.in_(list(bank_ids)), QuestionRow.retired_at.is_(None))
            .values(retired_at=now)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def retire_bank_questions_list(self, bank_id: str, now: datetime) -> list[str]:
        """Retire every active question of a bank whose file is gone; return their ids."""
        ids = list(
            self.session.scalars(
                select(QuestionRow.question_id).where(
                    QuestionRow.bank_id == bank_id, QuestionRow.retired_at.is_(None)
                )
            )
        )
        self.retire_bank_questions([bank_id], now)
        return ids

    def forget_sources(self, paths: Iterable[str]) -> None:
        self.session.execute(delete(SourceFileRow).where(SourceFileRow.path.in_(list(paths))))

    def topics(self) -> list[str]:
        """Topic tags of the active questions, sorted: one seek per distinct tag, not a pass
        over every tag of every question (100,000 questions: 0.36 s -> 1 ms)."""
        return [topic for (topic,) in self._sql.execute(_ACTIVE_TOPICS)]

    def topics_in(
        self, roles: Sequence[str], bank_ids: Sequence[str], question_type: str | None
    ) -> list[str]:
        """Topic tags of the active questions of these roles and banks (empty: any) and type,
        sorted: what a filter scoped by them can offer without leading to nothing."""
        query = (
            select(QuestionTopicRow.topic)
            .join(QuestionRow, QuestionRow.pk == QuestionTopicRow.question_pk)
            .where(QuestionRow.retired_at.is_(None))
            .distinct()
            .order_by(QuestionTopicRow.topic)
        )
        if roles:
            query = query.where(QuestionRow.role.in_(list(roles)))
        if bank_ids:
            query = query.where(QuestionRow.bank_id.in_(list(bank_ids)))
        if question_type:
            query = query.where(QuestionRow.type == question_type)
        return list(self.session.scalars(query))

    def bank_ids_with(self, question_type: str) -> set[str]:
        """Banks that have active questions of ``question_type``."""
        query = select(QuestionRow.bank_id).where(
            QuestionRow.retired_at.is_(None), QuestionRow.type == question_type
        )
        return set(self.session.scalars(query.distinct()))

    def active_count(self, bank_id: str) -> int:
        return len(
            self.session.scalars(
                select(QuestionRow.pk).where(
                    QuestionRow.bank_id == bank_id, QuestionRow.retired_at.is_(None)
                )
            ).all()
        )

    def record_source_problem(self, path: str, message: str) -> None:
        """Mark a source file so re-scans keep saying why it is not used."""
        row = self.session.get(SourceFileRow, path)
        if row is not None:
            row.bank_id = None
            row.problems = [f"1: {message}"]
