"""Small dialogs for moving banks in and out: choose banks to export, map CSV columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interviewprep.services.library import BankConflict, BankRecord, RoleRecord
from interviewprep.ui.screens.base import card, label
from interviewprep.wording import count as count_of


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
