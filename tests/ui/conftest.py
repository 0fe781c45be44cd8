"""A real main window on a fresh data folder, driven offscreen with qtbot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from interviewprep.services.app import Services
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets import answer_recorder
from tests.banktext import bank, design, front, write
from tests.ui.fake_audio import FakeAudioBackend


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    write(folder / "demo.md", bank("demo", ids=("alpha", "beta", "gamma")))
    write(folder / "designs.md", front("designs") + design("design-one") + design("design-two"))
    return folder


@pytest.fixture
def window(qtbot: QtBot, services: Services, bank_dir: Path) -> Iterator[MainWindow]:
    services.library.import_paths([bank_dir])
    services.settings.target_roles = ["agent-engineer"]
    services.settings.set("first_run_done", True)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme = Theme(app, mode="light")
    main = MainWindow(services, theme)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.workers.wait()


@pytest.fixture
def microphone(monkeypatch: pytest.MonkeyPatch) -> list[FakeAudioBackend]:
    """Every recorder built from here on talks to a fake microphone; the list holds them."""
    made: list[FakeAudioBackend] = []

    def factory(parent: QObject | None) -> FakeAudioBackend:
        made.append(FakeAudioBackend(parent))
        return made[-1]

    monkeypatch.setattr(answer_recorder, "backend_factory", factory)
    return made
