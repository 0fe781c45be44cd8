"""Review at 15 pt in a 1280x720 window: every grade button shows its whole label."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.screens.settings import SettingsScreen
from tests.banktext import flashcard, front, write

FOUR = "\n### Key points\n" + "".join(f"- Point {n} of four\n" for n in "ABCD")


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    write(folder / "kp.md", front("kp") + flashcard("four") + FOUR + flashcard("plain"))
    return folder


def set_font_in_settings(window: MainWindow, qtbot: QtBot, points: int) -> None:
    window.show_screen("settings")
    settings = window.screens["settings"]
    assert isinstance(settings, SettingsScreen)
    spin = settings.font_size
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(points))
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert window.theme.font_pt == points


def cut_labels(screen: ReviewScreen) -> list[str]:
    """The grade buttons whose text is wider than the button (less its 14 px paddings)."""
    cut = []
    for button in screen.grade_buttons.values():
        metrics = button.fontMetrics()
        widest = max(metrics.horizontalAdvance(line) for line in button.text().split("\n"))
        if widest + 2 * 14 > button.width() or button.width() < button.sizeHint().width():
            cut.append(button.text())
    return cut


@pytest.mark.parametrize("points", [15, 11])
def test_grade_buttons_show_their_whole_labels_at_1280_wide(
    window: MainWindow, qtbot: QtBot, points: int
) -> None:
    set_font_in_settings(window, qtbot, points)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.show_screen("review")
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.session.card is not None)
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # the answer and the checklist
    qtbot.keyClick(screen, Qt.Key.Key_W)  # one point ticked: "suggested" on Again, the longest
    again = screen.grade_buttons[min(screen.grade_buttons)]
    assert again.text().endswith("· suggested")
    qtbot.waitUntil(lambda: all(b.isVisible() for b in screen.grade_buttons.values()))
    qtbot.waitUntil(lambda: cut_labels(screen) == [])
    buttons = sorted(screen.grade_buttons.values(), key=lambda b: b.x())
    assert all(b.mapTo(screen, b.rect().bottomRight()).x() <= screen.width() for b in buttons)
    # once shown whole, still whole after ticking a point (the suggestion moves)
    qtbot.keyClick(screen, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: cut_labels(screen) == [])
    window.theme.set_font_pt(11)
