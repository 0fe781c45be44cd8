"""A full review session driven by keys and clicks, as a user would."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.scheduling import format_interval
from interviewprep.services.study import NextCardUnreadable
from interviewprep.storage.card_store import QueueStore
from interviewprep.ui.main_window import MainWindow
from tests.ui.review_screen import review


def test_reveal_grade_and_undo_with_keys(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    services = window.services
    first = screen.session.card
    assert first is not None
    assert "What is alpha?" in screen.prompt_view.toPlainText()
    assert screen.answer_view.isHidden()

    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.answer_view.isVisible()
    assert "alpha is explained here." in screen.answer_view.toPlainText()
    expected = services.study.preview(first)
    for grade, button in screen.grade_buttons.items():
        assert button.text() == f"{grade.label}  ({int(grade)})\n{format_interval(expected[grade])}"

    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert services.study.card(first.bank_id, first.question_id).state.reps == 1
    assert screen.session.card is not None and screen.session.card.question_id == "beta"
    assert screen.progress_text.text() == "1 done"

    qtbot.keyClick(screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.study.card(first.bank_id, first.question_id).state.reps == 0
    assert screen.session.card is not None and screen.session.card.question_id == "alpha"
    assert "What is alpha?" in screen.prompt_view.toPlainText()


def test_grade_buttons_by_mouse_until_done(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    for _ in range(3):
        qtbot.mouseClick(screen.reveal_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(screen.grade_buttons[Grade.EASY], Qt.MouseButton.LeftButton)
    assert screen.session.finished
    assert screen.pages.currentIndex() == 1
    assert "You answered 3 cards" in screen.done_text.text()
    assert window.services.stats.overview().total_reviews == 3


def test_a_disk_error_after_an_answer_is_saved_takes_the_card_off_screen(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer is on disk but the next card cannot be read: the screen must say the answer
    was saved and leave nothing up to grade twice; Review carries on once the disk reads."""
    screen = review(window, qtbot)
    first = screen.session.card
    assert first is not None
    qtbot.keyClick(screen, Qt.Key.Key_Space)

    def failing_read(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(QueueStore, "card_by_pk", failing_read)
    with qtbot.capture_exceptions() as raised:
        qtbot.keyClick(screen, Qt.Key.Key_3)
    assert [kind for kind, *_ in raised] == [NextCardUnreadable]
    assert screen.pages.currentIndex() == 1
    assert screen.done_title.text() == "Answer saved"
    assert "could not be read" in screen.done_text.text()
    qtbot.keyClick(screen, Qt.Key.Key_3)  # nothing on screen to grade
    assert window.services.stats.overview().total_reviews == 1

    monkeypatch.undo()
    window.show_screen("today")
    window.show_screen("review")
    qtbot.waitUntil(lambda: screen.session.card is not None)
    assert screen.pages.currentIndex() == 0 and screen.session.card.key != first.key


def test_number_keys_do_nothing_before_the_answer_is_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_4)
    assert window.services.stats.overview().total_reviews == 0


def test_flag_suspend_and_topic_filter(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_F)
    assert window.services.study.card("demo", "alpha").flagged
    assert "flagged" in screen.meta.text()
    qtbot.keyClick(screen, Qt.Key.Key_S)
    assert window.services.study.card("demo", "alpha").suspended
    assert screen.session.card is not None and screen.session.card.question_id == "beta"

    screen.difficulty_filter.setCurrentIndex(screen.difficulty_filter.findData("staff"))
    assert screen.session.finished


def test_theme_switch_rerenders_the_card(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    window.set_theme("dark")
    assert window.theme.dark
    assert window.palette().window().color().name() == window.theme.colors.window
    window.set_theme("light")
    assert not window.theme.dark
