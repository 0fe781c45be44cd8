"""The Review screen tells the truth: time on a card is time spent looking at it, counts fall
as cards are answered, filters say when they lead nowhere, and the roles chosen at first run
decide what comes up."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.clock import FixedClock
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import NOTHING_MATCHES
from interviewprep.ui.screens.settings import SettingsScreen
from tests.banktext import flashcard, front, write
from tests.ui.review_screen import review

PROFILE = """---
role_profile: {role}
title: {title}
summary: A role made by a test.
topics:
{topics}
---

## Day to day

Work.
"""


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    write(
        folder / "agent-role.md",
        PROFILE.format(
            role="agent-engineer",
            title="AI agent engineer",
            topics="  llm-fundamentals: LLM fundamentals\n  rag: Retrieval-augmented generation",
        ),
    )
    write(
        folder / "ml-role.md",
        PROFILE.format(
            role="ml-engineer", title="ML engineer", topics="  classical-ml: Classical ML"
        ),
    )
    write(
        folder / "agent.md",
        front("agent-basics")
        + flashcard("alpha")
        + flashcard("beta", topics="[rag]")
        + flashcard("gamma", topics="[rag]"),
    )
    write(
        folder / "ml.md",
        front("ml-basics", role="ml-engineer")
        + flashcard("m1", topics="[classical-ml]")
        + flashcard("m2", topics="[classical-ml]"),
    )
    return folder


def last_duration_ms(window: MainWindow, bank_id: str, question_id: str) -> int:
    """The time the card info shows for the card's last answer."""
    return window.services.card_info.info(bank_id, question_id).reviews[-1].duration_ms


def items(combo: object) -> list[str]:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    return [combo.itemText(i) for i in range(combo.count())]


# -- time on a card -----------------------------------------------------------------------------


def test_time_on_a_card_stops_while_another_screen_is_shown(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    screen = review(window, qtbot)
    card = screen.session.card
    assert card is not None
    clock.advance(timedelta(seconds=5))
    window.show_screen("today")
    clock.advance(timedelta(minutes=11, seconds=55))  # lunch, on another screen
    window.show_screen("review")
    assert screen.timer_label.text() == "0:05"
    clock.advance(timedelta(seconds=7))
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert last_duration_ms(window, card.bank_id, card.question_id) == 12_000


def test_time_on_a_card_stops_while_the_window_is_minimised(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    screen = review(window, qtbot)
    card = screen.session.card
    assert card is not None
    clock.advance(timedelta(seconds=4))
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    clock.advance(timedelta(minutes=30))
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert screen.timer_label.text() == "0:04"
    clock.advance(timedelta(seconds=2))
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_1)
    assert last_duration_ms(window, card.bank_id, card.question_id) == 6_000


def test_answer_time_is_capped_at_a_minute_and_the_cap_is_a_setting(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    screen = review(window, qtbot)
    first = screen.session.card
    assert first is not None
    clock.advance(timedelta(minutes=4))  # staring at the wall, on the card
    screen.activated()  # the label as the next tick shows it
    assert screen.timer_label.text() == "1:00"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert last_duration_ms(window, first.bank_id, first.question_id) == 60_000

    window.show_screen("settings")
    settings = window.screens["settings"]
    assert isinstance(settings, SettingsScreen)
    settings.answer_cap.setFocus()
    qtbot.keyClick(settings.answer_cap, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(settings.answer_cap, "90")
    qtbot.keyClick(settings.answer_cap, Qt.Key.Key_Return)
    assert window.services.settings.answer_cap_seconds == 90

    window.show_screen("review")
    second = screen.session.card
    assert second is not None
    clock.advance(timedelta(minutes=4))
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert last_duration_ms(window, second.bank_id, second.question_id) == 90_000


# -- counts -------------------------------------------------------------------------------------


def test_counter_shows_new_learning_due_and_falls_as_you_go(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    screen = review(window, qtbot)
    assert screen.counts_label.isVisible()
    assert _plain(screen.counts_label.text()) == "3 new · 0 learning · 0 due"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_1)  # Again: it comes back in learning
    assert _plain(screen.counts_label.text()) == "2 new · 1 learning · 0 due"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_4)  # Easy: graduates, off today's list
    assert _plain(screen.counts_label.text()) == "1 new · 1 learning · 0 due"
    assert screen.progress_text.text() == "2 done"

    clock.advance(timedelta(days=30))  # the graduated card is due for review
    window.show_screen("today")
    screen.start_session()
    assert "1 due" in _plain(screen.counts_label.text())


def _plain(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", html)


def test_suspend_keeps_what_was_done(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_4)
    assert screen.progress_text.text() == "1 done"
    suspended = screen.session.card
    assert suspended is not None
    qtbot.keyClick(screen, Qt.Key.Key_S)
    assert window.services.study.card(suspended.bank_id, suspended.question_id).suspended
    assert screen.progress_text.text() == "1 done"
    assert _plain(screen.counts_label.text()) == "1 new · 0 learning · 0 due"


# -- filters ------------------------------------------------------------------------------------


def test_a_filter_combination_that_matches_nothing_says_so(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    screen.difficulty_filter.setCurrentIndex(screen.difficulty_filter.findData("staff"))
    assert screen.done_title.text() == NOTHING_MATCHES
    assert "Session complete" not in screen.done_title.text()
    assert not screen.progress.isVisible(), "no full progress bar for nothing done"
    assert screen.clear_filters_button.isVisible()
    qtbot.mouseClick(screen.clear_filters_button, Qt.MouseButton.LeftButton)
    assert screen.difficulty_filter.currentText() == "All levels"
    assert screen.session.card is not None and screen.pages.currentIndex() == 0


def test_done_for_now_under_a_filter_is_not_nothing_matches(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    screen.topic_filter.setCurrentIndex(screen.topic_filter.findData("llm-fundamentals"))
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_4)
    assert screen.done_title.text() == "Session complete"
    assert "You answered 1 card in this session" in screen.done_text.text()


def test_filters_are_scoped_by_role_and_show_titles(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    assert screen.role_filter.currentText() == "My roles"
    assert items(screen.role_filter) == ["My roles", "AI agent engineer", "ML engineer"]
    assert items(screen.bank_filter) == ["All banks", "Demo bank agent-basics"]
    assert items(screen.topic_filter) == [
        "All topics",
        "LLM fundamentals",
        "Retrieval-augmented generation",
    ]
    assert screen.meta.text().startswith("Demo bank agent-basics · LLM fundamentals · mid")
    assert "llm-fundamentals" not in screen.meta.text()

    screen.role_filter.setCurrentIndex(screen.role_filter.findText("ML engineer"))
    assert items(screen.bank_filter) == ["All banks", "Demo bank ml-basics"]
    assert items(screen.topic_filter) == ["All topics", "Classical ML"]
    assert screen.session.card is not None and screen.session.card.role == "ml-engineer"


def test_my_roles_keep_unchosen_roles_out_of_the_queue(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    assert _plain(screen.counts_label.text()) == "3 new · 0 learning · 0 due"
    seen = []
    while screen.session.card is not None:
        seen.append(screen.session.card.role)
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        qtbot.keyClick(screen, Qt.Key.Key_4)
    assert seen == ["agent-engineer"] * 3
    assert window.services.study.card("ml-basics", "m1").state.reps == 0


def test_undo_takes_back_a_suspend_then_the_answer_before_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    answered = screen.session.card
    assert answered is not None
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_4)
    suspended = screen.session.card
    assert suspended is not None
    qtbot.keyClick(screen, Qt.Key.Key_S)
    study = window.services.study

    with qtbot.waitSignal(screen.status, check_params_cb=lambda m: "Suspend undone" in m):
        qtbot.keyClick(screen, Qt.Key.Key_U)
    assert not study.card(suspended.bank_id, suspended.question_id).suspended
    assert screen.session.card is not None and screen.session.card.key == suspended.key
    assert study.card(answered.bank_id, answered.question_id).state.reps == 1
    assert screen.progress_text.text() == "1 done"

    with qtbot.waitSignal(screen.status, check_params_cb=lambda m: m == "Answer undone"):
        qtbot.keyClick(screen, Qt.Key.Key_U)
    assert study.card(answered.bank_id, answered.question_id).state.reps == 0
    assert screen.session.card is not None and screen.session.card.key == answered.key
    assert not screen.undo_button.isEnabled()


def test_undo_takes_back_a_flag(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    card = screen.session.card
    assert card is not None
    qtbot.keyClick(screen, Qt.Key.Key_F)
    assert "flagged" in screen.meta.text() and screen.undo_button.isEnabled()
    with qtbot.waitSignal(screen.status, check_params_cb=lambda m: "Flag" in m):
        qtbot.keyClick(screen, Qt.Key.Key_U)
    assert not window.services.study.card(card.bank_id, card.question_id).flagged
    assert "flagged" not in screen.meta.text()
