"""A stand-in for the optional ``faster_whisper`` package: a module put into ``sys.modules``
whose model yields the segments a test gives it, and which refuses anything but a local model
folder (a model name would be a download)."""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SPOKEN = ("An agent calls a tool", "when the model asks for it,", "and reads the result back.")


@dataclass
class Segment:
    start: float
    end: float
    text: str


@dataclass
class Info:
    language: str
    duration: float


@dataclass
class FakeWhisper:
    """What the fake model says, and what it was asked."""

    segments: list[Segment] = field(
        default_factory=lambda: [
            Segment(i * 4.0, (i + 1) * 4.0, f" {text}") for i, text in enumerate(SPOKEN)
        ]
    )
    duration: float = 12.0
    loaded: list[dict[str, Any]] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)
    gate: threading.Event | None = None
    """If set, each segment after the first waits for it: a test can cancel mid-way."""
    reached: threading.Event = field(default_factory=threading.Event)
    """Set once the first segment is out."""

    @property
    def text(self) -> str:
        return " ".join(SPOKEN)


def install(monkeypatch: pytest.MonkeyPatch) -> FakeWhisper:
    fake = FakeWhisper()

    class WhisperModel:
        def __init__(self, model_size_or_path: str, **options: Any) -> None:
            folder = Path(model_size_or_path)
            # a folder on disk with the model in it, never a name to fetch
            assert folder.is_absolute() and (folder / "model.bin").is_file(), model_size_or_path
            assert options.get("local_files_only") is True
            fake.loaded.append({"folder": folder, **options})

        def transcribe(self, audio: str, **_: Any) -> tuple[Iterator[Segment], Info]:
            fake.heard.append(audio)

            def segments() -> Iterator[Segment]:
                for index, segment in enumerate(fake.segments):
                    if index and fake.gate is not None:
                        assert fake.gate.wait(10)
                    yield segment
                    fake.reached.set()

            return segments(), Info("en", fake.duration)

    def download_model(*_: Any, **__: Any) -> str:
        raise AssertionError("the app must never download a model")

    module = types.ModuleType("faster_whisper")
    module.WhisperModel = WhisperModel  # type: ignore[attr-defined]
    module.download_model = download_model  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "faster_whisper", module)
    return fake


def model_folder(root: Path) -> Path:
    """A folder laid out as a CTranslate2 Whisper model (the fake reads none of it)."""
    folder = root / "whisper-base"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("model.bin", "tokenizer.json", "config.json", "vocabulary.txt"):
        (folder / name).write_bytes(b"{}")
    return folder
