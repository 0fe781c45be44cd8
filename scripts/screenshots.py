"""Render every screen of the real app, light and dark, on a demo database.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/screenshots]

The demo database is the bundled banks plus a simulated month of study (answers checked
against their key points, design rounds against their rubric), so charts, counts and weak
points show what a real user would see. Besides each screen (``<screen>-<theme>.png``) it
renders a few states driven by keys as a user would: a typed answer before the reveal
(``review-typed``), its key points ticked (``review-checklist``), card info (``card-info``),
Settings' retention comparison (``retention-helper``) and one role's weakest criteria on
Progress (``progress-weak``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

# run as a script, its folder is on the path: the weak-points seeder's answer model is shared
from seed_weak_points import bundled_points, checked_points, design_round

from interviewprep.core.card_record import CardFilter
from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.core.key_points import PointMark, suggested_grade
from interviewprep.services.app import build_services
from interviewprep.services.paths import bundled_banks_dir
from interviewprep.ui.main_window import SCREENS, MainWindow
from interviewprep.ui.screens.progress import ProgressScreen
from interviewprep.ui.screens.review import ReviewScreen
from interviewprep.ui.screens.settings import SettingsScreen
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.typed_answer import REVEAL, TYPE


def simulate_history(data_dir: Path, days: int = 30, seed: int = 5) -> None:
    """A month of study as a candidate would do it: reviewed flashcards checked against their
    key points (the grade the checklist suggests), a design round every few days with its
    rubric checked, so the weakest criteria on Progress and Today have something to show."""
    rng = random.Random(seed)
    # each day's session an hour before this time of day, the last one today: whenever it
    # runs, the app opens on the same study day in the middle of its session
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)
    clock = FixedClock(start - timedelta(days=days - 1))
    services = build_services(data_dir, clock=clock)
    points = bundled_points()
    try:
        services.library.import_paths([bundled_banks_dir()])
        services.settings.target_roles = ["agent-engineer", "agentops-engineer"]
        services.settings.interview_date = (start + timedelta(days=24)).date()
        services.settings.set("first_run_done", True)
        services.settings.update_preset("flashcard", new_per_day=12)
        mine = CardFilter(roles=tuple(services.settings.target_roles))
        for day in range(days):
            if rng.random() < 0.15 and day < days - 3:
                clock.current = start - timedelta(days=days - day - 2)
                continue  # a missed day now and then, as real users have
            # today is under way: the screenshots catch a review in the middle of it
            for _ in range(60 if day < days - 1 else 12):
                card = services.study.next_card(mine)
                if card is None:
                    break
                if card.state.stage in (Stage.LEARNING, Stage.RELEARNING):
                    # a learning step's quick retry: graded, not checked point by point
                    grade = rng.choices(list(Grade), weights=(12, 15, 60, 13))[0]
                    services.study.answer(card, grade, rng.randint(4000, 40000))
                else:
                    results = checked_points(card, points, rng, later=day >= days // 2)
                    marks = [PointMark(r.weight, r.coverage) for r in results]
                    grade = suggested_grade(marks) or rng.choice(list(Grade))
                    services.study.answer(
                        card, grade, rng.randint(20_000, 120_000), results=results
                    )
                clock.advance(timedelta(seconds=rng.randint(20, 90)))
            if day % 4 == 1:
                design_round(services, rng, clock)
            clock.current = start - timedelta(days=days - day - 2)
    finally:
        services.close()


def laptop_screen(folder: Path) -> None:
    """Offscreen, Qt's screen is 800x800 and dialogs sized to the screen come out cramped:
    a 1440x900 laptop screen instead, which the 1280x820 window fits."""
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return
    config = folder / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1440, "height": 900}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def settle(app: QApplication, window: MainWindow) -> None:
    for _ in range(5):
        window.workers.wait()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QTest.qWait(30)


def refocus(app: QApplication, window: MainWindow) -> None:
    """Back to the window once a dialog is closed: offscreen, nothing hands the focus back,
    and a screen's keys only work with the focus inside it."""
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    settle(app, window)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


TYPED = {
    ("agent-engineer-cost-latency", "speculative-decoding-app-view"): (
        "It changes how fast, not what: a small draft model guesses the next few tokens and "
        "the big model checks them all in one pass, so the output is the same as without it. "
        "It helps most when the output is predictable, like JSON or code edits."
    ),
}
"""A candidate's typed answer for the card the demo shows there, written out."""


def typed_answer(screen: ReviewScreen) -> str:
    """What a candidate might type for the card on show; for another card (the banks were
    edited), its first key points said loosely, so some points come out raised and some not."""
    card = screen.session.card
    assert card is not None
    if card.key in TYPED:
        return TYPED[card.key]
    points = [point for point, _ in bundled_points().get(card.key, [])]
    return "I think: " + "; and ".join(p.rstrip(".").lower() for p in points[:2]) + "."


def review_states(app: QApplication, window: MainWindow, out: Path, mode: str) -> None:
    """Card info on the revealed card, then the next card answered by typing and checked."""
    window.show_screen("review")
    settle(app, window)
    screen = window.screens["review"]
    assert isinstance(screen, ReviewScreen)
    assert screen.session.revealed  # the review shot revealed it
    QTest.keyClick(screen, Qt.Key.Key_I)
    settle(app, window)
    dialog = screen.card_info
    assert dialog is not None and dialog.info is not None
    save(dialog, out / f"card-info-{mode}.png")
    dialog.close()
    refocus(app, window)
    assert screen.isAncestorOf(app.focusWidget()), app.focusWidget()

    QTest.keyClick(screen, Qt.Key.Key_3)  # Good: on to the next card
    settle(app, window)
    QTest.mouseClick(screen.answering.mode_switch.buttons[TYPE], Qt.MouseButton.LeftButton)
    settle(app, window)
    QTest.keyClicks(screen.answering.typed.box, typed_answer(screen))
    settle(app, window)
    save(window, out / f"review-typed-{mode}.png")

    QTest.keyClick(
        screen.answering.typed.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    settle(app, window)
    QTest.keyClick(screen, Qt.Key.Key_Q)
    QTest.keyClick(screen, Qt.Key.Key_W)
    QTest.keyClick(screen, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    settle(app, window)
    save(window, out / f"review-checklist-{mode}.png")

    # leave the demo as it was for the next theme: reveal mode, the Good above undone
    QTest.mouseClick(screen.answering.mode_switch.buttons[REVEAL], Qt.MouseButton.LeftButton)
    screen.undo()
    settle(app, window)


def retention_state(app: QApplication, window: MainWindow, out: Path, mode: str) -> None:
    window.show_screen("settings")
    settle(app, window)
    screen = window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    QTest.mouseClick(screen.retention_buttons["flashcard"], Qt.MouseButton.LeftButton)
    settle(app, window)
    dialog = screen.retention_helper
    assert dialog is not None and dialog.simulation is not None
    save(dialog, out / f"retention-helper-{mode}.png")
    dialog.close()
    refocus(app, window)


def progress_weak_state(app: QApplication, window: MainWindow, out: Path, mode: str) -> None:
    window.show_screen("progress")
    settle(app, window)
    screen = window.screens["progress"]
    assert isinstance(screen, ProgressScreen)
    assert screen.weakest, "the demo history has no weak points"
    # one role's weak points, picked as a user would: the first role after "All roles"
    roles = screen.weak_points.role_filter
    roles.setFocus()
    QTest.keyClick(roles, Qt.Key.Key_Down)
    settle(app, window)
    assert roles.currentIndex() == 1 and screen.weak_points.table.rowCount() > 0
    screen.scroll_area.ensureWidgetVisible(screen.weak_points, 0, 0)
    window.statusBar().clearMessage()
    settle(app, window)
    save(window, out / f"progress-weak-{mode}.png")
    QTest.keyClick(roles, Qt.Key.Key_Up)
    settle(app, window)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        laptop_screen(Path(tmp))
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(sys.argv[:1])
        simulate_history(data_dir)
        for mode in ("light", "dark"):
            # services of their own: a screen's change listener outlives a closed window
            services = build_services(data_dir)
            try:
                window = MainWindow(services, Theme(app, mode=mode))
                window.resize(1280, 820)
                window.show()
                for name in (spec.name for spec in SCREENS):
                    window.show_screen(name)
                    settle(app, window)
                    if name == "review":
                        QTest.keyClick(window.screens["review"], Qt.Key.Key_Space)
                        settle(app, window)
                    save(window, args.out / f"{name}-{mode}.png")
                review_states(app, window, args.out, mode)
                retention_state(app, window, args.out, mode)
                progress_weak_state(app, window, args.out, mode)
                window.close()
                window.deleteLater()
                app.processEvents()
            finally:
                services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
