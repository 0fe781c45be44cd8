"""Preview mode re-renders a bank file on every save, lists its problems beside it and shows
the file's text at any problem's line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interviewprep.ui.bank_preview import BankPreviewWindow
from interviewprep.ui.main_window import MainWindow
from tests.banktext import bank, design, front, write


def problem_texts(preview: BankPreviewWindow) -> list[str]:
    return [preview.problems.item(i).text() for i in range(preview.problems.count())]


def test_preview_follows_saves_and_shows_problems(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = write(tmp_path / "draft.md", bank("draft", ids=("first", "second")))
    preview = window.preview_bank(path)
    assert preview is not None
    qtbot.addWidget(preview)
    assert preview.status.text() == "valid"
    assert preview.questions.count() == 2
    assert "What is first?" in preview.view.toPlainText()

    write(path, front("draft") + "\n## third\ntype: flashcrd\n")
    qtbot.waitUntil(lambda: preview.status.text() != "valid", timeout=5000)
    assert any(p.startswith("Line 12: ") and "flashcrd" in p for p in problem_texts(preview))

    write(path, front("draft") + design("round-one"))
    qtbot.waitUntil(lambda: preview.status.text() == "valid", timeout=5000)
    assert preview.questions.item(0).text() == "Design a thing at 1,000 QPS.  ·  design prompt"
    assert "Rubric" in preview.view.toPlainText()


def test_a_broken_file_gives_its_problems_the_room_and_shows_its_text(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    text = front("draft") + "".join(f"\n## q{n}\ntype: flashcrd\n" for n in range(12))
    path = write(tmp_path / "draft.md", text)
    preview = window.preview_bank(path, line=30)
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitExposed(preview)
    # no "Nothing to show" pane taking the room: the questions box is gone, the problems get
    # the column, and the file's text is shown at the line asked for
    assert not preview.questions_box.isVisible()
    assert preview.problems.height() > preview.height() // 2
    assert preview.tabs.currentWidget() is preview.source
    assert preview.source.marked_line() == 30
    assert preview.source.textCursor().block().text() == "type: flashcrd"
    assert preview.problems.currentItem().text().startswith("Line 30: ")

    # a problem clicked in the preview moves the text to its line
    item = preview.problems.item(0)
    rect = preview.problems.visualItemRect(item)
    qtbot.mouseClick(preview.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert preview.source.marked_line() == int(item.text().split(":")[0].split()[1])


def test_escape_and_ctrl_w_close_the_preview(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = write(tmp_path / "draft.md", bank("draft"))
    for keys in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                 (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):  # fmt: skip
        preview = window.preview_bank(path)
        assert preview is not None
        qtbot.addWidget(preview)
        qtbot.waitExposed(preview)
        preview.activateWindow()
        qtbot.waitUntil(lambda shown=preview: QApplication.activeWindow() is shown)
        qtbot.keyClick(preview.questions, keys[0], keys[1])
        assert not preview.isVisible()


def test_the_preview_opens_centred_on_the_window_and_inside_the_screen(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.resize(1000, 700)
    window.move(40, 30)
    preview = window.preview_bank(write(tmp_path / "draft.md", bank("draft")))
    assert preview is not None
    qtbot.addWidget(preview)
    screen = window.screen().availableGeometry()
    assert screen.contains(preview.frameGeometry())
    assert preview.width() <= screen.width() * 0.9 and preview.height() <= screen.height() * 0.9
    # centred on the window as far as the screen allows (the test screen is 800 x 800)
    frame, middle = preview.frameGeometry(), window.frameGeometry().center()
    for start, size, centre, low, high in (
        (frame.left(), frame.width(), middle.x(), screen.left(), screen.right()),
        (frame.top(), frame.height(), middle.y(), screen.top(), screen.bottom()),
    ):
        wanted = max(low, min(centre - size // 2, high + 1 - size))
        assert abs(start - wanted) <= 2, (start, wanted)
    # asked for the same file again: the same window, not a second one
    assert window.preview_bank(preview.path) is preview
    assert QApplication.activeModalWidget() is None
