"""Banks: what is installed, importing files and folders, and every problem found in them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interviewprep.banks.problems import Problem, parse_problem
from interviewprep.services.app import Services
from interviewprep.services.banks_overview import BankSummary
from interviewprep.services.library import ImportResult, load_readers
from interviewprep.ui.screens.base import Screen, card, label, shortcut_tip
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.problem_list import ProblemList
from interviewprep.ui.widgets.table_columns import FittedColumns
from interviewprep.ui.workers import Workers, describe
from interviewprep.wording import count

COLUMNS = ("Bank", "Role", "Version", "Flashcards", "Design", "Source", "Updated")
WIDTHS = (0, 150, 66, 98, 66, 180, 100)


class _NumberItem(QTableWidgetItem):
    """Sorts by value, not as text (so 10 comes after 9)."""

    def __init__(self, value: int) -> None:
        super().__init__(str(value))
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _NumberItem):
            return self.value < other.value
        return super().__lt__(other)


class BanksScreen(Screen):
    preview_requested = Signal(Path, int)  # a bank file to preview, at this line

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.banks: list[BankSummary] = []
        self.last_import: ImportResult | None = None
        self.importing = False
        self.loaded = False
        self._build()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 24)
        outer.setSpacing(12)

        header = QHBoxLayout()
        header.addWidget(label("Banks", "Title"))
        self.count_label = label("", "Badge")
        header.addWidget(self.count_label)
        header.addStretch(1)
        self.import_file_button = QPushButton("Import file…")
        self.import_file_button.setObjectName("Primary")
        self.import_file_button.setToolTip(shortcut_tip("Add or update banks from files", "Ctrl+O"))
        self.import_file_button.clicked.connect(self.import_files)
        self.import_folder_button = QPushButton("Import folder…")
        self.import_folder_button.setToolTip(
            shortcut_tip("Add or update every bank in a folder", "Ctrl+Shift+O")
        )
        self.import_folder_button.clicked.connect(self.import_folder)
        header.addWidget(self.import_folder_button)
        header.addWidget(self.import_file_button)
        outer.addLayout(header)
        outer.addWidget(
            label(
                "Banks are markdown files. Importing a file again updates its bank in place: "
                "your progress on every question is kept.",
                "Muted",
                wrap=True,
            )
        )

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress_text = label("", "Muted")
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_text)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)
        self.progress_box.hide()
        outer.addWidget(self.progress_box)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Installed banks")
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.columns = FittedColumns(self.table, WIDTHS)
        # The service's order (role, then title) until the user sorts by a column.
        head.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

        problems_card, problems = card()
        top = QHBoxLayout()
        self.problems_title = label("Problems", "Subtitle")
        top.addWidget(self.problems_title)
        top.addStretch(1)
        self.copy_button = QPushButton("Copy all")
        self.copy_button.setToolTip("Copy every problem as path:line: message")
        self.copy_button.clicked.connect(self.copy_all)
        top.addWidget(self.copy_button)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setToolTip(
            "Put the last import's report away and list the problems of installed files"
        )
        self.dismiss_button.clicked.connect(self.dismiss_import)
        self.dismiss_button.hide()
        top.addWidget(self.dismiss_button)
        problems.addLayout(top)
        self.summary = label("", "Muted", wrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        problems.addWidget(self.summary)
        self.problem_list = ProblemList()
        self.problem_list.open_requested.connect(
            lambda path, line: self.preview_requested.emit(Path(path), line)
        )
        problems.addWidget(self.problem_list, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(problems_card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([360, 240])
        outer.addWidget(splitter, 1)
        self.splitter = splitter

    # -- loading --------------------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        overview = self.services.banks
        self.workers.start_latest(
            "banks",
            lambda: (overview.banks(), overview.stored_problems()),
            self._show,
            self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self.summary.setText(f"Could not list the banks: {describe(error)}")

    def _show(self, loaded: tuple[list[BankSummary], list[str]]) -> None:
        banks, stored_problems = loaded
        self.banks = banks
        questions = sum(b.questions for b in banks)
        self.count_label.setText(f"{count(len(banks), 'bank')} · {count(questions, 'question')}")
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(banks))
        for row, bank in enumerate(banks):
            title = QTableWidgetItem(bank.title)
            title.setToolTip(f"{bank.title}\nid: {bank.id}")
            title.setData(Qt.ItemDataRole.UserRole, bank.id)
            role = QTableWidgetItem(bank.role_title)
            role.setToolTip(bank.role)
            path = Path(bank.source_path)
            source = QTableWidgetItem(path.name)
            source.setToolTip(bank.source_path)
            updated = QTableWidgetItem(f"{bank.updated_at.astimezone():%Y-%m-%d}")
            updated.setToolTip(f"{bank.updated_at.astimezone():%A %-d %B %Y, %H:%M}")
            items = (
                title,
                role,
                QTableWidgetItem(bank.version),
                _NumberItem(bank.flashcards),
                _NumberItem(bank.design_prompts),
                source,
                updated,
            )
            for column, item in enumerate(items):
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        if self.last_import is None:
            stored = [p for p in map(parse_problem, stored_problems) if p is not None]
            self._show_problems(
                "Problems in installed files",
                f"Found when the files were last read. {_OPEN_HINT}"
                if stored
                else "No problems: every installed file is valid.",
                stored,
            )
        self.loaded = True

    def _show_problems(self, title: str, summary: str, problems: list[Problem]) -> None:
        self.problems_title.setText(title)
        self.summary.setText(summary)
        self.problem_list.set_problems(problems)
        self.problem_list.setVisible(bool(problems))
        self.copy_button.setEnabled(bool(problems))
        self.dismiss_button.setVisible(self.last_import is not None)

    def show_import(self, result: ImportResult, background: bool = False) -> None:
        """An import's report from any entry point (these buttons, the File menu, a drop, a
        shared folder), kept until the user dismisses it. A background sync that found
        nothing wrong does not replace a report of problems the user has not seen to yet."""
        showing_problems = self.last_import is not None and bool(self.last_import.problems)
        if background and showing_problems and not result.problems:
            return
        self.last_import = result
        self._show_problems(_import_title(result), _import_summary(result), result.problems)
        if result.problems:  # what the user came to read: the larger share of the height
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total * 2 // 5, total - total * 2 // 5])

    def dismiss_import(self) -> None:
        self.last_import = None
        self.dismiss_button.hide()
        self.refresh()

    # -- importing ------------------------------------------------------------------------------

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import bank files", "", "Bank files (*.md);;All files (*)"
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import every bank in a folder")
        if path:
            self.import_paths([Path(path)])

    def import_paths(self, paths: list[Path]) -> None:
        if self.importing:
            return
        self.importing = True
        for button in (self.import_file_button, self.import_folder_button):
            button.setEnabled(False)
        self.progress.setValue(0)
        self.progress_text.setText("Importing…")
        self.progress_box.show()
        library = self.services.library
        load_readers()  # here, not on the worker: see load_readers
        self.workers.start(
            lambda report: library.import_paths(paths, report),
            self._imported,
            self._import_failed,
            on_progress=self._progress,
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(round(1000 * done / max(1, total)))
        self.progress_text.setText(f"Importing… {round(100 * done / max(1, total))}%")

    def _import_done(self) -> None:
        self.importing = False
        for button in (self.import_file_button, self.import_folder_button):
            button.setEnabled(True)
        self.progress_box.hide()

    def _imported(self, result: ImportResult) -> None:
        self._import_done()
        self.show_import(result)
        self.status.emit(f"Import: {result.summary()}")
        self.refresh()
        for conflict in result.conflicts:
            self.conflict_found.emit(conflict)

    def _import_failed(self, error: Exception) -> None:
        self._import_done()
        self._show_problems("Import failed", describe(error), [])
        self.dismiss_button.show()

    # -- copying --------------------------------------------------------------------------------

    def problem_lines(self, selected_only: bool = False) -> list[str]:
        return self.problem_list.lines(selected_only)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.problem_lines()))
        self.status.emit("Problems copied")


_OPEN_HINT = "Click a problem or press Enter on it to open the file at its line."


def _import_title(result: ImportResult) -> str:
    if not result.problems:
        return "Last import"
    return f"Last import: {count(len(result.problems), 'problem')}"


def _import_summary(result: ImportResult) -> str:
    if not result.problems:
        return f"{result.summary()}. No problems."
    if not result.changes:
        files = count(len({p.path for p in result.problems}), "file")
        problems = count(len(result.problems), "problem")
        return f"Nothing new was imported: {problems} in {files}. {_OPEN_HINT}"
    return f"{result.summary()}. {_OPEN_HINT}"
