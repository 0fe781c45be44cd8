"""Writing a bank and parsing it back gives the same bank."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from interviewprep.banks.models import (
    Bank,
    BankMeta,
    Flashcard,
    KeyPoint,
    Phase,
    RubricItem,
    SystemDesign,
)
from interviewprep.banks.parser import parse_bytes
from interviewprep.banks.writer import write_bank

slug = st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)
# markdown a person would write: no lines that look like headings or fences to the parser
line = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="#`~\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and not s.startswith(("-", "*", "+", ">", "<!--")))
text = st.lists(line, min_size=1, max_size=3).map("\n".join)


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    ids = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    questions: list[Flashcard | SystemDesign] = []
    for qid in ids:
        common = {
            "id": qid,
            "topics": draw(st.lists(slug, min_size=1, max_size=3, unique=True)),
            "difficulty": draw(st.sampled_from(["junior", "mid", "senior", "staff"])),
            "prompt": draw(text),
            "answer": draw(text),
            "hints": draw(st.lists(line, max_size=2)),
            "follow_ups": draw(st.lists(line, max_size=2)),
        }
        title = draw(st.none() | line.filter(lambda s: len(s) >= 3))
        if title is not None and "-".join(title.lower().split()) != qid:
            common["title"] = title
        if draw(st.booleans()):
            points = draw(st.lists(line, min_size=3, max_size=7, unique_by=str.casefold))
            weights = draw(st.lists(st.integers(1, 5), min_size=len(points), max_size=len(points)))
            key_points = [KeyPoint(text=p, weight=w) for p, w in zip(points, weights, strict=True)]
            questions.append(
                Flashcard(**common, key_points=draw(st.just(key_points) | st.just([])))
            )
        else:
            minutes = draw(st.lists(st.integers(1, 30), min_size=1, max_size=3))
            box = max(5, sum(minutes)) if sum(minutes) >= 5 else 5
            mock = draw(st.none() | st.integers(10, box - 1)) if box > 10 else None
            questions.append(
                SystemDesign(
                    **common,
                    time_box=box,
                    mock_time_box=mock,
                    phases=[Phase(name=f"Phase {i}", minutes=m) for i, m in enumerate(minutes)]
                    if sum(minutes) >= 5
                    else [Phase(name="All", minutes=5)],
                    rubric=[RubricItem(text=draw(line), weight=draw(st.integers(1, 10)))],
                    pitfalls=draw(st.lists(line, max_size=2)),
                    curveballs=draw(st.lists(line, max_size=2)),
                )
            )
    meta = BankMeta(
        id=draw(slug),
        title=draw(line),
        role="agent-engineer",
        version="1.0.0",
        license="CC-BY-4.0",
        authors=[draw(line)],
        description=draw(line),
    )
    return Bank(meta=meta, questions=questions)


@settings(max_examples=150, deadline=None)
@given(banks())
def test_write_then_parse_round_trips(bank: Bank) -> None:
    parsed = parse_bytes("b.md", write_bank(bank).encode())
    assert parsed.problems == []
    assert parsed.bank == bank


def test_ids_and_topics_that_yaml_reads_as_booleans_round_trip() -> None:
    card = Flashcard(
        id="off", topics=["no", "null", "rag"], difficulty="mid", prompt="P", answer="A"
    )
    meta = BankMeta(
        id="yes",
        title="T",
        role="agent-engineer",
        version="1.0.0",
        license="MIT",
        authors=["A"],
        description="D",
    )
    bank = Bank(meta=meta, questions=[card])
    text = write_bank(bank)
    assert 'topics: ["no", "null", rag]' in text  # bare where YAML reads a string
    parsed = parse_bytes("b.md", text.encode())
    assert parsed.problems == []
    assert parsed.bank == bank
