"""The banner Review shows while it drills weak points (from Progress' "Drill these", Today's
weak points or the mock report's D) instead of the filters' queue, with the way back.

Without it the filters kept saying "My roles / All banks" while the cards came from the drill.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy

from interviewprep.core.card_record import CardFilter
from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Colors
from interviewprep.wording import count

LEAVE = "Back to today's queue  (Esc)"


class DrillBanner(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("DrillBanner")
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 8, 8)
        self.text = label("", wrap=True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.leave = QPushButton(LEAVE)
        self.leave.setToolTip("Stop the drill and review what the filters above choose")
        row.addWidget(self.text, 1)
        row.addWidget(self.leave)
        self.hide()

    def show_drill(self, drill: CardFilter, topic_titles: dict[str, str]) -> None:
        self.text.setText(describe(drill, topic_titles))
        self.show()

    def restyle(self, colors: Colors) -> None:
        self.setStyleSheet(
            f"#DrillBanner {{ background: {colors.surface_alt}; border: none;"
            f" border-left: 4px solid {colors.accent}; border-radius: 8px; }}"
        )


def describe(drill: CardFilter, topic_titles: dict[str, str]) -> str:
    """What is being drilled, in the banner's words; the filters above do not apply."""
    if drill.keys is not None:
        what = f"Drilling {count(len(drill.keys), 'card')} with weak points"
    elif drill.topics:
        names = ", ".join(topic_titles.get(t, t) for t in drill.topics)
        what = f"Drilling your mock interview's weakest topics: {names}"
    else:
        what = "Drilling your mock interview's weak points"
    return what + ", not the filters' queue"
