"""Card info opened as a user would: I in Review, the Card info button in Browse."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.ui.card_info import CardInfoDialog
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen
from tests.ui.test_browse_screen import browse, click_row, shown_ids


def loaded(qtbot: QtBot, dialog: CardInfoDialog) -> None:
    """Wait for the history read on the worker (its result arrives through the event loop, so
    it cannot have landed before this looks)."""
    if dialog.info is None:
        with qtbot.waitSignal(dialog.loaded, timeout=5000):
            pass


def test_i_in_review_shows_the_cards_state_history_and_curve(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    study = window.services.study
    study.answer(study.card("demo", "alpha"), Grade.EASY, 2000)
    clock.advance(timedelta(days=30))
    window.show_screen("review")
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.session.card is not None)
    assert screen.session.card is not None and screen.session.card.question_id == "alpha"
    qtbot.keyClick(screen, Qt.Key.Key_I)
    dialog = screen.card_info
    assert dialog is not None
    loaded(qtbot, dialog)
    state = study.card("demo", "alpha").state
    assert dialog.fact("Stability") == f"{state.stability:.1f} days"
    assert dialog.fact("Recall now").endswith("%")
    assert dialog.fact("Recall on interview day") == "set an interview date in Settings"
    assert dialog.history.rowCount() == 1
    item = dialog.history.item(0, 1)
    assert item is not None and item.text() == "Easy"
    assert not dialog.curve.is_empty
    dialog.close()


def test_card_info_from_browse_for_the_current_row(window: MainWindow, qtbot: QtBot) -> None:
    screen = browse(window, qtbot)
    assert not screen.info_button.isEnabled()
    click_row(qtbot, screen, shown_ids(screen).index("beta"))
    assert screen.info_button.isEnabled()
    qtbot.mouseClick(screen.info_button, Qt.MouseButton.LeftButton)
    dialog = screen.card_info
    assert dialog is not None
    loaded(qtbot, dialog)
    assert dialog.title.text() == "What is beta?"
    assert dialog.fact("Bank") == "Demo bank demo"  # its title, never the ids
    assert dialog.fact("Recall now") == "—"
    assert dialog.curve.is_empty  # never answered
    dialog.close()
