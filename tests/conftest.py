"""Every test gets a fresh data folder and a clock it controls."""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class _QtAbsent(importlib.abc.MetaPathFinder):
    """With INTERVIEWPREP_WITHOUT_QT=1 (make test-without-qt), PySide6 cannot be imported, as on a
    machine without it: the Qt-free packages and their tests must not need it."""

    def find_spec(self, name: str, *_: object) -> None:
        if name.split(".")[0] in ("PySide6", "shiboken6", "pytestqt"):
            raise ModuleNotFoundError(f"No module named {name!r} (Qt is blocked)", name=name)


if os.environ.get("INTERVIEWPREP_WITHOUT_QT") == "1":
    sys.meta_path.insert(0, _QtAbsent())

from interviewprep.core.clock import FixedClock, StudyDay  # noqa: E402  (after the Qt block)
from interviewprep.services.app import Services, build_services  # noqa: E402
from tests.fake_openai import FakeServer, MemoryKeyring  # noqa: E402

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
UTC_DAY = StudyDay(rollover_hour=4, zone=UTC)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every test, and anything it starts, at its own empty data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv("INTERVIEWPREP_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return folder


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """No test reads or writes the real OS keyring: each gets an empty one in memory."""
    import keyring

    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def llm_server() -> Iterator[FakeServer]:
    """A fake OpenAI-compatible server on 127.0.0.1, stopped when the test ends."""
    fake = FakeServer()
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def services(data_dir: Path, clock: FixedClock) -> Iterator[Services]:
    built = build_services(data_dir, clock=clock, study_day=UTC_DAY)
    try:
        yield built
    finally:
        built.close()


OtherWindow = Callable[[], AbstractContextManager[Services]]


@pytest.fixture
def other_window(data_dir: Path, clock: FixedClock) -> OtherWindow:
    """Opens a second instance on the same data folder and clock, as another window (or the app
    started again) would, and closes it when its ``with`` block ends."""

    @contextmanager
    def open_other() -> Iterator[Services]:
        other = build_services(data_dir, clock=clock, study_day=UTC_DAY)
        try:
            yield other
        finally:
            other.close()

    return open_other
