"""What each button and key of the design screen does, and when the keys act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut

from interviewprep.core.cards import Grade
from interviewprep.services.design import DesignSession
from interviewprep.ui.screens.design_actions import PAUSE_KEYS
from interviewprep.ui.screens.design_picker import PICK_KEYS
from interviewprep.ui.shortcuts import PLAY_KEYS, RECORD_KEYS

if TYPE_CHECKING:
    from interviewprep.ui.screens.design import DesignScreen


def wire_buttons(screen: DesignScreen) -> None:
    screen.picker.activated.connect(screen.picked)
    screen.notes.textChanged.connect(screen.notes_changed)
    screen.rubric.on_toggle = screen.rubric_toggled
    screen.attempts.list.itemActivated.connect(lambda _item: screen.open_past())
    screen.attempts.open_button.clicked.connect(screen.open_past)
    bar = screen.action_bar
    bar.next_due.clicked.connect(screen.show_next_due)
    bar.hint.clicked.connect(screen.show_hint)
    bar.start.clicked.connect(screen.start)
    bar.pause.clicked.connect(screen.toggle_pause)
    bar.finish.clicked.connect(screen.finish)
    bar.grades.graded.connect(screen.grade)
    bar.next_after.clicked.connect(screen.show_next_due)


class DesignKeys:
    """The screen's shortcuts. Space starts the clock only before it has started, so elsewhere
    it still presses the focused button; none of the keys act while the prompt list is open
    (its own arrows, Enter and Space pick there)."""

    def __init__(self, screen: DesignScreen) -> None:
        self._screen = screen
        self._picker_open = False
        pages, recorder = screen.pages, screen.recorder
        screen.bind_keys(
            {
                "Space": screen.start,
                PAUSE_KEYS: screen.toggle_pause,
                PICK_KEYS: self.open_picker,
                "Ctrl+Return": screen.finish,
                "Ctrl+Enter": screen.finish,
                "1": lambda: screen.grade(Grade.AGAIN),
                "2": lambda: screen.grade(Grade.HARD),
                "3": lambda: screen.grade(Grade.GOOD),
                "4": lambda: screen.grade(Grade.EASY),
                "Ctrl+S": screen.save_notes,
                "Ctrl+N": screen.show_next_due,
                "Ctrl+Shift+H": screen.show_hint,
                "PgDown": lambda: pages.scroll_review(1),
                "PgUp": lambda: pages.scroll_review(-1),
                "Esc": screen.close_past,
                RECORD_KEYS.keys[0]: recorder.toggle_recording,
                PLAY_KEYS.keys[0]: recorder.toggle_playback,
            }
        )
        self._shortcuts = {
            shortcut.key().toString(): shortcut for shortcut in screen.findChildren(QShortcut)
        }
        screen.picker.opened.connect(self._picker_opened)
        self.update(None)

    def update(self, session: DesignSession | None) -> None:
        page_keys = (QKeySequence("PgDown").toString(), QKeySequence("PgUp").toString())
        for keys, shortcut in self._shortcuts.items():
            enabled = not self._picker_open
            if keys == "Space":
                enabled = enabled and session is not None and not session.started
            elif keys in page_keys:
                enabled = enabled and session is not None and session.finished
            shortcut.setEnabled(enabled)

    def _picker_opened(self, is_open: bool) -> None:
        self._picker_open = is_open
        self.update(self._screen.session)

    def open_picker(self) -> None:
        picker = self._screen.picker
        if picker.isEnabled():
            picker.setFocus()
            picker.showPopup()
