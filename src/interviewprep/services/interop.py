"""Moving questions to and from other tools: CSV both ways, Anki decks (.apkg) both ways.

Imports become ordinary bank files written into the data folder and then imported like any
other bank, so they get the same validation, progress rules and re-import behaviour. Question
ids are derived from the question text, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interviewprep.banks import limits
from interviewprep.banks.models import Bank, BankMeta, Flashcard
from interviewprep.banks.writer import write_bank
from interviewprep.core.errors import UserFacingError
from interviewprep.services.bundles import BundleService
from interviewprep.services.library import ImportResult, LibraryService
from interviewprep.storage.database import Database

_TAG = re.compile(r"[^a-z0-9-]+")
MAX_ROWS = limits.MAX_QUESTIONS_PER_FILE


class InteropError(UserFacingError):
    pass


@dataclass(frozen=True)
class ColumnMapping:
    """Which CSV columns hold the question, the answer and the tags (names or 0-based indexes)."""

    question: str | int = "question"
    answer: str | int = "answer"
    tags: str | int | None = "tags"


def slug(text: str, fallback: str = "imported") -> str:
    value = _TAG.sub("-", text.lower()).strip("-")[:60].strip("-")
    return value or fallback


def question_id(prompt: str) -> str:
    """A stable id from the question text: the same question imported twice is one question."""
    return "q-" + hashlib.sha256(prompt.strip().encode()).hexdigest()[:12]


def _tags(raw: str) -> list[str]:
    tags = [slug(t) for t in re.split(r"[\s,;]+", raw) if t.strip()]
    return list(dict.fromkeys(t for t in tags if t)) or ["imported"]


class InteropService:
    def __init__(self, db: Database, library: LibraryService) -> None:
        self._db = db
        self._library = library
        self._bundles = BundleService(db)

    @property
    def _imports_dir(self) -> Path:
        folder = self._db.path.parent / "imports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # -- CSV --------------------------------------------------------------------------------

    def export_csv(self, bank_ids: Sequence[str], path: Path) -> int:
        rows = 0
        tmp = path.with_name(path.name + ".partial")
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["question", "answer", "tags", "bank", "id", "type", "difficulty"])
            for bank_id in bank_ids:
                bank = self._bundles.bank_model(bank_id)
                for q in bank.questions:
                    writer.writerow(
                        [
                            q.prompt,
                            q.answer,
                            " ".join(q.topics),
                            bank_id,
                            q.id,
                            q.type,
                            q.difficulty,
                        ]
                    )
                    rows += 1
        tmp.replace(path)
        return rows

    def csv_columns(self, path: Path) -> list[str]:
        """The header row, for the column-mapping dialog."""
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
            return next(csv.reader(handle), [])

    def import_csv(
        self,
        path: Path,
        mapping: ColumnMapping,
        *,
        bank_id: str | None = None,
        role: str = "agent-engineer",
        title: str | None = None,
    ) -> ImportResult:
        bank_id = bank_id or f"csv-{slug(path.stem)}"
        questions: dict[str, Flashcard] = {}
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.reader(handle)
                header = next(reader, [])
                index = {name: i for i, name in enumerate(header)}

                def column(key: str | int | None) -> int | None:
                    if key is None or isinstance(key, int):
                        return key
                    if key not in index:
                        raise InteropError(
                            f"{path}:1: no column named '{key}' (found: {', '.join(header)})"
                        )
                    return index[key]

                q_col, a_col, t_col = (
                    column(mapping.question),
                    column(mapping.answer),
                    column(mapping.tags),
                )
                assert q_col is not None and a_col is not None
                for line, row in enumerate(reader, start=2):
                    if len(questions) >= MAX_ROWS:
                        raise InteropError(f"{path}:{line}: more than {MAX_ROWS:,} rows")
                    if (
                        max(q_col, a_col) >= len(row)
                        or not row[q_col].strip()
                        or not row[a_col].strip()
                    ):
                        continue  # blank or short rows are skipped, as spreadsheets leave them
                    prompt, answer = row[q_col].strip(), row[a_col].strip()
                    tags = (
                        _tags(row[t_col])
                        if t_col is not None and t_col < len(row)
                        else ["imported"]
                    )
                    qid = question_id(prompt)
                    questions[qid] = Flashcard(
                        id=qid, topics=tags, difficulty="mid", prompt=prompt, answer=answer
                    )
        except UnicodeDecodeError as err:
            raise InteropError(f"{path}:1: not UTF-8 text ({err.reason})") from err
        except csv.Error as err:
            raise InteropError(f"{path}:1: not a readable CSV file ({err})") from err
        return self._install(bank_id, role, title or path.stem, list(questions.values()), str(path))

    # -- Anki -------------------------------------------------------------------------------

    def export_apkg(self, bank_ids: Sequence[str], path: Path) -> int:
        """An Anki deck per bank; notes keep stable GUIDs so re-exporting updates, not dupes."""
        import genanki

        from interviewprep.render.markdown import render_for_anki

        model = genanki.Model(
            1_607_392_319,
            "interviewprep question",
            fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Bank"}, {"name": "Id"}],
            templates=[
                {
                    "name": "Card 1",
                    "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Back}}",
                }
            ],
        )
        decks = []
        notes = 0
        for bank_id in bank_ids:
            bank = self._bundles.bank_model(bank_id)
            deck_id = int(hashlib.sha256(bank_id.encode()).hexdigest()[:8], 16)
            deck = genanki.Deck(deck_id, f"interviewprep::{bank.meta.title}")
            for q in bank.questions:
                deck.add_note(
                    genanki.Note(
                        model=model,
                        fields=[
                            render_for_anki(q.prompt),
                            render_for_anki(q.answer),
                            bank_id,
                            q.id,
                        ],
                        tags=[*q.topics, q.difficulty, q.type],
                        guid=genanki.guid_for(bank_id, q.id),
                    )
                )
                notes += 1
            decks.append(deck)
        tmp = path.with_name(path.name + ".partial")
        genanki.Package(decks).write_to_file(str(tmp), timestamp=0)
        tmp.replace(path)
        return notes

    def import_apkg(
        self, path: Path, *, bank_id: str | None = None, role: str = "agent-engineer"
    ) -> ImportResult:
        """A deck's notes become flashcards: first field the prompt, second the answer, tags
        the topics."""
        rows = self._read_apkg_notes(path)
        questions: dict[str, Flashcard] = {}
        for fields, tags in rows:
            parts = fields.split("\x1f")
            if len(parts) < 2 or not _strip_html(parts[0]) or not _strip_html(parts[1]):
                continue
            prompt, answer = parts[0].strip(), parts[1].strip()
            qid = question_id(prompt)
            questions[qid] = Flashcard(
                id=qid, topics=_tags(tags), difficulty="mid", prompt=prompt, answer=answer
            )
        bank_id = bank_id or f"anki-{slug(path.stem)}"
        return self._install(bank_id, role, path.stem, list(questions.values()), str(path))

    def _read_apkg_notes(self, path: Path) -> list[tuple[str, str]]:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as err:
            raise InteropError(f"{path}:1: not an Anki package ({err})") from err
        with archive, tempfile.TemporaryDirectory() as tmp:
            names = set(archive.namelist())
            name = next((n for n in ("collection.anki21", "collection.anki2") if n in names), None)
            if name is None:
                if "collection.anki21b" in names:
                    raise InteropError(
                        f"{path}:1: this deck uses Anki's newer compressed format; export it "
                        "from Anki with 'Support older Anki versions' ticked"
                    )
                raise InteropError(f"{path}:1: no Anki collection inside")
            info = archive.getinfo(name)
            if info.file_size > 256 * 2**20:
                raise InteropError(f"{path}:1: the collection is over 256 MB")
            target = Path(tmp) / "collection.sqlite"
            with archive.open(info) as source, target.open("wb") as sink:
                sink.write(source.read(info.file_size + 1))
            try:
                conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
                try:
                    return [
                        (str(f), str(t)) for f, t in conn.execute("SELECT flds, tags FROM notes")
                    ]
                finally:
                    conn.close()
            except sqlite3.DatabaseError as err:
                raise InteropError(f"{path}:1: the Anki collection is unreadable ({err})") from err

    # -- shared -----------------------------------------------------------------------------

    def _install(
        self, bank_id: str, role: str, title: str, questions: list[Flashcard], source: str
    ) -> ImportResult:
        if not questions:
            raise InteropError(f"{source}:1: no questions with both a front and a back")
        meta = BankMeta(
            id=slug(bank_id),
            title=title,
            role=role,
            version="1.0.0",
            license="unknown",
            authors=["imported"],
            description=f"Imported from {Path(source).name}.",
        )
        target = self._imports_dir / f"{meta.id}.md"
        target.write_text(write_bank(Bank(meta=meta, questions=questions)), encoding="utf-8")
        return self._library.import_paths([target])


def _strip_html(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
