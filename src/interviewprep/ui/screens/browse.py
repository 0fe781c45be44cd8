"""Browse: search every question, filter, preview, and suspend / unsuspend / reset a selection."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
)

from interviewprep.banks.titles import plain_text
from interviewprep.core.cards import Stage
from interviewprep.core.leech import is_leech
from interviewprep.services.app import Services
from interviewprep.services.browse import (
    PAGE_ROWS,
    SEARCH_HELP,
    SORT_COLUMNS,
    BrowseQuery,
    BrowseRow,
    BrowseSort,
    Key,
    Listing,
)
from interviewprep.services.op_changes import OpChanges
from interviewprep.ui import dialogs
from interviewprep.ui.card_info import CardInfoDialog, open_card_info
from interviewprep.ui.screens.base import Screen, label, shortcut_tip
from interviewprep.ui.theme import Theme
from interviewprep.ui.widgets.markdown_view import MarkdownView
from interviewprep.ui.widgets.match_delegate import SNIPPET_ROLE, MatchDelegate
from interviewprep.ui.widgets.table_columns import FittedColumns
from interviewprep.ui.workers import Workers, describe
from interviewprep.wording import count

# The pause after the last key before searching while typing; Return searches at once.
SEARCH_DELAY_MS = 120
_DIFFICULTIES = ("junior", "mid", "senior", "staff")
_TYPES = (("Flashcards", "flashcard"), ("Design prompts", "system-design"))
_STATES = (
    ("New", "new"),
    ("Learning", "learning"),
    ("Due today", "due"),
    ("Suspended", "suspended"),
    ("Flagged", "flagged"),
)
_STAGE_NAMES = {
    Stage.NEW: "New",
    Stage.LEARNING: "Learning",
    Stage.REVIEW: "Review",
    Stage.RELEARNING: "Relearning",
}
SUSPEND_KEYS = "Ctrl+J"
UNSUSPEND_KEYS = "Ctrl+Shift+J"
RESET_KEYS = "Ctrl+Alt+N"
INFO_KEYS = "Ctrl+Shift+I"


def state_text(row: BrowseRow) -> str:
    text = "Suspended" if row.suspended else _STAGE_NAMES[row.stage]
    if row.buried:
        text = "Buried"
    if is_leech(row.lapses):
        text += " · leech"
    return text + "  ⚑" if row.flagged else text


def due_text(due_day: date | None, today: date) -> str:
    if due_day is None:
        return "—"
    days = (due_day - today).days
    if days < 0:
        return f"{-days} d overdue"
    if days == 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    if days < 60:
        return f"in {days} d"
    return f"{due_day:%-d %b %Y}"


class BrowseModel(QAbstractTableModel):
    """The matching questions' ids, with rows read a page at a time as they come into view:
    a word found in most of 100,000 questions lists at once, without building 100,000 rows.
    Sorting asks the screen for the ids in the new order (the database sorts them)."""

    COLUMNS = ("Question", "Bank", "Type", "Difficulty", "State", "Due", "Reviews")
    WIDTHS = (0, 150, 64, 88, 96, 92, 80)
    """The question takes what the others leave: their titles elide, it rarely has to."""
    PAGE = PAGE_ROWS

    sort_requested = Signal()

    def __init__(
        self,
        fetch: Callable[[Sequence[int]], list[BrowseRow]],
        day_of: Callable[[datetime], date],
        muted: Callable[[], str],
        snippets: Callable[[Sequence[int], str], dict[int, str]] | None = None,
    ) -> None:
        super().__init__()
        self._fetch = fetch
        self._fetch_snippets = snippets
        self.search_text = ""
        self._snippets: dict[int, str] = {}
        self._snipped_pages: set[int] = set()
        self.topic_titles: dict[str, str] = {}
        self._day_of = day_of
        self._muted = muted
        self.ids: list[int] = []
        self._pages: dict[int, list[BrowseRow | None]] = {}
        self.today = date.today()
        self.bank_titles: dict[str, str] = {}
        self.sort_order = BrowseSort()

    def set_listing(
        self, listing: Listing, today: date, bank_titles: dict[str, str], search_text: str = ""
    ) -> None:
        self.beginResetModel()
        self.ids = listing.ids
        self._pages = {}
        self.search_text = search_text
        self._snippets = {}
        self._snipped_pages = set()
        self._fill([0], listing.first_rows)
        self.today = today
        self.bank_titles = bank_titles
        self.endResetModel()

    def _fill(self, pages: Sequence[int], rows: list[BrowseRow]) -> None:
        """Keep ``rows`` as these pages; an id without a row was removed since the search."""
        found = {row.pk: row for row in rows}
        for page in pages:
            self._pages[page] = [found.get(pk) for pk in self._page_ids(page)]

    def row(self, index: int) -> BrowseRow:
        """The row at ``index``; one gone from the database since the search shows as retired."""
        return self.rows_at([index])[0]

    def rows_at(self, indexes: Sequence[int]) -> list[BrowseRow]:
        """Rows at these indexes, reading any pages not yet loaded in one go."""
        missing = sorted({i // self.PAGE for i in indexes} - self._pages.keys())
        if missing:
            self._fill(missing, self._fetch([pk for p in missing for pk in self._page_ids(p)]))
        rows = []
        for i in indexes:
            row = self._pages[i // self.PAGE][i % self.PAGE]
            rows.append(row if row is not None else _gone(self.ids[i]))
        return rows

    def snippet(self, index: int) -> str:
        """Where the search words are in this question (read a page at a time), or ''."""
        if not self.search_text.strip() or self._fetch_snippets is None:
            return ""
        page = index // self.PAGE
        if page not in self._snipped_pages:
            self._snipped_pages.add(page)
            self._snippets.update(self._fetch_snippets(self._page_ids(page), self.search_text))
        return self._snippets.get(self.ids[index], "")

    def _page_ids(self, page: int) -> list[int]:
        return self.ids[page * self.PAGE : (page + 1) * self.PAGE]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SNIPPET_ROLE and column == 0:
            return self.snippet(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                topics = ", ".join(self.topic_titles.get(t, t) for t in row.topics)
                title = plain_text(row.title)
                return f"{title}\n\n{plain_text(row.prompt)}\n\nTopics: {topics}"
            if column == 1:
                return self.bank_titles.get(row.bank_id, row.bank_id)
            if column == 5 and row.due is not None:
                return f"{row.due.astimezone():%A %-d %B %Y, %H:%M}"
            if column == 6:
                return f"{count(row.reps, 'review')}, forgotten {count(row.lapses, 'time')}"
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and row.suspended:
            return QColor(self._muted())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: BrowseRow, column: int) -> str:
        if column == 0:
            return plain_text(row.title)  # a title may hold inline markup: shown as words
        if column == 1:
            return self.bank_titles.get(row.bank_id, row.bank_id)
        if column == 2:
            return "Design" if row.type == "system-design" else "Card"
        if column == 3:
            return row.difficulty.title()
        if column == 4:
            return state_text(row)
        if column == 5:
            due_day = None if row.due is None or row.stage == Stage.NEW else self._day_of(row.due)
            return due_text(due_day, self.today)
        return str(row.reps)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_order = BrowseSort(
            SORT_COLUMNS[column] if 0 <= column < len(SORT_COLUMNS) else None,
            order == Qt.SortOrder.DescendingOrder,
        )
        self.sort_requested.emit()

    def refresh_colours(self) -> None:
        if self.ids:
            last = self.index(len(self.ids) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.ForegroundRole])


def _gone(pk: int) -> BrowseRow:
    """Stands in for a question removed between the search and its row coming into view; the
    refresh that removal triggers takes it out of the table."""
    return BrowseRow(
        pk, "", "", "", "(removed)", "(removed)", "", "", (), Stage.NEW, True, False, None, 0, 0
    )


class BrowseScreen(Screen):
    searched = Signal()
    """A search finished: its rows are in the table, or its terms were refused."""

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        self.model = BrowseModel(
            services.browse.rows,
            services.study.study_day.day_of,
            lambda: theme.colors.muted,
            services.browse.snippets,
        )
        self.model.sort_requested.connect(self.refresh)
        self.loading = False
        self._generation = 0
        self._preview_key: Key | None = None
        self.card_info: CardInfoDialog | None = None
        self._bank_titles: dict[str, str] = {}
        self._topic_titles: dict[str, str] = {}
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self._build()
        self._bind_keys()
        self.follow_changes(self._data_changed)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(12)

        header = QHBoxLayout()
        header.addWidget(label("Browse", "Title"))
        header.addStretch(1)
        self.count_label = label("", "Badge")
        header.addWidget(self.count_label)
        outer.addLayout(header)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search prompts, answers and ids…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            shortcut_tip("Search as you type", "Ctrl+F") + "\n\nSearch terms: " + SEARCH_HELP
        )
        self.search.setAccessibleName("Search questions")
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        outer.addWidget(self.search)
        self.search_problem = label("", "Error", wrap=True)
        self.search_problem.setAccessibleName("Search problem")
        self.search_problem.hide()
        outer.addWidget(self.search_problem)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.role_filter = self._combo("All roles", "Only questions for this role")
        self.bank_filter = self._combo("All banks", "Only questions from this bank")
        self.topic_filter = self._combo("All topics", "Only questions tagged with this topic")
        self.difficulty_filter = self._combo("Any difficulty", "Only this difficulty")
        self.type_filter = self._combo("Any type", "Flashcards or system-design prompts")
        self.state_filter = self._combo("Any state", "Where the question is in your studies")
        for text, data in _TYPES:
            self.type_filter.addItem(text, data)
        for text, data in _STATES:
            self.state_filter.addItem(text, data)
        for text in _DIFFICULTIES:
            self.difficulty_filter.addItem(text.title(), text)
        for combo in self._combos():
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        outer.addLayout(filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Questions")
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.columns = FittedColumns(self.table, BrowseModel.WIDTHS)
        self.table.setSortingEnabled(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.match_delegate = MatchDelegate(self.theme, self.table)
        self.table.setItemDelegateForColumn(0, self.match_delegate)
        self.table.doubleClicked.connect(self._open_at)
        self.table.installEventFilter(self)
        self.search.installEventFilter(self)  # Up / Down / Enter reach the table from there
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())

        self.empty = label("", "Muted", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(self.empty)

        self.preview = MarkdownView()
        self.preview.setAccessibleName("Preview")
        self.preview.setMinimumHeight(200)
        # Preview below the table: a question's first line needs the width more than the
        # preview does.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.results)
        splitter.addWidget(self.preview)
        # about half each: the preview is where a question is read
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 320])
        outer.addWidget(splitter, 1)

        actions = QHBoxLayout()
        self.suspend_button = QPushButton("Suspend")
        self.suspend_button.setToolTip(
            shortcut_tip("Stop showing the selected questions in reviews", SUSPEND_KEYS)
        )
        self.suspend_button.clicked.connect(self.suspend_selected)
        self.unsuspend_button = QPushButton("Unsuspend")
        self.unsuspend_button.setToolTip(
            shortcut_tip("Put the selected questions back into reviews", UNSUSPEND_KEYS)
        )
        self.unsuspend_button.clicked.connect(self.unsuspend_selected)
        self.reset_button = QPushButton("Reset progress…")
        self.reset_button.setToolTip(
            shortcut_tip(
                "Make the selected questions new again (asks first; review history is kept)",
                RESET_KEYS,
            )
        )
        self.reset_button.clicked.connect(self.reset_selected)
        self.info_button = QPushButton("Card info")
        self.info_button.setToolTip(
            shortcut_tip(
                "Stability, recall, history and forgetting curve (or Enter, or double-click)",
                INFO_KEYS,
            )
        )
        self.info_button.clicked.connect(self.show_card_info)
        for button in (
            self.suspend_button,
            self.unsuspend_button,
            self.reset_button,
            self.info_button,
        ):
            actions.addWidget(button)
        self.selection_label = label("", "Muted")
        actions.addWidget(self.selection_label)
        actions.addStretch(1)
        outer.addLayout(actions)
        self._selection_changed()
        self._show_preview()

    def _combo(self, everything: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        combo.setToolTip(tip)
        combo.setAccessibleName(everything)
        combo.setMinimumWidth(100)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _combos(self) -> tuple[QComboBox, ...]:
        return (
            self.role_filter,
            self.bank_filter,
            self.topic_filter,
            self.difficulty_filter,
            self.type_filter,
            self.state_filter,
        )

    def _bind_keys(self) -> None:
        bindings: dict[str, Callable[[], object]] = {
            "Ctrl+F": self.focus_search,
            SUSPEND_KEYS: self.suspend_selected,
            UNSUSPEND_KEYS: self.unsuspend_selected,
            RESET_KEYS: self.reset_selected,
            INFO_KEYS: self.show_card_info,
        }
        self.bind_keys(bindings)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """From the search box, Up and Down move through the results and Enter opens the
        current one, as a launcher does; in the table, Enter opens it too."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_bank_column()
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
        if watched is self.search and plain and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_current(1 if key == Qt.Key.Key_Down else -1)
            return True
        if (
            plain
            and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched
            in (
                self.search,
                self.table,
            )
        ):
            if watched is self.search and self._debounce.isActive():
                self.refresh()  # the words just typed: search now instead of after the pause
                return True
            if self._current_index() is None:
                return False
            self.show_card_info()
            return True
        return super().eventFilter(watched, event)

    def _fit_bank_column(self) -> None:
        """Bank titles get a share of a wide table instead of eliding beside a question
        column with room to spare; the question keeps the rest."""
        share = int(self.table.viewport().width() * 0.17)
        self.table.setColumnWidth(1, max(BrowseModel.WIDTHS[1], min(share, 280)))

    def _open_at(self, index: QModelIndex) -> None:
        """A double-click opens the question clicked, whatever was current before."""
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.model.index(index.row(), 0), flags)
        self.show_card_info()

    def move_current(self, step: int) -> None:
        """The current (and only selected) row moves by ``step``, the first row when none."""
        rows = self.model.rowCount()
        if not rows:
            return
        current = self._current_index()
        target = 0 if current is None else max(0, min(rows - 1, current + step))
        index = self.model.index(target, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- filters and loading --------------------------------------------------------------------

    def _fill_filters(self) -> None:
        library = self.services.library
        roles = library.roles()
        self._topic_titles = {
            slug: title for role in roles for slug, title in (role.topics or {}).items()
        }
        topics = sorted(
            ((self._topic_titles.get(t, _readable(t)), t) for t in library.topics()),
            key=lambda pair: pair[0].lower(),
        )
        choices = (
            (self.role_filter, [(r.title, r.id) for r in roles]),
            (self.bank_filter, [(b.title, b.id) for b in self._banks()]),
            (self.topic_filter, topics),
        )
        for combo, items in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _banks(self) -> list[Any]:
        banks = self.services.library.banks()
        self._bank_titles = {b.id: b.title for b in banks}
        return list(banks)

    def query(self) -> BrowseQuery:
        def one(combo: QComboBox) -> tuple[str, ...]:
            data = combo.currentData()
            return (data,) if data else ()

        return BrowseQuery(
            text=self.search.text(),
            roles=one(self.role_filter),
            bank_ids=one(self.bank_filter),
            topics=one(self.topic_filter),
            difficulties=one(self.difficulty_filter),
            question_type=self.type_filter.currentData(),
            state=self.state_filter.currentData(),
        )

    def activated(self) -> None:
        self._fill_filters()
        self.refresh()

    def _data_changed(self, changes: OpChanges) -> None:
        shown = changes.queues or changes.card or changes.banks or changes.settings
        if shown and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        query = self.query()
        problem = self.services.browse.search_problem(query.text)
        self.search_problem.setText(problem or "")
        self.search_problem.setVisible(problem is not None)
        if problem is not None:
            self.loading = False
            self.searched.emit()
            return
        sort = self.model.sort_order
        self.loading = True
        self.workers.start(
            lambda: self.services.browse.listing(query, sort),
            lambda listing: self._loaded(generation, listing),
            self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self.loading = False
        self.status.emit(f"Search failed: {describe(error)}")

    def _loaded(self, generation: int, listing: Listing) -> None:
        if generation != self._generation:
            return  # a newer search is on its way; this one is out of date
        selected = set(self.selected_ids())
        current = self._current_id()
        today = self.services.study.study_day.day_of(self.services.clock.now())
        self.model.topic_titles = self._topic_titles
        self.model.set_listing(listing, today, self._bank_titles, self.query().text)
        self._fit_rows()
        self._reselect(selected, current)
        self.loading = False
        total = len(listing.ids)
        self.count_label.setText(count(total, "question"))
        if total:
            self.results.setCurrentWidget(self.table)
        else:
            filtered = self.query() != BrowseQuery()
            self.empty.setText(
                "No questions match. Clear the search or set the filters back to “All”."
                if filtered
                else "No questions installed yet. Import a bank from the Banks screen."
            )
            self.results.setCurrentWidget(self.empty)
        self._selection_changed()
        self._preview_key = None  # the previewed question may have changed too
        self._show_preview()
        self.searched.emit()
        self.refreshed.emit()

    def _reselect(self, ids: set[int], current: int | None) -> None:
        selection = QItemSelection()
        current_index: QModelIndex | None = None
        if ids or current is not None:
            for number, pk in enumerate(self.model.ids):
                if pk in ids:
                    selection.select(self.model.index(number, 0), self.model.index(number, 0))
                if pk == current:
                    current_index = self.model.index(number, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        model = self.table.selectionModel()
        model.blockSignals(True)
        model.select(selection, flags)
        if current_index is not None:
            model.setCurrentIndex(current_index, QItemSelectionModel.SelectionFlag.NoUpdate)
        model.blockSignals(False)
        self.table.viewport().update()

    # -- selection and actions ------------------------------------------------------------------

    def _selected_indexes(self) -> list[int]:
        return sorted(i.row() for i in self.table.selectionModel().selectedRows())

    def selected_rows(self) -> list[BrowseRow]:
        return self.model.rows_at(self._selected_indexes())

    def selected_keys(self) -> list[Key]:
        return [row.key for row in self.selected_rows()]

    def selected_ids(self) -> list[int]:
        return [self.model.ids[i] for i in self._selected_indexes()]

    def _current_index(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return index.row()

    def _current_id(self) -> int | None:
        number = self._current_index()
        return None if number is None else self.model.ids[number]

    def _current_key(self) -> Key | None:
        number = self._current_index()
        return None if number is None else self.model.row(number).key

    def _selection_changed(self, *_args: object) -> None:
        rows = self.selected_rows()
        self.suspend_button.setEnabled(any(not r.suspended for r in rows))
        self.unsuspend_button.setEnabled(any(r.suspended for r in rows))
        self.reset_button.setEnabled(any(r.reps or r.stage != Stage.NEW for r in rows))
        self.info_button.setEnabled(self._current_index() is not None)
        self.selection_label.setText(f"{len(rows)} selected" if rows else "Select questions")

    def _current_changed(self) -> None:
        self.info_button.setEnabled(self._current_index() is not None)
        self._show_preview()

    def show_card_info(self) -> None:
        key = self._current_key()
        if key is not None:
            self.card_info = open_card_info(self.services, self.workers, self.theme, key, self)

    def suspend_selected(self) -> None:
        # Every selected key, not only those the table shows as active: a shortcut can come
        # before the table has caught up with the previous action.
        keys = self.selected_keys()
        if keys:
            browse = self.services.browse
            self._change(
                lambda: browse.suspend(keys),
                lambda n: f"Suspended {count(n, 'question')}: they no longer come up",
            )

    def unsuspend_selected(self) -> None:
        keys = self.selected_keys()
        if keys:
            browse = self.services.browse
            self._change(
                lambda: browse.unsuspend(keys), lambda n: f"Unsuspended {count(n, 'question')}"
            )

    def _change(self, work: Callable[[], int], done: Callable[[int], str]) -> None:
        """A change to the selection, on a worker thread (select all at 100,000 questions is a
        second of writing); the table follows once it is saved (``follow_changes``)."""
        self.status.emit("Saving…")
        self.workers.start(
            work,
            lambda changed: self.status.emit(done(changed)),
            lambda error: self.status.emit(f"Not saved: {describe(error)}"),
        )

    def reset_selected(self) -> None:
        keys = [r.key for r in self.selected_rows() if r.reps or r.stage != Stage.NEW]
        if not keys:
            return
        them = count(len(keys), "question")
        if dialogs.confirm(
            self,
            "Reset progress?",
            f"Make {them} new again? Their scheduling starts over; your past answers stay in "
            "your history.",
            "Reset",
            destructive=True,
        ):
            browse = self.services.browse
            self._change(
                lambda: browse.reset_progress(keys),
                lambda n: f"Reset {count(n, 'question')} to new",
            )

    # -- preview --------------------------------------------------------------------------------

    def _fit_rows(self) -> None:
        """Two lines a row while searching (the title, then where the words are), else one."""
        lines = 2 if self.model.search_text.strip() else 1
        height = self.table.fontMetrics().lineSpacing() * lines + 10
        self.table.verticalHeader().setDefaultSectionSize(height)

    def theme_changed(self, dark: bool) -> None:
        self.model.refresh_colours()
        self._preview_key = None
        self._show_preview()

    def _show_preview(self) -> None:
        key = self._current_key()
        if key is None:
            self._preview_key = None
            self.preview.set_markdown(
                "*Select a question to see it here.*", self.theme.dark, self.theme.font_pt
            )
            return
        if key == self._preview_key:
            return
        self._preview_key = key
        card = self.services.browse.card(key)
        bank = self._bank_titles.get(card.bank_id, card.bank_id)
        topics = ", ".join(self._topic_titles.get(t, _readable(t)) for t in card.topics)
        facts = [bank, card.difficulty.title(), topics]
        if card.suspended:
            facts.append("**suspended**")
        if card.buried:
            facts.append("**buried** till the next study day")
        parts = [f"#### {card.title}\n\n" + " · ".join(facts), card.prompt]
        parts.append("**Answer**\n\n" + card.answer)
        rubric = card.extra.get("rubric") or []
        if rubric:
            lines = [f"- {item['text']} *({item['weight']})*" for item in rubric]
            parts.append("**Rubric**\n\n" + "\n".join(lines))
        if card.note:
            parts.append("**Your note**\n\n" + card.note)
        self.preview.set_markdown("\n\n---\n\n".join(parts), self.theme.dark, self.theme.font_pt)


def _readable(slug: str) -> str:
    """A topic no profile names, as words: 'rag-chunking' -> 'Rag chunking'."""
    return slug.replace("-", " ").capitalize()
