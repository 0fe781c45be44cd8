"""A second launch on the same data folder asks the first to come forward instead of opening."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interviewprep.ui.single_instance import SingleInstance


def test_second_instance_activates_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    second = SingleInstance(tmp_path)
    try:
        assert not second.acquire()
        with qtbot.waitSignal(first.activate, timeout=3000):
            assert second.ask_first_to_activate()
    finally:
        first.release()
    third = SingleInstance(tmp_path)
    assert third.acquire(), "the lock is free once the first instance is gone"
    third.release()


def test_other_data_folders_are_independent(tmp_path: Path) -> None:
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    try:
        assert a.acquire() and b.acquire()
    finally:
        a.release()
        b.release()
