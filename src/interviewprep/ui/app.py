"""Start the desktop app: open the data folder, load the bundled banks, show the window."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QProgressDialog

from interviewprep.core.errors import UserFacingError
from interviewprep.services.app import Services, build_services
from interviewprep.services.library import ImportResult, load_readers
from interviewprep.services.paths import bundled_banks_dir, resources_dir
from interviewprep.ui.dialogs import inform, warn
from interviewprep.ui.first_run import RolePickerDialog
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.single_instance import SingleInstance
from interviewprep.ui.theme import Theme
from interviewprep.ui.workers import describe
from interviewprep.wording import count

WIDE_SCREEN_PX = 1800
"""From this width on (1920x1080 and up) the default text is a point larger."""


def default_font_pt(app: QApplication) -> int:
    """11 pt, or 12 on a wide screen, where 11 pt reads small from a desk's distance."""
    screen = app.primaryScreen()
    wide = screen is not None and screen.availableGeometry().width() >= WIDE_SCREEN_PX
    return 12 if wide else 11


def create_window(services: Services, app: QApplication) -> MainWindow:
    chosen = services.settings.get("ui.font_pt")
    theme = Theme(
        app,
        mode=str(services.settings.get("ui.theme", "system")),
        font_pt=int(chosen) if chosen is not None else default_font_pt(app),
    )
    return MainWindow(services, theme)


def load_bundled_banks(window: MainWindow, on_done: object = None) -> None:
    """Import (or re-sync) the bundled banks off the GUI thread, with a progress dialog the
    first time when the user has nothing to study yet."""
    services = window.services
    first_run = not services.library.banks()
    dialog: QProgressDialog | None = None
    if first_run:
        dialog = QProgressDialog("Loading the question banks…", "Cancel", 0, 100, window)
        dialog.setWindowTitle("interviewprep")
        dialog.setMinimumWidth(360)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)

    def progress(done: int, total: int) -> None:
        if dialog is not None:
            dialog.setValue(round(100 * done / max(1, total)))

    def finished(result: ImportResult) -> None:
        if dialog is not None:
            dialog.setValue(100)
            dialog.close()
        if result.problems:
            window.statusBar().showMessage(
                f"Bundled banks: {count(len(result.problems), 'problem')}; see the Banks screen",
                8000,
            )
        if first_run or not services.settings.get("first_run_done"):
            # once the import's task has ended (its Cancel button gone), not inside it
            QTimer.singleShot(0, lambda: first_run_questions(window))
            return
        if not (result.details() or result.retired_banks):
            return  # nothing changed: the screen's figures stand
        window.current_screen().activated()

    def cancelled() -> None:
        if dialog is not None:
            dialog.close()
        window.statusBar().showMessage(
            "Loading the bundled banks was cancelled; they load at the next start", 8000
        )

    load_readers()  # here, not on the worker: see load_readers
    task = window.workers.start(
        lambda report: services.library.import_paths([bundled_banks_dir()], report),
        finished,
        lambda error: warn(window, "Could not load the bundled banks", describe(error)),
        on_progress=progress,
        label="loading the bundled banks",
        on_cancelled=cancelled,
    )
    if dialog is not None:
        dialog.canceled.connect(task.cancel)


def open_window(window: MainWindow) -> None:
    """Show the window, then bring the banks up to date with their files."""
    window.show()
    check = window.database_check
    if window.services.library.banks():
        # The check, then re-reading the bundled banks and the shared folders, wait until the
        # first screen has its figures: run beside them, they would slow them by half. Banks
        # are re-read only into a database that passed: a damaged one takes no writes.
        window.workers.when_idle(lambda: check.after_start(lambda: sync_banks(window)))
    else:
        check.after_start()
        sync_banks(window)  # nothing to study before the bundled banks are in


def sync_banks(window: MainWindow) -> None:
    """The bundled banks, then every shared folder: brought up to date with their files."""
    load_bundled_banks(window)
    window.start_watching()


def first_run_questions(window: MainWindow) -> None:
    ask_roles(window)
    window.activateWindow()  # give the keyboard back to the window after the dialog
    window.current_screen().activated()


def ask_roles(window: MainWindow) -> None:
    services = window.services
    dialog = RolePickerDialog(
        services.library.roles(),
        services.settings.target_roles,
        services.settings.interview_date,
        window.theme.dark,
        window,
    )
    if dialog.exec():
        services.settings.target_roles = dialog.chosen_roles()
        services.settings.interview_date = dialog.interview_date()
    services.settings.set("first_run_done", True)


def bring_to_front(window: MainWindow) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def install_error_hook(app: QApplication) -> None:
    """An error in a slot shows a message instead of killing the app; user-facing errors (a
    full disk, a damaged file) show their own explanation."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, UserFacingError):
            warn(app.activeWindow(), "interviewprep", str(error))
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        print(text, file=sys.stderr)
        warn(
            app.activeWindow(),
            "Something went wrong",
            f"interviewprep hit an unexpected error; your progress is saved.\n\n{error}",
        )

    sys.excepthook = hook


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("interviewprep")
    app.setApplicationDisplayName("interviewprep")
    icon = resources_dir() / "icons" / "interviewprep.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if instance.ask_first_to_activate():
            print("interviewprep is already open on this data folder: brought it to the front.")
            return 0
        Theme(app, font_pt=default_font_pt(app))  # the app's look before there is a window
        inform(
            None,
            "interviewprep is already open",
            f"Another interviewprep window is using {data_dir}. Close it first, or start "
            "this one with another folder (--data-dir).",
        )
        return 1
    try:
        services = build_services(data_dir)
    except UserFacingError as err:
        instance.release()
        Theme(app, font_pt=default_font_pt(app))
        warn(None, "interviewprep cannot start", str(err))
        return 2
    install_error_hook(app)
    try:
        window = create_window(services, app)
        instance.activate.connect(lambda: bring_to_front(window))
        open_window(window)
        code = app.exec()
    finally:
        services.close()
        instance.release()
    if window.workers.running:
        # A task that would not stop (a hung network share, a stuck lock) would keep the
        # process alive forever: Qt's thread pool waits for it at exit. Its work is in an
        # open transaction, which SQLite rolls back; every answer is already committed.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
