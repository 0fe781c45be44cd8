"""The parser turns every problem of a bank file into `path:line: message`, all of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewprep.banks.parser import parse_bytes
from tests.banktext import bank, design, flashcard, front

ROOT = Path(__file__).resolve().parents[2]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line that starts with ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle)]
    return hits[occurrence - 1]


def problems(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    return [str(p) for p in parse_bytes("b.md", data).problems]


def test_valid_bank_parses_with_questions_in_order() -> None:
    parsed = parse_bytes("b.md", (bank(ids=("a", "b")) + design("d")).encode())
    assert parsed.problems == []
    assert parsed.bank is not None
    assert [q.id for q in parsed.bank.questions] == ["a", "b", "d"]
    d = parsed.bank.questions[2]
    assert d.type == "system-design"
    assert [(p.name, p.minutes) for p in d.phases] == [("Requirements", 15), ("Design", 30)]
    assert [(r.weight, r.text) for r in d.rubric] == [(3, "Clarifies scope"), (2, "Estimates load")]


def test_documented_example_validates() -> None:
    doc = (ROOT / "docs" / "bank-format.md").read_text(encoding="utf-8")
    block = doc.split("<!-- example:start -->")[1].split("<!-- example:end -->")[0].strip()
    example = block.removeprefix("````markdown").removesuffix("````").strip() + "\n"
    parsed = parse_bytes("example.md", example.encode())
    assert parsed.problems == []
    assert parsed.bank is not None
    types = {q.type for q in parsed.bank.questions}
    assert types == {"flashcard", "system-design"}


def test_every_documented_front_matter_key_and_section_is_in_the_example() -> None:
    doc = (ROOT / "docs" / "bank-format.md").read_text(encoding="utf-8")
    example = doc.split("<!-- example:start -->")[1].split("<!-- example:end -->")[0]
    for section in re.findall(r"^\| `### ([A-Za-z-]+)`", doc, flags=re.M):
        assert f"### {section}" in example, section
    for key in re.findall(r"^\| `([a-z_]+)` \| (?:yes|no|system-design)", doc, flags=re.M):
        assert re.search(rf"^{key}:", example, flags=re.M), key


def test_all_problems_are_reported_not_just_the_first() -> None:
    text = (
        front().replace("title:", "titel:")
        + flashcard("dup")
        + flashcard("dup")
        + "\n## odd\ntype: flashcrd\n"
        + "\n## empty\ntype: flashcard\ntopics: [x]\ndifficulty: mid\n\n### Prompt\n\n### Answer\nA\n"
    )
    found = problems(text)
    first, second = line_of(text, "## dup"), line_of(text, "## dup", 2)
    odd = line_of(text, "## odd")
    assert found == [
        "b.md:1: front matter: missing 'title'",
        f"b.md:{line_of(text, 'titel')}: unknown front-matter key 'titel' (did you mean 'title'?)",
        f"b.md:{second}: duplicate question id 'dup' (first at line {first})",
        f"b.md:{odd}: question 'odd' has no '### Prompt' section",
        f"b.md:{odd}: question 'odd' has no '### Answer' section",
        f"b.md:{odd}: question 'odd': missing 'topics'",
        f"b.md:{odd}: question 'odd': missing 'difficulty'",
        f"b.md:{line_of(text, 'type: flashcrd')}: unknown question type 'flashcrd' "
        "(did you mean 'flashcard'?)",
        f"b.md:{line_of(text, '### Prompt', 3)}: prompt is empty",
    ]


def test_every_layer_of_mistakes_comes_in_one_run(tmp_path: Path) -> None:
    """Fixing what one run reports must never uncover problems the run could have named: an
    unknown role, a bad value beside an unknown key, a broken list, a second bad item."""
    from interviewprep.banks.loader import load_paths

    text = (
        front(role="agent-enginer")
        + flashcard("a").replace("difficulty: mid", "difficulty: hard\ncolour: blue")
        + design("d")
        .replace("- [2] Estimates load", "- Estimates load\n- [2] ok\n- no weight")
        .replace("- Design (30 min)", "- Design")
        + flashcard("b", prompt="> " * 30 + "deep", answer="y" * 25_000)
        + flashcard("a").replace("difficulty: mid", "difficulty: easy")
    )
    path = tmp_path / "b.md"
    path.write_text(text, encoding="utf-8")
    found = [p.message for p in load_paths([path]).problems]
    assert found == [
        "unknown role 'agent-enginer' (did you mean 'agent-engineer'?); built-in roles are "
        "agent-engineer, ml-engineer, agentops-engineer, and a role.md profile can declare "
        "another",
        "difficulty 'hard' is not allowed; expected 'junior', 'mid', 'senior' or 'staff'",
        "unknown question key 'colour'",
        "phase 'Design' needs its minutes, like 'Requirements (5 min)'",
        "rubric item 'Estimates load' needs a weight, like '[3] Sizes the KV cache'",
        "rubric item 'no weight' needs a weight, like '[3] Sizes the KV cache'",
        "markdown nested deeper than 20 levels",
        "line is 25,000 characters long, over the 20,000 limit",
        "duplicate question id 'a' (first at line 11)",
        "difficulty 'easy' is not allowed; expected 'junior', 'mid', 'senior' or 'staff'",
    ]


def test_invalid_utf8_on_several_lines_is_reported_in_one_run() -> None:
    text = front() + flashcard("a") + flashcard("b", answer="bad")
    data = text.encode().replace(b"What is a?", b"What \xff a?").replace(b"bad", b"b\xc3d")
    assert problems(data) == [
        f"b.md:{line_of(text, 'What is a?')}: invalid UTF-8 (byte 0xff at column 6)",
        f"b.md:{line_of(text, 'bad')}: invalid UTF-8 (byte 0xc3 at column 2)",
    ]


def test_a_flood_of_problems_is_cut_with_a_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from interviewprep.banks import limits

    monkeypatch.setattr(limits, "MAX_PROBLEMS_PER_FILE", 3)
    text = front() + "".join(f"\n## q{n}\ntype: flashcard\ncolour: red\n" for n in range(5))
    found = problems(text)
    assert len(found) == 4
    assert found[-1].endswith("more problems from this line on are not listed")


def test_missing_id_heading_and_missing_sections() -> None:
    text = (
        front()
        + "\n##\ntype: flashcard\n"
        + "\n## no-answer\ntype: flashcard\n"
        + ("topics: [a]\ndifficulty: mid\n\n### Prompt\nQ?\n")
    )
    found = problems(text)
    assert f"b.md:{line_of(text, '##')}: question heading has no id" in found
    assert (
        f"b.md:{line_of(text, '## no-answer')}: question 'no-answer' has no '### Answer' section"
        in found
    )


def test_unknown_role_is_reported_at_its_line_by_the_loader(tmp_path: Path) -> None:
    from interviewprep.banks.loader import load_paths

    path = tmp_path / "b.md"
    path.write_text(bank(role="data-scientist"), encoding="utf-8")
    report = load_paths([path])
    assert [str(p) for p in report.problems] == [
        f"{path}:4: unknown role 'data-scientist'; built-in roles are agent-engineer, "
        "ml-engineer, agentops-engineer, and a role.md profile can declare another"
    ]


def test_system_design_needs_rubric_and_time_box() -> None:
    text = design("d").replace("time_box: 45\n", "").replace("### Rubric", "### Pitfalls")
    full = front() + text
    found = problems(full)
    line = line_of(full, "## d")
    assert f"b.md:{line}: system-design question 'd' has no rubric" in found
    assert f"b.md:{line}: system-design question 'd' has no time_box (minutes)" in found


def test_phase_minutes_must_match_time_box() -> None:
    full = front() + design("d", time_box=60)
    assert problems(full) == [
        f"b.md:{line_of(full, '## d')}: phase minutes add up to 45, but the time box is 60"
    ]


def test_a_mock_time_box_is_read_for_a_design_prompt() -> None:
    full = front() + design("d").replace("time_box: 45\n", "time_box: 45\nmock_time_box: 20\n")
    parsed = parse_bytes("b.md", full.encode())
    assert parsed.problems == [] and parsed.bank is not None
    question = parsed.bank.questions[0]
    assert question.type == "system-design" and question.mock_time_box == 20


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("45", "mock_time_box 45 must be shorter than the time box of 45 minutes"),
        ("60", "mock_time_box 60 must be shorter than the time box of 45 minutes"),
        ("5", "mock-time-box 5 is below the minimum of 10"),
        ("twenty", "mock-time-box: Input should be a valid integer"),
    ],
)
def test_a_bad_mock_time_box_is_reported_at_its_line(value: str, message: str) -> None:
    full = front() + design("d").replace(
        "time_box: 45\n", f"time_box: 45\nmock_time_box: {value}\n"
    )
    found = problems(full)
    assert len(found) == 1
    assert found[0].startswith(f"b.md:{line_of(full, 'mock_time_box')}: {message}")


def test_a_mock_time_box_needs_a_minute_for_each_phase() -> None:
    phases = "".join(f"- Phase {i} (4 min)\n" for i in range(12))
    text = (
        design("d", time_box=48)
        .replace("- Requirements (15 min)\n- Design (30 min)\n", phases)
        .replace("time_box: 48\n", "time_box: 48\nmock_time_box: 10\n")
    )
    full = front() + text
    assert problems(full) == [
        f"b.md:{line_of(full, 'mock_time_box')}: mock_time_box 10 cannot give each of the"
        " 12 phases a minute"
    ]


def test_a_mock_time_box_on_a_flashcard_is_reported_at_its_line() -> None:
    full = front() + flashcard("q").replace(
        "difficulty: mid\n", "difficulty: mid\nmock_time_box: 9\n"
    )
    assert problems(full) == [
        f"b.md:{line_of(full, 'mock_time_box')}: 'mock_time_box' only belongs to system-design"
        " questions"
    ]


def test_a_prompt_without_a_mock_time_box_keeps_its_stored_form() -> None:
    """Adding the field must not mark every existing design prompt 'changed'."""
    parsed = parse_bytes("b.md", (front() + design("d")).encode())
    assert parsed.bank is not None
    assert "mock_time_box" not in parsed.bank.questions[0].model_dump_json()


def test_bad_yaml_points_at_its_line() -> None:
    text = front().replace("authors: [Test Author]", "authors: [Test Author") + flashcard("a")
    found = problems(text)
    assert len(found) == 1
    assert re.match(r"b\.md:(7|8): bad YAML in front matter", found[0]), found


def test_invalid_utf8_reports_line_and_column() -> None:
    text = front() + flashcard("a")
    data = text.encode().replace(b"What is a?", b"What \xff is a?")
    line = line_of(text, "What is a?")
    assert problems(data) == [f"b.md:{line}: invalid UTF-8 (byte 0xff at column 6)"]


def test_binary_and_oversized_files_are_refused() -> None:
    assert problems(b"\x89PNG\r\n\x1a\n\x00\x00") == [
        "b.md:3: binary file (contains a NUL byte), not markdown"
    ]
    big = (front() + flashcard("a")).encode() + b"x" * (3 * 1024 * 1024)
    assert problems(big) == ["b.md:1: file is 3.0 MB, over the 2 MB limit"]


def test_enormous_lines_and_deep_nesting_are_refused() -> None:
    text = front() + flashcard("a", answer="y" * 30_000)
    line = line_of(text, "yyy")
    assert problems(text) == [f"b.md:{line}: line is 30,000 characters long, over the 20,000 limit"]
    deep = front() + flashcard("a", answer=">" * 50 + " deep")
    line = line_of(deep, ">>>")
    assert problems(deep) == [f"b.md:{line}: markdown nested deeper than 20 levels"]


def test_headings_inside_code_fences_are_code() -> None:
    answer = "```python\n## not-a-question\n### Prompt\nprint(1)\n```"
    parsed = parse_bytes("b.md", (front() + flashcard("a", answer=answer)).encode())
    assert parsed.problems == []
    assert parsed.bank is not None
    assert "## not-a-question" in parsed.bank.questions[0].answer


def test_missing_front_matter() -> None:
    assert problems("## a\ntype: flashcard\n") == [
        "b.md:1: missing front matter: the file must start with a '---' line"
    ]


def test_unknown_section_suggests_the_right_name() -> None:
    text = front() + flashcard("a") + "\n### Hintz\n- one\n"
    line = line_of(text, "### Hintz")
    assert problems(text) == [f"b.md:{line}: unknown section 'Hintz' (did you mean 'hints'?)"]


def test_an_unquoted_version_is_refused_with_a_quote_it_hint() -> None:
    # YAML reads 1.10 as the number 1.1: stored, it would sort below 1.9
    text = front().replace('"1.0.0"', "1.10") + flashcard("a")
    parsed = parse_bytes("b.md", text.encode())
    assert parsed.bank is None
    assert problems(text) == [
        f"b.md:{line_of(text, 'version: 1.10')}: version 1.1 is a number to YAML, not text "
        '(unquoted, 1.10 reads as 1.1); quote it as written, for example version: "1.10"'
    ]


def test_non_ascii_digits_in_metadata_are_a_problem_not_a_crash() -> None:
    # str.isdigit() holds for '²', which int() refuses: the fast path must leave it to YAML
    full = front() + design("d").replace("time_box: 45", "time_box: ²")
    found = problems(full)
    assert found and all(p.startswith("b.md:") for p in found), found
    assert any("time-box" in p for p in found), found


_LINE = re.compile(r"^b\.md:\d+: \S")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=2000),
        st.lists(
            st.sampled_from(
                [
                    "---",
                    "id: x",
                    "role: ml-engineer",
                    "## q",
                    "### Prompt",
                    "### Answer",
                    "type: flashcard",
                    "type: system-design",
                    "topics: [a]",
                    "difficulty: mid",
                    "```",
                    "- [3] item",
                    "- Phase (5 min)",
                    "time_box: 5",
                    "time_box: ²",
                    ": :",
                    "[",
                    "&a *a",
                    "### Rubric",
                    "### Phases",
                    "title: T",
                    "\t",
                    "",
                    "version: 1",
                ]
            ),
            max_size=60,
        ).map("\n".join),
    )
)
def test_any_input_gives_a_bank_or_path_line_problems(data: str | bytes) -> None:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    parsed = parse_bytes("b.md", raw)
    if parsed.bank is None and parsed.profile is None:
        assert parsed.problems, "a file that did not load must say why"
    for problem in parsed.problems:
        assert _LINE.match(str(problem)), str(problem)
        assert problem.line >= 1


def test_a_question_title_is_read_and_shown_instead_of_the_id() -> None:
    text = front() + flashcard("never-retry-writes").replace(
        "type: flashcard\n", "type: flashcard\ntitle: Retrying a tool call that timed out\n"
    )
    parsed = parse_bytes("b.md", text.encode())
    assert parsed.problems == []
    assert parsed.bank is not None
    assert parsed.bank.questions[0].title == "Retrying a tool call that timed out"


def test_a_title_that_only_repeats_the_id_is_reported_at_its_line() -> None:
    text = front() + flashcard("never-retry-writes").replace(
        "type: flashcard\n", "type: flashcard\ntitle: Never retry writes\n"
    )
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(f"b.md:{line_of(text, 'title: Never')}: ")
    assert "only repeats the id" in found[0]


def test_a_title_must_be_one_short_line() -> None:
    text = front() + flashcard("q1").replace(
        "type: flashcard\n", f"type: flashcard\ntitle: {'x' * 81}\n"
    )
    found = problems(text)
    assert len(found) == 1 and f"b.md:{line_of(text, 'title:', 2)}: " in found[0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("## b", "# b", "'# b' is a level-1 heading; a question starts with '## b' (two #)"),
        (
            "### Prompt",
            "#### Prompt",
            "'#### Prompt' is a level-4 heading; sections are '### Prompt' (three #)",
        ),
        (
            "## b",
            "##b",
            "'##b' needs a space after '##': GitHub shows it as text, not a heading; write '## b'",
        ),
        (
            "### Answer",
            "###Answer",
            "'###Answer' needs a space after '###': GitHub shows it as text, not a heading; "
            "write '### Answer'",
        ),
    ],
)
def test_a_heading_slip_gets_one_message_that_names_it(old: str, new: str, message: str) -> None:
    text = front() + flashcard("a") + flashcard("b").replace(old, new, 1)
    assert problems(text) == [f"b.md:{line_of(text, new)}: {message}"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "- [3] Clarifies scope",
            "- [0] Clarifies scope",
            "rubric item 1: weight 0 is below the minimum of 1 (a rubric weight is a whole "
            "number from 1 to 10)",
        ),
        (
            "- [2] Estimates load",
            "- [12] Estimates load",
            "rubric item 2: weight 12 is above the maximum of 10 (a rubric weight is a whole "
            "number from 1 to 10)",
        ),
    ],
)
def test_a_rubric_weight_out_of_range_is_said_in_plain_words(
    old: str, new: str, message: str
) -> None:
    text = front() + design("d").replace(old, new)
    found = problems(text)
    assert [p.split(": ", 1)[1] for p in found] == [message]


def _wrapped(unit: str, count: int) -> str:
    words = [unit.format(i=i) for i in range(count)]
    return "\n".join(" ".join(words[i : i + 6]) for i in range(0, count, 6))


@pytest.mark.parametrize(
    ("answer", "what"),
    [
        (_wrapped("word{i}", 4_000), "characters"),
        (_wrapped("[l{i}](https://example.org/{i})", 51), "links"),
        (_wrapped("$x_{i}$", 51), "inline math delimiters"),
        (_wrapped("*a{i}*", 1_001), "inline markdown tokens"),
    ],
)
def test_a_question_too_costly_to_render_is_refused_at_its_section(answer: str, what: str) -> None:
    # each of these rendered for seconds to minutes and passed validation
    text = front() + flashcard("ok") + flashcard("costly", answer=answer)
    found = problems(text)
    assert len(found) == 1, found
    line = line_of(text, "### Answer", occurrence=2)
    assert re.fullmatch(
        rf"b\.md:{line}: question 'costly' has [\d,]+ {re.escape(what)}.*over the [\d,]+ limit.*",
        found[0],
    ), found[0]


def test_render_costs_add_up_across_a_questions_sections() -> None:
    half = _wrapped("[l{i}](https://example.org/{i})", 26)
    text = front() + flashcard("costly", prompt=half, answer=half)
    found = problems(text)
    assert (
        found and f"b.md:{line_of(text, '### Answer')}: question 'costly' has 52 links" in found[0]
    )
