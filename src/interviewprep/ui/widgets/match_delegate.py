"""The Browse question cell: the title on its first line, and while searching, where the
words were found below it with each match highlighted."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from interviewprep.services.browse import MATCH_END, MATCH_START
from interviewprep.ui.theme import Theme

SNIPPET_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""The model's snippet for a row: plain text with matches between MATCH_START and MATCH_END."""


def snippet_html(snippet: str, mark: str, mark_text: str) -> str:
    """The snippet as HTML, each match in a highlight; everything else escaped."""
    parts: list[str] = []
    rest = snippet
    while MATCH_START in rest:
        before, _, rest = rest.partition(MATCH_START)
        word, _, rest = rest.partition(MATCH_END)
        parts.append(html.escape(before))
        parts.append(
            f'<span style="background-color:{mark}; color:{mark_text}; font-weight:600">'
            f"{html.escape(word)}</span>"
        )
    parts.append(html.escape(rest))
    return "".join(parts)


def plain_snippet(snippet: str) -> str:
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def _match_in_view(snippet: str, metrics: QFontMetrics, width: int) -> str:
    """The snippet with words before its first match dropped (for '…') when the match would
    otherwise fall past the cell's right edge."""
    before, found, after = snippet.partition(MATCH_START)
    if not found:
        return snippet
    word = after.partition(MATCH_END)[0]
    if metrics.horizontalAdvance(before + word) <= width * 0.8:
        return snippet
    words = before.split(" ")
    while len(words) > 1 and metrics.horizontalAdvance("… " + " ".join(words) + word) > width * 0.4:
        words.pop(0)
    return "… " + " ".join(words).lstrip("…").lstrip() + MATCH_START + after


class MatchDelegate(QStyledItemDelegate):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        snippet = str(index.data(SNIPPET_ROLE) or "")
        if not snippet:
            super().paint(painter, option, index)
            return
        # the cell's background and selection as usual, without its text
        self.initStyleOption(option, index)
        title = option.text
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        rect = option.rect.adjusted(6, 3, -6, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colours = self._theme.colors
        text = colours.accent_text if selected else colours.text
        muted = colours.accent_text if selected else colours.muted
        metrics = option.fontMetrics
        shown_title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        # a marker-pen highlight; on a selected row, the row's colours reversed
        if selected:
            mark, mark_text = colours.accent_text, colours.accent
        elif self._theme.dark:
            mark, mark_text = "#7a5c00", "#fff4cc"
        else:
            mark, mark_text = "#ffe17a", colours.text
        snippet = _match_in_view(snippet, metrics, rect.width())
        body = (
            f'<div style="color:{text}">{html.escape(shown_title)}</div>'
            f'<div style="color:{muted}">{snippet_html(snippet, mark, mark_text)}</div>'
        )
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(body)
        document.setTextWidth(10_000)  # one line each: what does not fit is cut at the edge
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.text().color())
        document.documentLayout().draw(painter, context)
        painter.restore()
