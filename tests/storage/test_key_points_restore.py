"""A database from before key points were stored with flashcards gets them at the next read of
the bank files (migration 0008), without the cards counting as changed since last studied."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from interviewprep.core.cards import Grade
from interviewprep.core.checklist import Checklist
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import build_services
from interviewprep.storage.database import create_sqlite_engine
from interviewprep.storage.migrate import alembic_config
from tests.banktext import flashcard, front, write

POINTS = "\n### Key points\n- Names the trade-off\n- Gives a number\n- Says when it fails\n"


def test_older_rows_get_their_key_points_back_unchanged(tmp_path: Path, clock: FixedClock) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "banks"
    write(folder / "kp.md", front("kp") + flashcard("with") + POINTS + flashcard("plain"))
    services = build_services(data, clock=clock)
    try:
        services.library.import_paths([folder])
        card = services.study.card("kp", "with")
        services.study.answer(card, Grade.GOOD, 5000)
    finally:
        services.close()
    # as a database written before: schema 0007, and no key points in the row
    engine = create_sqlite_engine(data / "interviewprep.sqlite3")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    engine.dispose()
    with sqlite3.connect(data / "interviewprep.sqlite3") as conn:
        conn.execute("UPDATE questions SET extra = json_remove(extra, '$.key_points')")

    services = build_services(data, clock=clock)
    try:
        assert not Checklist.from_extra(services.study.card("kp", "with").extra)
        result = services.library.import_paths([folder])
        card = services.study.card("kp", "with")
        assert [p.text for p in Checklist.from_extra(card.extra).points] == [
            "Names the trade-off",
            "Gives a number",
            "Says when it fails",
        ]
        assert not card.changed
        assert [c.changed for c in result.changes] == [[]]
        assert not Checklist.from_extra(services.study.card("kp", "plain").extra)
        # and from then on, as any other read: nothing to do
        again = services.library.import_paths([folder])
        assert again.files_unchanged == 1 and again.changes == []
    finally:
        services.close()
