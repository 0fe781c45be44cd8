"""The mouse wheel scrolls the page; it never changes a spin box or combo it passes over."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.settings import SettingsScreen


def wheel(widget: QWidget, notches: int = -1) -> None:
    """Turn the wheel over the middle of ``widget`` (negative: towards the user, down)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_wheel_over_settings_scrolls_the_page_and_keeps_the_limit(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(1000, 680)  # short enough for the settings page to scroll
    window.show_screen("settings")
    screen = window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    scroll = screen.findChild(QScrollArea)
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    spin = screen.new_per_day["flashcard"]
    before = spin.value()
    saved = window.services.settings.preset("flashcard").new_per_day
    wheel(spin)
    wheel(spin)
    assert spin.value() == before  # the number under the pointer did not move
    assert not spin.hasFocus()
    assert window.services.settings.preset("flashcard").new_per_day == saved
    assert scroll.verticalScrollBar().value() > 0  # the page scrolled instead
    # clicked into, the box takes the wheel as the user now expects
    qtbot.mouseClick(spin, Qt.MouseButton.LeftButton)
    assert spin.hasFocus()
    wheel(spin, +1)
    assert spin.value() == before + 1


def test_wheel_over_a_combo_does_not_change_it(window: MainWindow, qtbot: QtBot) -> None:
    window.show_screen("settings")
    screen = window.screens["settings"]
    combos = [c for c in screen.findChildren(QComboBox) if c.count() > 1 and c.isVisible()]
    assert combos
    for combo in combos:
        index = combo.currentIndex()
        wheel(combo, -1)
        wheel(combo, +1 if index == 0 else -1)
        assert combo.currentIndex() == index
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
