"""What every screen shares: the services it calls, the worker pool, the theme."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from interviewprep.services.app import Services
from interviewprep.services.op_changes import OpChanges
from interviewprep.ui.theme import Theme
from interviewprep.ui.workers import Workers


class Screen(QWidget):
    """A page of the main window. Screens never run SQL or parse banks: they call services."""

    navigate = Signal(str)  # ask the main window to show another screen
    status = Signal(str)  # a message for the status bar
    conflict_found = Signal(object)  # a BankConflict for the main window to ask about
    changes_arrived = Signal(object)  # OpChanges, from any thread: see follow_changes
    refreshed = Signal()  # the screen shows a change someone else made (tests wait on it)

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__()
        self.services = services
        self.workers = workers
        self.theme = theme
        theme.changed.connect(self.theme_changed)

    def follow_changes(self, slot: Callable[[OpChanges], None]) -> None:
        """Call ``slot`` with every change someone else makes (answers, suspensions, resets,
        settings), on the GUI thread even when a worker thread made it (a signal crossing
        threads is queued to the receiver's). A change this screen made is not passed on: it
        shows it already. The slot refreshes what the change names that it shows, then emits
        ``refreshed``."""

        def arrived(changes: OpChanges) -> None:
            if changes.initiator is not self:
                slot(changes)

        self.changes_arrived.connect(arrived)
        self.services.study.subscribe(self.changes_arrived.emit)

    def activated(self) -> None:
        """Called each time the screen is shown."""

    def theme_changed(self, dark: bool) -> None:
        """Re-render anything drawn with theme colours (markdown, charts)."""

    def can_leave(self) -> bool:
        """False to keep the user on this screen (for example mid-attempt); default True."""
        return True

    def bind_keys(
        self, bindings: Mapping[str, Callable[[], object]], within: QWidget | None = None
    ) -> None:
        """Shortcuts active while focus is anywhere in this screen (or in ``within``, a part of
        it), and only then."""
        for keys, slot in bindings.items():
            shortcut = QShortcut(QKeySequence(keys), within or self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("Card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 16, 18, 16)
    layout.setSpacing(8)
    return frame, layout


def label(text: str, name: str | None = None, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def shortcut_tip(text: str, keys: str) -> str:
    return f"{text} ({keys})"
