"""Scrolling a page must not change the settings the pointer passes over.

Qt's spin boxes and combo boxes take wheel events whenever the pointer is over them, so
scrolling down Settings changed whatever limit or choice happened to be under the pointer, and
saved it. Guarded, they take the wheel only once focused (clicked or tabbed to); otherwise the
wheel scrolls the page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        # A wheel event sent on is not passed up to parents as the user's own is, so it goes
        # straight to the scroll area the widget sits in.
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        return True


_GUARD: _WheelGuard | None = None


def wheel_only_when_focused(widget: QWidget) -> None:
    global _GUARD
    if _GUARD is None:
        _GUARD = _WheelGuard()
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel no longer gives focus
    widget.installEventFilter(_GUARD)
