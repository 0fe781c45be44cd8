"""What reviewers saw on the System design screen at 1280x720 and at 15 pt: the phase names
drawn over each other, the prompt title cut mid-letter in the box, and grade buttons without
their keys or cut at the bottom."""

from __future__ import annotations

from datetime import timedelta
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.design import DesignScreen
from tests.banktext import write

CTRL = Qt.KeyboardModifier.ControlModifier
LONG_TITLE = "Refunds for 2,000 customer tenants with issue_refund"
PHASES = "\n".join(
    f"- {name} ({minutes} min)"
    for name, minutes in (
        ("Scope, success metrics and non-goals", 5),
        ("Load and cost estimate against $0.08 a conversation", 6),
        ("Tools, policy engine and identity per channel", 8),
        ("Deep dive: credit safety and confirmation flow", 9),
        ("Latency budget for the 3 s first response", 5),
        ("Evaluation, offline sets and release gates", 4),
        ("Failure modes, retries and hand-off to a human", 4),
        ("Cost controls, caching and model routing", 2),
        ("Wrap-up and the questions you would ask", 2),
    )
)


def prompt(qid: str, title: str) -> str:
    return (
        f"\n## {qid}\ntype: system-design\ntitle: {title}\n"
        "topics: [agent-system-design]\ndifficulty: senior\ntime_box: 45\n"
        "\n### Prompt\nDesign a refund agent for 2,000 customer tenants.\n"
        "\n### Answer\n1. Requirements.\n2. Design.\n"
        f"\n### Phases\n{PHASES}\n"
        "\n### Rubric\n- [3] Clarifies the refund scope\n- [2] Estimates load\n"
    )


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    write(
        folder / "drills.md",
        '---\nid: sd-drills\ntitle: Design drills\nrole: agent-engineer\nversion: "1.0.0"\n'
        "license: CC-BY-4.0\nauthors: [Test Author]\ndescription: Design prompts.\n---\n"
        + prompt("refund-agent", LONG_TITLE)
        + prompt(
            "support-agent",
            # 80 characters, the most a bank allows
            "A billing support agent in twelve languages, prorated credits and human hand-off",
        ),
    )
    return folder


def design_at(window: MainWindow, qtbot: QtBot, width: int, height: int, pt: int) -> DesignScreen:
    window.theme.set_font_pt(pt)
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    window.show_screen("design")
    screen = window.screens["design"]
    assert isinstance(screen, DesignScreen)
    qtbot.waitUntil(lambda: screen.session is not None)
    return screen


def on_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("pt", [11, 15])
def test_running_round_phase_labels_are_whole_and_apart_at_1280x720(
    window: MainWindow, qtbot: QtBot, pt: int
) -> None:
    screen = design_at(window, qtbot, 1280, 720, pt)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    labels: list[QLabel] = [part for pair in screen.phase_labels for part in pair]
    assert len(screen.phase_labels) == 9

    def laid_out() -> None:
        for name, _span in screen.phase_labels:
            # a wrapped name has the height of all its lines, not one line cut off
            assert name.height() >= name.heightForWidth(name.width()) - 1, name.text()
        for one, other in combinations(labels, 2):
            assert not on_window(one).intersects(on_window(other)), (one.text(), other.text())

    qtbot.waitUntil(laid_out)
    # the clock stays in sight at the top of the side column
    assert screen.countdown.visibleRegion().boundingRect().height() == screen.countdown.height()
    window.theme.set_font_pt(11)


@pytest.mark.parametrize("pt", [11, 15])
def test_finished_round_grade_buttons_show_key_and_interval_uncut(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, pt: int
) -> None:
    screen = design_at(window, qtbot, 1280, 720, pt)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.notes, "Scope: refunds only")
    clock.advance(timedelta(minutes=30))
    qtbot.keyClick(screen.notes, Qt.Key.Key_Return, CTRL)
    for grade, button in screen.grade_buttons.items():
        first, _, interval = button.text().partition("\n")
        assert first.endswith(f"{grade.label}  ({int(grade)})")  # as on Review
        assert interval[:1].isdigit()  # "1d", "10m": what the grade gives
    qtbot.waitUntil(
        lambda: all(
            b.height() >= b.sizeHint().height() - 1 and b.width() >= b.sizeHint().width() - 1
            for b in screen.grade_buttons.values()
        )
    )
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert screen.session is not None and screen.session.attempt is not None
    assert screen.session.attempt.grade == Grade.GOOD
    window.theme.set_font_pt(11)


def test_prompt_box_shows_the_whole_title_or_elides_it_with_a_tooltip(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = design_at(window, qtbot, 1280, 720, 11)
    picker = screen.picker
    picker.setCurrentIndex(picker.findText(LONG_TITLE, Qt.MatchFlag.MatchStartsWith))
    assert picker.currentText() == f"{LONG_TITLE} · 45 min"
    qtbot.waitUntil(lambda: picker.shown_text() == picker.currentText())  # whole at 1280
    assert LONG_TITLE not in picker.toolTip()  # nothing hidden, nothing to repeat
    # the longest title does not fit beside the header at 15 pt: cut with "…", whole on hover
    screen = design_at(window, qtbot, 1280, 720, 15)
    picker.setCurrentIndex(picker.findText("A billing support", Qt.MatchFlag.MatchStartsWith))
    qtbot.waitUntil(lambda: picker.shown_text().endswith("…"))
    assert picker.currentText() in picker.toolTip()
    assert "Ctrl+L" in picker.toolTip()
    # at 1920 the box grows with the room, up to the longest title and no further
    screen = design_at(window, qtbot, 1920, 1080, 11)
    qtbot.waitUntil(lambda: picker.shown_text() == picker.currentText())
    widest = max(picker.fontMetrics().horizontalAdvance(picker.itemText(i)) for i in range(2))
    assert picker.width() <= widest + 60
