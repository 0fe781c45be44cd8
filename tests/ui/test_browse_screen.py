"""Browse driven like a user: type to search, pick filters, select rows, act on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.services.browse import BrowseRow
from interviewprep.ui.dialogs import MessageDialog
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.browse import BrowseModel, BrowseScreen
from tests.banktext import flashcard, front, write


def browse(window: MainWindow, qtbot: QtBot) -> BrowseScreen:
    window.show_screen("browse")
    screen = window.screens["browse"]
    assert isinstance(screen, BrowseScreen)
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == 5)
    return screen


def shown_rows(screen: BrowseScreen) -> list[BrowseRow]:
    return [screen.model.row(n) for n in range(screen.model.rowCount())]


def shown_ids(screen: BrowseScreen) -> list[str]:
    return [row.question_id for row in shown_rows(screen)]


def click_row(qtbot: QtBot, screen: BrowseScreen, number: int, ctrl: bool = False) -> None:
    rect = screen.table.visualRect(screen.model.index(number, 0))
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def pick(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Step through a closed combo box with the arrow keys, as a keyboard user does."""
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, text
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def wait_for(qtbot: QtBot, screen: BrowseScreen, ids: list[str]) -> None:
    qtbot.waitUntil(lambda: not screen.loading and sorted(shown_ids(screen)) == sorted(ids))


def test_search_and_filters_narrow_the_table(window: MainWindow, qtbot: QtBot) -> None:
    screen = browse(window, qtbot)
    assert screen.count_label.text() == "5 questions"

    qtbot.keyClick(screen, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is screen.search
    qtbot.keyClicks(screen.search, "gam")  # prefix of the last word matches while typing
    wait_for(qtbot, screen, ["gamma"])
    assert screen.count_label.text() == "1 question"

    click_row(qtbot, screen, 0)
    assert "What is gamma?" in screen.preview.toPlainText()
    assert "gamma is explained here." in screen.preview.toPlainText()

    screen.search.clear()
    wait_for(qtbot, screen, ["alpha", "beta", "gamma", "design-one", "design-two"])
    pick(qtbot, screen.type_filter, "Design prompts")
    wait_for(qtbot, screen, ["design-one", "design-two"])
    click_row(qtbot, screen, 0)
    preview = screen.preview.toPlainText()
    assert "Design a thing at 1,000 QPS." in preview
    assert "Rubric" in preview and "Clarifies scope" in preview

    qtbot.keyClicks(screen.search, "alpha")
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == 0)
    assert screen.results.currentWidget() is screen.empty
    assert "No questions match" in screen.empty.text()


def test_columns_sort_when_their_header_is_clicked(window: MainWindow, qtbot: QtBot) -> None:
    screen = browse(window, qtbot)
    header = screen.table.horizontalHeader()
    column = screen.model.COLUMNS.index("Type")
    centre = QPoint(
        header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
        header.height() // 2,
    )

    def types() -> list[str]:
        return [screen.model.data(screen.model.index(r, column)) for r in range(5)]

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: not screen.loading and types() == ["Card"] * 3 + ["Design"] * 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: not screen.loading and types() == ["Design"] * 2 + ["Card"] * 3)


def test_suspend_then_unsuspend_from_the_table(window: MainWindow, qtbot: QtBot) -> None:
    screen = browse(window, qtbot)
    study = window.services.study
    assert study.counts().new == 3
    pick(qtbot, screen.type_filter, "Flashcards")
    wait_for(qtbot, screen, ["alpha", "beta", "gamma"])

    assert not screen.suspend_button.isEnabled()  # nothing selected yet
    click_row(qtbot, screen, 0)
    click_row(qtbot, screen, 1, ctrl=True)
    assert screen.selection_label.text() == "2 selected"
    assert screen.suspend_button.isEnabled() and not screen.unsuspend_button.isEnabled()
    picked = set(screen.selected_keys())
    qtbot.mouseClick(screen.suspend_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: all(r.suspended for r in shown_rows(screen) if r.key in picked))
    assert study.counts().new == 1
    states = {
        r.key: screen.model.data(screen.model.index(n, 4)) for n, r in enumerate(shown_rows(screen))
    }
    assert {states[k] for k in picked} == {"Suspended"}
    assert set(screen.selected_keys()) == picked  # the selection survives the refresh
    assert screen.unsuspend_button.isEnabled() and not screen.suspend_button.isEnabled()

    pick(qtbot, screen.state_filter, "Suspended")
    wait_for(qtbot, screen, sorted(qid for _, qid in picked))
    click_row(qtbot, screen, 0)
    click_row(qtbot, screen, 1, ctrl=True)
    qtbot.mouseClick(screen.unsuspend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == 0)
    assert study.counts().new == 3


def test_keyboard_shortcut_suspends_the_selection(window: MainWindow, qtbot: QtBot) -> None:
    screen = browse(window, qtbot)
    assert "Ctrl+J" in screen.suspend_button.toolTip()
    assert "Ctrl+F" in screen.search.toolTip()
    click_row(qtbot, screen, 0)
    key = screen.model.row(0).key
    with qtbot.waitSignal(screen.status, check_params_cb=lambda text: "Suspended 1" in text):
        qtbot.keyClick(screen.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.services.study.card(*key).suspended
    qtbot.waitUntil(lambda: screen.model.row(0).suspended)  # the table follows
    with qtbot.waitSignal(screen.status, check_params_cb=lambda text: "Unsuspended 1" in text):
        qtbot.keyClick(
            screen.table,
            Qt.Key.Key_J,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert not window.services.study.card(*key).suspended


def test_reset_progress_asks_first(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    study = window.services.study
    study.answer(study.card("demo", "beta"), Grade.GOOD, 1000)
    screen = browse(window, qtbot)
    qtbot.keyClicks(screen.search, "beta")
    wait_for(qtbot, screen, ["beta"])
    click_row(qtbot, screen, 0)
    assert screen.reset_button.isEnabled()

    asked: list[str] = []

    def answer_with(key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
        """Press ``key`` in the confirmation once it is up, as the user would."""

        def press() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, MessageDialog)
            asked.append(dialog.text())
            qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts work in the active window
            qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)

        QTimer.singleShot(0, press)

    no = Qt.KeyboardModifier.NoModifier
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return):  # Enter is Cancel: a reset is destructive
        answer_with(key, no)
        qtbot.mouseClick(screen.reset_button, Qt.MouseButton.LeftButton)
        assert asked[-1].startswith("Make 1 question new again?")
        assert study.card("demo", "beta").state.reps == 1

    answer_with(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(
        screen.status, check_params_cb=lambda text: text == "Reset 1 question to new"
    ):
        qtbot.mouseClick(screen.reset_button, Qt.MouseButton.LeftButton)
    assert study.card("demo", "beta").state.reps == 0
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.model.row(0).reps == 0)
    assert not screen.reset_button.isEnabled()
    assert window.services.stats.overview().total_reviews == 1  # history kept


def test_a_long_list_scrolls_to_its_end_and_acts_on_every_selected_row(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    # more rows than the table reads at once: the end of the list is read when reached
    many = [f"long{i:03d}" for i in range(3 * BrowseModel.PAGE)]
    write(tmp_path / "long.md", front("long") + "".join(flashcard(q) for q in many))
    window.services.library.import_paths([tmp_path / "long.md"])
    window.show_screen("browse")
    screen = window.screens["browse"]
    assert isinstance(screen, BrowseScreen)
    qtbot.keyClicks(screen.search, "long")
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == len(many))
    assert screen.count_label.text() == f"{len(many)} questions"

    click_row(qtbot, screen, 0)
    qtbot.keyClick(screen.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = screen.model.row(len(many) - 1)
    assert f"What is {last.question_id}?" in screen.preview.toPlainText()

    qtbot.keyClick(screen.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert screen.selection_label.text() == f"{len(many)} selected"
    qtbot.mouseClick(screen.suspend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.loading and screen.unsuspend_button.isEnabled())
    assert all(row.suspended for row in shown_rows(screen))
    assert window.services.study.counts().new == 3  # only the demo bank's flashcards remain


def test_a_search_shows_where_the_words_are_with_them_highlighted(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from interviewprep.ui.widgets.match_delegate import SNIPPET_ROLE, plain_snippet, snippet_html

    write(
        tmp_path / "more" / "cost.md",
        front("cost")
        + flashcard(
            "tenants",
            prompt="Serves **2,000 customer tenants**; calls `issue_refund` with chance $p$.",
        ),
    )
    window.services.library.import_paths([tmp_path / "more"])
    screen = browse_all(window, qtbot, 6)
    qtbot.keyClick(screen, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(screen.searched, timeout=5000):
        qtbot.keyClicks(screen.search, "tenants")
    assert screen.model.rowCount() == 1
    index = screen.model.index(0, 0)
    snippet = screen.model.data(index, SNIPPET_ROLE)
    # plain words, no markup, the match highlighted, on a second line under the title
    assert plain_snippet(snippet) == (
        "Serves 2,000 customer tenants; calls issue_refund with chance p."
    )
    shown = snippet_html(snippet, "#ff0", "#000")
    assert ">tenants</span>" in shown and "**" not in shown and "`" not in shown
    line = screen.table.fontMetrics().lineSpacing()
    assert screen.table.rowHeight(0) >= 2 * line
    tip = screen.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(screen.model.row(0).title)
    assert "2,000 customer tenants" in tip and "**" not in tip

    screen.search.clear()
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == 6)
    assert not screen.model.data(screen.model.index(0, 0), SNIPPET_ROLE)
    assert screen.table.rowHeight(0) < 2 * line


def browse_all(window: MainWindow, qtbot: QtBot, rows: int) -> BrowseScreen:
    window.show_screen("browse")
    screen = window.screens["browse"]
    assert isinstance(screen, BrowseScreen)
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == rows)
    return screen


def test_arrows_move_through_results_and_enter_or_double_click_opens_the_card(
    window: MainWindow, qtbot: QtBot
) -> None:
    from interviewprep.ui.card_info import CardInfoDialog

    screen = browse(window, qtbot)
    qtbot.keyClick(screen, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    # from the search box, as a launcher: Down picks the first row, then the next
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    assert screen.selected_ids() == [screen.model.ids[0]]
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    qtbot.keyClick(screen.search, Qt.Key.Key_Up)
    assert screen.selected_ids() == [screen.model.ids[1]]
    assert QApplication.focusWidget() is screen.search  # typing can go on
    second = screen.model.row(1)
    assert second.title in screen.preview.toPlainText()

    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    dialog = screen.card_info
    assert isinstance(dialog, CardInfoDialog) and dialog.isVisible()
    assert dialog.key == second.key
    dialog.close()

    # in the table: arrows as usual, Enter opens; a double-click opens the one clicked
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.selected_ids() == [screen.model.ids[2]]
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.card_info is not None and screen.card_info.key == screen.model.row(2).key
    screen.card_info.close()
    rect = screen.table.visualRect(screen.model.index(4, 0))
    # a double-click as Qt receives it: press, release, then the second press as a double
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.card_info is not None and screen.card_info.key == screen.model.row(4).key
    screen.card_info.close()


def test_the_preview_gets_about_half_the_room_and_topics_read_as_titles(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = browse(window, qtbot)
    total = screen.preview.height() + screen.results.height()
    assert screen.preview.height() >= 0.4 * total
    click_row(qtbot, screen, 0)
    text = screen.preview.toPlainText()
    assert "llm-fundamentals" not in text  # the slug; the preview names the topic in words
    assert "Mid" in text
    topics = [screen.topic_filter.itemText(i) for i in range(screen.topic_filter.count())]
    assert "llm-fundamentals" not in topics and "agent-system-design" not in topics


def test_return_searches_at_once_and_a_second_return_opens_the_card(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = browse(window, qtbot)
    screen._debounce.setInterval(60_000)  # the typing pause never ends on its own here
    qtbot.keyClicks(screen.search, "beta")
    with qtbot.waitSignal(screen.searched, timeout=5000):
        qtbot.keyClick(screen.search, Qt.Key.Key_Return)  # no pause to wait out
    assert [r.question_id for r in shown_rows(screen)] == ["beta"]
    opened: list[object] = []
    monkeypatch.setattr(screen, "show_card_info", lambda: opened.append(True))
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)  # results are current: pick, then open
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert opened == [True]
