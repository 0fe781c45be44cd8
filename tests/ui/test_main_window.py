"""The main window: screens come up from the sidebar and their shortcuts, built on first use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import SCREENS, MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_only_the_screen_on_display_is_built_at_start(window: MainWindow) -> None:
    assert [screen.objectName() for screen in window.screens.built()] == ["screen-today"]
    assert window.current_screen().isVisible()


def test_each_shortcut_opens_its_screen_and_the_sidebar_follows(
    qtbot: QtBot, window: MainWindow
) -> None:
    for row, spec in reversed(list(enumerate(SCREENS))):
        key = Qt.Key(Qt.Key.Key_0.value + int(spec.keys.removeprefix("Ctrl+")))
        qtbot.keyClick(window, key, CTRL)
        screen = window.current_screen()
        assert screen.objectName() == f"screen-{spec.name}"
        assert screen.isVisible()
        assert window.sidebar.currentRow() == row
        assert window.sidebar.currentItem().text() == spec.title
        window.workers.wait()
    assert len(window.screens.built()) == len(SCREENS)


def test_a_screen_opened_from_the_sidebar_shows_its_content(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.sidebar.setCurrentRow([spec.name for spec in SCREENS].index("review"))
    review = window.current_screen()
    assert review is window.screens["review"]
    qtbot.waitUntil(lambda: review.session.card is not None)
    qtbot.keyClick(review, Qt.Key.Key_Space)  # the answer shows: the screen is live
    assert review.session.revealed
