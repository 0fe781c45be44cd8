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

    task = workers.start(fails)
    with qtbot.waitSignal(task.signals.failed) as failed:
        pass
    workers.wait()
    (error,) = failed.args
    assert error is problem
    assert error.__traceback__ is not None  # where it went wrong, for a bug report
    assert describe(error) == "KeyError: 'beta'"


def test_a_message_for_the_user_is_shown_as_written(qtbot: QtBot) -> None:
    workers = Workers()

    def fails() -> None:
        raise BankMissing("The bank demo.md is gone. Import it again.")

    task = workers.start(fails)
    with qtbot.waitSignal(task.signals.failed) as failed:
        pass
    workers.wait()
    assert isinstance(failed.args[0], BankMissing)
    assert describe(failed.args[0]) == "The bank demo.md is gone. Import it again."
