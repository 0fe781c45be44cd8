"""The CLI as a user runs it: exit codes and what it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interviewprep.cli import main
from tests.banktext import bank, design, flashcard, front, write
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
    assert out == "ok: 1 file, 1 bank, 4 questions, 0 role profiles\n"
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
    mock_box = schema["$defs"]["SystemDesign"]["properties"]["mock_time_box"]
    assert "mock_time_box" not in schema["$defs"]["SystemDesign"]["required"]
    assert {"type": "integer", "minimum": 10, "maximum": 239} in mock_box["anyOf"]


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
    assert "3 new, 0 changed, 0 removed in 1 bank from 1 file" in capsys.readouterr().out
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


def test_validate_reports_a_prompt_that_repeats_another_files_prompt(tmp_path: Path) -> None:
    asked = "How would you size the KV cache of a 70B model serving 32 concurrent 8k-token chats?"
    write(tmp_path / "a.md", front("a") + flashcard("kv-a", prompt=asked))
    b = write(tmp_path / "b.md", front("b") + flashcard("kv-b", prompt=asked.replace("70B", "8B")))
    code, out, _ = run("validate", str(tmp_path))
    assert code == 1
    [line] = [line for line in out.splitlines() if "the same as" in line]
    heading = b.read_text().splitlines().index("## kv-b") + 1
    assert line.startswith(f"{b}:{heading}: prompt of 'b/kv-b' is 9")
    assert f"'a/kv-a' ({tmp_path / 'a.md'}:{heading})" in line


def test_import_clash_is_decided_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "d")]
    mine = write(tmp_path / "mine" / "x.md", bank("x", ids=("a", "b"), version="1.2.0"))
    theirs = write(tmp_path / "theirs" / "x.md", bank("x", ids=("b", "c"), version="1.1.0"))
    assert main(["import", str(mine), *data]) == 0
    capsys.readouterr()
    assert main(["import", str(theirs), *data]) == 1
    out = capsys.readouterr().out
    assert "offers v1.1.0 (2 questions), older. Run again with --use-offered" in out

    assert main(["import", str(theirs), "--use-offered", *data]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        f"used {theirs.resolve()} (older): x 1.2.0 -> 1.1.0: updated, 1 new, 0 changed, 1 removed"
        in out
    )
    assert "  x new: c" in out and "  x removed: a" in out

    newer = write(tmp_path / "newer" / "x.md", bank("x", ids=("d",), version="1.3.0"))
    assert main(["import", str(newer), "--keep-installed", *data]) == 0
    out = capsys.readouterr().out
    assert f"kept bank 'x' v1.1.0; {newer.resolve()} (v1.3.0) is not used" in out
    assert main(["import", str(newer), *data]) == 1  # the decision stands and says why
    out = capsys.readouterr().out
    assert "you kept bank 'x' v1.1.0" in out and "conflict:" not in out


def test_export_writes_zip_apkg_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "d")]
    assert main(["import", str(write(tmp_path / "b" / "x.md", bank("x"))), *data]) == 0
    capsys.readouterr()
    assert main(["export", "-o", str(tmp_path / "x.zip"), "x", *data]) == 0
    assert capsys.readouterr().out == f"wrote 1 bank to {tmp_path / 'x.zip'}\n"
    assert main(["export", "--format", "apkg", "-o", str(tmp_path / "x.apkg"), "x", *data]) == 0
    assert capsys.readouterr().out == f"wrote 3 notes from 1 bank to {tmp_path / 'x.apkg'}\n"
    assert main(["export", "csv", "-o", str(tmp_path / "x.csv"), "x", *data]) == 0
    assert capsys.readouterr().out == f"wrote 3 rows from 1 bank to {tmp_path / 'x.csv'}\n"
    assert (tmp_path / "x.csv").read_text().startswith("question,answer,tags,bank,id")
    assert main(["export", "--format", "csv", "-o", str(tmp_path / "y.csv"), "nope", *data]) == 2
    assert "no installed bank has the id 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Bad Name!.md"],
            "the file name 'Bad Name!.md' makes the bank id 'bad name!', which is not valid: "
            "an id is lower-case letters, digits and '-' (for example 'bad-name'); pass --id "
            "or rename the file",
        ),
        (
            ["ok.md", "--id", "BAD"],
            "'BAD' is not a valid bank id: an id is lower-case letters, digits and '-' "
            "(for example 'bad')",
        ),
        (
            ["ok.md", "--role", "ml-enginer"],
            "unknown role 'ml-enginer' (did you mean 'ml-engineer'?); built-in roles are "
            "agent-engineer, ml-engineer, agentops-engineer, and a role.md profile beside the "
            "bank can declare another",
        ),
    ],
)
def test_bank_new_refuses_what_would_not_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    file, *rest = args
    assert main(["bank", "new", str(tmp_path / file), *rest]) == 2
    assert capsys.readouterr().err == f"interviewprep: {message}\n"
    assert list(tmp_path.iterdir()) == []


ROLE = (
    "---\nrole_profile: data-engineer\ntitle: Data engineer\nsummary: Pipelines.\n"
    "topics:\n  pipelines: Pipelines\n  llm-fundamentals: LLM fundamentals\n---\n\nBody.\n"
)


def test_one_file_is_validated_with_the_role_md_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "role.md", ROLE)
    new = tmp_path / "pipes.md"
    assert main(["bank", "new", str(new), "--role", "data-engineer"]) == 0
    capsys.readouterr()
    text = new.read_text().replace("example-topic", "pipelines")
    new.write_text(text)
    assert main(["validate", str(new)]) == 0, capsys.readouterr()
    capsys.readouterr()

    new.write_text(text.replace("[pipelines]", "[pipelnes]", 1))
    assert main(["validate", str(new)]) == 1
    out = capsys.readouterr().out
    assert (
        "topic 'pipelnes' of question 'example-flashcard' is not in the topics of role "
        "'data-engineer' (did you mean 'pipelines'?); use one of its role.md list, or add it "
        "there"
    ) in out


def test_validate_prints_its_summary_on_a_line_of_its_own_after_the_problems(
    tmp_path: Path,
) -> None:
    # 400 problems: more than a pipe's buffer, so stdout is written out in pieces around stderr
    wrong = (flashcard(f"q{i}").replace("type: flashcard", "type: nope") for i in range(400))
    write(tmp_path / "a.md", front() + "".join(wrong))
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
    assert lines[-1] == "400 problems in 1 of 1 file"
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


def test_a_reader_that_goes_away_ends_the_output_quietly() -> None:
    """`interviewprep bank stats --json | head`: no traceback when the pipe closes early."""
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "r, w = os.pipe()\n"
        "os.close(r)\n"  # the reader is gone before the first line
        "os.dup2(w, 1)\n"
        "from interviewprep.cli import main\n"
        "sys.exit(main(['bank', 'stats', '--json', 'question_banks']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1


def test_validate_bundled_requires_key_points_on_every_flashcard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.md", bank("a", ids=("q1", "q2")) + design("d"))
    assert main(["validate", str(path)]) == 0  # others' banks may leave key points out
    capsys.readouterr()
    assert main(["validate", "--bundled", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    lines = path.read_text().splitlines()
    assert [line.split(":")[1] for line in out] == [
        str(lines.index("## q1") + 1),
        str(lines.index("## q2") + 1),
    ]  # one problem per flashcard, at its heading; none for the design prompt
    assert all("has no '### Key points' section" in line for line in out)


def test_the_bundled_banks_pass_the_bundled_rules(capsys: pytest.CaptureFixture[str]) -> None:
    banks = Path(__file__).resolve().parents[1] / "question_banks"
    assert main(["validate", "--bundled", str(banks)]) == 0, capsys.readouterr().out
