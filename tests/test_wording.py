"""Counted nouns read as words: '1 card', '3 cards', never 'card(s)' or '1 reviews'."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from interviewprep.wording import count

SOURCE = Path(__file__).resolve().parents[1] / "src" / "interviewprep"
NOT_YET: set[str] = set()


def test_count_picks_the_word_for_the_number() -> None:
    assert count(1, "card") == "1 card"
    assert count(3, "card") == "3 cards"
    assert count(0, "review") == "0 reviews"
    assert count(1, "day") == "1 day"
    assert count(12_500, "question") == "12,500 questions"
    assert count(2, "query", "queries") == "2 queries"
    assert count(1, "design prompt") == "1 design prompt"


def test_no_message_in_the_app_hedges_a_plural() -> None:
    hedged = re.compile(r"[a-z]\(s\)")
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.relative_to(SOURCE).as_posix() in NOT_YET:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # bare strings
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and id(node) not in docs and hedged.search(text):
                found.append(f"{path.relative_to(SOURCE)}:{node.lineno}: {text!r}")
    assert found == []
