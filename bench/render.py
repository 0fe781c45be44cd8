"""Hostile-render benchmark: how long one question takes to render as its text grows.

Each input is one answer built from a repeated unit (a `$`, a link, a formula, ...), rendered
at a base size and at 2x, 4x and 8x, plus the size a hostile bank reported in the wild. For each
it prints the time, whether a bank holding that question passes validation, and the growth
exponent k of time ~ size^k fitted on the four growth sizes (1 is linear, 2 quadratic).

    python -m bench render              every input, 20 s budget per size
    python -m bench render --budget 5   skip the larger sizes of an input once one takes 5 s

The promise it checks: every input that validates renders in under 1 s.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from interviewprep.banks.parser import parse_bytes
from interviewprep.render.markdown import render_markdown


@dataclass(frozen=True)
class Hostile:
    name: str
    unit: Callable[[int], str]
    base: int
    wild: int  # the repeat count reported in issue 27, rendered on its own


INPUTS = [
    Hostile("dollar-a", lambda _i: "$a ", 1_000, 30_000),
    Hostile("links", lambda i: f"[l{i}](https://example.org/{i}) ", 250, 20_000),
    Hostile("formulas", lambda i: f"$x_{{{i}}}$ ", 1_000, 30_000),
    Hostile("emphasis", lambda _i: "*a* ", 1_000, 20_000),
    Hostile("open-brackets", lambda _i: "[", 1_000, 20_000),
    Hostile("code-spans", lambda _i: "`a` ", 1_000, 20_000),
    Hostile("backslash-dollar", lambda _i: "\\$a$ ", 1_000, 20_000),
    Hostile("plain-words", lambda _i: "word ", 2_000, 40_000),
]

_HEADER = """---
id: hostile
title: Hostile
role: ml-engineer
version: "1.0"
license: CC-BY-4.0
authors: [bench]
description: One question, generated.
format: 1
---

## q
type: flashcard
topics: [bench]
difficulty: mid

### Prompt
What is this?

### Answer
"""


def _padded(unit: Callable[[int], str], count: int, chars: int) -> str:
    """``count`` units spread through words up to about ``chars`` characters: each cost at its
    limit in a paragraph as long as a question may be, where inline parsing costs most."""
    words = max(0, (chars - sum(len(unit(i)) for i in range(count))) // 5)
    step = max(1, words // max(1, count))
    out: list[str] = []
    for i in range(max(count, words // step)):
        if i < count:
            out.append(unit(i))
        out.append("word " * step)
    return "".join(out)[:chars]


AT_THE_LIMIT: list[tuple[str, Callable[[], str]]] = [
    ("50 links", lambda: _padded(lambda i: f"[l{i}](https://example.org/{i}) ", 50, 19_500)),
    ("50 formulas", lambda: _padded(lambda i: f"$x_{{{i}}}^2$ ", 50, 19_500)),
    ("1,000 emphases", lambda: _padded(lambda _i: "*a* ", 1_000, 19_500)),
    ("1,000 code spans", lambda: _padded(lambda _i: "`a` ", 1_000, 19_500)),
    (
        "all at once",
        lambda: _padded(lambda i: f"[l{i}](https://e.org/{i}) $y_{{{i}}}$ *b* `c` ", 48, 19_500),
    ),
]
"""Inputs at the validator's limits, as long as a question may be."""


def answer_text(hostile: Hostile, count: int) -> str:
    return _wrap([hostile.unit(i) for i in range(count)])


def _wrap(words: list[str]) -> str:
    # wrapped at about 80 characters so the bank line limit is not what rejects it
    lines: list[str] = []
    line = ""
    for word in words:
        if len(line) + len(word) > 80 and line:
            lines.append(line.rstrip())
            line = ""
        line += word
    lines.append(line.rstrip())
    return "\n".join(lines)


def validates(text: str) -> bool:
    return parse_bytes("hostile.md", (_HEADER + text + "\n").encode()).ok


def time_render(text: str) -> float:
    start = time.perf_counter()
    render_markdown.__wrapped__(text, False)  # around the cache: every size is rendered afresh
    return time.perf_counter() - start


def exponent(points: list[tuple[int, float]]) -> float | None:
    usable = [(math.log(n), math.log(t)) for n, t in points if t > 0]
    if len(usable) < 2:
        return None
    mean_x = sum(x for x, _ in usable) / len(usable)
    mean_y = sum(y for _, y in usable) / len(usable)
    var = sum((x - mean_x) ** 2 for x, _ in usable)
    return sum((x - mean_x) * (y - mean_y) for x, y in usable) / var if var else None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench render", description=__doc__)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds; see above")
    parser.add_argument("--only", help="run only the input with this name")
    args = parser.parse_args(argv)
    render_markdown("warm-up $x$ `c` [l](https://example.org)", False)
    print(f"{'input':<18}{'size':>8}{'chars':>10}{'validates':>11}{'seconds':>10}")
    failures = 0
    for hostile in INPUTS:
        if args.only and hostile.name != args.only:
            continue
        points: list[tuple[int, float, bool]] = []
        slow = False
        for factor in (1, 2, 4, 8):
            points.append(_row(hostile, hostile.base * factor, slow, args.budget))
            slow = slow or points[-1][1] > args.budget
        wild = _row(hostile, hostile.wild, slow, args.budget, label="wild")
        # a skipped size took longer than the budget: if it validates, it fails the promise
        failures += sum(1 for _, t, ok in (*points, wild) if ok and not t <= 1.0)
        k = exponent([(n, t) for n, t, _ in points if not math.isnan(t)])
        print(f"{'':<18}growth exponent {k:.2f}" if k is not None else f"{'':<18}growth -")
    if not args.only:
        print("at the validator's limits, 19,500 characters in one paragraph:")
        for name, build in AT_THE_LIMIT:
            text = _wrap([word + " " for word in build().split(" ")])
            ok = validates(text)
            seconds = time_render(text)
            failures += 1 if ok and seconds > 1.0 else 0
            shown = f"{seconds:.3f}"
            print(f"{name:<18}{'':>8}{len(text):>10,}{'yes' if ok else 'no':>11}{shown:>10}")
    print(
        "every validating input under 1 s"
        if not failures
        else f"{failures} validating input(s) took over 1 s"
    )
    return 1 if failures else 0


def _row(
    hostile: Hostile, count: int, skip: bool, budget: float, label: str = ""
) -> tuple[int, float, bool]:
    text = answer_text(hostile, count)
    ok = validates(text)
    if skip:
        seconds = float("nan")
        shown = f">{budget:.0f} (skipped)"
    else:
        seconds = time_render(text)
        shown = f"{seconds:.3f}"
    name = f"{hostile.name}{' ' + label if label else ''}"
    print(f"{name:<18}{count:>8,}{len(text):>10,}{'yes' if ok else 'no':>11}{shown:>10}")
    return count, seconds, ok
