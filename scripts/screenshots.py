"""Render every screen of the real app, light and dark, on a demo database.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/screenshots]

The demo database is the bundled banks plus a simulated month of study, so charts and counts
show what a real user would see.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import build_services
from interviewprep.services.paths import bundled_banks_dir
from interviewprep.ui.main_window import SCREENS, MainWindow
from interviewprep.ui.theme import Theme


def simulate_history(data_dir: Path, days: int = 30, seed: int = 5) -> None:
    rng = random.Random(seed)
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    clock = FixedClock(start - timedelta(days=days))
    services = build_services(data_dir, clock=clock)
    try:
        services.library.import_paths([bundled_banks_dir()])
        services.settings.target_roles = ["agent-engineer", "agentops-engineer"]
        services.settings.interview_date = (start + timedelta(days=24)).date()
        services.settings.set("first_run_done", True)
        services.settings.update_preset("flashcard", new_per_day=12)
        for day in range(days):
            if rng.random() < 0.15 and day < days - 3:
                clock.advance(timedelta(days=1))
                continue  # a missed day now and then, as real users have
            for _ in range(60):
                card = services.study.next_card()
                if card is None:
                    break
                grade = rng.choices(list(Grade), weights=(12, 15, 60, 13))[0]
                services.study.answer(card, grade, rng.randint(4000, 40000))
                clock.advance(timedelta(seconds=rng.randint(20, 90)))
            clock.current = start - timedelta(days=days - day - 1)
    finally:
        services.close()


def settle(app: QApplication, window: MainWindow) -> None:
    for _ in range(5):
        window.workers.wait()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QTest.qWait(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        simulate_history(data_dir)
        services = build_services(data_dir)
        try:
            for mode in ("light", "dark"):
                theme = Theme(app, mode=mode)
                window = MainWindow(services, theme)
                window.resize(1280, 820)
                window.show()
                for name in (spec.name for spec in SCREENS):
                    window.show_screen(name)
                    settle(app, window)
                    if name == "review":
                        QTest.keyClick(window.screens["review"], Qt.Key.Key_Space)
                        settle(app, window)
                    path = args.out / f"{name}-{mode}.png"
                    window.grab().save(str(path))
                    print(path)
                window.close()
                window.deleteLater()
                app.processEvents()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
