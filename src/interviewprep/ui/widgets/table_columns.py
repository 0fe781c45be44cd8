"""Column widths that never cut their own titles: a table's fixed widths are set for 11 pt, and
at 15 pt (or 12 pt, the default on a wide screen) the header clipped its titles mid-letter
("lashcard", "Desigr", "/ersion"), which no elision marks."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView

HEADER_PADDING_PX = 24
"""A header section's margins and its sort arrow, beside the title."""


class FittedColumns(QObject):
    """Sets each column of ``table`` with a width in ``widths`` (0: the column is left to the
    header's stretch) to that width, or wider where its title needs it at the current font;
    again whenever the font changes. Values that do not fit elide, as before."""

    def __init__(self, table: QTableView, widths: Sequence[int]) -> None:
        super().__init__(table)
        self._table = table
        self._widths = tuple(widths)
        table.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        table = self._table
        metrics = table.horizontalHeader().fontMetrics()
        model = table.model()
        for column, width in enumerate(self._widths):
            if not width:
                continue
            title = model.headerData(column, Qt.Orientation.Horizontal) if model else ""
            wanted = metrics.horizontalAdvance(str(title or "")) + HEADER_PADDING_PX
            table.setColumnWidth(column, max(width, wanted))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table and event.type() == QEvent.Type.FontChange:
            self.fit()
        return False
