"""Spoken answers on disk: listed per question newest first, deleted, capped, not kept on
request, and safe whatever the ids of someone else's bank look like."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.services.recordings import (
    DEFAULT_TARGET_SECONDS,
    RecordingPrefs,
    RecordingsService,
    format_duration,
    format_size,
)

KEY = ("agents", "tool-calling")


def record(
    recordings: RecordingsService,
    clock: FixedClock,
    size: int = 1000,
    key: tuple[str, str] = KEY,
    duration_ms: int = 5000,
) -> Path:
    path = recordings.new_path(*key, ".m4a")
    path.write_bytes(b"\0" * size)
    recordings.finished(path, duration_ms)
    clock.advance(timedelta(minutes=1))
    return path


def test_recordings_are_listed_newest_first_with_date_length_and_size(
    services: Services, clock: FixedClock
) -> None:
    recordings = services.recordings
    first = record(recordings, clock, size=2048, duration_ms=72_400)
    second = record(recordings, clock, size=4096, duration_ms=9_000)
    listed = recordings.of_question(*KEY)
    assert [r.path for r in listed] == [second.resolve(), first.resolve()]
    assert listed[1].recorded_at == clock.now() - timedelta(minutes=2)
    assert (listed[1].duration_ms, listed[1].size_bytes) == (72_400, 2048)
    assert format_duration(listed[1].duration_ms) == "1:12"
    assert format_size(listed[0].size_bytes) == "4 KB"
    assert recordings.of_question("agents", "other") == []
    assert first.is_relative_to(services.data_dir)


def test_two_recordings_in_one_second_keep_both_in_order(
    services: Services, clock: FixedClock
) -> None:
    recordings = services.recordings
    paths = []
    for _ in range(3):
        path = recordings.new_path(*KEY, ".m4a")
        path.write_bytes(b"x")
        recordings.finished(path, 1000)
        paths.append(path.resolve())
    assert len(set(paths)) == 3
    assert [r.path for r in recordings.of_question(*KEY)] == paths[::-1]


def test_a_recording_left_by_a_crash_is_listed_without_a_length(
    services: Services,
) -> None:
    path = services.recordings.new_path(*KEY, ".ogg")
    path.write_bytes(b"half")  # the app died before the recorder reported its length
    [listed] = services.recordings.of_question(*KEY)
    assert listed.duration_ms is None and format_duration(None) == "–:––"


def test_deleting_removes_the_file_and_its_empty_folder(
    services: Services, clock: FixedClock
) -> None:
    recordings = services.recordings
    path = record(recordings, clock)
    recordings.delete(path)
    assert recordings.of_question(*KEY) == []
    assert not path.exists() and not path.parent.exists()


def test_over_the_cap_the_oldest_go_never_the_one_just_made(
    services: Services, clock: FixedClock
) -> None:
    recordings = services.recordings
    mb = 1024 * 1024
    recordings.set_prefs(RecordingPrefs(target_seconds=120, cap_mb=2, keep=True))
    oldest = record(recordings, clock, size=mb, key=("b", "q1"))
    middle = record(recordings, clock, size=mb, key=("b", "q2"))
    newest = recordings.new_path("b", "q1", ".m4a")
    newest.write_bytes(b"\0" * mb)
    assert recordings.finished(newest, 1000) == [oldest.resolve()]
    assert {r.path for r in recordings.of_question("b", "q1")} == {newest.resolve()}
    assert middle.exists()

    huge = recordings.new_path("b", "q3", ".m4a")
    huge.write_bytes(b"\0" * 3 * mb)  # over the cap on its own: kept, the rest make room
    recordings.finished(huge, 1000)
    assert huge.exists() and not middle.exists() and not newest.exists()
    assert recordings.total_bytes() == 3 * mb


def test_lowering_the_cap_trims_at_once(services: Services, clock: FixedClock) -> None:
    recordings = services.recordings
    for _ in range(3):
        record(recordings, clock, size=600 * 1024)
    recordings.set_prefs(RecordingPrefs(target_seconds=120, cap_mb=1, keep=True))
    assert len(recordings.of_question(*KEY)) == 1


def test_keep_none_deletes_a_questions_recordings_when_it_is_left(
    services: Services, clock: FixedClock
) -> None:
    recordings = services.recordings
    other = record(recordings, clock, key=("b", "other"))
    assert recordings.prefs.keep and recordings.prefs.target_seconds == DEFAULT_TARGET_SECONDS
    record(recordings, clock)
    assert recordings.leave(*KEY) == 0  # kept by default
    recordings.set_prefs(RecordingPrefs(target_seconds=90, cap_mb=500, keep=False))
    assert recordings.prefs == RecordingPrefs(90, 500, False)
    assert recordings.leave(*KEY) == 1
    assert recordings.of_question(*KEY) == [] and other.exists()
    assert recordings.delete_all() == 1 and recordings.total_bytes() == 0


HOSTILE_IDS = [
    ("../../etc", "passwd"),
    ("bank", "../../../outside"),
    ("/abs/path", "q"),
    ("bank", "C:\\Windows\\system32"),
    ("..", ".."),
    ("CON", "nul"),
    ("bank", "a" * 500),
    ("bank", "q\0null"),
    ("bank", "ünïcødé ✓ / spaces"),
    ("", ""),
]


@pytest.mark.parametrize(("bank_id", "question_id"), HOSTILE_IDS)
def test_any_ids_stay_in_one_folder_of_their_own(
    services: Services, clock: FixedClock, bank_id: str, question_id: str
) -> None:
    recordings = services.recordings
    path = record(recordings, clock, key=(bank_id, question_id))
    root = recordings.root.resolve()
    assert path.resolve().parent.parent == root
    assert len(path.parent.name) < 120 and not path.parent.name.startswith(".")
    assert [r.path for r in recordings.of_question(bank_id, question_id)] == [path.resolve()]


def test_ids_that_sanitise_alike_do_not_share_a_folder(
    services: Services, clock: FixedClock
) -> None:
    recordings = services.recordings
    record(recordings, clock, key=("bank", "a/b"))
    record(recordings, clock, key=("bank", "a?b"))
    assert len(recordings.of_question("bank", "a/b")) == 1
    assert len(recordings.of_question("bank", "a?b")) == 1


def test_only_recordings_can_be_deleted(services: Services, tmp_path: Path) -> None:
    outside = tmp_path / "precious.m4a"
    outside.write_bytes(b"keep me")
    with pytest.raises(ValueError):
        services.recordings.delete(outside)
    with pytest.raises(ValueError):
        services.recordings.delete(services.data_dir / "interviewprep.sqlite3")
    with pytest.raises(ValueError):
        services.recordings.new_path(*KEY, "/../../x.m4a")
    assert outside.read_bytes() == b"keep me"
