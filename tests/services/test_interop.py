"""CSV and Anki round trips; re-importing adds nothing; bad files give path:line messages."""

from __future__ import annotations

import csv
import sqlite3
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services, build_services
from interviewprep.services.bundles import BundleService
from interviewprep.services.interop import (
    MAX_CSV_BYTES,
    ColumnMapping,
    InteropError,
    InteropService,
)
from tests.banktext import design, flashcard, front, write
from tests.conftest import UTC_DAY


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


def test_apkg_round_trip_elsewhere_restores_the_bank_as_written(
    services: Services, interop: InteropService, tmp_path: Path, clock: FixedClock
) -> None:
    services.library.import_paths(
        [write(tmp_path / "designs.md", front("designs", role="ml-engineer") + design("d1"))]
    )
    deck = tmp_path / "deck.apkg"
    assert interop.export_apkg(["src", "designs"], deck) == 3
    bundles = BundleService(services.db)
    before = {b: bundles.bank_model(b) for b in ("src", "designs")}

    elsewhere = build_services(tmp_path / "elsewhere", clock=clock, study_day=UTC_DAY)
    try:
        result = elsewhere.interop.import_apkg(deck)
        assert result.problems == [] and result.notes == []
        assert sorted(result.details()) == [
            "designs 1.0.0: installed, 1 new, 0 changed, 0 removed",
            "src 1.0.0: installed, 2 new, 0 changed, 0 removed",
        ]
        after = BundleService(elsewhere.db)
        for bank_id, original in before.items():
            assert after.bank_model(bank_id) == original  # ids, role, type, markdown
        assert elsewhere.study.card("designs", "d1").type == "system-design"
    finally:
        elsewhere.close()
    again = interop.import_apkg(deck)  # the owner's own deck: nothing to do
    assert (again.changes, again.conflicts, again.problems) == ([], [], [])


def test_a_foreign_deck_becomes_a_new_bank_and_the_summary_says_so(
    services: Services, interop: InteropService, tmp_path: Path
) -> None:
    deck = foreign_deck(tmp_path / "Spanish words.apkg", [("<b>hola</b>", "hello", "greet")])
    result = interop.import_apkg(deck)
    assert result.problems == []
    assert result.notes == [
        "Spanish words.apkg: 1 note of another note type became flashcards of a new bank "
        "'anki-spanish-words' (agent-engineer): ids from the question text, difficulty 'mid', "
        "topics from the tags, text kept as the deck's HTML"
    ]
    assert [
        q.prompt for q in BundleService(services.db).bank_model("anki-spanish-words").questions
    ] == ["<b>hola</b>"]


def foreign_deck(path: Path, notes: list[tuple[str, str, str]]) -> Path:
    import genanki

    model = genanki.Model(
        1_234_567, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )  # fmt: skip
    deck = genanki.Deck(7_654_321, "Foreign")
    for front_text, back, tags in notes:
        deck.add_note(genanki.Note(model=model, fields=[front_text, back], tags=tags.split()))
    genanki.Package([deck]).write_to_file(str(path), timestamp=0)
    return path


def test_csv_export_defuses_formulas_and_the_import_restores_them(
    services: Services, interop: InteropService, tmp_path: Path
) -> None:
    hostile = [
        "=cmd|' /C calc'!A0",
        '=HYPERLINK("http://example.invalid","x")',
        "+1+2",
        "-2+3",
        "@SUM(A1)",
        "'=already quoted",
        "'plain apostrophe",
    ]
    text = front("evil") + "".join(
        flashcard(f"e{i}", prompt=f"Q{i}", answer=value) for i, value in enumerate(hostile)
    )
    services.library.import_paths([write(tmp_path / "evil.md", text)])
    out = tmp_path / "evil.csv"
    interop.export_csv(["evil"], out)
    with out.open(newline="", encoding="utf-8") as handle:
        answers = [row["answer"] for row in csv.DictReader(handle)]
    assert all(not a.startswith(("=", "+", "-", "@", "\t", "\r")) for a in answers), answers
    assert answers[0] == "'=cmd|' /C calc'!A0"
    assert answers[-2:] == ["''=already quoted", "'plain apostrophe"]  # only what needs it

    interop.import_csv(out, ColumnMapping(), bank_id="back")
    restored = BundleService(services.db).bank_model("back").questions
    assert sorted(q.answer for q in restored) == sorted(hostile)


def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(
    interop: InteropService, tmp_path: Path
) -> None:
    sheet = tmp_path / "huge.csv"
    with sheet.open("wb") as handle:
        handle.write(b"question,answer\n")
        handle.write(b"x" * (MAX_CSV_BYTES + 1))
    tracemalloc.start()
    try:
        with pytest.raises(InteropError) as raised:
            interop.import_csv(sheet, ColumnMapping())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(raised.value) == (
        f"{sheet}:1: 8 MB, over the 8 MB limit for a CSV import; split it into smaller files"
    )
    assert peak < 2 * 2**20


def test_a_csv_line_over_the_limit_names_its_line_and_is_not_read_whole(
    interop: InteropService, tmp_path: Path
) -> None:
    sheet = tmp_path / "long.csv"
    sheet.write_text(
        "question,answer,tags\nok,fine,t\n" + "y" * 3_000_000 + ",z,t\n", encoding="utf-8"
    )
    tracemalloc.start()
    try:
        with pytest.raises(InteropError) as raised:
            interop.import_csv(sheet, ColumnMapping())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(raised.value) == f"{sheet}:3: line 3 is longer than 20,000 characters"
    assert peak < 1 * 2**20


def test_a_csv_that_fails_validation_leaves_nothing_behind_and_names_its_row(
    services: Services, interop: InteropService, tmp_path: Path, data_dir: Path
) -> None:
    deep = ">" * 25 + " deep"
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["question", "answer", "tags"])
        writer.writerow(["fine?", "yes", "t"])
        writer.writerow(["too deep?", deep, "t"])
    result = interop.import_csv(sheet, ColumnMapping())
    assert [str(p) for p in result.problems] == [
        f"{sheet}:3: row 3: markdown nested deeper than 20 levels"
    ]
    assert result.changes == []
    assert list((data_dir / "imports").glob("*")) == []
    assert "csv-sheet" not in [b.id for b in services.library.banks()]


def test_an_apkg_that_fails_validation_leaves_nothing_behind_and_names_its_note(
    services: Services, interop: InteropService, tmp_path: Path, data_dir: Path
) -> None:
    deck = foreign_deck(
        tmp_path / "deck.apkg",
        [("fine?", "yes", "t"), ("deep?", ">" * 25 + " deep", "t")],
    )
    result = interop.import_apkg(deck)
    assert [str(p) for p in result.problems] == [
        f"{deck}:1: note 2: markdown nested deeper than 20 levels"
    ]
    assert list((data_dir / "imports").glob("*")) == []
    assert "anki-deck" not in [b.id for b in services.library.banks()]


def test_an_apkg_collection_is_streamed_not_read_whole(
    interop: InteropService, tmp_path: Path
) -> None:
    collection = tmp_path / "collection.anki2"
    conn = sqlite3.connect(collection)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, flds TEXT, tags TEXT)")
    conn.execute("INSERT INTO notes (flds, tags) VALUES ('front\x1fback', 'tag')")
    conn.execute("CREATE TABLE media (data BLOB)")  # a deck heavy with something else
    conn.execute("INSERT INTO media VALUES (zeroblob(40 * 1024 * 1024))")
    conn.commit()
    conn.close()
    deck = tmp_path / "heavy.apkg"
    with zipfile.ZipFile(deck, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(collection, "collection.anki2")
    tracemalloc.start()
    try:
        result = interop.import_apkg(deck)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.problems == [] and result.new == 1
    assert peak < 16 * 2**20


def test_not_an_apkg(interop: InteropService, tmp_path: Path) -> None:
    fake = write(tmp_path / "fake.apkg", "nope")
    with pytest.raises(InteropError, match=r"fake\.apkg:1: not an Anki package"):
        interop.import_apkg(fake)
