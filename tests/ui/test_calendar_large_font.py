"""At 15 pt, as the walk found at 1920x1080, the study calendar's weekday and month names
are drawn whole: fixed pixel margins cut "Mon" to "on" and the months' tops."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from tests.ui.test_progress_screen import progress
from tests.ui.test_settings_screen import settings, type_number


def test_the_calendar_names_fit_at_a_large_font(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1400, 900)
    heatmap = progress(window, qtbot).heatmap
    small = heatmap.height()
    type_number(qtbot, settings(window, qtbot).font_size, "15")
    try:
        heatmap = progress(window, qtbot).heatmap
        qtbot.waitUntil(lambda: heatmap.font().pointSizeF() == 15)
        metrics = QFontMetricsF(heatmap.label_font())
        for name in ("Mon", "Wed", "Fri"):
            assert metrics.horizontalAdvance(name) <= heatmap.left_px - 6, name
        assert metrics.height() <= heatmap.top_px - 2  # a month's name, above its column
        assert metrics.height() <= heatmap.bottom_px - 6  # Less ... More, below
        assert heatmap.height() > small
        first = heatmap.cell_rect(heatmap.first)
        assert first.left() >= heatmap.left_px and first.top() >= heatmap.top_px
    finally:
        window.theme.set_font_pt(11)
