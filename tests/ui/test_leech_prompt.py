"""A question forgotten for the eighth time: the message comes up, and one key acts on it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.core.leech import LEECH_LAPSES
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen


def forget(window: MainWindow, clock: FixedClock, times: int) -> None:
    """``times`` lapses of alpha, left in review and due."""
    study = window.services.study
    for _ in range(times):
        study.answer(study.card("demo", "alpha"), Grade.EASY, 1000)
        clock.advance(timedelta(days=40))
        study.answer(study.card("demo", "alpha"), Grade.AGAIN, 1000)
        clock.advance(timedelta(minutes=15))
    study.answer(study.card("demo", "alpha"), Grade.EASY, 1000)
    clock.advance(timedelta(days=40))


def review_alpha(window: MainWindow, qtbot: QtBot) -> ReviewScreen:
    window.show_screen("review")
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.session.card is not None)
    assert screen.session.card is not None and screen.session.card.question_id == "alpha"
    return screen


def test_the_eighth_lapse_offers_suspend_on_one_key(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    forget(window, clock, LEECH_LAPSES - 1)
    screen = review_alpha(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_1)
    prompt = screen.leech_prompt
    assert prompt is not None
    qtbot.waitExposed(prompt)
    assert "forgotten it 8 times" in " ".join(
        w.text() for w in prompt.findChildren(type(screen.timer_label))
    )
    with qtbot.waitSignal(prompt.chosen, check_params_cb=lambda c: c == "suspend"):
        qtbot.keyClick(prompt, Qt.Key.Key_S)
    alpha = window.services.study.card("demo", "alpha")
    assert alpha.suspended and alpha.state.lapses == LEECH_LAPSES
    assert screen.session.card is None or screen.session.card.question_id != "alpha"


def test_rewrite_opens_the_note_and_keep_changes_nothing(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    forget(window, clock, LEECH_LAPSES - 1)
    screen = review_alpha(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_1)
    prompt = screen.leech_prompt
    assert prompt is not None
    qtbot.waitExposed(prompt)
    with qtbot.waitSignal(prompt.chosen, check_params_cb=lambda c: c == "rewrite"):
        qtbot.keyClick(prompt, Qt.Key.Key_R)
    editor = screen.note_editor
    assert editor.isVisible() and "leech" in editor.heading.text()
    assert editor.text.hasFocus()
    qtbot.keyClicks(editor.text, "alpha: think of it as the first letter")
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    alpha = window.services.study.card("demo", "alpha")
    assert alpha.note == "alpha: think of it as the first letter"
    assert not alpha.suspended


def test_a_lapse_short_of_the_mark_asks_nothing(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    forget(window, clock, LEECH_LAPSES - 2)
    screen = review_alpha(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_1)
    assert screen.leech_prompt is None
    assert window.services.study.card("demo", "alpha").state.lapses == LEECH_LAPSES - 1
