"""Run the app on a data folder with a task that never returns, close the window, and report
on stdout how long each step took. Used by test_closing.py and to measure closing."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from interviewprep.ui import app as app_module
from interviewprep.ui import main_window

START = time.monotonic()


def stamp(what: str) -> None:
    print(f"{what} {time.monotonic() - START:.3f}", flush=True)


def main(data_dir: Path, wait_ms: int) -> int:
    main_window.CLOSE_WAIT_MS = wait_ms
    real_open = app_module.open_window

    def open_window(window: main_window.MainWindow) -> None:
        real_open(window)
        never = threading.Event()

        def stuck() -> None:
            never.wait()  # a read from a hung network share

        def late() -> None:
            time.sleep(0.5)  # ends while the window is closing: reports to nobody

        def close() -> None:
            window.workers.start(stuck, label="importing from a hung share")
            window.workers.start(late, lambda _r: None, label="counting reviews")
            stamp("close")
            window.close()
            stamp("close-returned")
            ticks = QTimer(window)
            ticks.timeout.connect(lambda: stamp("tick"))  # the event loop keeps running
            ticks.start(200)

        window.workers.when_idle(lambda: QTimer.singleShot(300, close))

    app_module.open_window = open_window
    code = app_module.run_app(data_dir)
    stamp("run-app-returned")
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
