"""Answer first, then check it: the typed answer and the key-point checklist on Review, driven
by keys and clicks as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.key_points import Coverage
from interviewprep.services.ai_feedback import AiConfig
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.theme import Theme
from tests.banktext import flashcard, front, write
from tests.fake_openai import FakeServer
from tests.ui.review_screen import review

FOUR = "\n### Key points\n" + "".join(f"- Point {n} of four\n" for n in "ABCD")
SEVEN = "\n### Key points\n" + "".join(f"- Point {n} of seven\n" for n in "ABCDEFG")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    """Three new cards, shown in this order: four key points, none, seven."""
    folder = tmp_path / "banks"
    text = front("kp") + flashcard("four") + FOUR + flashcard("plain") + flashcard("seven") + SEVEN
    write(folder / "kp.md", text)
    return folder


def shown_id(screen: ReviewScreen) -> str:
    card = screen.session.card
    assert card is not None
    return card.question_id


def type_mode(screen: ReviewScreen, qtbot: QtBot) -> None:
    qtbot.mouseClick(screen.answering.mode_switch.buttons["type"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.answering.typed.box.hasFocus)


def suggested(screen: ReviewScreen) -> list[Grade]:
    return [g for g, b in screen.grade_buttons.items() if b.text().endswith("· suggested")]


def test_in_type_mode_space_and_digits_type_and_ctrl_enter_reveals(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    type_mode(screen, qtbot)
    box = screen.answering.typed.box
    assert box.isVisible() and screen.answer_view.isHidden()
    qtbot.keyClicks(box, "Use 3 tiers, then undo")
    for key in (Qt.Key.Key_Space, Qt.Key.Key_3, Qt.Key.Key_U, Qt.Key.Key_Return):
        qtbot.keyClick(box, key)
    assert box.toPlainText() == "Use 3 tiers, then undo 3u\n"
    assert not screen.session.revealed
    assert screen.answer_view.isHidden()
    assert window.services.stats.overview().total_reviews == 0

    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)
    assert screen.session.revealed
    assert screen.answer_view.isVisible()
    shown = screen.answering.typed.shown
    assert shown.isVisible() and box.isHidden()
    assert shown.text() == "Use 3 tiers, then undo 3u"
    # the typed answer sits just above the checklist and the reference answer
    assert screen.answering.typed.y() < screen.answer_view.y()


def test_letters_typed_with_the_box_out_of_focus_go_into_it_not_to_commands(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    type_mode(screen, qtbot)
    qtbot.mouseClick(screen.prompt_view.viewport(), Qt.MouseButton.LeftButton)
    assert not screen.answering.typed.box.hasFocus()
    for key in (Qt.Key.Key_S, Qt.Key.Key_U, Qt.Key.Key_N, Qt.Key.Key_3):
        qtbot.keyClick(screen.prompt_view, key)
    assert screen.answering.typed.box.toPlainText() == "sun3"
    assert screen.answering.typed.box.hasFocus()
    card = screen.session.card
    assert card is not None and shown_id(screen) == "four"
    assert not window.services.study.card(card.bank_id, card.question_id).suspended
    assert not screen.note_editor.editing and not screen.session.revealed


def test_a_theme_change_while_typing_keeps_the_answer_and_the_ticks(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    type_mode(screen, qtbot)
    qtbot.keyClicks(screen.answering.typed.box, "half an answer")
    window.theme.set_mode("dark")
    assert screen.answering.typed.box.toPlainText() == "half an answer"
    qtbot.keyClick(screen.answering.typed.box, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(screen, Qt.Key.Key_E)
    window.theme.set_mode("light")
    assert screen.answering.typed.shown.text() == "half an answer"
    assert [row.word.text() for row in screen.answering.checklist.rows][2] == "said"


def test_an_empty_typed_answer_still_reveals(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    type_mode(screen, qtbot)
    qtbot.keyClick(screen.answering.typed.box, Qt.Key.Key_Enter, CTRL)
    assert screen.session.revealed and screen.answer_view.isVisible()
    assert screen.answering.typed.shown.text() == "You typed nothing for this one."


def test_checklist_keys_tick_points_and_the_suggested_grade_moves(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    assert shown_id(screen) == "four"
    checklist = screen.answering.checklist
    assert checklist.isHidden()  # not before the reveal
    qtbot.keyClick(screen, Qt.Key.Key_Q)  # before the reveal: nothing
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert checklist.isVisible()
    assert [row.text.text() for row in checklist.rows] == [f"Point {n} of four" for n in "ABCD"]
    assert [row.key.text() for row in checklist.rows] == list("QWER")
    assert [row.word.text() for row in checklist.rows] == ["not said"] * 4
    # nothing ticked yet: no advice to press Again before the user has checked anything
    assert suggested(screen) == [] and "suggests" not in checklist.summary.text()

    moves = []
    for key in (Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_E, Qt.Key.Key_R):
        qtbot.keyClick(screen, key)
        moves.append(suggested(screen))
    assert moves == [[Grade.AGAIN], [Grade.HARD], [Grade.GOOD], [Grade.EASY]]
    assert [row.mark.text() for row in checklist.rows] == ["✓"] * 4

    qtbot.keyClick(screen, Qt.Key.Key_R, SHIFT)
    assert checklist.rows[3].mark.text() == "½" and checklist.rows[3].word.text() == "partly"
    assert suggested(screen) == [Grade.GOOD]
    qtbot.keyClick(screen, Qt.Key.Key_Q)  # again: unticked
    assert checklist.rows[0].word.text() == "not said"
    assert suggested(screen) == [Grade.HARD]
    assert "2 of 4 said, 1 partly · suggests Hard" in checklist.summary.text()

    row = checklist.rows[0]
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert row.word.text() == "said"
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert row.word.text() == "partly"
    assert suggested(screen) == [Grade.GOOD]

    # the user's grade wins over the suggestion, and Space is still Good
    card = screen.session.card
    assert card is not None
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert shown_id(screen) == "plain"
    assert screen.session.history[-1].grade == Grade.GOOD


def test_a_graded_cards_missed_points_are_stored_and_undone_with_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    weak = window.services.weak_points
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_W)
    qtbot.keyClick(screen, Qt.Key.Key_R, SHIFT)
    assert suggested(screen) == [Grade.AGAIN]
    qtbot.mouseClick(screen.grade_buttons[Grade.HARD], Qt.MouseButton.LeftButton)
    answered = screen.session.history[-1]
    assert answered.grade == Grade.HARD  # the user's grade, not the suggestion
    stored = weak.results_of_review(answered.review_id)
    assert [(r.position, r.text, r.weight, r.coverage) for r in stored] == [
        (0, "Point A of four", 1, Coverage.MISSED),
        (1, "Point B of four", 1, Coverage.COVERED),
        (2, "Point C of four", 1, Coverage.MISSED),
        (3, "Point D of four", 1, Coverage.PARTLY),
    ]
    assert {w.text for w in weak.weakest()} >= {"Point A of four", "Point C of four"}

    qtbot.keyClick(screen, Qt.Key.Key_Space)  # "plain", no key points: nothing stored
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert weak.results_of_review(screen.session.history[-1].review_id) == []

    qtbot.keyClick(screen, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(screen, Qt.Key.Key_Z, CTRL)
    assert shown_id(screen) == "four"
    assert weak.results_of_review(answered.review_id) == []
    assert weak.weakest() == []


def test_a_card_without_key_points_has_no_checklist(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_2)
    assert shown_id(screen) == "plain"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.answer_view.isVisible()
    assert screen.answering.checklist.isHidden()
    assert suggested(screen) == []
    qtbot.keyClick(screen, Qt.Key.Key_Q)
    assert suggested(screen) == [] and screen.session.revealed


def test_u_undoes_unless_seven_points_are_shown_and_ctrl_z_always_undoes(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # "plain": no checklist
    qtbot.keyClick(screen, Qt.Key.Key_U)  # undo: "four" is back
    assert shown_id(screen) == "four"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_U)  # four points shown: U is still undo (nothing left)
    assert window.services.stats.overview().total_reviews == 0
    qtbot.keyClick(screen, Qt.Key.Key_3)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert shown_id(screen) == "seven"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    rows = screen.answering.checklist.rows
    assert [row.key.text() for row in rows] == list("QWERTYU")

    qtbot.keyClick(screen, Qt.Key.Key_U)
    assert shown_id(screen) == "seven" and screen.session.revealed
    assert rows[6].word.text() == "said"
    qtbot.keyClick(screen, Qt.Key.Key_U, SHIFT)
    assert rows[6].word.text() == "partly"
    assert window.services.stats.overview().total_reviews == 2

    qtbot.keyClick(screen, Qt.Key.Key_Z, CTRL)
    assert shown_id(screen) == "plain"
    assert window.services.stats.overview().total_reviews == 1


def test_the_answer_mode_is_remembered_in_a_new_window(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    assert screen.answering.mode_switch.mode == "reveal"
    assert screen.answering.typed.isHidden()
    type_mode(screen, qtbot)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    second = MainWindow(window.services, Theme(app, mode="light"))
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    again = review(second, qtbot)
    assert again.answering.mode_switch.mode == "type"
    assert again.answering.typed.box.isVisible()
    qtbot.waitUntil(again.answering.typed.box.hasFocus)  # ready to type, no click needed
    assert again.reveal_button.text() == "Show answer  (Ctrl+Enter)"
    # and back: the next window reveals as in Anki
    qtbot.mouseClick(again.answering.mode_switch.buttons["reveal"], Qt.MouseButton.LeftButton)
    assert again.answering.typed.isHidden()
    assert window.services.settings.review_answer_mode == "reveal"
    second.workers.wait()


def test_f1_lists_the_answering_keys(window: MainWindow) -> None:
    review_keys = dict(window.shortcut_groups())["Review"]
    listed = {(key.what, key.label) for key in review_keys}
    assert ("Type mode: reveal, once typed", "Ctrl+Enter") in listed
    assert ("Key points: tick as said (again: untick)", "Q W E R T Y") in listed
    assert ("Key points: mark as partly said", "Shift+Q…U") in listed
    assert ("7 key points shown: U ticks the 7th", "U") in listed


def test_an_undo_in_type_mode_brings_the_card_back_with_what_was_typed(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    type_mode(screen, qtbot)
    box = screen.answering.typed.box
    first = shown_id(screen)
    qtbot.keyClicks(box, "Chunk by headings")
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(screen.grade_buttons[Grade.GOOD], Qt.Key.Key_3)
    assert shown_id(screen) != first
    qtbot.waitUntil(box.hasFocus)
    assert box.toPlainText() == ""  # the next card starts empty

    qtbot.keyClick(screen, Qt.Key.Key_Z, CTRL)
    assert shown_id(screen) == first and not screen.session.revealed
    assert box.isVisible() and box.toPlainText() == "Chunk by headings"
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, ", then by size")  # typing carries on at its end
    assert box.toPlainText() == "Chunk by headings, then by size"
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)
    assert screen.answering.typed.shown.text() == "Chunk by headings, then by size"


def test_with_the_ai_grader_on_a_typed_answer_gets_feedback_whose_marks_tick_the_checklist(
    window: MainWindow, qtbot: QtBot, llm_server: FakeServer
) -> None:
    window.services.ai_feedback.save(
        AiConfig(
            enabled=True,
            preset="Custom",
            endpoint=llm_server.url,
            model="tiny",
            timeout_s=5.0,
            notice_accepted=True,
        )
    )
    llm_server.verdicts = {
        "Point A of four": ("covered", "point A"),
        "Point B of four": ("partly", "point B"),
        "Point C of four": ("missed", ""),
        "Point D of four": ("missed", ""),
    }
    screen = review(window, qtbot)
    type_mode(screen, qtbot)
    assert shown_id(screen) == "four"
    ai = screen.answering.ai
    qtbot.keyClicks(screen.answering.typed.box, "I would say point A and half of point B")
    with qtbot.waitSignal(ai.finished, timeout=10_000):
        qtbot.keyClick(screen.answering.typed.box, Qt.Key.Key_Return, CTRL)
        assert ai.isVisible()  # asked on the reveal, the window free meanwhile
    assert "point A" in llm_server.user_message()
    assert screen.answering.checklist.checklist.marks == [Coverage.MISSED] * 4  # only offered
    qtbot.mouseClick(ai.use_button, Qt.MouseButton.LeftButton)
    assert screen.answering.checklist.checklist.marks == [
        Coverage.COVERED, Coverage.PARTLY, Coverage.MISSED, Coverage.MISSED
    ]  # fmt: skip
    assert suggested(screen) == [Grade.AGAIN]  # 1.5 of 4 points: under half
    qtbot.keyClick(screen, Qt.Key.Key_3)  # the user's grade is the one kept
    assert window.services.stats.overview().total_reviews == 1


def test_the_ai_grader_is_not_asked_when_it_is_off_or_nothing_was_typed(
    window: MainWindow, qtbot: QtBot, llm_server: FakeServer
) -> None:
    screen = review(window, qtbot)
    type_mode(screen, qtbot)
    qtbot.keyClicks(screen.answering.typed.box, "an answer")
    qtbot.keyClick(screen.answering.typed.box, Qt.Key.Key_Return, CTRL)
    assert screen.session.revealed and screen.answering.ai.isHidden()  # off by default
    assert llm_server.requests == []
