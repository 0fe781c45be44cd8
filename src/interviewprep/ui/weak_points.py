"""The weakest criteria as Progress shows them: the key points and rubric items missed most in
the last four weeks, filtered by role and topic, and the drill of them; and the words both
Progress and Today use for a weak point."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interviewprep.banks.titles import plain_text
from interviewprep.core.key_points import CriterionKind
from interviewprep.services.weak_points import WINDOW, Trend, WeakCriterion, drill_keys_of
from interviewprep.ui.screens.base import label
from interviewprep.ui.theme import Colors
from interviewprep.wording import count

COLUMNS = ("Point or rubric item", "Question", "Role", "Topic", "Missed", "Trend")
SHOWN = 20
"""Rows the table lists at most, the most missed: "Drill these" takes their questions, a
session of a sitting rather than every point missed once in four weeks."""
EMPTY_TEXT = (
    "Nothing missed yet. This fills in as you check your answers: in Review, answer in "
    "“Type your answer” mode and tick the key points you raised, or finish a system-design "
    "round and check its rubric."
)
_TRENDS = {
    Trend.WORSE: ("↑ worse", "Missed more often in the last two weeks than the two before"),
    Trend.BETTER: ("↓ better", "Missed less often in the last two weeks than the two before"),
    Trend.STEADY: ("→ steady", "Missed about as often as in the two weeks before"),
    Trend.NEW: ("• new", "Checked only in the last two weeks: nothing to compare with yet"),
}
_KEY_ROLE = Qt.ItemDataRole.UserRole


def halves(value: float) -> str:
    """0.5 -> "½", 2.5 -> "2½", 3.0 -> "3": partial misses count half."""
    whole, half = int(value), value - int(value) >= 0.5
    if not half:
        return str(whole)
    return f"{whole}½" if whole else "½"


def missed_text(weak: WeakCriterion) -> str:
    """ "3 of 4": how often it was lost of how often it was checked."""
    return f"{halves(weak.lost)} of {weak.checked}"


def trend_text(trend: Trend) -> str:
    return _TRENDS[trend][0]


def trend_colour(trend: Trend, colors: Colors) -> str:
    """A colour beside the words and arrow, never instead of them."""
    return {Trend.WORSE: colors.again, Trend.BETTER: colors.good}.get(trend, colors.muted)


def drill_status(cards: int) -> str:
    """What the status bar says as a drill starts: Review's filters do not show it."""
    return (
        f"Drilling {count(cards, 'card')} whose key points you missed, shown now though not "
        "due; pick a filter in Review to go back to the everyday queue"
    )


def kind_word(weak: WeakCriterion) -> str:
    return "key point" if weak.kind is CriterionKind.KEY_POINT else "rubric item"


class WeakPointsCard(QFrame):
    """The table of weakest criteria with its filters and drill buttons; Progress fills it from
    its worker (``set_rows``) and forwards the requests."""

    drill_requested = Signal(object)  # flashcard keys to drill in Review
    design_requested = Signal(object)  # design prompt keys to practise
    open_requested = Signal(object)  # a question's key, to show it

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")  # the look of base.card()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        self._colors = colors
        self.rows: list[WeakCriterion] = []
        self.shown: list[WeakCriterion] = []
        self.flashcard_keys: list[tuple[str, str]] = []
        self.design_keys: list[tuple[str, str]] = []

        header = QHBoxLayout()
        header.addWidget(label("Weakest criteria", "Subtitle"))
        header.addStretch(1)
        self.role_filter = QComboBox()
        self.role_filter.setAccessibleName("Weakest criteria: role")
        self.role_filter.setToolTip("Show the weak points of one role")
        self.topic_filter = QComboBox()
        self.topic_filter.setAccessibleName("Weakest criteria: topic")
        self.topic_filter.setToolTip("Show the weak points of one topic")
        for combo in (self.role_filter, self.topic_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            header.addWidget(combo)
        self.role_filter.currentIndexChanged.connect(self._role_changed)
        self.topic_filter.currentIndexChanged.connect(lambda _i: self._show_rows())
        layout.addLayout(header)
        self.note = label(
            f"Key points and rubric items you missed most in the last {WINDOW.days} days "
            "(a partial counts half). Double-click a row, or press Enter, to open its question.",
            "Muted",
            wrap=True,
        )
        layout.addWidget(self.note)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Weakest criteria")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        # long points and titles wrap onto a second line rather than lose their end
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._open(row))
        self.table.installEventFilter(self)
        layout.addWidget(self.table)
        self.empty = label(EMPTY_TEXT, "Muted", wrap=True)
        layout.addWidget(self.empty)

        actions = QHBoxLayout()
        self.drill_button = QPushButton("Drill these")
        self.drill_button.setObjectName("Primary")
        self.drill_button.clicked.connect(self._drill)
        self.design_button = QPushButton("Practise design prompts")
        self.design_button.clicked.connect(self._design)
        actions.addWidget(self.drill_button)
        actions.addWidget(self.design_button)
        self.drill_note = label("", "Muted", wrap=True)
        actions.addWidget(self.drill_note, 1)
        layout.addLayout(actions)
        self._show_rows()

    # -- filling --------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[WeakCriterion], colors: Colors) -> None:
        """The report's rows, most lost first; the filters keep their choice if still there."""
        self.rows, self._colors = list(rows), colors
        role = self.role_filter.currentData()
        roles = sorted({(w.role_title, w.role) for w in self.rows})
        self.role_filter.blockSignals(True)
        self.role_filter.clear()
        self.role_filter.addItem("All roles", None)
        for title, role_id in roles:
            self.role_filter.addItem(title, role_id)
        self.role_filter.setCurrentIndex(max(0, self.role_filter.findData(role)))
        self.role_filter.blockSignals(False)
        self._fill_topics()
        self._show_rows()

    def _role_changed(self, _index: int) -> None:
        self._fill_topics()
        self._show_rows()

    def _fill_topics(self) -> None:
        role = self.role_filter.currentData()
        topic = self.topic_filter.currentData()
        topics = sorted(
            {(w.topic_title, w.topic) for w in self.rows if role is None or w.role == role}
        )
        self.topic_filter.blockSignals(True)
        self.topic_filter.clear()
        self.topic_filter.addItem("All topics", None)
        for title, tag in topics:
            self.topic_filter.addItem(title, tag)
        self.topic_filter.setCurrentIndex(max(0, self.topic_filter.findData(topic)))
        self.topic_filter.blockSignals(False)

    def filtered(self) -> list[WeakCriterion]:
        """Every row under the filters, most lost first."""
        role, topic = self.role_filter.currentData(), self.topic_filter.currentData()
        return [
            w
            for w in self.rows
            if (role is None or w.role == role) and (topic is None or w.topic == topic)
        ]

    def _show_rows(self) -> None:
        matching = self.filtered()
        self.shown = matching[:SHOWN]
        self.table.setRowCount(len(self.shown))
        for row, weak in enumerate(self.shown):
            cells = (
                plain_text(weak.text),
                plain_text(weak.question_title),
                weak.role_title,
                weak.topic_title,
                missed_text(weak),
                trend_text(weak.trend),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_KEY_ROLE, weak.key)
                item.setToolTip(self._tip(weak, column, text))
                self.table.setItem(row, column, item)
            trend = self.table.item(row, 5)
            if trend is not None:
                trend.setForeground(QColor(trend_colour(weak.trend, self._colors)))
        any_rows = bool(self.rows)
        self.table.setVisible(bool(self.shown))
        self.empty.setVisible(not self.shown)
        self.empty.setText(
            EMPTY_TEXT if not any_rows else "Nothing missed under these filters lately."
        )
        for combo in (self.role_filter, self.topic_filter):
            combo.setVisible(any_rows)
        self._fit_columns()
        self._update_drill(self.shown)

    def _tip(self, weak: WeakCriterion, column: int, text: str) -> str:
        if column == 0:
            return f"{text} ({kind_word(weak)})"
        if column == 4:
            return (
                f"Lost {halves(weak.lost)} of the {count(weak.checked, 'time')} it was checked "
                f"in the last {WINDOW.days} days"
            )
        if column == 5:
            return _TRENDS[weak.trend][1]
        return text

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The point and the question get most of the width; the short columns what their
        words need (the Trend column takes what is left)."""
        table = self.table
        width = table.viewport().width()
        metrics = table.fontMetrics()
        pad = 4 * metrics.averageCharWidth()
        missed = metrics.horizontalAdvance("7½ of 13") + pad
        trend = metrics.horizontalAdvance("↑ steady") + pad
        rest = max(0, width - missed - trend)
        shares = (0.38, 0.28, 0.15, 0.19)
        for column, share in enumerate(shares):
            table.setColumnWidth(column, int(rest * share))
        table.setColumnWidth(4, missed)
        # two lines a row at most: a longer point ends in an ellipsis, whole in its tooltip
        row_height = 2 * metrics.lineSpacing() + metrics.height() // 2
        for row in range(table.rowCount()):
            table.setRowHeight(row, row_height)
        self._fit_height()

    def _fit_height(self) -> None:
        """Every row in sight up to eight, so the page scrolls rather than the table."""
        rows = min(8, max(1, self.table.rowCount()))
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(rows)) or rows * 30
        self.table.setFixedHeight(height + 2)

    def _update_drill(self, listed: Sequence[WeakCriterion]) -> None:
        self.flashcard_keys = drill_keys_of(listed, CriterionKind.KEY_POINT)
        self.design_keys = drill_keys_of(listed, CriterionKind.RUBRIC_ITEM)
        self.drill_button.setVisible(bool(self.flashcard_keys))
        self.drill_button.setText(f"Drill these ({count(len(self.flashcard_keys), 'card')})")
        self.drill_button.setToolTip(
            "A review of the flashcards listed whose key points you missed at their latest "
            "check, shown now even if they are not due (your grades go to the scheduler as usual)"
        )
        self.design_button.setVisible(bool(self.design_keys))
        self.design_button.setText(f"Practise {count(len(self.design_keys), 'design prompt')}")
        self.design_button.setToolTip(
            "Open System design on the prompts whose rubric items you lost at their latest "
            "attempt; they are marked in its prompt list"
        )
        if listed and not (self.flashcard_keys or self.design_keys):
            self.drill_note.setText("Each of these was raised in full at its latest check.")
        else:
            self.drill_note.setText("")

    # -- requests -------------------------------------------------------------------------------

    def _drill(self) -> None:
        if self.flashcard_keys:
            self.drill_requested.emit(list(self.flashcard_keys))

    def _design(self) -> None:
        if self.design_keys:
            self.design_requested.emit(list(self.design_keys))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.shown):
            self.open_requested.emit(self.shown[row].key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open(self.table.currentRow())
            return True
        return super().eventFilter(watched, event)
