"""Answer aloud: record a spoken answer to the question on screen, watch the level and the
time against a target, play it back, and keep or delete earlier ones.

All audio goes through an ``AudioBackend`` (QtMultimedia in the app, a fake in tests). Where
there is no microphone or no multimedia at all, the control stays on screen, disabled, and
says why; recordings made earlier can still be deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from interviewprep.services.recordings import (
    Recording,
    RecordingsService,
    format_duration,
    format_size,
)
from interviewprep.ui.audio_probe import Availability
from interviewprep.ui.widgets.audio_backend import AudioBackend, QtAudioBackend
from interviewprep.ui.widgets.transcript_panel import TranscriptPanel
from interviewprep.ui.workers import Workers

LIST_ROWS = 3
"""Earlier recordings shown before the list scrolls: the question keeps the room."""
CHECKING = "Checking for a microphone…"
RECORD, STOP = "● Record", "■ Stop"
PLAY, STOP_PLAYING = "▶ Play", "■ Stop"

backend_factory: Callable[[QObject | None], AudioBackend] = QtAudioBackend
"""What a recorder built without a backend uses; tests put a fake here."""


class AnswerRecorder(QWidget):
    listed = Signal()
    """The list of this question's recordings was redrawn."""
    availability_known = Signal()
    """The probe answered: the control is enabled, or says why not."""

    def __init__(
        self,
        recordings: RecordingsService,
        backend: AudioBackend | None = None,
        keys: tuple[str, str] = ("", ""),
        parent: QWidget | None = None,
        workers: Workers | None = None,
    ) -> None:
        """Without ``workers`` nothing is transcribed: a transcript made before still shows."""
        super().__init__(parent)
        self._recordings = recordings
        self._workers = workers
        self.backend = backend or backend_factory(self)
        self.backend.setParent(self)
        self._keys = keys
        self.availability: Availability | None = None
        self._probed = False
        self._key: tuple[str, str] | None = None
        self._recording_key: tuple[str, str] | None = None
        self._left_while_recording = False
        self._record_when_known = False
        self._playback_only = False
        self.recording = False
        self.playing: Path | None = None
        self.elapsed_ms = 0
        self.target_seconds = recordings.prefs.target_seconds
        self._build()
        self.backend.available.connect(self._available)
        self.backend.level.connect(self._level)
        self.backend.duration.connect(self._duration)
        self.backend.recorded.connect(self._recorded)
        self.backend.failed.connect(self._failed)
        self.backend.playing.connect(self._playing)
        self._update()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.title = QLabel("Answer aloud")
        self.title.setObjectName("Subtitle")
        head.addWidget(self.title)
        head.addStretch(1)
        self.elapsed = QLabel()
        self.elapsed.setObjectName("Muted")
        self.elapsed.setAccessibleName("Time spoken, and the target")
        head.addWidget(self.elapsed)
        layout.addLayout(head)

        row = QHBoxLayout()
        row.setSpacing(8)
        self.record_button = QPushButton(RECORD)
        self.record_button.clicked.connect(self.toggle_recording)
        row.addWidget(self.record_button)
        self.meter = QProgressBar()
        self.meter.setRange(0, 1000)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("Microphone level")
        self.meter.setToolTip("Microphone level while recording")
        self.meter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row.addWidget(self.meter, 1)
        self.play_button = QPushButton(PLAY)
        self.play_button.clicked.connect(self.toggle_playback)
        row.addWidget(self.play_button)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected recording")
        self.delete_button.clicked.connect(self.delete_selected)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        for button in (self.record_button, self.play_button, self.delete_button):
            # a click leaves the focus where it was (the notes being typed, the card's keys);
            # Tab still reaches them
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.status = QLabel(CHECKING)
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Recording status")
        layout.addWidget(self.status)

        self.list = QListWidget()
        self.list.setAccessibleName("Your recordings of this question")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda _item: self.toggle_playback())
        self.list.currentRowChanged.connect(lambda _row: self._update())
        layout.addWidget(self.list)
        self.transcript = TranscriptPanel(self._recordings.transcriber, self._workers)
        layout.addWidget(self.transcript)

    # -- the question ---------------------------------------------------------------------------

    def set_question(self, bank_id: str, question_id: str, discard: bool = True) -> None:
        """Recordings now go with this question; leaving the one before (see ``leave``)."""
        key = (bank_id, question_id)
        if key != self._key:
            self.leave(discard)
            self._key = key
            self._record_when_known = False
            self.elapsed_ms = 0
            self.meter.setValue(0)
        self.refresh()

    def clear_question(self) -> None:
        self.leave()
        self._key = None
        self.refresh()

    def set_target(self, seconds: int) -> None:
        self.target_seconds = max(1, seconds)
        self._update()

    def leave(self, discard: bool = True) -> None:
        """The user moves on: recording and playback stop, and (unless not ``discard``: the
        mock interview plays them back in its report) with "keep no recordings" on this
        question's recordings are deleted."""
        if self.recording:
            self._left_while_recording = discard
            self.backend.stop_recording()  # the file is noted, then dropped, in _recorded
        if self.playing is not None:
            self.backend.stop_playback()
        key = self._key
        if discard and key is not None and not self.recording and self._recordings.leave(*key):
            self.refresh()

    def playback_only(self) -> None:
        """Only listening back (the mock interview's report): no Record, no meter, no clock."""
        self._playback_only = True
        for widget in (self.record_button, self.meter, self.elapsed):
            widget.hide()
        self._update()

    # -- actions --------------------------------------------------------------------------------

    def toggle_recording(self) -> None:
        if self.recording:
            self.backend.stop_recording()
            self.status.setText("Saving…")
            return
        if self._playback_only:
            return
        if self.availability is None and self._key is not None:
            self._record_when_known = True  # pressed before the probe answered (0.2 s)
            return
        if self._key is None or self.availability is None or not self.availability.can_record:
            return
        if self.playing is not None:
            self.backend.stop_playback()
        path = self._recordings.new_path(*self._key, self.backend.suffix())
        self._recording_key = self._key
        self.recording = True
        self.elapsed_ms = 0
        self.backend.start_recording(path)
        self.status.setText("Recording: answer as you would to the interviewer")
        self._update()

    def toggle_playback(self) -> None:
        if self.playing is not None:
            self.backend.stop_playback()
            return
        chosen = self.selected()
        if chosen is None or self.recording or not self._can_play():
            return
        self.backend.play(chosen.path)

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.recording:
            return
        if self.playing == chosen.path:
            self.backend.stop_playback()
        self._recordings.delete(chosen.path)
        self.status.setText("Recording deleted")
        self.refresh()

    def selected(self) -> Recording | None:
        item = self.list.currentItem()
        if item is None:
            return None
        recording = item.data(Qt.ItemDataRole.UserRole)
        return recording if isinstance(recording, Recording) else None

    # -- the backend's reports ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._probed:  # asked when first seen, never at start-up
            self._probed = True
            self.backend.probe()

    def _available(self, availability: Availability) -> None:
        self.availability = availability
        if self._playback_only:
            self.status.setText("" if availability.can_play else availability.reason)
        elif availability.can_record:
            self.status.setText(self._ready_text())
        else:
            self.status.setText(availability.reason)
        self._update()
        if self._record_when_known:
            self._record_when_known = False
            self.toggle_recording()
        self.availability_known.emit()

    def _level(self, level: float) -> None:
        self.meter.setValue(round(max(0.0, min(1.0, level)) * 1000))

    def _duration(self, ms: int) -> None:
        self.elapsed_ms = ms
        self._show_elapsed()

    def _recorded(self, path: Path, ms: int) -> None:
        self.recording = False
        self.meter.setValue(0)
        key, self._recording_key = self._recording_key, None
        trimmed = self._recordings.finished(path, ms)
        text = f"Saved a {format_duration(ms)} recording"
        if trimmed:
            cap = self._recordings.prefs.cap_mb
            text += f"; the oldest {len(trimmed)} deleted to stay under {cap} MB"
        self.status.setText(text)
        if key is not None and (key != self._key or self._left_while_recording):
            self._recordings.leave(*key)  # recorded while moving on: kept only if kept at all
        self._left_while_recording = False
        self.refresh(select=path.resolve())  # Play plays what was just said

    def _failed(self, reason: str) -> None:
        self.recording = False
        self.meter.setValue(0)
        self.status.setText(f"Recording failed: {reason}")
        self.refresh()

    def _playing(self, path: Path | None) -> None:
        self.playing = path
        self._update()

    # -- drawing --------------------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        """The list again, with ``select`` (or else the recording selected before) selected."""
        chosen = self.selected()
        keep = select or (chosen.path if chosen is not None else None)
        self.list.blockSignals(True)
        self.list.clear()
        found = self._recordings.of_question(*self._key) if self._key is not None else []
        for recording in found:
            when = recording.recorded_at.astimezone()
            text = (
                f"{when:%d %b %H:%M} · {format_duration(recording.duration_ms)}"
                f" · {format_size(recording.size_bytes)}"
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, recording)
            self.list.addItem(item)
        paths = [r.path for r in found]
        self.list.setCurrentRow(paths.index(keep) if keep in paths else 0 if paths else -1)
        self.list.blockSignals(False)
        self.list.setVisible(bool(found))
        if self._playback_only and (self.availability is None or self.availability.can_play):
            self.status.setText("" if found else "Nothing recorded for this question")
        rows = min(len(found), LIST_ROWS)
        height = sum(self.list.sizeHintForRow(i) for i in range(rows))
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 4)
        self.transcript.set_recording(self.selected())  # and the Settings' model folder anew
        self._update()
        self.listed.emit()

    def _can_play(self) -> bool:
        return self.availability is not None and self.availability.can_play

    def _update(self) -> None:
        availability = self.availability
        can_record = availability is not None and availability.can_record and self._key is not None
        self.record_button.setEnabled(can_record or self.recording)
        self.record_button.setText(STOP if self.recording else RECORD)
        self.meter.setEnabled(can_record)
        has_choice = self.selected() is not None
        self.play_button.setEnabled(
            self.playing is not None or (has_choice and self._can_play() and not self.recording)
        )
        self.play_button.setText(STOP_PLAYING if self.playing is not None else PLAY)
        self.delete_button.setEnabled(has_choice and not self.recording)
        chosen = self.selected()
        if chosen is None or chosen != self.transcript.recording:
            self.transcript.set_recording(chosen)
        record_key, play_key = self._keys
        self.record_button.setToolTip(_tip("Record your spoken answer, or stop", record_key))
        self.play_button.setToolTip(_tip("Play the selected recording, or stop", play_key))
        if availability is not None and not availability.can_record:
            self.record_button.setToolTip(availability.reason)
        self.status.setVisible(bool(self.status.text()))
        self._show_elapsed()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_buttons()

    def _fit_buttons(self) -> None:
        """Each button as wide as the longer of its two labels: Stop never cut short, and the
        row does not jump when recording starts."""
        for button, texts in (
            (self.record_button, (RECORD, STOP)),
            (self.play_button, (PLAY, STOP_PLAYING)),
        ):
            metrics = button.fontMetrics()
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            button.setMinimumWidth(widest + 2 * 14 + 8)

    def _show_elapsed(self) -> None:
        target = self.target_seconds * 1000
        over = self.elapsed_ms > target
        text = f"{format_duration(self.elapsed_ms)} / {format_duration(target)}"
        self.elapsed.setText(f"{text} · over time" if over else text)
        self.elapsed.setToolTip(
            f"Time spoken, against a target of {format_duration(target)} (Settings › Recordings)"
        )
        name = "Error" if over else "Muted"
        if self.elapsed.objectName() != name:
            self.elapsed.setObjectName(name)
            self.elapsed.style().unpolish(self.elapsed)
            self.elapsed.style().polish(self.elapsed)

    def _ready_text(self) -> str:
        record_key = self._keys[0]
        press = f" (or press {record_key})" if record_key else ""
        return f"Press Record{press}, answer out loud, then Stop and play it back."


def _tip(text: str, keys: str) -> str:
    return f"{text} ({keys})" if keys else text
