"""The retention helper from Settings: simulated on a worker, then one click sets the retention."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.clock import FixedClock
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.settings import SettingsScreen


def test_compare_retentions_then_use_one(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    services = window.services
    today = services.study.study_day.day_of(clock.now())
    services.settings.interview_date = today + timedelta(days=21)
    window.show_screen("settings")
    screen = window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    qtbot.mouseClick(screen.retention_buttons["flashcard"], Qt.MouseButton.LeftButton)
    dialog = screen.retention_helper
    assert dialog is not None
    if dialog.simulation is None:  # the result arrives through the event loop
        with qtbot.waitSignal(dialog.simulated, timeout=20_000):
            pass
    assert dialog.simulation is not None
    assert dialog.progress.isHidden()
    assert dialog.pick.value() == 0.90
    assert dialog.summary.text().startswith("At 0.90: ")
    assert "of 3 recalled on " in dialog.summary.text()  # the bank has three flashcards
    assert not dialog.sweep.is_empty and not dialog.daily.is_empty
    assert not dialog.use_button.isEnabled()  # 0.90 is already the setting

    dialog.pick.setFocus()
    for _ in range(5):
        qtbot.keyClick(dialog.pick, Qt.Key.Key_Down)
    assert dialog.summary.text().startswith("At 0.85: ")
    with qtbot.waitSignal(dialog.chosen, check_params_cb=lambda v: v == 0.85):
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert services.settings.preset("flashcard").desired_retention == 0.85
    assert screen.retention["flashcard"].value() == 0.85
    assert not dialog.use_button.isEnabled()
    dialog.close()


def test_the_helper_fits_the_screen_with_its_summary_and_buttons_in_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    """At 1280x720 its charts pushed the summary and the buttons off the bottom of the screen."""
    window.show_screen("settings")
    screen = window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    qtbot.mouseClick(screen.retention_buttons["flashcard"], Qt.MouseButton.LeftButton)
    dialog = screen.retention_helper
    assert dialog is not None
    if dialog.simulation is None:
        with qtbot.waitSignal(dialog.simulated, timeout=20_000):
            pass
    room = screen.screen().availableGeometry()
    assert dialog.height() <= room.height() and dialog.width() <= room.width()
    for part in (dialog.summary, dialog.use_button, dialog.pick):
        bottom = part.mapTo(dialog, part.rect().bottomLeft()).y()
        assert part.isVisible() and bottom <= dialog.height()
    dialog.close()
