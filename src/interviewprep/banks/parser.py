"""Parse one bank file (markdown with YAML front matter) into a validated ``Bank``.

The parser never raises on bad input: everything wrong becomes a ``Problem`` with the line it is
on, and it keeps going so a maintainer sees every problem of a file at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from interviewprep.banks import limits
from interviewprep.banks.models import (
    FRONT_MATTER_KEYS,
    QUESTION_TYPES,
    Bank,
    BankMeta,
    Flashcard,
    Question,
    RoleProfile,
    SystemDesign,
)
from interviewprep.banks.problems import Problem

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader

_QUESTION_ADAPTER: TypeAdapter[Flashcard | SystemDesign] = TypeAdapter(Question)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUESTION_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_SECTION_HEADING = re.compile(r"^###(?!#)\s*(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_PHASE = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<minutes>\d+)\s*min(?:utes?)?\s*\)\s*$")
_RUBRIC = re.compile(r"^\[\s*(?P<weight>\d+)\s*\]\s*(?P<text>.+)$")
_LINK = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)\s*(?P<rest>.*)$")
_NESTING = re.compile(rf"^(\s*>){{{limits.MAX_NESTING + 1},}}")

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
}
_DESIGN_ONLY = {"phases", "rubric", "pitfalls", "curveballs"}
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

    @property
    def ok(self) -> bool:
        return not self.problems


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a close candidate exists, else ''."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse_bytes(path: str, data: bytes) -> ParsedFile:
    """Parse a bank or role-profile file from its raw bytes."""
    result = ParsedFile(path=path)
    text = _decode(path, data, result.problems)
    if text is None:
        return result
    _parse_text(path, text, result)
    result.problems.sort(key=lambda p: p.line)
    return result


def _decode(path: str, data: bytes, problems: list[Problem]) -> str | None:
    if len(data) > limits.MAX_FILE_BYTES:
        size_mb = len(data) / (1024 * 1024)
        limit_mb = limits.MAX_FILE_BYTES / (1024 * 1024)
        problems.append(
            Problem(path, 1, f"file is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit")
        )
        return None
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        problems.append(Problem(path, line, "binary file (contains a NUL byte), not markdown"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        byte = data[err.start]
        problems.append(
            Problem(path, line, f"invalid UTF-8 (byte 0x{byte:02x} at column {column})")
        )
        return None
    return text.removeprefix("\ufeff")


def _parse_text(path: str, text: str, result: ParsedFile) -> None:
    lines = text.splitlines()
    problems = result.problems
    long_or_deep = _check_line_shapes(path, text, lines, problems)
    if long_or_deep:
        return
    front, body_start = _front_matter(path, lines, problems)
    if front is None:
        return
    if "role_profile" in front:
        _parse_profile(path, lines, front, body_start, result)
        return
    meta = _validate_meta(path, front, problems)
    questions = _parse_questions(path, lines, body_start, result)
    if meta is not None and "role" in front:
        result.role_line = front["role"][1]
    if meta is not None and not problems:
        result.bank = Bank(meta=meta, questions=questions)


# Superset tests run over the whole text at C speed (0.08 ms for 100 questions, against 0.27 ms
# line by line): a line nested too deep holds MAX_NESTING + 1 '>' with only whitespace between
# them, or starts with more than 2 * MAX_NESTING spaces or tabs. Possessive \s*+ keeps the search
# linear on hostile runs of whitespace.
_DEEP_QUOTE = re.compile(rf">(?:\s*+>){{{limits.MAX_NESTING}}}")
_DEEP_INDENT = " " * (2 * limits.MAX_NESTING + 1)


def _check_line_shapes(path: str, text: str, lines: Sequence[str], problems: list[Problem]) -> bool:
    if (
        max(map(len, lines), default=0) <= limits.MAX_LINE_CHARS
        and _DEEP_QUOTE.search(text) is None
        and _DEEP_INDENT not in text.replace("\t", " ")
    ):
        return False  # no line can be too long or too deep: no need to look line by line
    found = False
    for number, line in enumerate(lines, 1):
        if len(line) <= limits.MAX_NESTING and line[:1] not in (" ", "\t", ">"):
            continue  # the usual short, unindented line: nothing to check
        if len(line) > limits.MAX_LINE_CHARS:
            problems.append(
                Problem(
                    path,
                    number,
                    f"line is {len(line):,} characters long, over the "
                    f"{limits.MAX_LINE_CHARS:,} limit",
                )
            )
            found = True
        elif _NESTING.match(line) or _list_depth(line) > limits.MAX_NESTING:
            problems.append(
                Problem(path, number, f"markdown nested deeper than {limits.MAX_NESTING} levels")
            )
            found = True
    return found


def _list_depth(line: str) -> int:
    indent = len(line) - len(line.lstrip(" \t"))
    return indent // 2 if indent > 2 * limits.MAX_NESTING else 0


# -- front matter ---------------------------------------------------------------------------


def _front_matter(
    path: str, lines: Sequence[str], problems: list[Problem]
) -> tuple[dict[str, tuple[Any, int]] | None, int]:
    """Return front matter as {key: (value, line)} and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(path, 1, "missing front matter: the file must start with a '---' line")
        )
        return None, 0
    end = None
    for index in range(1, min(len(lines), limits.MAX_FRONT_MATTER_LINES + 2)):
        if lines[index].strip() in ("---", "..."):
            end = index
            break
    if end is None:
        problems.append(Problem(path, 1, "front matter is not closed by a '---' line"))
        return None, 0
    mapping = _load_yaml_mapping(path, lines[1:end], 2, problems, "front matter")
    if mapping is None:
        return None, end + 1
    return mapping, end + 1


_SIMPLE_LINE = re.compile(r"^([a-z_]+):[ \t]*(.*?)[ \t]*$")
_SIMPLE_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _simple_value(text: str) -> tuple[bool, Any]:
    """Values YAML would read the same way: a word, a small integer, or a [word, ...] list."""
    # ASCII only: str.isdigit() also holds for '²' (int() refuses it) and '٣' (YAML reads text)
    if text.isascii() and text.isdigit() and len(text) < 10 and (text == "0" or text[0] != "0"):
        return True, int(text)
    if _SIMPLE_WORD.match(text) and text.lower() not in _YAML_WORDS:
        return True, text
    if text.startswith("[") and text.endswith("]"):
        items = [item.strip() for item in text[1:-1].split(",")]
        if items == [""]:
            return True, []
        if all(_SIMPLE_WORD.match(i) and i.lower() not in _YAML_WORDS for i in items):
            return True, items
    return False, None


_LINE_CACHE: dict[str, tuple[str, Any] | None] = {}
_LINE_CACHE_SIZE = 4096
_LINE_CACHE_CHARS = 200


def _simple_line(line: str) -> tuple[str, Any] | None:
    """A plain ``key: value`` line as (key, value), lists as tuples; None if it needs YAML.
    Remembered by text: question metadata repeats a few lines ('type: flashcard', 'difficulty:
    mid') thousands of times, and a look-up is a tenth of matching them again."""
    try:
        return _LINE_CACHE[line]
    except KeyError:
        pass
    parsed: tuple[str, Any] | None = None
    match = _SIMPLE_LINE.match(line)
    if match is not None:
        ok, value = _simple_value(match.group(2))
        if ok:
            parsed = (match.group(1), tuple(value) if isinstance(value, list) else value)
    if len(line) <= _LINE_CACHE_CHARS:
        if len(_LINE_CACHE) >= _LINE_CACHE_SIZE:
            _LINE_CACHE.clear()
        _LINE_CACHE[line] = parsed
    return parsed


def _simple_mapping(block: Sequence[str], first_line: int) -> dict[str, tuple[Any, int]] | None:
    """Parse the common plain ``key: value`` block without YAML (10x faster); None when any line
    needs a real YAML parser."""
    mapping: dict[str, tuple[Any, int]] = {}
    for offset, line in enumerate(block):
        if not line.strip():
            continue
        parsed = _simple_line(line)
        if parsed is None or parsed[0] in mapping:
            return None
        key, value = parsed
        # a list of its own each time: callers may change what they are given
        mapping[key] = (list(value) if isinstance(value, tuple) else value, first_line + offset)
    return mapping


def _load_yaml_mapping(
    path: str, block: Sequence[str], first_line: int, problems: list[Problem], what: str
) -> dict[str, tuple[Any, int]] | None:
    simple = _simple_mapping(block, first_line)
    if simple is not None:
        return simple
    source = "\n".join(block)
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(source, _YamlLoader)):
            # aliases let a few lines expand into billions of values (a "billion laughs")
            problems.append(
                Problem(path, first_line, f"YAML aliases (*name) are not allowed in {what}")
            )
            return None
        node = yaml.compose(source, Loader=_YamlLoader)
        data = yaml.load(source, Loader=_YamlLoader) if node is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        problems.append(Problem(path, line, f"bad YAML in {what}: {reason}"))
        return None
    except RecursionError:
        problems.append(Problem(path, first_line, f"bad YAML in {what}: nested too deeply"))
        return None
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        problems.append(
            Problem(path, first_line, f"{what} must be 'key: value' lines, got something else")
        )
        return None
    key_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key_lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return {str(k): (v, key_lines.get(str(k), first_line)) for k, v in data.items()}


def _validate_meta(
    path: str, front: dict[str, tuple[Any, int]], problems: list[Problem]
) -> BankMeta | None:
    ok = True
    values: dict[str, Any] = {}
    for key, (value, line) in front.items():
        if key not in FRONT_MATTER_KEYS:
            problems.append(
                Problem(
                    path,
                    line,
                    f"unknown front-matter key '{key}'{did_you_mean(key, FRONT_MATTER_KEYS)}",
                )
            )
            ok = False
            continue
        if key == "version" and isinstance(value, int | float) and not isinstance(value, bool):
            # YAML reads an unquoted 1.10 as the number 1.1, which sorts below 1.9
            problems.append(
                Problem(
                    path,
                    line,
                    f"version {value} is a number to YAML, not text (unquoted, 1.10 reads as "
                    '1.1); quote it as written, for example version: "1.10"',
                )
            )
            ok = False
            value = "0.0.0"  # reported above: no second message saying it is missing
        values[key] = value
    lines = {k: line for k, (_, line) in front.items()}
    meta = _validate_model(path, BankMeta, values, lines, 1, problems, "front matter")
    return meta if ok else None


def _validate_model(
    path: str,
    model: type[BaseModel],
    values: dict[str, Any],
    lines: dict[str, int],
    default_line: int,
    problems: list[Problem],
    what: str,
) -> Any:
    try:
        return model.model_validate(values)
    except ValidationError as err:
        _report_validation(path, err, lines, default_line, problems, what)
        return None


def _report_validation(
    path: str,
    err: ValidationError,
    lines: dict[str, int],
    default_line: int,
    problems: list[Problem],
    what: str,
) -> None:
    for error in err.errors(include_url=False):
        loc = [part for part in error["loc"] if part not in ("flashcard", "system-design")]
        field_name = str(loc[0]) if loc else ""
        line = lines.get(field_name, default_line)
        problems.append(Problem(path, line, _describe_error(field_name, loc, error, what)))


def _describe_error(field_name: str, loc: list[Any], error: Any, what: str) -> str:
    kind = error["type"]
    label = field_name.replace("_", "-") if field_name else what
    where = label + "".join(f"[{part}]" for part in loc[1:] if isinstance(part, int))
    if kind == "missing":
        return f"{what}: missing '{label}'"
    if kind == "string_too_short":
        return f"{where} is empty"
    if kind == "too_short":
        return f"{where} needs at least one item"
    if kind == "string_pattern_mismatch":
        return f"{where} {error['input']!r} has the wrong shape: {_pattern_hint(field_name)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{where} {error['input']!r} is not allowed; expected {expected}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in _BOUNDS:
        return _out_of_range(label, loc, error)
    return f"{where}: {error['msg']}"


_BOUNDS = {
    "greater_than_equal": ("ge", "below the minimum of"),
    "less_than_equal": ("le", "above the maximum of"),
}
_RANGES = {
    "weight": "a rubric weight is a whole number from 1 to 10",
    "minutes": "a phase lasts 1 to 240 minutes",
    "time-box": "a round lasts 5 to 240 minutes",
    "mock-time-box": "a mock round lasts 10 minutes to one less than the time box",
}


def _out_of_range(label: str, loc: list[Any], error: Any) -> str:
    """'rubric item 2: weight 0 is below the minimum of 1 (...)', not pydantic's wording."""
    key, relation = _BOUNDS[error["type"]]
    bound = error.get("ctx", {}).get(key)
    indexes = [part for part in loc[1:] if isinstance(part, int)]
    names = [str(part).replace("_", "-") for part in loc[1:] if not isinstance(part, int)]
    item = label.rstrip("s") if label.endswith("s") else label
    owner = f"{item} item {indexes[0] + 1}: " if indexes else ""
    name = names[-1] if names else label
    hint = _RANGES.get(name)
    return f"{owner}{name} {error['input']} is {relation} {bound}" + (f" ({hint})" if hint else "")


def _pattern_hint(field_name: str) -> str:
    if field_name == "version":
        return 'write it as MAJOR.MINOR or MAJOR.MINOR.PATCH, quoted ("1.0.0")'
    return "use lower-case letters, digits and '-' (for example 'rag-chunking')"


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
    path: str, lines: Sequence[str], start: int, result: ParsedFile
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
    if not raw:
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
            continue
        result.question_lines[item.id] = item.line
        question = _build_question(path, item, problems)
        if question is not None:
            questions.append(question)
    return questions


def _build_question(
    path: str, item: _RawQuestion, problems: list[Problem]
) -> Flashcard | SystemDesign | None:
    meta_block = _trim_meta(item.meta_lines)
    if len(meta_block) > limits.MAX_QUESTION_META_LINES:
        problems.append(Problem(path, item.line, "question metadata is too long"))
        return None
    meta = _load_yaml_mapping(path, meta_block, item.meta_first_line, problems, "question metadata")
    if meta is None:
        return None
    values: dict[str, Any] = {"id": item.id}
    lines: dict[str, int] = {"id": item.line}
    ok = True
    for key, (value, line) in meta.items():
        if key not in _META_KEYS:
            problems.append(
                Problem(path, line, f"unknown question key '{key}'{did_you_mean(key, _META_KEYS)}")
            )
            ok = False
            continue
        values[key] = value
        lines[key] = line
    qtype = values.get("type")
    if qtype is None:
        problems.append(
            Problem(
                path, item.line, f"question '{item.id}' has no 'type' (flashcard or system-design)"
            )
        )
        return None
    if qtype not in QUESTION_TYPES:
        hint = did_you_mean(str(qtype), QUESTION_TYPES) or " (expected flashcard or system-design)"
        problems.append(Problem(path, lines["type"], f"unknown question type '{qtype}'{hint}"))
        return None
    if qtype != "system-design":
        for key in sorted(_DESIGN_ONLY_KEYS & lines.keys()):
            problems.append(
                Problem(path, lines[key], f"'{key}' only belongs to system-design questions")
            )
            values.pop(key)
            ok = False
    for name, (body, line) in item.sections.items():
        field_name, kind = _SECTIONS[name]
        if name in _DESIGN_ONLY and qtype != "system-design":
            problems.append(
                Problem(path, line, f"section '{name}' only belongs to system-design questions")
            )
            ok = False
            continue
        lines[field_name] = line
        parsed = _section_value(path, kind, body, line + 1, problems)
        if parsed is None:
            ok = False
            continue
        values[field_name] = parsed
    if qtype == "system-design":
        for needed in ("rubric", "phases"):
            if needed not in item.sections:
                problems.append(
                    Problem(path, item.line, f"system-design question '{item.id}' has no {needed}")
                )
                ok = False
        if "time_box" not in values:
            problems.append(
                Problem(
                    path,
                    item.line,
                    f"system-design question '{item.id}' has no time_box (minutes)",
                )
            )
            ok = False
    for needed in ("prompt", "answer"):
        if needed not in item.sections:
            problems.append(
                Problem(
                    path, item.line, f"question '{item.id}' has no '### {needed.title()}' section"
                )
            )
            ok = False
    if not _check_render_cost(path, item, problems):
        ok = False
    if not ok:
        return None
    try:
        return _QUESTION_ADAPTER.validate_python(values)
    except ValidationError as err:
        _report_validation(path, err, lines, item.line, problems, f"question '{item.id}'")
        return None


_LINK_MARK = re.compile(r"\]\(|\]\[|<[a-z][a-z0-9+.-]*:", flags=re.IGNORECASE)
_MATH_DELIMITER = re.compile(r"(?<!\\)\$|\\\(|\\\[")
_INLINE_TOKEN = re.compile(r"[`*_\[\]$<&\\~!]")
_RENDER_COSTS = (
    ("characters", None, limits.MAX_QUESTION_CHARS),
    ("links", _LINK_MARK, limits.MAX_QUESTION_LINKS),
    (
        "inline math delimiters ($, \\( or \\[)",
        _MATH_DELIMITER,
        limits.MAX_QUESTION_MATH_DELIMITERS,
    ),
    ("inline markdown tokens", _INLINE_TOKEN, limits.MAX_QUESTION_INLINE_TOKENS),
)


def _check_render_cost(path: str, item: _RawQuestion, problems: list[Problem]) -> bool:
    """Refuse a question too costly to render, at the line of the section that crosses the
    limit: rendering such a question would take seconds to minutes."""
    ok = True
    for what, pattern, limit in _RENDER_COSTS:
        total = 0
        crossed_at = 0
        for body, line in item.sections.values():
            text = "\n".join(body)
            total += len(text) if pattern is None else len(pattern.findall(text))
            if total > limit and not crossed_at:
                crossed_at = line
        if crossed_at:
            problems.append(
                Problem(
                    path,
                    crossed_at,
                    f"question '{item.id}' has {total:,} {what}, over the {limit:,} limit "
                    "per question: split it into smaller questions",
                )
            )
            ok = False
    return ok


def _trim_meta(block: list[str]) -> list[str]:
    return [line for line in block if not line.strip().startswith("<!--")]


def _section_value(
    path: str, kind: str, body: list[str], first_line: int, problems: list[Problem]
) -> Any:
    if kind == "text":
        return "\n".join(body).strip()
    items = _list_items(path, body, first_line, problems)
    if items is None:
        return None
    if kind == "list":
        return [text for text, _ in items]
    if kind == "references":
        return [_reference(text) for text, _ in items]
    if kind == "phases":
        return _phases(path, items, problems)
    return _rubric(path, items, problems)


def _list_items(
    path: str, body: list[str], first_line: int, problems: list[Problem]
) -> list[tuple[str, int]] | None:
    items: list[tuple[str, int]] = []
    for offset, line in enumerate(body):
        if not line.strip() or line.strip().startswith("<!--"):
            continue
        match = _LIST_ITEM.match(line)
        if match:
            items.append((match.group(1).strip(), first_line + offset))
        elif items and line.startswith((" ", "\t")):
            text, number = items[-1]
            items[-1] = (f"{text} {line.strip()}", number)
        else:
            problems.append(
                Problem(path, first_line + offset, "expected a list item starting with '- '")
            )
            return None
    return items


def _reference(text: str) -> dict[str, Any]:
    match = _LINK.match(text)
    if match:
        title = (match.group("title") + " " + match.group("rest")).strip()
        return {"title": title, "url": match.group("url")}
    return {"title": text}


def _phases(
    path: str, items: list[tuple[str, int]], problems: list[Problem]
) -> list[dict[str, Any]] | None:
    phases: list[dict[str, Any]] = []
    for text, line in items:
        match = _PHASE.match(text)
        if not match:
            problems.append(
                Problem(
                    path, line, f"phase {text!r} needs its minutes, like 'Requirements (5 min)'"
                )
            )
            return None
        phases.append({"name": match.group("name"), "minutes": int(match.group("minutes"))})
    return phases


def _rubric(
    path: str, items: list[tuple[str, int]], problems: list[Problem]
) -> list[dict[str, Any]] | None:
    rubric: list[dict[str, Any]] = []
    for text, line in items:
        match = _RUBRIC.match(text)
        if not match:
            problems.append(
                Problem(
                    path,
                    line,
                    f"rubric item {text!r} needs a weight, like '[3] Sizes the KV cache'",
                )
            )
            return None
        rubric.append({"weight": int(match.group("weight")), "text": match.group("text")})
    return rubric


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
    profile = _validate_model(
        path, RoleProfile, values, key_lines, 1, result.problems, "role profile"
    )
    if ok and profile is not None:
        result.profile = profile
        result.role_line = key_lines["role"]
