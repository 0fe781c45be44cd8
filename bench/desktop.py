"""Side by side with Anki's desktop app, as a user meets both: real windows on one X display.

    python -m bench desktop                          # 10,000 questions, 3 turns each
    python -m bench desktop --questions 100000 --turns 3 --grades 200

One generated collection (``bench/anki_compare.py``'s workload: the same questions, card states
and review history) is put into a data folder of ours and into an Anki profile folder in a
temporary directory. Then the two apps take turns (ours, Anki, ours, Anki, ...; a warm-up turn
of each first, not counted), each turn a fresh process on a fresh copy of its folder, under one
Xvfb display with openbox that this benchmark starts and stops. Every action is a real X key
event (the XTEST extension: the window manager routes it to the focused window like a
keyboard's), and every "on screen" is read from the X server's pixels, the same way for both:

* start: from spawning the process to the app's own "ready" mark (ours: Today's figures
  painted and the event loop idle again; Anki: the deck list rendered and two animation frames
  of its web view later), and, in pixels, the last change of the screen before it stays still
  for a second;
* open review: from the key that opens the reviewer (ours Ctrl+R on Today; Anki "s" on the
  deck's overview) to the last change of the screen before it stays still for 0.3 s;
* grade: Space shows the answer; once it is on screen and still, "3" (Good) is pressed and the
  time to the first changed pixel of the question area (the top 120 pixels of our prompt view,
  of Anki's card web view) is taken; p50 and p95 over ``--grades`` grades a turn. Beside it the
  apps' own marks: ours, the prompt view's paint and a zero-delay timer after it; Anki's,
  ``reviewer_did_show_question`` and then two ``requestAnimationFrame`` callbacks in its web view
  (the second runs once the frame holding the question has been produced), reported back with
  ``pycmd``;
* open Browse, search: ours Ctrl+5 / Anki "b"; then the search field (ours Ctrl+F; Anki's is
  focused, Ctrl+A), a word typed and Return: Return to the last change of the screen before it
  stays still for 0.3 s (our Browse also searches 250 ms after the last key typed);
* statistics: ours Ctrl+6 (Progress), Anki "t" (its Statistics window), to the last change
  before 0.5 s of stillness;
* peak memory: the proportional set size (PSS) summed over the app's process and every process
  it started (Anki's web engine runs in child processes), sampled every 0.2 s, the largest sum.

Caret blinking is switched off in both (``QApplication.setCursorFlashTime(0)``), or a text
field's caret would count as a change on screen. Anki runs with ``--safemode`` (add-ons off, no
automatic sync, software rendering), its first-run language question answered and its update
check off in the profile folder's prefs; there is no sync login, so no sync dialog.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty, Queue
from typing import Any

from bench.xdisplay import Rect, XClient, tools_available, virtual_display

MARK = "BENCH-MARK"
PROFILE = "User 1"
SCREEN = (1280, 800)
WINDOW = (1200, 760)
BAND = 120
"""Height of the question area read for grades: the first lines of the question."""
SEARCHES = ("reranker", "agent")


# -- preparing the two folders (untimed) ---------------------------------------------------------


def prepare(root: Path, questions: int, reviews: int) -> tuple[Path, Path]:
    """Our data folder and Anki's base folder, holding the same generated collection."""
    from datetime import UTC, datetime

    from bench import anki_compare, gui

    ours = root / "ours"
    gui.prepare(ours, questions, reviews, root)  # the bundled banks too, as every user has
    workload = anki_compare.make_workload(questions, reviews)
    base = root / "anki"
    collection = base / PROFILE / "collection.anki2"
    _, col = anki_compare.ingest_anki(collection, workload)
    anki_compare.raise_anki_limits(col)
    anki_compare.seed_anki(col, workload, datetime.now(UTC))
    col.close()
    subprocess.run([sys.executable, "-m", "bench.desktop", "--anki-prefs", str(base)], check=True,
                   cwd=Path(__file__).parents[1])  # fmt: skip
    return ours, base


def write_anki_prefs(base: Path) -> None:
    """Anki's prefs21.db as after its first run: the language chosen, the profile created,
    no update check, no sync (runs in a process of its own: it loads PyQt6)."""
    from aqt.profiles import ProfileManager

    manager = ProfileManager(base)
    manager.setupMeta()
    manager.meta["firstRun"] = False
    manager.meta["defaultLang"] = "en_US"
    manager.meta["check_for_updates"] = False
    manager.meta["suppressUpdate"] = True
    manager.create(PROFILE)
    manager.load(PROFILE)
    assert manager.profile is not None
    manager.profile["autoSync"] = False
    manager.profile["syncKey"] = None
    manager.set_last_loaded_profile_name(PROFILE)
    manager.save()


# -- the measured processes ----------------------------------------------------------------------


def _mark(name: str, **data: Any) -> None:
    print(f"{MARK} {name} {time.monotonic():.6f} {json.dumps(data)}", flush=True)


def _rect_of(widget: Any, height: int | None = None) -> dict[str, int]:
    origin = widget.mapToGlobal(widget.rect().topLeft())
    h = widget.height() if height is None else min(height, widget.height())
    return {"x": origin.x(), "y": origin.y(), "width": widget.width(), "height": h}


def child_ours(data_dir: Path) -> int:
    """Our app as ``interviewprep --data-dir`` starts it, with marks printed on stdout."""
    from interviewprep.cli import main as cli_main
    from interviewprep.ui.main_window import MainWindow
    from interviewprep.ui.screens.review import ReviewScreen
    from interviewprep.ui.screens.today import TodayScreen

    from PySide6.QtCore import QEvent, QObject, QTimer  # isort: skip
    from PySide6.QtWidgets import QApplication  # isort: skip

    class Painted(QObject):
        """Marks ``name`` on the next loop turn after the watched widget paints, once armed."""

        def __init__(self, name: str, area: Any, then: Callable[[], None] | None = None) -> None:
            super().__init__()
            self.name, self.area, self.then, self.armed = name, area, then, False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.armed:
                self.armed = False
                QTimer.singleShot(0, self.fire)
            return False

        def fire(self) -> None:
            _mark(self.name, rect=_rect_of(self.area, BAND), phases=phases.copy())
            if self.then is not None:
                self.then()

    state: dict[str, Any] = {}
    phases: dict[str, float] = {}
    """When the last grade reached the screen's code, and when showing the next card began and
    ended (time.monotonic()): where a grade's time goes."""
    show_report = TodayScreen._show

    def probed_report(screen: TodayScreen, report: Any) -> None:
        show_report(screen, report)
        if "ready" not in state:
            state["ready"] = Painted("ready", screen, place_window)
            state["ready"].armed = True
            screen.installEventFilter(state["ready"])
            screen.update()

    def place_window() -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setCursorFlashTime(0)
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        window.resize(*WINDOW)
        _mark("placed", window=int(window.winId()))

    show_card = ReviewScreen._show

    def probed_card(screen: ReviewScreen, *args: Any) -> None:
        if "question" not in state:
            state["question"] = Painted("question", screen.prompt_view)
            state["answer"] = Painted("answer", screen.prompt_view)
            screen.prompt_view.viewport().installEventFilter(state["question"])
            screen.answer_view.viewport().installEventFilter(state["answer"])
        revealed = screen.session.card is not None and screen.session.revealed
        state["answer" if revealed else "question"].armed = True
        phases["show_start"] = time.monotonic()
        show_card(screen, *args)
        phases["show_end"] = time.monotonic()

    grade_card = ReviewScreen.grade

    def probed_grade(screen: ReviewScreen, grade: Any) -> None:
        phases["grade_start"] = time.monotonic()
        grade_card(screen, grade)

    ReviewScreen.grade = probed_grade  # type: ignore[method-assign]

    ReviewScreen._show = probed_card  # type: ignore[method-assign]
    TodayScreen._show = probed_report  # type: ignore[method-assign]
    code = cli_main(["--data-dir", str(data_dir)])
    _mark("exit", code=code)
    return code


def child_anki(base: Path) -> int:
    """Anki's desktop app as its launcher starts it (``aqt.run``), with marks on stdout."""
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # root in a container
    import aqt
    from aqt import gui_hooks

    state: dict[str, bool] = {}
    phases: dict[str, float] = {}

    def after_frames(web: Any, name: str) -> None:
        web.eval(f"requestAnimationFrame(() => requestAnimationFrame(() => pycmd('bench:{name}')))")

    def on_message(handled: tuple[bool, Any], message: str, context: Any) -> tuple[bool, Any]:
        if not message.startswith("bench:"):
            return handled
        name = message.removeprefix("bench:")
        mw = aqt.mw
        assert mw is not None
        if name == "ready":
            _mark("ready")
            mw.app.setCursorFlashTime(0)
            mw.resize(*WINDOW)
            _mark("placed", window=int(mw.winId()))
        else:
            _mark(name, rect=_rect_of(mw.web, BAND), phases=phases.copy())
        return (True, None)

    def on_deck_list(_browser: Any) -> None:
        if "ready" not in state and aqt.mw is not None:
            state["ready"] = True
            after_frames(aqt.mw.web, "ready")

    def on_question(_card: Any) -> None:
        assert aqt.mw is not None
        phases["shown_hook"] = time.monotonic()
        after_frames(aqt.mw.web, "question")

    def on_answer(_card: Any) -> None:
        assert aqt.mw is not None
        after_frames(aqt.mw.web, "answer")

    gui_hooks.webview_did_receive_js_message.append(on_message)
    gui_hooks.deck_browser_did_render.append(on_deck_list)
    gui_hooks.reviewer_did_show_question.append(on_question)
    gui_hooks.reviewer_did_show_answer.append(on_answer)
    sys.argv = ["anki", "--base", str(base), "--profile", PROFILE, "--safemode"]
    aqt.run()
    _mark("exit", code=0)
    return 0


# -- driving one turn (parent side) --------------------------------------------------------------


@dataclass(frozen=True)
class Keys:
    """How each app is driven from the keyboard."""

    before_review: tuple[str, ...]
    review: str
    browse: str
    focus_search: str
    close_browse: str | None
    stats: str
    quit: tuple[str, ...]


KEYS = {
    "ours": Keys((), "ctrl+r", "ctrl+5", "ctrl+f", None, "ctrl+6", ("ctrl+q",)),
    # Anki: "s" opens the deck's overview, "s" again its reviewer; Escape closes its windows
    "anki": Keys(("s",), "s", "b", "ctrl+a", "Escape", "t", ("Escape", "ctrl+q")),
}


class Process:
    """A measured app: its marks read from stdout, its memory sampled."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.marks: Queue[tuple[str, float, dict[str, Any]]] = Queue()
        self.peak_pss_mb = 0.0
        self._log = log.open("w", encoding="utf-8")
        self.spawned = time.monotonic()
        self.popen = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=self._log, text=True,
            cwd=Path(__file__).parents[1],
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._sample, daemon=True).start()

    def _read(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            if line.startswith(MARK):
                _, name, moment, data = line.rstrip("\n").split(" ", 3)
                self.marks.put((name, float(moment), json.loads(data)))
            else:
                self._log.write(line)

    def _sample(self) -> None:
        while self.popen.poll() is None:
            self.peak_pss_mb = max(self.peak_pss_mb, pss_mb(self.popen.pid))
            time.sleep(0.2)

    def wait(
        self, name: str, after: float = 0.0, timeout: float = 120
    ) -> tuple[float, dict[str, Any]]:
        """The next mark ``name`` made after ``after``; earlier marks are dropped."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                seen, moment, data = self.marks.get(timeout=max(0.01, deadline - time.monotonic()))
            except Empty:
                if self.popen.poll() is not None:
                    raise RuntimeError(f"the app exited ({self.popen.returncode})") from None
                raise TimeoutError(f"no {name!r} mark within {timeout} s") from None
            if seen == name and moment >= after:
                return moment, data

    def drain(self) -> None:
        while not self.marks.empty():
            self.marks.get_nowait()

    def stop(self, timeout: float = 120) -> None:
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.terminate()
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
        self._log.close()


def pss_mb(pid: int) -> float:
    """PSS of ``pid`` and all its descendants, from /proc (0 where unreadable)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run_turn(app: str, folder: Path, display: str, x: XClient, grades: int, logs: Path,
             turn: int) -> dict[str, Any]:  # fmt: skip
    """One fresh process of ``app`` on ``folder``, driven through every row; figures in ms."""
    keys = KEYS[app]
    screen = Rect(0, 0, *SCREEN)
    env = dict(os.environ, DISPLAY=display)
    env.pop("QT_QPA_PLATFORM", None)
    if app == "ours":
        command = [sys.executable, "-m", "bench.desktop", "--child-ours", str(folder)]
    else:
        command = [sys.executable, "-m", "bench.desktop", "--child-anki", str(folder)]
    empty = x.grab(screen)
    process = Process(command, env, logs / f"{app}-{turn}.log")
    figures: dict[str, Any] = {}
    try:
        ready, _ = process.wait("ready")
        figures["start_mark"] = (ready - process.spawned) * 1000
        _, placed = process.wait("placed")
        subprocess.run(["xdotool", "windowactivate", "--sync", str(placed["window"])],
                       env=env, check=False, capture_output=True, timeout=10)  # fmt: skip
        settled = x.wait_settled(screen, empty, quiet=1.0, timeout=60)
        figures["start_pixels"] = (max(settled, ready) - process.spawned) * 1000

        for key in keys.before_review:
            x.key(key)
            x.wait_settled(screen, x.grab(screen), quiet=0.5)
        before = x.grab(screen)
        pressed = x.key(keys.review)
        moment, shown = process.wait("question", after=pressed)
        figures["review_mark"] = (moment - pressed) * 1000
        figures["review_pixels"] = (x.wait_settled(screen, before, quiet=0.3) - pressed) * 1000

        band = Rect(**shown["rect"])
        grade_pixels: list[float] = []
        grade_marks: list[float] = []
        grade_phases: list[dict[str, float]] = []
        for _ in range(grades):
            process.drain()
            revealed = x.key("space")
            try:
                process.wait("answer", after=revealed, timeout=30)
            except TimeoutError:
                break  # no card left today
            x.wait_quiet(band, 0.05)
            before = x.grab(band)
            pressed = x.key("3")
            try:
                changed = x.wait_change(band, before, timeout=30)
                moment, shown = process.wait("question", after=pressed, timeout=30)
            except TimeoutError:
                break  # no card left today (a small collection): what was timed stands
            grade_pixels.append((changed - pressed) * 1000)
            grade_marks.append((moment - pressed) * 1000)
            grade_phases.append(
                {
                    k: (v - pressed) * 1000
                    for k, v in shown.get("phases", {}).items()
                    if v >= pressed
                }
                | {"mark": (moment - pressed) * 1000, "pixels": grade_pixels[-1]}
            )
            band = Rect(**shown["rect"])
        figures["grade_pixels"] = grade_pixels
        figures["grade_marks"] = grade_marks
        figures["grade_phases"] = {
            k: statistics.median(p[k] for p in grade_phases if k in p)
            for k in {k for p in grade_phases for k in p}
        }

        before = x.grab(screen)
        pressed = x.key(keys.browse)
        figures["browse_pixels"] = (x.wait_settled(screen, before, quiet=0.5) - pressed) * 1000
        for word in SEARCHES:
            x.key(keys.focus_search)
            x.wait_quiet(screen, 0.3)
            before = x.grab(screen)
            # typed in one burst, as a fast typist's few milliseconds: our Browse starts its
            # search 250 ms after the last key, Anki's on Return
            x.type(word)
            pressed = x.key("Return")
            seconds = x.wait_settled(screen, before, quiet=0.3, timeout=30) - pressed
            figures[f"search_{word}_pixels"] = seconds * 1000
        if keys.close_browse:
            x.key(keys.close_browse)
            x.wait_quiet(screen, 0.5)
        before = x.grab(screen)
        pressed = x.key(keys.stats)
        figures["stats_pixels"] = (x.wait_settled(screen, before, quiet=0.5) - pressed) * 1000
        for key in keys.quit:
            x.key(key)
            time.sleep(0.5)
    finally:
        process.stop()
    figures["peak_pss_mb"] = process.peak_pss_mb
    return figures


# -- the whole comparison -------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    ours: list[float] = field(default_factory=list)
    anki: list[float] = field(default_factory=list)
    unit: str = "ms"


ROWS: list[tuple[str, str, Callable[[dict[str, Any]], float]]] = [
    ("start to Today / deck list (app's mark)", "ms", lambda f: f["start_mark"]),
    ("start to Today / deck list (pixels still)", "ms", lambda f: f["start_pixels"]),
    ("open review to first question (pixels still)", "ms", lambda f: f["review_pixels"]),
    ("grade to next question, p50 (first pixels)", "ms",
     lambda f: percentile(f["grade_pixels"], 0.5)),
    ("grade to next question, p95 (first pixels)", "ms",
     lambda f: percentile(f["grade_pixels"], 0.95)),
    ("grade to next question, p50 (app's mark)", "ms", lambda f: percentile(f["grade_marks"], 0.5)),
    ("grade to next question, p95 (app's mark)", "ms",
     lambda f: percentile(f["grade_marks"], 0.95)),
    ("open Browse (pixels still)", "ms", lambda f: f["browse_pixels"]),
    *[(f"search '{w}': Return to results (pixels still)", "ms",
       lambda f, w=w: f[f"search_{w}_pixels"]) for w in SEARCHES],
    ("open statistics (pixels still)", "ms", lambda f: f["stats_pixels"]),
    ("peak memory, PSS of all processes", "MB", lambda f: f["peak_pss_mb"]),
]  # fmt: skip


def run(questions: int, reviews: int, turns: int, grades: int, display: int,
        warmup: bool = True, keep: Path | None = None) -> dict[str, Any]:  # fmt: skip
    results: dict[str, Any] = {"questions": questions, "reviews": reviews, "turns": turns,
                               "grades": grades, "machine": machine()}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-desktop-") as tmp:
        root = Path(tmp)
        started = time.monotonic()
        ours, base = prepare(root / "prepared", questions, reviews)
        results["prepare_s"] = time.monotonic() - started
        logs = keep or root / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        per_turn: dict[str, list[dict[str, Any]]] = {"ours": [], "anki": []}
        with virtual_display(display, *SCREEN) as name:
            x = XClient(name)
            try:
                schedule = [(-1, "ours"), (-1, "anki")] if warmup else []
                for turn in range(turns):
                    pair = ["ours", "anki"] if turn % 2 == 0 else ["anki", "ours"]
                    schedule += [(turn, app) for app in pair]
                for turn, app in schedule:
                    source = ours if app == "ours" else base
                    copy = root / f"{app}-turn"
                    shutil.rmtree(copy, ignore_errors=True)
                    shutil.copytree(source, copy)
                    figures = run_turn(app, copy, name, x, grades, logs, turn)
                    shutil.rmtree(copy, ignore_errors=True)
                    if turn >= 0:
                        per_turn[app].append(figures)
                    print(f"  {app} turn {turn}: " + json.dumps(
                        {k: round(v, 1) for k, v in figures.items() if isinstance(v, float)}),
                        file=sys.stderr, flush=True)  # fmt: skip
            finally:
                x.close()
    rows = []
    for name, unit, read in ROWS:
        rows.append({"name": name, "unit": unit,
                     "ours": [read(f) for f in per_turn["ours"]],
                     "anki": [read(f) for f in per_turn["anki"]]})  # fmt: skip
    results["rows"] = rows
    results["raw"] = per_turn
    return results


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for package in ("anki", "aqt", "PyQt6", "PySide6-Essentials"):
        try:
            from importlib.metadata import version

            versions.append(f"{package} {version(package)}")
        except Exception:
            continue
    return (f"{os.cpu_count()} x {cpu}{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, " + ", ".join(versions)
            + f"; Xvfb {SCREEN[0]}x{SCREEN[1]} + openbox, windows {WINDOW[0]}x{WINDOW[1]}")  # fmt: skip


def _fmt(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def format_table(results: dict[str, Any]) -> str:
    lines = [
        f"{results['questions']:,} questions, {results['reviews']:,} review-log rows; "
        f"medians of {results['turns']} turns each ({results['grades']} grades a turn)",
        "",
        "| row | interviewprep | Anki | ratio | spread: ours | Anki | ratio |",
        "|---|---:|---:|---:|---|---|---|",
    ]
    for row in results["rows"]:
        unit, ours, anki = row["unit"], row["ours"], row["anki"]
        if not ours or not anki:
            continue
        mo, ma = statistics.median(ours), statistics.median(anki)
        ratios = [a / b for a, b in zip(ours, anki, strict=False) if b]
        lines.append(
            f"| {row['name']} | {_fmt(mo, unit)} | {_fmt(ma, unit)} | {mo / ma:.2f}x | "
            f"{_fmt(min(ours), unit)}-{_fmt(max(ours), unit)} | "
            f"{_fmt(min(anki), unit)}-{_fmt(max(anki), unit)} | "
            f"{min(ratios):.2f}x-{max(ratios):.2f}x |"
        )
    lines.append("")
    for app in ("ours", "anki"):
        turns = [f.get("grade_phases", {}) for f in results["raw"][app]]
        names = sorted({k for t in turns for k in t}, key=lambda k: statistics.median(
            t[k] for t in turns if k in t))  # fmt: skip
        if names:
            lines.append(f"grade, where the time goes ({app}, ms after the key, median): " + ", ".join(
                f"{k} {statistics.median(t[k] for t in turns if k in t):.1f}" for k in names))  # fmt: skip
    lines += ["", f"machine: {results['machine']}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child-ours":
        return child_ours(Path(argv[1]))
    if argv and argv[0] == "--child-anki":
        return child_anki(Path(argv[1]))
    if argv and argv[0] == "--anki-prefs":
        write_anki_prefs(Path(argv[1]))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench desktop", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, help="review-log rows (default 10 per question)")
    parser.add_argument("--turns", type=int, default=3, help="measured turns of each app")
    parser.add_argument("--grades", type=int, default=200, help="grades timed a turn")
    parser.add_argument("--display", type=int, default=22, help="X display number for Xvfb")
    parser.add_argument("--no-warmup", action="store_true", help="count the first turns too")
    parser.add_argument("--logs", type=Path, help="keep each turn's stderr here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    missing = tools_available()
    if missing is None and not anki_desktop_available():
        missing = 'Anki\'s desktop app is not installed: pip install -e ".[bench]"'
    if missing:
        parser.exit(2, f"{missing}\n")
    reviews = args.reviews if args.reviews is not None else 10 * args.questions
    results = run(args.questions, reviews, args.turns, args.grades, args.display,
                  warmup=not args.no_warmup, keep=args.logs)  # fmt: skip
    print(json.dumps(results, indent=2) if args.json else format_table(results))
    return 0


def anki_desktop_available() -> bool:
    from importlib.util import find_spec

    return find_spec("aqt") is not None and find_spec("PyQt6.QtWebEngineWidgets") is not None


if __name__ == "__main__":
    sys.exit(main())
