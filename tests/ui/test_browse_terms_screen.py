"""Search terms typed into Browse: a bad one is explained under the box, a good one narrows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.ui.main_window import MainWindow
from tests.ui.test_browse_screen import browse, shown_ids


def test_a_malformed_term_shows_a_message_and_a_good_one_searches(
    window: MainWindow, qtbot: QtBot
) -> None:
    study = window.services.study
    study.answer(study.card("demo", "beta"), Grade.EASY, 1000)
    screen = browse(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(screen.searched, timeout=5000):
        qtbot.keyClicks(screen.search, "prop:q>3")
    assert screen.search_problem.isVisible()
    assert "no property “q”" in screen.search_problem.text()
    assert screen.model.rowCount() == 5  # the last good search stays on screen

    screen.search.clear()
    with qtbot.waitSignal(screen.searched, timeout=5000):
        qtbot.keyClicks(screen.search, "rated:1")
    assert not screen.search_problem.isVisible()
    assert shown_ids(screen) == ["beta"]
