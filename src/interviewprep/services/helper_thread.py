"""One long-lived thread for small pure computations that can run while the calling thread
waits on the disk.

sqlite3 lets go of the GIL while a commit writes and fsyncs (some 150 µs per answer), so a
computation handed over just before the commit runs in that wait instead of after it: an
answer's commit and the next card's grade states (py-fsrs, some 70 µs) overlap. Started on
first use; a thread started per job would cost more than the job.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """The outcome of a job: ``result()`` waits for it, then returns it or raises its error."""

    def __init__(self) -> None:
        # A lock held until the job ends, as a one-shot latch: an Event costs a Condition and
        # two locks to make, on every answer.
        self._running = threading.Lock()
        self._running.acquire()
        self._value: T | None = None
        self._error: BaseException | None = None

    @classmethod
    def done(cls, value: T) -> Pending[T]:
        """An outcome known already, with nothing to wait for."""
        pending: Pending[T] = cls()
        pending._finish(value, None)
        return pending

    def _finish(self, value: T | None, error: BaseException | None) -> None:
        self._value, self._error = value, error
        self._running.release()

    def wait(self) -> None:
        """Wait for the job to end, whatever its outcome."""
        with self._running:
            pass

    def result(self) -> T:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


_Job = tuple[Pending[object], Callable[[], object]]


class HelperThread:
    def __init__(self, name: str = "interviewprep-helper") -> None:
        self._name = name
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], T]) -> Pending[T]:
        pending: Pending[T] = Pending()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
        self._jobs.put((pending, job))  # type: ignore[arg-type]
        return pending

    def close(self) -> None:
        """Let the thread finish the jobs it has and end."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join()

    def _run(self) -> None:
        while (item := self._jobs.get()) is not None:
            pending, job = item
            try:
                value = job()
            except BaseException as error:  # handed to whoever waits for the result
                pending._finish(None, error)
            else:
                pending._finish(value, None)
