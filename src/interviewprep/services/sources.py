"""Shared folders: a synced drive or a git clone that the app keeps re-reading.

Only bank files are read from a shared folder; nothing is ever written into it, so a study
group's repository never churns with anybody's progress.
"""

from __future__ import annotations

from pathlib import Path

from interviewprep.core.errors import UserFacingError
from interviewprep.services.library import ImportResult, LibraryService
from interviewprep.services.settings import SettingsService

_KEY = "shared_folders"


class SourcesService:
    def __init__(self, settings: SettingsService, library: LibraryService) -> None:
        self._settings = settings
        self._library = library

    def folders(self) -> list[Path]:
        return [Path(p) for p in self._settings.get(_KEY, []) or []]

    def add(self, folder: Path) -> ImportResult:
        folder = folder.expanduser().resolve()
        if not folder.is_dir():
            raise UserFacingError(f"{folder} is not a folder")
        folders = self.folders()
        if folder not in folders:
            self._settings.set(_KEY, [str(p) for p in [*folders, folder]])
        return self.sync(folder)

    def remove(self, folder: Path) -> None:
        """Stop watching a folder. Its banks stay installed, with everyone's progress."""
        self._settings.set(_KEY, [str(p) for p in self.folders() if p != folder])

    def sync(self, folder: Path) -> ImportResult:
        """Re-read the folder: new, changed and removed questions, unchanged files skipped."""
        return self._library.import_paths([folder])
