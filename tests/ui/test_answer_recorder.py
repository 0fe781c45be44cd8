"""The answer recorder: record, stop, see it listed, play it, delete it; the time against the
target; and where there is no microphone or no multimedia, a disabled control saying why."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.recordings import RecordingPrefs
from interviewprep.ui.audio_probe import NO_MICROPHONE, UNAVAILABLE, AudioProbe, from_report
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.answer_recorder import PLAY, RECORD, STOP, AnswerRecorder
from interviewprep.ui.widgets.audio_backend import QtAudioBackend, peak
from tests.ui.fake_audio import FakeAudioBackend

KEY = ("demo", "alpha")
Make = Callable[..., tuple[AnswerRecorder, FakeAudioBackend]]


@pytest.fixture
def make(qtbot: QtBot, services: Services) -> Make:
    def build(**kwargs: object) -> tuple[AnswerRecorder, FakeAudioBackend]:
        backend = FakeAudioBackend(**kwargs)  # type: ignore[arg-type]
        recorder = AnswerRecorder(services.recordings, backend, keys=("Shift+V", "V"))
        qtbot.addWidget(recorder)
        recorder.set_question(*KEY)
        with qtbot.waitSignal(recorder.availability_known):
            recorder.show()
        return recorder, backend

    return build


def record(qtbot: QtBot, recorder: AnswerRecorder, backend: FakeAudioBackend, ms: int) -> None:
    qtbot.mouseClick(recorder.record_button, Qt.MouseButton.LeftButton)
    backend.speak(ms)
    with qtbot.waitSignal(recorder.listed):
        qtbot.mouseClick(recorder.record_button, Qt.MouseButton.LeftButton)


def test_record_stop_listed_play_delete(qtbot: QtBot, make: Make, services: Services) -> None:
    recorder, backend = make()
    assert recorder.record_button.isEnabled() and not recorder.list.isVisible()
    assert not recorder.play_button.isEnabled()  # nothing to play yet

    qtbot.mouseClick(recorder.record_button, Qt.MouseButton.LeftButton)
    assert recorder.record_button.text() == STOP
    backend.speak(72_000, level=0.8)
    assert recorder.elapsed.text() == "1:12 / 2:00"
    assert recorder.meter.value() == 800
    with qtbot.waitSignal(recorder.listed):
        qtbot.mouseClick(recorder.record_button, Qt.MouseButton.LeftButton)
    assert recorder.record_button.text() == RECORD and recorder.meter.value() == 0
    assert "Saved a 1:12 recording" in recorder.status.text()
    assert recorder.list.count() == 1 and recorder.list.isVisible()
    assert " · 1:12 · " in recorder.list.item(0).text()
    [saved] = services.recordings.of_question(*KEY)
    assert saved.duration_ms == 72_000 and saved.size_bytes > 0

    qtbot.mouseClick(recorder.play_button, Qt.MouseButton.LeftButton)
    assert backend.played == [saved.path]
    assert recorder.play_button.text() != PLAY  # now Stop
    qtbot.mouseClick(recorder.play_button, Qt.MouseButton.LeftButton)
    assert recorder.play_button.text() == PLAY

    qtbot.mouseClick(recorder.delete_button, Qt.MouseButton.LeftButton)
    assert recorder.list.count() == 0 and not saved.path.exists()
    assert services.recordings.of_question(*KEY) == []


def test_past_the_target_the_time_says_so_and_changes_colour(qtbot: QtBot, make: Make) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    Theme(app, mode="light")
    recorder, backend = make()
    recorder.set_target(90)
    qtbot.mouseClick(recorder.record_button, Qt.MouseButton.LeftButton)
    backend.speak(89_000)
    assert recorder.elapsed.text() == "1:29 / 1:30"
    normal = recorder.elapsed.palette().color(recorder.elapsed.foregroundRole())
    assert recorder.elapsed.objectName() == "Muted"
    backend.speak(2_000)
    assert recorder.elapsed.text() == "1:31 / 1:30 · over time"
    assert recorder.elapsed.objectName() == "Error"
    assert recorder.elapsed.palette().color(recorder.elapsed.foregroundRole()) != normal


def test_earlier_recordings_are_listed_newest_first_per_question(
    qtbot: QtBot, make: Make, clock: FixedClock
) -> None:
    recorder, backend = make()
    record(qtbot, recorder, backend, 5_000)
    clock.advance(timedelta(minutes=3))
    record(qtbot, recorder, backend, 9_000)
    texts = [recorder.list.item(i).text() for i in range(recorder.list.count())]
    assert len(texts) == 2 and " · 0:09 · " in texts[0] and " · 0:05 · " in texts[1]
    assert recorder.list.currentRow() == 0  # Play plays the newest

    with qtbot.waitSignal(recorder.listed):
        recorder.set_question("demo", "beta")
    assert recorder.list.count() == 0 and recorder.elapsed.text() == "0:00 / 2:00"
    with qtbot.waitSignal(recorder.listed):
        recorder.set_question(*KEY)
    assert recorder.list.count() == 2  # kept: keeping recordings is the default


def test_keep_none_deletes_them_once_the_question_is_left(
    qtbot: QtBot, make: Make, services: Services
) -> None:
    services.recordings.set_prefs(RecordingPrefs(target_seconds=120, cap_mb=500, keep=False))
    recorder, backend = make()
    record(qtbot, recorder, backend, 4_000)
    assert recorder.list.count() == 1  # still there to play back on this question
    recorder.set_question("demo", "beta")
    assert services.recordings.of_question(*KEY) == []

    qtbot.mouseClick(recorder.record_button, Qt.MouseButton.LeftButton)
    backend.speak(1_000)
    with qtbot.waitSignal(recorder.listed):
        recorder.set_question("demo", "gamma")  # moved on mid-recording
    qtbot.waitUntil(lambda: not recorder.recording)
    assert services.recordings.of_question("demo", "beta") == []


@pytest.mark.parametrize(
    ("report", "reason"),
    [
        ('{"inputs": [], "outputs": 1, "formats": ["Wave"]}', NO_MICROPHONE),
        (
            '{"error": "libpulse.so.0: cannot open shared object file"}',
            f"{UNAVAILABLE}: libpulse.so.0: cannot open shared object file",
        ),
        ("Segmentation fault", f"{UNAVAILABLE}: the audio check gave no answer"),
    ],
)
def test_without_a_microphone_or_multimedia_the_control_says_why(
    qtbot: QtBot, make: Make, services: Services, report: str, reason: str
) -> None:
    recorder, _backend = make(availability=from_report(report))
    assert not recorder.record_button.isEnabled() and not recorder.meter.isEnabled()
    assert recorder.status.text() == reason and recorder.record_button.toolTip() == reason
    assert not recorder.play_button.isEnabled()
    recorder.toggle_recording()  # the key does nothing either
    assert not recorder.recording and services.recordings.of_question(*KEY) == []


def test_recordings_made_before_can_still_be_deleted_without_audio(
    qtbot: QtBot, make: Make, services: Services
) -> None:
    path = services.recordings.new_path(*KEY, ".m4a")
    path.write_bytes(b"old")
    recorder, _ = make(availability=from_report('{"error": "no backend"}'))
    assert recorder.list.count() == 1 and not recorder.play_button.isEnabled()
    qtbot.mouseClick(recorder.delete_button, Qt.MouseButton.LeftButton)
    assert not path.exists()


def test_the_real_qt_multimedia_here_degrades_without_a_warning(
    qtbot: QtBot, services: Services
) -> None:
    """This machine's own QtMultimedia, probed offscreen: on CI and here there is no
    microphone (or no multimedia library), and the suite fails on any Qt warning."""
    recorder = AnswerRecorder(services.recordings, QtAudioBackend())
    qtbot.addWidget(recorder)
    recorder.set_question(*KEY)
    with qtbot.waitSignal(recorder.availability_known, timeout=20_000):
        recorder.show()
    availability = recorder.availability
    assert availability is not None and AudioProbe.shared().result == availability
    if availability.can_record:
        pytest.skip("this machine has a microphone")
    assert not recorder.record_button.isEnabled()
    assert recorder.status.text().startswith((NO_MICROPHONE, UNAVAILABLE))


def test_the_level_is_the_loudest_sample() -> None:
    assert peak((16384).to_bytes(2, "little", signed=True) * 3, "Int16") == 0.5
    assert peak(bytes([128, 255]), "UInt8") == pytest.approx(127 / 128)
    assert peak(b"", "Float") == 0.0


def test_the_probe_reports_a_multimedia_library_that_will_not_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As on a machine without libpulse: importing QtMultimedia fails, the probe says why."""
    from interviewprep.ui import audio_probe

    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    report = audio_probe._report()
    assert "PySide6.QtMultimedia" in str(report["error"])
    availability = from_report(json.dumps(report))
    assert not availability.can_record and availability.reason.startswith(f"{UNAVAILABLE}: ")
