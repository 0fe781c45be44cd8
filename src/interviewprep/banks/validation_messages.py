"""Pydantic validation errors turned into the messages a bank maintainer reads
('rubric item 2: weight 0 is below the minimum of 1 ...'), each at the line it is about."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from interviewprep.banks.problems import Problem


def validate_model(
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
        report_validation(path, err, lines, default_line, problems, what)
        return None


def report_validation(
    path: str,
    err: ValidationError,
    lines: dict[str, int],
    default_line: int,
    problems: list[Problem],
    what: str,
) -> None:
    report_errors(path, err.errors(include_url=False), lines, default_line, problems, what)


def report_errors(
    path: str,
    errors: Iterable[Any],
    lines: dict[str, int],
    default_line: int,
    problems: list[Problem],
    what: str,
) -> None:
    """Each of pydantic's ``errors`` (some may have been left out: already said another way)
    as a problem at the line of its field."""
    for error in errors:
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
    "key-points.weight": "a key point's weight is a whole number from 1 to 5",
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
    hint = _RANGES.get(f"{label}.{name}", _RANGES.get(name))
    return f"{owner}{name} {error['input']} is {relation} {bound}" + (f" ({hint})" if hint else "")


def _pattern_hint(field_name: str) -> str:
    if field_name == "version":
        return 'write it as MAJOR.MINOR or MAJOR.MINOR.PATCH, quoted ("1.0.0")'
    return "use lower-case letters, digits and '-' (for example 'rag-chunking')"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a close candidate exists, else ''."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
