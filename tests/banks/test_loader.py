"""Loading folders: one broken file never stops the others; roles and bank ids across files."""

from __future__ import annotations

from pathlib import Path

from interviewprep.banks.loader import load_paths
from tests.banktext import bank, write

PROFILE = (
    "---\nrole_profile: data-engineer\ntitle: Data engineer\n"
    "summary: Builds pipelines.\ntopics:\n  pipelines: Pipelines\n"
    "  llm-fundamentals: LLM fundamentals\n---\n\n## Day to day\nPipelines.\n"
)


def test_broken_file_does_not_stop_good_ones(tmp_path: Path) -> None:
    write(tmp_path / "a.md", bank("a"))
    write(tmp_path / "b.md", "not a bank at all")
    write(tmp_path / "sub" / "c.md", bank("c"))
    write(tmp_path / "README.md", "# readme is not a bank")
    report = load_paths([tmp_path])
    assert sorted(b.meta.id for _, b in report.banks) == ["a", "c"]
    assert [p.path for p in report.problems] == [str(tmp_path / "b.md")]


def test_role_profile_declares_a_new_role(tmp_path: Path) -> None:
    write(tmp_path / "data-engineer" / "role.md", PROFILE)
    write(tmp_path / "data-engineer" / "x.md", bank("x", role="data-engineer"))
    report = load_paths([tmp_path])
    assert report.problems == []
    assert [p.role for p in report.profiles] == ["data-engineer"]
    assert report.profiles[0].topics == {
        "pipelines": "Pipelines",
        "llm-fundamentals": "LLM fundamentals",
    }


def test_same_bank_id_in_two_files_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.md", bank("same"))
    write(tmp_path / "b.md", bank("same"))
    report = load_paths([tmp_path])
    assert len(report.banks) == 1
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'b.md'}:1: bank id 'same' is already used by {tmp_path / 'a.md'}"
    ]


def test_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    report = load_paths([tmp_path / "nope.md"])
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'nope.md'}:1: no such file or folder"
    ]


def test_a_broken_file_is_checked_across_files_but_never_keeps_a_good_one_out(
    tmp_path: Path,
) -> None:
    broken = bank("same", role="data-scientist").replace("difficulty: mid", "difficulty: x", 1)
    write(tmp_path / "a.md", broken)
    write(tmp_path / "b.md", bank("same"))
    report = load_paths([tmp_path])
    assert [b.meta.id for _, b in report.banks] == ["same"]  # b.md, though a.md came first
    found = [(Path(p.path).name, p.message.split(";")[0]) for p in report.problems]
    assert found == [
        ("a.md", f"bank id 'same' is already used by {tmp_path / 'b.md'}"),
        ("a.md", "unknown role 'data-scientist'"),
        ("a.md", "difficulty 'x' is not allowed"),
    ]
