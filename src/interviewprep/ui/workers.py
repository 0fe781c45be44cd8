"""Run slow work off the GUI thread and get results back as signals on the GUI thread."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

ProgressFn = Callable[[int, int], None]


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """A callable run in the thread pool. It gets a ``progress(done, total)`` callback if it
    accepts one; results and errors come back through ``signals`` on the GUI thread."""

    def __init__(self, fn: Callable[..., Any], *, with_progress: bool = False) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.signals = _Signals()

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit) if self.with_progress else self.fn()
        except Exception as err:  # reported to the user by the screen that started the task
            from interviewprep.core.errors import UserFacingError

            message = str(err) if isinstance(err, UserFacingError) else traceback.format_exc()
            self.signals.failed.emit(message)
            return
        self.signals.done.emit(result)


class Workers(QObject):
    """The app's background pool. Screens start tasks here and never block the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running = 0
        self._tasks: set[Task] = set()
        self._generations: dict[str, int] = {}

    def start(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task:
        task = Task(fn, with_progress=on_progress is not None)
        task.setAutoDelete(False)
        if on_done is not None:
            task.signals.done.connect(on_done)
        if on_failed is not None:
            task.signals.failed.connect(on_failed)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        task.signals.done.connect(lambda _r: self._finish(task))
        task.signals.failed.connect(lambda _m: self._finish(task))
        self._tasks.add(task)
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self.pool.start(task)
        return task

    def start_latest(
        self,
        key: str,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None] | None = None,
    ) -> Task:
        """Like start(), but only the most recent task under ``key`` reports back: a refresh
        started before an import must not overwrite the one started after it."""
        generation = self._generations.get(key, 0) + 1
        self._generations[key] = generation

        def done(result: Any) -> None:
            if self._generations.get(key) == generation:
                on_done(result)

        def failed(message: str) -> None:
            if on_failed is not None and self._generations.get(key) == generation:
                on_failed(message)

        return self.start(fn, done, failed)

    def when_idle(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` once no task is running: now if none is, else when the last one ends."""
        if self._running == 0:
            fn()
            return

        def check(busy: bool) -> None:
            if not busy:
                self.busy_changed.disconnect(check)
                fn()

        self.busy_changed.connect(check)

    def _finish(self, task: Task) -> None:
        self._tasks.discard(task)
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)

    @property
    def running(self) -> int:
        return self._running
