"""A damaged database, found by the check after start: the window says so in a banner, takes
no answers, and restores the newest good backup in one click (after asking)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services, build_services
from interviewprep.services.backup import Restored
from interviewprep.storage.database import DatabaseProblem
from interviewprep.ui.app import open_window
from interviewprep.ui.dialogs import MessageDialog
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.theme import Theme
from tests.conftest import UTC_DAY
from tests.damage import corrupt_page

UNREAD_BY_TODAY_OR_REVIEW = "mock_interviews"
"""Read by the mock interview screen only: the damage these tests make is found by the check."""


def reviews(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM reviews").fetchone()[0])


def answer_one(services: Services) -> None:
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.GOOD, 1000)


def prepared(data_dir: Path, clock: FixedClock, bank_dir: Path, *, damage: bool) -> Path:
    """A data folder with one answer in its backup and a second answer after it."""
    with closing(build_services(data_dir, clock=clock, study_day=UTC_DAY)) as services:
        services.library.import_paths([bank_dir])
        services.settings.target_roles = ["agent-engineer"]
        services.settings.set("first_run_done", True)
        answer_one(services)
        services.backup.backup_now()
        answer_one(services)
        path = services.db.path
    if damage:
        corrupt_page(path, UNREAD_BY_TODAY_OR_REVIEW)
    return path


@pytest.fixture
def open_app(qtbot: QtBot, data_dir: Path, clock: FixedClock, bank_dir: Path) -> Iterator[object]:
    made: list[tuple[Services, MainWindow]] = []

    def start(*, damage: bool) -> MainWindow:
        prepared(data_dir, clock, bank_dir, damage=damage)
        services = build_services(data_dir, clock=clock, study_day=UTC_DAY)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window = MainWindow(services, Theme(app, mode="light"))
        qtbot.addWidget(window)
        made.append((services, window))
        with qtbot.waitSignal(window.database_check.checked, timeout=10_000) as checked:
            open_window(window)  # the app's own start: first paint, then the check
            qtbot.waitExposed(window)
        window.last_check = checked.args[0]  # type: ignore[attr-defined]
        return window

    yield start
    for services, window in made:
        window.close()  # as the app ends: the window first, then its services
        window.workers.wait()
        services.close()


def test_a_damaged_database_shows_the_banner_and_takes_no_answer(
    qtbot: QtBot, open_app: object
) -> None:
    window = open_app(damage=True)  # type: ignore[operator]
    assert not window.last_check.ok
    banner = window.database_check.banner
    assert banner.isVisible()
    assert "damaged" in banner.label.text() and "read-only" in banner.label.text()
    assert banner.restore_button.isVisible() and banner.restore_button.isEnabled()

    window.show_screen("review")
    review = window.current_screen()
    qtbot.waitUntil(lambda: review.session.card is not None)
    qtbot.keyClick(review, Qt.Key.Key_Space)
    with qtbot.captureExceptions() as raised:
        qtbot.keyClick(review, Qt.Key.Key_3)
    assert [type(error) for _, error, _ in raised] == [DatabaseProblem]
    assert "read-only" in str(raised[0][1])
    assert reviews(window.services.db.path) == 2


def test_an_intact_database_shows_no_banner(open_app: object) -> None:
    window = open_app(damage=False)  # type: ignore[operator]
    assert window.last_check.ok
    assert not window.database_check.banner.isVisible()


def themed(dialog: object) -> MessageDialog:
    """The app's own dialog, as every other message: no stock box with its clip-art icon."""
    assert isinstance(dialog, MessageDialog) and not isinstance(dialog, QMessageBox)
    return dialog


def key(qtbot: QtBot, dialog: MessageDialog, key: Qt.Key, ctrl: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)


def test_the_banner_restores_the_newest_good_backup_after_asking(
    qtbot: QtBot, open_app: object
) -> None:
    window = open_app(damage=True)  # type: ignore[operator]
    check = window.database_check
    path = window.services.db.path

    qtbot.mouseClick(check.banner.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: check.dialog is not None and check.dialog.isVisible())
    asking = themed(check.dialog)
    assert "Restore interviewprep-" in asking.text()
    assert asking.cancel_button is not None and asking.cancel_button.isDefault()
    key(qtbot, asking, Qt.Key.Key_Return)  # a stray Enter keeps things as they are
    qtbot.waitUntil(lambda: not asking.isVisible())
    assert check.banner.isVisible() and window.services.integrity.damaged is not None

    qtbot.mouseClick(check.banner.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: check.dialog is not None and check.dialog.isVisible())
    asking = themed(check.dialog)
    assert [b.text() for b in asking.findChildren(QPushButton)] == ["Cancel", "Restore"]
    with qtbot.waitSignal(check.restore_finished, timeout=20_000) as finished:
        key(qtbot, asking, Qt.Key.Key_Return, ctrl=True)
    restored = finished.args[0]
    assert isinstance(restored, Restored)
    assert restored.safety_backup.name.startswith("damaged-")
    assert not check.banner.isVisible()
    assert window.services.integrity.damaged is None
    assert window.services.integrity.check(full=True).ok
    assert reviews(path) == 1  # the backup's state
    done = themed(check.dialog)
    assert "Restored" in done.text()
    key(qtbot, done, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.isVisible())  # closes to start afresh, as Settings does


def tools_action(window: MainWindow, text: str) -> QAction:
    for menu_action in window.menuBar().actions():
        if menu_action.text() == "&Tools":
            menu = menu_action.menu()
            for action in menu.actions():  # type: ignore[union-attr]
                if action.text() == text:
                    return action
    raise AssertionError(f"no Tools > {text}")


def test_check_database_reports_ok_on_an_intact_database(qtbot: QtBot, open_app: object) -> None:
    window = open_app(damage=False)  # type: ignore[operator]
    check = window.database_check
    with qtbot.waitSignal(check.checked, timeout=10_000) as checked:
        tools_action(window, "&Check Database").trigger()
    assert checked.args[0].full and checked.args[0].ok
    shown = themed(check.dialog)
    assert shown.isVisible()
    assert shown.text().startswith("ok: the integrity check found no problems")
    key(qtbot, shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown.isVisible())
    assert not check.banner.isVisible()


def test_check_database_reports_damage_with_what_sqlite_found(
    qtbot: QtBot, open_app: object
) -> None:
    window = open_app(damage=True)  # type: ignore[operator]
    check = window.database_check
    with qtbot.waitSignal(check.checked, timeout=10_000) as checked:
        tools_action(window, "&Check Database").trigger()
    result = checked.args[0]
    assert result.full and not result.ok
    shown = themed(check.dialog)
    assert shown.isVisible() and shown.heading.objectName() == "ErrorTitle"
    assert "damaged: the integrity check found" in shown.text()
    assert result.problems[0] in shown.text()
    assert check.banner.isVisible()
