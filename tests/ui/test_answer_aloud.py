"""Answering aloud on the Review, System design and Mock interview screens, through a fake
microphone: keys and clicks record, stop, play; leaving a card drops recordings only when the
user asked to keep none; on this machine's own audio the control says why it is off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.core.clock import FixedClock
from interviewprep.services.recordings import RecordingPrefs, format_duration
from interviewprep.ui import audio_probe, dialogs
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.design import DesignScreen
from interviewprep.ui.screens.mock import REPORT, RUNNING, MockScreen
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.screens.settings import SettingsScreen
from interviewprep.ui.widgets.answer_recorder import AnswerRecorder
from tests.ui.fake_audio import FakeAudioBackend
from tests.ui.review_screen import review


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


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_design_round_records_beside_the_notes_and_plays_back_when_finished(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, microphone: list[FakeAudioBackend]
) -> None:
    recordings = window.services.recordings
    recordings.set_prefs(RecordingPrefs(target_seconds=120, cap_mb=500, keep=False))
    window.show_screen("design")
    screen = window.screens["design"]
    assert isinstance(screen, DesignScreen)
    qtbot.waitUntil(lambda: screen.session is not None)
    recorder = screen.recorder
    qtbot.waitUntil(lambda: recorder.availability is not None)
    assert recorder.isVisible() and recorder.elapsed.text() == "0:00 / 45:00"  # the time box
    session = screen.session
    assert session is not None
    key = session.card.key

    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.notes, "Scope: refunds")
    qtbot.keyClick(screen.notes, Qt.Key.Key_R, CTRL_SHIFT)  # from the notes, typing nothing
    assert recorder.recording and screen.notes.toPlainText() == "Scope: refunds"
    microphone[0].speak(95_000)
    with qtbot.waitSignal(recorder.listed):
        qtbot.keyClick(screen.notes, Qt.Key.Key_R, CTRL_SHIFT)
    assert recorder.list.count() == 1

    clock.advance(timedelta(minutes=30))
    qtbot.keyClick(screen.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert session.finished and recorder.isVisible()  # beside the rubric, to listen back
    qtbot.keyClick(screen, Qt.Key.Key_P, CTRL_SHIFT)
    assert microphone[0].played == [recordings.of_question(*key)[0].path]
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert session.graded and recordings.of_question(*key) == []  # keep none: graded, gone


def test_mock_interview_records_each_answer_and_the_report_plays_them(
    window: MainWindow, qtbot: QtBot, microphone: list[FakeAudioBackend]
) -> None:
    recordings = window.services.recordings
    recordings.set_prefs(RecordingPrefs(target_seconds=120, cap_mb=500, keep=False))
    window.show_screen("mock")
    screen = window.screens["mock"]
    assert isinstance(screen, MockScreen)
    qtbot.waitUntil(lambda: screen.role_combo.count() > 0)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == RUNNING)
    recorder = screen.recorder
    qtbot.waitUntil(lambda: recorder.availability is not None)
    session = screen.session
    assert session is not None and session.item is not None
    first = session.item
    # the question's share of the loop: 2.5 minutes a flashcard
    assert recorder.elapsed.text() == f"0:00 / {format_duration(round(first.minutes * 60_000))}"

    qtbot.keyClick(screen.answer, Qt.Key.Key_R, CTRL_SHIFT)
    microphone[0].speak(40_000)
    with qtbot.waitSignal(recorder.listed):
        qtbot.keyClick(screen.answer, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.keyClick(screen.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert recorder.list.count() == 0  # the next question's
    assert len(recordings.of_question(*first.key)) == 1  # kept for the report, even so
    qtbot.keyClick(screen.answer, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    assert screen.pages.currentIndex() == REPORT and screen._selected_index() == 0
    played = screen.report_recorder
    qtbot.waitUntil(lambda: played.availability is not None)
    assert played.list.count() == 1 and not played.record_button.isVisible()
    qtbot.keyClick(screen.report_list, Qt.Key.Key_P, CTRL_SHIFT)
    assert played.playing is not None
    qtbot.keyClick(screen.report_list, Qt.Key.Key_3)
    qtbot.keyClick(screen.report_list, Qt.Key.Key_3)
    qtbot.keyClick(screen.report_list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert session.saved is not None
    assert recordings.of_question(*first.key) == []  # keep none: graded and saved, gone


def test_settings_set_the_target_the_cap_and_keep_none(
    window: MainWindow, qtbot: QtBot, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    recordings = window.services.recordings
    for size in (700_000, 700_000):
        path = recordings.new_path("demo", "alpha", ".m4a")
        path.write_bytes(b"\0" * size)
        recordings.finished(path, 1000)
        clock.advance(timedelta(minutes=1))
    window.show_screen("settings")
    screen = window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    card = screen.recordings_card
    assert (card.target.value(), card.cap.value(), card.keep_none.isChecked()) == (120, 500, False)
    assert card.usage.text() == "Recordings take 1.3 MB now"

    for box, text in ((card.target, "90"), (card.cap, "1")):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(box, text)
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert recordings.prefs.target_seconds == 90 and recordings.prefs.cap_mb == 1
    assert len(recordings.of_question("demo", "alpha")) == 1  # the older one made room
    assert card.usage.text() == "Recordings take 684 KB now"
    qtbot.mouseClick(card.keep_none, Qt.MouseButton.LeftButton)
    assert not recordings.prefs.keep

    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    qtbot.mouseClick(card.delete_all_button, Qt.MouseButton.LeftButton)
    assert recordings.total_bytes() == 0 and card.usage.text() == "No recordings"
    assert not card.delete_all_button.isEnabled()
