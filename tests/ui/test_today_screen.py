"""Today shows real counts from the database and starts a review with Enter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
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
    assert screen.summary.text().startswith("3 flashcards waiting today: 3 new, 0 learning")
    texts = [w.text() for w in screen.roles_box.findChildren(type(screen.summary))]
    assert any("agent-engineer" in t or "★" in t for t in texts)
    assert "5" in texts and "unseen" in texts  # 3 flashcards and 2 design prompts, none seen
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert isinstance(window.current_screen(), ReviewScreen)


def test_today_refreshes_after_answers(window: MainWindow, qtbot: QtBot) -> None:
    screen = today(window, qtbot)
    card = window.services.study.next_card()
    assert card is not None
    from interviewprep.core.cards import Grade

    window.services.study.answer(card, Grade.EASY, 1000)
    qtbot.waitUntil(lambda: screen.summary.text().startswith("2 flashcards waiting"))
    assert "1 review today" in screen.summary.text()


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
    assert screen.countdown.text() == "Interview in 10 days"
    assert screen.plan.isVisible()
    assert screen.plan.text().startswith("Plan: 3 unseen questions before your interview on ")


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


def other_role_bank(window: MainWindow, tmp_path: Path) -> None:
    from tests.banktext import bank, write

    path = write(tmp_path / "ml.md", bank("ml-demo", ids=("m1", "m2", "m3"), role="ml-engineer"))
    window.services.library.import_paths([path])


def test_the_shared_new_limit_is_said_once_not_per_role(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    other_role_bank(window, tmp_path)
    screen = today(window, qtbot)
    screen.report = None
    screen.refresh()
    qtbot.waitUntil(lambda: screen.report is not None and len(screen.report.roles) == 2)
    assert screen.summary.text().count("up to 20 a day, shared by all roles") == 1
    captions = [w.text() for w in screen.roles_box.findChildren(QLabel)]
    assert "new" not in captions  # each role counts its own unseen questions instead
    assert captions.count("unseen") == 2
    assert "3 questions: 3 flashcards, 0 design prompts" in captions


def test_plural_words_on_today(window: MainWindow, qtbot: QtBot) -> None:
    from datetime import timedelta

    services = window.services
    services.settings.interview_date = (services.clock.now() + timedelta(days=1)).date()
    screen = today(window, qtbot)
    screen.report = None
    screen.refresh()
    qtbot.waitUntil(lambda: screen.report is not None)
    assert screen.countdown.text() == "Interview in 1 day"
    texts = [screen.summary.text(), screen.plan.text()] + [
        w.text() for w in screen.findChildren(QLabel)
    ]
    assert not any("(s)" in t for t in texts)


def test_the_plan_is_the_same_after_a_relaunch_with_no_study(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """The 310 -> 324 report: the plan subtracted every role's new cards introduced today
    from the target roles' unseen count, so after studying another role the figure jumped
    back up on the next start."""
    from datetime import timedelta

    from interviewprep.core.cards import Grade
    from interviewprep.services.app import build_services
    from interviewprep.storage.card_store import CardFilter
    from tests.conftest import UTC_DAY

    other_role_bank(window, tmp_path)
    services = window.services
    services.settings.interview_date = (services.clock.now() + timedelta(days=20)).date()
    study = services.study
    screen = today(window, qtbot)
    before = refreshed_plan(screen, qtbot)
    assert before.startswith("Plan: 3 unseen questions")
    for _ in range(2):  # two new cards of a role that is not a target
        card = study.next_card(CardFilter(roles=("ml-engineer",)))
        assert card is not None
        study.answer(card, Grade.GOOD, 2000)
    assert refreshed_plan(screen, qtbot) == before  # still 3: none of them was studied

    window.close()
    relaunched = build_services(services.data_dir, clock=services.clock, study_day=UTC_DAY)
    try:
        again = MainWindow(relaunched, window.theme)
        qtbot.addWidget(again)
        again.show()
        assert refreshed_plan(today(again, qtbot), qtbot) == before
        again.workers.wait()
    finally:
        relaunched.close()


def refreshed_plan(screen: TodayScreen, qtbot: QtBot) -> str:
    screen.report = None
    screen.refresh()
    qtbot.waitUntil(lambda: screen.report is not None)
    return screen.plan.text()


def test_the_first_window_fits_the_screen() -> None:
    from PySide6.QtCore import QRect, QSize

    from interviewprep.ui.main_window import FRAME_PX, first_geometry

    for area in (QRect(0, 0, 1280, 720), QRect(0, 0, 1280, 690), QRect(0, 0, 1920, 1050)):
        shown = first_geometry(area, QSize(900, 580))
        frame = shown.adjusted(0, -FRAME_PX + 10, 0, 10)  # title bar above, border below
        assert area.contains(frame), (area, shown)
        assert shown.width() >= 0.7 * area.width()
