"""Watch shared folders and re-import what changes while the app runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from interviewprep.services.app import Services
from interviewprep.services.library import ImportResult, load_readers
from interviewprep.ui.workers import Workers, describe

DEBOUNCE_MS = 400
"""Editors and sync clients write in bursts; wait for the burst to end before re-reading."""


class FolderWatcher(QObject):
    synced = Signal(object, object)  # folder (Path), ImportResult
    failed = Signal(object, str)

    def __init__(self, services: Services, workers: Workers, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._workers = workers
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)
        self._timers: dict[Path, QTimer] = {}
        self._busy: set[Path] = set()
        self._again: set[Path] = set()

    def watch_all(self) -> None:
        for folder in self._services.sources.folders():
            self.watch(folder)

    def watch(self, folder: Path, sync_now: bool = True) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(lambda f=folder: self._sync(f))
        self._timers[folder] = timer
        self._rewatch(folder)
        if sync_now:
            self._sync(folder)

    def unwatch(self, folder: Path) -> None:
        timer = self._timers.pop(folder, None)
        if timer is not None:
            timer.stop()
        prefix = str(folder)
        stale = [
            p for p in self._watcher.files() + self._watcher.directories() if p.startswith(prefix)
        ]
        if stale:
            self._watcher.removePaths(stale)

    def folders(self) -> list[Path]:
        return list(self._timers)

    def _rewatch(self, folder: Path) -> None:
        """Watch the folder, its subfolders and its bank files (editors that save by renaming
        drop a file from the watch, so this runs again after every sync)."""
        if not folder.is_dir():
            return
        wanted = [str(folder)]
        for path in folder.rglob("*"):
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            if path.is_dir() or path.suffix.lower() == ".md":
                wanted.append(str(path))
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [p for p in wanted if p not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _changed(self, path: str) -> None:
        for folder, timer in self._timers.items():
            if path == str(folder) or path.startswith(str(folder) + "/"):
                timer.start()  # restart: waits for the burst of writes to end

    def _sync(self, folder: Path) -> None:
        if folder in self._busy:
            self._again.add(folder)
            return
        self._busy.add(folder)
        sources = self._services.sources
        load_readers()  # here, not on the worker: see load_readers
        self._workers.start(
            lambda: sources.sync(folder),
            lambda result: self._done(folder, result),
            lambda error: self._failed(folder, error),
            label=f"reading the shared folder {folder.name}",
        )

    def _done(self, folder: Path, result: ImportResult) -> None:
        self._busy.discard(folder)
        self._rewatch(folder)
        self.synced.emit(folder, result)
        if folder in self._again:
            self._again.discard(folder)
            self._sync(folder)

    def _failed(self, folder: Path, error: Exception) -> None:
        self._busy.discard(folder)
        self.failed.emit(folder, describe(error))
