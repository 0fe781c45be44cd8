"""Settings at 15 pt in 1280x720: a long data-folder path is cut in its middle on one line,
never broken mid-name, and whole in its tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.settings import SettingsScreen
from tests.ui.test_review_fit import set_font_in_settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / ("a-rather-long-folder-name-" * 5) / "interviewprep-data"
    monkeypatch.setenv("INTERVIEWPREP_DATA_DIR", str(folder))
    return folder


def test_a_long_data_folder_is_cut_in_the_middle_not_mid_name(
    window: MainWindow, qtbot: QtBot, data_dir: Path
) -> None:
    set_font_in_settings(window, qtbot, 15)
    window.resize(1280, 720)
    screen = window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    path_label = screen.folder_label
    full = str(window.services.data_dir)
    assert full.endswith("interviewprep-data")
    qtbot.waitUntil(lambda: path_label.isVisible() and "…" in path_label.text())
    shown = path_label.text()
    head, tail = shown.split("…")
    assert full.startswith(head) and full.endswith(tail)
    assert tail.endswith("/interviewprep-data")  # the folder's own name whole
    assert path_label.fontMetrics().horizontalAdvance(shown) <= path_label.width()
    assert path_label.height() < 2 * path_label.fontMetrics().lineSpacing()  # one line
    assert path_label.toolTip() == full
    assert not path_label.wordWrap()
    window.theme.set_font_pt(11)
