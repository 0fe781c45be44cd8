"""Typed notes saved a moment after the typing stops, and at once when the screen asks (leaving
it, finishing, closing): shared by the design round and the mock interview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

AUTOSAVE_MS = 3000


class Autosave(QObject):
    """Calls ``save`` once the text has been still for ``delay_ms``; ``flush`` saves now."""

    saved = Signal()  # after each save, whether from the timer or a flush

    # Tests shorten the pause through this attribute instead of waiting three real seconds.
    delay_ms = AUTOSAVE_MS

    def __init__(self, save: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        """True while an edit waits to be saved."""
        return self._timer.isActive()

    def changed(self) -> None:
        """The text changed: save once it has been still for the pause."""
        self._timer.start(self.delay_ms)

    def cancel(self) -> None:
        """Forget the pending save: the caller is about to write the text itself."""
        self._timer.stop()

    def flush(self) -> None:
        self._timer.stop()
        self._save()
        self.saved.emit()
