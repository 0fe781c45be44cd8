"""The editorial rules of the bundled banks: what a candidate reads is short, sourced and never
gives the answer away in its title."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interviewprep.banks.loader import LoadReport, load_paths
from interviewprep.banks.titles import question_title

BANKS = Path(__file__).resolve().parents[2] / "question_banks"
MAX_ANSWER_WORDS = 220
"""Flashcard answers are read in about a minute; code and display math do not count."""


@pytest.fixture(scope="module")
def report() -> LoadReport:
    return load_paths([BANKS])


def answer_words(answer: str) -> int:
    """Words a reader reads in an answer, leaving out fenced code and display math, where a
    derivation may need the room."""
    text = re.sub(r"^(```|~~~).*?^\1", " ", answer, flags=re.S | re.M)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    return len(re.findall(r"[A-Za-z0-9][\w'’./-]*", text))


def test_answer_words_leave_out_code_and_display_math() -> None:
    answer = "Two words\n\n```python\nx = 1\ny = 2\n```\n\n$$a + b = c$$\n"
    assert answer_words(answer) == 2


def test_every_flashcard_has_a_linked_reference(report: LoadReport) -> None:
    missing = [
        f"{path}: {q.id}"
        for path, bank in report.banks
        for q in bank.questions
        if q.type == "flashcard" and not any(r.url for r in q.references)
    ]
    assert missing == []


def test_every_reference_link_is_a_web_address(report: LoadReport) -> None:
    bad = [
        f"{path}: {q.id}: {r.url}"
        for path, bank in report.banks
        for q in bank.questions
        for r in q.references
        if r.url is not None and not re.match(r"^https?://[a-z0-9.-]+\.[a-z]{2,}(/|$)", r.url)
    ]
    assert bad == []


def test_no_flashcard_answer_runs_past_the_length_rule(report: LoadReport) -> None:
    long = {
        f"{path}: {q.id}": answer_words(q.answer)
        for path, bank in report.banks
        for q in bank.questions
        if q.type == "flashcard" and answer_words(q.answer) > MAX_ANSWER_WORDS
    }
    assert long == {}


def test_every_question_has_a_title_that_is_not_its_id(report: LoadReport) -> None:
    bad = []
    for path, bank in report.banks:
        for q in bank.questions:
            shown = question_title(q.title, q.prompt)
            slug = "-".join(re.sub(r"[^a-z0-9]+", " ", shown.lower()).split())
            if q.title is None or slug == q.id or shown in (q.id, f"{bank.meta.id}/{q.id}"):
                bad.append(f"{path}: {q.id}: {q.title!r}")
    assert bad == []


def test_titles_are_unique_within_a_role(report: LoadReport) -> None:
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for _, bank in report.banks:
        for q in bank.questions:
            key = (bank.meta.role, (q.title or "").casefold())
            if key in seen:
                clashes.append(f"{q.id} and {seen[key]}: {q.title}")
            seen[key] = q.id
    assert clashes == []


def test_design_prompts_phases_are_written_for_each_prompt(report: LoadReport) -> None:
    """The Phases block was once the same boilerplate everywhere: each round now has its own."""
    phase_plans = [
        tuple((p.name, p.minutes) for p in q.phases)
        for _, bank in report.banks
        for q in bank.questions
        if q.type == "system-design"
    ]
    assert len(set(phase_plans)) >= len(phase_plans) * 3 // 4


MAX_OPENING_SENTENCES = 3
"""The opening is what a candidate can say in 30 seconds; the detail follows it."""

_NOT_PROSE = re.compile(r"^\s*([-*+] |\d+[.)] |\||#|```|~~~|\$\$)")
_LABEL = re.compile(r"^\*\*[^*]+[.:]\*\*\s*")
# A full stop after these is not the end of a sentence ("Moffatt v. Air Canada", "Fig. 2").
_ABBREVIATIONS = re.compile(
    r"\b(e\.g|i\.e|vs|v|etc|et al|cf|approx|resp|Fig|Eq|No|Dr|Mr|Ms|Inc|Ltd|Corp)\.",
    flags=re.I,
)
_SENTENCE_END = re.compile(r"[.!?][*_)\]\"'’”]*\s+(?=[*_(\[\"'“‘]*[A-Z0-9])")


def answer_opening(answer: str) -> str:
    """The answer's first paragraph of prose: lines up to a blank line or a list, table,
    heading, code or display-math line, without the bold label it opens with."""
    lines: list[str] = []
    for line in answer.strip().splitlines():
        if not line.strip() or _NOT_PROSE.match(line):
            break
        lines.append(line.strip())
    return _LABEL.sub("", " ".join(lines)).strip()


def sentence_count(text: str) -> int:
    """Sentences in markdown prose, not fooled by abbreviations, decimals, version numbers,
    money, inline code or inline math."""
    text = re.sub(r"`+[^`]*`+", "CODE", text)
    text = text.replace("\\$", "USD")
    # pandoc's rule: math opens on `$` + non-space and closes on non-space + `$` not before a digit
    text = re.sub(r"\$(?=\S)[^$]*?(?<=\S)\$(?!\d)", "MATH", text)
    text = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), text)
    text = re.sub(r"(?<=\d)\.(?=\d)", "", text)
    text = text.strip()
    if not text:
        return 0
    return len(_SENTENCE_END.split(text))


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two! Three? Four.", 4),
        ("Use a cache, e.g. a prefix cache, i.e. reuse the KV. Then measure.", 2),
        ("Accuracy rose from 0.92 to 0.95 in v1.2.3. It held.", 2),
        ("Call `np.linalg.solve(A, b)`. It is stable. Prefer it.", 3),
        ("Vaswani et al. 2017 showed it. Attention vs. recurrence is the point.", 2),
        ("The bound is $p \\approx 0.5. X$ here. Next.", 2),
        ("It costs \\$5. A call, so ~\\$40 a day. Next.", 3),
        ("In Moffatt v. Air Canada (2024) a tribunal ruled. The airline paid.", 2),
        ('It works (mostly). **Then** it fails. "Why?" Nobody knows.', 4),
        ("A single sentence with no full stop", 1),
        ("", 0),
    ],
)
def test_sentence_count_handles_abbreviations_numbers_code_and_math(
    text: str, sentences: int
) -> None:
    assert sentence_count(text) == sentences


def test_answer_opening_stops_at_a_blank_line_or_a_list_and_drops_the_label() -> None:
    answer = "**Strong answer.** First. Second.\nStill second.\n- a list item. Another.\n\nMore."
    assert answer_opening(answer) == "First. Second. Still second."
    assert answer_opening("**Strong answer.** Short.\n\n$$x = 1$$\n") == "Short."


def test_every_flashcard_answer_opens_with_a_short_answer(report: LoadReport) -> None:
    too_long = {
        f"{path}: {q.id}": n
        for path, bank in report.banks
        for q in bank.questions
        if q.type == "flashcard"
        and (n := sentence_count(answer_opening(q.answer))) > MAX_OPENING_SENTENCES
    }
    assert too_long == {}
