"""Column widths that follow the font: a table's fixed widths are set for 11 pt, and at 15 pt
they clipped their own header titles ("lashcard", "Desigr") and every value in them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView

BASE_PT = 11.0
"""The font size the widths are given for."""
HEADER_PADDING_PX = 32
"""A header section's margins and its sort arrow, beside the title."""


def scaled(table: QTableView, width: int) -> int:
    """``width`` (given for 11 pt) at the table's font size; never smaller."""
    return round(width * max(1.0, table.font().pointSizeF() / BASE_PT))


class FittedColumns(QObject):
    """Sets each column of ``table`` with a width in ``widths`` (0: the column is left to the
    header's stretch) to that width at the current font, and never narrower than its title;
    again whenever the font changes."""

    def __init__(self, table: QTableView, widths: Sequence[int]) -> None:
        super().__init__(table)
        self._table = table
        self._widths = tuple(widths)
        table.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        table = self._table
        head = table.horizontalHeader()
        metrics = head.fontMetrics()
        model = table.model()
        for column, width in enumerate(self._widths):
            if not width:
                continue
            title = model.headerData(column, Qt.Orientation.Horizontal) if model else ""
            wanted = metrics.horizontalAdvance(str(title or "")) + HEADER_PADDING_PX
            table.setColumnWidth(column, max(scaled(table, width), wanted))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table and event.type() == QEvent.Type.FontChange:
            self.fit()
        return False
