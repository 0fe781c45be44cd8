"""First run: pick target roles (profiles side by side) and, optionally, an interview date."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from interviewprep.services.library import RoleRecord
from interviewprep.ui import dialogs
from interviewprep.ui.screens.base import card, label
from interviewprep.ui.widgets.markdown_view import MarkdownView


class RolePickerDialog(QDialog):
    """Compare the roles and choose the ones to prepare for. Both can be changed in Settings."""

    def __init__(
        self,
        roles: list[RoleRecord],
        chosen: list[str],
        interview: date | None,
        dark: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("What are you preparing for?")
        self.skipped = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(label("What are you preparing for?", "Title"))
        layout.addWidget(
            label(
                "Pick one or more roles. Compare them side by side; you can change this later "
                "in Settings.",
                "Muted",
                wrap=True,
            )
        )
        columns = QHBoxLayout()
        self.boxes: dict[str, QCheckBox] = {}
        for role in roles:
            frame, inner = card()
            box = QCheckBox(role.title)
            box.setObjectName("Subtitle")
            box.setChecked(role.id in chosen)
            self.boxes[role.id] = box
            inner.addWidget(box)
            inner.addWidget(label(role.summary, "Muted", wrap=True))
            view = MarkdownView()
            view.set_markdown(role.body, dark)
            inner.addWidget(view, 1)
            columns.addWidget(frame, 1)
        layout.addLayout(columns, 1)

        when = QHBoxLayout()
        self.has_date = QCheckBox("I have an interview on")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        default = interview or date.today() + timedelta(days=28)
        self.date.setDate(QDate(default.year, default.month, default.day))
        self.date.setMinimumDate(QDate.currentDate())
        self.has_date.setChecked(interview is not None)
        self.date.setEnabled(interview is not None)
        self.has_date.toggled.connect(self.date.setEnabled)
        when.addWidget(self.has_date)
        when.addWidget(self.date)
        when.addStretch(1)
        layout.addLayout(when)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start preparing")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("Primary")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setIcon(QIcon())  # no stock tick
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setToolTip("Pick at least one role first")
        for box in self.boxes.values():
            box.toggled.connect(self._update_ok)
        self._update_ok()
        self._fit_screen(parent)

    def _fit_screen(self, parent: QWidget | None) -> None:
        """1100x680 where there is room; within a 1280x720 screen, frame included."""
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1100, screen.width() - 40), min(680, screen.height() - 60))

    def reject(self) -> None:
        """Esc (or closing the window) asks before skipping setup, never skips silently."""
        if dialogs.confirm(
            self,
            "Skip choosing roles?",
            "Without target roles, Today and reviews draw on every installed role, and there "
            "is no interview plan. You can choose roles later in Settings.",
            "Skip for now",
            destructive=True,  # Enter, like a second Esc, keeps the picker open
            cancel="Keep choosing",
        ):
            self.skipped = True
            super().reject()

    def _update_ok(self) -> None:
        chosen = any(box.isChecked() for box in self.boxes.values())
        self._ok.setEnabled(chosen)
        self._ok.setToolTip("" if chosen else "Pick at least one role first")

    def chosen_roles(self) -> list[str]:
        return [role for role, box in self.boxes.items() if box.isChecked()]

    def interview_date(self) -> date | None:
        if not self.has_date.isChecked():
            return None
        picked = self.date.date()
        return date(picked.year(), picked.month(), picked.day())
