"""Importing by drag and drop, and exporting a bundle from the File menu."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from interviewprep.services.library import ImportResult
from interviewprep.ui.dialogs import ChooseBanksDialog
from interviewprep.ui.main_window import MainWindow
from tests.banktext import bank, write


def drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
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
