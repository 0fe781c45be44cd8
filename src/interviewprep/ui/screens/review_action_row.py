"""Review's bottom row: the card's tools (Undo, Note, Flag...) on the left, the reveal button or
the four grades on the right; the grades drop to a row of their own when both do not fit.

At 15 pt in a 1280-wide window the nine buttons need more than the width there is: squeezed
into one row, "Again (1)" read "Again (1" and "Hard (2)" read "Hard (2". A row of their own
gives the grades the full width, so every label is whole at any font size.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget


class ActionRow(QWidget):
    def __init__(self, tools: list[QWidget], answers: QWidget) -> None:
        super().__init__()
        self.answers = answers
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(8)
        self._tools = QHBoxLayout()
        self._tools.setContentsMargins(0, 0, 0, 0)
        for tool in tools:
            self._tools.addWidget(tool)
        self._tools.addStretch(1)
        self._grid.addLayout(self._tools, 0, 0)
        self._wrapped: bool | None = None
        self._place(wrapped=False)

    @property
    def wrapped(self) -> bool:
        """Whether the grades are on a row of their own, under the tools."""
        return bool(self._wrapped)

    def needed_width(self) -> int:
        """The width of tools and answers side by side, each at the size its text needs."""
        tools = 0
        for i in range(self._tools.count()):
            item = self._tools.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None and not widget.isHidden():
                tools += widget.sizeHint().width() + self._tools.spacing()
        return tools + self._grid.horizontalSpacing() + self.answers.sizeHint().width()

    def reflow(self) -> None:
        """Called when the width or a label changes (an interval, "suggested")."""
        # The row asks only for the width of its wrapped form: side by side, it would ask
        # the window for the width of both and never be narrow enough to wrap.
        answers = self.answers.sizeHint().width()
        self.setMinimumWidth(max(answers, self.needed_width() - answers))
        self._place(self.needed_width() > self.width())

    def _place(self, wrapped: bool) -> None:
        if wrapped == self._wrapped:
            return
        self._wrapped = wrapped
        self._grid.removeWidget(self.answers)
        if wrapped:
            self._grid.addWidget(self.answers, 1, 0, 1, 2)
        else:
            self._grid.addWidget(self.answers, 0, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()
