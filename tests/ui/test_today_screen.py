"""Today shows real counts from the database and starts a review with Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.ui import main_window
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.screens.today import TodayScreen


def today(window: MainWindow, qtbot: QtBot) -> TodayScreen:
    window.show_screen("today")
    screen = window.screens["today"]
    assert isinstance(screen, TodayScreen)
    qtbot.waitUntil(lambda: screen.report is not None)
    return screen


def test_counts_per_role_and_enter_starts_review(window: MainWindow, qtbot: QtBot) -> None:
    screen = today(window, qtbot)
    assert screen.summary.text().startswith("3 flashcard(s) waiting today: 3 new, 0 learning")
    texts = [w.text() for w in screen.roles_box.findChildren(type(screen.summary))]
    assert any("agent-engineer" in t or "★" in t for t in texts)
    assert "3" in texts and "new" in texts
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert isinstance(window.current_screen(), ReviewScreen)


def test_today_refreshes_after_answers(window: MainWindow, qtbot: QtBot) -> None:
    screen = today(window, qtbot)
    card = window.services.study.next_card()
    assert card is not None
    from interviewprep.core.cards import Grade

    window.services.study.answer(card, Grade.EASY, 1000)
    qtbot.waitUntil(lambda: screen.summary.text().startswith("2 flashcard(s) waiting"))
    assert "1 reviewed today" in screen.summary.text()


def test_last_screen_and_geometry_are_restored(window: MainWindow, qtbot: QtBot) -> None:
    window.show_screen("review")
    window.close()
    ini = (window.services.data_dir / "window.ini").read_text()
    assert "geometry=" in ini and "last_screen=review" in ini
    again = MainWindow(window.services, window.theme)
    qtbot.addWidget(again)
    assert isinstance(again.current_screen(), ReviewScreen)


def test_interview_plan_and_countdown_show(window: MainWindow, qtbot: QtBot) -> None:
    from datetime import timedelta

    services = window.services
    services.settings.interview_date = (services.clock.now() + timedelta(days=10)).date()
    screen = today(window, qtbot)
    screen.report = None
    screen.refresh()
    qtbot.waitUntil(lambda: screen.report is not None)
    assert screen.countdown.text() == "Interview in 10 day(s)"
    assert screen.plan.isVisible()
    assert screen.plan.text().startswith("Plan: ")
    assert "covers the 3 unseen questions" in screen.plan.text()


def test_closing_the_window_makes_a_backup(window: MainWindow, qtbot: QtBot) -> None:
    assert window.services.backup.backups() == []
    qtbot.waitUntil(lambda: window.workers.running == 0)  # idle, small: backed up at once
    window.close()
    assert not window.isVisible()
    assert len(window.services.backup.backups()) == 1


def test_a_large_database_is_backed_up_off_the_gui_thread_on_closing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window, "BACKUP_IN_PLACE_BYTES", 0)  # every database is large
    qtbot.waitUntil(lambda: window.workers.running == 0)
    window.close()
    assert window.isVisible()  # still open, saying why, and not taking input meanwhile
    assert window.statusBar().currentMessage() == "Backing up your progress before closing…"
    assert not window.centralWidget().isEnabled()
    window.close()  # a second close while the copy runs changes nothing
    qtbot.waitUntil(lambda: not window.isVisible())
    assert len(window.services.backup.backups()) == 1
