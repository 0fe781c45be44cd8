"""Transcribing an answer aloud, through a fake microphone and a fake ``faster_whisper``:
Transcribe shows its progress and then the text, Cancel stops it keeping nothing, Review's
"Use as typed answer" puts the text where the checklist and the grader read it, and without
the package one line says what to install."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.services.app import Services
from interviewprep.services.transcription import transcript_path
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.recordings_card import RecordingsCard
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.widgets.answer_recorder import AnswerRecorder
from interviewprep.ui.workers import Workers
from tests.fake_whisper import FakeWhisper, install, model_folder
from tests.ui.fake_audio import FakeAudioBackend

KEY = ("demo", "alpha")


@pytest.fixture
def whisper(monkeypatch: pytest.MonkeyPatch, services: Services, tmp_path: Path) -> FakeWhisper:
    fake = install(monkeypatch)
    services.recordings.transcriber.set_folder(model_folder(tmp_path))
    return fake


@pytest.fixture
def workers() -> Iterator[Workers]:
    pool = Workers()
    yield pool
    assert pool.wait()


def recorder_with_one(
    qtbot: QtBot, services: Services, workers: Workers | None
) -> tuple[AnswerRecorder, FakeAudioBackend]:
    backend = FakeAudioBackend()
    recorder = AnswerRecorder(services.recordings, backend, workers=workers)
    qtbot.addWidget(recorder)
    recorder.set_question(*KEY)
    with qtbot.waitSignal(recorder.availability_known):
        recorder.show()
    qtbot.mouseClick(recorder.record_button, Qt.MouseButton.LeftButton)
    backend.speak(12_000)
    with qtbot.waitSignal(recorder.listed):
        qtbot.mouseClick(recorder.record_button, Qt.MouseButton.LeftButton)
    return recorder, backend


def test_transcribe_shows_progress_then_the_text_and_it_is_kept(
    qtbot: QtBot, services: Services, whisper: FakeWhisper, workers: Workers
) -> None:
    recorder, _ = recorder_with_one(qtbot, services, workers)
    panel = recorder.transcript
    assert panel.transcribe_button.isVisible() and not panel.progress.isVisible()
    assert not panel.use_button.isVisible()  # offered on Review only
    whisper.gate = threading.Event()

    qtbot.mouseClick(panel.transcribe_button, Qt.MouseButton.LeftButton)
    assert panel.progress.isVisible() and panel.cancel_button.isVisible()
    assert not panel.transcribe_button.isVisible()
    qtbot.waitUntil(lambda: panel.progress.value() == 4000)  # a third of 12 s heard
    assert panel.progress.maximum() == 12_000 and not panel.text.isVisible()
    assert panel.hint.text() == "Transcribing: 0:04 of 0:12"
    with qtbot.waitSignal(panel.finished):
        whisper.gate.set()
    assert panel.text.isVisible() and panel.text.text() == whisper.text
    assert not panel.progress.isVisible() and not panel.transcribe_button.isVisible()

    # seen again (another question and back): from the file beside the recording, at once
    recorder.set_question("demo", "beta")
    assert not panel.isVisible()
    recorder.set_question(*KEY)
    assert panel.text.text() == whisper.text and len(whisper.heard) == 1


def test_cancel_stops_it_and_keeps_nothing(
    qtbot: QtBot, services: Services, whisper: FakeWhisper, workers: Workers
) -> None:
    recorder, _ = recorder_with_one(qtbot, services, workers)
    panel = recorder.transcript
    whisper.gate = threading.Event()
    qtbot.mouseClick(panel.transcribe_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress.value() == 4000)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.finished):
        whisper.gate.set()
    assert panel.hint.isVisible() and panel.hint.text() == "Transcription cancelled"
    assert not panel.text.isVisible() and panel.transcribe_button.isVisible()
    chosen = recorder.selected()
    assert chosen is not None and not transcript_path(chosen.path).exists()


def test_deleting_the_recording_takes_its_transcript(
    qtbot: QtBot, services: Services, whisper: FakeWhisper, workers: Workers
) -> None:
    recorder, _ = recorder_with_one(qtbot, services, workers)
    panel = recorder.transcript
    with qtbot.waitSignal(panel.finished):
        qtbot.mouseClick(panel.transcribe_button, Qt.MouseButton.LeftButton)
    chosen = recorder.selected()
    assert chosen is not None and transcript_path(chosen.path).exists()
    qtbot.mouseClick(recorder.delete_button, Qt.MouseButton.LeftButton)
    assert not transcript_path(chosen.path).exists() and not panel.isVisible()


def test_without_the_package_one_line_says_what_to_install(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, workers: Workers
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    recorder, _ = recorder_with_one(qtbot, services, workers)
    panel = recorder.transcript
    assert not panel.transcribe_button.isVisible()
    assert panel.hint.isVisible() and "pip install 'interviewprep[voice]'" in panel.hint.text()
    assert panel.hint.text().startswith("Playback and self-check only; install")
    # one line at the width Review gives the recorder
    assert panel.hint.fontMetrics().horizontalAdvance(panel.hint.text()) < 720


def test_settings_card_takes_the_model_folder_and_says_if_it_will_do(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    install(monkeypatch)
    card = RecordingsCard(services.recordings)
    qtbot.addWidget(card)
    card.load()
    card.show()
    assert card.model_folder.text() == ""
    assert "Choose a Whisper model folder" in card.model_status.text()

    empty = tmp_path / "empty"
    empty.mkdir()
    card.model_folder.setFocus()
    qtbot.keyClicks(card.model_folder, str(empty))
    with qtbot.waitSignal(card.saved):
        qtbot.keyClick(card.model_folder, Qt.Key.Key_Return)
    assert "not a Whisper model folder" in card.model_status.text()
    assert card.model_status.objectName() == "Error"

    folder = model_folder(tmp_path)
    card.model_folder.clear()
    qtbot.keyClicks(card.model_folder, str(folder))
    with qtbot.waitSignal(card.saved):
        qtbot.keyClick(card.model_folder, Qt.Key.Key_Return)
    assert services.recordings.transcriber.folder == folder
    assert card.model_status.text().startswith("Transcribed on this computer")
    assert card.model_status.objectName() == "Muted"


def test_review_use_as_typed_answer_fills_the_answer_box(
    window: MainWindow, qtbot: QtBot, microphone: list[FakeAudioBackend], whisper: FakeWhisper
) -> None:
    window.show_screen("review")
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.session.card is not None)
    recorder = screen.aloud.recorder
    with qtbot.waitSignal(recorder.availability_known):
        qtbot.mouseClick(screen.answering.mode_switch.buttons["aloud"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    microphone[0].speak(12_000)
    with qtbot.waitSignal(recorder.listed):
        qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    panel = recorder.transcript
    with qtbot.waitSignal(panel.finished):
        qtbot.mouseClick(panel.transcribe_button, Qt.MouseButton.LeftButton)
    typed = screen.answering.typed
    assert not typed.isVisible()  # answering aloud: no box until a transcript goes in

    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    assert typed.isVisible() and typed.text == whisper.text
    assert typed.box.hasFocus()  # to mend what Whisper misheard
    qtbot.keyClicks(typed.box, " Then it answers.")
    qtbot.keyClick(typed.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert screen.session.revealed
    # what the checklist and the AI grader read: the transcript, as the user mended it
    assert typed.shown.isVisible() and typed.shown.text() == f"{whisper.text} Then it answers."
    assert screen.answering._typed_this_card
