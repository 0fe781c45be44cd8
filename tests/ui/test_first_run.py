"""First run: the bundled banks load with a progress dialog, then the user picks roles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from interviewprep.services.app import Services
from interviewprep.ui.app import load_bundled_banks, open_window
from interviewprep.ui.first_run import RolePickerDialog
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.markdown_view import MarkdownView


def test_first_run_loads_bundled_banks_then_asks_for_roles(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[RolePickerDialog] = []

    def pick(dialog: RolePickerDialog) -> int:
        seen.append(dialog)
        assert set(dialog.boxes) >= {"agent-engineer", "ml-engineer", "agentops-engineer"}
        dialog.boxes["ml-engineer"].click()
        dialog.has_date.click()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RolePickerDialog, "exec", pick)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(services, Theme(app, mode="light"))
    qtbot.addWidget(window)
    window.show()
    load_bundled_banks(window)
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    assert len(services.library.banks()) >= 40
    assert services.settings.target_roles == ["ml-engineer"]
    assert services.settings.interview_date is not None
    assert services.settings.interview_date > date(2026, 3, 2)
    assert services.settings.get("first_run_done") is True
    window.workers.wait()


def test_role_profiles_are_shown_side_by_side(qtbot: QtBot, services: Services) -> None:
    bundled = Path(__file__).resolve().parents[2] / "question_banks"
    services.library.import_paths([bundled])
    dialog = RolePickerDialog(services.library.roles(), [], None, dark=False)
    qtbot.addWidget(dialog)
    assert not dialog._ok.isEnabled()  # nothing chosen yet
    dialog.boxes["agent-engineer"].click()
    assert dialog._ok.isEnabled()
    bodies = [v.toPlainText() for v in dialog.findChildren(MarkdownView)]
    assert len(bodies) == 3
    assert all("Day to day" in b and "How it differs" in b for b in bodies)


def test_after_first_run_today_shows_the_banks_and_enter_starts_review(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a refresh started before the import used to land last and leave Today
    saying 'No banks installed', with nothing focused so Enter did nothing."""
    monkeypatch.setattr(
        RolePickerDialog, "exec", lambda d: (d.boxes["agent-engineer"].click(), 1)[1]
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(services, Theme(app, mode="light"))
    qtbot.addWidget(window)
    window.show()
    load_bundled_banks(window)
    today = window.screens["today"]
    qtbot.waitUntil(lambda: "waiting today" in today.summary.text(), timeout=60_000)
    window.workers.wait()
    with qtbot.assertNotEmitted(today.refreshed, wait=100):  # no late result overwrites it
        pass
    # the daily limit of 20 new cards is shared, so three roles do not make 60
    assert today.summary.text().startswith("20 flashcards waiting today: 20 new")
    focus = window.focusWidget()  # what gets the keys once the window is active
    assert focus is today.start_review
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert window.current_screen() is window.screens["review"]


def test_a_later_start_shows_today_before_re_reading_the_banks(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled banks are checked against their files on every start; with banks already
    installed, that waits until Today has its figures instead of slowing them down."""
    bundled = Path(__file__).resolve().parents[2] / "question_banks"
    services.library.import_paths([bundled])
    services.settings.set("first_run_done", True)
    today_ready_at_sync: list[bool] = []
    import_paths = services.library.import_paths

    def recording(*args: object, **kwargs: object) -> object:
        today_ready_at_sync.append(window.screens["today"].report is not None)
        return import_paths(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services.library, "import_paths", recording)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(services, Theme(app, mode="light"))
    qtbot.addWidget(window)
    open_window(window)
    qtbot.waitUntil(lambda: bool(today_ready_at_sync), timeout=60_000)
    window.workers.wait()
    assert today_ready_at_sync == [True]
    assert "waiting today" in window.screens["today"].summary.text()


def test_escape_on_the_role_picker_asks_before_skipping_setup(
    qtbot: QtBot, services: Services
) -> None:
    from PySide6.QtCore import QTimer

    from interviewprep.ui.dialogs import MessageDialog

    bundled = Path(__file__).resolve().parents[2] / "question_banks"
    services.library.import_paths([bundled])
    picker = RolePickerDialog(services.library.roles(), [], None, dark=False)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    asked: list[str] = []

    def answer(key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
        def press() -> None:
            question = QApplication.activeModalWidget()
            assert isinstance(question, MessageDialog)
            qtbot.waitUntil(question.isActiveWindow)
            asked.append(question.text())
            qtbot.keyClick(question.focusWidget() or question, key, modifier)

        QTimer.singleShot(0, press)

    no = Qt.KeyboardModifier.NoModifier
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return):  # either keeps the picker open
        answer(key, no)
        qtbot.keyClick(picker, Qt.Key.Key_Escape)
        assert asked and asked[-1].startswith("Without target roles")
        assert picker.isVisible() and not picker.skipped
    answer(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # "Skip for now"
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert not picker.isVisible() and picker.skipped
    assert picker.result() == QDialog.DialogCode.Rejected


def test_a_disabled_start_preparing_says_why_and_the_date_field_looks_disabled(
    qtbot: QtBot, services: Services
) -> None:
    from interviewprep.ui.theme import LIGHT

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    Theme(app, mode="light")
    bundled = Path(__file__).resolve().parents[2] / "question_banks"
    services.library.import_paths([bundled])
    picker = RolePickerDialog(services.library.roles(), [], None, dark=False)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    assert not picker._ok.isEnabled() and "Pick at least one role" in picker._ok.toolTip()
    assert not picker.date.isEnabled()
    middle = picker.date.grab().toImage().pixelColor(picker.date.width() // 2, 3)
    assert middle.name() == LIGHT.surface_alt  # greyed, unlike the white of a live field
    picker.has_date.click()
    middle = picker.date.grab().toImage().pixelColor(picker.date.width() // 2, 3)
    assert middle.name() == LIGHT.surface


def test_today_says_the_banks_are_loading_not_that_there_are_none(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        RolePickerDialog, "exec", lambda d: (d.boxes["agent-engineer"].click(), 1)[1]
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(services, Theme(app, mode="light"))
    qtbot.addWidget(window)
    window.show()
    today = window.screens["today"]
    load_bundled_banks(window)  # the loading dialog is up while this runs
    qtbot.waitUntil(lambda: today.report is not None)  # the first figures, before the import
    assert today.summary.text() == "Loading the question banks…"
    qtbot.waitUntil(lambda: "waiting today" in today.summary.text(), timeout=60_000)
    window.workers.wait()


def test_no_cancel_button_is_left_in_the_window_after_the_first_run_load(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: after the first run a "Cancel" stayed at the bottom right of the window
    (the loading's Cancel, left shown once the import was over)."""
    from PySide6.QtWidgets import QPushButton

    asked: list[RolePickerDialog] = []
    monkeypatch.setattr(
        RolePickerDialog,
        "exec",
        lambda d: (asked.append(d), d.boxes["agent-engineer"].click(), 1)[2],
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(services, Theme(app, mode="light"))
    qtbot.addWidget(window)
    open_window(window)
    qtbot.waitUntil(lambda: bool(asked), timeout=60_000)
    qtbot.waitUntil(lambda: window.workers.running == 0, timeout=60_000)
    today = window.screens["today"]
    qtbot.waitUntil(lambda: "waiting today" in today.summary.text(), timeout=60_000)

    def shown_cancels() -> list[str]:
        return [
            b.text()
            for b in window.findChildren(QPushButton)
            if b.isVisible() and "cancel" in (b.text() + b.objectName()).lower()
        ]

    assert shown_cancels() == []
    window.workers.wait()
