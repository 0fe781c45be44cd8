"""Spoken answers as text, through a fake ``faster_whisper``: what the user is told when it
cannot be done, the text with its progress, cancelling, the transcript kept beside the
recording and deleted with it, and no way for a model to be fetched from anywhere."""

from __future__ import annotations

import socket
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.clock import FixedClock
from interviewprep.core.errors import Cancelled, UserFacingError
from interviewprep.services.app import Services
from interviewprep.services.transcription import INSTALL_HINT, transcript_path
from tests.fake_whisper import FakeWhisper, install, model_folder

KEY = ("agents", "tool-calling")


@pytest.fixture
def whisper(monkeypatch: pytest.MonkeyPatch) -> FakeWhisper:
    return install(monkeypatch)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A download would have to connect somewhere: any attempt fails the test."""

    def refuse(*_: object) -> None:
        raise AssertionError("transcription tried the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def recording(services: Services, clock: FixedClock) -> Path:
    path = services.recordings.new_path(*KEY, ".m4a")
    path.write_bytes(b"\1" * 4000)
    services.recordings.finished(path, 12_000)
    clock.advance(timedelta(minutes=1))
    return path


def test_without_the_package_it_says_what_to_install(
    services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if not installed
    transcriber = services.recordings.transcriber
    transcriber.set_folder(model_folder(tmp_path))
    available, reason = transcriber.status()
    assert not available
    assert reason == INSTALL_HINT
    assert "pip install 'interviewprep[voice]'" in reason


def test_the_folder_unset_missing_or_not_a_model_is_named(
    services: Services, whisper: FakeWhisper, tmp_path: Path, clock: FixedClock
) -> None:
    transcriber = services.recordings.transcriber
    available, reason = transcriber.status()
    assert not available and "Choose a Whisper model folder" in reason

    transcriber.set_folder(tmp_path / "nowhere")
    available, reason = transcriber.status()
    assert not available and "nowhere" in reason and "not there" in reason

    empty = tmp_path / "empty"
    empty.mkdir()
    transcriber.set_folder(empty)
    available, reason = transcriber.status()
    assert not available and "not a Whisper model folder" in reason and "model.bin" in reason

    # without its tokenizer faster-whisper would fetch one: refused before anything loads
    (empty / "model.bin").write_bytes(b"")
    available, reason = transcriber.status()
    assert not available and "tokenizer.json" in reason and "model.bin" not in reason
    with pytest.raises(UserFacingError, match=r"tokenizer\.json"):
        transcriber.transcribe(recording(services, clock))
    assert whisper.loaded == []

    transcriber.set_folder(model_folder(tmp_path))
    assert transcriber.status()[0]


def test_transcribes_with_progress_from_a_local_folder_only(
    services: Services, whisper: FakeWhisper, tmp_path: Path, clock: FixedClock
) -> None:
    folder = model_folder(tmp_path)
    transcriber = services.recordings.transcriber
    transcriber.set_folder(folder)
    path = recording(services, clock)
    reports: list[tuple[int, int]] = []

    transcript = transcriber.transcribe(path, lambda done, total: reports.append((done, total)))

    assert transcript.text == whisper.text
    assert transcript.language == "en" and transcript.seconds == 12.0
    assert reports == [(4000, 12000), (8000, 12000), (12000, 12000), (12000, 12000)]
    [loaded] = whisper.loaded
    assert loaded == {
        "folder": folder,
        "device": "cpu",
        "compute_type": "int8",
        "local_files_only": True,
    }
    assert whisper.heard == [str(path)]


def test_cancelled_between_segments_keeps_nothing(
    services: Services, whisper: FakeWhisper, tmp_path: Path, clock: FixedClock
) -> None:
    services.recordings.transcriber.set_folder(model_folder(tmp_path))
    path = recording(services, clock)
    stop = threading.Event()
    reports: list[int] = []

    def progress(done: int, _total: int) -> None:
        reports.append(done)
        stop.set()  # the user presses Cancel once the first words are out

    with pytest.raises(Cancelled):
        services.recordings.transcriber.transcribe(path, progress, stop.is_set)
    assert reports == [4000]  # the other two segments were never decoded
    assert not transcript_path(path).exists()
    assert services.recordings.transcriber.cached(path) is None


def test_the_transcript_is_kept_beside_the_recording_and_read_back_without_the_model(
    services: Services, whisper: FakeWhisper, tmp_path: Path, clock: FixedClock
) -> None:
    transcriber = services.recordings.transcriber
    transcriber.set_folder(model_folder(tmp_path))
    path = recording(services, clock)
    first = transcriber.transcribe(path)
    sidecar = transcript_path(path)
    assert sidecar.parent == path.parent and sidecar.read_text("utf-8") == whisper.text
    # still one recording: the transcript is not listed as one, and its length survived
    [listed] = services.recordings.of_question(*KEY)
    assert listed.duration_ms == 12_000

    again = transcriber.transcribe(path)
    assert again == first and len(whisper.heard) == 1  # the second view is from the file
    assert transcriber.cached(path) == first


def test_deleting_a_recording_deletes_its_transcript(
    services: Services, whisper: FakeWhisper, tmp_path: Path, clock: FixedClock
) -> None:
    services.recordings.transcriber.set_folder(model_folder(tmp_path))
    kept, gone = recording(services, clock), recording(services, clock)
    for path in (kept, gone):
        services.recordings.transcriber.transcribe(path)
    services.recordings.delete(gone)
    assert not transcript_path(gone).exists() and not gone.parent.joinpath(gone.name).exists()
    assert transcript_path(kept).exists()

    services.recordings.delete_all()
    assert not transcript_path(kept).exists()
    assert not services.recordings.root.joinpath(kept.parent.name).exists()  # folder removed too


def test_a_recording_named_after_a_transcript_left_behind_gets_a_new_name(
    services: Services, clock: FixedClock
) -> None:
    path = services.recordings.new_path(*KEY, ".m4a")
    transcript_path(path).write_text("an old transcript", "utf-8")
    assert services.recordings.new_path(*KEY, ".m4a") != path
