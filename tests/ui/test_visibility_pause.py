"""The one sight watcher Review (and System design) pause their clocks by."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from interviewprep.ui.visibility_pause import SightWatcher, in_sight


def test_hiding_minimising_and_showing_again_are_each_reported(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    screen = QWidget()
    QVBoxLayout(window).addWidget(screen)
    seen: list[bool] = []
    SightWatcher(screen, seen.append)
    window.show()
    qtbot.waitExposed(window)
    assert seen[-1] is True and in_sight(screen)
    screen.hide()  # another screen on top of it in the stack
    assert seen[-1] is False and not in_sight(screen)
    screen.show()
    assert seen[-1] is True
    window.showMinimized()
    qtbot.waitUntil(lambda: seen[-1] is False)
    assert not in_sight(screen)
    window.showNormal()
    qtbot.waitUntil(lambda: seen[-1] is True)
