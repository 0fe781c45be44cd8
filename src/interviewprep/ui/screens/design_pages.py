"""The design screen's three pages and where the side cards go on them.

While the clock can run, the prompt and the notes fill the left and the clock the right (a
side column that scrolls when it is taller than the window); once finished, one scrolling page
sets the reference outline at full height beside the rubric and the notes, with no scroll box
inside it. Both keep lines to a readable length and grow the side column with the window.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interviewprep.core.card_record import CardRecord
from interviewprep.services.design import reference_markdown
from interviewprep.ui.screens.base import card, label, shortcut_tip
from interviewprep.ui.screens.design_actions import PAUSE_KEYS
from interviewprep.ui.widgets.fitted_markdown_view import FittedMarkdownView
from interviewprep.ui.widgets.markdown_view import MarkdownView

READING_CHARS = 90
"""The longest line of the prompt and the reference, in average characters: past about 90 the
eye loses its way back to the start of the next line (1920 px gave 200-character lines)."""

SIDE_SHARE = 0.36
SIDE_CHARS = (30, 56)
"""The side column (clock, rubric, notes, attempts) takes this share of the width, between
these many characters, so it grows with the window and the font instead of staying 300 px."""

EMPTY, WORK, FINISHED = range(3)


def _char_width(widget: QWidget, point_size: float) -> float:
    font = QFont(widget.font())
    font.setPointSizeF(point_size)
    return QFontMetricsF(font).averageCharWidth()


def _page_scroll() -> QScrollArea:
    """A scroll area drawn as part of the page: no frame, no focus, never sideways."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


def _plain_label(name: str) -> QLabel:
    text = label("", wrap=True)
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    text.setAccessibleName(name)
    return text


def _close_button(close_past: Callable[[], None]) -> QPushButton:
    close = QPushButton("Close")
    close.setToolTip(shortcut_tip("Close the earlier notes", "Esc"))
    close.clicked.connect(close_past)
    return close


class DesignPages(QStackedWidget):
    def __init__(self, rubric_card: QFrame, close_past: Callable[[], None]) -> None:
        super().__init__()
        self._close_past = close_past
        self._shown_finished: bool | None = None
        self.addWidget(self._build_empty_page())
        self.addWidget(self._build_work_page())
        self.addWidget(self._build_review_page(rubric_card))

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        frame, inner = card()
        frame.setMaximumWidth(560)
        self.empty_title = label("No design prompt is due", "Subtitle")
        self.empty_text = label("", "Muted", wrap=True)
        inner.addWidget(self.empty_title)
        inner.addWidget(self.empty_text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _build_work_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.left_split = QSplitter(Qt.Orientation.Vertical)
        self.left_split.setChildrenCollapsible(False)
        self.prompt_view = MarkdownView()
        self.prompt_view.setAccessibleName("Design prompt")
        self.prompt_view.setMinimumHeight(120)
        self.left_split.addWidget(self.prompt_view)
        self.notes_split = QSplitter(Qt.Orientation.Horizontal)
        self.notes_split.setChildrenCollapsible(False)
        self.notes_split.addWidget(self._build_notes_box())
        self.notes_split.addWidget(self._build_past_box())
        self.left_split.addWidget(self.notes_split)
        self.left_split.setStretchFactor(0, 2)
        self.left_split.setStretchFactor(1, 3)
        row.addWidget(self.left_split, 1)

        # The side column scrolls when the clock, the phases and the attempts are taller than
        # the window (720 px, a large font): squeezed instead, the wrapped phase names were cut
        # to one line and drawn over each other.
        self.work_side = _page_scroll()
        side = QWidget()
        side.setAutoFillBackground(False)
        self.work_side_layout = QVBoxLayout(side)
        self.work_side_layout.setContentsMargins(0, 0, 0, 0)
        self.work_side_layout.setSpacing(12)
        self.work_side_layout.addStretch(1)
        self.work_side.setWidget(side)
        self.work_side.viewport().setAutoFillBackground(False)
        row.addWidget(self.work_side)
        return page

    def _build_notes_box(self) -> QWidget:
        notes_box = QWidget()
        layout = QVBoxLayout(notes_box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        head = QHBoxLayout()
        head.addWidget(label("Your notes", "Subtitle"))
        head.addStretch(1)
        self.save_state = label("", "Muted")
        head.addWidget(self.save_state)
        layout.addLayout(head)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Your notes")
        self.notes.setTabChangesFocus(True)
        layout.addWidget(self.notes, 1)
        self.notes_layout = layout  # the recorder goes under the notes, see place_side_cards
        return notes_box

    def _build_past_box(self) -> QWidget:
        self.past_box = QWidget()
        layout = QVBoxLayout(self.past_box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.past_title = label("", "Subtitle")
        head.addWidget(self.past_title)
        head.addStretch(1)
        head.addWidget(_close_button(self._close_past))
        layout.addLayout(head)
        self.past_notes = QPlainTextEdit()
        self.past_notes.setReadOnly(True)
        self.past_notes.setAccessibleName("Notes from an earlier attempt")
        layout.addWidget(self.past_notes, 1)
        self.past_box.hide()
        return self.past_box

    def _build_review_page(self, rubric_card: QFrame) -> QWidget:
        """The finished round: one scroll area for the whole page, the reference at full height
        on the left, the clock, rubric, notes and attempts at full height on the right."""
        self.review_scroll = _page_scroll()
        page = QWidget()
        page.setAutoFillBackground(False)
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(20)
        left = QVBoxLayout()
        left.setSpacing(12)
        self.review_prompt = FittedMarkdownView()
        self.review_prompt.setAccessibleName("Design prompt")
        left.addWidget(self.review_prompt)
        self.reference_view = FittedMarkdownView()
        self.reference_view.setAccessibleName("Reference outline")
        left.addWidget(self.reference_view)
        left.addStretch(1)
        row.addLayout(left, 1)

        self.review_side = QWidget()
        self.review_side_layout = QVBoxLayout(self.review_side)
        self.review_side_layout.setContentsMargins(0, 0, 0, 0)
        self.review_side_layout.setSpacing(12)
        self.review_side_layout.addWidget(rubric_card)
        notes_card, layout = card()
        layout.addWidget(label("Your notes", "Subtitle"))
        # A label, not an editor: as tall as the notes, so the page is the only thing scrolling.
        self.my_notes = _plain_label("Your notes")
        layout.addWidget(self.my_notes)
        self.review_side_layout.addWidget(notes_card)
        self.review_side_layout.addWidget(self._build_review_past_card())
        self.review_side_layout.addStretch(1)
        row.addWidget(self.review_side)
        self.review_scroll.setWidget(page)
        self.review_scroll.viewport().setAutoFillBackground(False)
        return self.review_scroll

    def _build_review_past_card(self) -> QFrame:
        self.review_past, layout = card()
        head = QHBoxLayout()
        self.review_past_title = label("", "Subtitle")
        head.addWidget(self.review_past_title)
        head.addStretch(1)
        head.addWidget(_close_button(self._close_past))
        layout.addLayout(head)
        self.review_past_notes = _plain_label("Notes from an earlier attempt")
        layout.addWidget(self.review_past_notes)
        self.review_past.hide()
        return self.review_past

    # -- the side cards -------------------------------------------------------------------------

    def forget_placement(self) -> None:
        """A new prompt: the cards are placed again on the next place_side_cards()."""
        self._shown_finished = None

    def place_side_cards(
        self, finished: bool, clock: QWidget, recorder: QWidget, attempts: QWidget
    ) -> None:
        """The clock and the earlier attempts go with the page on show: beside the notes while
        the clock can run, in the finished page's side column after; the recorder under the
        notes (the side column has no height to spare at 720 pixels), then beside the rubric
        to listen back."""
        if finished == self._shown_finished:
            return
        self._shown_finished = finished
        moving = (clock, recorder, attempts)
        for layout in (self.work_side_layout, self.review_side_layout, self.notes_layout):
            for widget in moving:
                layout.removeWidget(widget)
        if finished:
            # clock, rubric, notes, recordings (to play back against the rubric), attempts
            self.review_side_layout.insertWidget(0, clock)
            self.review_side_layout.insertWidget(4, recorder)
            self.review_side_layout.insertWidget(5, attempts)
            self.setCurrentIndex(FINISHED)
            self.review_scroll.verticalScrollBar().setValue(0)
        else:
            self.work_side_layout.insertWidget(0, clock)
            self.work_side_layout.insertWidget(1, attempts)
            self.notes_layout.addWidget(recorder)
            self.setCurrentIndex(WORK)
        for widget in moving:
            widget.show()

    # -- sizes ----------------------------------------------------------------------------------

    def fit_widths(self, column: QWidget, width: int, pt: int) -> None:
        """A readable measure for the text and a side column that scales with the window."""
        reading_char = _char_width(self, pt + 1)  # the markdown body is a point larger
        ui_char = _char_width(self, pt)
        # the view's padding, border and document margins come on top of the text
        reading = math.ceil(reading_char * READING_CHARS) + 2 * (12 + 1 + 4)
        available = max(0, width - 56)
        low, high = (ui_char * n for n in SIDE_CHARS)
        side = round(min(high, max(low, available * SIDE_SHARE)))
        self.work_side.setFixedWidth(side)
        self.review_side.setFixedWidth(side)
        column.setMaximumWidth(reading + 20 + side)

    def fit_prompt_split(self) -> None:
        """The prompt as tall as its text (up to half the column), the notes the rest: a short
        prompt no longer leaves a box of white above a squeezed editor."""
        total = sum(self.left_split.sizes())
        if total <= 0:
            return
        view = self.prompt_view
        chrome = view.height() - view.viewport().height()
        view.document().setTextWidth(view.viewport().width())
        wanted = math.ceil(view.document().size().height()) + chrome + 8
        prompt = max(view.minimumHeight(), min(wanted, total // 2))
        self.left_split.setSizes([prompt, total - prompt])

    def scroll_review(self, pages: int) -> None:
        bar = self.review_scroll.verticalScrollBar()
        bar.setValue(bar.value() + pages * bar.pageStep())

    # -- what is shown --------------------------------------------------------------------------

    def show_empty(self, has_prompts: bool) -> None:
        self.setCurrentIndex(EMPTY)
        self.empty_title.setText(
            "No design prompt is due" if has_prompts else "No design prompts installed"
        )
        self.empty_text.setText(
            "You are done with design prompts for today. Pick any prompt above to practise "
            "it anyway: it is graded and scheduled like a due one."
            if has_prompts
            else "Import a bank with system-design questions (File → Import) to practise here."
        )

    def show_prompt(
        self, card: CardRecord, hints: Sequence[str], finished: bool, dark: bool, pt: int
    ) -> None:
        """The prompt and the hints shown so far; once finished, the reference under them."""
        parts = [card.prompt]
        if hints:
            parts.append("\n".join(f"> **Hint {i + 1}:** {hint}" for i, hint in enumerate(hints)))
        text = "\n\n---\n\n".join(parts)
        if finished:
            self.review_prompt.set_markdown(text, dark, pt)
            self.reference_view.set_markdown(reference_markdown(card), dark, pt)
        else:
            self.prompt_view.set_markdown(text, dark, pt)

    def show_notes_state(self, started: bool, paused: bool, finished: bool) -> None:
        """Whether the notes take typing, what the empty box says, and the save state."""
        self.notes.setReadOnly(finished or paused)
        if paused:
            placeholder = f"Paused: Resume ({PAUSE_KEYS}) to write again."
        elif started:
            placeholder = "Markdown notes: requirements, estimates, API, components, trade-offs…"
        else:
            placeholder = (
                "Type to start the clock (or press Space): requirements, estimates, API, "
                "components, trade-offs…"
            )
        self.notes.setPlaceholderText(placeholder)
        if not started:
            self.save_state.setText("")
        elif paused:
            self.save_state.setText("Paused")
        elif not finished and self.save_state.text() in ("", "Paused"):
            self.save_state.setText("Autosaved as you type")

    # -- earlier notes --------------------------------------------------------------------------

    def show_past(self, title: str, tip: str, notes: str, finished: bool) -> None:
        if finished:
            self.review_past_title.setText(title)
            self.review_past_title.setToolTip(tip)
            self.review_past_notes.setText(notes)
            self.review_past.show()
            return
        self.past_title.setText(title)
        self.past_title.setToolTip(tip)
        self.past_notes.setPlainText(notes)
        self.past_box.show()
        width = max(2, self.notes_split.width())
        self.notes_split.setSizes([width // 2, width // 2])

    def close_past(self) -> None:
        self.past_box.hide()
        self.review_past.hide()
