"""Shows rendered bank markdown. Nothing is ever loaded from disk or network: the only
resources are the typeset formulas, and links open in the system browser only when clicked.

Rendering a question can take long (the validator bounds what it accepts, but a preview, a
bank from an older version or a question at its limits on a slow machine may not be), so
anything not cached and not obviously small renders on a thread, with a deadline after which
the view says the question is too large rather than freezing the window."""

from __future__ import annotations

import contextlib
import re
import threading
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from interviewprep.render.markdown import RenderedMarkdown, render_markdown
from interviewprep.ui.theme import DARK, LIGHT

_SAFE_SCHEMES = {"http", "https", "mailto"}


def document_css(dark: bool, font_pt: int) -> str:
    c = DARK if dark else LIGHT
    return f"""
body {{ color: {c.text}; font-size: {font_pt + 1}pt; }}
h1, h2, h3, h4 {{ color: {c.text}; margin-top: 10px; }}
a {{ color: {c.accent}; }}
code {{ background: {c.surface_alt}; font-family: monospace; }}
pre {{ background: {c.surface_alt}; padding: 8px; font-family: monospace; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid {c.border}; padding: 4px 8px; }}
th {{ background: {c.surface_alt}; }}
blockquote {{ color: {c.muted}; margin-left: 12px; }}
"""


def svg_image(svg: str, scale: float) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    size: QSize = renderer.defaultSize()
    image = QImage(
        max(1, int(size.width() * scale)),
        max(1, int(size.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.setDevicePixelRatio(scale)
    return image


TOO_LARGE = "This question is too large to display"
RENDER_DEADLINE_MS = 3_000
"""How long a render may take before the view gives up on it and says so."""
RENDERING_NOTICE_MS = 300
"""A render still running after this long shows "Rendering…" instead of a blank view."""

_SMALL_CHARS = 5_000
_COSTLY = re.compile(r"\$|\]\(|\\\(|\\\[")
_SMALL_COSTLY = 40


def renders_instantly(text: str) -> bool:
    """Text short enough, with few enough formulas and links, to render on the GUI thread in
    a few milliseconds: every bundled question is, so studying never waits for a thread."""
    return len(text) <= _SMALL_CHARS and len(_COSTLY.findall(text)) <= _SMALL_COSTLY


class _RenderCache:
    """Rendered text, and the texts that missed their deadline, keyed by the text itself (and
    the theme): an edited question, or a bank update, is a new key and renders afresh, while a
    question that was too large is not rendered again each time it is shown."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, bool], RenderedMarkdown | None] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, bool]) -> tuple[bool, RenderedMarkdown | None]:
        with self.lock:
            if key not in self._items:
                return False, None
            self._items.move_to_end(key)
            return True, self._items[key]

    def put(self, key: tuple[str, bool], value: RenderedMarkdown | None) -> None:
        with self.lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class _Renderer(QObject):
    """Renders on daemon threads (a render that never ends cannot keep the app from exiting)
    and reports on the GUI thread. One lives as long as the application, so a thread that
    finishes after its view is gone has a live object to report through."""

    rendered = Signal(object, object)  # key, RenderedMarkdown

    def __init__(self) -> None:
        super().__init__()
        self.cache = _RenderCache()
        self.running: set[tuple[str, bool]] = set()
        self.rendered.connect(self._store)

    def start(self, key: tuple[str, bool]) -> None:
        if key in self.running:
            return
        self.running.add(key)

        def work() -> None:
            result = render_markdown(*key)
            with contextlib.suppress(RuntimeError):  # the application is gone: nobody waits
                self.rendered.emit(key, result)

        threading.Thread(target=work, name="render", daemon=True).start()

    def _store(self, key: tuple[str, bool], result: RenderedMarkdown) -> None:
        self.running.discard(key)
        found, cached = self.cache.get(key)
        if not found or cached is not None:
            self.cache.put(key, result)


_renderer: _Renderer | None = None


def renderer() -> _Renderer:
    global _renderer
    if _renderer is None:
        _renderer = _Renderer()
        app = QApplication.instance()
        if app is not None:
            _renderer.setParent(app)
    return _renderer


class MarkdownView(QTextBrowser):
    """A read-only view of one piece of bank markdown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self._math: dict[str, str] = {}
        self._dark = False
        self._font_pt = 11
        self.markdown_text = ""
        self.opened_links: list[str] = []
        self.too_large = False
        self._waiting_for: tuple[str, bool] | None = None
        self._deadline = QTimer(self, singleShot=True, interval=RENDER_DEADLINE_MS)
        self._deadline.timeout.connect(self._give_up)
        self._notice = QTimer(self, singleShot=True, interval=RENDERING_NOTICE_MS)
        self._notice.timeout.connect(lambda: self._show_notice("Rendering…"))
        renderer().rendered.connect(self._rendered)

    def set_markdown(self, text: str, dark: bool | None = None, font_pt: int | None = None) -> None:
        if dark is not None:
            self._dark = dark
        if font_pt is not None:
            self._font_pt = font_pt
        self.markdown_text = text
        self._deadline.stop()
        self._notice.stop()
        self._waiting_for = None
        key = (text, self._dark)
        found, cached = renderer().cache.get(key)
        if found:
            self._show(cached)
        elif renders_instantly(text):
            rendered = render_markdown(text, self._dark)
            renderer().cache.put(key, rendered)
            self._show(rendered)
        else:
            self._waiting_for = key
            self.too_large = False
            self._replace_document(QTextDocument(self))  # never leave the previous question showing
            self._notice.start()
            self._deadline.start()
            renderer().start(key)

    def _rendered(self, key: tuple[str, bool], result: RenderedMarkdown) -> None:
        if key == self._waiting_for:
            self._waiting_for = None
            self._deadline.stop()
            self._notice.stop()
            self._show(result)

    def _give_up(self) -> None:
        if self._waiting_for is None:
            return
        renderer().cache.put(self._waiting_for, None)  # shown as too large until the text changes
        self._waiting_for = None
        self._notice.stop()
        self._show(None)

    def _show_notice(self, text: str) -> None:
        document = QTextDocument(self)
        document.setDefaultStyleSheet(document_css(self._dark, self._font_pt))
        document.setHtml(f"<p><i>{text}</i></p>")
        self._replace_document(document)

    def _show(self, rendered: RenderedMarkdown | None) -> None:
        self.too_large = rendered is None
        if rendered is None:
            self._show_notice(
                f"{TOO_LARGE}: it did not render within {RENDER_DEADLINE_MS // 1000} s. "
                "Run interviewprep validate on its bank file to see which limit it crosses."
            )
            return
        self._math = rendered.math
        document = QTextDocument(self)
        document.setDefaultStyleSheet(document_css(self._dark, self._font_pt))
        scale = max(1.0, self.devicePixelRatioF()) * 1.0
        for name, svg in rendered.math.items():
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(name), svg_image(svg, scale)
            )
        document.setHtml(rendered.html)
        self._replace_document(document)

    def _replace_document(self, document: QTextDocument) -> None:
        # setDocument deletes only the editor's own first document; the ones we made stay alive as
        # our children: without deleting them, every card shown left its laid-out text and math
        # images behind until the window closed.
        previous = self.document()
        ours = previous is not document and previous.parent() is self
        self.setDocument(document)
        if ours:
            previous.deleteLater()

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        # Everything a document may ask for that we did not add ourselves is refused, so a
        # hostile bank cannot make the app read local files or reach the network.
        return None

    def _open_link(self, url: QUrl) -> None:
        if url.scheme().lower() in _SAFE_SCHEMES:
            self.opened_links.append(url.toString())
            QDesktopServices.openUrl(url)
