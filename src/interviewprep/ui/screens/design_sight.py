"""Whether a screen can be seen: shown, and its window not minimised. The design clock stands
still while nobody can see it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget


class SightWatch(QObject):
    changed = Signal()
    """The widget was shown or hidden, or its window minimised or restored."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._window: QWidget | None = None
        widget.installEventFilter(self)

    def in_sight(self) -> bool:
        return self._widget.isVisible() and not self._widget.window().isMinimized()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._widget and kind in (QEvent.Type.Show, QEvent.Type.Hide):
            if kind == QEvent.Type.Show:
                self._watch(self._widget.window())
            self.changed.emit()
        elif watched is self._window and kind == QEvent.Type.WindowStateChange:
            self.changed.emit()
        return False

    def _watch(self, window: QWidget) -> None:
        # the window it is in may change (a screen moved into another window)
        if window is not self._window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window
