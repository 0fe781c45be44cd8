"""Banks: the installed list, imports through the buttons, and problems a user can copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.banks import COLUMNS, BanksScreen
from tests.banktext import bank, front, write

BROKEN = front("broken") + "\n## q1\ntype: flashcard\ntopics: [x]\ndifficulty: impossible\n"


def banks(window: MainWindow, qtbot: QtBot) -> BanksScreen:
    window.show_screen("banks")
    screen = window.screens["banks"]
    assert isinstance(screen, BanksScreen)
    qtbot.waitUntil(lambda: screen.loaded)
    return screen


def table(screen: BanksScreen) -> dict[str, dict[str, str]]:
    rows = {}
    for row in range(screen.table.rowCount()):
        cells = {COLUMNS[c]: screen.table.item(row, c).text() for c in range(len(COLUMNS))}
        rows[cells["Bank"]] = cells
    return rows


def problem_lines(screen: BanksScreen) -> list[str]:
    return [screen.problem_list.item(i).text() for i in range(screen.problem_list.count())]


def test_installed_banks_with_counts_per_type(window: MainWindow, qtbot: QtBot) -> None:
    screen = banks(window, qtbot)
    rows = table(screen)
    demo, designs = rows["Demo bank demo"], rows["Demo bank designs"]
    assert (demo["Flashcards"], demo["Design"], demo["Version"]) == ("3", "0", "1.0.0")
    assert (designs["Flashcards"], designs["Design"]) == ("0", "2")
    assert demo["Source"] == "demo.md"
    assert screen.count_label.text() == "2 banks · 5 questions"
    assert screen.problems_title.text() == "Problems in installed files"
    assert "No problems" in screen.summary.text()


def test_import_with_a_broken_file_among_good_ones(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = banks(window, qtbot)
    folder = tmp_path / "new"
    picked = [
        write(folder / "one.md", bank("good-one", ids=("a1", "a2"))),
        write(folder / "broken.md", BROKEN),
        write(folder / "two.md", bank("good-two", ids=("b1",), role="ml-engineer")),
    ]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(p) for p in picked], "")
    )
    qtbot.mouseClick(screen.import_file_button, Qt.MouseButton.LeftButton)
    assert screen.importing and not screen.import_file_button.isEnabled()
    qtbot.waitUntil(lambda: not screen.importing and screen.last_import is not None)
    qtbot.waitUntil(lambda: "Demo bank good-two" in table(screen))

    assert screen.problems_title.text() == "Last import"
    assert screen.summary.text().startswith("3 new, 0 changed, 0 removed in 2 banks")
    lines = problem_lines(screen)
    assert lines
    pattern = re.compile(rf"^{re.escape(str(folder.resolve() / 'broken.md'))}:\d+: .+")
    assert all(pattern.match(line) for line in lines), lines
    rows = table(screen)
    assert rows["Demo bank good-one"]["Flashcards"] == "2"
    assert rows["Demo bank good-two"]["Role"] == "ml-engineer"
    assert "Demo bank broken" not in rows
    assert screen.import_file_button.isEnabled() and screen.progress_box.isHidden()


def test_import_folder_and_copy_problems(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = banks(window, qtbot)
    folder = tmp_path / "folder"
    write(folder / "ok.md", bank("folder-ok", ids=("c1",)))
    write(folder / "broken.md", BROKEN)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    qtbot.mouseClick(screen.import_folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Demo bank folder-ok" in table(screen))
    lines = problem_lines(screen)
    assert lines and all(":" in line and "broken.md:" in line for line in lines)

    qtbot.mouseClick(screen.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "\n".join(lines)

    QGuiApplication.clipboard().clear()
    first = screen.problem_list.item(0)
    rect = screen.problem_list.visualItemRect(first)
    qtbot.mouseClick(screen.problem_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(screen.problem_list, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == lines[0]


def test_problems_from_earlier_scans_are_listed_on_open(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    broken = write(tmp_path / "elsewhere" / "broken.md", BROKEN)
    window.services.library.import_paths([broken])
    screen = banks(window, qtbot)
    assert screen.problems_title.text() == "Problems in installed files"
    lines = problem_lines(screen)
    assert lines and all(line.startswith(f"{broken.resolve()}:") for line in lines)
