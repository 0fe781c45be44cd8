"""Answering aloud on the Review, System design and Mock interview screens, through a fake
microphone: keys and clicks record, stop, play; leaving a card drops recordings only when the
user asked to keep none; on this machine's own audio the control says why it is off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt
from pytestqt.qtbot import QtBot

from interviewprep.services.recordings import RecordingPrefs
from interviewprep.ui import audio_probe
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.widgets import answer_recorder
from interviewprep.ui.widgets.answer_recorder import AnswerRecorder
from tests.ui.fake_audio import FakeAudioBackend


@pytest.fixture
def microphone(monkeypatch: pytest.MonkeyPatch) -> list[FakeAudioBackend]:
    """Every recorder built from here on talks to a fake microphone; the list holds them."""
    made: list[FakeAudioBackend] = []

    def factory(parent: QObject | None) -> FakeAudioBackend:
        made.append(FakeAudioBackend(parent))
        return made[-1]

    monkeypatch.setattr(answer_recorder, "backend_factory", factory)
    return made


def review(window: MainWindow, qtbot: QtBot) -> ReviewScreen:
    window.show_screen("review")
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.session.card is not None)
    return screen


def aloud(screen: ReviewScreen, qtbot: QtBot) -> AnswerRecorder:
    recorder = screen.aloud.recorder
    assert not recorder.isVisible()  # Reveal is the default mode
    with qtbot.waitSignal(recorder.availability_known):
        qtbot.mouseClick(screen.answering.mode_switch.buttons["aloud"], Qt.MouseButton.LeftButton)
    assert recorder.isVisible()
    return recorder


def test_review_answer_aloud_records_plays_and_is_remembered(
    window: MainWindow, qtbot: QtBot, microphone: list[FakeAudioBackend]
) -> None:
    screen = review(window, qtbot)
    recorder = aloud(screen, qtbot)
    [backend] = microphone
    assert window.services.settings.review_answer_mode == "aloud"
    assert recorder.record_button.isEnabled() and "Shift+V" in recorder.status.text()
    # the recorder sits between the question and the answer, the answer still hidden
    assert (
        recorder.mapTo(screen, recorder.rect().topLeft()).y()
        > screen.prompt_view.mapTo(screen, screen.prompt_view.rect().topLeft()).y()
    )

    qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    assert recorder.recording
    backend.speak(130_000)
    assert recorder.elapsed.text() == "2:10 / 2:00 · over time"
    with qtbot.waitSignal(recorder.listed):
        qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    assert recorder.list.count() == 1
    qtbot.keyClick(screen, Qt.Key.Key_V)
    assert backend.played and recorder.playing is not None

    qtbot.keyClick(screen, Qt.Key.Key_Space)  # the reveal works as in Reveal mode
    assert screen.answer_view.isVisible() and recorder.isVisible()
    first = screen.session.card
    assert first is not None
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert screen.session.card is not None and screen.session.card.key != first.key
    assert recorder.list.count() == 0 and recorder.playing is None  # the next card's: none yet
    assert len(window.services.recordings.of_question(*first.key)) == 1  # kept by default


def test_review_keep_none_drops_the_recording_once_graded(
    window: MainWindow, qtbot: QtBot, microphone: list[FakeAudioBackend]
) -> None:
    recordings = window.services.recordings
    recordings.set_prefs(RecordingPrefs(target_seconds=60, cap_mb=500, keep=False))
    screen = review(window, qtbot)
    recorder = aloud(screen, qtbot)
    assert recorder.elapsed.text() == "0:00 / 1:00"
    qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    microphone[0].speak(3_000)
    with qtbot.waitSignal(recorder.listed):
        qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    first = screen.session.card
    assert first is not None and recorder.list.count() == 1
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert recordings.of_question(*first.key) == []


def test_shift_v_in_another_mode_switches_to_answer_aloud(
    window: MainWindow, qtbot: QtBot, microphone: list[FakeAudioBackend]
) -> None:
    screen = review(window, qtbot)
    recorder = screen.aloud.recorder
    with qtbot.waitSignal(recorder.availability_known):
        qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    assert screen.answering.mode_switch.mode == "aloud" and recorder.isVisible()
    assert recorder.recording  # pressed while the microphone was still being looked for
    microphone[0].speak(2_000)
    # back to Reveal mid-answer: what was said is kept
    qtbot.mouseClick(screen.answering.mode_switch.buttons["reveal"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not recorder.recording)
    assert not recorder.isVisible()
    card = screen.session.card
    assert card is not None and len(window.services.recordings.of_question(*card.key)) == 1


def test_review_on_this_machines_audio_says_why_recording_is_off(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = review(window, qtbot)
    recorder = screen.aloud.recorder
    with qtbot.waitSignal(recorder.availability_known, timeout=20_000):
        qtbot.mouseClick(screen.answering.mode_switch.buttons["aloud"], Qt.MouseButton.LeftButton)
    assert recorder.availability is not None
    if recorder.availability.can_record:
        pytest.skip("this machine has a microphone")
    assert not recorder.record_button.isEnabled()
    assert recorder.status.text().startswith((audio_probe.NO_MICROPHONE, audio_probe.UNAVAILABLE))
    qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)  # nothing breaks
    assert not recorder.recording
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.answer_view.isVisible()
