"""Under the answer recorder's list: the selected recording as text. With faster-whisper and a
model folder (Settings › Recordings), Transcribe runs Whisper on a worker, with progress and
Cancel; without them, one muted line says recordings are for playback and what to install.
A transcript made before is read from beside the recording, at once.

Where a screen can use the text (Review's typed answer), it calls ``offer_use`` and connects
``used``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from interviewprep.services import transcription
from interviewprep.services.recordings import Recording, format_duration
from interviewprep.services.transcription import Transcriber, Transcript
from interviewprep.ui.workers import Task, Workers, describe


class TranscriptPanel(QWidget):
    used = Signal(str)
    """"Use as typed answer" was pressed: the transcript's text."""
    finished = Signal()
    """A transcription ended: done, failed or cancelled."""

    def __init__(
        self, transcriber: Transcriber, workers: Workers | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._transcriber = transcriber
        self._workers = workers
        self._recording: Recording | None = None
        self._task: Task | None = None
        self._running: Path | None = None
        self._offer_use = False
        self._said = ""
        """What the running transcription is doing, shown under its progress bar."""
        self.transcript: Transcript | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.transcribe_button = QPushButton("Transcribe")
        self.transcribe_button.setToolTip(
            "Turn the selected recording into text, on this computer (Whisper)"
        )
        self.transcribe_button.clicked.connect(self.transcribe)
        row.addWidget(self.transcribe_button)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Transcription progress")
        self.progress.setFormat("Transcribing… %p%")
        row.addWidget(self.progress, 1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop transcribing; nothing is kept")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.cancel_button)
        row.addStretch(0)
        layout.addLayout(row)
        self.hint = QLabel()
        self.hint.setObjectName("Muted")
        self.hint.setAccessibleName("Transcription")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.text = QLabel()
        self.text.setObjectName("Transcript")
        self.text.setAccessibleName("Transcript of the selected recording")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        use_row = QHBoxLayout()
        use_row.addStretch(1)
        self.use_button = QPushButton("Use as typed answer")
        self.use_button.setToolTip(
            "Put this transcript in the answer box, to edit and check against the key points"
        )
        self.use_button.clicked.connect(self._use)
        use_row.addWidget(self.use_button)
        layout.addLayout(use_row)
        for button in (self.transcribe_button, self.cancel_button, self.use_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # as the recorder's own buttons
        self._update()

    @property
    def recording(self) -> Recording | None:
        return self._recording

    @property
    def busy(self) -> bool:
        return self._running is not None

    def offer_use(self) -> None:
        """This screen can take the transcript as a typed answer."""
        self._offer_use = True
        self._update()

    def set_recording(self, recording: Recording | None) -> None:
        """The recording selected in the list (None: none, or the list is empty)."""
        self._recording = recording
        self.transcript = (
            self._transcriber.cached(recording.path) if recording is not None else None
        )
        self._update()

    def transcribe(self) -> None:
        recording = self._recording
        if recording is None or self.busy or self._workers is None:
            return
        try:
            transcription.load_modules()  # here, not on the worker: see load_modules
        except Exception as error:  # a broken install: said, not raised into the event loop
            self.hint.setText(f"faster-whisper could not be loaded: {describe(error)}")
            self.hint.show()
            return
        path = recording.path
        self._running = path
        self.progress.setRange(0, 0)  # loading the model: no segment yet to measure by
        self._said = "Loading the Whisper model…"
        self._task = self._workers.start(
            lambda progress: self._transcriber.transcribe(path, progress),
            lambda result: self._done(path, result),
            self._failed,
            self._progress,
            label="transcribing a recording",
            on_cancelled=self._cancelled,
        )
        self._update()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)

    # -- the worker's reports -------------------------------------------------------------------

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self._said = f"Transcribing: {format_duration(done)} of {format_duration(total)}"
        self.hint.setText(self._said)

    def _done(self, path: Path, transcript: object) -> None:
        self._end()
        if self._recording is not None and self._recording.path == path:
            self.transcript = transcript if isinstance(transcript, Transcript) else None
        self._update()
        self.finished.emit()

    def _failed(self, error: Exception) -> None:
        self._end()
        self._update()
        self.hint.setText(f"Transcription failed: {describe(error)}")
        self.hint.show()
        self.finished.emit()

    def _cancelled(self) -> None:
        self._end()
        self._update()
        self.hint.setText("Transcription cancelled")
        self.hint.show()
        self.finished.emit()

    def _end(self) -> None:
        self._running = None
        self._task = None

    def _use(self) -> None:
        if self.transcript is not None and self.transcript.text.strip():
            self.used.emit(self.transcript.text.strip())

    # -- drawing --------------------------------------------------------------------------------

    def _update(self) -> None:
        recording, transcript = self._recording, self.transcript
        available, reason = self._transcriber.status()
        can_run = available and self._workers is not None
        self.setVisible(recording is not None or self.busy)
        self.transcribe_button.setVisible(
            can_run and not self.busy and recording is not None and transcript is None
        )
        self.progress.setVisible(self.busy)
        self.cancel_button.setVisible(self.busy)
        self.cancel_button.setEnabled(self.busy)
        if transcript is not None:
            spoken = transcript.text.strip()
            self.text.setText(spoken or "Whisper heard no words in this recording.")
            self.text.setProperty("empty", not spoken)
            self.text.style().unpolish(self.text)
            self.text.style().polish(self.text)
        self.text.setVisible(transcript is not None)
        self.use_button.setVisible(
            self._offer_use and transcript is not None and bool(transcript.text.strip())
        )
        if self.busy:
            self.hint.setText(self._said)
        elif available or transcript is not None:
            self.hint.setText("")
        else:  # one line: the recorder keeps its room for the question
            self.hint.setText(f"Playback and self-check only; {reason[:1].lower()}{reason[1:]}")
        self.hint.setVisible(bool(self.hint.text()))
