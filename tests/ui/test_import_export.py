"""Importing by drag and drop, and exporting a bundle from the File menu."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from interviewprep.services.library import ImportResult
from interviewprep.ui.dialogs import ChooseBanksDialog, ConflictDialog
from interviewprep.ui.main_window import MainWindow
from tests.banktext import bank, write


def drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    flags = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:
        enter = QDragEnterEvent(QPointF(50, 50), *flags)
    except TypeError:  # before Qt 6.12 a drag-enter position is a QPoint
        enter = QDragEnterEvent(QPoint(50, 50), *flags)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window takes bank files and folders"
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


def test_dropping_a_folder_with_a_broken_file_imports_the_good_one(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "dropped"
    write(folder / "good.md", bank("dropped-good", ids=("d1", "d2")))
    write(folder / "broken.md", "---\nid: [oops\n---\n")
    with qtbot.waitSignal(window.import_finished, timeout=10_000) as signal:
        drop(window, [folder])
    result = signal.args[0]
    assert isinstance(result, ImportResult)
    assert result.new == 2
    assert [p.path for p in result.problems] == [str((folder / "broken.md").resolve())]
    assert "2 new" in window.statusBar().currentMessage()
    assert "dropped-good" in [b.id for b in window.services.library.banks()]


def test_export_bundle_from_the_menu(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.zip"
    monkeypatch.setattr(ChooseBanksDialog, "exec", lambda self: 1)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.export_bundle()
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10_000)
    with zipfile.ZipFile(target) as archive:
        assert {"manifest.json", "demo.md", "designs.md"} <= set(archive.namelist())


def test_conflicting_source_shows_both_and_the_user_picks_the_new_one(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[ConflictDialog] = []

    def choose_new(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        assert "v1.0.0" in dialog.use_button.text() or "v2.0.0" in dialog.use_button.text()
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
        return 1

    monkeypatch.setattr(ConflictDialog, "exec", choose_new)
    other = write(
        tmp_path / "other" / "demo.md", bank("demo", ids=("alpha", "zeta"), version="2.0.0")
    )
    results: list[ImportResult] = []
    window.import_finished.connect(results.append)
    window.import_paths([other])
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10_000)  # the import, then the switch
    assert len(shown) == 1
    assert results[0].conflicts and not results[1].conflicts
    assert results[1].details() == ["demo 1.0.0 -> 2.0.0: updated, 1 new, 0 changed, 2 removed"]
    assert window.services.study.card("demo", "zeta").question_id == "zeta"


def test_an_older_version_is_named_older_and_keeping_it_is_remembered(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[ConflictDialog] = []

    def keep(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
        return 0

    monkeypatch.setattr(ConflictDialog, "exec", keep)
    older = write(tmp_path / "old" / "demo.md", bank("demo", ids=("alpha",), version="0.9.0"))
    results: list[ImportResult] = []
    window.import_finished.connect(results.append)
    window.import_paths([older])
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    dialog = shown[0]
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    assert (
        "Demo bank demo: v0.9.0 is older than the installed v1.0.0" in texts
    )  # its title, not its id
    assert "Offered · older" in texts and "Installed · newer" in texts
    assert not any(t.startswith("New") for t in texts)
    assert dialog.use_button.text() == "Install the older (v0.9.0)"
    assert dialog.keep_button.text() == "Keep installed (v1.0.0)"
    assert "Kept the installed 'demo' v1.0.0" in window.statusBar().currentMessage()
    assert window.services.study.card("demo", "gamma").question_id == "gamma"

    window.import_paths([older])  # decided: not asked again
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10_000)
    assert results[1].conflicts == [] and len(shown) == 1


def test_a_clash_found_by_the_banks_screen_import_asks_too(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[ConflictDialog] = []
    monkeypatch.setattr(ConflictDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.show_screen("banks")
    screen = window.current_screen()
    other = write(tmp_path / "other" / "demo.md", bank("demo", ids=("alpha", "z"), version="2.0.0"))
    screen.import_paths([other])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    assert shown[0].use_button.text() == "Update to the newer (v2.0.0)"


def test_enter_in_the_clash_dialog_keeps_the_installed_bank(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from interviewprep.services.library import BankConflict

    conflict = BankConflict(
        "demo", "/a/demo.md", "Demo", "1.1.0", 3, "/b/demo.md", "Demo", "1.0.0", 2
    )
    dialog = ConflictDialog(conflict, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.keep_button
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.use_offered and dialog.result() == 0


def test_a_deck_that_fails_shows_its_problems_naming_the_users_file_and_note(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from interviewprep.ui.screens.banks import BanksScreen
    from tests.services.test_interop import foreign_deck

    deck = foreign_deck(tmp_path / "deck.apkg", [("deep?", ">" * 25 + " deep", "t")])
    window.import_apkg(deck)
    qtbot.waitUntil(lambda: window.current_screen().objectName() == "screen-banks", timeout=10_000)
    screen = window.screens["banks"]
    assert isinstance(screen, BanksScreen)
    assert screen.summary.text().startswith("Nothing new was imported: 1 problem in 1 file")
    assert [screen.problem_list.item(i).text().strip() for i in range(2)] == [
        f"{deck}  ·  1 problem",
        "Line 1: note 1: markdown nested deeper than 20 levels",
    ]


def test_a_csv_of_one_huge_line_is_refused_before_the_mapping_dialog(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(
        "interviewprep.ui.main_window.warn",
        lambda _parent, _title, text: warned.append(text),
    )
    sheet = tmp_path / "huge.csv"
    sheet.write_text("q" * 50_000, encoding="utf-8")
    window.import_csv(sheet)
    assert warned == [f"{sheet}:1: line 1 is longer than 20,000 characters"]
