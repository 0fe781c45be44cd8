"""Settings > Spreading reviews: load balancing and Easy Days, saved as they change; and
scrolling Settings changes none of its values."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from interviewprep.core.easy_days import EasyDay
from interviewprep.ui.main_window import MainWindow
from tests.ui.test_progress_screen import progress
from tests.ui.test_settings_screen import pick, settings, tick

SATURDAY, SUNDAY = 5, 6


def test_load_balancing_is_on_by_default_and_turns_off(window: MainWindow, qtbot: QtBot) -> None:
    screen = settings(window, qtbot)
    card = screen.review_days
    assert card.balancing.isChecked()
    assert card.balancing.isVisibleTo(screen)
    with qtbot.waitSignal(screen.status) as saved:
        tick(qtbot, card.balancing)
    assert saved.args == ["Saved"]
    assert not card.balancing.isChecked()
    assert window.services.settings.load_balancing is False
    window.show_screen("today")
    screen = settings(window, qtbot)  # shown again: what was saved
    assert not screen.review_days.balancing.isChecked()
    tick(qtbot, screen.review_days.balancing)
    assert window.services.settings.load_balancing is True


def test_easy_days_are_picked_per_weekday(window: MainWindow, qtbot: QtBot) -> None:
    screen = settings(window, qtbot)
    days = screen.review_days.days
    assert [d.accessibleName() for d in days] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    ]  # fmt: skip
    assert all(d.currentText() == "Normal" for d in days)
    assert [days[0].itemText(i) for i in range(days[0].count())] == [
        "Normal", "Reduced", "Minimum"
    ]  # fmt: skip
    with qtbot.waitSignal(screen.status):
        pick(qtbot, days[SUNDAY], "Minimum")
    pick(qtbot, days[SATURDAY], "Reduced")
    easy_days = window.services.settings.easy_days
    assert easy_days.on(SUNDAY) == EasyDay.MINIMUM
    assert easy_days.on(SATURDAY) == EasyDay.REDUCED
    assert all(easy_days.on(d) == EasyDay.NORMAL for d in range(5))
    assert easy_days.describe() == "Saturday reduced, Sunday minimum"

    window.show_screen("today")
    screen = settings(window, qtbot)
    days = screen.review_days.days
    assert days[SUNDAY].currentText() == "Minimum"
    assert days[SATURDAY].currentText() == "Reduced"
    assert days[0].currentText() == "Normal"


def test_a_week_without_a_normal_day_is_pointed_out(window: MainWindow, qtbot: QtBot) -> None:
    screen = settings(window, qtbot)
    card = screen.review_days
    assert not card.warning.isVisibleTo(screen)
    for day in card.days:
        pick(qtbot, day, "Reduced")
    assert card.warning.isVisibleTo(screen)
    assert "at least one day Normal" in card.warning.text()
    assert not window.services.settings.easy_days.has_normal_day
    pick(qtbot, card.days[2], "Normal")
    assert not card.warning.isVisibleTo(screen)


def test_the_forecast_names_the_lighter_days(window: MainWindow, qtbot: QtBot) -> None:
    screen = settings(window, qtbot)
    pick(qtbot, screen.review_days.days[SUNDAY], "Minimum")
    forecast = progress(window, qtbot).forecast
    assert forecast.note.text() == (
        "Reviews due on each of the next 30 days; Easy Days keep Sunday (minimum) lighter"
    )


def wheel_down(widget: QWidget) -> None:
    """One notch of the mouse wheel over ``widget``, as the pointer would deliver it."""
    inside = QPointF(8, widget.height() / 2)
    event = QWheelEvent(
        inside,
        widget.mapToGlobal(inside),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_scrolling_the_page_changes_no_setting(window: MainWindow, qtbot: QtBot) -> None:
    screen = settings(window, qtbot)
    page = screen.findChild(QScrollArea)
    assert page is not None
    window.resize(1000, 500)  # short enough to scroll
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0)
    sunday, design_new = screen.review_days.days[SUNDAY], screen.new_per_day["system-design"]
    before = design_new.value()
    with qtbot.assertNotEmitted(screen.status):
        for widget in (sunday, design_new, screen.retention["flashcard"], screen.theme_picker):
            assert not widget.hasFocus()
            wheel_down(widget)
    assert sunday.currentText() == "Normal" and window.services.settings.easy_days.plain
    assert design_new.value() == before
    assert page.verticalScrollBar().value() > 0  # the page scrolled instead
    sunday.setFocus()  # clicked or tabbed to, the wheel works as usual
    wheel_down(sunday)
    assert sunday.currentText() == "Reduced"
