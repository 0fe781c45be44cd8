"""At 15 pt, as the walk found at 1280x720, the Banks and Browse tables' column titles read
whole ("Flashcards", not "lashcard"), with the title column still readable and nothing pushed
out of sight sideways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from tests.ui.test_settings_screen import settings, type_number


def cut_titles(table: QTableView) -> list[str]:
    """The column titles drawn narrower than they need (the stretching first column aside)."""
    head = table.horizontalHeader()
    metrics = head.fontMetrics()
    model = table.model()
    cut = []
    for column in range(1, model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        if head.sectionSize(column) < metrics.horizontalAdvance(title) + 16:
            cut.append(title)
    return cut


def test_column_titles_read_whole_after_the_font_grows(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1180, 640)
    tables = []
    for name in ("banks", "browse"):
        window.show_screen(name)
        table = window.screens[name].findChild(QTableView)
        assert table is not None
        tables.append(table)
    assert [cut_titles(t) for t in tables] == [[], []]

    type_number(qtbot, settings(window, qtbot).font_size, "15")  # as the user sets it
    assert window.theme.font_pt == 15
    try:
        for name, table in zip(("banks", "browse"), tables, strict=True):
            window.show_screen(name)
            qtbot.waitUntil(lambda t=table: t.font().pointSizeF() == 15)
            assert cut_titles(table) == [], name
            question = table.columnWidth(0)  # the stretching title keeps a fair share
            assert question >= 0.15 * table.viewport().width(), (name, question)
            assert table.horizontalScrollBar().maximum() == 0, name  # nothing pushed aside
    finally:
        window.theme.set_font_pt(11)
