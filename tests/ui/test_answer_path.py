"""How far a grade key press travels before its answer reaches the database: the path
docs/architecture.md lists (screen -> session -> service -> repository -> SQL) stays short."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.storage import database
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen

MAX_FRAMES = 6
"""Our frames from the grade key's slot to the statement that stores the new state: the key's
slot, the screen, the session, the study service, answering, the review log (7 before the
storage boundary, with three frames inside one 730-line service)."""
LAYERS = ("interviewprep.ui.", "interviewprep.services.", "interviewprep.storage.")


@dataclass
class AnswerPath:
    frames: list[str] = field(default_factory=list)
    """``module.function`` of each of our frames on the stack at ``UPDATE progress``, outermost
    first."""
    called: set[tuple[str, str]] = field(default_factory=set)
    """(module, function) of every function of ours called before it."""
    whole_press: set[tuple[str, str]] = field(default_factory=set)
    """The same for the whole key press: the answer, the next card and its painting."""
    done: bool = False

    @property
    def modules(self) -> set[str]:
        return {module for module, _ in self.called}


def _ours(frame: FrameType) -> bool:
    return str(frame.f_globals.get("__name__", "")).startswith("interviewprep.")


def trace_answer(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> AnswerPath:
    """Press Space then 3 on the review screen; the path of the 3 to ``UPDATE progress``."""
    window.show_screen("review")
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.session.card is not None)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    path = AnswerPath()

    def on_statement(sql: str) -> None:
        if path.done or not sql.lstrip().upper().startswith("UPDATE PROGRESS"):
            return
        path.done = True
        frame: FrameType | None = sys._getframe(1)
        stack = []
        while frame is not None:
            if _ours(frame):
                stack.append(f"{frame.f_globals['__name__']}.{frame.f_code.co_name}")
            frame = frame.f_back
        path.frames = stack[::-1]

    take = database.RawPool.take

    def traced(pool: database.RawPool) -> sqlite3.Connection:
        connection = take(pool)
        connection.set_trace_callback(on_statement)
        return connection

    monkeypatch.setattr(database.RawPool, "take", traced)
    for connection in window.services.db._raw_pool._idle:
        connection.set_trace_callback(on_statement)

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call" and _ours(frame):
            function = (str(frame.f_globals["__name__"]), frame.f_code.co_name)
            path.whole_press.add(function)
            if not path.done:
                path.called.add(function)

    sys.setprofile(profile)
    try:
        qtbot.keyClick(screen, Qt.Key.Key_3)
    finally:
        sys.setprofile(None)
        for connection in window.services.db._raw_pool._idle:
            connection.set_trace_callback(None)
    assert path.done, "the grade key stored no answer"
    return path


def test_a_grade_reaches_the_progress_row_in_a_few_frames(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = trace_answer(window, qtbot, monkeypatch)
    print(f"\n{len(path.frames)} frames:", " -> ".join(path.frames))
    print(f"{len(path.called)} functions in {len(path.modules)} modules:", sorted(path.modules))
    press_modules = {module for module, _ in path.whole_press}
    print(f"whole key press: {len(path.whole_press)} functions in {len(press_modules)} modules")
    assert len(path.frames) <= MAX_FRAMES, path.frames
    # screen -> session -> service -> repository: down the layers, never back up
    layers = [next(i for i, layer in enumerate(LAYERS) if f.startswith(layer)) for f in path.frames]
    assert layers == sorted(layers), path.frames
    assert path.frames[-1] == "interviewprep.storage.review_log.record_answer"
