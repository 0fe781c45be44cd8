"""A question that takes too long to render says so; the window never waits for it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interviewprep.render.markdown import RenderedMarkdown
from interviewprep.services.app import Services
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets import markdown_view
from interviewprep.ui.widgets.markdown_view import TOO_LARGE, MarkdownView
from tests.banktext import flashcard, front, write

SLOW = "slowword "


@pytest.fixture
def slow_render(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Renders of text holding SLOW hang (as 20,000 links did for minutes) until the test
    ends; every render is recorded."""
    release = threading.Event()
    calls: list[str] = []
    real = markdown_view.render_markdown

    def render(text: str, dark: bool = False) -> RenderedMarkdown:
        calls.append(text)
        if SLOW in text:
            release.wait(30)
        return real(text, dark)

    monkeypatch.setattr(markdown_view, "render_markdown", render)
    monkeypatch.setattr(markdown_view, "RENDER_DEADLINE_MS", 300)
    yield calls
    release.set()


def test_a_question_that_will_not_render_in_time_says_so_and_review_goes_on(
    qtbot: QtBot, services: Services, tmp_path: Path, slow_render: list[str]
) -> None:
    huge = "What is alpha? " + SLOW * 700  # over the size rendered on the GUI thread
    write(tmp_path / "b" / "demo.md", front() + flashcard("alpha", prompt=huge) + flashcard("beta"))
    services.library.import_paths([tmp_path / "b"])
    services.settings.target_roles = ["agent-engineer"]
    services.settings.set("first_run_done", True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(services, Theme(app, mode="light"))
    qtbot.addWidget(window)
    window.show()
    window.show_screen("review")
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.session.card is not None)
    assert screen.session.card is not None and screen.session.card.question_id == "alpha"
    qtbot.waitUntil(lambda: TOO_LARGE in screen.prompt_view.toPlainText(), timeout=5000)
    assert screen.prompt_view.too_large
    # the window was never blocked: the card can still be answered and the next one comes up
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert screen.session.card is not None and screen.session.card.question_id == "beta"
    assert "What is beta?" in screen.prompt_view.toPlainText()
    window.workers.wait()


def test_too_large_is_remembered_for_that_text_until_the_text_changes(
    qtbot: QtBot, slow_render: list[str]
) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    text = "Question v1 " + SLOW * 700
    view.set_markdown(text)
    qtbot.waitUntil(lambda: view.too_large, timeout=5000)
    view.set_markdown("*small*")
    assert view.toPlainText() == "small" and not view.too_large
    renders = len(slow_render)
    view.set_markdown(text)  # shown again: the verdict stands, no second hung render
    assert view.too_large and len(slow_render) == renders
    # the bank is updated: the question's new text is rendered
    updated = "Question v2, fixed " + "word " * 1_200
    view.set_markdown(updated)
    qtbot.waitUntil(lambda: "Question v2, fixed" in view.toPlainText(), timeout=5000)
    assert not view.too_large


def test_a_large_question_renders_off_the_gui_thread_then_shows(qtbot: QtBot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    text = "# Long answer\n\n" + "word " * 1_500 + "\n\n$x^2$ and [a link](https://example.org)"
    assert not markdown_view.renders_instantly(text)
    view.set_markdown(text)
    assert "word" not in view.toPlainText()  # never the previous text, never a frozen window
    qtbot.waitUntil(lambda: "Long answer" in view.toPlainText(), timeout=10_000)
    assert not view.too_large


def test_a_small_question_is_on_screen_at_once(qtbot: QtBot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown("**Strong answer.** $x^2$")
    assert view.toPlainText().startswith("Strong answer.")
