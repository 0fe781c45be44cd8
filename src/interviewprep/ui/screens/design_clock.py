"""The running round's clock: the time left (or used, once finished), a caption, and the
interview's phases with the one under way marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from interviewprep.banks.titles import plain_text
from interviewprep.services.design import DesignSession, format_clock
from interviewprep.ui.discard import clear_layout
from interviewprep.ui.screens.base import card, label
from interviewprep.ui.theme import Theme


class RoundClock:
    """The clock card of the design screen; ``frame`` moves between the running and the
    finished page."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.frame, layout = card()
        self.countdown = label("45:00", "Big")
        self.countdown.setAccessibleName("Time left")
        self.countdown.setProperty("state", "normal")
        layout.addWidget(self.countdown)
        self.caption = label("", "Muted", wrap=True)
        layout.addWidget(self.caption)
        layout.addSpacing(4)
        self.phases_box = QWidget()
        self.phase_grid = QGridLayout(self.phases_box)
        self.phase_grid.setContentsMargins(0, 0, 0, 0)
        self.phase_grid.setHorizontalSpacing(10)
        self.phase_grid.setVerticalSpacing(4)
        self.phase_grid.setColumnStretch(0, 1)
        layout.addWidget(self.phases_box)
        self.phase_labels: list[tuple[QLabel, QLabel]] = []

    def build_phases(self, session: DesignSession | None) -> None:
        clear_layout(self.phase_grid)
        self.phase_labels = []
        if session is None:
            return
        for row, phase in enumerate(session.phases):
            name = label(plain_text(phase.name), wrap=True)
            span = label(f"{phase.start_minute}–{phase.end_minute} min", "Muted")
            span.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.phase_grid.addWidget(name, row, 0)
            self.phase_grid.addWidget(span, row, 1)
            self.phase_labels.append((name, span))

    def update(self, session: DesignSession) -> None:
        minutes = session.time_box_seconds // 60
        self.phases_box.setVisible(not session.finished)
        if session.finished:
            self._show_used(session, minutes)
            return
        colors = self.theme.colors
        state = session.clock_state() if session.started else "normal"
        self.countdown.setText(session.countdown())
        self.countdown.setAccessibleName("Time left")
        self.countdown.setToolTip("Time left in the time box; it keeps counting past zero")
        self.countdown.setProperty("state", "paused" if session.paused_by_user else state)
        color = {"warning": colors.hard, "over": colors.again}.get(state)
        if session.paused_by_user:
            color = colors.muted
        self.countdown.setStyleSheet(f"color: {color};" if color else "")
        if not session.started:
            caption = f"{minutes} min time box"
        elif session.paused_by_user:
            caption = f"paused · left of {minutes} min"
        elif state == "over":
            caption = "over time: wrap up"
        else:
            caption = f"left of {minutes} min"
        self.caption.setText(caption)
        self._mark_phase(session)

    def _show_used(self, session: DesignSession, minutes: int) -> None:
        # Done: what the round took, not a countdown still ticking in the corner.
        used = session.elapsed_seconds()
        self.countdown.setText(format_clock(used))
        self.countdown.setAccessibleName("Time used")
        self.countdown.setToolTip("How long this attempt took")
        self.countdown.setProperty("state", "finished")
        self.countdown.setStyleSheet("")
        over = used - session.time_box_seconds
        self.caption.setText(
            f"used, {format_clock(over)} over the {minutes} min time box"
            if over > 0
            else f"used of the {minutes} min time box"
        )

    def _mark_phase(self, session: DesignSession) -> None:
        colors = self.theme.colors
        current = session.current_phase() if session.running else None
        for index, (name, span) in enumerate(self.phase_labels):
            phase = session.phases[index]
            if index == current:
                name.setText(f"▶ {plain_text(phase.name)}")
                name.setStyleSheet(f"color: {colors.accent}; font-weight: 700;")
                span.setStyleSheet(f"color: {colors.accent};")
            elif current is not None and index < current:
                name.setText(f"✓ {plain_text(phase.name)}")
                name.setStyleSheet(f"color: {colors.muted};")
                span.setStyleSheet("")
            else:
                name.setText(plain_text(phase.name))
                name.setStyleSheet("")
                span.setStyleSheet("")
            name.setProperty("current", index == current)
