"""The app's small dialogs, in its own look: messages and confirmations (no stock message
boxes with their clip-art icons), the keyboard shortcuts list, and the dialogs for moving banks
in and out (choose banks to export, map CSV columns, resolve a conflict, shared folders)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interviewprep.services.library import BankConflict, BankRecord, RoleRecord
from interviewprep.ui.screens.base import card, label
from interviewprep.ui.shortcuts import CTRL_ENTER, Key
from interviewprep.wording import count as count_of


class MessageDialog(QDialog):
    """A message or a question in the app's look: a heading, the text, and its buttons.

    Enter presses the highlighted button, Ctrl+Enter always accepts, Esc always closes (as
    the answer that changes nothing). A destructive question highlights Cancel, so a stray
    Enter never resets anything."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        accept: str = "OK",
        cancel: str | None = None,
        warning: bool = False,
        destructive: bool = False,
        rich: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.setMaximumWidth(720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        self.heading = label(title, "Subtitle", wrap=True)
        if warning:
            self.heading.setObjectName("ErrorTitle")
        layout.addWidget(self.heading)
        self.body = label(text, wrap=True)
        self.body.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setMinimumWidth(380)
        layout.addWidget(self.body)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button: QPushButton | None = None
        if cancel is not None:
            self.cancel_button = QPushButton(cancel)
            self.cancel_button.clicked.connect(self.reject)
            row.addWidget(self.cancel_button)
        self.accept_button = QPushButton(accept)
        self.accept_button.setObjectName("Primary" if not destructive else "")
        self.accept_button.clicked.connect(self.accept)
        row.addWidget(self.accept_button)
        layout.addLayout(row)
        default = self.cancel_button if destructive and self.cancel_button else self.accept_button
        default.setDefault(True)
        self._first_focus = default
        if cancel is not None:
            self.accept_button.setToolTip(f"{accept} (Ctrl+Enter)")
        for keys in CTRL_ENTER:
            QShortcut(QKeySequence(keys), self, self.accept)

    def text(self) -> str:
        return self.body.text()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._first_focus.setFocus()


def inform(parent: QWidget | None, title: str, text: str, *, rich: bool = False) -> None:
    MessageDialog(parent, title, text, rich=rich).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    MessageDialog(parent, title, text, warning=True).exec()


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    accept: str,
    *,
    destructive: bool = False,
    cancel: str = "Cancel",
) -> bool:
    """Ask before doing ``accept``; True if the user chose it."""
    dialog = MessageDialog(
        parent, title, text, accept=accept, cancel=cancel, destructive=destructive
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


class ShortcutsDialog(QDialog):
    """F1: every shortcut, grouped by where it works, one line each, in columns."""

    def __init__(
        self, groups: Sequence[tuple[str, Sequence[Key]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(label("Keyboard shortcuts", "Title"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.entries: list[tuple[str, str, str]] = []  # group, keys, what: as shown
        self.cards: list[QFrame] = []
        for group, keys in groups:
            frame, inner = card()
            inner.addWidget(label(group, "Subtitle"))
            rows = QGridLayout()
            rows.setHorizontalSpacing(16)
            rows.setVerticalSpacing(4)
            for row, key in enumerate(keys):
                keys_label = label(key.label, "Badge")
                what = QLabel(key.what)  # one line each: the dialog has columns to spare
                rows.addWidget(keys_label, row, 0, Qt.AlignmentFlag.AlignLeft)
                rows.addWidget(what, row, 1)
                self.entries.append((group, key.label, key.what))
            rows.setColumnStretch(1, 1)
            inner.addLayout(rows)
            self.cards.append(frame)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setIcon(QIcon())  # no stock clip-art
        close.setToolTip("Close (Esc)")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.scroll_area = scroll
        self.content = QWidget()
        self.fit(1280, 720)

    def fit(self, available_width: int, available_height: int) -> None:
        """As many columns of groups as fit the screen, each line whole, each group as tall
        as its lines; taller than the screen, the list scrolls down, never sideways."""
        widest = max((c.sizeHint().width() for c in self.cards), default=300)
        spare = available_width - 120  # the dialog's frame, margins and a scroll bar
        count = max(1, min(len(self.cards), (spare + 16) // (widest + 16)))
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        columns = [QVBoxLayout() for _ in range(count)]
        heights = [0] * count
        for frame in self.cards:  # in order, each into the shortest column so far
            shortest = heights.index(min(heights))
            columns[shortest].addWidget(frame)
            heights[shortest] += frame.sizeHint().height() + 16
        for column in columns:
            column.setSpacing(16)
            column.addStretch(1)
            row.addLayout(column, 1)
        self.scroll_area.setWidget(content)  # the previous arrangement, emptied, goes with it
        self.content = content
        want = content.sizeHint()
        width = min(available_width - 20, want.width() + 90)
        height = min(available_height - 40, want.height() + 150)
        self.resize(width, height)


class ChooseBanksDialog(QDialog):
    """Tick the installed banks to export (all ticked to start with)."""

    def __init__(self, banks: list[BankRecord], action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(action)
        self.resize(520, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"{action}: choose the banks", "Subtitle"))
        self.list = QListWidget()
        for bank in banks:
            item = QListWidgetItem(f"{bank.title}  ·  {bank.role}  ·  v{bank.version}")
            item.setData(Qt.ItemDataRole.UserRole, bank.id)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]


class CsvMappingDialog(QDialog):
    """Which column is the question, the answer and the tags; and which role the bank is for."""

    def __init__(
        self, columns: list[str], roles: list[RoleRecord], stem: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import CSV")
        layout = QVBoxLayout(self)
        layout.addWidget(label("Map the CSV columns", "Subtitle"))
        form = QFormLayout()
        self.question = QComboBox()
        self.answer = QComboBox()
        self.tags = QComboBox()
        self.tags.addItem("(none)", None)
        for combo in (self.question, self.answer, self.tags):
            for column in columns:
                combo.addItem(column, column)
        self._guess(columns)
        self.role = QComboBox()
        for role in roles:
            self.role.addItem(role.title, role.id)
        self.title = QLineEdit(stem)
        form.addRow("Question column", self.question)
        form.addRow("Answer column", self.answer)
        form.addRow("Tags column", self.tags)
        form.addRow("Role", self.role)
        form.addRow("Bank title", self.title)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _guess(self, columns: list[str]) -> None:
        lowered = [c.lower() for c in columns]
        for combo, names, fallback in (
            (self.question, ("question", "front", "prompt", "q"), 0),
            (self.answer, ("answer", "back", "a"), 1),
            (self.tags, ("tags", "tag", "topics"), -1),
        ):
            index = next((lowered.index(n) for n in names if n in lowered), fallback)
            if index >= 0 and combo.findData(columns[index] if index < len(columns) else None) >= 0:
                combo.setCurrentIndex(combo.findData(columns[index]))


class ConflictDialog(QDialog):
    """Two sources offer the same bank: show both, say which is newer, and let the user
    choose. Nothing is replaced unless they pick the offered one; an older one is named so."""

    def __init__(self, conflict: BankConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        relation = conflict.offered_is
        older = relation == "older"
        self.setWindowTitle(
            "An older version of an installed bank" if older else "Two sources offer the same bank"
        )
        self.resize(760, 340)
        self.use_offered = False
        layout = QVBoxLayout(self)
        installed_v, offered_v = conflict.installed_version, conflict.offered_version
        name = conflict.installed_title  # the bank as the user knows it, not its id
        if older:
            heading = f"{name}: v{offered_v} is older than the installed v{installed_v}"
        elif relation == "newer":
            heading = f"{name}: v{offered_v} is newer than the installed v{installed_v}"
        else:
            heading = f"{name} v{installed_v} comes from two places, with different content"
        layout.addWidget(label(heading, "Subtitle", wrap=True))
        layout.addWidget(
            label(
                ("Installing it would undo the changes made since. " if older else "")
                + "Your progress is kept either way for questions both versions share. "
                "Questions only in the version you leave behind are retired, with their "
                "history kept.",
                "Muted",
                wrap=True,
            )
        )
        installed_tag = {"older": "newer", "newer": "older"}.get(relation, "same version")
        offered_tag = relation if relation != "the same version" else "same version"
        columns = QHBoxLayout()
        for heading_text, title, version, questions, source, shown in (
            (f"Installed · {installed_tag}", conflict.installed_title, installed_v,
             conflict.installed_questions, conflict.installed_source, conflict.installed_from),
            (f"Offered · {offered_tag}", conflict.offered_title, offered_v,
             conflict.offered_questions, conflict.offered_source, conflict.offered_from),
        ):  # fmt: skip
            frame, inner = card()
            inner.addWidget(label(heading_text, "Muted"))
            inner.addWidget(label(f"{title}  v{version}", "Subtitle", wrap=True))
            inner.addWidget(label(count_of(questions, "question"), "Muted"))
            path = label(shown or source, "Muted", wrap=True)
            path.setToolTip(source)
            path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            inner.addWidget(path)
            inner.addStretch(1)
            columns.addWidget(frame, 1)
        layout.addLayout(columns, 1)
        buttons = QDialogButtonBox()
        self.keep_button = buttons.addButton(
            f"Keep installed (v{installed_v})", QDialogButtonBox.ButtonRole.RejectRole
        )
        verb = {"older": "Install the older", "newer": "Update to the newer"}.get(
            relation, "Use the offered"
        )
        self.use_button = buttons.addButton(
            f"{verb} (v{offered_v})", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button.setDefault(True)
        buttons.accepted.connect(self._use)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Enter keeps what is installed, never replaces it: the dialog would otherwise focus
        # the first button of the box, which on some platforms is the replacing one
        self.keep_button.setFocus()

    def _use(self) -> None:
        self.use_offered = True
        self.accept()


class SharedFoldersDialog(QDialog):
    """The folders the app keeps re-reading; remove one, or add another."""

    def __init__(self, folders: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Shared folders")
        self.resize(620, 360)
        self.removed: list[Path] = []
        self.add_requested = False
        layout = QVBoxLayout(self)
        layout.addWidget(label("Shared folders", "Subtitle"))
        layout.addWidget(
            label(
                "Bank files in these folders are re-read whenever they change. Nothing is "
                "ever written into them: your progress stays in your own data folder.",
                "Muted",
                wrap=True,
            )
        )
        self.list = QListWidget()
        for folder in folders:
            item = QListWidgetItem(str(folder))
            item.setData(Qt.ItemDataRole.UserRole, str(folder))
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        add = buttons.addButton("Add folder…", QDialogButtonBox.ButtonRole.ActionRole)
        remove = buttons.addButton("Stop watching", QDialogButtonBox.ButtonRole.ActionRole)
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add(self) -> None:
        self.add_requested = True
        self.accept()

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.removed.append(Path(str(item.data(Qt.ItemDataRole.UserRole))))
            self.list.takeItem(self.list.row(item))
