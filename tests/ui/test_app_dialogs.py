"""F1 lists every shortcut; the app's messages are its own themed dialogs, closed by keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from interviewprep.ui.dialogs import MessageDialog, ShortcutsDialog
from interviewprep.ui.main_window import SCREENS, MainWindow


def when_open(qtbot: QtBot, act: Callable[[QDialog], None]) -> list[QDialog]:
    """Run ``act`` on the modal dialog about to open, once it is the active window."""
    seen: list[QDialog] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, run)
    return seen


def normal(keys: str) -> str:
    return QKeySequence(keys).toString()


def test_f1_lists_every_shortcut_of_every_screen_on_one_line_each(
    window: MainWindow, qtbot: QtBot
) -> None:
    for spec in SCREENS:
        window.screens[spec.name]  # built, with its shortcuts bound
    listed: dict[str, set[str]] = {}
    texts: list[QLabel] = []

    widths: list[tuple[str, int, int]] = []
    scrolls: list[int] = []

    def read_and_close(dialog: QDialog) -> None:
        try:
            assert isinstance(dialog, ShortcutsDialog)
            for group, keys in window.shortcut_groups():
                listed[group] = {normal(k) for key in keys for k in key.keys}
            texts.extend(dialog.findChildren(QLabel))
            widths.extend((t.text(), t.width(), t.sizeHint().width()) for t in texts)
            scrolls.append(dialog.scroll_area.horizontalScrollBar().maximum())
        finally:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    seen = when_open(qtbot, read_and_close)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert seen and not seen[0].isVisible()
    assert scrolls == [0]  # as wide as its longest line: nothing cut off or wrapped
    for text, width, wanted in widths:
        assert width >= wanted - 1, text

    for spec in SCREENS:
        screen = window.screens[spec.name]
        for shortcut in screen.findChildren(QShortcut):
            keys = shortcut.key().toString()
            assert keys in listed.get(spec.title, set()), f"{spec.title}: {keys} not in F1"
    menu_keys = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert menu_keys <= listed["Anywhere"]
    assert {"Ctrl+O", "Ctrl+Q", "F1", "Ctrl+1", "Ctrl+8"} <= listed["Anywhere"]
    shown = {t.text() for t in texts}
    assert (
        "Show the answer, then answer Good" in shown
        and "Make the selected questions new again" in shown
    )


def test_about_is_a_themed_dialog_closed_with_enter(window: MainWindow, qtbot: QtBot) -> None:
    def check(dialog: QDialog) -> None:
        assert isinstance(dialog, MessageDialog) and not isinstance(dialog, QMessageBox)
        assert "interviewprep" in dialog.text()
        assert dialog.accept_button.hasFocus()
        qtbot.keyClick(dialog.accept_button, Qt.Key.Key_Return)

    seen = when_open(qtbot, check)
    window.show_about()
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted


def test_a_confirmation_answers_to_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    from interviewprep.ui.dialogs import confirm

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier) -> Callable[[QDialog], None]:
        return lambda dialog: qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)

    no, ctrl = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier
    when_open(qtbot, press(Qt.Key.Key_Escape, no))
    assert not confirm(window, "Restore?", "Replace it all?", "Restore", destructive=True)
    when_open(qtbot, press(Qt.Key.Key_Return, no))
    assert not confirm(window, "Restore?", "Replace it all?", "Restore", destructive=True)
    when_open(qtbot, press(Qt.Key.Key_Return, ctrl))
    assert confirm(window, "Restore?", "Replace it all?", "Restore", destructive=True)
    when_open(qtbot, press(Qt.Key.Key_Return, no))
    assert confirm(window, "Keep going?", "Carry on?", "Carry on")  # not destructive: Enter
