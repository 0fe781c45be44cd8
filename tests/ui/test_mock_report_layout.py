"""The mock report at 1280x720, as the walk found it: topic names and question titles whole in
the list, entries that say what they are in words, and a reference answer with room to read."""

from __future__ import annotations

import re
from datetime import timedelta

from PySide6.QtCore import QRect, QSize, Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.clock import FixedClock
from interviewprep.ui.main_window import MainWindow, first_geometry
from tests.ui.test_mock_interview import CTRL, bank_dir, mock_screen, start

__all__ = ["bank_dir"]  # the bank of short questions and a design round, shared


def test_the_report_lists_whole_words_and_gives_the_reference_room(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    window.setGeometry(first_geometry(QRect(0, 0, 1280, 720), QSize(900, 580)))
    screen = mock_screen(window, qtbot)
    start(screen, qtbot, 45)
    clock.advance(timedelta(minutes=2))
    qtbot.keyClick(screen.answer, Qt.Key.Key_Return, CTRL)
    clock.advance(timedelta(minutes=2))
    with qtbot.waitSignal(screen.report_shown):
        qtbot.keyClick(screen.answer, Qt.Key.Key_E, CTRL)

    listing = screen.report_list
    metrics = listing.fontMetrics()
    texts = []
    for row in range(listing.count()):
        item = listing.item(row)
        texts.append(item.text())
        shown = listing.visualItemRect(item)
        needed = metrics.boundingRect(
            QRect(0, 0, shown.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, item.text()
        )
        assert needed.height() <= shown.height() + 2, f"clipped: {item.text()!r}"
        assert "…" not in item.text() and "..." not in item.text()
    assert listing.horizontalScrollBar().maximum() == 0
    joined = "\n".join(texts)
    assert "–" not in joined and not re.search(r"\b\d+/\d+\b", joined), joined  # no "– · 0/1"
    assert "to grade" in joined

    reference = screen.detail_reference
    assert reference.isVisible()
    line = reference.fontMetrics().lineSpacing()
    assert reference.viewport().height() >= 8 * line, "the reference has room to be read"
