"""Run slow work off the GUI thread and get results back as signals on the GUI thread."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

from interviewprep.core.errors import Cancelled, UserFacingError

ProgressFn = Callable[[int, int], None]
OnFailed = Callable[[Exception], object]
"""Called with the exception a task raised: its type says what went wrong, ``describe`` puts
it in a line for the user, and its traceback is there for anyone who needs it."""


def describe(error: BaseException) -> str:
    """``error`` in one line for a message or the status bar: a message written for the user
    as it is, anything else as its type and text (a bug's, not for the user to fix)."""
    if isinstance(error, UserFacingError):
        return str(error).strip()
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[-1]}" if text else type(error).__name__


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)  # the Exception
    cancelled = Signal()


class Task(QRunnable):
    """A callable run in the thread pool. It gets a ``progress(done, total)`` callback if it
    accepts one; results and errors come back through ``signals`` on the GUI thread.

    A task with progress can be cancelled: its next progress report raises ``Cancelled``
    (services report between files and batches), and it ends with ``signals.cancelled``."""

    def __init__(
        self,
        fn: Callable[..., Any],
        *,
        with_progress: bool = False,
        label: str = "",
        interrupt: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.label = label
        self._interrupt = interrupt
        self.signals = _Signals()
        self._cancel = threading.Event()

    @property
    def cancellable(self) -> bool:
        return self.with_progress or self._interrupt is not None

    def cancel(self) -> None:
        self._cancel.set()
        if self._interrupt is not None:
            self._interrupt()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._emit(self.signals.progress, done, total)

    @staticmethod
    def _emit(signal: SignalInstance, *args: Any) -> None:
        # A task may outlive its window (closing does not wait for a stuck one): reporting to
        # a deleted object then raises "Signal source has been deleted"; nobody is listening.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self._progress) if self.with_progress else self.fn()
        except Cancelled:
            self._emit(self.signals.cancelled)
            return
        except Exception as err:  # reported to the user by the screen that started the task
            self._emit(self.signals.failed, err)
            return
        self._emit(self.signals.done, result)


class Workers(QObject):
    """The app's background pool. Screens start tasks here and never block the GUI thread."""

    busy_changed = Signal(bool)
    cancellable_changed = Signal(bool)  # whether a running task can be cancelled

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
        on_failed: OnFailed | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        *,
        label: str = "",
        on_cancelled: Callable[[], None] | None = None,
        interrupt: Callable[[], None] | None = None,
    ) -> Task:
        """Run ``fn`` on the pool. With ``on_progress`` it gets a progress callback and can be
        cancelled; so it can with ``interrupt``, called on the GUI thread to stop ``fn`` where
        it waits (a network request), after which ``fn`` raises ``Cancelled``. ``label`` says
        what it does ("importing banks") while closing waits."""
        task = Task(fn, with_progress=on_progress is not None, label=label, interrupt=interrupt)
        task.setAutoDelete(False)
        if on_done is not None:
            task.signals.done.connect(on_done)
        if on_failed is not None:
            task.signals.failed.connect(on_failed)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        task.signals.done.connect(lambda _r: self._finish(task))
        task.signals.failed.connect(lambda _error: self._finish(task))
        if on_cancelled is not None:
            task.signals.cancelled.connect(on_cancelled)
        task.signals.cancelled.connect(lambda: self._finish(task))
        was_cancellable = self.can_cancel
        self._tasks.add(task)
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        if self.can_cancel != was_cancellable:
            self.cancellable_changed.emit(self.can_cancel)
        self.pool.start(task)
        return task

    @property
    def can_cancel(self) -> bool:
        return any(t.cancellable and not t.cancel_requested for t in self._tasks)

    def cancel_all(self) -> None:
        """Ask every running task that can stop to stop at its next progress report."""
        was_cancellable = self.can_cancel
        for task in self._tasks:
            task.cancel()
        if was_cancellable:
            self.cancellable_changed.emit(False)

    def labels(self) -> list[str]:
        """What the running tasks do, for a window that waits for them."""
        return sorted({t.label or "a background task" for t in self._tasks})

    def start_latest(
        self,
        key: str,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_failed: OnFailed | None = None,
    ) -> Task:
        """Like start(), but only the most recent task under ``key`` reports back: a refresh
        started before an import must not overwrite the one started after it."""
        generation = self._generations.get(key, 0) + 1
        self._generations[key] = generation

        def done(result: Any) -> None:
            if self._generations.get(key) == generation:
                on_done(result)

        def failed(error: Exception) -> None:
            if on_failed is not None and self._generations.get(key) == generation:
                on_failed(error)

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
        was_cancellable = self.can_cancel
        self._tasks.discard(task)
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)
        if self.can_cancel != was_cancellable:
            self.cancellable_changed.emit(self.can_cancel)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)

    @property
    def running(self) -> int:
        return self._running
