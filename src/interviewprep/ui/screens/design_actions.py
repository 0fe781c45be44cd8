"""The design screen's buttons: Next due in the header; Hint, the round's state, Start, Pause,
Finish, the grades and Next prompt along the bottom. The screen shows the ones that apply."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from interviewprep.services.design import DesignSession
from interviewprep.ui.screens.base import label, shortcut_tip
from interviewprep.ui.screens.design_grades import GradeButtons

PAUSE_KEYS = "Ctrl+Space"


class ActionBar:
    def __init__(self) -> None:
        self.next_due = QPushButton("Next due")
        self.next_due.setToolTip(shortcut_tip("Show the next design prompt due", "Ctrl+N"))
        self.row = QHBoxLayout()
        self.hint = QPushButton("Hint")
        self.hint.setToolTip(shortcut_tip("Show the next hint", "Ctrl+Shift+H"))
        self.row.addWidget(self.hint)
        self.result = label("", "Muted")
        self.row.addWidget(self.result)
        self.row.addStretch(1)
        self.start = QPushButton("Start the clock")
        self.start.setObjectName("Primary")
        self.start.setToolTip(
            shortcut_tip("Start the timed attempt (typing a note starts it too)", "Space")
        )
        self.row.addWidget(self.start)
        self.pause = QPushButton("Pause")
        self.row.addWidget(self.pause)
        self.finish = QPushButton("Finish")
        self.finish.setObjectName("Primary")
        self.finish.setToolTip(
            shortcut_tip("Stop the clock and reveal the reference and rubric", "Ctrl+Enter")
        )
        self.row.addWidget(self.finish)
        self.grades = GradeButtons()
        self.row.addWidget(self.grades)
        self.next_after = QPushButton("Next prompt")
        self.next_after.setObjectName("Primary")
        self.next_after.setToolTip(shortcut_tip("Go to the next design prompt due", "Ctrl+N"))
        self.row.addWidget(self.next_after)

    def show_state(self, session: DesignSession, hints_left: bool, has_hints: bool) -> None:
        started, running, paused = session.started, session.running, session.paused_by_user
        self.hint.setVisible(running and has_hints)
        self.hint.setEnabled(hints_left and not paused)
        self.start.setVisible(not started)
        self.pause.setVisible(running)
        self.pause.setText("Resume" if paused else "Pause")
        self.pause.setObjectName("Primary" if paused else "")
        self.pause.setToolTip(
            shortcut_tip(
                "Start the clock again" if paused else "Stop the clock for now", PAUSE_KEYS
            )
        )
        self.pause.style().unpolish(self.pause)
        self.pause.style().polish(self.pause)
        self.finish.setVisible(running)
        self.grades.setVisible(session.finished)
        self.next_after.setVisible(session.graded)

    def focus_default(self, session: DesignSession | None, notes: QWidget) -> None:
        """The focus where the next step is: Start, Resume, the notes, the grade suggested."""
        if session is None:
            self.next_due.setFocus()
        elif not session.started:
            self.start.setFocus()
        elif session.paused_by_user:
            self.pause.setFocus()
        elif session.running:
            notes.setFocus()
        elif not session.graded:
            self.grades.buttons[session.suggested()].setFocus()
        else:
            self.next_after.setFocus()

    def show_nothing(self) -> None:
        for widget in (
            self.hint,
            self.start,
            self.pause,
            self.finish,
            self.grades,
            self.next_after,
        ):
            widget.hide()
        self.result.setText("")
