"""While Review drills weak points it says so, and Esc or its button goes back to the queue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.clock import FixedClock
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen
from tests.ui.test_weak_points_screens import progress, seed


def drill_from_progress(window: MainWindow, qtbot: QtBot) -> ReviewScreen:
    screen = progress(window, qtbot)
    qtbot.mouseClick(screen.weak_points.drill_button, Qt.MouseButton.LeftButton)
    review = window.screens["review"]
    assert isinstance(review, ReviewScreen)
    assert window.current_screen() is review
    return review


def test_a_drill_says_so_and_esc_goes_back_to_the_queue(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    seed(window.services, clock, tmp_path)
    review = drill_from_progress(window, qtbot)
    banner = review.drill_banner
    assert banner.isVisible()
    assert banner.text.text().startswith("Drilling 3 cards with weak points")
    assert banner.leave.isVisible() and "Esc" in banner.leave.text()
    assert review.session.card is not None
    qtbot.keyClick(review.reveal_button, Qt.Key.Key_Escape)
    assert banner.isHidden()
    assert not review.session.card_filter.is_drill
    assert window.statusBar().currentMessage() == "Drill stopped: back to today's queue"
    assert review.pages.currentIndex() == 1  # nothing is due today: the drill was all there was
    assert review.done_title.text() == "Nothing due now"


def test_the_banner_button_and_a_filter_change_end_the_drill(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    seed(window.services, clock, tmp_path)
    review = drill_from_progress(window, qtbot)
    qtbot.mouseClick(review.drill_banner.leave, Qt.MouseButton.LeftButton)
    assert review.drill_banner.isHidden()

    review = drill_from_progress(window, qtbot)
    assert review.drill_banner.isVisible()
    review.difficulty_filter.setCurrentIndex(review.difficulty_filter.findData("junior"))
    assert review.drill_banner.isHidden()
    assert not review.session.card_filter.is_drill


def test_the_banner_goes_once_the_drill_is_answered(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    seed(window.services, clock, tmp_path)
    review = drill_from_progress(window, qtbot)
    while review.session.card is not None:
        assert review.drill_banner.isVisible()
        qtbot.keyClick(review, Qt.Key.Key_Space)
        qtbot.keyClick(review, Qt.Key.Key_3)
    assert "You answered 3 cards" in review.done_text.text()
    assert review.drill_banner.isHidden()


def test_esc_in_the_note_editor_cancels_the_note_not_the_drill(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    seed(window.services, clock, tmp_path)
    review = drill_from_progress(window, qtbot)
    qtbot.keyClick(review, Qt.Key.Key_N)
    assert review.note_editor.editing
    qtbot.keyClick(review.note_editor.text, Qt.Key.Key_Escape)
    assert not review.note_editor.editing
    assert review.drill_banner.isVisible() and review.session.card_filter.is_drill
