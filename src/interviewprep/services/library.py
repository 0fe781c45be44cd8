"""Import banks from files and folders: incremental, per-file, and never touching progress."""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep.banks import limits
from interviewprep.banks.problems import Problem
from interviewprep.core.card_record import QuestionType
from interviewprep.core.clock import Clock
from interviewprep.services.mock import topic_name

# Re-exported: what banks() and roles() hand the screens, which never import storage/.
from interviewprep.storage.bank_records import BankRecord as BankRecord
from interviewprep.storage.bank_records import RoleRecord as RoleRecord
from interviewprep.storage.bank_repository import BankChanges, BankRepository
from interviewprep.storage.database import Database
from interviewprep.wording import count

if TYPE_CHECKING:
    # The parser and its pydantic models load when a file is first read, not at start: they
    # are a seventh of a second the Today screen does not need.
    from interviewprep.banks.parser import ParsedFile

ProgressCallback = Callable[[int, int], None]
_UNCHANGED = object()
_COPY_FOLDERS = ("bundles", "imports")
_BUNDLE_FOLDER = re.compile(r"^(.+)-[0-9a-f]{10}$")  # see _unpack_bundles


def load_readers() -> None:
    """Import what reading bank files needs (the parser, its pydantic models, bundles) now, on
    the calling thread. The GUI calls it before it hands bank reading to a worker: imported
    there while the GUI thread imports modules of its own, pydantic could be found half
    initialised behind PySide6's import hook ("cannot import name 'import_string' from
    partially initialized module"), and the import failed, 2 starts in 25 on a loaded
    machine. Once loaded, a worker imports nothing."""
    import interviewprep.banks.loader
    import interviewprep.banks.parser
    import interviewprep.services.bundles
    import interviewprep.storage.bank_repository  # noqa: F401


def bundle_name(unpacked: Path) -> str:
    """The zip's name for a file unpacked from it (``bundles/<stem>-<hash>/file.md``)."""
    match = _BUNDLE_FOLDER.match(unpacked.parent.name)
    return f"{match.group(1) if match else unpacked.parent.name}.zip"


@dataclass(frozen=True)
class BankConflict:
    """Two sources offer the same bank id: the user sees both and chooses; nothing is replaced
    until they do."""

    bank_id: str
    installed_source: str
    installed_title: str
    installed_version: str
    installed_questions: int
    offered_source: str
    offered_title: str
    offered_version: str
    offered_questions: int
    installed_from: str = ""
    """Where the installed bank came from, as the user knows it (a bundle's name, a path)."""
    offered_from: str = ""

    @property
    def offered_is(self) -> str:
        """'newer', 'older' or 'the same version': how the offered bank compares."""
        from interviewprep.banks.models import version_key

        offered, installed = version_key(self.offered_version), version_key(self.installed_version)
        if offered == installed:
            return "the same version"
        return "newer" if offered > installed else "older"

    def describe(self) -> str:
        """One line for the CLI and the status bar."""
        return (
            f"bank '{self.bank_id}' v{self.installed_version} "
            f"({count(self.installed_questions, 'question')}) is installed from {self.installed_from or self.installed_source}; "
            f"{self.offered_from or self.offered_source} offers v{self.offered_version} "
            f"({count(self.offered_questions, 'question')}), {self.offered_is}"
        )


@dataclass
class ImportResult:
    """What an import did, for a summary line and a list of problems."""

    changes: list[BankChanges] = field(default_factory=list)
    conflicts: list[BankConflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_seen: int = 0
    files_unchanged: int = 0
    retired_banks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the import made of its input where that is not obvious (a foreign deck's new bank)."""

    @property
    def new(self) -> int:
        return sum(len(c.new) for c in self.changes)

    @property
    def changed(self) -> int:
        return sum(len(c.changed) for c in self.changes)

    @property
    def removed(self) -> int:
        return sum(len(c.removed) for c in self.changes)

    @property
    def restored(self) -> int:
        return sum(len(c.restored) for c in self.changes)

    def question_lines(self) -> list[str]:
        """Per updated bank, which questions are new, changed, removed and restored."""
        lines = []
        for c in self.changes:
            if c.installed:
                continue
            for what, ids in (
                ("new", c.new),
                ("changed", c.changed),
                ("removed", c.removed),
                ("restored", c.restored),
            ):
                if ids:
                    lines.append(f"  {c.bank_id} {what}: {', '.join(ids)}")
        return lines

    def details(self) -> list[str]:
        """One line per bank that was installed or updated, saying what changed."""
        lines = []
        for c in self.changes:
            if not (c.new or c.changed or c.removed or c.restored or c.installed):
                continue
            version = (
                f"{c.previous_version} -> {c.version}"
                if c.previous_version and c.previous_version != c.version
                else c.version
            )
            what = "installed" if c.installed else "updated"
            lines.append(
                f"{c.bank_id} {version}: {what}, {len(c.new)} new, {len(c.changed)} changed, "
                f"{len(c.removed)} removed"
                + (f", {len(c.restored)} restored" if c.restored else "")
            )
        return lines

    def summary(self) -> str:
        parts = [f"{self.new} new", f"{self.changed} changed", f"{self.removed} removed"]
        if self.restored:
            parts.append(f"{self.restored} restored")
        text = ", ".join(parts)
        text += f" in {count(len(self.changes), 'bank')} from {count(self.files_seen, 'file')}"
        if self.files_unchanged:
            text += f" ({self.files_unchanged} unchanged)"
        if self.problems:
            failing = len({p.path for p in self.problems})
            text += f"; {count(len(self.problems), 'problem')} in {count(failing, 'file')}"
        return text


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector off while an import runs, back on after (unless someone else
    had it off). An import keeps every parsed question alive until it is stored, and each full
    collection walks all of them again: 18% of a 100,000-question import (10.1 s -> 8.2 s), 4%
    at 10,000. The few cycles an import leaves behind are collected once it is back on."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass
class _Candidate:
    path: Path
    size: int
    mtime_ns: int
    sha256: str
    parsed: ParsedFile


@dataclass(frozen=True)
class Choice:
    """One entry of a filter: the id it filters on, and the title the user reads."""

    value: str
    title: str


@dataclass(frozen=True)
class StudyChoices:
    banks: list[Choice]
    topics: list[Choice]


class LibraryService:
    """Installs banks and role profiles; answers what is installed."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def banks(self) -> list[BankRecord]:
        """Installed banks, by role then title."""
        with self._db.read() as session:
            return BankRepository(session).banks()

    def roles(self) -> list[RoleRecord]:
        """Role profiles, by id."""
        with self._db.read() as session:
            return BankRepository(session).roles()

    def topics(self) -> list[str]:
        with self._db.read() as session:
            return BankRepository(session).topics()

    def study_choices(
        self,
        roles: Sequence[str],
        bank_id: str | None = None,
        question_type: str = QuestionType.FLASHCARD,
    ) -> StudyChoices:
        """What the review filters offer once ``roles`` (empty: every role) and ``bank_id`` are
        chosen: only banks and topics with questions of ``question_type`` there, by title."""
        with self._db.read() as session:
            store = BankRepository(session)
            profiles = list(store.roles())
            studied = store.bank_ids_with(question_type)
            in_roles = [
                b for b in store.banks() if b.id in studied and (not roles or b.role in roles)
            ]
            bank_ids = [bank_id] if bank_id else [b.id for b in in_roles]
            tags = store.topics_in(roles, bank_ids, question_type) if bank_ids else []
        named: dict[str, str] = {}
        for profile in profiles:  # the chosen roles' names for a tag first
            if not roles or profile.id in roles:
                for tag, title in profile.topics.items():
                    named.setdefault(tag, title)
        topics = [Choice(tag, named.get(tag) or topic_name(tag)) for tag in tags]
        return StudyChoices(
            banks=[Choice(b.id, b.title or b.id) for b in in_roles],
            topics=sorted(topics, key=lambda c: c.title.casefold()),
        )

    def import_paths(
        self, paths: Sequence[Path], progress: ProgressCallback | None = None
    ) -> ImportResult:
        with _cycle_collection_paused():
            return self._import_paths(paths, progress)

    def _import_paths(
        self, paths: Sequence[Path], progress: ProgressCallback | None
    ) -> ImportResult:
        result = ImportResult()
        unpacked: dict[str, str] = {}
        paths = self._unpack_bundles(paths, result, unpacked)
        files = self._files(paths, result)
        known = self._known_sources()
        candidates: list[_Candidate] = []
        for index, path in enumerate(files):
            candidate = self._read_if_changed(path, known, result)
            if candidate is not None:
                candidates.append(candidate)
            if progress is not None:
                progress(index + 1, len(files) * 2)
        with self._db.read() as session:
            roles = BankRepository(session).role_ids()
        from interviewprep.banks.loader import check_across_files

        check_across_files([c.parsed for c in candidates], extra_roles=roles)
        # One transaction (one fsync) for the whole import. Should storing fail (a full disk),
        # none of it is kept and the error goes to the caller: files are checked before this,
        # so a failure here is the disk's or the database's, not one file's.
        with self._db.transaction() as session:
            store = BankRepository(session)
            with store.deferred_search_index(), store.indexes_built_after():
                for index, candidate in enumerate(candidates):
                    self._store(store, candidate, result)
                    if progress is not None:
                        done = len(files) + int((index + 1) * len(files) / len(candidates))
                        progress(done, len(files) * 2)
        self._retire_vanished(paths, {str(f) for f in files}, known, result)
        if progress is not None:
            progress(len(files) * 2, len(files) * 2)
        # a bundle's file is named inside the zip the user has, not where it was unpacked
        result.problems = sorted(
            Problem(unpacked.get(p.path, p.path), p.line, p.message) for p in result.problems
        )
        return result

    def _unpack_bundles(
        self, paths: Sequence[Path], result: ImportResult, unpacked: dict[str, str]
    ) -> list[Path]:
        """Zip bundles are checked, then unpacked under the data folder and imported from
        there, so their banks stay installed after the zip is deleted."""
        from interviewprep.services.bundles import extract_bundle, flat_name, read_bundle

        expanded: list[Path] = []
        for path in paths:
            if path.suffix.lower() != ".zip" or not path.is_file():
                expanded.append(path)
                continue
            contents = read_bundle(path)
            result.problems.extend(contents.problems)
            if not contents.files:
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            target = self._db.path.parent / "bundles" / f"{path.stem}-{digest}"
            folder = extract_bundle(contents, target)
            for name in contents.files:
                unpacked[str((folder / flat_name(name)).resolve())] = f"{path}/{name}"
            expanded.append(folder)
        return expanded

    def _files(self, paths: Sequence[Path], result: ImportResult) -> list[Path]:
        from interviewprep.banks.loader import iter_markdown_files

        files: list[Path] = []
        for path in paths:
            if not path.exists():
                result.problems.append(Problem(str(path), 1, "no such file or folder"))
                continue
            files.extend(p.resolve() for p in iter_markdown_files([path]))
        result.files_seen = len(files)
        return files

    def _known_sources(self) -> dict[str, tuple[int, int, str, str | None, list[str]]]:
        with self._db.read() as session:
            return {
                path: (row.size, row.mtime_ns, row.sha256, row.bank_id, list(row.problems))
                for path, row in BankRepository(session).source_files().items()
            }

    def _read_if_changed(
        self,
        path: Path,
        known: dict[str, tuple[int, int, str, str | None, list[str]]],
        result: ImportResult,
    ) -> _Candidate | None:
        try:
            stat = path.stat()
        except OSError as err:
            result.problems.append(Problem(str(path), 1, f"cannot read: {err.strerror or err}"))
            return None
        previous = known.get(str(path))
        if previous is not None and previous[:2] == (stat.st_size, stat.st_mtime_ns):
            self._unchanged(path, previous[4], result)
            return None
        from interviewprep.banks.loader import read_source
        from interviewprep.banks.parser import parse_bytes

        source, problem = read_source(path, limits.MAX_FILE_BYTES)
        if problem is not None or source is None:
            result.problems.append(problem or Problem(str(path), 1, "cannot read"))
            return None
        sha = hashlib.sha256(source.data).hexdigest()
        if previous is not None and previous[2] == sha:
            with self._db.transaction() as session:
                BankRepository(session).record_source(
                    str(path),
                    size=stat.st_size,
                    mtime_ns=stat.st_mtime_ns,
                    sha256=sha,
                    bank_id=previous[3],
                    problems=previous[4],
                    now=self._clock.now(),
                )
            self._unchanged(path, previous[4], result)
            return None
        parsed = parse_bytes(str(path), source.data)
        return _Candidate(path, stat.st_size, stat.st_mtime_ns, sha, parsed)

    @staticmethod
    def _unchanged(path: Path, stored_problems: list[str], result: ImportResult) -> None:
        # a file that failed before fails again: counted by its problems, not as unchanged
        if not stored_problems:
            result.files_unchanged += 1
        for text in stored_problems:
            line, _, message = text.partition(":")
            result.problems.append(Problem(str(path), int(line), message.strip()))

    def _store(self, store: BankRepository, candidate: _Candidate, result: ImportResult) -> None:
        parsed = candidate.parsed
        now = self._clock.now()
        path = str(candidate.path)
        with store.savepoint():
            bank_id: str | None = None
            if parsed.profile is not None:
                store.upsert_role(parsed.profile, path)
            sha256, size = candidate.sha256, candidate.size
            if parsed.bank is not None:
                decision = self._conflict(store, parsed, path)
                if isinstance(decision, BankConflict):
                    conflict = decision
                    result.conflicts.append(conflict)
                    parsed.problems.append(
                        Problem(
                            path,
                            1,
                            f"bank id '{conflict.bank_id}' is already installed from "
                            f"{conflict.installed_from}; this file offers "
                            f"{conflict.offered_is} v{conflict.offered_version} and was not "
                            "used: choose one",
                        )
                    )
                    # not recorded as read, so the clash is listed again until the user decides
                    sha256, size = "", -1
                elif decision is _UNCHANGED:
                    result.files_unchanged += 1
                    store.record_source(
                        path,
                        size=candidate.size,
                        mtime_ns=candidate.mtime_ns,
                        sha256=sha256,
                        bank_id=None,
                        problems=[],
                        now=now,
                    )
                    return
                else:
                    bank_id = parsed.bank.meta.id
                    installed = store.installed_bank(bank_id)
                    result.changes.append(store.apply(parsed.bank, path, now))
                    if (
                        installed is not None
                        and installed.source_path != path
                        and self._is_copy(installed.source_path)
                    ):
                        # the older copy no longer provides the bank: importing it again is
                        # read afresh and offered as the older version it is
                        store.forget_sources([installed.source_path])
            previous_bank = store.source_bank_id(path)
            if previous_bank and previous_bank != bank_id:
                if parsed.bank is not None or not parsed.problems:
                    store.retire_bank_questions([previous_bank], now)
                    result.retired_banks.append(previous_bank)
                else:
                    bank_id = previous_bank  # a broken edit keeps the installed bank as it was
            store.record_source(
                path,
                size=size,
                mtime_ns=candidate.mtime_ns,
                sha256=sha256,
                bank_id=bank_id,
                problems=[f"{p.line}: {p.message}" for p in parsed.problems],
                now=now,
            )
        result.problems.extend(parsed.problems)

    def source_label(self, path: str) -> str:
        """A source as the user knows it: the bundle it was unpacked from, the file an import
        was generated from, or the path itself."""
        data = self._db.path.parent.resolve()
        file = Path(path)
        if file.parent.parent == data / "bundles":
            return f"bundle {bundle_name(file)} ({file.name})"
        if file.parent == data / "imports":
            return f"imported {file.name} (a CSV file or Anki deck)"
        return path

    def _is_copy(self, path: str) -> bool:
        """A file the app unpacked or generated (a bundle's, an Anki deck's, a CSV's), not one
        the user keeps: a newer version from another copy may replace it."""
        data = self._db.path.parent.resolve()
        return any(path.startswith(str(data / folder) + os.sep) for folder in _COPY_FOLDERS)

    def _conflict(
        self, store: BankRepository, parsed: ParsedFile, path: str
    ) -> BankConflict | object | None:
        """None to install or update, ``_UNCHANGED`` to leave the bank as it is, or the clash
        for the user to decide."""
        from interviewprep.banks.models import version_key
        from interviewprep.storage.bank_repository import content_hashes

        assert parsed.bank is not None
        bank = parsed.bank
        installed = store.installed_bank(bank.meta.id)
        if installed is None or installed.source_path == path:
            return None
        if installed.content_hash == content_hashes(bank)[0]:
            return _UNCHANGED  # the same bank, byte for byte, from another place
        offered, current = version_key(bank.meta.version), version_key(installed.version)
        source_gone = not os.path.exists(installed.source_path)
        if offered > current and (
            source_gone or (self._is_copy(installed.source_path) and self._is_copy(path))
        ):
            return None  # a newer version of a shared bank updates it in place
        if offered == current and source_gone:
            return None  # the old source is gone: this file takes over the bank
        return BankConflict(
            bank_id=bank.meta.id,
            installed_source=installed.source_path,
            installed_title=installed.title,
            installed_version=installed.version,
            installed_questions=store.active_count(bank.meta.id),
            offered_source=path,
            offered_title=bank.meta.title,
            offered_version=bank.meta.version,
            offered_questions=len(bank.questions),
            installed_from=self.source_label(installed.source_path),
            offered_from=self.source_label(path),
        )

    def use_source(self, conflict: BankConflict) -> ImportResult:
        """Resolve a conflict in favour of the offered file: the bank now comes from it, with
        the usual rules (progress kept by question id, changes marked, removals retired)."""
        from interviewprep.banks.loader import read_source
        from interviewprep.banks.parser import parse_bytes

        result = ImportResult()
        path = Path(conflict.offered_source)
        source, problem = read_source(path, limits.MAX_FILE_BYTES)
        if problem is not None or source is None:
            result.problems.append(problem or Problem(str(path), 1, "cannot read"))
            return result
        parsed = parse_bytes(str(path), source.data)
        if parsed.bank is None or parsed.bank.meta.id != conflict.bank_id:
            result.problems.extend(
                parsed.problems or [Problem(str(path), 1, "no longer offers this bank")]
            )
            return result
        stat = path.stat()
        with self._db.transaction() as session:
            store = BankRepository(session)
            installed = store.bank(conflict.bank_id)
            # read before apply(): the ORM update refreshes the loaded row in place
            old_source = installed.source_path if installed is not None else None
            result.changes.append(store.apply(parsed.bank, str(path), self._clock.now()))
            store.record_source(
                str(path),
                size=stat.st_size,
                mtime_ns=stat.st_mtime_ns,
                sha256=hashlib.sha256(source.data).hexdigest(),
                bank_id=conflict.bank_id,
                problems=[],
                now=self._clock.now(),
            )
            if old_source is not None and old_source != str(path):
                store.record_source_problem(
                    old_source,
                    f"bank '{conflict.bank_id}' now comes from "
                    f"{self.source_label(str(path))}; this file is not used",
                )
        return result

    def keep_installed(self, conflict: BankConflict) -> None:
        """Resolve a conflict in favour of the installed bank: the offered file is recorded as
        read and not used, so it stops being offered until it changes."""
        path = Path(conflict.offered_source)
        try:
            stat = path.stat()
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return  # gone already: nothing left to offer
        with self._db.transaction() as session:
            BankRepository(session).record_source(
                str(path),
                size=stat.st_size,
                mtime_ns=stat.st_mtime_ns,
                sha256=sha,
                bank_id=None,
                problems=[
                    f"1: you kept bank '{conflict.bank_id}' v{conflict.installed_version} from "
                    f"{conflict.installed_from or conflict.installed_source}; this file "
                    f"(v{conflict.offered_version}) is "
                    "not used"
                ],
                now=self._clock.now(),
            )

    def forget_file(self, path: Path) -> None:
        """Drop what a scan recorded of ``path`` (a generated file about to be deleted)."""
        with self._db.transaction() as session:
            BankRepository(session).forget_sources([str(path.resolve())])

    def _retire_vanished(
        self,
        roots: Iterable[Path],
        present: set[str],
        known: dict[str, tuple[int, int, str, str | None, list[str]]],
        result: ImportResult,
    ) -> None:
        folders = [str(p.resolve()) + os.sep for p in roots if p.is_dir()]
        vanished = [
            (path, info[3])
            for path, info in known.items()
            if path not in present and any(path.startswith(f) for f in folders)
        ]
        if not vanished:
            return
        now = self._clock.now()
        with self._db.transaction() as session:
            store = BankRepository(session)
            bank_ids = [bank_id for _, bank_id in vanished if bank_id]
            for bank_id in bank_ids:
                changes = BankChanges(bank_id=bank_id)
                changes.removed = store.retire_bank_questions_list(bank_id, now)
                result.changes.append(changes)
            store.forget_sources([path for path, _ in vanished])
