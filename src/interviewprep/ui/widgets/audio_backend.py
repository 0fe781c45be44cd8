"""What the answer recorder needs from audio, and the QtMultimedia implementation of it.

``AudioBackend`` is the seam: the recorder widget talks only to it, so tests drive a fake one
through record, stop, play and delete without a sound card. ``QtAudioBackend`` is kept thin:
QMediaCaptureSession + QAudioInput + QMediaRecorder to a file, a QAudioSource on the same
device for the level, and QMediaPlayer + QAudioOutput to play back. QtMultimedia is imported
only after the probe (``ui.audio_probe``) has found a device to use.
"""

from __future__ import annotations

import array
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLoggingCategory, QObject, QUrl, Signal

from interviewprep.ui.audio_probe import AudioProbe, Availability

SUFFIXES = {"Mpeg4Audio": ".m4a", "Ogg": ".ogg", "FLAC": ".flac", "Wave": ".wav"}
"""The file formats recorded to, best first (AAC in .m4a plays everywhere and is small)."""


class AudioBackend(QObject):
    """Recording and playback, as signals the widget follows. Subclasses implement it."""

    available = Signal(object)
    """An ``Availability``, once known (after ``probe``)."""
    level = Signal(float)
    """The input level while recording, 0 to 1."""
    duration = Signal(int)
    """Milliseconds recorded so far, while recording."""
    recorded = Signal(object, int)
    """A recording is written and closed: its path and length in ms."""
    failed = Signal(str)
    """Recording or playback went wrong: why, for the user."""
    playing = Signal(object)
    """The path now playing, or None when playback stops."""

    def probe(self) -> None:
        raise NotImplementedError

    def suffix(self) -> str:
        """The file suffix recordings get (called only once recording is available)."""
        raise NotImplementedError

    def start_recording(self, path: Path) -> None:
        raise NotImplementedError

    def stop_recording(self) -> None:
        raise NotImplementedError

    def play(self, path: Path) -> None:
        raise NotImplementedError

    def stop_playback(self) -> None:
        raise NotImplementedError


class QtAudioBackend(AudioBackend):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._availability: Availability | None = None
        self._session: Any = None
        self._recorder: Any = None
        self._level_source: Any = None
        self._level_io: Any = None
        self._player: Any = None
        self._output: Any = None
        self._path: Path | None = None
        self._ms = 0

    def probe(self) -> None:
        probe = AudioProbe.shared()
        probe.done.connect(self._probed)
        probe.start()

    def _probed(self, availability: Availability) -> None:
        AudioProbe.shared().done.disconnect(self._probed)
        self._availability = availability
        if availability.can_record or availability.can_play:
            # Only the video-acceleration libraries it looks for, never needed for audio.
            QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")
        self.available.emit(availability)

    def suffix(self) -> str:
        formats = self._availability.formats if self._availability else ()
        return next((s for name, s in SUFFIXES.items() if name in formats), ".wav")

    # -- recording ------------------------------------------------------------------------------

    def start_recording(self, path: Path) -> None:
        from PySide6.QtMultimedia import (
            QAudioInput,
            QMediaCaptureSession,
            QMediaDevices,
            QMediaFormat,
            QMediaRecorder,
        )

        if self._recorder is None:
            self._session = QMediaCaptureSession(self)
            self._session.setAudioInput(QAudioInput(QMediaDevices.defaultAudioInput(), self))
            self._recorder = QMediaRecorder(self)
            self._session.setRecorder(self._recorder)
            self._recorder.durationChanged.connect(self._duration)
            self._recorder.recorderStateChanged.connect(self._state)
            self._recorder.errorOccurred.connect(lambda _e, text: self.failed.emit(text))
        file_format = {
            ".m4a": QMediaFormat.FileFormat.Mpeg4Audio,
            ".ogg": QMediaFormat.FileFormat.Ogg,
            ".flac": QMediaFormat.FileFormat.FLAC,
            ".wav": QMediaFormat.FileFormat.Wave,
        }[path.suffix]
        media_format = QMediaFormat(file_format)
        if path.suffix == ".m4a":
            media_format.setAudioCodec(QMediaFormat.AudioCodec.AAC)
        self._recorder.setMediaFormat(media_format)
        self._recorder.setQuality(QMediaRecorder.Quality.NormalQuality)
        self._recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
        self._path, self._ms = path, 0
        self._recorder.record()
        self._start_level()

    def stop_recording(self) -> None:
        self._stop_level()
        if self._recorder is not None:
            self._recorder.stop()

    def _duration(self, ms: int) -> None:
        self._ms = int(ms)
        self.duration.emit(self._ms)

    def _state(self, state: Any) -> None:
        from PySide6.QtMultimedia import QMediaRecorder

        if state != QMediaRecorder.RecorderState.StoppedState or self._path is None:
            return
        actual = self._recorder.actualLocation().toLocalFile()
        path = Path(actual) if actual else self._path
        self._path = None
        if path.is_file():
            self.recorded.emit(path, self._ms)

    # -- the level meter ------------------------------------------------------------------------

    def _start_level(self) -> None:
        """A second reader of the same microphone; QMediaRecorder reports no level itself."""
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

        device = QMediaDevices.defaultAudioInput()
        wanted = QAudioFormat()
        wanted.setSampleRate(16_000)
        wanted.setChannelCount(1)
        wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        audio_format = wanted if device.isFormatSupported(wanted) else device.preferredFormat()
        self._level_source = QAudioSource(device, audio_format, self)
        self._level_io = self._level_source.start()
        if self._level_io is not None:
            self._level_io.readyRead.connect(self._read_level)

    def _read_level(self) -> None:
        if self._level_io is None or self._level_source is None:
            return
        data = bytes(self._level_io.readAll().data())
        self.level.emit(peak(data, self._level_source.format().sampleFormat().name))

    def _stop_level(self) -> None:
        if self._level_source is not None:
            self._level_source.stop()
            self._level_source.deleteLater()
        self._level_source = self._level_io = None
        self.level.emit(0.0)

    # -- playback -------------------------------------------------------------------------------

    def play(self, path: Path) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        if self._player is None:
            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
            self._player.playbackStateChanged.connect(self._playback_state)
            self._player.errorOccurred.connect(lambda _e, text: self.failed.emit(text))
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()
        self.playing.emit(path)

    def stop_playback(self) -> None:
        if self._player is not None:
            self._player.stop()

    def _playback_state(self, state: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if state == QMediaPlayer.PlaybackState.StoppedState:
            self.playing.emit(None)


_FULL_SCALE = {"Int16": ("h", 32768.0), "Int32": ("i", 2147483648.0), "Float": ("f", 1.0)}


def peak(data: bytes, sample_format: str) -> float:
    """The loudest sample of ``data`` as a share of full scale."""
    if sample_format == "UInt8":
        return max((abs(b - 128) for b in data), default=0) / 128.0
    code, full = _FULL_SCALE.get(sample_format, ("h", 32768.0))
    samples = array.array(code)
    samples.frombytes(data[: len(data) - len(data) % samples.itemsize])
    return min(1.0, max((abs(s) for s in samples), default=0) / full)
