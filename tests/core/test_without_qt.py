"""`make test` runs the Qt-free packages' tests a second time with PySide6 made unimportable."""

from __future__ import annotations

import importlib
import os

import pytest


@pytest.mark.skipif(
    os.environ.get("INTERVIEWPREP_WITHOUT_QT") != "1", reason="only in the run without Qt"
)
def test_the_run_without_qt_really_has_no_qt_and_the_core_still_imports() -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("PySide6.QtCore")
    for package in ("banks", "core", "render", "services", "storage", "cli"):
        importlib.import_module(f"interviewprep.{package}")
