"""Taking a widget off the screen at once, for lists rebuilt in place."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


def discard(widget: QWidget | None) -> None:
    # Hidden and unparented at once: deleteLater() alone leaves it drawn until the event loop
    # runs, on top of its replacement.
    if widget is not None:
        widget.hide()
        widget.setParent(None)
        widget.deleteLater()


def clear_layout(layout: QLayout) -> None:
    """Every widget in ``layout`` and in the layouts nested in it, discarded."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        inner = item.layout()
        if inner is not None:
            clear_layout(inner)
            inner.deleteLater()
        discard(item.widget())
