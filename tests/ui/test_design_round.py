"""The design round as an interview: Space starts the clock after a pick, the prompt list keeps
out of the keyboard's way, the clock stands still when nobody sees it or the user pauses, and
the finished round reads as one page: the reference beside the rubric, titles not ids."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.ui.autosave import Autosave
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.design import DesignScreen
from tests.banktext import bank, write

CTRL = Qt.KeyboardModifier.ControlModifier
OPENS_A_POPUP = pytest.mark.qt_log_ignore(
    # an open combo's list is a popup window: offscreen cannot raise it or grab the keyboard
    "This plugin does not support raise",
    "This plugin does not support grabbing",
)

FRONT = """---
id: sd-drills
title: Design drills
role: agent-engineer
version: "1.0.0"
license: CC-BY-4.0
authors: [Test Author]
description: Design prompts made by a test.
---
"""

LONG_ANSWER = "\n".join(
    # short enough in all to render on the spot, not on a thread
    f"{n}. **Step {n}:** a line of the reference outline to compare with the notes."
    for n in range(1, 41)
)


def design_prompt(qid: str, title: str, answer: str = "1. Requirements.\n2. Design.") -> str:
    return (
        f"\n## {qid}\n"
        "type: system-design\n"
        f"title: {title}\n"
        "topics: [agent-system-design, tool-calling]\n"
        "difficulty: senior\n"
        "time_box: 45\n"
        "\n### Prompt\nDesign a refund agent for **2,000 customer tenants**.\n"
        f"\n### Answer\n{answer}\n"
        "\n### Phases\n- Requirements (15 min)\n- Design (30 min)\n"
        "\n### Rubric\n- [3] Clarifies the `issue_refund` scope\n- [2] Estimates load\n"
    )


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    write(folder / "demo.md", bank("demo", ids=("alpha", "beta")))
    write(
        folder / "drills.md",
        FRONT
        + design_prompt(
            "refund-agent",
            "Refunds for **2,000 customer tenants** with `issue_refund`",
            LONG_ANSWER,
        )
        + design_prompt("ranking", "Ranking where $p$ is the click rate"),
    )
    return folder


def design_screen(window: MainWindow, qtbot: QtBot) -> DesignScreen:
    window.show_screen("design")
    screen = window.screens["design"]
    assert isinstance(screen, DesignScreen)
    qtbot.waitUntil(lambda: screen.session is not None)
    return screen


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def resize(window: MainWindow, qtbot: QtBot, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)


def finish_with_notes(screen: DesignScreen, qtbot: QtBot, clock: FixedClock) -> None:
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.notes, "Scope: refunds only")
    clock.advance(timedelta(minutes=30))
    qtbot.keyClick(screen.notes, Qt.Key.Key_Return, CTRL)
    assert screen.session is not None and screen.session.finished


@OPENS_A_POPUP
def test_space_after_picking_a_prompt_starts_the_clock_and_the_list_stays_shut(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = design_screen(window, qtbot)
    assert screen.picker.currentText().startswith("Refunds for")
    with qtbot.waitSignal(screen.picker.opened):
        qtbot.mouseClick(screen.picker, Qt.MouseButton.LeftButton)
    popup = screen.picker.view()
    qtbot.waitUntil(popup.isVisible)
    where = popup.visualRect(popup.model().index(1, 0)).center()
    qtbot.mouseMove(popup.viewport(), where)  # onto the second prompt, then click it
    with qtbot.waitSignal(screen.picker.activated):
        qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert screen.session is not None and screen.session.card.question_id == "ranking"
    qtbot.waitUntil(lambda: focused() is screen.start_button)  # not the box the list closed to

    with qtbot.assertNotEmitted(screen.picker.opened):
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert not popup.isVisible()
    assert screen.session.running and screen.clock_caption.text() == "left of 45 min"
    assert screen.picker.currentText().startswith("Ranking where")

    # Clicked, then closed with Esc: an arrow key over the shut box does not pick another prompt.
    with qtbot.waitSignal(screen.picker.opened):
        qtbot.mouseClick(screen.picker, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.picker.opened):
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    with qtbot.assertNotEmitted(screen.picker.activated):
        qtbot.keyClick(screen.picker, Qt.Key.Key_Up)
        qtbot.keyClick(screen.picker, Qt.Key.Key_Down)
    assert screen.session.card.question_id == "ranking" and screen.session.running


def test_tab_never_lands_on_the_prompt_list(window: MainWindow, qtbot: QtBot) -> None:
    screen = design_screen(window, qtbot)
    screen.start_button.setFocus()
    visited = []
    for _ in range(12):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        visited.append(focused())
    assert screen.picker not in visited
    assert screen.session is not None and screen.session.card.question_id == "refund-agent"
    assert "Ctrl+L" in screen.picker.toolTip()  # the keyboard's way to it


def test_typing_a_note_before_the_start_starts_the_clock(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = design_screen(window, qtbot)
    assert "Type to start the clock" in screen.notes.placeholderText()
    monkeypatch.setattr(Autosave, "delay_ms", 20)
    qtbot.mouseClick(screen.notes.viewport(), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.autosave.saved):
        qtbot.keyClicks(screen.notes, "Scope first")
    assert screen.notes.toPlainText() == "Scope first"
    assert screen.session is not None and screen.session.running
    assert not screen.start_button.isVisible() and screen.finish_button.isVisible()
    saved = window.services.design.resume_unfinished()
    assert saved is not None and saved.notes == "Scope first"


def test_the_clock_stands_still_out_of_sight_and_while_paused(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DesignScreen, "tick_ms", 10)  # redrawn often: no real seconds
    screen = design_screen(window, qtbot)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    clock.advance(timedelta(minutes=5))
    with qtbot.waitSignal(screen.clock_ticked):
        pass
    assert screen.countdown.text() == "40:00"

    window.show_screen("today")  # twenty minutes on another screen
    clock.advance(timedelta(minutes=20))
    window.show_screen("design")
    assert screen.countdown.text() == "40:00"

    window.showMinimized()  # and ten with the window minimised
    clock.advance(timedelta(minutes=10))
    window.showNormal()
    clock.advance(timedelta(minutes=1))
    with qtbot.waitSignal(screen.clock_ticked):
        pass
    assert screen.countdown.text() == "39:00"

    assert "Ctrl+Space" in screen.pause_button.toolTip()
    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    assert screen.pause_button.text() == "Resume" and "paused" in screen.clock_caption.text()
    assert screen.notes.isReadOnly()
    clock.advance(timedelta(minutes=15))
    with qtbot.assertNotEmitted(screen.clock_ticked, wait=100):
        pass
    window.show_screen("today")
    window.show_screen("design")  # coming back does not undo the user's pause
    assert screen.pause_button.text() == "Resume" and screen.countdown.text() == "39:00"

    qtbot.keyClick(focused(), Qt.Key.Key_Space, CTRL)
    assert screen.pause_button.text() == "Pause" and not screen.notes.isReadOnly()
    clock.advance(timedelta(minutes=2))
    with qtbot.waitSignal(screen.clock_ticked):
        pass
    assert screen.countdown.text() == "37:00"

    qtbot.keyClick(screen.notes, Qt.Key.Key_Return, CTRL)
    assert screen.countdown.text() == "08:00"  # the time used, not the time left
    assert screen.countdown.accessibleName() == "Time used"
    assert screen.clock_caption.text() == "used of the 45 min time box"
    attempt = window.services.design.attempts("sd-drills", "refund-agent")[0]
    assert attempt.elapsed_seconds == 8 * 60


def test_finished_round_sets_the_reference_beside_the_rubric_at_full_height(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    resize(window, qtbot, 1920, 1080)
    screen = design_screen(window, qtbot)
    finish_with_notes(screen, qtbot, clock)
    reference, rubric = screen.reference_view, screen.rubric_card
    assert "Step 40:" in reference.toPlainText() and rubric.isVisible()

    left = reference.mapTo(window, reference.rect().topRight())
    right = rubric.mapTo(window, rubric.rect().topLeft())
    assert right.x() > left.x()  # side by side
    assert abs(right.y() - left.y()) < 200  # and level with each other
    assert reference.height() > 600  # all forty steps, not a 250 px box
    # nothing cut off, once the layout passes the finish asked for have run
    qtbot.waitUntil(lambda: rubric.height() >= rubric.heightForWidth(rubric.width()))

    # One scroll area for the page: nothing inside it scrolls on its own.
    page = screen.review_scroll
    inner = [
        area
        for area in page.widget().findChildren(QAbstractScrollArea)
        if area.isVisible() and area.verticalScrollBar().maximum() > 0
    ]
    assert inner == []
    scrolls_above = 0
    parent = reference.parentWidget()
    while parent is not None:
        scrolls_above += isinstance(parent, QScrollArea)
        parent = parent.parentWidget()
    assert scrolls_above == 1
    assert screen.my_notes.text() == "Scope: refunds only"


def test_grading_lists_the_attempt_and_the_page_keeps_its_place(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    resize(window, qtbot, 1280, 720)
    screen = design_screen(window, qtbot)
    finish_with_notes(screen, qtbot, clock)
    assert screen.attempts_empty.isVisible()
    bar = screen.review_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown)  # the keyboard scrolls the page
    place = bar.value()
    assert place > 0

    qtbot.keyClick(focused(), Qt.Key.Key_3)
    assert screen.session is not None and screen.session.graded
    assert screen.attempts_list.isVisible() and not screen.attempts_empty.isVisible()
    assert screen.attempts_list.count() == 1
    assert "Good" in screen.attempts_list.item(0).text()
    assert bar.value() == place
    assert screen.meta.text().endswith("practised 1×")


def test_display_text_shows_titles_never_ids_slugs_or_markup(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = design_screen(window, qtbot)
    items = [screen.picker.itemText(i) for i in range(screen.picker.count())]
    assert items == [
        "Refunds for 2,000 customer tenants with issue_refund · 45 min",
        "Ranking where p is the click rate · 45 min",
    ]
    meta = screen.meta.text()
    assert meta.startswith("Design drills · Agent system design, Tool calling · Senior")
    for raw in ("sd-drills", "agent-system-design", "tool-calling", "senior"):
        assert raw not in meta
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(screen.notes, Qt.Key.Key_Return, CTRL)
    rubric_text = [box.accessibleName() for box in screen.rubric_boxes]
    assert rubric_text == ["Clarifies the issue_refund scope", "Estimates load"]


def test_a_wide_window_keeps_lines_readable_and_grows_the_side_column(
    window: MainWindow, qtbot: QtBot
) -> None:
    resize(window, qtbot, 1280, 720)
    screen = design_screen(window, qtbot)
    narrow_side = screen.clock_card.width()
    resize(window, qtbot, 1920, 1080)
    assert screen.clock_card.width() > narrow_side + 60
    font = QFont(screen.prompt_view.font())
    font.setPointSizeF(window.theme.font_pt + 1)
    char = QFontMetricsF(font).averageCharWidth()
    assert screen.prompt_view.viewport().width() <= 95 * char
    assert screen.prompt_view.viewport().width() >= 80 * char


def test_grade_keys_wait_while_the_prompt_list_is_open(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    screen = design_screen(window, qtbot)
    finish_with_notes(screen, qtbot, clock)
    screen.picker.opened.emit(True)  # what showPopup announces, without an offscreen popup
    qtbot.keyClick(focused(), Qt.Key.Key_3)  # a key typed into the open list, not a grade
    assert screen.session is not None and not screen.session.graded
    screen.picker.opened.emit(False)
    qtbot.keyClick(focused(), Qt.Key.Key_3)
    assert screen.session.graded and screen.session.attempt is not None
    assert screen.session.attempt.grade == Grade.GOOD
