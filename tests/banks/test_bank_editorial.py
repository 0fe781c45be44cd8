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
