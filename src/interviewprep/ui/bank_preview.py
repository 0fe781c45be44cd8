"""Preview mode for maintainers: a bank file re-rendered every time it is saved, with its
validation problems beside it and its text at any problem's line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from interviewprep.banks.titles import plain_text, question_title
from interviewprep.services.app import Services
from interviewprep.services.authoring import BankPreview, question_markdown
from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.markdown_view import MarkdownView
from interviewprep.ui.widgets.source_view import SourceView
from interviewprep.wording import count as plural

_LINE = Qt.ItemDataRole.UserRole
_WANTED = (1100, 760)
"""The size the window asks for; never more than nine tenths of the screen."""


class BankPreviewWindow(QWidget):
    def __init__(self, path: Path, services: Services, theme: Theme) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.path = path
        self.services = services
        self.theme = theme
        self.preview: BankPreview | None = None
        self.setWindowTitle(f"Preview: {path.name}")
        self.resize(*_WANTED)
        self.setMinimumSize(560, 400)  # below the layout's own minimum: fits a small screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        header = QHBoxLayout()
        self.title = label(path.name, "Title")
        self.status = label("", "Muted")
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.status)
        layout.addLayout(header)
        where = label(str(path), "Muted")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)

        self.questions = QListWidget()
        self.questions.setAccessibleName("Questions")
        self.questions.currentRowChanged.connect(self._show_question)
        self.questions_box = _titled("Questions", self.questions)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.setWordWrap(True)
        self.problems.setSpacing(2)
        self.problems.setToolTip("Click a problem, or press Enter, to see its line")
        self.problems.itemActivated.connect(self._problem_chosen)
        self.problems.itemClicked.connect(self._problem_chosen)
        self.problems_box = _titled("Problems", self.problems)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setChildrenCollapsible(False)
        left.addWidget(self.questions_box)
        left.addWidget(self.problems_box)

        self.view = MarkdownView()
        self.source = SourceView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.view, "Question")
        self.tabs.addTab(self.source, "Source")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 680])
        layout.addWidget(split, 1)

        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")):
            QShortcut(keys, self, self.close)
        self._debounce = QTimer(self)
        self._watcher = QFileSystemWatcher([str(path)], self)
        self._watcher.fileChanged.connect(lambda _p: self._debounce.start())
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.reload)
        theme.changed.connect(lambda _dark: self._themed())
        self._themed(show=False)
        self.reload()

    def place_over(self, parent: QWidget) -> None:
        """Centred on ``parent``, and wholly on its screen whatever that screen's size."""
        screen = parent.screen().availableGeometry()
        width = min(_WANTED[0], int(screen.width() * 0.9))
        height = min(_WANTED[1], int(screen.height() * 0.9))
        self.resize(width, height)
        # not shown yet, this window has no frame: the parent's tells what the manager adds
        decoration = parent.frameGeometry().size() - parent.size()
        frame = QRect(QPoint(0, 0), self.size() + decoration)
        frame.moveCenter(parent.frameGeometry().center())
        x = max(screen.left(), min(frame.left(), screen.right() - frame.width()))
        y = max(screen.top(), min(frame.top(), screen.bottom() - frame.height()))
        self.move(x, y)

    def reload(self) -> None:
        # editors that save by renaming drop the file from the watch: add it back
        if str(self.path) not in self._watcher.files() and self.path.exists():
            self._watcher.addPath(str(self.path))
        row = max(0, self.questions.currentRow())
        self.preview = self.services.authoring.preview(self.path)
        self.title.setText(self.preview.title or self.path.name)
        self.source.set_source(self.preview.text)
        self.questions.blockSignals(True)
        self.questions.clear()
        for question in self.preview.questions:
            kind = "design prompt" if question.type == "system-design" else "flashcard"
            shown = plain_text(question_title(question.title, question.prompt))
            self.questions.addItem(QListWidgetItem(f"{shown}  ·  {kind}"))
        self.questions.blockSignals(False)
        # a file that does not parse has no questions: its problems get the whole column
        self.questions_box.setVisible(bool(self.preview.questions))
        self.problems.clear()
        for problem in self.preview.problems:
            item = QListWidgetItem(f"Line {problem.line}: {problem.message}")
            item.setData(_LINE, problem.line)
            item.setToolTip(str(problem))
            self.problems.addItem(item)
        count = len(self.preview.problems)
        if count == 0:
            self.problems.addItem("No problems: this file would import as it is.")
        self.status.setText("valid" if count == 0 else plural(count, "problem"))
        if self.preview.questions:
            self.tabs.setTabEnabled(0, True)
            self.questions.setCurrentRow(min(row, len(self.preview.questions) - 1))
            self._show_question(self.questions.currentRow())
        else:
            self.view.set_markdown("*Nothing to show until the file parses.*", self.theme.dark)
            self.tabs.setTabEnabled(0, False)
            self.tabs.setCurrentWidget(self.source)

    def show_line(self, line: int) -> None:
        """The file's text at ``line``, marked, with that line's problem selected."""
        self.tabs.setCurrentWidget(self.source)
        self.source.show_line(line)
        for row in range(self.problems.count()):
            if self.problems.item(row).data(_LINE) == line:
                self.problems.setCurrentRow(row)
                break
        self.source.setFocus(Qt.FocusReason.OtherFocusReason)

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        line = item.data(_LINE)
        if isinstance(line, int):
            self.tabs.setCurrentWidget(self.source)
            self.source.show_line(line)

    def _show_question(self, row: int) -> None:
        if self.preview is None or not 0 <= row < len(self.preview.questions):
            return
        question = self.preview.questions[row]
        self.view.set_markdown(question_markdown(question), self.theme.dark, self.theme.font_pt)
        line = self.preview.question_lines.get(question.id)
        if line and self.tabs.currentWidget() is self.source:
            self.source.show_line(line)

    def _themed(self, show: bool = True) -> None:
        colours = self.theme.colors
        self.source.set_colours("#4a4020" if self.theme.dark else "#fff3bf", colours.muted)
        if show:
            self._show_question(self.questions.currentRow())


def _titled(title: str, body: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(label(title, "Subtitle"))
    column.addWidget(body, 1)
    return box
