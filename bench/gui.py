"""GUI figures: process start to an interactive Today screen, grade to next card painted, peak RSS.

    python -m bench gui                          # the bundled banks, then 100,000 questions
    python -m bench gui --questions 0            # the bundled banks only
    python -m bench gui --questions 100000 --reviews 1000000 --runs 5 --grades 200

Each run is a fresh process started the way a user starts the app (``interviewprep`` on a data
folder, through ``cli.main``), offscreen (``QT_QPA_PLATFORM=offscreen``), so the time includes
the interpreter, imports, opening the database and building the window:

* start to Today: from just before the process is spawned until the Today screen has shown
  its figures (the report from the worker thread is on screen), the screen has painted, and
  the event loop has come back idle (a zero-delay timer after that paint has fired);
* grade to next card painted: on the Review screen, Space shows the answer, then the time from
  pressing 3 (Good) until the next card's prompt view has painted, for ``--grades`` cards in a
  row (p50 and p95 over all runs);
* slowest screen to open: then every screen is opened in turn from the sidebar, and the time
  the GUI thread is busy doing it (building the screen the first time, reading what it shows
  on the GUI thread, laying out and painting) is taken; the table shows the slowest screen's
  median. Work a screen hands to worker threads is not in it: the window answers meanwhile;
* peak RSS: the process's own high-water mark (VmHWM on Linux) at the end of the run.

Each run gets a fresh copy of a prepared data folder, so every run does the same work. The first
run of each set warms the disk cache and is not counted.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DAILY_LIMIT = 9_999
CHILD_WATCHDOG_S = 300
"""A measured run that has not ended by then is stuck: its stacks are printed and it exits."""


# -- preparing data folders (in this process, untimed) -------------------------------------------


def prepare(
    data_dir: Path, questions: int = 0, reviews: int = 0, workdir: Path | None = None
) -> None:
    """A data folder as a returning user has it: the bundled banks installed, the first-run
    questions answered, daily limits raised (so a long run of grades never runs out); with
    ``questions`` > 0, that many more generated questions and ``reviews`` answers of history."""
    from datetime import UTC, datetime

    from bench import anki_compare
    from interviewprep.services.app import build_services
    from interviewprep.services.paths import bundled_banks_dir

    services = build_services(data_dir)
    try:
        paths = [bundled_banks_dir()]
        workload = None
        if questions:
            assert workdir is not None
            workload = anki_compare.make_workload(questions, reviews)
            anki_compare.write_banks(workdir / "generated-banks", workload)
            paths.append(workdir / "generated-banks")
        services.library.import_paths(paths)
        services.settings.update_preset(
            "flashcard", new_per_day=DAILY_LIMIT, reviews_per_day=DAILY_LIMIT
        )
        services.settings.target_roles = ["agent-engineer"]
        services.settings.set("first_run_done", True)
        if workload is not None:
            anki_compare.seed_ours(services, workload, datetime.now(UTC))
    finally:
        services.close()


# -- one measured run (parent side) --------------------------------------------------------------


def run_once(data_dir: Path, grades: int, timeout: float = 600) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = data_dir.parent / f"{data_dir.name}-result.json"
    command = [sys.executable, "-m", "bench.gui", "--child", str(data_dir), str(out), str(grades)]
    started = time.time()
    subprocess.run(command, env=env, check=True, timeout=timeout, cwd=Path(__file__).parents[1])
    result: dict[str, Any] = json.loads(out.read_text())
    result["start_to_today_s"] = result.pop("today_at") - started
    return result


def measure(prepared: Path, runs: int, grades: int, scratch: Path) -> dict[str, Any]:
    starts: list[float] = []
    latencies: list[float] = []
    peaks: list[float] = []
    opens: dict[str, list[float]] = {}
    for index in range(runs + 1):
        data_dir = scratch / f"run-{index}"
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.copytree(prepared, data_dir)
        result = run_once(data_dir, grades)
        shutil.rmtree(data_dir, ignore_errors=True)
        if index == 0:
            continue  # warm-up: disk cache
        starts.append(result["start_to_today_s"])
        latencies.extend(result["grade_to_paint_s"])
        peaks.append(result["peak_rss_mb"])
        for screen, seconds in result["screen_open_s"].items():
            opens.setdefault(screen, []).append(seconds)
    from bench.anki_compare import percentile

    return {
        "runs": runs,
        "start_to_today_s": statistics.median(starts),
        "start_to_today_all_s": starts,
        "grade_to_paint_p50_ms": percentile(latencies, 0.5) * 1000,
        "grade_to_paint_p95_ms": percentile(latencies, 0.95) * 1000,
        "grades_timed": len(latencies),
        "peak_rss_mb": max(peaks),
        "screen_open_ms": {k: statistics.median(v) * 1000 for k, v in opens.items()},
    }


def run(questions: int, reviews: int, runs: int, grades: int) -> dict[str, Any]:
    sets: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as tmp:
        root = Path(tmp)
        bundled = root / "bundled"
        prepare(bundled)
        sets["bundled banks"] = measure(bundled, runs, grades, root)
        if questions:
            big = root / "big"
            prepare(big, questions, reviews, root)
            sets[f"{questions:,} questions, {reviews:,} reviews"] = measure(big, runs, grades, root)
    return sets


def format_table(sets: dict[str, Any]) -> str:
    lines = [
        "| data | start to Today | grade to next card painted, p50 | p95 | "
        "slowest screen to open | peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in sets.items():
        slowest = max(r["screen_open_ms"], key=r["screen_open_ms"].get)
        lines.append(
            f"| {name} | {r['start_to_today_s']:.2f} s | {r['grade_to_paint_p50_ms']:.1f} ms | "
            f"{r['grade_to_paint_p95_ms']:.1f} ms | "
            f"{r['screen_open_ms'][slowest]:.0f} ms ({slowest}) | {r['peak_rss_mb']:.0f} MB |"
        )
    lines.append("")
    lines.append(
        "medians of "
        + ", ".join(f"{r['runs']} runs ({r['grades_timed']} grades)" for r in sets.values())
        + "; peak RSS is the largest of the runs"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child":
        return child(Path(argv[1]), Path(argv[2]), int(argv[3]))
    parser = argparse.ArgumentParser(prog="python -m bench gui", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--questions", type=int, default=100_000, help="0: bundled banks only")
    parser.add_argument("--reviews", type=int, help="history rows (default 10 per question)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per data set")
    parser.add_argument("--grades", type=int, default=200, help="cards graded per run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    reviews = args.reviews if args.reviews is not None else 10 * args.questions
    sets = run(args.questions, reviews, args.runs, args.grades)
    print(json.dumps(sets, indent=2) if args.json else format_table(sets))
    return 0


# -- the measured process ------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident set. On Linux from /proc (VmHWM): ``getrusage`` would
    report the parent's peak instead when that was higher, as Linux carries ``ru_maxrss``
    across the exec that started this process (the parent holds the generated workload)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB; bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child(data_dir: Path, out: Path, grades: int) -> int:
    """Start the app as ``interviewprep --data-dir`` does, with probes on the Today and Review
    screens; write the timings to ``out``."""
    # in the app's own order: our modules before Qt's (see interviewprep/ui/__init__.py)
    from interviewprep.cli import main as cli_main
    from interviewprep.ui.main_window import MainWindow
    from interviewprep.ui.screens.today import TodayScreen

    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer  # isort: skip
    from PySide6.QtWidgets import QApplication  # isort: skip

    marks: dict[str, Any] = {}

    class PaintProbe(QObject):
        """Calls ``then`` once, on the next event-loop turn after the watched widget paints."""

        def __init__(self) -> None:
            super().__init__()
            self.painted = False
            self.then: Any = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.painted:
                self.painted = True
                if self.then is not None:
                    QTimer.singleShot(0, self.then)
            return False

    today_probe = PaintProbe()
    show_report = TodayScreen._show

    def probed_show(screen: TodayScreen, report: Any) -> None:
        show_report(screen, report)
        if "report_at" not in marks:
            marks["report_at"] = time.time()
            today_probe.then = today_interactive
            screen.installEventFilter(today_probe)
            screen.update()

    TodayScreen._show = probed_show  # type: ignore[method-assign]

    def today_interactive() -> None:
        # the report is on screen, painted, and the loop came back to this zero-delay timer
        marks["today_at"] = time.time()
        QTimer.singleShot(0, grade_cards)

    def grade_cards() -> None:
        from PySide6.QtTest import QTest  # after the start is measured: the app never needs it

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        window.show_screen("review")
        screen: Any = window.screens["review"]
        app.processEvents()
        probe = PaintProbe()
        screen.prompt_view.viewport().installEventFilter(probe)
        latencies = []
        for _ in range(grades):
            if screen.session.card is None:
                break
            QTest.keyClick(screen, Qt.Key.Key_Space)
            app.processEvents()
            probe.painted = False
            start = time.perf_counter()
            QTest.keyClick(screen, Qt.Key.Key_3)
            deadline = start + 10
            while not probe.painted and time.perf_counter() < deadline:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            latencies.append(time.perf_counter() - start)
        marks["grade_to_paint_s"] = latencies
        marks["screen_open_s"] = open_each_screen(app, window)
        window.close()

    def open_each_screen(app: QApplication, window: MainWindow) -> dict[str, float]:
        from interviewprep.ui.main_window import SCREENS

        opened = {}
        for spec in SCREENS:
            window.workers.wait()  # the previous screen's background work is not counted
            app.processEvents()
            start = time.perf_counter()
            window.show_screen(spec.name)
            window.repaint()  # laid out and painted, as the user sees it
            app.processEvents()
            opened[spec.name] = time.perf_counter() - start
        return opened

    # A run that stops making progress prints every thread's stack and ends, instead of
    # holding the parent (and CI) until its timeout with nothing to show for it.
    faulthandler.dump_traceback_later(CHILD_WATCHDOG_S, exit=True)
    code = cli_main(["--data-dir", str(data_dir)])
    faulthandler.cancel_dump_traceback_later()
    marks["peak_rss_mb"] = peak_rss_mb()
    marks["exit_code"] = code
    out.write_text(json.dumps(marks))
    return 0 if "today_at" in marks else 1


if __name__ == "__main__":
    sys.exit(main())
