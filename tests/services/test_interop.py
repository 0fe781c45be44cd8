"""CSV and Anki round trips; re-importing adds nothing; bad files give path:line messages."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade
from interviewprep.services.app import Services
from interviewprep.services.interop import ColumnMapping, InteropError, InteropService
from tests.banktext import flashcard, front, write


@pytest.fixture
def interop(services: Services, tmp_path: Path) -> InteropService:
    text = (
        front("src")
        + flashcard(
            "kv", prompt="What is $x^2$ in a KV cache?", topics="[llm-fundamentals, serving]"
        )
        + flashcard("rag", topics="[rag]")
    )
    services.library.import_paths([write(tmp_path / "src.md", text)])
    return InteropService(services.db, services.library)


def test_csv_round_trip_with_column_mapping(
    services: Services, interop: InteropService, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    assert interop.export_csv(["src"], out) == 2
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["question"] == "What is $x^2$ in a KV cache?"
    assert rows[0]["tags"] == "llm-fundamentals serving"

    # a spreadsheet with other column names and order
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tags", "Back", "Front"])
        for row in rows:
            writer.writerow([row["tags"], row["answer"], row["question"]])
        writer.writerow(["", "", ""])
    mapping = ColumnMapping(question="Front", answer="Back", tags="Tags")
    result = interop.import_csv(sheet, mapping, bank_id="from-sheet")
    assert result.problems == [] and result.new == 2
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.GOOD, 100)
    again = interop.import_csv(sheet, mapping, bank_id="from-sheet")
    assert (again.new, again.changed) == (0, 0)


def test_csv_with_a_missing_column_names_the_file(interop: InteropService, tmp_path: Path) -> None:
    sheet = write(tmp_path / "bad.csv", "a,b\n1,2\n")
    with pytest.raises(InteropError, match=r"bad\.csv:1: no column named 'question'"):
        interop.import_csv(sheet, ColumnMapping())


def test_apkg_round_trip(services: Services, interop: InteropService, tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    assert interop.export_apkg(["src"], deck) == 2
    result = interop.import_apkg(deck, bank_id="from-anki")
    assert result.problems == [] and result.new == 2
    from interviewprep.services.bundles import BundleService

    imported = BundleService(services.db).bank_model("from-anki")
    prompts = sorted(q.prompt for q in imported.questions)
    assert any("\\(x^2\\)" in p for p in prompts), prompts  # math kept for Anki's MathJax
    topics = {t for q in imported.questions for t in q.topics}
    assert {"llm-fundamentals", "serving", "rag"} <= topics


def test_not_an_apkg(interop: InteropService, tmp_path: Path) -> None:
    fake = write(tmp_path / "fake.apkg", "nope")
    with pytest.raises(InteropError, match=r"fake\.apkg:1: not an Anki package"):
        interop.import_apkg(fake)
