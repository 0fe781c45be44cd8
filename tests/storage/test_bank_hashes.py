"""What an import stores must stay what earlier versions stored: content hashes decide which
questions a re-import marks changed."""

from __future__ import annotations

from pathlib import Path

from interviewprep.banks.loader import load_paths
from interviewprep.banks.parser import parse_bytes
from interviewprep.storage.bank_repository import (
    _slugs_json,
    bank_hash,
    content_hashes,
    question_hash,
)
from interviewprep.storage.types import to_json_text
from tests.banktext import design, flashcard, front

BANKS = Path(__file__).resolve().parents[2] / "question_banks"


def test_content_hashes_match_the_stored_formula() -> None:
    odd = 'Quotes " and \\ backslash, é, 😀, \u2028 line sep, \x7f, <b>html</b>'
    text = (
        front()
        + flashcard("a", prompt=odd, answer=odd + "\n\n```\n## code\n```")
        + design("d")
        + "\n### References\n- [A paper](https://example.com/x?a=1&b=2) 2024\n- Plain\n"
        + "\n### Hints\n- one\n- two\n"
    )
    parsed = parse_bytes("b.md", text.encode())
    assert parsed.problems == [] and parsed.bank is not None
    banks = [parsed.bank] + [bank for _, bank in load_paths([BANKS]).banks]
    for bank in banks:
        assert content_hashes(bank) == (
            bank_hash(bank),
            [question_hash(question) for question in bank.questions],
        )


def test_topics_are_stored_as_the_json_of_their_list() -> None:
    for topics in ([], ["a"], ["rag-chunking", "llm-fundamentals", "x9"]):
        assert _slugs_json(topics) == to_json_text(topics)
