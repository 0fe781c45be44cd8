"""Preview mode for maintainers: a bank file re-rendered every time it is saved, with its
validation problems beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from interviewprep.services.app import Services
from interviewprep.services.authoring import BankPreview, question_markdown
from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.markdown_view import MarkdownView
from interviewprep.wording import count as plural


class BankPreviewWindow(QWidget):
    def __init__(self, path: Path, services: Services, theme: Theme) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.path = path
        self.services = services
        self.theme = theme
        self.preview: BankPreview | None = None
        self.setWindowTitle(f"Preview: {path.name}")
        self.resize(1100, 760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        header = QHBoxLayout()
        self.title = label(path.name, "Title")
        self.status = label("", "Muted")
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.status)
        layout.addLayout(header)
        layout.addWidget(label(str(path), "Muted"))
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(label("Questions", "Subtitle"))
        self.questions = QListWidget()
        self.questions.currentRowChanged.connect(self._show_question)
        left_layout.addWidget(self.questions, 2)
        left_layout.addWidget(label("Problems", "Subtitle"))
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        left_layout.addWidget(self.problems, 1)
        self.view = MarkdownView()
        split.addWidget(left)
        split.addWidget(self.view)
        split.setSizes([380, 720])
        layout.addWidget(split, 1)
        self._watcher = QFileSystemWatcher([str(path)], self)
        self._watcher.fileChanged.connect(lambda _p: self._debounce.start())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.reload)
        theme.changed.connect(lambda _dark: self._show_question(self.questions.currentRow()))
        self.reload()

    def reload(self) -> None:
        # editors that save by renaming drop the file from the watch: add it back
        if str(self.path) not in self._watcher.files() and self.path.exists():
            self._watcher.addPath(str(self.path))
        row = max(0, self.questions.currentRow())
        self.preview = self.services.authoring.preview(self.path)
        self.title.setText(self.preview.title or self.path.name)
        self.questions.blockSignals(True)
        self.questions.clear()
        for question in self.preview.questions:
            self.questions.addItem(QListWidgetItem(f"{question.id}  ·  {question.type}"))
        self.questions.blockSignals(False)
        self.problems.clear()
        for problem in self.preview.problems:
            self.problems.addItem(str(problem))
        count = len(self.preview.problems)
        if count == 0:
            self.problems.addItem("No problems: this file would import as it is.")
        self.status.setText("valid" if count == 0 else plural(count, "problem"))
        if self.preview.questions:
            self.questions.setCurrentRow(min(row, len(self.preview.questions) - 1))
            self._show_question(self.questions.currentRow())
        else:
            self.view.set_markdown("*Nothing to show until the file parses.*", self.theme.dark)

    def _show_question(self, row: int) -> None:
        if self.preview is None or not 0 <= row < len(self.preview.questions):
            return
        self.view.set_markdown(
            question_markdown(self.preview.questions[row]), self.theme.dark, self.theme.font_pt
        )
