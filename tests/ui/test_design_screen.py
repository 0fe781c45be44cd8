"""A design attempt driven by keys and clicks: notes that survive a restart, the rubric's
suggested grade, an override that reaches the scheduler, earlier attempts beside the current."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import build_services
from interviewprep.ui.autosave import Autosave
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.design import DesignScreen
from tests.conftest import UTC_DAY

CTRL = Qt.KeyboardModifier.ControlModifier
OPENS_A_POPUP = pytest.mark.qt_log_ignore(
    # an open combo's list is a popup window: offscreen cannot raise it or grab the keyboard
    "This plugin does not support raise",
    "This plugin does not support grabbing",
)


def design_screen(window: MainWindow, qtbot: QtBot) -> DesignScreen:
    window.show_screen("design")
    screen = window.screens["design"]
    assert isinstance(screen, DesignScreen)
    qtbot.waitUntil(lambda: screen.session is not None or screen.pages.currentIndex() == 0)
    return screen


def start_attempt(screen: DesignScreen, qtbot: QtBot) -> None:
    assert screen.start_button.isVisible() and not screen.finish_button.isVisible()
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    assert screen.session is not None and screen.session.running
    assert not screen.notes.isReadOnly() and screen.finish_button.isVisible()


def pick_with_keys(screen: DesignScreen, qtbot: QtBot, row: int) -> None:
    """Ctrl+L opens the prompt list; arrows move in it and Enter picks, as a user would."""
    with qtbot.waitSignal(screen.picker.opened):
        qtbot.keyClick(screen, Qt.Key.Key_L, CTRL)
    popup = screen.picker.view()
    qtbot.waitUntil(popup.isVisible)
    current = popup.currentIndex().row()
    key = Qt.Key.Key_Down if row > current else Qt.Key.Key_Up
    for _ in range(abs(row - current)):
        qtbot.keyClick(popup, key)
    with qtbot.waitSignal(screen.picker.activated):
        qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_notes_autosave_and_come_back_after_a_restart(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = window.services
    screen = design_screen(window, qtbot)
    assert screen.session is not None and screen.session.card.question_id == "design-one"
    assert "Design a thing at 1,000 QPS." in screen.prompt_view.toPlainText()
    assert screen.countdown.text() == "45:00"
    start_attempt(screen, qtbot)

    monkeypatch.setattr(Autosave, "delay_ms", 20)  # the pause after typing, not 3 real seconds
    with qtbot.waitSignal(screen.autosave.saved):
        qtbot.keyClicks(screen.notes, "Requirements: 1k QPS, p99 200 ms")
    assert screen.save_state.text().startswith("Saved")
    saved = services.design.resume_unfinished()
    assert saved is not None and saved.notes == "Requirements: 1k QPS, p99 200 ms"

    monkeypatch.setattr(Autosave, "delay_ms", 60_000)
    qtbot.keyClick(screen.notes, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.notes, "Cache in front of the DB")  # not yet autosaved
    assert screen.autosave.pending
    clock.advance(timedelta(minutes=7))
    window.close()  # the close writes what the timer had not

    restarted = build_services(services.data_dir, clock=clock, study_day=UTC_DAY)
    again = MainWindow(restarted, window.theme)
    try:
        again.show()
        qtbot.waitExposed(again)
        resumed = again.screens["design"]
        assert isinstance(resumed, DesignScreen)
        assert again.current_screen() is resumed  # the last screen comes back too
        qtbot.waitUntil(lambda: resumed.session is not None)
        assert resumed.notes.toPlainText() == (
            "Requirements: 1k QPS, p99 200 ms\nCache in front of the DB"
        )
        assert resumed.countdown.text() == "38:00"  # 7 minutes were used before the close
        assert resumed.finish_button.isVisible() and not resumed.start_button.isVisible()
        assert not resumed.notes.isReadOnly()
    finally:
        again.close()
        again.deleteLater()
        restarted.close()


def test_leaving_the_screen_saves_at_once(window: MainWindow, qtbot: QtBot) -> None:
    screen = design_screen(window, qtbot)
    start_attempt(screen, qtbot)
    qtbot.keyClicks(screen.notes, "Sharding by tenant")
    assert screen.autosave.pending
    window.show_screen("today")
    assert not screen.autosave.pending
    saved = window.services.design.resume_unfinished()
    assert saved is not None and saved.notes == "Sharding by tenant"


def test_rubric_suggests_a_grade_the_user_overrides_into_the_schedule(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    services = window.services
    screen = design_screen(window, qtbot)
    start_attempt(screen, qtbot)
    qtbot.keyClicks(screen.notes, "Scope first, then load")
    qtbot.keyClick(screen.notes, Qt.Key.Key_3)  # typing a digit is text, not a grade
    assert services.stats.overview().total_reviews == 0
    assert not screen.rubric_card.isVisible()
    assert "Requirements." not in screen.prompt_view.toPlainText()  # the reference is hidden

    clock.advance(timedelta(minutes=30))
    qtbot.keyClick(screen.notes, Qt.Key.Key_Return, CTRL)
    assert screen.session is not None and screen.session.finished
    assert screen.rubric_card.isVisible() and screen.grades.isVisible()
    assert not screen.notes.isVisible()
    assert screen.my_notes.text() == "Scope first, then load3"
    assert "Requirements." in screen.reference_view.toPlainText()
    assert screen.countdown.text() == "30:00"  # the time used, no longer the time left
    assert screen.grade_buttons[Grade.AGAIN].text().startswith("★ Again")

    qtbot.mouseClick(screen.rubric_boxes[1], Qt.MouseButton.LeftButton)  # weight 2 of 5
    assert screen.score_label.text() == "40%"
    assert screen.grade_buttons[Grade.HARD].property("suggested") is True
    assert screen.grade_buttons[Grade.HARD].text().startswith("★ Hard")
    assert not screen.grade_buttons[Grade.AGAIN].text().startswith("★")
    qtbot.mouseClick(screen.rubric_boxes[0], Qt.MouseButton.LeftButton)  # all of it
    assert screen.score_label.text() == "100%"
    assert screen.grade_buttons[Grade.EASY].property("suggested") is True

    qtbot.keyClick(screen, Qt.Key.Key_3)  # overrides Easy with Good
    card = services.study.card("designs", "design-one")
    assert card.state.reps == 1 and card.state.stage == Stage.REVIEW
    attempt = services.design.attempts("designs", "design-one")[0]
    assert attempt.grade == Grade.GOOD and attempt.score == 1.0
    assert attempt.elapsed_seconds == 30 * 60 and attempt.notes == "Scope first, then load3"
    assert not screen.grade_buttons[Grade.EASY].isEnabled()
    assert screen.next_after.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_4)  # graded once only
    assert services.stats.overview().total_reviews == 1


def test_countdown_warns_then_runs_past_zero_with_the_phase_marked(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DesignScreen, "tick_ms", 10)  # the clock redraws often: no real seconds
    screen = design_screen(window, qtbot)
    start_attempt(screen, qtbot)
    phase_names = [name for name, _ in screen.phase_labels]
    assert phase_names[0].property("current") is True
    clock.advance(timedelta(minutes=41))
    qtbot.waitUntil(lambda: screen.countdown.text() == "04:00")  # the next tick
    assert screen.countdown.property("state") == "warning"
    assert phase_names[1].property("current") is True and phase_names[1].text() == "▶ Design"
    clock.advance(timedelta(minutes=5, seconds=30))
    qtbot.waitUntil(lambda: screen.countdown.text() == "-01:30")
    assert screen.countdown.property("state") == "over"
    assert "over time" in screen.clock_caption.text()


@OPENS_A_POPUP
def test_pick_any_prompt_and_open_an_earlier_attempt_beside(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    services = window.services
    first = services.design.start(services.study.card("designs", "design-one"))
    services.design.save_notes(first.id, "Old plan: one big Postgres", 1500)
    services.design.finish(first.id, [0])
    services.design.grade(first.id, Grade.HARD)  # today's one new design prompt is used up
    clock.advance(timedelta(hours=1))

    screen = design_screen(window, qtbot)
    assert screen.pages.currentIndex() == 0  # nothing due: says so, offers the picker
    assert "No design prompt is due" in screen.empty_title.text()
    assert screen.picker.count() == 2

    pick_with_keys(screen, qtbot, 0)  # chosen with the keyboard
    assert screen.session is not None and screen.session.card.question_id == "design-one"
    assert screen.pages.currentIndex() == 1
    pick_with_keys(screen, qtbot, 1)
    assert screen.session is not None and screen.session.card.question_id == "design-two"
    assert screen.attempts_empty.isVisible() and not screen.attempts_list.isVisible()
    pick_with_keys(screen, qtbot, 0)
    assert screen.session is not None and screen.session.card.question_id == "design-one"
    assert screen.attempts_list.count() == 1
    assert "Hard" in screen.attempts_list.item(0).text()

    start_attempt(screen, qtbot)
    screen.attempts_list.setFocus()
    qtbot.keyClick(screen.attempts_list, Qt.Key.Key_Return)
    assert screen.past_box.isVisible()
    assert screen.past_notes.toPlainText() == "Old plan: one big Postgres"
    assert screen.past_notes.isReadOnly()
    qtbot.keyClicks(screen.notes, "New plan: shard it")
    assert screen.notes.toPlainText() == "New plan: shard it"  # the current notes are untouched
    qtbot.keyClick(screen.notes, Qt.Key.Key_Escape)
    assert not screen.past_box.isVisible()


@OPENS_A_POPUP
def test_switching_prompt_mid_attempt_keeps_its_notes(window: MainWindow, qtbot: QtBot) -> None:
    services = window.services
    screen = design_screen(window, qtbot)
    start_attempt(screen, qtbot)
    qtbot.keyClicks(screen.notes, "Half an idea")
    pick_with_keys(screen, qtbot, 1)
    assert screen.session is not None and screen.session.card.question_id == "design-two"
    assert screen.notes.toPlainText() == "" and screen.start_button.isVisible()
    kept = services.design.attempts("designs", "design-one")
    assert [a.notes for a in kept] == ["Half an idea"] and kept[0].abandoned
    assert services.design.resume_unfinished() is None  # not offered again after a restart


def test_tooltips_name_the_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    screen = design_screen(window, qtbot)
    assert "Ctrl+Enter" in screen.finish_button.toolTip()
    assert "(3)" in screen.grade_buttons[Grade.GOOD].toolTip()
    window.set_theme("dark")
    assert screen.countdown.text() == "45:00"
    window.set_theme("light")
