"""The mouse wheel scrolls the page, never a setting: over a spin box or combo box that does
not have the keyboard focus, the wheel goes to the scroll area around it.

Qt's default turns the wheel into a value change as the pointer passes over a control, so
scrolling a settings page silently edits (and autosaves) whatever slides under the pointer.
As in most desktop apps, a control takes the wheel once the user has clicked or tabbed into it.

One guard serves the whole app (``install``, done by the theme); ``wheel_only_when_focused``
puts the same guard on one control, for pages shown before or without the theme.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

_GUARDED = (QAbstractSpinBox, QComboBox)


class WheelGuard(QObject):
    """An event filter, on the application or on single controls: see the module's docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, _GUARDED):
            # Qt gives wheel-focus widgets the focus before any filter sees the wheel, after
            # which the next notch would change the value: clicking or Tab gives focus instead
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif (
            kind == QEvent.Type.Wheel
            and isinstance(watched, _GUARDED)
            and isinstance(event, QWheelEvent)
            and not watched.hasFocus()
        ):
            _scroll_around(watched, event)
            return True
        return False


def _scroll_around(widget: QWidget, event: QWheelEvent) -> None:
    """Hand the wheel to the nearest scroll area holding ``widget``, if there is one: a wheel
    event sent on is not passed up to parents as the user's own is."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return
    vertical = event.angleDelta().y() != 0
    bar = parent.verticalScrollBar() if vertical else parent.horizontalScrollBar()
    QCoreApplication.sendEvent(bar, event)


_GUARD: WheelGuard | None = None


def _guard() -> WheelGuard:
    global _GUARD
    if _GUARD is None:
        _GUARD = WheelGuard()
    return _GUARD


def install(app: QCoreApplication) -> None:
    """Once per application, however many themes or windows are made."""
    if app.property("interviewprep_wheel_guard"):
        return
    app.installEventFilter(_guard())
    app.setProperty("interviewprep_wheel_guard", True)


def wheel_only_when_focused(widget: QWidget) -> None:
    """The app's guard on ``widget`` alone (a spin box or combo box)."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel no longer gives focus
    widget.installEventFilter(_guard())
