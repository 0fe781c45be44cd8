"""What the theme draws: disabled buttons look disabled, focus is visible, dark mode reads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.theme import DARK, LIGHT, Colors, Theme
from interviewprep.ui.widgets.markdown_view import MarkdownView


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest) -> Iterator[Theme]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield Theme(app, mode=str(request.param))


def colors(theme: Theme) -> Colors:
    return DARK if theme.dark else LIGHT


def near(pixel: QColor, hex_colour: str, tolerance: int = 24) -> bool:
    want = QColor(hex_colour)
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(
            (pixel.red(), pixel.green(), pixel.blue()),
            (want.red(), want.green(), want.blue()),
            strict=True,
        )
    )


def share_of(image: QImage, hex_colour: str) -> float:
    """Share of the image's pixels drawn in ``hex_colour``."""
    hits = sum(
        near(image.pixelColor(x, y), hex_colour)
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    return hits / max(1, len(range(0, image.width(), 2)) * len(range(0, image.height(), 2)))


def shown(qtbot: QtBot, *widgets: QWidget) -> QWidget:
    host = QWidget()
    from PySide6.QtWidgets import QVBoxLayout

    layout = QVBoxLayout(host)
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.resize(420, 300)
    host.show()
    qtbot.waitExposed(host)
    return host


def test_a_disabled_primary_button_does_not_look_like_an_enabled_one(
    qtbot: QtBot, theme: Theme
) -> None:
    c = colors(theme)
    button = QPushButton("Start preparing")
    button.setObjectName("Primary")
    other = QPushButton("Other")
    _host = shown(qtbot, button, other)
    enabled = button.grab().toImage()
    assert share_of(enabled, c.accent) > 0.5  # an accent-filled button
    button.setEnabled(False)
    disabled = button.grab().toImage()
    assert share_of(disabled, c.accent) < 0.05
    assert share_of(disabled, c.surface_alt) > 0.5  # greyed, as other disabled buttons are
    other.setEnabled(False)
    assert share_of(other.grab().toImage(), c.surface_alt) > 0.5


@pytest.mark.parametrize("kind", ["combo", "markdown", "checkbox", "button", "primary"])
def test_keyboard_focus_draws_a_ring(qtbot: QtBot, theme: Theme, kind: str) -> None:
    c = colors(theme)
    widget: QWidget
    if kind == "combo":
        combo = QComboBox()
        combo.addItems(["All roles", "AI agent engineer"])
        widget = combo
    elif kind == "markdown":
        view = MarkdownView()
        view.set_markdown("Some **answer** text.", theme.dark)
        widget = view
    elif kind == "checkbox":
        widget = QCheckBox("I have an interview on")
    else:
        widget = QPushButton("Start review")
        if kind == "primary":
            widget.setObjectName("Primary")
    before = QPushButton("before")
    _host = shown(qtbot, before, widget)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    unfocused = widget.grab().toImage()
    qtbot.keyClick(before, Qt.Key.Key_Tab)  # as a keyboard user moves
    qtbot.waitUntil(widget.hasFocus)
    focused = widget.grab().toImage()
    ring = c.text if kind == "primary" else c.accent  # on the accent fill, a text-coloured ring
    assert share_of(focused, ring) > share_of(unfocused, ring) + 0.01


def test_dark_check_boxes_stand_out_from_their_card(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    Theme(app, mode="dark")
    box = QCheckBox("AI agent engineer")
    _host = shown(qtbot, box)
    indicator = box.grab().toImage().copy(0, 0, 24, box.height())
    # the unticked box's outline is drawn in a light grey, not the near-black border colour
    assert share_of(indicator, DARK.muted) > 0.05
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    ticked = box.grab().toImage().copy(0, 0, 24, box.height())
    assert share_of(ticked, DARK.accent) > 0.2


@pytest.mark.parametrize("font_pt", [11, 15])
@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no real popup grab
def test_the_calendar_popup_shows_its_last_week_whole(qtbot: QtBot, font_pt: int) -> None:
    from PySide6.QtWidgets import QDateEdit, QTableView

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    Theme(app, mode="light", font_pt=font_pt)
    field = QDateEdit()
    field.setCalendarPopup(True)
    _host = shown(qtbot, field)
    # the arrow at the right-hand end opens the month, as a user clicks it
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 10, 10))
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    view = calendar.findChild(QTableView)
    assert view is not None
    rows = sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    assert rows <= view.viewport().height()  # six weeks and the weekday row, none cut off
    assert view.verticalScrollBar().maximum() == 0
    calendar.window().close()


def luminance(colour: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in (colour.red(), colour.green(), colour.blue()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_selected_browse_row_reads_clearly(window: MainWindow, qtbot: QtBot, mode: str) -> None:
    from collections import Counter

    from interviewprep.ui.screens.browse import BrowseScreen

    window.set_theme(mode)
    window.show_screen("browse")
    screen = window.screens["browse"]
    assert isinstance(screen, BrowseScreen)
    table = screen.table
    qtbot.waitUntil(lambda: table.model().rowCount() >= 3)
    first = table.visualRect(table.model().index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the user moves to the next row
    assert table.currentIndex().row() == 1
    rect = table.visualRect(table.model().index(1, 0))
    image = table.viewport().grab(rect).toImage()
    pixels = Counter(
        image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())
    )
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    assert background != QColor(DARK.surface if mode == "dark" else LIGHT.surface)  # selected
    text = max(
        (QColor.fromRgb(p) for p in pixels),
        key=lambda c: abs(luminance(c) - luminance(background)),
    )
    light, dark = sorted((luminance(background), luminance(text)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5  # WCAG AA for text
