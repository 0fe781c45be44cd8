"""At a 15 pt font in a window that fits a 1280x720 screen: no sideways scrolling, no clipped
title or buttons, on Today and Settings."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow


def clipped(page: QWidget) -> list[str]:
    """The buttons and texts on ``page`` drawn smaller than they need."""
    found = [
        button.text()
        for button in page.findChildren(QPushButton)
        if button.isVisibleTo(page) and button.width() < button.sizeHint().width() - 1
    ]
    for text in page.findChildren(QLabel):
        if not (text.isVisibleTo(page) and text.text()):
            continue
        if text.wordWrap():
            short = text.height() < text.heightForWidth(text.width()) - 1
        else:
            short = text.width() < text.sizeHint().width() - 1
        if short:
            found.append(text.text())
    return found


def test_today_and_settings_at_15_pt(window: MainWindow, qtbot: QtBot) -> None:
    window.theme.set_font_pt(15)
    window.resize(1180, 640)
    for name in ("today", "settings"):
        window.show_screen(name)
        screen = window.screens[name]
        qtbot.waitUntil(lambda s=screen: s.isVisible())
        if name == "today":
            qtbot.waitUntil(lambda s=screen: s.report is not None)  # type: ignore[attr-defined]
        scroll = screen.findChild(QScrollArea)
        assert scroll is not None
        qtbot.waitUntil(lambda a=scroll: a.widget().width() <= a.viewport().width())
        assert not scroll.horizontalScrollBar().isVisible()
        assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
        qtbot.waitUntil(lambda a=scroll: clipped(a.widget()) == [])  # once laid out
    window.theme.set_font_pt(11)
