"""Shows rendered bank markdown. Nothing is ever loaded from disk or network: the only
resources are the typeset formulas, and links open in the system browser only when clicked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser, QWidget

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

    def set_markdown(self, text: str, dark: bool | None = None, font_pt: int | None = None) -> None:
        if dark is not None:
            self._dark = dark
        if font_pt is not None:
            self._font_pt = font_pt
        self.markdown_text = text
        rendered: RenderedMarkdown = render_markdown(text, self._dark)
        self._math = rendered.math
        document = QTextDocument(self)
        document.setDefaultStyleSheet(document_css(self._dark, self._font_pt))
        scale = max(1.0, self.devicePixelRatioF()) * 1.0
        for name, svg in rendered.math.items():
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(name), svg_image(svg, scale)
            )
        document.setHtml(rendered.html)
        self.setDocument(document)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        # Everything a document may ask for that we did not add ourselves is refused, so a
        # hostile bank cannot make the app read local files or reach the network.
        return None

    def _open_link(self, url: QUrl) -> None:
        if url.scheme().lower() in _SAFE_SCHEMES:
            self.opened_links.append(url.toString())
            QDesktopServices.openUrl(url)
