"""Whether a screen can be seen, and word when that changes: a clock (a review card's, a design
round's) stands still while its screen is hidden behind another or the window is minimised.

Review and System design each had the same show, hide and minimise handling; this is it once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


def in_sight(widget: QWidget) -> bool:
    """Shown, in a window that is not minimised."""
    return widget.isVisible() and not widget.window().isMinimized()


class SightWatcher(QObject):
    """Calls ``changed(in_sight)`` each time ``widget`` is shown or hidden, or its window is
    minimised or restored. The window is looked up again on each showing: a screen built as a
    stand-in's replacement gets its window only once it is in the stack."""

    def __init__(self, widget: QWidget, changed: Callable[[bool], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._changed = changed
        self._window: QWidget | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._widget and kind in (QEvent.Type.Show, QEvent.Type.Hide):
            if kind == QEvent.Type.Show:
                self._follow_window()
            self._changed(in_sight(self._widget))
        elif watched is self._window and kind == QEvent.Type.WindowStateChange:
            self._changed(in_sight(self._widget))
        return False

    def _follow_window(self) -> None:
        window = self._widget.window()
        if window is self._window:
            return
        if self._window is not None:
            self._window.removeEventFilter(self)
        window.installEventFilter(self)
        self._window = window
