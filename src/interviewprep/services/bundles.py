"""Bank bundles: a zip of bank files with a manifest of ids, versions and checksums.

Bundles come from other people (a zip in a chat), so reading one trusts nothing: entry count,
sizes and paths are checked before anything is extracted, and the bank files inside then go
through the same validation as any other file.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from interviewprep.banks import limits
from interviewprep.banks.models import (
    BUILTIN_ROLES,
    Bank,
    BankMeta,
    Flashcard,
    RoleProfile,
    SystemDesign,
)
from interviewprep.banks.problems import Problem
from interviewprep.banks.writer import write_bank, write_role_profile
from interviewprep.core.card_record import QuestionType
from interviewprep.core.errors import UserFacingError
from interviewprep.storage.bank_repository import BankRepository, bank_hash
from interviewprep.storage.database import Database

MANIFEST = "manifest.json"
BUNDLE_FORMAT = "interviewprep-bundle"
MAX_ENTRIES = 500
MAX_TOTAL_BYTES = 64 * 1024 * 1024
_SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


class BundleError(UserFacingError):
    pass


@dataclass
class BundleContents:
    files: dict[str, bytes] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _unsafe_path(name: str) -> str | None:
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "has an absolute path"
    if "\\" in name:
        return "uses backslashes in its path"
    if ".." in PurePosixPath(name).parts:
        return "points outside the bundle ('..')"
    return None


def read_bundle(path: Path) -> BundleContents:
    """Every bank file in the bundle, checked; problems are reported as `bundle:1: ...`."""
    contents = BundleContents()
    where = str(path)

    def problem(message: str) -> None:
        contents.problems.append(Problem(where, 1, message))

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        problem(f"not a readable zip bundle ({err})")
        return contents
    with archive:
        entries = [i for i in archive.infolist() if not i.is_dir()]
        if len(entries) > MAX_ENTRIES:
            problem(f"{len(entries):,} entries, over the limit of {MAX_ENTRIES}")
            return contents
        declared = sum(i.file_size for i in entries)
        if declared > MAX_TOTAL_BYTES:
            problem(
                f"unpacks to {declared / 2**20:.0f} MB, over the {MAX_TOTAL_BYTES // 2**20} MB "
                "limit (a zip bomb?)"
            )
            return contents
        clash = _same_names(entries)
        if clash is not None:
            problem(clash)
            return contents
        total = 0
        for info in entries:
            name = info.filename
            reason = _unsafe_path(name)
            if reason is None and _is_link(info):
                reason = "is a symbolic link"
            if reason is None and info.flag_bits & 0x1:
                reason = "is encrypted"
            if reason is not None:
                problem(f"entry '{name}' {reason}; refused")
                continue
            if not (name == MANIFEST or name.lower().endswith(".md")):
                problem(f"entry '{name}' is not a bank file (.md); skipped")
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(limits.MAX_FILE_BYTES + 1)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as err:
                problem(f"entry '{name}' cannot be read ({err})")
                continue
            total += len(data)
            if len(data) > limits.MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
                problem(f"entry '{name}' is larger than it claims; bundle refused")
                contents.files.clear()
                return contents
            contents.files[name] = data
    _check_manifest(contents, problem)
    return contents


def _check_manifest(contents: BundleContents, problem: Any) -> None:
    raw = contents.files.pop(MANIFEST, None)
    if raw is None:
        return  # a plain zip of bank files is fine too
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        problem(f"manifest.json is not valid JSON ({err})")
        return
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        problem("manifest.json is not an interviewprep bundle manifest")
        return
    contents.manifest = manifest
    for entry in manifest.get("banks", []):
        if not isinstance(entry, dict):
            continue
        name, expected = entry.get("file"), entry.get("sha256")
        data = contents.files.get(str(name))
        if data is None:
            problem(f"manifest lists '{name}', which is not in the bundle")
        elif hashlib.sha256(data).hexdigest() != expected:
            problem(f"'{name}' does not match its checksum in the manifest; refused")
            del contents.files[str(name)]


def flat_name(name: str) -> str:
    """The name an entry is unpacked as: its safe path parts joined, in one folder."""
    return "__".join(p for p in PurePosixPath(name).parts if _SAFE_NAME.match(p))


def _same_names(entries: list[zipfile.ZipInfo]) -> str | None:
    """Two entries that would unpack to one file (the same name, or names that differ only
    in case or in the parts dropped when flattening) make the bundle ambiguous: one would
    silently replace the other, so the bundle is refused, naming both."""
    seen: dict[str, tuple[int, str]] = {}
    for number, info in enumerate(entries, start=1):
        key = flat_name(info.filename).lower() if info.filename != MANIFEST else MANIFEST
        if key in seen:
            first_number, first = seen[key]
            if first == info.filename:
                what = f"entries {first_number} and {number} are both named '{first}'"
            else:
                what = (
                    f"entries '{first}' ({first_number}) and '{info.filename}' ({number}) "
                    "would unpack to the same file"
                )
            return f"{what}; one would silently replace the other, so the bundle was refused"
        seen[key] = (number, info.filename)
    return None


def extract_bundle(contents: BundleContents, destination: Path) -> Path:
    """Write the checked files under ``destination`` (flattened to safe names)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name, data in contents.files.items():
        safe = flat_name(name)
        if not safe.endswith(".md"):
            continue
        (destination / safe).write_bytes(data)
    return destination


class BundleService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def bank_model(self, bank_id: str) -> Bank:
        """A bank as installed (active questions in order), rebuilt from the database."""
        with self._db.read() as session:
            repository = BankRepository(session)
            row = repository.bank(bank_id)
            if row is None:
                raise BundleError(f"no installed bank has the id '{bank_id}'")
            questions = repository.bank_questions(bank_id)
        meta = BankMeta(
            id=row.id,
            title=row.title,
            role=row.role,
            version=row.version,
            license=row.license,
            authors=list(row.authors),
            description=row.description,
        )
        models: list[Flashcard | SystemDesign] = []
        for q in questions:
            data: dict[str, Any] = {
                "id": q.question_id,
                "type": q.type,
                "topics": list(q.topics),
                "difficulty": q.difficulty,
                "prompt": q.prompt,
                "answer": q.answer,
                **q.extra,
            }
            model = SystemDesign if q.type == QuestionType.SYSTEM_DESIGN else Flashcard
            models.append(model.model_validate(data))
        return Bank(meta=meta, questions=models)

    def bank_file(self, bank_id: str) -> bytes:
        """The bank's own file, byte for byte, while it still matches what is installed;
        otherwise the installed bank written out afresh."""
        from interviewprep.banks.parser import parse_bytes

        bank = self.bank_model(bank_id)
        with self._db.read() as session:
            row = BankRepository(session).bank(bank_id)
            source = Path(row.source_path) if row is not None else None
        if source is not None and source.is_file():
            data = source.read_bytes()
            parsed = parse_bytes(str(source), data)
            if parsed.bank is not None and bank_hash(parsed.bank) == bank_hash(bank):
                return data
        return write_bank(bank).encode("utf-8")

    def _role_profile(self, role: str) -> RoleProfile | None:
        with self._db.read() as session:
            for row in BankRepository(session).roles():
                if row.id == role:
                    return RoleProfile(
                        role=row.id,
                        title=row.title,
                        summary=row.summary,
                        topics=dict(row.topics),
                        body=row.body,
                    )
        return None

    def export(self, bank_ids: list[str], destination: Path) -> Path:
        """Write a bundle: each bank's file plus a manifest of ids, versions and checksums."""
        if not bank_ids:
            raise BundleError("choose at least one bank to export")
        entries: list[dict[str, Any]] = []
        bank_roles: set[str] = set()
        files: dict[str, bytes] = {}
        for bank_id in bank_ids:
            data = self.bank_file(bank_id)
            bank = self.bank_model(bank_id)
            name = f"{bank_id}.md"
            files[name] = data
            bank_roles.add(bank.meta.role)
            entries.append(
                {
                    "id": bank_id,
                    "version": bank.meta.version,
                    "role": bank.meta.role,
                    "file": name,
                    "questions": len(bank.questions),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            )
        roles = []
        for role in sorted(bank_roles - set(BUILTIN_ROLES)):
            # a bank of a custom role only loads where its role profile is known too
            profile = self._role_profile(role)
            if profile is not None:
                name = f"role-{role}.md"
                files[name] = write_role_profile(profile).encode("utf-8")
                roles.append({"role": role, "file": name})
        manifest = {
            "format": BUNDLE_FORMAT,
            "format_version": 1,
            "banks": entries,
            "roles": roles,
        }
        tmp = destination.with_name(destination.name + ".partial")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
            for name, data in files.items():
                archive.writestr(name, data)
        tmp.replace(destination)
        return destination
