"""A mock interview from the keyboard: setup, one question at a time with answers hidden, the
report by topic, self-grades, and the scheduler receiving them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QTextBrowser
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.mock import MockProblem
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.mock import DRILL_PAGE, REPORT, RUNNING, SETUP, MockScreen

CTRL = Qt.KeyboardModifier.ControlModifier


def mock_screen(window: MainWindow, qtbot: QtBot) -> MockScreen:
    window.show_screen("mock")
    screen = window.screens["mock"]
    assert isinstance(screen, MockScreen)
    qtbot.waitUntil(lambda: screen.role_combo.count() > 0)
    return screen


def visible_text(screen: MockScreen) -> str:
    """Everything the user can read on the screen right now."""
    parts: list[str] = []
    for widget in screen.findChildren(QLabel):
        if widget.isVisible():
            parts.append(widget.text())
    for browser in screen.findChildren(QTextBrowser):
        if browser.isVisible():
            parts.append(browser.toPlainText())
    for editor in screen.findChildren(QPlainTextEdit):
        if editor.isVisible():
            parts.append(editor.toPlainText())
    return "\n".join(parts)


def test_mock_interview_from_start_to_saved_grades(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MockScreen, "tick_ms", 10)  # the clock redraws often: no real seconds
    services = window.services
    screen = mock_screen(window, qtbot)
    assert screen.pages.currentIndex() == SETUP
    assert screen.role_combo.currentData() == "agent-engineer"
    screen.length_combo.setFocus()
    qtbot.keyClick(screen.length_combo, Qt.Key.Key_Down)  # 45 -> 60 minutes
    assert screen.length_combo.currentData() == 60
    qtbot.keyClick(screen.length_combo, Qt.Key.Key_Return, CTRL)
    assert screen.setup_note.text() == "Choosing your questions…"
    assert not screen.start_button.isEnabled()  # one interview per click, however impatient
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == RUNNING)

    session = screen.session
    assert session is not None and screen.pages.currentIndex() == RUNNING
    kinds = [item.type for item in session.interview.items]
    assert kinds == ["flashcard"] * 3 + ["system-design"]  # 3 cards installed, then 45 min
    assert screen.countdown.text() == "60:00"
    assert screen.question_title.text() == "Question 1 of 4"

    typed: dict[str, str] = {}
    for position in range(3):
        item = session.item
        assert item is not None and item.index == position
        assert f"What is {item.question_id}?" in screen.question_view.toPlainText()
        assert "explained here" not in visible_text(screen)  # no answer before the end
        text = f"{item.question_id} means something"
        qtbot.keyClicks(screen.answer, text)
        typed[item.question_id] = text
        clock.advance(timedelta(minutes=2))
        qtbot.keyClick(screen.answer, Qt.Key.Key_Return, CTRL)

    assert screen.question_title.text() == "System design · 45-minute round"
    assert "Design a thing at 1,000 QPS." in screen.question_view.toPlainText()
    assert "Requirements." not in visible_text(screen)
    assert "Finish" in screen.next_button.text()
    qtbot.keyClicks(screen.answer, "Load balancer then cache")
    clock.advance(timedelta(minutes=40))
    qtbot.waitUntil(lambda: screen.countdown.text() == "14:00")  # the running clock
    qtbot.keyClick(screen.answer, Qt.Key.Key_Return, CTRL)

    assert screen.pages.currentIndex() == REPORT
    assert screen.save_state.text() == "Grade 4 more answers to save (keys 1-4)"
    assert not screen.save_button.isEnabled()
    headers = [
        screen.report_list.item(r).text()
        for r in range(screen.report_list.count())
        if screen.report_list.item(r).flags() == Qt.ItemFlag.NoItemFlags
    ]
    assert headers == [  # grouped by topic, scores in words
        "LLM fundamentals · not graded yet",
        "Agent system design · not graded yet",
    ]

    first = screen._selected_index()
    assert first == 0
    entry = session.report().items[0]
    assert screen.detail_typed.toPlainText() == typed[entry.item.question_id]
    assert f"{entry.item.question_id} is explained here." in screen.detail_reference.toPlainText()

    for key in (Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_4):  # each grade moves to the next
        qtbot.keyClick(screen.report_list, key)
    assert screen._selected_index() == 3
    assert screen.detail_typed.toPlainText() == "Load balancer then cache"
    assert "Requirements." in screen.detail_reference.toPlainText()
    qtbot.mouseClick(screen.grade_buttons[Grade.HARD], Qt.MouseButton.LeftButton)
    assert screen.save_state.text() == "All graded: Save puts them in your schedule"
    assert screen.save_button.isEnabled()
    llm = next(t for t in session.report().topics if t.topic == "llm-fundamentals")
    assert llm.graded == 3 and llm.score == (2 / 3 + 0 + 1) / 3
    assert screen.overall.text() == "Overall 50%"

    qtbot.keyClick(screen.report_list, Qt.Key.Key_S, CTRL)
    expected = {0: Grade.GOOD, 1: Grade.AGAIN, 2: Grade.EASY}
    for index in expected:
        item = session.interview.items[index]
        card = services.study.card(item.bank_id, item.question_id)
        assert card.state.reps == 1
        assert card.state.last_review == clock.now()
    design = services.study.card("designs", "design-one")
    assert design.state.reps == 1
    attempt = services.design.attempts("designs", "design-one")[0]
    assert attempt.mode == "mock" and attempt.grade == Grade.HARD
    assert attempt.notes == "Load balancer then cache"
    assert services.stats.overview().total_reviews == 4
    assert not screen.save_button.isEnabled() and "Saved" in screen.save_state.text()
    assert screen.detail_pages.currentIndex() == DRILL_PAGE  # saving ends on what to drill
    qtbot.keyClick(screen.report_list, Qt.Key.Key_Up)
    assert screen._selected_index() == 3
    assert not screen.grade_buttons[Grade.GOOD].isEnabled()
    stored = services.mock.interview(session.interview.id)
    assert stored.finished and stored.grades == {**expected, 3: Grade.HARD}


def test_typing_is_kept_when_leaving_mid_question(window: MainWindow, qtbot: QtBot) -> None:
    screen = mock_screen(window, qtbot)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == RUNNING)
    qtbot.keyClicks(screen.answer, "Draft answer")
    window.show_screen("today")
    session = screen.session
    assert session is not None
    assert window.services.mock.interview(session.interview.id).answers[0] == "Draft answer"
    window.show_screen("mock")
    assert screen.pages.currentIndex() == RUNNING
    assert screen.answer.toPlainText() == "Draft answer"


def test_setup_lists_earlier_interviews_after_new_interview(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = mock_screen(window, qtbot)
    assert screen.history_empty.isVisible()
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == RUNNING)
    qtbot.keyClick(screen.answer, Qt.Key.Key_E, CTRL)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentIndex() == SETUP
    assert screen.history_list.count() == 1
    assert "not graded" in screen.history_list.item(0).text()
    assert QApplication.focusWidget() is screen.start_button


def test_a_loop_that_cannot_be_planned_says_why_and_leaves_setup_usable(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = mock_screen(window, qtbot)

    def no_fit(role: str, minutes: int) -> None:
        raise MockProblem(f"no question of the role '{role}' fits in {minutes} minutes")

    monkeypatch.setattr(window.services.mock, "plan", no_fit)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "fits in 45 minutes" in screen.setup_note.text())
    assert screen.pages.currentIndex() == SETUP
    assert screen.start_button.isEnabled()


def test_enter_on_the_setup_page_starts_the_interview(window: MainWindow, qtbot: QtBot) -> None:
    screen = mock_screen(window, qtbot)
    assert "Enter" in screen.start_button.toolTip()
    qtbot.keyClick(screen.start_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == RUNNING)
    qtbot.keyClicks(screen.answer, "line one")
    qtbot.keyClick(screen.answer, Qt.Key.Key_Return)  # a new line, not a second interview
    qtbot.keyClicks(screen.answer, "line two")
    assert screen.answer.toPlainText() == "line one\nline two"
    assert screen.pages.currentIndex() == RUNNING
