"""Parse one bank file (markdown with YAML front matter) into a validated ``Bank``.

The parser never raises on bad input: everything wrong becomes a ``Problem`` with the line it is
on, and it keeps going so a maintainer sees every problem of a file at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from interviewprep.banks import limits, render_cost
from interviewprep.banks.front_matter import read_front_matter, validate_meta
from interviewprep.banks.models import (
    QUESTION_TYPES,
    Bank,
    Flashcard,
    Question,
    RoleProfile,
    SystemDesign,
)
from interviewprep.banks.problems import Problem
from interviewprep.banks.raw_text import check_line_shapes, decode
from interviewprep.banks.sections import section_value
from interviewprep.banks.validation_messages import did_you_mean, report_errors, validate_model
from interviewprep.banks.yaml_block import load_yaml_mapping

_QUESTION_ADAPTER: TypeAdapter[Flashcard | SystemDesign] = TypeAdapter(Question)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUESTION_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_SECTION_HEADING = re.compile(r"^###(?!#)\s*(.*?)\s*#*\s*$")

# Section heading (lower case) -> model field, and whether it holds a list.
_SECTIONS: dict[str, tuple[str, str]] = {
    "prompt": ("prompt", "text"),
    "answer": ("answer", "text"),
    "hints": ("hints", "list"),
    "follow-ups": ("follow_ups", "list"),
    "references": ("references", "references"),
    "phases": ("phases", "phases"),
    "rubric": ("rubric", "rubric"),
    "pitfalls": ("pitfalls", "list"),
    "curveballs": ("curveballs", "list"),
    "key points": ("key_points", "key_points"),
}
_DESIGN_ONLY = {"phases", "rubric", "pitfalls", "curveballs"}
_FLASHCARD_ONLY = {"key points"}
_META_KEYS = {"type", "title", "topics", "difficulty", "time_box", "mock_time_box"}
_DESIGN_ONLY_KEYS = {"time_box", "mock_time_box"}
_MARKUP_STARTS = {"#", "`", "~", " "}  # only lines starting so can be a heading or a fence


@dataclass
class ParsedFile:
    """What a bank file yielded: a bank if it was valid, and every problem found."""

    path: str
    bank: Bank | None = None
    profile: RoleProfile | None = None
    problems: list[Problem] = field(default_factory=list)
    question_lines: dict[str, int] = field(default_factory=dict)
    role_line: int = 1
    declared_role: str | None = None
    """The front matter's role and id as written, even when the file has other problems: the
    checks across files report an unknown role in the same run as the file's own problems."""
    declared_id: str | None = None
    question_topics: dict[str, list[str]] = field(default_factory=dict)
    """Each question's topics as written, for the same reason."""

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_bytes(path: str, data: bytes) -> ParsedFile:
    """Parse a bank or role-profile file from its raw bytes."""
    result = ParsedFile(path=path)
    text = decode(path, data, result.problems)
    if text is None:
        return result
    _parse_text(path, text, result)
    result.problems.sort(key=lambda p: p.line)
    _cap_problems(path, result.problems)
    return result


def _cap_problems(path: str, problems: list[Problem]) -> None:
    limit = limits.MAX_PROBLEMS_PER_FILE
    if len(problems) > limit:
        rest = len(problems) - limit
        line = problems[limit].line
        del problems[limit:]
        problems.append(
            Problem(path, line, f"{rest:,} more problems from this line on are not listed")
        )


_STAND_IN_CHARS = 80


def _parse_text(path: str, text: str, result: ParsedFile) -> None:
    lines = text.splitlines()
    problems = result.problems
    if check_line_shapes(path, text, lines, problems):
        # reported; the rest of the file is still checked, with each over-long line cut to a
        # stand-in of its start: no pattern runs over it, and it adds no second problem
        lines = [
            line if len(line) <= limits.MAX_LINE_CHARS else line[:_STAND_IN_CHARS] for line in lines
        ]
    front, body_start = read_front_matter(path, lines, problems)
    if front is None:
        if body_start:  # bad YAML in a closed block: the questions after it are still read
            _parse_questions(path, lines, body_start, result, require_questions=False)
        return
    if "role_profile" in front:
        _parse_profile(path, lines, front, body_start, result)
        return
    meta = validate_meta(path, front, problems)
    questions = _parse_questions(path, lines, body_start, result)
    if "role" in front:
        result.role_line = front["role"][1]
        role = front["role"][0]
        result.declared_role = role if isinstance(role, str) else None
    if "id" in front and isinstance(front["id"][0], str):
        result.declared_id = front["id"][0]
    if meta is not None and not problems:
        result.bank = Bank(meta=meta, questions=questions)


# -- questions --------------------------------------------------------------------------------


@dataclass
class _RawQuestion:
    id: str
    line: int
    meta_lines: list[str] = field(default_factory=list)
    meta_first_line: int = 0
    sections: dict[str, tuple[list[str], int]] = field(default_factory=dict)


def _split_questions(
    path: str, lines: Sequence[str], start: int, problems: list[Problem]
) -> list[_RawQuestion]:
    raw: list[_RawQuestion] = []
    current: _RawQuestion | None = None
    section: list[str] | None = None
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        number = index + 1
        if line[:1] not in _MARKUP_STARTS:
            if section is not None:
                section.append(line)
            continue
        # a heading cannot be a fence: one regex fewer on the lines that matter
        fence_match = _FENCE.match(line) if line[0] != "#" else None
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        elif fence is None:
            if line[0] == "#":
                line = _heading_slip(path, line, number, problems)
            heading = _QUESTION_HEADING.match(line)
            if heading:
                current = _RawQuestion(id=heading.group(1), line=number)
                current.meta_first_line = number + 1
                raw.append(current)
                section = current.meta_lines
                continue
            sub = _SECTION_HEADING.match(line)
            if sub and current is not None:
                name = sub.group(1).strip().lower()
                if name not in _SECTIONS:
                    problems.append(
                        Problem(
                            path,
                            number,
                            f"unknown section '{sub.group(1)}'{did_you_mean(name, _SECTIONS)}",
                        )
                    )
                    section = []
                elif name in current.sections:
                    first = current.sections[name][1]
                    problems.append(
                        Problem(path, number, f"section '{name}' repeated (first at line {first})")
                    )
                    section = []
                else:
                    section = []
                    current.sections[name] = (section, number)
                continue
        if section is not None:
            section.append(line)
    if fence is not None:
        problems.append(Problem(path, len(lines), "code fence opened but never closed"))
    return raw


_NO_SPACE_HEADING = re.compile(r"^(#{2,3})([^\s#].*)$")
_LEVEL_ONE_ID = re.compile(r"^#\s+([a-z0-9][a-z0-9-]*)\s*$")
_DEEP_SECTION = re.compile(r"^(#{4,6})\s+(.*?)\s*#*\s*$")


def _heading_slip(path: str, line: str, number: int, problems: list[Problem]) -> str:
    """A heading written at the wrong level or without its space: said plainly, then read as
    what it was meant to be, so one slip gives one message rather than a cascade."""
    if match := _NO_SPACE_HEADING.match(line):
        marks, text = match.groups()
        problems.append(
            Problem(
                path,
                number,
                f"'{line.strip()}' needs a space after '{marks}': GitHub shows it as text, not "
                f"a heading; write '{marks} {text.strip()}'",
            )
        )
        return f"{marks} {text}"
    if match := _LEVEL_ONE_ID.match(line):
        problems.append(
            Problem(
                path,
                number,
                f"'# {match.group(1)}' is a level-1 heading; a question starts with "
                f"'## {match.group(1)}' (two #)",
            )
        )
        return f"## {match.group(1)}"
    if (match := _DEEP_SECTION.match(line)) and match.group(2).lower() in _SECTIONS:
        marks, name = match.groups()
        problems.append(
            Problem(
                path,
                number,
                f"'{marks} {name}' is a level-{len(marks)} heading; sections are "
                f"'### {name}' (three #)",
            )
        )
        return f"### {name}"
    return line


def _parse_questions(
    path: str,
    lines: Sequence[str],
    start: int,
    result: ParsedFile,
    require_questions: bool = True,
) -> list[Flashcard | SystemDesign]:
    problems = result.problems
    raw = _split_questions(path, lines, start, problems)
    if len(raw) > limits.MAX_QUESTIONS_PER_FILE:
        problems.append(
            Problem(
                path,
                raw[limits.MAX_QUESTIONS_PER_FILE].line,
                f"{len(raw):,} questions in one file, over the "
                f"{limits.MAX_QUESTIONS_PER_FILE:,} limit",
            )
        )
        return []
    if not raw and require_questions:
        problems.append(
            Problem(path, max(start, 1), "no questions: each starts with a '## question-id' line")
        )
    questions: list[Flashcard | SystemDesign] = []
    for item in raw:
        if not item.id:
            problems.append(Problem(path, item.line, "question heading has no id"))
            continue
        if item.id in result.question_lines:
            first = result.question_lines[item.id]
            problems.append(
                Problem(
                    path, item.line, f"duplicate question id '{item.id}' (first at line {first})"
                )
            )
            _build_question(path, item, problems, {})  # its own problems, in the same run
            continue
        result.question_lines[item.id] = item.line
        question = _build_question(path, item, problems, result.question_topics)
        if question is not None:
            questions.append(question)
    return questions


def _build_question(
    path: str, item: _RawQuestion, problems: list[Problem], topics: dict[str, list[str]]
) -> Flashcard | SystemDesign | None:
    """The question, or None with every problem it has: a problem found early never hides
    the ones after it (so fixing a file takes one run, not one run per layer of mistakes)."""
    meta_block = _trim_meta(item.meta_lines)
    if len(meta_block) > limits.MAX_QUESTION_META_LINES:
        problems.append(Problem(path, item.line, "question metadata is too long"))
        return None
    meta = load_yaml_mapping(path, meta_block, item.meta_first_line, problems, "question metadata")
    values: dict[str, Any] = {"id": item.id}
    lines: dict[str, int] = {"id": item.line}
    reported: set[str] = set()  # fields already said to be wrong: no second message for them
    ok = meta is not None
    for key, (value, line) in (meta or {}).items():
        if key not in _META_KEYS:
            problems.append(
                Problem(path, line, f"unknown question key '{key}'{did_you_mean(key, _META_KEYS)}")
            )
            ok = False
            continue
        values[key] = value
        lines[key] = line
    if isinstance(values.get("topics"), list):
        topics[item.id] = [str(t) for t in values["topics"]]
    qtype = values.get("type")
    if qtype is None and meta is not None:
        problems.append(
            Problem(
                path, item.line, f"question '{item.id}' has no 'type' (flashcard or system-design)"
            )
        )
        ok = False
    elif qtype is not None and qtype not in QUESTION_TYPES:
        hint = did_you_mean(str(qtype), QUESTION_TYPES) or " (expected flashcard or system-design)"
        problems.append(Problem(path, lines["type"], f"unknown question type '{qtype}'{hint}"))
        ok = False
        qtype = None
    if qtype == "flashcard":
        for key in sorted(_DESIGN_ONLY_KEYS & lines.keys()):
            problems.append(
                Problem(path, lines[key], f"'{key}' only belongs to system-design questions")
            )
            values.pop(key)
            ok = False
    for name, (body, line) in item.sections.items():
        field_name, kind = _SECTIONS[name]
        lines[field_name] = line
        if name in _DESIGN_ONLY and qtype == "flashcard":
            problems.append(
                Problem(path, line, f"section '{name}' only belongs to system-design questions")
            )
            reported.add(field_name)
            ok = False
            continue
        if name in _FLASHCARD_ONLY and qtype == "system-design":
            problems.append(
                Problem(
                    path,
                    line,
                    f"section '{name}' only belongs to flashcards: a system-design prompt is "
                    "scored by its rubric",
                )
            )
            reported.add(field_name)
            ok = False
            continue
        parsed = section_value(path, kind, body, line + 1, problems)
        if parsed is None:
            reported.add(field_name)
            ok = False
            continue
        values[field_name] = parsed
    if qtype == "system-design":
        for needed in ("rubric", "phases"):
            if needed not in item.sections:
                problems.append(
                    Problem(path, item.line, f"system-design question '{item.id}' has no {needed}")
                )
                reported.add(needed)
                ok = False
        if "time_box" not in values:
            problems.append(
                Problem(
                    path,
                    item.line,
                    f"system-design question '{item.id}' has no time_box (minutes)",
                )
            )
            reported.add("time_box")
            ok = False
    for needed in ("prompt", "answer"):
        if needed not in item.sections:
            problems.append(
                Problem(
                    path, item.line, f"question '{item.id}' has no '### {needed.title()}' section"
                )
            )
            reported.add(needed)
            ok = False
    if not render_cost.check_render_cost(path, item.id, item.sections, problems):
        ok = False
    if qtype is None:
        # the type is missing or wrong (said above): the fields every question has are still
        # checked, as a flashcard's
        values = {k: v for k, v in values.items() if k in _COMMON_FIELDS}
        values["type"] = "flashcard"
    try:
        question = _QUESTION_ADAPTER.validate_python(values)
    except ValidationError as err:
        errors = [e for e in err.errors(include_url=False) if _field_of(e) not in reported]
        report_errors(path, errors, lines, item.line, problems, f"question '{item.id}'")
        return None
    return question if ok else None


_COMMON_FIELDS = frozenset(Flashcard.model_fields) - {"type", "key_points"}


def _field_of(error: Any) -> str:
    loc = [part for part in error["loc"] if part not in ("flashcard", "system-design")]
    return str(loc[0]) if loc else ""


def _trim_meta(block: list[str]) -> list[str]:
    return [line for line in block if not line.strip().startswith("<!--")]


# -- role profiles ----------------------------------------------------------------------------


_PROFILE_KEYS = ("role_profile", "title", "summary", "topics")


def _parse_profile(
    path: str,
    lines: Sequence[str],
    front: dict[str, tuple[Any, int]],
    body_start: int,
    result: ParsedFile,
) -> None:
    ok = True
    for key, (_, line) in front.items():
        if key not in _PROFILE_KEYS:
            result.problems.append(
                Problem(
                    path,
                    line,
                    f"unknown role-profile key '{key}'{did_you_mean(key, _PROFILE_KEYS)}",
                )
            )
            ok = False
    values = {
        "role": front.get("role_profile", (None, 1))[0],
        "title": front.get("title", (None, 1))[0],
        "summary": front.get("summary", (None, 1))[0],
        "topics": front.get("topics", ({}, 1))[0],
        "body": "\n".join(lines[body_start:]).strip(),
    }
    key_lines = {k: line for k, (_, line) in front.items()}
    key_lines["role"] = key_lines.get("role_profile", 1)
    key_lines["body"] = body_start + 1
    profile = validate_model(
        path, RoleProfile, values, key_lines, 1, result.problems, "role profile"
    )
    if ok and profile is not None:
        result.profile = profile
        result.role_line = key_lines["role"]
