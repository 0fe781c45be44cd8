"""A combo box that changes only when the user opens it and picks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget


class ClosedCombo(QComboBox):
    """A choice (a review filter, the design prompt) that changes only when the user opens it
    and picks: Tab passes it by (click focus), and keys or the wheel over the closed box never
    step to another choice unseen, which would restart the session or stop the attempt under
    way. The screen's keys (Space, 1-4) stay the screen's, so picking and pressing Space acts
    on the screen rather than reopening the list. F4 or Alt+Down opens it, as anywhere."""

    opened = Signal(bool)
    """True as the list opens, False as it closes (by a pick, a click away or Esc): the
    screen's keys wait meanwhile, since Qt counts an open list as part of the screen for its
    shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open = False
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # A list that drops down under the box, not one laid over the whole screen with the
        # current choice placed on the box (the style's default for a long list).
        self.setStyleSheet("QComboBox { combobox-popup: 0; }")
        self.setMaxVisibleItems(16)

    def showPopup(self) -> None:
        self._set_open(True)
        # As wide as the longest title (within the window), so no title is cut in the middle.
        view = self.view()
        wanted = view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24
        view.setMinimumWidth(min(max(self.width(), wanted), self.window().width() - 40))
        super().showPopup()
        # Esc closes the list window itself, without hidePopup: its hiding is watched instead.
        self.view().window().installEventFilter(self)

    def hidePopup(self) -> None:
        super().hidePopup()
        self._set_open(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and watched is self.view().window():
            self._set_open(False)
        return super().eventFilter(watched, event)

    def _set_open(self, is_open: bool) -> None:
        if is_open != self._open:
            self._open = is_open
            self.opened.emit(is_open)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if event.key() == Qt.Key.Key_F4 or (
            alt and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        ):
            self.showPopup()
            return
        event.ignore()  # to the screen, whose keys these are

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the page scrolls; the choice does not change under the pointer
