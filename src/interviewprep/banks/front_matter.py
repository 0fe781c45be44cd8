"""A bank file's front matter: found between its '---' lines, read as YAML, and validated
into ``BankMeta`` with a message for every unknown key or bad value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interviewprep.banks import limits
from interviewprep.banks.models import FRONT_MATTER_KEYS, BankMeta
from interviewprep.banks.problems import Problem
from interviewprep.banks.validation_messages import did_you_mean, validate_model
from interviewprep.banks.yaml_block import load_yaml_mapping


def read_front_matter(
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
    mapping = load_yaml_mapping(path, lines[1:end], 2, problems, "front matter")
    if mapping is None:
        return None, end + 1
    return mapping, end + 1


def validate_meta(
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
    meta = validate_model(path, BankMeta, values, lines, 1, problems, "front matter")
    return meta if ok else None
