"""A background task's failure reaches the screen as the exception itself, not its text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from interviewprep.core.errors import UserFacingError
from interviewprep.ui.workers import Workers, describe


class BankMissing(UserFacingError):
    pass


def test_a_failed_task_reports_its_exception_with_its_traceback(qtbot: QtBot) -> None:
    workers = Workers()
    problem = KeyError("beta")

    def fails() -> None:
        raise problem

    errors: list[Exception] = []
    workers.start(fails, on_failed=errors.append)  # connected before the task can run
    qtbot.waitUntil(lambda: bool(errors))
    workers.wait()
    (error,) = errors
    assert error is problem
    assert error.__traceback__ is not None  # where it went wrong, for a bug report
    assert describe(error) == "KeyError: 'beta'"


def test_a_message_for_the_user_is_shown_as_written(qtbot: QtBot) -> None:
    workers = Workers()

    def fails() -> None:
        raise BankMissing("The bank demo.md is gone. Import it again.")

    errors: list[Exception] = []
    workers.start(fails, on_failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    workers.wait()
    assert isinstance(errors[0], BankMissing)
    assert describe(errors[0]) == "The bank demo.md is gone. Import it again."


def test_a_task_waiting_on_the_network_is_stopped_by_its_interrupt(qtbot: QtBot) -> None:
    """Cancel (the status bar's, or closing the window) reaches a task with no progress to
    report through its interrupt: the grader closes its socket and the task ends at once."""
    import threading

    from interviewprep.core.errors import Cancelled

    workers = Workers()
    released = threading.Event()

    def waits() -> None:
        if not released.wait(30):  # as a request to a server that never answers
            raise AssertionError("never interrupted")
        raise Cancelled

    with qtbot.waitSignal(workers.cancellable_changed) as cancellable:
        task = workers.start(waits, interrupt=released.set)
    assert cancellable.args == [True] and workers.can_cancel
    with qtbot.waitSignal(task.signals.cancelled, timeout=3000):
        workers.cancel_all()
    qtbot.waitUntil(lambda: workers.running == 0, timeout=3000)
    assert workers.wait(1000)
