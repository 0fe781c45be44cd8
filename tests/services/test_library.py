"""Progress survives every kind of bank edit; ingest is incremental."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.core.cards import Grade, Stage
from interviewprep.services.app import Services
from tests.banktext import bank, flashcard, front, write


def answer_all(services: Services) -> None:
    while (card := services.study.next_card()) is not None:
        services.study.answer(card, Grade.GOOD, 1000)
        if card.state.stage != Stage.NEW:
            break


def progress(services: Services, qid: str, bank_id: str = "demo") -> tuple[int, int]:
    card = services.study.card(bank_id, qid)
    return card.state.reps, int(card.state.stage)


def test_reorder_and_edit_keep_progress_and_mark_changes(
    services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path / "b" / "demo.md", bank(ids=("a", "b", "c")))
    services.library.import_paths([tmp_path / "b"])
    card = services.study.next_card()
    assert card is not None and card.question_id == "a"
    services.study.answer(card, Grade.EASY, 1200)
    before = services.study.card("demo", "a").state

    # reorder, and rewrite question a's answer
    write(
        path, front() + flashcard("c") + flashcard("a", answer="A better answer.") + flashcard("b")
    )
    result = services.library.import_paths([tmp_path / "b"])
    assert (result.new, result.changed, result.removed) == (0, 1, 0)
    after = services.study.card("demo", "a")
    assert after.state == before
    assert after.answer == "A better answer."
    assert after.changed
    assert not services.study.card("demo", "b").changed


def test_hints_follow_ups_and_references_are_stored_on_import_and_on_edit(
    services: Services, tmp_path: Path
) -> None:
    """They live in the question's extra column, written on both paths: a new question and an
    edited one."""
    extras = (
        "\n### Hints\n- Think about the KV cache\n"
        "\n### Follow-ups\n- What changes with speculative decoding?\n"
        "\n### References\n- [The paper](https://example.org/paper) section 3\n"
    )
    path = write(tmp_path / "b" / "demo.md", front() + flashcard("a") + extras)
    services.library.import_paths([tmp_path / "b"])
    card = services.study.card("demo", "a")
    assert card.extra["hints"] == ["Think about the KV cache"]
    assert card.extra["follow_ups"] == ["What changes with speculative decoding?"]
    assert card.extra["references"] == [
        {"title": "The paper section 3", "url": "https://example.org/paper"}
    ]

    write(path, front() + flashcard("a") + extras.replace("KV cache", "prefill"))
    result = services.library.import_paths([tmp_path / "b"])
    assert result.changed == 1
    edited = services.study.card("demo", "a")
    assert edited.extra["hints"] == ["Think about the prefill"]
    assert edited.extra["follow_ups"] == card.extra["follow_ups"]


def test_removed_question_is_retired_and_restored_with_progress(
    services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path / "b" / "demo.md", bank(ids=("a", "b")))
    services.library.import_paths([path])
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.EASY, 900)
    reviewed = services.study.card("demo", card.question_id).state

    write(path, bank(ids=("b",)) if card.question_id == "a" else bank(ids=("a",)))
    result = services.library.import_paths([path])
    assert result.removed == 1
    assert services.study.counts().new == 1
    assert services.stats.overview().roles["agent-engineer"].questions == 1

    write(path, bank(ids=("a", "b")))
    result = services.library.import_paths([path])
    assert result.restored == 1
    assert services.study.card("demo", card.question_id).state == reviewed


def test_unchanged_file_is_not_parsed_again(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "b" / "one.md", bank("one"))
    write(tmp_path / "b" / "two.md", bank("two"))
    services.library.import_paths([tmp_path / "b"])

    import interviewprep.banks.parser as parser

    parsed: list[str] = []
    real = parser.parse_bytes
    monkeypatch.setattr(parser, "parse_bytes", lambda p, d: parsed.append(p) or real(p, d))
    result = services.library.import_paths([tmp_path / "b"])
    assert parsed == []
    assert result.files_unchanged == 2

    write(tmp_path / "b" / "two.md", bank("two", ids=("q1", "q2", "q3", "q4")))
    result = services.library.import_paths([tmp_path / "b"])
    assert parsed == [str((tmp_path / "b" / "two.md").resolve())]
    assert result.new == 1


def test_broken_edit_keeps_installed_bank_and_progress(services: Services, tmp_path: Path) -> None:
    path = write(tmp_path / "demo.md", bank(ids=("a", "b")))
    services.library.import_paths([path])
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.GOOD, 500)
    state = services.study.card("demo", card.question_id).state

    write(path, "---\nid: demo\n---\n## a\ntype: what\n")
    result = services.library.import_paths([path])
    assert result.problems
    assert all(str(p).startswith(f"{path.resolve()}:") for p in result.problems)
    assert services.study.card("demo", card.question_id).state == state
    assert services.stats.overview().roles["agent-engineer"].questions == 2


def test_file_removed_from_a_folder_retires_its_bank(services: Services, tmp_path: Path) -> None:
    write(tmp_path / "b" / "one.md", bank("one"))
    gone = write(tmp_path / "b" / "two.md", bank("two"))
    services.library.import_paths([tmp_path / "b"])
    gone.unlink()
    result = services.library.import_paths([tmp_path / "b"])
    assert result.removed == 3
    assert services.stats.overview().roles["agent-engineer"].questions == 3


def test_second_source_with_same_bank_id_is_not_silently_installed(
    services: Services, tmp_path: Path
) -> None:
    write(tmp_path / "mine" / "demo.md", bank("demo", ids=("a",)))
    write(tmp_path / "theirs" / "demo.md", bank("demo", ids=("x", "y")))
    services.library.import_paths([tmp_path / "mine"])
    result = services.library.import_paths([tmp_path / "theirs"])
    assert [p.message for p in result.problems] == [
        f"bank id 'demo' is already installed from {(tmp_path / 'mine' / 'demo.md').resolve()}; "
        "this file offers the same version v1.0.0 and was not used: choose one"
    ]
    assert services.study.card("demo", "a").question_id == "a"


def test_two_sources_with_one_id_are_a_conflict_the_user_resolves(
    services: Services, tmp_path: Path
) -> None:
    mine = write(tmp_path / "mine" / "demo.md", bank("demo", ids=("a", "b"), version="1.0.0"))
    theirs = write(tmp_path / "theirs" / "demo.md", bank("demo", ids=("b", "c"), version="1.1.0"))
    services.library.import_paths([mine])
    card = services.study.card("demo", "b")
    services.study.answer(card, Grade.EASY, 1000)
    reviewed = services.study.card("demo", "b").state

    result = services.library.import_paths([theirs])
    assert [c.offered_source for c in result.conflicts] == [str(theirs.resolve())]
    conflict = result.conflicts[0]
    assert (conflict.installed_version, conflict.offered_version) == ("1.0.0", "1.1.0")
    assert (conflict.installed_questions, conflict.offered_questions) == (2, 2)
    assert services.study.card("demo", "a").question_id == "a"  # nothing replaced yet

    resolved = services.library.use_source(conflict)
    assert resolved.details() == ["demo 1.0.0 -> 1.1.0: updated, 1 new, 0 changed, 1 removed"]
    assert services.study.card("demo", "b").state == reviewed  # progress kept by id
    assert services.stats.overview().roles["agent-engineer"].questions == 2
    again = services.library.import_paths([tmp_path / "mine", tmp_path / "theirs"])
    assert again.conflicts == []  # decided; the unused file just says why
    assert any("now comes from" in p.message for p in again.problems)


def test_topic_filter_offers_the_tags_of_active_questions_only(
    services: Services, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "b" / "demo.md",
        front()
        + flashcard("a", topics="[rag, evals]")
        + flashcard("b", topics="[tool-use]")
        + flashcard("c", topics="[rag]"),
    )
    services.library.import_paths([tmp_path / "b"])
    assert services.library.topics() == ["evals", "rag", "tool-use"]

    # 'b' is removed (retired): its tag goes from the filters; 'rag' stays while 'c' has it
    write(path, front() + flashcard("a", topics="[rag]") + flashcard("c", topics="[rag]"))
    services.library.import_paths([tmp_path / "b"])
    assert services.library.topics() == ["rag"]
