"""Every test gets a fresh data folder and a clock it controls."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from interviewprep.core.clock import FixedClock, StudyDay
from interviewprep.services.app import Services, build_services

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
