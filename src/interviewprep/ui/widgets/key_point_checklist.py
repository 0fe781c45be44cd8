"""The key-point checklist under a revealed flashcard: one row per point, each with its key
(Q W E R T Y U), ticked by key or click. A point's state reads in its mark and word (✓ said,
½ partly, ○ not said), not in its colour alone.

The rules live in ``core.checklist.Checklist``; this only draws one and forwards clicks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from interviewprep.core.checklist import Checklist
from interviewprep.core.key_points import Coverage
from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Colors

MARKS = {Coverage.COVERED: "✓", Coverage.PARTLY: "½", Coverage.MISSED: "○"}
WORDS = {Coverage.COVERED: "said", Coverage.PARTLY: "partly", Coverage.MISSED: "not said"}


class _PointRow(QFrame):
    clicked = Signal()

    def __init__(self, key: str, text: str, weight: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PointRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 10, 4)
        row.setSpacing(10)
        self.key = QLabel(key)
        self.key.setObjectName("PointKey")
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mark = QLabel()
        self.mark.setObjectName("PointMark")
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label(text + (f"  (×{weight})" if weight > 1 else ""), wrap=True)
        self.text.setObjectName("PointText")
        self.word = label("", "Muted")
        self.word.setObjectName("PointWord")
        self.word.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.key, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(self.word, 0, Qt.AlignmentFlag.AlignTop)
        self._fit_boxes()

    def _fit_boxes(self) -> None:
        metrics = self.key.fontMetrics()
        side = metrics.height() + 6
        self.key.setFixedSize(side + 2, side)
        self.mark.setFixedSize(side, side)
        self.word.setMinimumWidth(metrics.horizontalAdvance("not said") + 4)

    def show_state(self, coverage: Coverage) -> None:
        self.mark.setText(MARKS[coverage])
        self.word.setText(WORDS[coverage])
        self.setProperty("coverage", coverage.value)
        self.mark.setProperty("coverage", coverage.value)
        self.setAccessibleName(f"{self.key.text()}: {self.text.text()}: {WORDS[coverage]}")
        for widget in (self, self.mark, self.text):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class KeyPointChecklist(QFrame):
    """Hidden for a card without key points; ``changed`` after every tick."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Checklist")
        self.checklist = Checklist(())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.heading = label("Key points: which did you say?", "Subtitle")
        self.summary = label("", "Muted")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout.addLayout(top)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(2)
        layout.addLayout(self._rows_box)
        # under the rows: the points come first, how to tick them is for the first few times
        self.help = label("", "Muted", wrap=True)
        layout.addWidget(self.help)
        self.rows: list[_PointRow] = []
        self.touched = False
        """Whether a point was ticked or marked on this card: until then no grade is suggested
        (every point starts as not said, which would read as the app advising Again)."""
        self.hide()

    def set_checklist(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self.touched = False
        for row in self.rows:
            self._rows_box.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for index, point in enumerate(checklist.points):
            row = _PointRow(checklist.key(index), point.text, point.weight)
            row.clicked.connect(lambda i=index: self._clicked(i))
            self._rows_box.addWidget(row)
            self.rows.append(row)
        keys = " ".join(checklist.key(i) for i in range(len(checklist)))
        self.help.setText(f"{keys} or a click: said · Shift+key or a second click: partly")
        self.setToolTip(
            "The points you tick suggest a grade, marked on its button; the grade you choose "
            "is the one kept"
        )
        self.refresh()

    def _clicked(self, index: int) -> None:
        if self.checklist.click(index):
            self.touched = True
            self.refresh()

    def tick(self, index: int, partly: bool = False) -> bool:
        done = self.checklist.tick_partly(index) if partly else self.checklist.tick(index)
        if done:
            self.touched = True
            self.refresh()
        return done

    def refresh(self) -> None:
        for row, mark in zip(self.rows, self.checklist.marks, strict=True):
            row.show_state(mark)
        checklist = self.checklist
        text = f"{checklist.covered} of {len(checklist)} said"
        if checklist.partly:
            text += f", {checklist.partly} partly"
        suggested = checklist.suggested if self.touched else None
        if suggested is not None:
            text += f" · suggests {suggested.label}"
        self.summary.setText(text)
        self.changed.emit()

    def restyle(self, c: Colors) -> None:
        self.setStyleSheet(
            f"#Checklist {{ background: {c.surface}; border: 1px solid {c.border};"
            f" border-radius: 10px; }}"
            f"#PointRow {{ border-radius: 6px; border: 1px solid transparent; }}"
            f"#PointRow:hover {{ border-color: {c.accent}; }}"
            f"#PointKey {{ background: {c.surface_alt}; color: {c.text}; border: 1px solid"
            f" {c.border}; border-radius: 5px; font-weight: 600; }}"
            f"#PointMark {{ color: {c.muted}; font-weight: 700; }}"
            f'#PointRow[coverage="covered"] {{ background: {_tint(c.good, c.surface)}; }}'
            f'#PointRow[coverage="partly"] {{ background: {_tint(c.hard, c.surface)}; }}'
            f'#PointMark[coverage="covered"] {{ color: {c.good}; }}'
            f'#PointMark[coverage="partly"] {{ color: {c.hard}; }}'
        )


def _tint(colour: str, base: str, amount: float = 0.16) -> str:
    """``colour`` laid thinly over ``base``: a row's state shows without drowning its text."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(base[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(y + (x - y) * amount) for x, y in zip(a, b, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)
