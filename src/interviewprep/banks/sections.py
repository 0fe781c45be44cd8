"""The list-shaped sections of a question (hints, references, phases, rubric) read into the
values the pydantic models take, with a ``Problem`` for each malformed item."""

from __future__ import annotations

import re
from typing import Any

from interviewprep.banks.problems import Problem

_LIST_ITEM = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_PHASE = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<minutes>\d+)\s*min(?:utes?)?\s*\)\s*$")
_RUBRIC = re.compile(r"^\[\s*(?P<weight>\d+)\s*\]\s*(?P<text>.+)$")
_LINK = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)\s*(?P<rest>.*)$")


def section_value(
    path: str, kind: str, body: list[str], first_line: int, problems: list[Problem]
) -> Any:
    if kind == "text":
        return "\n".join(body).strip()
    items = list_items(path, body, first_line, problems)
    if items is None:
        return None
    if kind == "list":
        return [text for text, _ in items]
    if kind == "references":
        return [_reference(text) for text, _ in items]
    if kind == "phases":
        return _phases(path, items, problems)
    if kind == "key_points":
        return _key_points(path, body, first_line, items, problems)
    return _rubric(path, items, problems)


def list_items(
    path: str, body: list[str], first_line: int, problems: list[Problem]
) -> list[tuple[str, int]] | None:
    items: list[tuple[str, int]] = []
    ok = True
    in_paragraph = False  # a run of lines that are not items is one problem, at its first line
    for offset, line in enumerate(body):
        if not line.strip() or line.strip().startswith("<!--"):
            in_paragraph = False
            continue
        match = _LIST_ITEM.match(line)
        if match:
            items.append((match.group(1).strip(), first_line + offset))
            in_paragraph = False
        elif items and not in_paragraph and line.startswith((" ", "\t")):
            text, number = items[-1]
            items[-1] = (f"{text} {line.strip()}", number)
        else:
            if not in_paragraph:
                problems.append(
                    Problem(path, first_line + offset, "expected a list item starting with '- '")
                )
            in_paragraph = True
            ok = False
    return items if ok else None


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
    ok = True
    for text, line in items:
        match = _PHASE.match(text)
        if not match:
            problems.append(
                Problem(
                    path, line, f"phase {text!r} needs its minutes, like 'Requirements (5 min)'"
                )
            )
            ok = False
            continue
        phases.append({"name": match.group("name"), "minutes": int(match.group("minutes"))})
    return phases if ok else None


def _rubric(
    path: str, items: list[tuple[str, int]], problems: list[Problem]
) -> list[dict[str, Any]] | None:
    rubric: list[dict[str, Any]] = []
    ok = True
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
            ok = False
            continue
        rubric.append({"weight": int(match.group("weight")), "text": match.group("text")})
    return rubric if ok else None


_WEIGHTED = re.compile(r"^\[\s*(?P<weight>\d+)\s*\]\s*(?P<text>.+)$")


def _key_points(
    path: str,
    body: list[str],
    first_line: int,
    items: list[tuple[str, int]],
    problems: list[Problem],
) -> list[dict[str, Any]] | None:
    """``- point`` or ``- [2] point``: each on one line, since each is ticked on its own."""
    starts = {number for _, number in items}
    ok = True
    for offset, line in enumerate(body):
        number = first_line + offset
        if line.strip() and number not in starts and not line.strip().startswith("<!--"):
            problems.append(
                Problem(path, number, "a key point is one line: split it, or shorten it")
            )
            ok = False  # every such line is said, in the same run
    if not ok:
        return None
    points: list[dict[str, Any]] = []
    for text, _line in items:
        match = _WEIGHTED.match(text)
        if match:
            points.append({"text": match.group("text"), "weight": int(match.group("weight"))})
        else:
            points.append({"text": text})
    return points
