"""Screens hear of changes made elsewhere, refresh what the change names, and pass over the
changes they made themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.scheduling import format_interval
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.screens.settings import SettingsScreen
from tests.ui.review_screen import review
from tests.ui.test_settings_screen import type_number


def easy_label(screen: ReviewScreen) -> str:
    return screen.grade_buttons[Grade.EASY].text()


def test_the_review_screen_passes_over_its_own_answers(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    # the answer's change reaches every screen before the key press returns (same thread)
    with qtbot.assertNotEmitted(screen.refreshed):
        qtbot.keyClick(screen, Qt.Key.Key_3)
    assert screen.session.card is not None and screen.session.card.question_id == "beta"
    assert screen.progress_text.text().startswith("1 done")


def test_a_card_suspended_in_browse_leaves_the_review_screen(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    shown = screen.session.card
    assert shown is not None and shown.question_id == "alpha"
    with qtbot.waitSignal(screen.refreshed):
        window.services.browse.suspend([shown.key])
    assert screen.session.card is not None and screen.session.card.question_id == "beta"
    assert "What is beta?" in screen.prompt_view.toPlainText()
    assert screen.answer_view.isHidden()


def test_new_retention_in_settings_keeps_the_revealed_card_and_updates_its_intervals(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A settings change names only the settings: the review screen keeps its card and its
    queue (the answer stays shown), and the grade buttons show the new intervals."""
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    card = screen.session.card
    assert card is not None
    before = easy_label(screen)

    window.show_screen("settings")
    settings = window.screens["settings"]
    assert isinstance(settings, SettingsScreen)
    with qtbot.waitSignal(screen.refreshed):
        type_number(qtbot, settings.retention["flashcard"], "0.75")
    window.show_screen("review")

    assert screen.session.card is not None and screen.session.card.key == card.key
    assert screen.session.revealed and screen.answer_view.isVisible()
    expected = window.services.study.preview(card)[Grade.EASY]
    assert easy_label(screen) == f"Easy  (4)\n{format_interval(expected)}" != before
