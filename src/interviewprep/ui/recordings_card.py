"""The Settings card for spoken answers: the target time, the size cap, keeping none,
deleting them all, and the Whisper model folder that transcribes them (optional)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from interviewprep.services.recordings import RecordingsService, format_size
from interviewprep.ui import dialogs
from interviewprep.ui.screens.base import label
from interviewprep.ui.widgets.wheel_guard import wheel_only_when_focused

EXPLANATION = (
    "Answer aloud on Review, in design rounds and mock interviews records your spoken answer "
    "from the microphone, kept on this computer only, in the recordings folder of your data."
)
KEEP_NONE_TIP = (
    "Listen back while you are on the question; its recordings are deleted as soon as you "
    "move on from it (or, in a mock interview, once its grades are saved)"
)


MODEL_TIP = (
    "A faster-whisper (CTranslate2) model folder on this computer, with model.bin and "
    "tokenizer.json in it; the app downloads nothing"
)


class RecordingsCard(QFrame):
    """Saves each change at once, as the rest of Settings."""

    saved = Signal()

    def __init__(self, recordings: RecordingsService) -> None:
        super().__init__()
        self.setObjectName("Card")
        self._recordings = recordings
        layout = QGridLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setHorizontalSpacing(12)
        layout.setVerticalSpacing(8)
        layout.addWidget(label("Recordings", "Subtitle"), 0, 0, 1, 3)
        layout.addWidget(label(EXPLANATION, "Muted", wrap=True), 1, 0, 1, 3)
        layout.addWidget(label("Target answer time"), 2, 0)
        self.target = self._spin(10, 3600, " s", "The time an answer aloud is held against")
        self.target.setAccessibleName("Target answer time")
        layout.addWidget(self.target, 2, 1)
        layout.addWidget(label("Keep at most"), 3, 0)
        self.cap = self._spin(1, 100_000, " MB", "Over this, the oldest recordings are deleted")
        self.cap.setAccessibleName("Most space for recordings")
        layout.addWidget(self.cap, 3, 1)
        self.keep_none = QCheckBox("Keep no recordings once I move on")
        self.keep_none.setToolTip(KEEP_NONE_TIP)
        self.keep_none.toggled.connect(self._save)
        layout.addWidget(self.keep_none, 4, 0, 1, 3)
        row = QHBoxLayout()
        self.usage = label("", "Muted")
        self.delete_all_button = QPushButton("Delete all recordings…")
        self.delete_all_button.clicked.connect(self.delete_all)
        row.addWidget(self.usage, 1)
        row.addWidget(self.delete_all_button)
        layout.addLayout(row, 5, 0, 1, 3)
        layout.addWidget(label("Whisper model folder"), 6, 0)
        model_row = QHBoxLayout()
        self.model_folder = QLineEdit()
        self.model_folder.setAccessibleName("Whisper model folder")
        self.model_folder.setPlaceholderText("None: recordings are not transcribed")
        self.model_folder.setToolTip(MODEL_TIP)
        self.model_folder.editingFinished.connect(self._save_model_folder)
        model_row.addWidget(self.model_folder, 1)
        self.choose_model_button = QPushButton("Choose…")
        self.choose_model_button.setToolTip(MODEL_TIP)
        self.choose_model_button.clicked.connect(self.choose_model_folder)
        model_row.addWidget(self.choose_model_button)
        layout.addLayout(model_row, 6, 1, 1, 2)
        self.model_status = label("", "Muted", wrap=True)
        self.model_status.setAccessibleName("Transcription status")
        layout.addWidget(self.model_status, 7, 0, 1, 3)
        layout.setColumnStretch(2, 1)

    def _spin(self, low: int, high: int, suffix: str, tip: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setSuffix(suffix)
        box.setToolTip(tip)
        box.setKeyboardTracking(False)  # saved when the number is typed, not at each digit
        box.setMinimumWidth(110)
        wheel_only_when_focused(box)
        box.valueChanged.connect(self._save)
        return box

    def load(self) -> None:
        """Show the saved settings without saving them back."""
        prefs = self._recordings.prefs
        for widget in (self.target, self.cap, self.keep_none):
            widget.blockSignals(True)
        self.target.setValue(prefs.target_seconds)
        self.cap.setValue(prefs.cap_mb)
        self.keep_none.setChecked(not prefs.keep)
        for widget in (self.target, self.cap, self.keep_none):
            widget.blockSignals(False)
        folder = self._recordings.transcriber.folder
        self.model_folder.setText(str(folder) if folder is not None else "")
        self._show_usage()
        self._show_model_status()

    def _save(self) -> None:
        prefs = replace(
            self._recordings.prefs,
            target_seconds=self.target.value(),
            cap_mb=self.cap.value(),
            keep=not self.keep_none.isChecked(),
        )
        self._recordings.set_prefs(prefs)  # a lower cap trims at once
        self._show_usage()
        self.saved.emit()

    def choose_model_folder(self) -> None:
        start = self.model_folder.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Whisper model folder", start)
        if chosen:
            self.model_folder.setText(chosen)
            self._save_model_folder()

    def _save_model_folder(self) -> None:
        text = self.model_folder.text().strip()
        folder = Path(text).expanduser() if text else None
        if folder != self._recordings.transcriber.folder:
            self._recordings.transcriber.set_folder(folder)
            self.saved.emit()
        self._show_model_status()

    def _show_model_status(self) -> None:
        available, reason = self._recordings.transcriber.status()
        self.model_status.setText(reason)
        name = "Muted" if available or self._recordings.transcriber.folder is None else "Error"
        if self.model_status.objectName() != name:
            self.model_status.setObjectName(name)
            self.model_status.style().unpolish(self.model_status)
            self.model_status.style().polish(self.model_status)

    def _show_usage(self) -> None:
        used = self._recordings.total_bytes()
        self.usage.setText(f"Recordings take {format_size(used)} now" if used else "No recordings")
        self.delete_all_button.setEnabled(used > 0)

    def delete_all(self) -> None:
        used = format_size(self._recordings.total_bytes())
        text = f"Every recording of every question ({used}) is deleted. This cannot be undone."
        if dialogs.confirm(self, "Delete all recordings?", text, "Delete all", destructive=True):
            self._recordings.delete_all()
            self._show_usage()
            self.saved.emit()
