"""Settings: daily limits, retention, appearance, goals, and the data folder with backups.
Every change is saved the moment it is made; there is no Save button to forget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interviewprep.services.app import Services
from interviewprep.services.backup import BackupInfo, Restored
from interviewprep.services.op_changes import OpChanges
from interviewprep.services.personal_parameters import OptimisationResult
from interviewprep.ui import dialogs
from interviewprep.ui.ai_settings import AiFeedbackCard
from interviewprep.ui.recordings_card import RecordingsCard
from interviewprep.ui.retention_helper import RetentionHelperDialog
from interviewprep.ui.review_days import ReviewDaysCard
from interviewprep.ui.screens.base import Screen, card, label
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.wheel_guard import wheel_only_when_focused
from interviewprep.ui.workers import Workers, describe
from interviewprep.wording import count

THEMES = (("Follow system", "system"), ("Light", "light"), ("Dark", "dark"))
PRESET_TYPES = (("Flashcards", "flashcard"), ("Design prompts", "system-design"))


def _spin(low: int, high: int, tip: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setToolTip(tip)
    # Save when the user is done typing a number, not at each digit.
    box.setKeyboardTracking(False)
    plain(box)
    return box


def plain(box: QAbstractSpinBox) -> None:
    box.setMinimumWidth(96)
    wheel_only_when_focused(box)  # scrolling the page must not change a limit


class SettingsScreen(Screen):
    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.new_per_day: dict[str, QSpinBox] = {}
        self.reviews_per_day: dict[str, QSpinBox] = {}
        self.retention: dict[str, QDoubleSpinBox] = {}
        self.retention_buttons: dict[str, QPushButton] = {}
        self.retention_helper: RetentionHelperDialog | None = None
        self.role_boxes: dict[str, QCheckBox] = {}
        self.busy = False
        self._build()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        content = QWidget()
        scroll.setWidget(content)
        page = QVBoxLayout(content)
        page.setContentsMargins(28, 24, 28, 24)
        page.setSpacing(16)
        page.addWidget(label("Settings", "Title"))
        page.addWidget(label("Changes are saved as you make them.", "Muted"))

        grid = QGridLayout()
        grid.setSpacing(16)
        grid.addWidget(self._limits_card(), 0, 0)
        grid.addWidget(self._appearance_card(), 0, 1)
        grid.addWidget(self._goals_card(), 1, 0)
        grid.addWidget(self._data_card(), 1, 1)
        grid.addWidget(self._scheduler_card(), 2, 0, 1, 2)
        self.review_days = ReviewDaysCard(self.services.settings)
        self.review_days.saved.connect(lambda: self.status.emit("Saved"))
        grid.addWidget(self.review_days, 3, 0, 1, 2)
        self.recordings_card = RecordingsCard(self.services.recordings)
        self.recordings_card.saved.connect(lambda: self.status.emit("Saved"))
        grid.addWidget(self.recordings_card, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.ai_feedback = AiFeedbackCard(self.services, self.workers)
        self.ai_feedback.saved.connect(lambda: self.status.emit("Saved"))
        grid.addWidget(self.ai_feedback, 5, 0, 1, 2)  # last: the one part that is optional
        page.addLayout(grid)
        page.addStretch(1)
        self._reflow = _TwoColumns(grid, scroll)

    def _limits_card(self) -> QFrame:
        frame, layout = card()
        layout.addWidget(label("Daily limits", "Subtitle"))
        layout.addWidget(
            label(
                "How much comes up each day. Higher retention means you forget less but review "
                "more often; 0.90 suits most people.",
                "Muted",
                wrap=True,
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        for column, (title, _) in enumerate(PRESET_TYPES, start=1):
            grid.addWidget(label(title, "Muted"), 0, column)
        grid.addWidget(label("New per day"), 1, 0)
        grid.addWidget(label("Reviews per day"), 2, 0)
        grid.addWidget(label("Desired retention"), 3, 0)
        for column, (title, qtype) in enumerate(PRESET_TYPES, start=1):
            kind = title.lower()
            new = _spin(0, 9999, f"New {kind} introduced per day")
            reviews = _spin(0, 99999, f"Most {kind} reviews per day")
            retention = QDoubleSpinBox()
            retention.setRange(0.70, 0.97)
            retention.setSingleStep(0.01)
            retention.setDecimals(2)
            retention.setKeyboardTracking(False)
            plain(retention)
            retention.setToolTip(f"Chance of recalling {kind} when they come due (0.70 to 0.97)")
            new.valueChanged.connect(lambda v, t=qtype: self._save_preset(t, new_per_day=v))
            reviews.valueChanged.connect(lambda v, t=qtype: self._save_preset(t, reviews_per_day=v))
            retention.valueChanged.connect(
                lambda v, t=qtype: self._save_preset(t, desired_retention=round(v, 2))
            )
            self.new_per_day[qtype] = new
            self.reviews_per_day[qtype] = reviews
            self.retention[qtype] = retention
            grid.addWidget(new, 1, column)
            grid.addWidget(reviews, 2, column)
            grid.addWidget(retention, 3, column)
            helper = QPushButton("Compare retentions…")
            helper.setToolTip(
                f"Simulate daily reviews and what you would recall on the interview day for "
                f"each retention from 0.70 to 0.97 ({kind})"
            )
            helper.clicked.connect(lambda _=False, t=qtype: self.open_retention_helper(t))
            self.retention_buttons[qtype] = helper
            grid.addWidget(helper, 4, column)
        grid.addWidget(label("Longest answer time"), 5, 0)
        self.answer_cap = _spin(10, 600, "The most time one flashcard answer records (Anki: 60 s)")
        self.answer_cap.setSuffix(" s")
        self.answer_cap.setAccessibleName("Longest answer time")
        self.answer_cap.valueChanged.connect(self._answer_cap_picked)
        grid.addWidget(self.answer_cap, 5, 1)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        return frame

    def _answer_cap_picked(self, seconds: int) -> None:
        self.services.settings.answer_cap_seconds = seconds

    def open_retention_helper(self, question_type: str) -> None:
        dialog = RetentionHelperDialog(self.services, self.workers, self.theme, question_type, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # the spin box saves the choice, as if typed
        dialog.chosen.connect(lambda value: self.retention[question_type].setValue(value))
        self.retention_helper = dialog
        dialog.open()

    def _appearance_card(self) -> QFrame:
        frame, layout = card()
        layout.addWidget(label("Appearance", "Subtitle"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.theme_picker = QComboBox()
        for text, mode in THEMES:
            self.theme_picker.addItem(text, mode)
        self.theme_picker.setToolTip("Light, dark, or whatever your system uses")
        self.theme_picker.setAccessibleName("Theme")
        self.theme_picker.currentIndexChanged.connect(self._theme_picked)
        wheel_only_when_focused(self.theme_picker)
        self.font_size = _spin(8, 24, "Text size across the app")
        self.font_size.setSuffix(" pt")
        self.font_size.setAccessibleName("Font size")
        self.font_size.valueChanged.connect(self._font_picked)
        grid.addWidget(label("Theme"), 0, 0)
        grid.addWidget(self.theme_picker, 0, 1)
        grid.addWidget(label("Font size"), 1, 0)
        grid.addWidget(self.font_size, 1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        layout.addWidget(
            label(
                "“Follow system” switches with your desktop's light or dark setting.",
                "Muted",
                wrap=True,
            )
        )
        layout.addStretch(1)
        return frame

    def _goals_card(self) -> QFrame:
        frame, layout = card()
        layout.addWidget(label("Goals", "Subtitle"))
        layout.addWidget(label("The roles you are preparing for come first on Today.", "Muted"))
        self.roles_box = QVBoxLayout()
        self.roles_box.setSpacing(6)
        layout.addLayout(self.roles_box)
        self.no_roles = label("No role profiles installed yet.", "Muted")
        layout.addWidget(self.no_roles)
        when = QHBoxLayout()
        self.has_interview = QCheckBox("I have an interview on")
        self.has_interview.setToolTip(
            "New questions are paced so that all are seen, and reviewed, before the day"
        )
        self.interview_date = QDateEdit()
        self.interview_date.setCalendarPopup(True)
        self.interview_date.setDisplayFormat("d MMMM yyyy")
        self.interview_date.setAccessibleName("Interview date")
        wheel_only_when_focused(self.interview_date)
        self.has_interview.toggled.connect(self._interview_changed)
        self.interview_date.dateChanged.connect(lambda _d: self._interview_changed())
        when.addWidget(self.has_interview)
        when.addWidget(self.interview_date)
        when.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(when)
        layout.addStretch(1)
        return frame

    def _scheduler_card(self) -> QFrame:
        frame, layout = card()
        layout.addWidget(label("Personal scheduling", "Subtitle"))
        layout.addWidget(
            label(
                "FSRS can fit its memory model to your own reviews. The new parameters are "
                "kept only if they predict your most recent reviews better than the current "
                "ones.",
                "Muted",
                wrap=True,
            )
        )
        row = QHBoxLayout()
        self.optimise_buttons: dict[str, QPushButton] = {}
        for title, qtype in PRESET_TYPES:
            button = QPushButton(f"Optimise for {title.lower()}")
            button.setToolTip(f"Fit FSRS to your {title.lower()} reviews (runs in the background)")
            button.clicked.connect(lambda _=False, t=qtype: self.optimise(t))
            self.optimise_buttons[qtype] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.optimise_progress = QProgressBar()
        self.optimise_progress.setRange(0, 3)
        self.optimise_progress.hide()
        layout.addWidget(self.optimise_progress)
        self.optimise_note = label("", "Muted", wrap=True)
        layout.addWidget(self.optimise_note)
        return frame

    def _show_optimisation_offer(self) -> None:
        """Counted off the GUI thread: a long history has a million reviews to count."""
        parameters = self.services.parameters

        def offer() -> list[str]:
            notes = []
            for title, qtype in PRESET_TYPES:
                reviews = parameters.review_count(qtype)
                if parameters.suggested(qtype, reviews):
                    notes.append(
                        f"{title}: {count(reviews, 'review')}, enough to optimise. Suggested."
                    )
                else:
                    notes.append(f"{title}: {count(reviews, 'review')}.")
            return notes

        if self.optimise_progress.isHidden():  # an optimisation's own note stays
            self.optimise_note.setText("Counting your reviews…")
        self.workers.start_latest("optimisation-offer", offer, self._show_offer, self._offer_failed)

    def _show_offer(self, notes: list[str]) -> None:
        if self.optimise_progress.isHidden():
            self.optimise_note.setText(" ".join(notes))

    def _offer_failed(self, error: Exception) -> None:
        self.optimise_note.setText(f"Could not count your reviews: {describe(error)}")

    def optimise(self, question_type: str) -> None:
        for button in self.optimise_buttons.values():
            button.setEnabled(False)
        self.optimise_progress.setValue(0)
        self.optimise_progress.show()
        self.optimise_note.setText("Fitting FSRS to your reviews…")
        parameters = self.services.parameters
        self.workers.start(
            lambda progress: parameters.optimise(question_type, progress),
            self._optimised,
            self._optimise_failed,
            on_progress=lambda done, total: self.optimise_progress.setValue(done),
        )

    def _optimised(self, result: OptimisationResult) -> None:
        self.optimise_progress.hide()
        for button in self.optimise_buttons.values():
            button.setEnabled(True)
        self.optimise_note.setText(result.message)
        self.status.emit(result.message.split(":")[0])
        if result.kept:
            # intervals on the grade buttons change
            self.services.study.notify_changed(OpChanges(settings=True, initiator=self))

    def _optimise_failed(self, error: Exception) -> None:
        self.optimise_progress.hide()
        for button in self.optimise_buttons.values():
            button.setEnabled(True)
        self.optimise_note.setText(f"Optimisation failed: {describe(error)}")

    def _data_card(self) -> QFrame:
        frame, layout = card()
        layout.addWidget(label("Your data", "Subtitle"))
        layout.addWidget(
            label("Progress, settings and history live in one file in this folder:", "Muted", True)
        )
        folder = QHBoxLayout()
        self.folder_label = label(str(self.services.data_dir), wrap=True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.setToolTip("Show the data folder in your file manager")
        self.open_folder_button.clicked.connect(self.open_folder)
        folder.addWidget(self.folder_label, 1)
        folder.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(folder)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton("Backup now")
        self.backup_button.setToolTip("Copy your data to the backups folder, safely even mid-use")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setToolTip(
            "Replace your data with a backup (your current data is backed up first)"
        )
        self.restore_button.clicked.connect(self.restore)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.backup_note = label("", "Muted", wrap=True)
        self.backup_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.backup_note)
        layout.addStretch(1)
        return frame

    # -- loading: widgets show the saved values, without saving them back -------------------------

    def activated(self) -> None:
        self._show_optimisation_offer()
        settings = self.services.settings
        widgets: list[QWidget] = [
            *self.new_per_day.values(),
            *self.reviews_per_day.values(),
            *self.retention.values(),
            self.theme_picker,
            self.font_size,
            self.has_interview,
            self.interview_date,
        ]
        for widget in widgets:
            widget.blockSignals(True)
        for _, qtype in PRESET_TYPES:
            preset = settings.preset(qtype)
            self.new_per_day[qtype].setValue(preset.new_per_day)
            self.reviews_per_day[qtype].setValue(preset.reviews_per_day)
            self.retention[qtype].setValue(preset.desired_retention)
        self.theme_picker.setCurrentIndex(max(0, self.theme_picker.findData(self.theme.mode)))
        self.font_size.setValue(self.theme.font_pt)
        today = self._today()
        interview = settings.interview_date
        shown = interview or today + timedelta(days=28)
        self.interview_date.setMinimumDate(QDate(today.year, today.month, today.day))
        self.interview_date.setDate(QDate(shown.year, shown.month, shown.day))
        self.has_interview.setChecked(interview is not None)
        self.interview_date.setEnabled(interview is not None)
        for widget in widgets:
            widget.blockSignals(False)
        self.review_days.load()
        self.recordings_card.load()
        self.answer_cap.blockSignals(True)
        self.answer_cap.setValue(settings.answer_cap_seconds)
        self.answer_cap.blockSignals(False)
        self._fill_roles()
        self._show_backups()
        self.ai_feedback.load()

    def _today(self) -> date:
        return self.services.study.study_day.day_of(self.services.clock.now())

    def _fill_roles(self) -> None:
        while self.roles_box.count():
            item = self.roles_box.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.role_boxes.clear()
        chosen = set(self.services.settings.target_roles)
        for role in self.services.library.roles():
            box = QCheckBox(role.title)
            box.setToolTip(role.summary)
            box.setChecked(role.id in chosen)
            box.toggled.connect(lambda _on: self._roles_changed())
            self.role_boxes[role.id] = box
            self.roles_box.addWidget(box)
        self.no_roles.setVisible(not self.role_boxes)

    def _show_backups(self) -> None:
        backups: list[BackupInfo] = self.services.backup.backups()
        folder = self.services.backup.folder
        if not backups:
            self.backup_note.setText(f"No backups yet. They go to {folder}.")
            return
        latest = backups[0]
        self.backup_note.setText(
            f"Latest backup: {latest.path.name} ({latest.modified:%-d %b %Y, %H:%M}). "
            f"{len(backups)} in {folder}."
        )

    # -- saving ---------------------------------------------------------------------------------

    def _save_preset(self, question_type: str, **change: float) -> None:
        self.services.settings.update_preset(question_type, **change)
        self._study_settings_saved()

    def _study_settings_saved(self) -> None:
        """Limits, retention, roles and the interview date change counts and intervals."""
        self.status.emit("Saved")
        self.services.study.notify_changed(OpChanges(settings=True, initiator=self))

    def _theme_picked(self, _index: int) -> None:
        mode = self.theme_picker.currentData()
        self.theme.set_mode(mode)
        self.services.settings.set("ui.theme", mode)

    def _font_picked(self, points: int) -> None:
        self.theme.set_font_pt(points)
        self.services.settings.set("ui.font_pt", points)

    def theme_changed(self, dark: bool) -> None:
        # The View menu can change the theme too: keep the picker in step without saving again.
        self.theme_picker.blockSignals(True)
        self.theme_picker.setCurrentIndex(max(0, self.theme_picker.findData(self.theme.mode)))
        self.theme_picker.blockSignals(False)

    def _roles_changed(self) -> None:
        chosen = [role for role, box in self.role_boxes.items() if box.isChecked()]
        self.services.settings.target_roles = chosen
        self._study_settings_saved()

    def _interview_changed(self) -> None:
        on = self.has_interview.isChecked()
        self.interview_date.setEnabled(on)
        picked = self.interview_date.date()
        if on:
            self.services.settings.interview_date = date(
                picked.year(), picked.month(), picked.day()
            )
        else:
            self.services.settings.interview_date = None
        self._study_settings_saved()

    # -- data folder and backups ----------------------------------------------------------------

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.data_dir)))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    def backup_now(self) -> None:
        self._set_busy(True)
        self.backup_note.setText("Backing up…")
        self.workers.start(self.services.backup.backup_now, self._backed_up, self._backup_failed)

    def _backed_up(self, path: Path) -> None:
        self._set_busy(False)
        self._show_backups()
        self.status.emit(f"Backed up to {path}")

    def _backup_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self._show_backups()
        dialogs.warn(self, "Backup failed", describe(error))

    def restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Restore a backup",
            str(self.services.backup.folder),
            "interviewprep backups (*.sqlite3);;All files (*)",
        )
        if not path:
            return
        if not dialogs.confirm(
            self,
            "Restore this backup?",
            f"Replace all your progress, history and settings with {Path(path).name}?\n\n"
            "Your current data is backed up first, so this can be undone.",
            "Restore",
            destructive=True,
        ):
            return
        self._set_busy(True)
        self.backup_note.setText("Restoring…")
        self.workers.start(
            lambda: self.services.backup.restore(Path(path)), self._restored, self._backup_failed
        )

    def _restored(self, restored: Restored) -> None:
        self._set_busy(False)
        self._show_backups()
        dialogs.inform(
            self,
            "Backup restored",
            f"Restored {restored.source.name}. Your data as it was before is saved as "
            f"{restored.safety_backup.name}.\n\n"
            "interviewprep will now close so that every screen starts from the restored data. "
            "Open it again to continue.",
        )
        # Services cache settings and plans: closing is the only clean way to drop them all.
        self.window().close()


class _TwoColumns:
    """The cards side by side where they fit, else one under another: with a large font
    the page scrolls down, never sideways. Reads the grid as built, whatever its cards."""

    def __init__(self, grid: QGridLayout, scroll: QScrollArea) -> None:
        self._grid = grid
        self._scroll = scroll
        self._placed: list[tuple[QWidget, int, int, int, int]] = []
        for index in range(grid.count()):
            item = grid.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                position: tuple[int, int, int, int] = grid.getItemPosition(index)  # type: ignore[assignment]
                self._placed.append((widget, *position))
        self._placed.sort(key=lambda p: (p[1], p[2]))
        self._single = False
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().installEventFilter(_OnResize(scroll, self.arrange))

    def arrange(self) -> None:
        side_by_side = [p for p in self._placed if p[4] == 1]
        need = sum(
            max((p[0].minimumSizeHint().width() for p in side_by_side if p[2] == c), default=0)
            for c in (0, 1)
        )
        single = need + self._grid.horizontalSpacing() + 56 > self._scroll.viewport().width()
        if single == self._single:
            return
        self._single = single
        for widget, *_ in self._placed:
            self._grid.removeWidget(widget)
        for index, (widget, row, column, rows, columns) in enumerate(self._placed):
            if single:
                self._grid.addWidget(widget, index, 0, 1, 2)
            else:
                self._grid.addWidget(widget, row, column, rows, columns)


class _OnResize(QObject):
    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._then()
        return False
