"""Preview mode re-renders a bank file on every save and lists its problems beside it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from tests.banktext import bank, design, front, write


def test_preview_follows_saves_and_shows_problems(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = write(tmp_path / "draft.md", bank("draft", ids=("first", "second")))
    preview = window.preview_bank(path)
    assert preview is not None
    qtbot.addWidget(preview)
    assert preview.status.text() == "valid"
    assert preview.questions.count() == 2
    assert "What is first?" in preview.view.toPlainText()

    write(path, front("draft") + "\n## third\ntype: flashcrd\n")
    qtbot.waitUntil(lambda: preview.status.text() != "valid", timeout=5000)
    problems = [preview.problems.item(i).text() for i in range(preview.problems.count())]
    assert any(p.startswith(f"{path}:") and "flashcrd" in p for p in problems)

    write(path, front("draft") + design("round-one"))
    qtbot.waitUntil(lambda: preview.status.text() == "valid", timeout=5000)
    assert preview.questions.item(0).text() == "round-one  ·  system-design"
    assert "Rubric" in preview.view.toPlainText()
