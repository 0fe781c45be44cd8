"""The bundled banks: valid, big enough, covering every topic, honest difficulty, no duplicates."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from interviewprep.banks.loader import LoadReport, load_paths
from interviewprep.banks.models import BUILTIN_ROLES
from interviewprep.banks.near_duplicates import near_duplicate_problems

BANKS = Path(__file__).resolve().parents[2] / "question_banks"
MIN_FLASHCARDS = 150
MIN_DESIGN = 12
MIN_PER_TOPIC = 8


@pytest.fixture(scope="module")
def report() -> LoadReport:
    return load_paths([BANKS])


def test_bundled_banks_validate_without_problems(report: LoadReport) -> None:
    assert [str(p) for p in report.problems] == []


def test_every_role_has_a_profile_with_a_taxonomy(report: LoadReport) -> None:
    profiles = {p.role: p for p in report.profiles}
    assert set(BUILTIN_ROLES) <= set(profiles)
    for profile in profiles.values():
        assert len(profile.topics) >= 10
        for heading in (
            "## Day to day",
            "## Skill areas",
            "## The interview loop",
            "## How it differs",
        ):
            assert heading in profile.body, (profile.role, heading)


@pytest.mark.parametrize("role", BUILTIN_ROLES)
def test_minimum_counts_topic_coverage_and_difficulty(report: LoadReport, role: str) -> None:
    questions = [q for _, b in report.banks if b.meta.role == role for q in b.questions]
    flashcards = [q for q in questions if q.type == "flashcard"]
    designs = [q for q in questions if q.type == "system-design"]
    assert len(flashcards) >= MIN_FLASHCARDS
    assert len(designs) >= MIN_DESIGN
    taxonomy = next(p.topics for p in report.profiles if p.role == role)
    per_topic = Counter(t for q in flashcards for t in q.topics)
    thin = {t: per_topic[t] for t in taxonomy if per_topic[t] < MIN_PER_TOPIC}
    assert thin == {}, f"topics with fewer than {MIN_PER_TOPIC} flashcards"
    levels = Counter(q.difficulty for q in flashcards)
    assert set(levels) == {"junior", "mid", "senior", "staff"}
    assert max(levels.values()) <= len(flashcards) / 2


def test_every_bundled_design_prompt_fits_a_30_minute_mock(report: LoadReport) -> None:
    """A mock of any length gets a design round as the author shaped it, not one squeezed."""
    from interviewprep.banks.models import SystemDesign
    from interviewprep.core.mock_plan import design_round_minutes

    for _, bank in report.banks:
        for question in bank.questions:
            if isinstance(question, SystemDesign):
                assert question.mock_time_box is not None, question.id
                assert design_round_minutes(30, question.time_box, question.mock_time_box, 100) == (
                    question.mock_time_box
                ), question.id
                assert question.curveballs, question.id  # the interviewer has one to add


def test_banks_are_cc_by_and_split_by_topic(report: LoadReport) -> None:
    for path, bank in report.banks:
        assert bank.meta.license == "CC-BY-4.0", path
        assert Path(path).parent.name == bank.meta.role, path


def test_design_prompts_have_full_rounds(report: LoadReport) -> None:
    for _, bank in report.banks:
        for q in bank.questions:
            if q.type != "system-design":
                continue
            assert 8 <= len(q.rubric) <= 12, q.id
            assert len(q.phases) >= 5, q.id
            assert q.curveballs and q.pitfalls, q.id


def test_no_two_prompts_are_near_identical(report: LoadReport) -> None:
    assert [str(p) for p in near_duplicate_problems(report.files)] == []


def test_bundled_questions_stay_well_inside_the_render_limits() -> None:
    # room for longer questions: none of them uses more than 2/3 of any render-cost limit
    from interviewprep.banks import render_cost

    peaks: dict[str, int] = {}
    original = render_cost.check_render_cost

    def measure(
        path: str, question_id: str, sections: dict[str, tuple[list[str], int]], problems: list
    ) -> bool:
        for what, pattern, _limit in render_cost.RENDER_COSTS:
            text = "\n".join("\n".join(body) for body, _ in sections.values())
            count = len(text) if pattern is None else len(pattern.findall(text))
            peaks[what] = max(peaks.get(what, 0), count)
        return original(path, question_id, sections, problems)

    render_cost.check_render_cost = measure  # type: ignore[assignment]
    try:
        load_paths([BANKS])
    finally:
        render_cost.check_render_cost = original  # type: ignore[assignment]
    limits = {what: limit for what, _pattern, limit in render_cost.RENDER_COSTS}
    assert set(peaks) == set(limits)
    for what, peak in peaks.items():
        assert peak * 3 <= limits[what] * 2, (what, peak, limits[what])
