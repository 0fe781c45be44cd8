"""Opening the review screen in a test window, as a user does, until its first card is up."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen


def review(window: MainWindow, qtbot: QtBot) -> ReviewScreen:
    window.show_screen("review")
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.session.card is not None)
    return screen
