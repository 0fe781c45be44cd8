"""Moving questions to and from other tools: CSV both ways, Anki decks (.apkg) both ways.

Imports become ordinary bank files written into the data folder and then imported like any
other bank, so they get the same validation, progress rules and re-import behaviour. Question
ids are derived from the question text, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from interviewprep.banks import limits
from interviewprep.banks.models import Bank, BankMeta, Flashcard, SystemDesign
from interviewprep.banks.problems import Problem
from interviewprep.banks.writer import write_bank
from interviewprep.core.card_record import QuestionType
from interviewprep.core.errors import UserFacingError
from interviewprep.services.bundles import BundleService
from interviewprep.services.library import ImportResult, LibraryService
from interviewprep.storage.anki_collection import AnkiCollectionProblem, read_notes
from interviewprep.storage.database import Database

_TAG = re.compile(r"[^a-z0-9-]+")
MAX_ROWS = limits.MAX_QUESTIONS_PER_FILE
MAX_CSV_BYTES = 4 * limits.MAX_FILE_BYTES
"""A CSV becomes one bank file, itself capped at 2 MB; quoting makes a CSV a little larger."""
MAX_CSV_LINE_CHARS = limits.MAX_LINE_CHARS
MAX_APKG_COLLECTION_BYTES = 64 * 2**20
_CHUNK = 2**20
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = ["question", "answer", "tags", "bank", "id", "type", "difficulty"]
ANKI_MODEL_ID = 1_607_392_320
"""Our note type since it carries the hidden Source field (1_607_392_319 had four fields)."""


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
            writer.writerow(CSV_HEADER)
            for bank_id in bank_ids:
                bank = self._bundles.bank_model(bank_id)
                for q in bank.questions:
                    cells = [
                        q.prompt,
                        q.answer,
                        " ".join(q.topics),
                        bank_id,
                        q.id,
                        q.type,
                        q.difficulty,
                    ]
                    writer.writerow([csv_safe(cell) for cell in cells])
                    rows += 1
        tmp.replace(path)
        return rows

    def csv_columns(self, path: Path) -> list[str]:
        """The header row, for the column-mapping dialog."""
        self._check_csv_size(path)
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
            return [csv_unsafe(c) for c in next(csv.reader(_bounded_lines(handle, path)), [])]

    @staticmethod
    def _check_csv_size(path: Path) -> None:
        try:
            size = path.stat().st_size
        except OSError as err:
            raise InteropError(f"{path}:1: cannot read ({err.strerror or err})") from err
        if size > MAX_CSV_BYTES:
            raise InteropError(
                f"{path}:1: {size / 2**20:.0f} MB, over the {MAX_CSV_BYTES // 2**20} MB limit "
                "for a CSV import; split it into smaller files"
            )

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
        where: dict[str, tuple[int, str]] = {}
        self._check_csv_size(path)
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.reader(_bounded_lines(handle, path))
                header = [csv_unsafe(c) for c in next(reader, [])]
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
                row_number = 1
                start = reader.line_num + 1
                for raw in reader:
                    row_number += 1
                    line, start = start, reader.line_num + 1
                    if len(questions) >= MAX_ROWS:
                        raise InteropError(f"{path}:{line}: more than {MAX_ROWS:,} rows")
                    row = [csv_unsafe(cell) for cell in raw]
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
                    try:
                        questions[qid] = Flashcard(
                            id=qid, topics=tags, difficulty="mid", prompt=prompt, answer=answer
                        )
                    except ValidationError as err:
                        raise InteropError(
                            f"{path}:{line}: row {row_number}: {_first_error(err)}"
                        ) from err
                    where[qid] = (line, f"row {row_number}")
        except UnicodeDecodeError as err:
            raise InteropError(f"{path}:1: not UTF-8 text ({err.reason})") from err
        except csv.Error as err:
            raise InteropError(f"{path}:1: not a readable CSV file ({err})") from err
        meta = _imported_meta(bank_id, role, title or path.stem, path)
        return self._install([(Bank(meta=meta, questions=list(questions.values())), where)], path)

    # -- Anki -------------------------------------------------------------------------------

    def export_apkg(self, bank_ids: Sequence[str], path: Path) -> int:
        """An Anki deck per bank; notes keep stable GUIDs so re-exporting updates, not dupes.
        A hidden field carries the question as written (markdown, type, difficulty, the bank's
        id and role), so importing the deck back gives the same bank rather than a copy."""
        import genanki

        from interviewprep.render.markdown import render_for_anki

        model = genanki.Model(
            ANKI_MODEL_ID,
            "interviewprep question",
            fields=[
                {"name": "Front"},
                {"name": "Back"},
                {"name": "Bank"},
                {"name": "Id"},
                {"name": "Source"},
            ],
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
            meta = bank.meta.model_dump(mode="json")
            deck_id = int(hashlib.sha256(bank_id.encode()).hexdigest()[:8], 16)
            deck = genanki.Deck(deck_id, f"interviewprep::{bank.meta.title}")
            for q in bank.questions:
                source = json.dumps(
                    {
                        "interviewprep": 1,
                        "bank": meta,
                        "question": q.model_dump(mode="json"),
                    },
                    ensure_ascii=False,
                    sort_keys=True,
                )
                deck.add_note(
                    genanki.Note(
                        model=model,
                        fields=[
                            render_for_anki(q.prompt),
                            render_for_anki(q.answer),
                            html.escape(bank_id),
                            html.escape(q.id),
                            html.escape(source),
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
        """Notes of our own note type become the banks they were exported from (ids, role,
        type, difficulty and markdown restored); any other deck's notes become flashcards of
        a new bank: first field the prompt, second the answer, tags the topics."""
        ours: dict[str, tuple[dict[str, object], list[tuple[int, dict[str, object]]]]] = {}
        foreign: dict[str, Flashcard] = {}
        where: dict[str, tuple[int, str]] = {}
        for number, (fields, tags) in enumerate(self._read_apkg_notes(path), start=1):
            parts = fields.split("\x1f")
            source = _our_source(parts)
            if source is not None:
                meta, question = source
                ours.setdefault(str(meta.get("id")), (meta, []))[1].append((number, question))
                continue
            if len(parts) < 2 or not _strip_html(parts[0]) or not _strip_html(parts[1]):
                continue
            prompt, answer = parts[0].strip(), parts[1].strip()
            qid = question_id(prompt)
            foreign[qid] = Flashcard(
                id=qid, topics=_tags(tags), difficulty="mid", prompt=prompt, answer=answer
            )
            where[qid] = (1, f"note {number}")
        banks: list[tuple[Bank, dict[str, tuple[int, str]]]] = []
        for meta_data, notes in ours.values():
            bank, bank_where = _restore_bank(path, meta_data, notes)
            banks.append((bank, bank_where))
        created = ""
        if foreign:
            new_id = bank_id or f"anki-{slug(path.stem)}"
            new_meta = _imported_meta(new_id, role, path.stem, path)
            banks.append((Bank(meta=new_meta, questions=list(foreign.values())), where))
            count = f"{len(foreign)} note" + ("" if len(foreign) == 1 else "s")
            created = (
                f"{path.name}: {count} of another note type became flashcards "
                f"of a new bank '{new_meta.id}' ({role}): ids from the question text, difficulty "
                "'mid', topics from the tags, text kept as the deck's HTML"
            )
        if not banks:
            raise InteropError(f"{path}:1: no questions with both a front and a back")
        result = self._install(banks, path)
        if created and not result.problems:
            result.notes.append(created)
        return result

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
            over = f"{path}:1: the collection is over {MAX_APKG_COLLECTION_BYTES // 2**20} MB"
            if info.file_size > MAX_APKG_COLLECTION_BYTES:
                raise InteropError(over)
            target = Path(tmp) / "collection.sqlite"
            # streamed in chunks: the zip's declared size is not trusted, and a collection
            # is never held in memory whole
            written = 0
            try:
                with archive.open(info) as source, target.open("wb") as sink:
                    while chunk := source.read(_CHUNK):
                        written += len(chunk)
                        if written > MAX_APKG_COLLECTION_BYTES:
                            raise InteropError(over)
                        sink.write(chunk)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as err:
                raise InteropError(f"{path}:1: the collection cannot be read ({err})") from err
            try:
                return read_notes(target, limits.MAX_FILE_BYTES, MAX_ROWS)
            except AnkiCollectionProblem as err:
                raise InteropError(f"{path}:1: {err}") from err

    # -- shared -----------------------------------------------------------------------------

    def _install(
        self, banks: list[tuple[Bank, dict[str, tuple[int, str]]]], source: Path
    ) -> ImportResult:
        """Each bank is checked in memory first, so a file that fails leaves nothing behind in
        the imports folder, and every problem names the user's file and row or note."""
        result = ImportResult()
        texts: list[tuple[Path, str]] = []
        for bank, where in banks:
            if not bank.questions:
                raise InteropError(f"{source}:1: no questions with both a front and a back")
            text = write_bank(bank)
            problems = _check_generated(text, source, where)
            if problems:
                result.problems += problems
                continue
            texts.append((self._imports_dir / f"{bank.meta.id}.md", text))
        if result.problems:
            result.files_seen = len(banks)
            return result
        created = [target for target, _ in texts if not target.exists()]
        for target, text in texts:
            target.write_text(text, encoding="utf-8")
        imported = self._library.import_paths([target for target, _ in texts])
        names = {str(target.resolve()): target for target, _ in texts}
        imported.problems = [
            Problem(str(source), 1, p.message) if p.path in names else p for p in imported.problems
        ]
        if imported.problems and not imported.conflicts:
            for target in created:
                if not any(c.bank_id == target.stem for c in imported.changes):
                    self._library.forget_file(target)
                    target.unlink(missing_ok=True)
        return imported


def csv_safe(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice
    on CSV injection); so does a cell that ``csv_unsafe`` would otherwise shorten, so the
    round trip gives back exactly what was written."""
    return "'" + cell if cell.startswith(_FORMULA_START) or csv_unsafe(cell) != cell else cell


def csv_unsafe(cell: str) -> str:
    """Undo ``csv_safe``: the apostrophe goes only where it stands before what it protects."""
    if cell.startswith("'") and cell[1:].startswith((*_FORMULA_START, "'")):
        return cell[1:]
    return cell


def _bounded_lines(handle: TextIO, path: Path) -> Iterator[str]:
    """The file's physical lines, none read past the limit: a file that is one huge line is
    refused after 20,000 characters, not after it has filled the memory."""
    number = 0
    while line := handle.readline(MAX_CSV_LINE_CHARS + 2):
        number += 1
        if len(line.rstrip("\r\n")) > MAX_CSV_LINE_CHARS:
            raise InteropError(
                f"{path}:{number}: line {number} is longer than {MAX_CSV_LINE_CHARS:,} characters"
            )
        yield line


def _imported_meta(bank_id: str, role: str, title: str, source: Path) -> BankMeta:
    try:
        return BankMeta(
            id=slug(bank_id),
            title=title or slug(bank_id),
            role=role,
            version="1.0.0",
            license="unknown",
            authors=["imported"],
            description=f"Imported from {source.name}.",
        )
    except ValidationError as err:
        raise InteropError(f"{source}:1: {_first_error(err)}") from err


def _our_source(parts: list[str]) -> tuple[dict[str, object], dict[str, object]] | None:
    """The bank and question a note of our own note type was exported from, if it is one."""
    if len(parts) != 5:
        return None
    try:
        data = json.loads(html.unescape(parts[4]))
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("interviewprep") != 1:
        return None
    meta, question = data.get("bank"), data.get("question")
    if not isinstance(meta, dict) or not isinstance(question, dict):
        return None
    return meta, question


def _restore_bank(
    path: Path, meta_data: dict[str, object], notes: list[tuple[int, dict[str, object]]]
) -> tuple[Bank, dict[str, tuple[int, str]]]:
    try:
        meta = BankMeta.model_validate(meta_data)
    except ValidationError as err:
        raise InteropError(
            f"{path}:1: note {notes[0][0]}: its bank is not valid ({_first_error(err)})"
        ) from err
    questions: list[Flashcard | SystemDesign] = []
    where: dict[str, tuple[int, str]] = {}
    for number, data in notes:
        model = SystemDesign if data.get("type") == QuestionType.SYSTEM_DESIGN else Flashcard
        try:
            question = model.model_validate(data)
        except ValidationError as err:
            raise InteropError(f"{path}:1: note {number}: {_first_error(err)}") from err
        if question.id in where:
            raise InteropError(
                f"{path}:1: notes {where[question.id][1][5:]} and {number} are both question "
                f"'{question.id}' of bank '{meta.id}'"
            )
        questions.append(question)
        where[question.id] = (1, f"note {number}")
    return Bank(meta=meta, questions=questions), where


def _check_generated(text: str, source: Path, where: dict[str, tuple[int, str]]) -> list[Problem]:
    """Problems of a bank generated from ``source``, named by the row or note they came from."""
    from interviewprep.banks.parser import parse_bytes

    data = text.encode("utf-8")
    if len(data) > limits.MAX_FILE_BYTES:
        return [
            Problem(
                str(source),
                1,
                f"makes a bank of {len(data) / 2**20:.1f} MB, over the "
                f"{limits.MAX_FILE_BYTES // 2**20} MB limit of one bank; split it into smaller "
                "files",
            )
        ]
    parsed = parse_bytes(str(source), data)
    if not parsed.problems:
        return []
    headings: list[tuple[int, str]] = [
        (number, line[3:].strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if line.startswith("## ")
    ]
    problems = []
    for problem in parsed.problems:
        qid = next((q for number, q in reversed(headings) if number <= problem.line), None)
        line, label = where.get(qid or "", (1, ""))
        message = f"{label}: {problem.message}" if label else problem.message
        problems.append(Problem(str(source), line, message))
    return problems


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _strip_html(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
