"""A shared folder edited while the app runs: new, changed and removed questions are picked
up, progress on the rest is kept, and nothing is written into the folder."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.services.library import ImportResult
from interviewprep.ui.main_window import MainWindow
from tests.banktext import bank, flashcard, front, write


def test_watched_folder_edits_are_picked_up_while_running(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    shared = tmp_path / "group-repo"
    path = write(shared / "team.md", bank("team", ids=("t1", "t2", "t3")))
    other = write(shared / "extra.md", bank("extra", ids=("e1",)))
    results: list[ImportResult] = []
    window.watcher.synced.connect(lambda _folder, result: results.append(result))

    window.add_shared_folder(shared)
    qtbot.waitUntil(lambda: window.services.sources.folders() == [shared.resolve()], timeout=5000)
    qtbot.waitUntil(lambda: "team" in [b.id for b in window.services.library.banks()], timeout=5000)
    card = window.services.study.card("team", "t1")
    window.services.study.answer(card, Grade.EASY, 1000)
    reviewed = window.services.study.card("team", "t1").state
    before = {p: p.read_bytes() for p in shared.rglob("*")}

    # a teammate pushes: t2 reworded, t3 removed, t4 added; another file deleted
    write(
        path,
        front("team")
        + flashcard("t1")
        + flashcard("t2", answer="A clearer answer.")
        + flashcard("t4"),
    )
    other.unlink()
    qtbot.waitUntil(lambda: any(r.new or r.removed for r in results), timeout=10_000)
    qtbot.waitUntil(lambda: window.workers.running == 0, timeout=10_000)
    new = sum(r.new for r in results)
    changed = sum(r.changed for r in results)
    removed = sum(r.removed for r in results)
    assert (new, changed, removed) == (1, 1, 2)
    assert "Shared folder group-repo:" in window.statusBar().currentMessage()
    assert window.services.study.card("team", "t1").state == reviewed
    assert window.services.study.card("team", "t2").answer == "A clearer answer."
    assert {p for p in shared.rglob("*")} == {path}  # nothing of ours was written there
    assert path.read_bytes() != before[path]  # (the teammate's edit, not ours)
