"""Load bank files and folders, and check what only a set of files can show (roles, bank ids)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from interviewprep.banks.models import BUILTIN_ROLES, Bank, RoleProfile
from interviewprep.banks.parser import ParsedFile, parse_bytes
from interviewprep.banks.problems import Problem
from interviewprep.banks.validation_messages import did_you_mean

SKIPPED_NAMES = {"readme.md", "contributing.md", "changelog.md"}


@dataclass(frozen=True)
class SourceFile:
    """A bank file's bytes as read from disk, with the hash that decides whether to re-parse."""

    path: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class LoadReport:
    """Banks and role profiles that loaded, and every problem of every file."""

    files: list[ParsedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def banks(self) -> list[tuple[str, Bank]]:
        return [(f.path, f.bank) for f in self.files if f.bank is not None]

    @property
    def profiles(self) -> list[RoleProfile]:
        return [f.profile for f in self.files if f.profile is not None]

    @property
    def question_count(self) -> int:
        return sum(len(bank.questions) for _, bank in self.banks)


def iter_markdown_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every bank-candidate markdown file under the given files and folders, in a stable order,
    each once even when named twice."""
    seen: set[Path] = set()
    for candidate in _walk(paths):
        key = candidate.resolve()
        if key not in seen:
            seen.add(key)
            yield candidate


def _walk(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(".md") and name.lower() not in SKIPPED_NAMES:
                        candidate = Path(root) / name
                        if not candidate.is_symlink():
                            yield candidate
        else:
            yield path


def read_source(path: Path, max_bytes: int) -> tuple[SourceFile | None, Problem | None]:
    """Read a file without ever loading more than ``max_bytes + 1`` bytes of it."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return None, Problem(str(path), 1, "no such file or folder")
    except IsADirectoryError:
        return None, Problem(str(path), 1, "is a folder, expected a markdown file")
    except OSError as err:
        return None, Problem(str(path), 1, f"cannot read: {err.strerror or err}")
    return SourceFile(str(path), data), None


def load_paths(paths: Iterable[str | Path]) -> LoadReport:
    """Parse every bank under ``paths``; one broken file never stops the others from loading."""
    from interviewprep.banks import limits

    report = LoadReport()
    paths = list(paths)
    for path in iter_markdown_files(paths):
        source, problem = read_source(path, limits.MAX_FILE_BYTES)
        if problem is not None:
            report.problems.append(problem)
            continue
        assert source is not None
        parsed = parse_bytes(source.path, source.data)
        report.files.append(parsed)
    check_across_files(report.files, profiles=profiles_beside(paths, report.files))
    for parsed in report.files:
        report.problems.extend(parsed.problems)
    return report


def profiles_beside(paths: Iterable[str | Path], loaded: list[ParsedFile]) -> list[RoleProfile]:
    """The role.md next to a bank file named on its own: validating one file of a role's
    folder knows that role, as validating the folder does."""
    from interviewprep.banks import limits

    have = {Path(f.path).resolve() for f in loaded}
    found: list[RoleProfile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            continue
        beside = path.parent / "role.md"
        if beside.is_file() and beside.resolve() not in have:
            have.add(beside.resolve())
            source, problem = read_source(beside, limits.MAX_FILE_BYTES)
            if source is not None and problem is None:
                profile = parse_bytes(source.path, source.data).profile
                if profile is not None:
                    found.append(profile)
    return found


def known_roles(files: Iterable[ParsedFile]) -> set[str]:
    return set(BUILTIN_ROLES) | {f.profile.role for f in files if f.profile is not None}


def check_across_files(
    files: list[ParsedFile],
    extra_roles: Iterable[str] = (),
    profiles: Iterable[RoleProfile] = (),
) -> None:
    """Unknown roles, topics outside the role's own list (where its profile is at hand) and
    bank ids defined twice; a failing file's bank is withdrawn. A file with problems of its own
    is checked too, so every problem of it comes in one run."""
    profiles = [*profiles, *(f.profile for f in files if f.profile is not None)]
    roles = known_roles(files) | set(extra_roles) | {p.role for p in profiles}
    taxonomy = {p.role: set(p.topics) for p in profiles if p.topics}
    for parsed in files:
        role = parsed.declared_role
        if role is None:
            continue
        if role not in roles:
            suggestion = did_you_mean(role, roles)
            parsed.problems.append(
                Problem(
                    parsed.path,
                    parsed.role_line,
                    f"unknown role '{role}'{suggestion}; built-in roles are "
                    f"{', '.join(BUILTIN_ROLES)}, and a role.md profile can declare another",
                )
            )
            parsed.bank = None
        elif _off_list_topics(parsed, role, taxonomy.get(role)):
            parsed.bank = None
    # ids: the files that still hold a bank claim theirs first, so a broken file never keeps
    # a good one out; a broken file reusing a claimed id is told so
    first_seen: dict[str, str] = {}
    holding = [parsed for parsed in files if parsed.bank is not None]
    for parsed in holding:
        assert parsed.bank is not None
        bank_id = parsed.bank.meta.id
        if bank_id in first_seen:
            parsed.problems.append(_id_taken(parsed, bank_id, first_seen[bank_id]))
            parsed.bank = None
        else:
            first_seen[bank_id] = parsed.path
    for parsed in files:
        declared = parsed.declared_id
        if parsed in holding or declared is None or declared not in first_seen:
            continue
        if first_seen[declared] != parsed.path:
            parsed.problems.append(_id_taken(parsed, declared, first_seen[declared]))
    for parsed in files:
        parsed.problems.sort(key=lambda p: p.line)


def _id_taken(parsed: ParsedFile, bank_id: str, first: str) -> Problem:
    return Problem(parsed.path, 1, f"bank id '{bank_id}' is already used by {first}")


def _off_list_topics(parsed: ParsedFile, role: str, topics: set[str] | None) -> bool:
    """Problems for topics the role's profile does not list; True if there were any."""
    if topics is None:
        return False
    found = False
    for question_id, question_topics in parsed.question_topics.items():
        for topic in question_topics:
            if topic not in topics:
                found = True
                parsed.problems.append(
                    Problem(
                        parsed.path,
                        parsed.question_lines.get(question_id, 1),
                        f"topic '{topic}' of question '{question_id}' is not in the topics "
                        f"of role '{role}'{did_you_mean(topic, topics)}; use one "
                        "of its role.md list, or add it there",
                    )
                )
    return found
