"""A path shown on one line, cut in its middle when the card is too narrow, whole in its
tooltip: word-wrapped, "/home/ana/.local/share/interviewprep" broke mid-name at 15 pt."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel


class PathLabel(QLabel):
    def __init__(self, path: str = "") -> None:
        super().__init__()
        self._path = ""
        self.set_path(path)

    @property
    def path(self) -> str:
        return self._path

    def set_path(self, path: str) -> None:
        self._path = path
        self.setToolTip(path)
        self.setAccessibleName(f"Data folder: {path}")
        self._elide()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        # any width will do, cut in the middle: the row gives the path the room it has left
        return QSize(self.fontMetrics().horizontalAdvance("/…/") * 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # a font change (Settings' own font size)
        super().changeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._path, Qt.TextElideMode.ElideMiddle, max(0, self.width() - 2)
        )
        if shown != self.text():
            self.setText(shown)
