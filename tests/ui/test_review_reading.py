"""Reading and answering on the Review screen, driven by keys and clicks as a user would:
the layout, Anki's keys, the filters that keep out of the way, and the note editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.widgets.reading import READING_CHARS
from tests.banktext import flashcard, front, write
from tests.ui.review_screen import review

OPENS_A_POPUP = pytest.mark.qt_log_ignore(
    # an open combo's list is a popup window: offscreen cannot raise it or grab the keyboard
    "This plugin does not support raise",
    "This plugin does not support grabbing",
)
LONG_ANSWER = "\n\n".join(
    f"Paragraph {n}: the retriever returns chunks ranked by similarity, and the generator "
    "reads them in order, so the ranking decides what the model sees first and what it may "
    "never read at all when the context is cut."
    for n in range(1, 21)
)


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    write(
        folder / "demo.md",
        front("demo")
        + flashcard("alpha", prompt="What is alpha?", answer=LONG_ANSWER)
        + flashcard("beta")
        + flashcard("gamma"),
    )
    return folder


def on_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def reviews(window: MainWindow) -> int:
    return window.services.stats.overview().total_reviews


# -- layout -----------------------------------------------------------------------------------


def test_question_fits_its_text_and_the_answer_follows_in_one_scroll_area(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(1280, 720)
    screen = review(window, qtbot)
    question = screen.prompt_view
    # a one-line question takes a line's room, not a fixed share of the screen
    assert question.height() < 4 * question.fontMetrics().lineSpacing() + 60
    assert question.verticalScrollBar().maximum() == 0

    qtbot.keyClick(screen, Qt.Key.Key_Space)
    answer = screen.answer_view
    assert answer.isVisible()
    qtbot.waitUntil(lambda: screen.reading.verticalScrollBar().maximum() > 0)
    assert on_window(answer).top() >= on_window(question).bottom()
    # the whole answer is laid out in the page: the page scrolls, the views never do
    assert answer.verticalScrollBar().maximum() == 0
    assert question.verticalScrollBar().maximum() == 0
    assert answer.document().size().height() <= answer.viewport().height() + 1


def test_lines_stay_readable_and_centred_on_a_wide_window(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1920, 1080)
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.answer_view.width() > 0)
    font = QFont(screen.answer_view.font())
    font.setPointSizeF(window.theme.font_pt + 1)
    longest = QFontMetricsF(font).averageCharWidth() * (READING_CHARS + 2)
    assert screen.answer_view.viewport().width() <= longest
    page = on_window(screen.reading.viewport())
    text = on_window(screen.answer_view)
    left, right = text.left() - page.left(), page.right() - text.right()
    assert left > 100 and abs(left - right) <= screen.reading.verticalScrollBar().width() + 2


def test_the_question_stands_out_from_the_answer(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    question = screen.prompt_view.document().defaultFont()
    answer = screen.answer_view.document().defaultFont()
    assert question.pointSizeF() > answer.pointSizeF()
    assert question.weight() > answer.weight()
    assert answer.pointSizeF() == window.theme.font_pt + 1


def test_show_answer_button_keeps_its_height_after_the_first_grade(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    before = screen.reveal_button.height()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert screen.session.card is not None and screen.reveal_button.isVisible()
    QApplication.processEvents()  # the layout settles as a real event loop would
    assert screen.reveal_button.height() == before


# -- keys ---------------------------------------------------------------------------------------


def test_space_reveals_then_space_answers_good(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    first = screen.session.card
    assert first is not None
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.answer_view.isVisible() and reviews(window) == 0
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    info = window.services.card_info.info(first.bank_id, first.question_id)
    assert [r.rating for r in info.reviews] == [int(Grade.GOOD)]
    assert screen.session.card is not None and screen.session.card.key != first.key
    assert screen.answer_view.isHidden(), "the next card starts with its question alone"


def test_grade_buttons_and_show_answer_show_their_keys(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    assert "Space" in screen.reveal_button.text()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    for grade, button in screen.grade_buttons.items():
        assert f"({int(grade)})" in button.text().splitlines()[0]
        assert grade.label in button.text()


def test_keys_scroll_a_long_answer(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1280, 720)
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    bar = screen.reading.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    qtbot.keyClick(screen, Qt.Key.Key_J)
    after_j = bar.value()
    assert after_j > 0
    qtbot.keyClick(screen, Qt.Key.Key_Down)
    assert bar.value() > after_j
    qtbot.keyClick(screen, Qt.Key.Key_K)
    qtbot.keyClick(screen, Qt.Key.Key_Up)
    assert bar.value() == 0
    qtbot.keyClick(screen, Qt.Key.Key_PageDown)
    assert bar.value() >= bar.pageStep() - 1 or bar.value() == bar.maximum()
    qtbot.keyClick(screen, Qt.Key.Key_PageUp)
    assert bar.value() == 0
    assert reviews(window) == 0 and screen.session.revealed, "scrolling answers nothing"


def test_tab_from_the_card_never_lands_in_a_filter(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    focused: list[QWidget] = []
    for _ in range(14):
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        focused.append(QApplication.focusWidget())
    assert not [w for w in focused if isinstance(w, QComboBox)]


@OPENS_A_POPUP
def test_keys_over_a_filter_never_change_it(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    shown = screen.session.card
    combo = screen.difficulty_filter
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)  # opens it: the user looks and leaves
    qtbot.waitUntil(lambda: combo.view().isVisible())
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert combo.hasFocus()
    # arrows, paging and a letter that starts a choice ("Mid"): none may pick one unseen
    for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_End, Qt.Key.Key_M):
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == 0
    assert screen.session.card == shown and screen.session.revealed, "the revealed card stays"


@OPENS_A_POPUP
def test_a_filter_list_closed_with_escape_gives_the_keys_back_to_the_card(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    combo = screen.topic_filter
    with qtbot.waitSignal(combo.opened) as opening:
        qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    assert opening.args == [True]
    with qtbot.waitSignal(combo.opened) as closing:
        qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    assert closing.args == [False]
    assert not combo.view().isVisible() and combo.currentIndex() == 0
    qtbot.keyClick(combo, Qt.Key.Key_3)  # the card's grade keys work again, as before the look
    assert reviews(window) == 1
    assert screen.session.card is not None and not screen.session.revealed


@OPENS_A_POPUP
def test_a_filter_changes_when_opened_and_picked(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    combo = screen.difficulty_filter
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    for _ in range(combo.findText("Mid")):  # in the open list, arrows move and Enter picks
        qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    assert combo.currentText() == "Mid"
    assert screen.session.card_filter.difficulties == ("mid",)
    assert screen.reveal_button.hasFocus(), "keys go back to the card after a pick"


# -- the note -----------------------------------------------------------------------------------


def test_note_saved_with_ctrl_enter_without_the_mouse(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_N)
    editor = screen.note_editor
    assert editor.isVisible() and editor.text.hasFocus()
    qtbot.keyClicks(editor.text, "Ranking decides")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)  # a new line, not a save
    qtbot.keyClicks(editor.text, "what the model reads 3 times")
    assert editor.isVisible() and reviews(window) == 0, "typing 3 in a note grades nothing"
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    assert window.services.study.card("demo", "alpha").note == (
        "Ranking decides\nwhat the model reads 3 times"
    )
    assert "what the model reads 3 times" in screen.answer_view.toPlainText()
    assert "note" in screen.meta.text()
    qtbot.keyClick(screen, Qt.Key.Key_3)  # the card's keys work again
    assert reviews(window) == 1


def test_escape_cancels_the_note(window: MainWindow, qtbot: QtBot) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_N)
    editor = screen.note_editor
    qtbot.keyClicks(editor.text, "never mind")
    with qtbot.waitSignal(editor.closed):
        qtbot.keyClick(editor.text, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert window.services.study.card("demo", "alpha").note == ""
    with qtbot.assertNotEmitted(editor.saved):
        qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.session.revealed


def test_note_editor_wraps_is_roomy_and_leaves_the_answer_in_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(1280, 720)
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_N)
    editor = screen.note_editor
    qtbot.keyClicks(editor.text, "a long line of a note " * 20)
    assert editor.text.horizontalScrollBar().maximum() == 0, "long lines wrap"
    assert editor.text.height() >= 4 * editor.text.fontMetrics().lineSpacing()
    assert editor.text.width() >= 400
    assert not on_window(editor).intersects(on_window(screen.reading.viewport()))
    assert screen.reading.viewport().height() >= 200, "the answer still has room to read"
    qtbot.keyClick(editor.text, Qt.Key.Key_J)  # typed, not a scroll
    qtbot.keyClick(editor.text, Qt.Key.Key_PageDown)
    assert editor.text.toPlainText().endswith("j")


def test_escape_leaves_the_card_info_and_the_keys_return_to_the_card(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_I)
    dialog = screen.card_info
    assert dialog is not None
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.session.revealed
