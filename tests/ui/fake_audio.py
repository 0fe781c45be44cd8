"""A stand-in for QtMultimedia: a microphone and speakers the test speaks through."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from interviewprep.ui.audio_probe import Availability
from interviewprep.ui.widgets.audio_backend import AudioBackend

WORKS = Availability(True, True, "", ("Mpeg4Audio", "Wave"))
BYTES_PER_SECOND = 8000


class FakeAudioBackend(AudioBackend):
    def __init__(self, parent: QObject | None = None, availability: Availability = WORKS) -> None:
        super().__init__(parent)
        self.availability = availability
        self.path: Path | None = None
        self.ms = 0
        self.played: list[Path] = []

    def probe(self) -> None:
        QTimer.singleShot(0, lambda: self.available.emit(self.availability))

    def suffix(self) -> str:
        return ".m4a"

    def start_recording(self, path: Path) -> None:
        self.path, self.ms = path, 0
        path.write_bytes(b"")

    def speak(self, ms: int, level: float = 0.5) -> None:
        """``ms`` more of the user talking, at ``level``."""
        assert self.path is not None, "not recording"
        self.ms += ms
        with self.path.open("ab") as file:
            file.write(b"\1" * (ms * BYTES_PER_SECOND // 1000))
        self.level.emit(level)
        self.duration.emit(self.ms)

    def stop_recording(self) -> None:
        path, self.path = self.path, None
        if path is not None:  # the encoder finishes the file a moment after stop
            QTimer.singleShot(0, lambda: self.recorded.emit(path, self.ms))

    def play(self, path: Path) -> None:
        self.played.append(path)
        self.playing.emit(path)

    def stop_playback(self) -> None:
        self.playing.emit(None)
