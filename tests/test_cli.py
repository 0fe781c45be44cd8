"""The CLI as a user runs it: exit codes and what it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interviewprep.cli import main
from tests.banktext import bank, design, front, write
from tests.damage import corrupt_page


def run(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "interviewprep", *args], capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout, done.stderr


def test_validate_ok_prints_one_summary_line(tmp_path: Path) -> None:
    write(tmp_path / "a.md", bank("a") + design("d"))
    code, out, err = run("validate", str(tmp_path))
    assert code == 0
    assert out == "ok: 1 file(s), 1 bank(s), 4 question(s), 0 role profile(s)\n"
    assert err == ""


def test_validate_reports_every_problem_of_every_file(tmp_path: Path) -> None:
    write(tmp_path / "a.md", front().replace("role:", "rol:") + "\n## x\ntype: nope\n")
    (tmp_path / "b.md").write_bytes(b"\xff\xfe not utf-8")
    write(tmp_path / "good.md", bank("good"))
    code, out, err = run("validate", str(tmp_path / "a.md"), str(tmp_path))
    assert code == 1
    lines = out.splitlines()
    assert f"{tmp_path / 'a.md'}:4: unknown front-matter key 'rol' (did you mean 'role'?)" in lines
    assert (
        f"{tmp_path / 'a.md'}:12: unknown question type 'nope' (expected flashcard or system-design)"
        in lines
    )
    assert any(line.startswith(f"{tmp_path / 'b.md'}:1: invalid UTF-8") for line in lines)
    assert not any("good.md" in line for line in lines)
    assert len([line for line in lines if "'rol'" in line]) == 1, "a file named twice is read once"
    assert "Traceback" not in out + err


def test_validate_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.md", front() + "\n## x\ntype: flashcard\n")
    assert main(["validate", "--format", "github", str(tmp_path / "a.md")]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"::error file={tmp_path / 'a.md'},line=")


def test_bank_schema_is_json_schema_of_the_models(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"BankMeta", "Flashcard", "SystemDesign", "RoleProfile"} <= set(schema["$defs"])
    assert "time_box" in schema["$defs"]["SystemDesign"]["required"]


def test_bank_stats_json_counts_per_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.md", bank("a") + design("d"))
    assert main(["bank", "stats", "--json", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agent-engineer"]["flashcards"] == 3
    assert data["agent-engineer"]["system_design"] == 1


def test_import_then_stats_json_with_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "banks" / "a.md", bank("a"))
    data_dir = tmp_path / "mydata"
    assert main(["import", str(tmp_path / "banks"), "--data-dir", str(data_dir)]) == 0
    assert "3 new, 0 changed, 0 removed in 1 bank(s)" in capsys.readouterr().out
    assert (data_dir / "interviewprep.sqlite3").exists()
    assert main(["stats", "--json", "--data-dir", str(data_dir)]) == 0
    report = json.loads(capsys.readouterr().out)
    role = report["roles"]["agent-engineer"]
    assert role["questions"] == 3
    assert role["today"]["new"] == 3
    assert role["readiness"] == 0.0


def test_data_dir_from_environment(tmp_path: Path, data_dir: Path) -> None:
    write(tmp_path / "banks" / "a.md", bank("a"))
    code, _, _ = run("import", str(tmp_path / "banks"))
    assert code == 0
    assert (data_dir / "interviewprep.sqlite3").exists()


def test_import_with_broken_file_exits_1_and_keeps_good_banks(tmp_path: Path) -> None:
    write(tmp_path / "banks" / "a.md", bank("a"))
    write(tmp_path / "banks" / "broken.md", "---\nid: [\n---\n")
    code, out, _ = run("import", str(tmp_path / "banks"))
    assert code == 1
    assert f"{tmp_path / 'banks' / 'broken.md'}:" in out
    assert "3 new" in out
    code, out, _ = run("stats", "--json")
    assert json.loads(out)["roles"]["agent-engineer"]["questions"] == 3


def test_damaged_database_gives_a_message_not_a_traceback(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "interviewprep.sqlite3").write_bytes(b"garbage" * 1000)
    code, _, err = run("stats")
    assert code == 2
    assert "is damaged or is not an interviewprep database" in err
    assert "Traceback" not in err
    assert (data_dir / "interviewprep.sqlite3").read_bytes() == b"garbage" * 1000


def test_backup_create_list_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from interviewprep.core.cards import Grade
    from interviewprep.services.app import open_services

    data_dir = tmp_path / "d"
    write(tmp_path / "banks" / "a.md", bank("a", ids=("x",)))
    assert main(["import", str(tmp_path / "banks"), "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    assert main(["backup", "create", "--data-dir", str(data_dir)]) == 0
    made = capsys.readouterr().out.strip().removeprefix("backed up to ")
    with open_services(data_dir) as services:
        card = services.study.card("a", "x")
        services.study.answer(card, Grade.GOOD, 100)
    assert main(["backup", "list", "--data-dir", str(data_dir)]) == 0
    assert made in capsys.readouterr().out
    assert main(["backup", "restore", made, "--data-dir", str(data_dir)]) == 0
    assert "the state before it is saved as" in capsys.readouterr().out
    with open_services(data_dir) as services:
        assert services.study.card("a", "x").state.reps == 0
        assert len(services.backup.backups()) == 2
    assert (
        main(["backup", "restore", str(tmp_path / "banks" / "a.md"), "--data-dir", str(data_dir)])
        == 2
    )
    assert "is not an interviewprep database" in capsys.readouterr().err


def test_import_csv_and_a_missing_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = write(
        tmp_path / "sheet.csv",
        "question,answer,tags\nWhat is RAG?,Retrieval-augmented generation.,rag llm\n",
    )
    data_dir = str(tmp_path / "d")
    assert main(["import", str(sheet), "--data-dir", data_dir]) == 0
    assert "csv-sheet 1.0.0: installed, 1 new" in capsys.readouterr().out
    assert main(["import", str(tmp_path / "nope.apkg"), "--data-dir", data_dir]) == 2
    assert "nope.apkg:1: not an Anki package" in capsys.readouterr().err


def test_validate_prints_its_summary_on_a_line_of_its_own_after_the_problems(
    tmp_path: Path,
) -> None:
    # 400 problems: more than a pipe's buffer, so stdout is written out in pieces around stderr
    write(tmp_path / "a.md", front() + "".join(f"\n## q{i}\ntype: nope\n" for i in range(400)))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, "-m", "interviewprep", "validate", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        env=env,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert lines[-1] == "400 problem(s) in 1 of 1 file(s)"
    assert all(line.startswith(f"{tmp_path / 'a.md'}:") for line in lines[:-1])
    assert all(line.endswith("system-design)") for line in lines[:-1])


def test_check_says_ok_on_an_intact_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(tmp_path / "b.md", bank("demo"))
    assert run("import", "--data-dir", str(data), str(tmp_path / "b.md"))[0] == 0
    code, out, err = run("check", "--data-dir", str(data))
    assert (code, err) == (0, "")
    assert out.startswith("ok: the integrity check found no problems")


def test_check_finds_damage_and_names_the_backup_to_restore(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(tmp_path / "b.md", bank("demo"))
    assert run("import", "--data-dir", str(data), str(tmp_path / "b.md"))[0] == 0
    code, out, _ = run("backup", "create", "--data-dir", str(data))
    assert code == 0
    backup = out.split("backed up to ", 1)[1].strip()
    corrupt_page(data / "interviewprep.sqlite3")
    code, out, err = run("check", "--data-dir", str(data))
    assert code == 1, err
    assert "damaged: the integrity check found" in out
    assert f"interviewprep backup restore {backup}" in out
    assert "Traceback" not in out + err
