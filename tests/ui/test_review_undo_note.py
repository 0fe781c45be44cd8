"""U after saving a note takes the note back, as it does an answer, a suspend or a flag, and
says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.ui.main_window import MainWindow
from tests.ui.test_review_reading import bank_dir, review

__all__ = ["bank_dir"]  # the demo bank with a long answer, shared


def test_undo_takes_back_a_saved_note(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    card = screen.session.card
    assert card is not None
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_N)
    qtbot.keyClicks(screen.note_editor.text, "Ranking decides what the model reads")
    with qtbot.waitSignal(screen.note_editor.saved):
        qtbot.keyClick(
            screen.note_editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert "Ranking decides what the model reads" in screen.answer_view.toPlainText()
    assert screen.undo_button.isEnabled()

    with qtbot.waitSignal(screen.status, check_params_cb=lambda m: m == "Note change undone"):
        qtbot.keyClick(screen, Qt.Key.Key_U)
    assert window.services.study.card(card.bank_id, card.question_id).note in ("", None)
    assert screen.session.card is not None and screen.session.card.key == card.key
    assert "Ranking decides what the model reads" not in screen.answer_view.toPlainText()
    assert "note" not in screen.meta.text()
    assert not screen.undo_button.isEnabled()
