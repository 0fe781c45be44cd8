"""Spoken answers: audio files under the data folder, one folder per question, kept under a
total size cap (or not kept at all, if the user says so).

The files are written by the UI's recorder; this module only names, lists, sizes and deletes
them. Bank and question ids come from other people's files, so a folder name is a sanitised
form of the ids plus a hash of the exact ids: nothing in an id can reach outside the folder,
and two ids that sanitise alike still get folders of their own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interviewprep.core.clock import Clock
from interviewprep.services import transcription
from interviewprep.services.settings import SettingsService
from interviewprep.services.transcription import Transcriber

FOLDER_NAME = "recordings"
AUDIO_SUFFIXES = (".m4a", ".ogg", ".wav", ".mka", ".flac", ".aac", ".webm")
DEFAULT_TARGET_SECONDS = 120
"""A spoken interview answer runs about two minutes; longer ones lose the interviewer."""
DEFAULT_CAP_MB = 500
_STAMP = "%Y%m%dT%H%M%SZ"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ID_CHARS = 40


def _safe(text: str) -> str:
    """Letters, digits, dot, dash and underscore only, no leading dot, at most 40 of them."""
    cleaned = _UNSAFE.sub("_", text).lstrip(".")[:_ID_CHARS]
    return cleaned or "_"


def folder_name(bank_id: str, question_id: str) -> str:
    digest = hashlib.sha256(f"{bank_id}\0{question_id}".encode()).hexdigest()[:12]
    return f"{_safe(bank_id)}--{_safe(question_id)}-{digest}"


@dataclass(frozen=True)
class Recording:
    path: Path
    recorded_at: datetime
    duration_ms: int | None
    """None when the recorder never reported it (a file left by a crash)."""
    size_bytes: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class RecordingPrefs:
    target_seconds: int
    cap_mb: int
    keep: bool
    """False: a question's recordings go as soon as the user moves on from it."""


class RecordingsService:
    def __init__(self, data_dir: Path, settings: SettingsService, clock: Clock) -> None:
        self.root = data_dir / FOLDER_NAME
        self._settings = settings
        self._clock = clock
        self.transcriber = Transcriber(settings)

    # -- settings -------------------------------------------------------------------------------

    @property
    def prefs(self) -> RecordingPrefs:
        get = self._settings.get
        return RecordingPrefs(
            target_seconds=max(10, int(get("recordings.target_seconds", DEFAULT_TARGET_SECONDS))),
            cap_mb=max(1, int(get("recordings.cap_mb", DEFAULT_CAP_MB))),
            keep=bool(get("recordings.keep", True)),
        )

    def set_prefs(self, prefs: RecordingPrefs) -> None:
        self._settings.set("recordings.target_seconds", int(prefs.target_seconds))
        self._settings.set("recordings.cap_mb", int(prefs.cap_mb))
        self._settings.set("recordings.keep", bool(prefs.keep))
        self.enforce_cap()

    # -- files ----------------------------------------------------------------------------------

    def folder(self, bank_id: str, question_id: str) -> Path:
        return self.root / folder_name(bank_id, question_id)

    def new_path(self, bank_id: str, question_id: str, suffix: str) -> Path:
        """Where the next recording of this question goes (its folder made): named by the
        time it starts, so names sort oldest first."""
        if suffix not in AUDIO_SUFFIXES:
            raise ValueError(f"not an audio file suffix: {suffix!r}")
        folder = self.folder(bank_id, question_id)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = self._clock.now().astimezone(UTC).strftime(_STAMP)
        path = folder / f"{stamp}{suffix}"
        n = 2
        while (
            path.exists() or _sidecar(path).exists() or transcription.transcript_path(path).exists()
        ):
            path = folder / f"{stamp}-{n}{suffix}"
            n += 1
        return path

    def finished(self, path: Path, duration_ms: int) -> list[Path]:
        """A recording is complete: note its length, then keep the total under the cap without
        touching it. Returns the files deleted for the cap."""
        path = self._inside(path)
        _sidecar(path).write_text(json.dumps({"duration_ms": int(duration_ms)}), "utf-8")
        return self.enforce_cap(spare=path)

    def of_question(self, bank_id: str, question_id: str) -> list[Recording]:
        """This question's recordings, newest first."""
        folder = self.folder(bank_id, question_id)
        return sorted(_recordings_in(folder), key=_order, reverse=True)

    def delete(self, path: Path) -> None:
        path = self._inside(path)
        path.unlink(missing_ok=True)
        _sidecar(path).unlink(missing_ok=True)
        transcription.clear(path)
        _remove_if_empty(path.parent)

    def leave(self, bank_id: str, question_id: str) -> int:
        """The user moved on from a question: with "keep no recordings" on, its recordings go.
        Returns how many were deleted."""
        if self.prefs.keep:
            return 0
        gone = self.of_question(bank_id, question_id)
        for recording in gone:
            self.delete(recording.path)
        return len(gone)

    def total_bytes(self) -> int:
        return sum(r.size_bytes for r in self._all())

    def delete_all(self) -> int:
        every = self._all()
        for recording in every:
            self.delete(recording.path)
        return len(every)

    def enforce_cap(self, spare: Path | None = None) -> list[Path]:
        """Delete the oldest recordings until all of them fit the cap; never ``spare`` (the one
        just made: if it alone is over the cap it stays, the user made it a moment ago)."""
        cap = self.prefs.cap_mb * 1024 * 1024
        every = sorted(self._all(), key=_order)
        total = sum(r.size_bytes for r in every)
        deleted: list[Path] = []
        for recording in every:
            if total <= cap:
                break
            if spare is not None and recording.path == spare:
                continue
            self.delete(recording.path)
            total -= recording.size_bytes
            deleted.append(recording.path)
        return deleted

    def _all(self) -> list[Recording]:
        if not self.root.is_dir():
            return []
        found: list[Recording] = []
        for folder in self.root.iterdir():
            if folder.is_dir() and not folder.is_symlink():
                found.extend(_recordings_in(folder))
        return found

    def _inside(self, path: Path) -> Path:
        """``path``, if it is a recording file in one of this service's question folders."""
        resolved = path.resolve()
        root = self.root.resolve()
        if resolved.parent.parent != root or resolved.suffix not in AUDIO_SUFFIXES:
            raise ValueError(f"not a recording: {path}")
        return resolved


def _order(recording: Recording) -> tuple[datetime, int]:
    """Oldest first: by the start time, then by the -2, -3 of recordings in the same second."""
    _, _, seq = recording.path.stem.partition("-")
    return recording.recorded_at, int(seq) if seq.isdigit() else 1


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty, or already gone
        folder.rmdir()


def _recordings_in(folder: Path) -> list[Recording]:
    found: list[Recording] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return found
    for path in entries:
        if path.suffix not in AUDIO_SUFFIXES or not path.is_file() or path.is_symlink():
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append(
            Recording(
                path.resolve(), _recorded_at(path, stat.st_mtime), _duration(path), stat.st_size
            )
        )
    return found


def _recorded_at(path: Path, mtime: float) -> datetime:
    stamp = path.stem.split("-")[0]
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return datetime.fromtimestamp(mtime, UTC)


def _duration(path: Path) -> int | None:
    try:
        value = json.loads(_sidecar(path).read_text("utf-8")).get("duration_ms")
    except (OSError, ValueError, AttributeError):
        return None
    return int(value) if isinstance(value, int | float) and value >= 0 else None


def format_duration(ms: int | None) -> str:
    if ms is None:
        return "–:––"
    seconds = round(ms / 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
