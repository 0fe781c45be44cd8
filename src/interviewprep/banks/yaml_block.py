"""YAML blocks (front matter, question metadata) read safely: a fast path for the plain
``key: value`` lines nearly every bank uses, and a safe YAML load with aliases refused otherwise."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from interviewprep.banks.problems import Problem

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader

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


def load_yaml_mapping(
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
