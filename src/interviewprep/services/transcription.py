"""Spoken answers as text, on this computer only, and only if the user asks for it: with the
optional ``faster-whisper`` package (``pip install 'interviewprep[voice]'``) and a Whisper model
folder the user already has on disk (CTranslate2 format: ``model.bin`` and ``tokenizer.json``).

Nothing is ever downloaded. faster-whisper fetches a model when given a model *name*, and a
tokenizer when the folder has none; so the model is only ever loaded from a folder path, with
``local_files_only``, and a folder without its tokenizer is refused before it is loaded.

A transcript is kept beside its recording (``<stem>.transcript.txt``, plain text the user can
open), so seeing it again costs nothing; deleting the recording deletes it
(``RecordingsService.delete``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from interviewprep.core.errors import Cancelled, UserFacingError
from interviewprep.services.settings import SettingsService

PACKAGE = "faster_whisper"
SETTING = "recordings.whisper_model_dir"
INSTALL_HINT = "Install the voice extra: pip install 'interviewprep[voice]'"
MODEL_FILES = ("model.bin", "tokenizer.json")
"""What a usable folder holds: the weights, and the tokenizer faster-whisper would otherwise
fetch from the network."""
TRANSCRIPT_SUFFIX = ".transcript.txt"
_META_KEY = "transcript"
"""Under this key of the recording's own ``.json`` sidecar: the language and length."""

ProgressFn = Callable[[int, int], None]
"""``progress(done, total)``, in milliseconds of the recording."""


class Model(Protocol):
    def transcribe(self, audio: str, **options: Any) -> tuple[Iterable[Any], Any]: ...


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    """What Whisper heard ("en"); empty if unknown."""
    seconds: float
    """The length of the recording transcribed."""


def transcript_path(recording: Path) -> Path:
    return recording.with_name(recording.stem + TRANSCRIPT_SUFFIX)


def _meta_path(recording: Path) -> Path:
    return recording.with_suffix(".json")


def clear(recording: Path) -> None:
    """The recording is going: its transcript goes with it."""
    transcript_path(recording).unlink(missing_ok=True)


def package_installed() -> bool:
    if sys.modules.get(PACKAGE) is not None:
        return True
    try:
        return importlib.util.find_spec(PACKAGE) is not None
    except (ImportError, ValueError):
        return False


def load_modules() -> None:
    """Import faster-whisper (ctranslate2, PyAV, tokenizers) now, on the calling thread. The GUI
    calls it before it hands a transcription to a worker, as it does ``library.load_readers``:
    imported on a worker while the GUI thread imports modules of its own, PySide6's import hook
    can leave a package half initialised and the import fails. Once loaded, a worker imports
    nothing."""
    # faster-whisper pulls in huggingface_hub; should anything in it still try the network,
    # offline mode refuses instead of fetching
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import faster_whisper  # noqa: F401


class Transcriber:
    def __init__(self, settings: SettingsService) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        """One model in memory and one transcription at a time: Whisper uses every core."""
        self._model: Model | None = None
        self._model_folder: Path | None = None

    # -- settings -------------------------------------------------------------------------------

    @property
    def folder(self) -> Path | None:
        value = self._settings.get(SETTING)
        return Path(value).expanduser() if value else None

    def set_folder(self, folder: Path | None) -> None:
        self._settings.set(SETTING, str(folder) if folder is not None else None)

    def status(self) -> tuple[bool, str]:
        """Whether recordings can be transcribed, and if not, what to do about it (one line)."""
        if not package_installed():
            return False, INSTALL_HINT
        folder = self.folder
        if folder is None:
            return False, "Choose a Whisper model folder in Settings › Recordings to transcribe"
        if not folder.is_dir():
            return False, f"The Whisper model folder {folder} is not there"
        missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
        if missing:
            return False, (
                f"{folder} is not a Whisper model folder (CTranslate2): no {' or '.join(missing)}"
            )
        return True, f"Transcribed on this computer with the model in {folder}"

    @property
    def available(self) -> bool:
        return self.status()[0]

    # -- transcripts ----------------------------------------------------------------------------

    def cached(self, recording: Path) -> Transcript | None:
        """The transcript made before, if any: no model needed to show it."""
        try:
            text = transcript_path(recording).read_text("utf-8")
        except OSError:
            return None
        language, seconds = "", 0.0
        try:
            meta = json.loads(_meta_path(recording).read_text("utf-8")).get(_META_KEY) or {}
            language = str(meta.get("language", ""))
            seconds = float(meta.get("seconds", 0.0))
        except (OSError, ValueError, AttributeError, TypeError):
            pass
        return Transcript(text, language, seconds)

    def transcribe(
        self,
        recording: Path,
        progress: ProgressFn | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> Transcript:
        """``recording`` as text, from the cache or by Whisper; raises ``Cancelled`` between
        segments once ``is_cancelled`` says so (nothing is then kept)."""
        found = self.cached(recording)
        if found is not None:
            return found
        available, reason = self.status()
        if not available:
            raise UserFacingError(reason)
        folder = self.folder
        assert folder is not None  # status() said so
        with self._lock:
            model = self._load(folder)
            segments, info = model.transcribe(str(recording), beam_size=5)
            total = max(1, round(float(getattr(info, "duration", 0.0) or 0.0) * 1000))
            parts: list[str] = []
            for segment in segments:  # decoded lazily: each step is real work
                if is_cancelled is not None and is_cancelled():
                    raise Cancelled
                parts.append(str(segment.text).strip())
                if progress is not None:
                    progress(min(total, round(float(segment.end) * 1000)), total)
            if is_cancelled is not None and is_cancelled():
                raise Cancelled
        if progress is not None:
            progress(total, total)
        transcript = Transcript(
            " ".join(p for p in parts if p),
            str(getattr(info, "language", "") or ""),
            total / 1000,
        )
        self._keep(recording, transcript)
        return transcript

    def _load(self, folder: Path) -> Model:
        if self._model is None or self._model_folder != folder:
            from faster_whisper import WhisperModel

            # a folder path, never a model name, and local files only: nothing is downloaded
            self._model = WhisperModel(
                str(folder), device="cpu", compute_type="int8", local_files_only=True
            )
            self._model_folder = folder
        return self._model

    def _keep(self, recording: Path, transcript: Transcript) -> None:
        if not recording.exists():
            return  # deleted while it was being transcribed
        transcript_path(recording).write_text(transcript.text, "utf-8")
        meta_path = _meta_path(recording)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            meta = {}
        if not isinstance(meta, dict):
            meta = {}
        meta[_META_KEY] = {"language": transcript.language, "seconds": transcript.seconds}
        meta_path.write_text(json.dumps(meta), "utf-8")
