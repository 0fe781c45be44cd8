"""The database check in the window: a banner when the database is damaged (it is read-only
then) with a one-click restore of the newest good backup, and Tools > Check Database."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton

from interviewprep.services.app import Services
from interviewprep.services.backup import BackupInfo, Restored
from interviewprep.services.integrity import CheckResult
from interviewprep.ui.dialogs import MessageDialog
from interviewprep.ui.workers import Workers, describe

RESTORE_TEXT = "Restore newest good backup"


class DamageBanner(QFrame):
    """Across the top of the window while the database is damaged; hidden otherwise."""

    restore_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("DamageBanner")
        # Its own colours in both themes: a warning must not blend into either
        self.setStyleSheet(
            "#DamageBanner { background: #fde8e8; border-bottom: 2px solid #c92a2a; }"
            "#DamageBanner QLabel { color: #5c0b0b; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 10)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton(RESTORE_TEXT)
        self.restore_button.setObjectName("Primary")
        self.restore_button.clicked.connect(self.restore_clicked)
        row.addWidget(self.label, 1)
        row.addWidget(self.restore_button)
        self.hide()

    def show_damage(self, problem: str) -> None:
        self.label.setText(
            "<b>Your progress database is damaged</b>, so interviewprep has made it read-only: "
            "nothing you do now is saved, and nothing already saved is changed. Restore the "
            f"newest backup that passes its check to carry on.<br><small>SQLite: {problem}"
            "</small>"
        )
        self.show()


class DatabaseCheck(QObject):
    """Runs the checks on a worker and shows what they found; owns the restore flow."""

    checked = Signal(object)  # CheckResult, after every check
    restore_finished = Signal(object)  # Restored, or the failure message (str)

    def __init__(self, window: QMainWindow, services: Services, workers: Workers) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._workers = workers
        self.banner = DamageBanner()
        self.banner.restore_clicked.connect(self.restore_newest_good_backup)
        self.dialog: MessageDialog | None = None
        """The last message shown (open, window-modal, never blocking the event loop)."""

    # -- checks ---------------------------------------------------------------------------------

    def after_start(self, then: Callable[[], None] | None = None) -> None:
        """``PRAGMA quick_check`` on a worker; ``then`` runs if the database is intact (a
        damaged one takes no more writes, bank updates included)."""

        def done(result: CheckResult) -> None:
            self._show(result)
            if result.ok and then is not None:
                then()

        self._workers.start(lambda: self._services.integrity.check(), done, self._failed)

    def check_database(self) -> None:
        """Tools > Check Database: the full ``PRAGMA integrity_check``, with its result."""
        self._window.statusBar().showMessage("Checking the database…")

        def done(result: CheckResult) -> None:
            self._show(result)
            self._window.statusBar().clearMessage()
            if result.ok:
                self._message("Check Database", result.summary())
                return
            listed = "\n".join(result.problems[:8])
            self._message(
                "Check Database",
                f"{result.summary()}. The database is read-only until you restore a backup "
                f"({RESTORE_TEXT}, above your screens).\n\n{listed}",
                warning=True,
            )

        self._workers.start(lambda: self._services.integrity.check(full=True), done, self._failed)

    def refresh(self) -> None:
        """Show the banner if a check elsewhere (before a backup) found damage."""
        problem = self._services.db.damaged
        if problem is not None:
            self.banner.show_damage(problem)

    def _show(self, result: CheckResult) -> None:
        if not result.ok:
            self.banner.show_damage(result.problems[0])
        self.checked.emit(result)

    def _failed(self, error: Exception) -> None:
        self._message("Check Database", describe(error), warning=True)

    # -- restore --------------------------------------------------------------------------------

    def restore_newest_good_backup(self) -> None:
        """Find the newest backup that passes its check (off the GUI thread), ask, restore."""
        self.banner.restore_button.setEnabled(False)
        self._window.statusBar().showMessage("Looking for the newest good backup…")
        self._workers.start(
            self._services.integrity.newest_good_backup, self._confirm, self._restore_failed
        )

    def _confirm(self, good: BackupInfo | None) -> None:
        self._window.statusBar().clearMessage()
        if good is None:
            self._restore_failed(
                f"No backup in {self._services.backup.folder} passes its check, so there is "
                "nothing good to restore. Move the damaged database away to start afresh."
            )
            return
        box = self._message(
            RESTORE_TEXT,
            f"Restore {good.path.name}, made {good.modified:%A %d %B %Y at %H:%M}?\n\n"
            "What you did after it was made is not in it. The damaged database is set aside "
            f"in {good.path.parent}, not deleted.",
            accept="Restore",
            cancel="Cancel",
            destructive=True,  # Enter keeps the damaged database as it is; Ctrl+Enter restores
        )

        def answered(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                self.banner.restore_button.setEnabled(True)
                return
            self._window.statusBar().showMessage(f"Restoring {good.path.name}…")
            self._workers.start(
                lambda: self._services.backup.restore(good.path),
                self._restored,
                self._restore_failed,
            )

        box.finished.connect(answered)

    def _restored(self, restored: Restored) -> None:
        self.banner.hide()
        self._window.statusBar().clearMessage()
        box = self._message(
            "Backup restored",
            f"Restored {restored.source.name}. The damaged database is kept as "
            f"{restored.safety_backup.name}.\n\ninterviewprep will now close so that every "
            "screen starts from the restored data. Open it again to continue.",
        )
        # Services cache settings and plans: closing is the only clean way to drop them all.
        box.finished.connect(lambda _result: self._window.close())
        self.restore_finished.emit(restored)

    def _restore_failed(self, error: Exception | str) -> None:
        message = error if isinstance(error, str) else describe(error)
        self.banner.restore_button.setEnabled(True)
        self._window.statusBar().clearMessage()
        self._message("Restore failed", message, warning=True)
        self.restore_finished.emit(message)

    def _message(
        self,
        title: str,
        text: str,
        *,
        accept: str = "OK",
        cancel: str | None = None,
        warning: bool = False,
        destructive: bool = False,
    ) -> MessageDialog:
        """The app's own dialog, as every other message: window-modal and opened, not run,
        so the event loop (and the workers' results) keeps going while it is up."""
        box = MessageDialog(
            self._window,
            title,
            text,
            accept=accept,
            cancel=cancel,
            warning=warning,
            destructive=destructive,
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = box
        box.open()
        return box
