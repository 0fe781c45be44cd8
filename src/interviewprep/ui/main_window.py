"""The main window: a sidebar of screens, menus with every action and its shortcut."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interviewprep import __version__
from interviewprep.core.errors import UserFacingError
from interviewprep.services.app import Services
from interviewprep.services.library import BankConflict, ImportResult, load_readers
from interviewprep.ui.dialogs import (
    ChooseBanksDialog,
    ConflictDialog,
    CsvMappingDialog,
    SharedFoldersDialog,
    ShortcutsDialog,
    inform,
    warn,
)
from interviewprep.ui.folder_watcher import FolderWatcher
from interviewprep.ui.integrity import DatabaseCheck
from interviewprep.ui.screen_set import SCREENS, ScreenSet, ScreenSpec
from interviewprep.ui.screens.base import Screen
from interviewprep.ui.shortcuts import DIALOG_KEYS, SCREEN_KEYS, Key
from interviewprep.ui.theme import Theme
from interviewprep.ui.workers import Workers, describe
from interviewprep.wording import count

if TYPE_CHECKING:  # loaded when first used: it brings the bank parser (see services/app.py)
    from interviewprep.ui.bank_preview import BankPreviewWindow

__all__ = ["SCREENS", "MainWindow"]

BACKUP_IN_PLACE_BYTES = 20 * 1024 * 1024
"""Up to this size the backup on closing is made on the GUI thread: about 50 ms."""
CLOSE_WAIT_MS = 5_000
"""How long closing waits for running tasks to stop before it backs up and exits anyway."""


class MainWindow(QMainWindow):
    import_finished = Signal(object)  # ImportResult

    def __init__(self, services: Services, theme: Theme, workers: Workers | None = None) -> None:
        super().__init__()
        self.services = services
        self.theme = theme
        self.workers = workers or Workers(self)
        self.setWindowTitle("interviewprep")
        self.setMinimumSize(900, 580)  # fits a 1280x720 screen with its panels
        self.setAcceptDrops(True)
        self._settings = QSettings(
            str(Path(services.data_dir) / "window.ini"), QSettings.Format.IniFormat
        )
        self.screens = ScreenSet(self._build_screen)
        self._previews: list[BankPreviewWindow] = []
        self.watcher = FolderWatcher(services, self.workers, self)
        self.watcher.synced.connect(self._folder_synced)
        self.watcher.failed.connect(
            lambda folder, message: self.statusBar().showMessage(
                f"Shared folder {folder.name}: {message}", 8000
            )
        )
        self.database_check = DatabaseCheck(self, services, self.workers)
        self._build()
        self._build_menus()
        self._restore()
        self._closing: bool | None = None  # False while the closing backup runs, then True
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(5 * 60 * 1000)
        self._backup_timer.timeout.connect(self.backup_if_due)
        self._backup_timer.start()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        column = QVBoxLayout(central)  # the damage banner (hidden), then sidebar and screens
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.database_check.banner)
        row = QHBoxLayout()
        column.addLayout(row, 1)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setFixedWidth(210)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget()
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        for spec in SCREENS:
            self.stack.addWidget(QWidget())  # stands in until the screen is first shown
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.name)
            item.setToolTip(f"{spec.title} ({spec.keys})")
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._row_changed)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.workers.busy_changed.connect(self.busy.setVisible)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the import: nothing it read so far is kept")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.workers.cancel_all)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.workers.cancellable_changed.connect(self.cancel_button.setVisible)

    def _build_screen(self, spec: ScreenSpec) -> Screen:
        screen = spec.load()(self.services, self.workers, self.theme)
        screen.setObjectName(f"screen-{spec.name}")
        screen.navigate.connect(self.show_screen)
        screen.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        screen.conflict_found.connect(self.resolve_conflict)
        preview_requested = getattr(screen, "preview_requested", None)  # the Banks screen's
        if preview_requested is not None:
            preview_requested.connect(self.preview_bank)
        drill = getattr(screen, "drill_requested", None)
        if drill is not None:  # the mock interview's "what to drill next", the weak points'
            drill.connect(self.start_drill)
        design = getattr(screen, "design_requested", None)
        if design is not None:  # the design prompts whose rubric items keep being lost
            design.connect(self.start_design)
        index = SCREENS.index(spec)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, screen)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        return screen

    def _action(
        self, text: str, keys: str | QKeySequence.StandardKey | None, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{text} ({QKeySequence(keys).toString()})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("&Import bank file…", "Ctrl+O", self.import_file))
        file_menu.addAction(
            self._action("Import bank &folder…", "Ctrl+Shift+O", self.import_folder)
        )
        file_menu.addAction(self._action("Import &CSV…", None, self.import_csv))
        file_menu.addAction(self._action("Import &Anki deck (.apkg)…", None, self.import_apkg))
        file_menu.addAction(self._action("&Preview a bank file…", "Ctrl+P", self.preview_bank))
        file_menu.addAction(self._action("Add &shared folder…", None, self.add_shared_folder))
        file_menu.addAction(self._action("Shared folders…", None, self.show_shared_folders))
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("&Export bundle (.zip)…", "Ctrl+Shift+E", self.export_bundle)
        )
        file_menu.addAction(self._action("Export to Anki (.apkg)…", None, self.export_apkg))
        file_menu.addAction(self._action("Export to CSV…", None, self.export_csv))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", "Ctrl+Q", self.close))

        study = bar.addMenu("&Study")
        study.addAction(self._action("Start &review", "Ctrl+R", lambda: self.show_screen("review")))
        study.addAction(
            self._action("Practise system &design", "Ctrl+D", lambda: self.show_screen("design"))
        )
        study.addAction(self._action("&Mock interview", "Ctrl+M", lambda: self.show_screen("mock")))

        view = bar.addMenu("&View")
        for spec in SCREENS:
            view.addAction(
                self._action(spec.title, spec.keys, partial(self.show_screen, spec.name))
            )
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for mode in ("system", "light", "dark"):
            action = QAction(
                {"system": "Follow system", "light": "Light", "dark": "Dark"}[mode], self
            )
            action.setCheckable(True)
            action.setChecked(self.theme.mode == mode)
            action.triggered.connect(lambda _c=False, m=mode: self.set_theme(m))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[mode] = action

        tools = bar.addMenu("&Tools")
        tools.addAction(self._action("&Check Database", None, self.database_check.check_database))

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Keyboard shortcuts", "F1", self.show_shortcuts))
        help_menu.addAction(self._action("&About interviewprep", None, self.show_about))

    # -- navigation -----------------------------------------------------------------------------

    def show_screen(self, name: str) -> None:
        names = [spec.name for spec in SCREENS]
        if name in names:
            self.sidebar.setCurrentRow(names.index(name))

    def start_drill(self, card_filter: object) -> None:
        """A review session of exactly ``card_filter`` (a CardFilter from the mock report)."""
        self.show_screen("review")
        review = self.screens["review"]
        start = getattr(review, "drill", None)
        if start is not None:
            start(card_filter)

    def start_design(self, keys: object) -> None:
        """System design on the prompts ``keys`` (a list of keys from the weak points)."""
        self.show_screen("design")
        practise = getattr(self.screens["design"], "practise", None)
        if practise is not None and isinstance(keys, list):
            practise(keys)

    def current_screen(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        current = self.stack.currentWidget()
        leaving = isinstance(current, Screen) and current is not self.stack.widget(row)
        if leaving and isinstance(current, Screen) and not current.can_leave():
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(self.stack.currentIndex())
            self.sidebar.blockSignals(False)
            return
        screen = self.screens[SCREENS[row].name]
        self.stack.setCurrentWidget(screen)
        screen.activated()
        self._settings.setValue("last_screen", SCREENS[row].name)

    def set_theme(self, mode: str) -> None:
        self.theme.set_mode(mode)
        self.services.settings.set("ui.theme", mode)
        self.theme_actions[mode].setChecked(True)

    # -- importing ------------------------------------------------------------------------------

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import bank", "", "Bank files and bundles (*.md *.zip)"
        )
        if path:
            self.import_paths([Path(path)])

    def import_csv(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, "Import CSV", "", "CSV files (*.csv)")
            if not name:
                return
            path = Path(name)
        interop = self.services.interop
        try:
            # bounded: the file's size is checked and at most one 20,000-character line read
            columns = interop.csv_columns(path)
        except UserFacingError as err:
            warn(self, "Import failed", str(err))
            return
        dialog = CsvMappingDialog(columns, self.services.library.roles(), path.stem, self)
        if not dialog.exec():
            return
        from interviewprep.services.interop import ColumnMapping

        mapping = ColumnMapping(
            question=str(dialog.question.currentData()),
            answer=str(dialog.answer.currentData()),
            tags=dialog.tags.currentData(),
        )
        role, title = str(dialog.role.currentData()), dialog.title.text().strip() or path.stem
        source = path
        self._run_import(
            lambda: interop.import_csv(source, mapping, role=role, title=title),
            f"Importing {path.name}…",
            show_problems=True,
        )

    def import_apkg(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Import Anki deck", "", "Anki decks (*.apkg)"
            )
            if not name:
                return
            path = Path(name)
        interop, source = self.services.interop, path
        self._run_import(
            lambda: interop.import_apkg(source), f"Importing {path.name}…", show_problems=True
        )

    def _run_import(
        self, work: Callable[[], ImportResult], message: str, *, show_problems: bool = False
    ) -> None:
        self.statusBar().showMessage(message)
        load_readers()  # here, not on the worker: see load_readers
        self.workers.start(
            work,
            self._imported_showing_problems if show_problems else self._imported,
            lambda error: warn(self, "Import failed", describe(error)),
        )

    def _imported_showing_problems(self, result: ImportResult) -> None:
        """A CSV or Anki import is one file the user chose: its problems are shown on the
        Banks screen, as every import's are."""
        self._imported(result)

    def _export(
        self, action: str, filter_: str, suffix: str, work: Callable[[list[str], Path], object]
    ) -> None:
        dialog = ChooseBanksDialog(self.services.library.banks(), action, self)
        bank_ids = dialog.chosen() if dialog.exec() else []
        if not bank_ids:
            return
        name, _ = QFileDialog.getSaveFileName(self, action, f"interviewprep{suffix}", filter_)
        if not name:
            return
        path = Path(name)
        self.workers.start(
            lambda: work(bank_ids, path),
            lambda _result: self.statusBar().showMessage(
                f"Exported {count(len(bank_ids), 'bank')} to {path}", 8000
            ),
            lambda error: warn(self, f"{action} failed", describe(error)),
        )

    def export_bundle(self) -> None:
        self._export("Export bundle", "Bundles (*.zip)", ".zip", self.services.bundles.export)

    def export_apkg(self) -> None:
        interop = self.services.interop
        self._export("Export to Anki", "Anki decks (*.apkg)", ".apkg", interop.export_apkg)

    def export_csv(self) -> None:
        interop = self.services.interop
        self._export("Export to CSV", "CSV files (*.csv)", ".csv", interop.export_csv)

    # -- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(_droppable(Path(u.toLocalFile())) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls()]
        event.acceptProposedAction()
        self.open_paths(paths)

    def open_paths(self, paths: list[Path]) -> None:
        """Import what the user dropped: banks, folders and bundles together; CSV files and
        Anki decks one by one."""
        banks = [p for p in paths if p.is_dir() or p.suffix.lower() in (".md", ".zip")]
        if banks:
            self.import_paths(banks)
        for path in paths:
            if path.suffix.lower() == ".csv":
                self.import_csv(path)
            elif path.suffix.lower() == ".apkg":
                self.import_apkg(path)

    def import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import bank folder")
        if path:
            self.import_paths([Path(path)])

    def import_paths(self, paths: list[Path]) -> None:
        self.statusBar().showMessage("Importing…")
        load_readers()  # here, not on the worker: see load_readers
        self.workers.start(
            lambda progress: self.services.library.import_paths(paths, progress),
            self._imported,
            lambda error: warn(self, "Import failed", describe(error)),
            on_progress=lambda done, total: self.statusBar().showMessage(
                f"Importing… {round(100 * done / max(1, total))}%"
            ),
            label="importing banks",
            on_cancelled=lambda: self.statusBar().showMessage(
                "Import cancelled: nothing from it was kept", 8000
            ),
        )

    def _imported(self, result: ImportResult) -> None:
        notes = "".join(f". {note}" for note in result.notes)
        self.statusBar().showMessage(f"Import: {result.summary()}{notes}", 12000 if notes else 8000)
        self._report_import(result, background=False)
        self.import_finished.emit(result)
        self.current_screen().activated()
        for conflict in result.conflicts:
            self.resolve_conflict(conflict)

    def _report_import(self, result: ImportResult, background: bool) -> None:
        """Every import's problems go to the Banks screen and stay there until dismissed; an
        import the user started that found problems shows that screen."""
        banks = self.screens["banks"]
        show_import = getattr(banks, "show_import", None)
        if show_import is not None:
            show_import(result, background)
        if result.problems and not background:
            self.show_screen("banks")

    def preview_bank(self, path: Path | None = None, line: int = 0) -> BankPreviewWindow | None:
        """Maintainers: a bank file re-rendered on every save, with its problems beside it;
        ``line`` shows the file's text at that line. One window per file, reused."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Preview a bank file", "", "Bank files (*.md)"
            )
            if not name:
                return None
            path = Path(name)
        from interviewprep.ui.bank_preview import BankPreviewWindow

        self._previews = [w for w in self._previews if w.isVisible()]
        window = next((w for w in self._previews if w.path == path), None)
        if window is None:
            window = BankPreviewWindow(path, self.services, self.theme)
            window.place_over(self)
            self._previews.append(window)
        else:
            window.reload()
        window.show()
        window.raise_()
        window.activateWindow()
        if line:
            window.show_line(line)
        return window

    # -- shared folders -------------------------------------------------------------------

    def start_watching(self) -> None:
        """Re-read every shared folder now, and whenever its files change."""
        self.watcher.watch_all()

    def add_shared_folder(self, folder: Path | None = None) -> None:
        if folder is None:
            name = QFileDialog.getExistingDirectory(self, "Add a shared folder of banks")
            if not name:
                return
            folder = Path(name)
        folder = folder.expanduser().resolve()
        sources = self.services.sources
        self._run_import(lambda: sources.add(folder), f"Reading {folder.name}…")
        self.watcher.watch(folder, sync_now=False)

    def show_shared_folders(self) -> None:
        dialog = SharedFoldersDialog(self.services.sources.folders(), self)
        dialog.exec()
        for folder in dialog.removed:
            self.services.sources.remove(folder)
            self.watcher.unwatch(folder)
        if dialog.add_requested:
            self.add_shared_folder()

    def _folder_synced(self, folder: Path, result: ImportResult) -> None:
        if result.changes or result.problems:
            self.statusBar().showMessage(f"Shared folder {folder.name}: {result.summary()}", 10000)
            self._report_import(result, background=True)
            self.import_finished.emit(result)
            self.current_screen().activated()
        for conflict in result.conflicts:
            self.resolve_conflict(conflict)

    def resolve_conflict(self, conflict: BankConflict) -> None:
        dialog = ConflictDialog(conflict, self)
        dialog.exec()
        if not dialog.use_offered:
            # a decision, recorded so the same file is not offered again until it changes
            self.services.library.keep_installed(conflict)
            self.statusBar().showMessage(
                f"Kept the installed '{conflict.bank_id}' v{conflict.installed_version}", 6000
            )
            return
        library = self.services.library
        self._run_import(lambda: library.use_source(conflict), f"Switching '{conflict.bank_id}'…")

    # -- dialogs --------------------------------------------------------------------------------

    def shortcut_groups(self) -> list[tuple[str, list[Key]]]:
        """Every shortcut: the menus' (read from the actions themselves), then each screen's."""
        anywhere = [
            Key(action.text().replace("&", "").rstrip("…"), (action.shortcut().toString(),))
            for action in self.actions()
            if not action.shortcut().isEmpty()
        ]
        groups = [("Anywhere", anywhere)]
        for spec in SCREENS:
            if spec.name in SCREEN_KEYS:
                groups.append((spec.title, list(SCREEN_KEYS[spec.name])))
        groups.append(("Dialogs", list(DIALOG_KEYS)))
        return groups

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.shortcut_groups(), self)
        screen = self.screen().availableGeometry()
        dialog.fit(screen.width(), screen.height())
        self.shortcuts_dialog = dialog
        dialog.exec()

    def show_about(self) -> None:
        inform(
            self,
            "About interviewprep",
            f"<b>interviewprep {__version__}</b><br>Spaced-repetition practice for AI "
            f"engineering interviews.<br><br>Data folder: {self.services.data_dir}",
            rich=True,
        )

    # -- window state ---------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self._settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._first_size()
        last = str(self._settings.value("last_screen", "today"))
        self.show_screen(last if last in self.screens else "today")

    def _first_size(self) -> None:
        self.setGeometry(first_geometry(self.screen().availableGeometry(), self.minimumSize()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing is not None:
            if self._closing:
                event.accept()  # the backup below is done
            else:
                event.ignore()  # still waiting or backing up
            return
        for screen in self.screens.built():
            if not screen.can_leave():
                event.ignore()
                return
        self._settings.setValue("geometry", self.saveGeometry())
        self._settings.sync()
        self._backup_timer.stop()
        # A backup on every close, as Anki does. Idle with a small database, it is copied at
        # once. Otherwise the window stays up, responsive, saying what it waits for: running
        # tasks are asked to stop and given CLOSE_WAIT_MS (a task stuck on a hung share or a
        # lock is left behind: the process exits without it), then the backup is made on a
        # thread of its own (500 MB at 100,000 questions: 1.3 s) and the window closes.
        if self.workers.running == 0 and (
            self.services.db.path.stat().st_size <= BACKUP_IN_PLACE_BYTES
        ):
            try:
                self.services.auto_backup.run()
            except UserFacingError as err:
                print(f"interviewprep: no backup on closing: {err}", file=sys.stderr)
            event.accept()
            return
        event.ignore()
        self._closing = False
        central = self.centralWidget()
        if central is not None:
            central.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.cancel_button.hide()
        self.workers.cancel_all()
        if self.workers.running == 0:
            self._back_up_then_close()
            return
        self._close_waited_ms = 0
        self._close_tick = QTimer(self)
        self._close_tick.setInterval(250)
        self._close_tick.timeout.connect(self._wait_for_tasks)
        self._close_tick.start()
        self._say_what_closing_waits_for()
        self.workers.when_idle(self._tasks_stopped)

    def _say_what_closing_waits_for(self) -> None:
        left = max(0, CLOSE_WAIT_MS - self._close_waited_ms)
        self.statusBar().showMessage(
            f"Closing: waiting up to {left / 1000:.0f} s for {', '.join(self.workers.labels())}"
            " to stop. Your answers are saved."
        )

    def _wait_for_tasks(self) -> None:
        self._close_waited_ms += self._close_tick.interval()
        if self._close_waited_ms >= CLOSE_WAIT_MS:
            print(
                "interviewprep: closing without waiting for "
                f"{', '.join(self.workers.labels())}: it did not stop",
                file=sys.stderr,
            )
            self._tasks_stopped()
        else:
            self._say_what_closing_waits_for()

    def _tasks_stopped(self) -> None:
        if not self._close_tick.isActive():
            return  # the deadline came first; the backup is under way
        self._close_tick.stop()
        self._back_up_then_close()

    def _back_up_then_close(self) -> None:
        """The backup on a thread of its own, not the pool: a stuck task may hold the pool."""
        self.statusBar().showMessage("Backing up your progress before closing…")
        done = _BackupDone(self)
        done.finished.connect(self._backed_up)

        def work() -> None:
            problem = None
            try:
                self.services.auto_backup.run()
            except Exception as err:  # a failed backup must not keep the app open
                problem = str(err)
            with contextlib.suppress(RuntimeError):  # the window went first
                done.finished.emit(problem)

        threading.Thread(target=work, name="closing-backup", daemon=True).start()

    def _backed_up(self, problem: str | None) -> None:
        if problem:
            print(f"interviewprep: no backup on closing: {problem}", file=sys.stderr)
        self._closing = True
        self.close()

    def backup_if_due(self) -> None:
        """Every 30 minutes of use, off the GUI thread."""
        auto = self.services.auto_backup

        def done(path: Path | None) -> None:
            if path:
                self.statusBar().showMessage(f"Backed up to {path.name}", 4000)

        def failed(error: Exception) -> None:
            self.statusBar().showMessage(f"Automatic backup failed: {describe(error)}", 10000)
            self.database_check.refresh()  # the check before it may have found damage

        self.workers.start(auto.run_if_due, done, failed)


class _BackupDone(QObject):
    finished = Signal(object)  # None, or what went wrong


FRAME_PX = 40
"""Title bar and borders, which a window's own geometry leaves out."""


def first_geometry(area: QRect, minimum: QSize) -> QRect:
    """The window's first opening: most of the screen, frame included, centred; never more
    than the screen (1180x800 was cut off at 1280x720)."""
    width = min(area.width() - 24, max(1180, round(area.width() * 0.75)))
    height = min(area.height() - FRAME_PX, max(720, round(area.height() * 0.85)))
    width, height = max(minimum.width(), width), max(minimum.height(), height)
    left = area.x() + max(0, (area.width() - width) // 2)
    top = area.y() + FRAME_PX - 10 + max(0, (area.height() - height - FRAME_PX) // 2)
    return QRect(left, top, width, height)


def _droppable(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() in (".md", ".zip", ".csv", ".apkg")
