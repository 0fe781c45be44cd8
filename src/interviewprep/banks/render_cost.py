"""Render cost per question: a question with too many characters, links, math delimiters or
inline tokens would take seconds to minutes to render, so the parser refuses it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from interviewprep.banks import limits
from interviewprep.banks.problems import Problem

_LINK_MARK = re.compile(r"\]\(|\]\[|<[a-z][a-z0-9+.-]*:", flags=re.IGNORECASE)
_MATH_DELIMITER = re.compile(r"(?<!\\)\$|\\\(|\\\[")
_INLINE_TOKEN = re.compile(r"[`*_\[\]$<&\\~!]")
RENDER_COSTS = (
    ("characters", None, limits.MAX_QUESTION_CHARS),
    ("links", _LINK_MARK, limits.MAX_QUESTION_LINKS),
    (
        "inline math delimiters ($, \\( or \\[)",
        _MATH_DELIMITER,
        limits.MAX_QUESTION_MATH_DELIMITERS,
    ),
    ("inline markdown tokens", _INLINE_TOKEN, limits.MAX_QUESTION_INLINE_TOKENS),
)


def check_render_cost(
    path: str,
    question_id: str,
    sections: Mapping[str, tuple[list[str], int]],
    problems: list[Problem],
) -> bool:
    """Refuse a question too costly to render, at the line of the section that crosses the
    limit: rendering such a question would take seconds to minutes."""
    ok = True
    for what, pattern, limit in RENDER_COSTS:
        total = 0
        crossed_at = 0
        for body, line in sections.values():
            text = "\n".join(body)
            total += len(text) if pattern is None else len(pattern.findall(text))
            if total > limit and not crossed_at:
                crossed_at = line
        if crossed_at:
            problems.append(
                Problem(
                    path,
                    crossed_at,
                    f"question '{question_id}' has {total:,} {what}, over the {limit:,} limit "
                    "per question: split it into smaller questions",
                )
            )
            ok = False
    return ok
