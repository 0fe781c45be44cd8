"""Settings take effect and are saved the moment they change; backups round-trip."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
)
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.ui import dialogs
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.browse import BrowseScreen
from interviewprep.ui.screens.progress import ProgressScreen
from interviewprep.ui.screens.settings import SettingsScreen
from interviewprep.ui.theme import DARK, LIGHT
from tests.banktext import write
from tests.conftest import UTC_DAY, OtherWindow

PROFILE = """---
role_profile: {role}
title: {title}
summary: A role made by a test.
topics:
  llm-fundamentals: LLM fundamentals
---

## Day to day

Work.
"""


def settings(window: MainWindow, qtbot: QtBot) -> SettingsScreen:
    window.show_screen("settings")
    screen = window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    return screen


def pick(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    combo.setFocus()
    target = combo.findText(text)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box itself: a check box stretched by its layout ignores clicks past its text."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def type_number(qtbot: QtBot, box: QAbstractSpinBox, text: str) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_theme_switch_recolours_the_app_markdown_and_charts(
    window: MainWindow, qtbot: QtBot
) -> None:
    services = window.services
    services.study.answer(services.study.card("demo", "alpha"), Grade.GOOD, 1000)
    window.show_screen("progress")
    progress = window.screens["progress"]
    assert isinstance(progress, ProgressScreen)
    qtbot.waitUntil(lambda: progress.report is not None and not progress.activity.is_empty)
    window.show_screen("browse")
    browse = window.screens["browse"]
    assert isinstance(browse, BrowseScreen)
    qtbot.waitUntil(lambda: browse.model.rowCount() == 5)
    browse.table.selectRow(0)
    assert LIGHT.text in browse.preview.document().defaultStyleSheet()

    def chart_background() -> str:
        return progress.activity.chart.backgroundBrush().color().name()

    assert chart_background() == LIGHT.surface
    screen = settings(window, qtbot)
    assert screen.theme_picker.currentText() == "Light"
    pick(qtbot, screen.theme_picker, "Dark")

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    assert window.theme.dark and services.settings.get("ui.theme") == "dark"
    css = browse.preview.document().defaultStyleSheet()
    assert DARK.text in css and LIGHT.text not in css
    assert "alpha" in browse.preview.toPlainText()
    assert chart_background() == DARK.surface
    assert progress.reviews_set is not None
    assert progress.reviews_set.color().name() == DARK.accent
    assert progress.heatmap.colors is DARK

    pick(qtbot, screen.theme_picker, "Light")
    assert chart_background() == LIGHT.surface
    assert services.settings.get("ui.theme") == "light"


def test_the_view_menu_theme_keeps_the_picker_in_step(window: MainWindow, qtbot: QtBot) -> None:
    screen = settings(window, qtbot)
    window.theme_actions["dark"].trigger()
    assert screen.theme_picker.currentText() == "Dark"


def test_limits_and_retention_are_saved_as_typed(window: MainWindow, qtbot: QtBot) -> None:
    services = window.services
    screen = settings(window, qtbot)
    assert screen.new_per_day["flashcard"].value() == 20
    type_number(qtbot, screen.new_per_day["flashcard"], "7")
    assert services.settings.preset("flashcard").new_per_day == 7
    assert services.study.counts().new == 3  # the bank has only 3
    type_number(qtbot, screen.new_per_day["flashcard"], "1")
    assert services.study.counts().new == 1

    type_number(qtbot, screen.reviews_per_day["system-design"], "5")
    assert services.settings.preset("system-design").reviews_per_day == 5
    type_number(qtbot, screen.retention["flashcard"], "0.85")
    assert services.settings.preset("flashcard").desired_retention == pytest.approx(0.85)
    type_number(qtbot, screen.retention["flashcard"], "0.99")  # out of range: not accepted
    assert services.settings.preset("flashcard").desired_retention <= 0.97
    assert services.settings.preset("system-design").desired_retention == pytest.approx(0.90)

    window.show_screen("today")
    screen = settings(window, qtbot)  # shown again: the saved values, not the defaults
    assert screen.new_per_day["flashcard"].value() == 1


def test_font_size(window: MainWindow, qtbot: QtBot) -> None:
    screen = settings(window, qtbot)
    type_number(qtbot, screen.font_size, "14")
    assert window.theme.font_pt == 14
    assert window.services.settings.get("ui.font_pt") == 14
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.font().pointSize() == 14


def test_target_roles_and_interview_date(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, clock: FixedClock
) -> None:
    services = window.services
    folder = tmp_path / "roles"
    write(folder / "agent.md", PROFILE.format(role="agent-engineer", title="AI agent engineer"))
    write(folder / "ml.md", PROFILE.format(role="ml-engineer", title="ML engineer"))
    services.library.import_paths([folder])
    screen = settings(window, qtbot)
    assert set(screen.role_boxes) == {"agent-engineer", "ml-engineer"}
    assert screen.role_boxes["agent-engineer"].isChecked()
    qtbot.waitUntil(lambda: all(box.isVisible() for box in screen.role_boxes.values()))

    tick(qtbot, screen.role_boxes["ml-engineer"])
    assert services.settings.target_roles == ["agent-engineer", "ml-engineer"]
    tick(qtbot, screen.role_boxes["agent-engineer"])
    assert services.settings.target_roles == ["ml-engineer"]

    assert services.settings.interview_date is None and not screen.interview_date.isEnabled()
    tick(qtbot, screen.has_interview)
    today = UTC_DAY.day_of(clock.now())
    assert services.settings.interview_date == today + timedelta(days=28)
    assert screen.interview_date.isEnabled()
    screen.interview_date.setFocus()
    qtbot.keyClick(screen.interview_date, Qt.Key.Key_Up)  # the day section steps by one
    assert services.settings.interview_date == today + timedelta(days=29)
    tick(qtbot, screen.has_interview)
    assert services.settings.interview_date is None


def test_data_folder_is_shown(window: MainWindow, qtbot: QtBot) -> None:
    screen = settings(window, qtbot)
    assert screen.folder_label.path == str(window.services.data_dir)
    assert screen.folder_label.toolTip() == str(window.services.data_dir)
    assert "No backups yet" in screen.backup_note.text()


def test_backup_now_then_restore_it(
    window: MainWindow,
    qtbot: QtBot,
    clock: FixedClock,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    other_window: OtherWindow,
) -> None:
    services = window.services
    screen = settings(window, qtbot)
    qtbot.mouseClick(screen.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.busy)
    backups = sorted((data_dir / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    stamp = f"{clock.now().astimezone():%Y%m%d-%H%M%S}"  # local time, as the user reads it
    assert backups[0].name == f"interviewprep-{stamp}.sqlite3"
    assert backups[0].name in screen.backup_note.text()

    services.study.answer(services.study.card("demo", "alpha"), Grade.GOOD, 1000)
    clock.advance(timedelta(seconds=5))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(backups[0]), ""))
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    told: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda _p, _t, text: told.append(text))
    qtbot.mouseClick(screen.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told))

    assert "will now close" in told[0]
    qtbot.waitUntil(lambda: not window.isVisible())  # closed, so nothing runs on stale caches
    window.services.close()
    with other_window() as reopened:
        assert reopened.study.card("demo", "alpha").state.reps == 0  # as at the backup
        assert reopened.stats.overview().total_reviews == 0
        # the state just before the restore was kept, and the message names it
        safety = next(
            b.path
            for b in reopened.backup.backups()
            if b.path != backups[0] and b.path.name in told[0]
        )
    with closing(sqlite3.connect(safety)) as kept:
        assert kept.execute("SELECT reps FROM progress WHERE question_id = 'alpha'").fetchone() == (
            1,
        )


def test_restore_refuses_a_file_that_is_not_a_backup(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = window.services
    services.study.answer(services.study.card("demo", "alpha"), Grade.GOOD, 1000)
    screen = settings(window, qtbot)
    junk = write(tmp_path / "notes.sqlite3", "not a database at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(junk), ""))
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    warned: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text: warned.append(text))
    qtbot.mouseClick(screen.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warned))
    assert "not an interviewprep database" in warned[0]
    assert window.isVisible()
    assert services.study.card("demo", "alpha").state.reps == 1  # untouched


def test_optimise_from_settings_shows_before_and_after(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import insert

    from interviewprep.storage.models import ReviewRow
    from tests.services.test_personal_parameters import forgetful_user_history

    with window.services.db.transaction() as session:
        session.execute(insert(ReviewRow), forgetful_user_history(400))
    screen = settings(window, qtbot)
    qtbot.waitUntil(lambda: "enough to optimise" in screen.optimise_note.text())
    assert "Suggested" not in screen.optimise_note.text()
    assert "enough to optimise: “Optimise for flashcards” fits FSRS to them." in (
        screen.optimise_note.text()
    )
    assert screen.optimise_note.text().startswith("Flashcards: 2,800 reviews")
    before = window.services.settings.preset("flashcard").parameters
    qtbot.mouseClick(screen.optimise_buttons["flashcard"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Log loss" in screen.optimise_note.text(), timeout=30_000)
    assert "New parameters kept" in screen.optimise_note.text()
    assert "before" in screen.optimise_note.text() and "after" in screen.optimise_note.text()
    assert window.services.settings.preset("flashcard").parameters != before
    assert screen.optimise_progress.isHidden()
