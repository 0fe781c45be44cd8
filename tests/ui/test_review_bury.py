"""Bury on the review screen: "-" puts the card away until the next study day, U brings it
back, and F1 lists the key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from tests.ui.review_screen import review
from tests.ui.test_app_dialogs import when_open


def test_minus_buries_the_card_and_u_brings_it_back(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    first = screen.session.card
    assert first is not None and first.question_id == "alpha"
    assert "3 new" in screen.counts_label.text()

    qtbot.keyClick(screen, Qt.Key.Key_Minus)
    shown = screen.session.card
    assert shown is not None and shown.question_id == "beta"
    assert "What is beta?" in screen.prompt_view.toPlainText()
    assert "2 new" in screen.counts_label.text()
    assert "buried" in window.statusBar().currentMessage()
    assert window.services.study.card("demo", "alpha").buried

    qtbot.keyClick(screen, Qt.Key.Key_U)
    assert window.statusBar().currentMessage() == "Bury undone: the question is back"
    assert screen.session.card is not None and screen.session.card.question_id == "alpha"
    assert "What is alpha?" in screen.prompt_view.toPlainText()
    assert "3 new" in screen.counts_label.text()
    assert not window.services.study.card("demo", "alpha").buried


def test_f1_lists_bury(window: MainWindow, qtbot: QtBot) -> None:
    texts: list[str] = []

    def read_and_close(dialog: QDialog) -> None:
        try:
            texts.extend(label.text() for label in dialog.findChildren(QLabel))
        finally:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    seen = when_open(qtbot, read_and_close)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert seen
    at = texts.index("Bury the card until the next study day")
    assert texts[at - 1] == "-"  # its key, on its line
