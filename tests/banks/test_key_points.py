"""Key points: the optional checklist a flashcard's answer is graded against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewprep.banks.models import Bank, BankMeta, Flashcard, KeyPoint
from interviewprep.banks.parser import parse_bytes
from interviewprep.banks.schema import bank_schema
from interviewprep.banks.writer import write_bank
from interviewprep.cli import main
from tests.banktext import design, flashcard, front, write

POINTS = "\n### Key points\n- Names the trade-off\n- [2] Gives a number\n- Says when it fails\n"


def parse(text: str) -> tuple[list[str], Bank | None]:
    parsed = parse_bytes("b.md", text.encode())
    return [str(p) for p in parsed.problems], parsed.bank


def test_key_points_are_read_with_their_weights() -> None:
    found, bank = parse(front() + flashcard("a") + POINTS)
    assert found == []
    assert bank is not None
    card = bank.questions[0]
    assert isinstance(card, Flashcard)
    assert [(p.text, p.weight) for p in card.key_points] == [
        ("Names the trade-off", 1),
        ("Gives a number", 2),
        ("Says when it fails", 1),
    ]


def test_a_card_without_key_points_is_still_valid() -> None:
    found, bank = parse(front() + flashcard("a"))
    assert found == [] and bank is not None
    assert bank.questions[0].key_points == []  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("- One\n- Two\n", "key points: 2 given; an answer is checked against 3 to 7 of them"),
        ("".join(f"- Point {i}\n" for i in range(8)), "key points: 8 given"),
        ("- One\n- One\n- Two\n", "key points: the same point is listed twice"),
        ("- [9] One\n- Two\n- Three\n", "weight 9 is above the maximum of 5 (a key point's weight"),
    ],
)
def test_a_bad_checklist_is_named_at_its_section(points: str, message: str) -> None:
    text = front() + flashcard("a") + "\n### Key points\n" + points
    found, bank = parse(text)
    assert bank is None
    line = text.splitlines().index("### Key points") + 1
    assert any(p.startswith(f"b.md:{line}: ") and message in p for p in found), found


def test_a_key_point_on_two_lines_is_refused_at_its_second_line() -> None:
    text = front() + flashcard("a") + "\n### Key points\n- One\n- Two that\n  goes on\n- Three\n"
    found, _ = parse(text)
    line = text.splitlines().index("  goes on") + 1
    assert found == [f"b.md:{line}: a key point is one line: split it, or shorten it"]


def test_key_points_belong_to_flashcards_only() -> None:
    text = front() + design("d") + POINTS
    found, _ = parse(text)
    line = text.splitlines().index("### Key points") + 1
    assert found == [
        f"b.md:{line}: section 'key points' only belongs to flashcards: a system-design prompt "
        "is scored by its rubric"
    ]


def test_writing_a_bank_keeps_its_key_points_and_titles() -> None:
    meta = BankMeta(
        id="demo",
        title="Demo",
        role="agent-engineer",
        version="1.0.0",
        license="CC-BY-4.0",
        authors=["A"],
        description="D",
    )
    card = Flashcard(
        id="retry-storms",
        title="Retries across layers",
        topics=["tool-calling"],
        difficulty="mid",
        prompt="P",
        answer="A",
        key_points=[
            KeyPoint(text="Multiplies", weight=3),
            KeyPoint(text="Budget"),
            KeyPoint(text="Jitter"),
        ],
    )
    bank = Bank(meta=meta, questions=[card])
    parsed = parse_bytes("b.md", write_bank(bank).encode())
    assert parsed.problems == []
    assert parsed.bank == bank  # titles were dropped on the way out before


def test_the_schema_and_bank_stats_know_key_points(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flashcard_schema = bank_schema()["$defs"]["Flashcard"]
    assert "key_points" in flashcard_schema["properties"]
    write(tmp_path / "a.md", front("a") + flashcard("x") + POINTS + flashcard("y"))
    assert main(["bank", "stats", "--json", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agent-engineer"]["flashcards_with_key_points"] == 1
    assert main(["bank", "stats", str(tmp_path)]) == 0
    assert "key points: 1 of 2 flashcards" in capsys.readouterr().out
