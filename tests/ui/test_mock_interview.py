"""The mock interview as a real one, driven from the keyboard: the setup says what the loop holds,
every length has a design round, questions appear only when asked, the interviewer adds one
constraint halfway through the round, End now grades only what was asked, and the report ends
with what to drill next, one key away from a review session of it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QTextBrowser
from pytestqt.qtbot import QtBot

from interviewprep.core.clock import FixedClock
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.mock import DRILL_PAGE, REPORT, RUNNING, MockScreen
from interviewprep.ui.screens.review import ReviewScreen
from tests.banktext import flashcard, front, write

CTRL = Qt.KeyboardModifier.ControlModifier
CURVEBALLS = ("Traffic grows 10x during a sale.", "A model update doubles hallucinations.")


def _design() -> str:
    return (
        "\n## design-support\ntype: system-design\ntopics: [agent-system-design]\n"
        "difficulty: senior\ntime_box: 45\nmock_time_box: 20\n"
        "\n### Prompt\nDesign a support agent at 1,000 QPS.\n"
        "\n### Answer\n1. Requirements.\n2. Design.\n"
        "\n### Phases\n- Requirements (15 min)\n- Design (30 min)\n"
        "\n### Rubric\n- [3] Clarifies scope\n- [2] Estimates load\n"
        "\n### Curveballs\n" + "".join(f"- {c}\n" for c in CURVEBALLS)
    )


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    cards = "".join(
        flashcard(f"rag-{i}", prompt=f"Secret RAG question {i}?", topics="[rag]") for i in range(8)
    ) + "".join(
        flashcard(f"eval-{i}", prompt=f"Secret eval question {i}?", topics="[evaluation]")
        for i in range(8)
    )
    write(folder / "cards.md", front("cards") + cards)
    write(folder / "designs.md", front("designs") + _design())
    return folder


def mock_screen(window: MainWindow, qtbot: QtBot) -> MockScreen:
    window.show_screen("mock")
    screen = window.screens["mock"]
    assert isinstance(screen, MockScreen)
    qtbot.waitUntil(lambda: screen.role_combo.count() > 0)
    return screen


def visible_text(screen: MockScreen) -> str:
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


def start(screen: MockScreen, qtbot: QtBot, minutes: int) -> None:
    screen.length_combo.setFocus()
    while screen.length_combo.currentData() != minutes:
        key = Qt.Key.Key_Up if screen.length_combo.currentData() > minutes else Qt.Key.Key_Down
        qtbot.keyClick(screen.length_combo, key)
    with qtbot.waitSignal(screen.workers.busy_changed, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(screen.length_combo, Qt.Key.Key_Return, CTRL)
    assert screen.pages.currentIndex() == RUNNING


def test_setup_says_what_each_length_holds_and_each_has_a_design_round(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = mock_screen(window, qtbot)
    notes = {}
    screen.length_combo.setFocus()
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Down):  # 30, 45, 60 minutes
        qtbot.keyClick(screen.length_combo, key)
        notes[screen.length_combo.currentData()] = screen.setup_note.text()
    halfway = "; halfway through it, the interviewer adds one constraint."
    assert notes == {
        30: "30 minutes: 4 short questions (about 2.5 minutes each), then a 20-minute"
        " system-design round" + halfway,
        45: "45 minutes: 10 short questions (about 2.5 minutes each), then a 20-minute"
        " system-design round" + halfway,
        60: "60 minutes: 6 short questions (about 2.5 minutes each), then a 45-minute"
        " system-design round" + halfway,
    }
    for minutes in (30, 45, 60):  # and the plan keeps the promise
        session = screen.services.mock.plan("agent-engineer", minutes)
        assert session.design is not None


def test_questions_appear_only_when_asked_and_the_interviewer_adds_a_constraint_halfway(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    screen = mock_screen(window, qtbot)
    start(screen, qtbot, 30)
    session = screen.session
    assert session is not None
    prompts = [session.service.card(i).prompt for i in session.interview.items]
    for position in range(4):
        shown = visible_text(screen)
        assert prompts[position] in shown
        assert not any(p in shown for n, p in enumerate(prompts) if n != position)  # hidden
        assert not screen.interviewer.isVisible()
        clock.advance(timedelta(minutes=2))
        qtbot.keyClick(screen.answer, Qt.Key.Key_Return, CTRL)

    assert screen.question_title.text() == "System design · 20-minute round"
    assert screen.question_meta.text().startswith("Agent system design<br>")  # not its slug
    # the phases scaled from 15 + 30 minutes to the 20-minute round
    assert screen.question_meta.text().endswith(
        "Phase 1 of 2: <b>Requirements</b>, 7 min · next: Design"
    )
    assert not screen.interviewer.isVisible()
    clock.advance(timedelta(minutes=9))
    with qtbot.assertNotEmitted(screen.curveball_shown, wait=1100):
        pass  # a tick passes at minute 9: nothing yet
    clock.advance(timedelta(minutes=1))
    with qtbot.waitSignal(screen.curveball_shown, timeout=3000) as said:
        pass
    assert said.args is not None and said.args[0] in CURVEBALLS
    assert screen.question_meta.text().endswith("Phase 2 of 2: <b>Design</b>, 13 min")
    assert screen.interviewer.isVisible()
    assert screen.interviewer_who.text() == "THE INTERVIEWER · 10 minutes into the round"
    assert screen.interviewer_text.text() == f"“{said.args[0]}”"
    assert said.args[0] not in screen.question_view.toPlainText()  # spoken, not in the prompt


def test_end_now_grades_only_what_was_asked_and_save_says_why_it_waits(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    services = window.services
    screen = mock_screen(window, qtbot)
    start(screen, qtbot, 45)
    session = screen.session
    assert session is not None
    planned = session.interview.items
    qtbot.keyClicks(screen.answer, "My first answer")
    clock.advance(timedelta(minutes=3))
    qtbot.keyClick(screen.answer, Qt.Key.Key_Return, CTRL)
    clock.advance(timedelta(minutes=2))
    with qtbot.waitSignal(screen.report_shown):
        qtbot.keyClick(screen.answer, Qt.Key.Key_E, CTRL)  # End now, on the second question

    assert screen.pages.currentIndex() == REPORT
    summary = screen.report_summary.text()
    assert summary.startswith("2 questions asked in 05:00 of 45 min.")
    assert f"the {len(planned) - 2} questions not asked stay in your schedule" in summary
    entries = [
        screen.report_list.item(r)
        for r in range(screen.report_list.count())
        if screen.report_list.item(r).flags() != Qt.ItemFlag.NoItemFlags
    ]
    assert [e.text() for e in entries][-1] == "What to drill next →"
    assert len(entries) == 3  # the two asked, and what to drill
    unseen = [services.mock.card(i).title for i in planned[2:]]
    listed = "\n".join(e.text() for e in entries)
    assert not any(title in listed for title in unseen)
    assert screen.detail_typed.toPlainText() == "My first answer"
    qtbot.keyClick(screen.report_list, Qt.Key.Key_Down)
    assert screen.detail_typed.toPlainText() == "(nothing typed: answered aloud)"

    assert not screen.save_button.isEnabled()
    assert screen.save_state.isVisible()
    assert screen.save_state.text() == "Grade 2 more answers to save (keys 1-4)"
    with qtbot.waitSignal(screen.status) as said:
        qtbot.keyClick(screen.report_list, Qt.Key.Key_S, CTRL)  # not silently ignored
    assert said.args == ["Grade 2 more answers to save (keys 1-4)"]
    assert screen._selected_index() == 0  # taken to the first one to grade

    qtbot.keyClick(screen.report_list, Qt.Key.Key_1)
    assert screen.save_state.text() == "Grade 1 more answer to save (keys 1-4)"
    qtbot.keyClick(screen.report_list, Qt.Key.Key_3)
    assert screen.save_button.isEnabled()
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert services.stats.overview().total_reviews == 2
    for item in planned[2:]:  # back to the scheduler untouched
        assert services.study.card(item.bank_id, item.question_id).state.reps == 0

    screen.new_interview()
    line = screen.history_list.item(0).text()
    assert "Agent engineer" in line and "agent-engineer" not in line  # a title, not an id
    assert f"2 of {len(planned)} questions" in line


def test_the_report_ends_with_what_to_drill_and_d_starts_a_review_of_exactly_that(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    screen = mock_screen(window, qtbot)
    start(screen, qtbot, 30)
    session = screen.session
    assert session is not None
    while session.item is not None and not session.item.is_design:
        qtbot.keyClick(screen.answer, Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(screen.answer, "Router, agent loop, evals")
    with qtbot.waitSignal(screen.report_shown):
        qtbot.keyClick(screen.answer, Qt.Key.Key_Return, CTRL)
    items = session.interview.items
    weak = items[0].topic
    for item in items:  # Again on the weak topic's questions, Good on the rest
        key = Qt.Key.Key_1 if item.topic == weak else Qt.Key.Key_3
        if item.is_design:
            key = Qt.Key.Key_2
        while screen._selected_index() != item.index:
            qtbot.keyClick(screen.report_list, Qt.Key.Key_Down)
        if item.is_design:
            boxes = screen.rubric_box.findChildren(QCheckBox)
            assert [b.text() for b in boxes] == ["Clarifies scope (3)", "Estimates load (2)"]
            qtbot.mouseClick(boxes[0], Qt.MouseButton.LeftButton)  # covered scope, not load
        qtbot.keyClick(screen.report_list, key)

    assert screen.detail_pages.currentIndex() == DRILL_PAGE  # all graded: what to drill
    names = {"rag": "RAG", "evaluation": "Evaluation"}
    drill_text = screen.drill_topics.text()
    assert f"<b>{names[weak]}</b>: 0%" in drill_text
    assert "<b>Agent system design</b>: 33%" in drill_text
    assert "Estimates load" in screen.drill_rubric.text()
    assert "Clarifies scope" not in screen.drill_rubric.text()
    assert not screen.drill_button.isEnabled()
    assert screen.drill_note.text() == "Save your grades first: the drill starts from them."

    qtbot.keyClick(screen.report_list, Qt.Key.Key_S, CTRL)
    assert screen.drill_button.isEnabled() and screen.drill_button.text().endswith("D")
    with qtbot.waitSignal(screen.drill_requested) as asked:
        qtbot.keyClick(screen.report_list, Qt.Key.Key_D)
    card_filter = asked.args[0] if asked.args else None
    assert card_filter is not None and set(card_filter.topics) == {weak, "agent-system-design"}
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    seen = set()
    while review.session.card is not None:
        seen.update(review.session.card.topics)
        qtbot.keyClick(review, Qt.Key.Key_Space)
        qtbot.keyClick(review, Qt.Key.Key_4)
    assert seen == {weak}  # only the weak topic's cards (the design round is not a flashcard)
