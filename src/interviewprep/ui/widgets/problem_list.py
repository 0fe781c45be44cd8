"""Problems found in bank files, grouped by file (its path shown once), each one opening the
file's preview at its line: by click, double-click or Enter."""

from __future__ import annotations

from itertools import groupby

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from interviewprep.banks.problems import Problem
from interviewprep.wording import count

_PROBLEMS = Qt.ItemDataRole.UserRole
"""On every item: the problems it stands for (a file's all, or one)."""
_INDENT = "\u2003\u2003"


class ProblemList(QListWidget):
    open_requested = Signal(str, int)  # path, line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAccessibleName("Problems")
        self.setToolTip(
            "Click a problem, or press Enter, to open the file at its line. "
            "Ctrl+click or Shift+click selects lines to copy them (Ctrl+C)."
        )
        self.setWordWrap(True)
        self.setSpacing(1)
        self.setMouseTracking(True)  # a pointing hand over what opens on a click
        self._click_modifiers = Qt.KeyboardModifier.NoModifier
        self.itemActivated.connect(self._open)
        self.itemClicked.connect(self._clicked)
        copy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_selected)

    def set_problems(self, problems: list[Problem]) -> None:
        """One heading per file, its path once, then its problems by line."""
        self.clear()
        ordered = sorted(problems, key=lambda p: (p.path, p.line))
        for path, group in groupby(ordered, key=lambda p: p.path):
            found = list(group)
            heading = QListWidgetItem(f"{path}  ·  {count(len(found), 'problem')}")
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            heading.setData(_PROBLEMS, found)
            heading.setToolTip(f"{path}\nEnter opens the file at its first problem")
            self.addItem(heading)
            for problem in found:
                item = QListWidgetItem(f"{_INDENT}Line {problem.line}: {problem.message}")
                item.setData(_PROBLEMS, [problem])
                item.setToolTip(f"Open {path} at line {problem.line}")
                self.addItem(item)

    def problems_of(self, item: QListWidgetItem) -> list[Problem]:
        found = item.data(_PROBLEMS)
        return list(found) if isinstance(found, list) else []

    def lines(self, selected_only: bool = False) -> list[str]:
        """The problems as ``path:line: message``, the form a terminal or an editor reads."""
        rows = range(self.count())
        if selected_only:
            rows = sorted(self.row(item) for item in self.selectedItems())  # type: ignore[assignment]
        seen: list[Problem] = []
        for row in rows:
            for problem in self.problems_of(self.item(row)):
                if problem not in seen:
                    seen.append(problem)
        return [str(p) for p in seen]

    def copy_selected(self) -> None:
        lines = self.lines(selected_only=True)
        if lines:
            QGuiApplication.clipboard().setText("\n".join(lines))

    def _clicked(self, item: QListWidgetItem) -> None:
        # a plain click opens; with Ctrl or Shift it only selects, for copying
        if self._click_modifiers == Qt.KeyboardModifier.NoModifier:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        found = self.problems_of(item)
        if found:
            self.open_requested.emit(found[0].path, found[0].line)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._click_modifiers = event.modifiers()  # itemClicked comes from this event
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.itemAt(event.position().toPoint())
        cursor = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)
        super().mouseMoveEvent(event)
