"""Is there a microphone, and can Qt record from it? Asked of a child process, once per run.

Loading QtMultimedia can fail outright (a missing libpulse), load a sound server client that
stalls, or log a dozen warnings about video-acceleration libraries it will never use. In a
child process none of that reaches the window: the app learns the answer about 0.2 s later,
and imports QtMultimedia itself only when there is a microphone to record from.

Run as ``python -m interviewprep.ui.audio_probe``: prints one JSON line.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal

PROBE_TIMEOUT_MS = 15_000
NO_MICROPHONE = "No microphone found"
UNAVAILABLE = "Audio recording is not available on this system"


@dataclass(frozen=True)
class Availability:
    can_record: bool
    can_play: bool
    reason: str = ""
    """Why recording (or playing) cannot happen, said to the user; empty when both can."""
    formats: tuple[str, ...] = ()
    """QMediaFormat.FileFormat names the recorder can write."""


def from_report(text: str) -> Availability:
    """The child's JSON line, or its absence, as what the user can do."""
    try:
        report = json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return Availability(False, False, f"{UNAVAILABLE}: the audio check gave no answer")
    if not isinstance(report, dict):
        return Availability(False, False, f"{UNAVAILABLE}: the audio check gave no answer")
    if report.get("error"):
        return Availability(False, False, f"{UNAVAILABLE}: {report['error']}")
    inputs = report.get("inputs") or []
    can_play = bool(report.get("outputs"))
    formats = tuple(str(f) for f in report.get("formats") or ())
    if not inputs:
        reason = NO_MICROPHONE if can_play else f"{NO_MICROPHONE}, and no speakers either"
        return Availability(False, can_play, reason, formats)
    if not formats:
        return Availability(False, can_play, f"{UNAVAILABLE}: no audio file format to record to")
    return Availability(True, can_play, "" if can_play else "No speakers found", formats)


class AudioProbe(QObject):
    """The one probe of this run: ``done`` carries its ``Availability`` (at once, to late
    askers, once known)."""

    done = Signal(object)
    _shared: AudioProbe | None = None

    @classmethod
    def shared(cls) -> AudioProbe:
        if cls._shared is None:
            cls._shared = AudioProbe(QCoreApplication.instance())
        return cls._shared

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result: Availability | None = None
        self._process: QProcess | None = None
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._too_slow)

    def start(self) -> None:
        """Ask, unless asked already; ``done`` follows, from the event loop."""
        if self.result is not None:
            QTimer.singleShot(0, lambda: self.done.emit(self.result))
            return
        if self._process is not None:
            return
        process = QProcess(self)
        # The child's own logging stays in its stderr, which nobody reads but this probe.
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._failed)
        self._process = process
        self._timeout.start(PROBE_TIMEOUT_MS)
        process.start(sys.executable, ["-m", "interviewprep.ui.audio_probe"])

    def _finished(self) -> None:
        process = self._process
        if process is None or self.result is not None:
            return
        output = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        self._conclude(from_report(output))

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._conclude(
                Availability(False, False, f"{UNAVAILABLE}: the audio check could not run")
            )

    def _too_slow(self) -> None:
        if self._process is not None:
            self._process.kill()
        self._conclude(
            Availability(False, False, f"{UNAVAILABLE}: the sound system did not answer")
        )

    def _conclude(self, result: Availability) -> None:
        if self.result is not None:
            return
        self._timeout.stop()
        self.result = result
        self.done.emit(result)


def _report() -> dict[str, object]:
    try:
        from PySide6.QtMultimedia import QMediaDevices, QMediaFormat
    except ImportError as error:  # a library QtMultimedia needs is missing
        return {"error": str(error)}
    encode = QMediaFormat.ConversionMode.Encode
    return {
        "inputs": [device.description() for device in QMediaDevices.audioInputs()],
        "outputs": len(QMediaDevices.audioOutputs()),
        "formats": [f.name for f in QMediaFormat().supportedFileFormats(encode)],
    }


def main() -> None:
    app = QCoreApplication([])  # QMediaDevices needs one; no window, so no display
    print(json.dumps(_report()), flush=True)
    del app


if __name__ == "__main__":
    main()
