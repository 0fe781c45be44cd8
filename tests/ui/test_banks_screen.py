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
    """What Copy all puts on the clipboard: every problem as path:line: message."""
    qtbot_click_copy_all(screen)
    return QGuiApplication.clipboard().text().splitlines()


def qtbot_click_copy_all(screen: BanksScreen) -> None:
    QGuiApplication.clipboard().clear()
    if screen.copy_button.isEnabled():
        screen.copy_button.click()


def shown_items(screen: BanksScreen) -> list[str]:
    """The problem list as the user reads it."""
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

    lines = problem_lines(screen)
    assert screen.problems_title.text() == f"Last import: {len(lines)} problems"
    assert screen.summary.text().startswith("3 new, 0 changed, 0 removed in 2 banks")
    assert lines
    pattern = re.compile(rf"^{re.escape(str(folder.resolve() / 'broken.md'))}:\d+: .+")
    assert all(pattern.match(line) for line in lines), lines
    # the path once, as the heading of its problems; each problem by its line
    shown = shown_items(screen)
    assert shown[0] == f"{folder.resolve() / 'broken.md'}  ·  {len(lines)} problems"
    assert all(item.strip().startswith("Line ") for item in shown[1:]), shown
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
    first = screen.problem_list.item(1)  # item 0 is the file's heading
    rect = screen.problem_list.visualItemRect(first)
    ctrl = Qt.KeyboardModifier.ControlModifier  # a plain click opens the file; Ctrl selects
    qtbot.mouseClick(screen.problem_list.viewport(), Qt.MouseButton.LeftButton, ctrl, rect.center())
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


# -- a broken import from any entry point -----------------------------------------------------

BROKEN_MANY = (
    front("many", role="agent-enginer")
    + "\n## first\ntype: flashcard\ntopics: [x]\ndifficulty: hard\ncolour: red\n"
    "\n### Prompt\nQ?\n\n### Answer\nA.\n"
    + "\n## second\ntyp: flashcard\n\n### Prompt\nQ?\n\n### Answer\nA.\n"
    + "\n## first\ntype: flashcard\ntopics: [x]\ndifficulty: easy\n"
)


def wait_for_problems(qtbot: QtBot, window: MainWindow) -> BanksScreen:
    qtbot.waitUntil(lambda: window.current_screen().objectName() == "screen-banks")
    screen = window.screens["banks"]
    assert isinstance(screen, BanksScreen)
    qtbot.waitUntil(lambda: screen.problems_title.text().startswith("Last import: "))
    return screen


def expected_lines(path: Path) -> list[str]:
    from interviewprep.banks.loader import load_paths

    return [str(p) for p in load_paths([path]).problems]


def test_a_broken_file_from_the_file_menu_shows_every_problem_on_banks_until_dismissed(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = banks(window, qtbot)
    good = write(tmp_path / "good.md", bank("good-one", ids=("g1",)))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(good)], ""))
    qtbot.mouseClick(screen.import_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.summary.text().endswith("No problems."))
    window.show_screen("today")

    broken = write(tmp_path / "many.md", BROKEN_MANY).resolve()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(broken), ""))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    screen = wait_for_problems(qtbot, window)
    # every problem in one run: role, value beside an unknown key, missing type, duplicate
    lines = problem_lines(screen)
    assert sorted(lines) == sorted(expected_lines(broken))
    messages = " | ".join(lines)
    for found in ("unknown role 'agent-enginer'", "difficulty 'hard'", "unknown question key "
                  "'colour'", "has no 'type'", "duplicate question id 'first'",
                  "difficulty 'easy'"):  # fmt: skip
        assert found in messages, found
    assert screen.problems_title.text() == f"Last import: {len(lines)} problems"
    assert screen.summary.text().startswith("Nothing new was imported: ")
    assert screen.dismiss_button.isVisible()

    # still there after leaving the screen, and after importing the same file again (and not
    # called unchanged: it failed)
    window.show_screen("today")
    window.show_screen("banks")
    qtbot.waitUntil(lambda: screen.loaded)
    assert problem_lines(screen) == lines
    window.show_screen("today")
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    screen = wait_for_problems(qtbot, window)
    qtbot.waitUntil(lambda: window.workers.running == 0)
    assert problem_lines(screen) == lines
    assert "unchanged" not in window.statusBar().currentMessage()
    assert "unchanged" not in screen.summary.text()

    qtbot.mouseClick(screen.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.problems_title.text() == "Problems in installed files")
    assert not screen.dismiss_button.isVisible()


def test_a_dropped_broken_file_shows_its_problems_on_banks(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    broken = write(tmp_path / "many.md", BROKEN_MANY).resolve()
    window.show_screen("today")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(broken))])
    drop = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)  # what Qt calls when the user lets go of the file over the window
    screen = wait_for_problems(qtbot, window)
    assert sorted(problem_lines(screen)) == sorted(expected_lines(broken))


def test_a_shared_folder_with_a_broken_file_shows_its_problems_on_banks(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    shared = tmp_path / "team"
    write(shared / "ok.md", bank("team-ok", ids=("t1",)))
    broken = write(shared / "many.md", BROKEN_MANY).resolve()
    window.show_screen("today")
    window.add_shared_folder(shared)
    screen = wait_for_problems(qtbot, window)
    assert sorted(problem_lines(screen)) == sorted(expected_lines(broken))

    # a later sync in the background that finds nothing wrong leaves the report in place
    from interviewprep.services.library import ImportResult

    window.watcher.synced.emit(shared, ImportResult(files_seen=1))
    assert sorted(problem_lines(screen)) == sorted(expected_lines(broken))


def test_a_problem_opens_the_preview_at_its_line_by_click_and_by_enter(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = write(tmp_path / "many.md", BROKEN_MANY).resolve()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(broken), ""))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    screen = wait_for_problems(qtbot, window)
    problems = screen.problem_list

    third = problems.item(3)
    line = int(third.text().split(":")[0].split()[-1])
    rect = problems.visualItemRect(third)
    qtbot.mouseClick(problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    preview = window._previews[-1]
    qtbot.addWidget(preview)
    assert preview.isVisible() and preview.path == broken
    assert preview.source.marked_line() == line
    assert preview.source.textCursor().block().text() == BROKEN_MANY.splitlines()[line - 1]

    # the keyboard: to the list, down to the last problem, Enter; the same window moves there
    problems.setFocus()
    problems.setCurrentRow(0)
    for _ in range(problems.count() - 1):
        qtbot.keyClick(problems, Qt.Key.Key_Down)
    last = int(problems.currentItem().text().split(":")[0].split()[-1])
    qtbot.keyClick(problems, Qt.Key.Key_Return)
    assert window._previews == [preview]
    assert preview.source.marked_line() == last
