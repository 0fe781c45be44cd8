"""Render bank markdown to sanitised HTML: tables, highlighted code, and math typeset locally.

Bank text comes from other people, so the HTML is cleaned with nh3 (an allow-list: no scripts,
no remote images, no event handlers). Math is typeset to SVG with ziamath, which needs no
network and no TeX install; the HTML refers to each formula as ``math:N`` and the viewer turns
the SVGs into images.
"""

from __future__ import annotations

import bisect
import html
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import markdown
import nh3

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"style"},
    "div": {"style"},
    "pre": {"style"},
    "code": {"style"},
    "td": {"align", "style"},
    "th": {"align", "style"},
}
_STYLE_PROPERTIES = {"color", "background-color", "font-weight", "font-style", "text-align"}
_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', flags=re.DOTALL
)
_MAX_SOURCE_CHARS = 200_000


@dataclass(frozen=True)
class RenderedMarkdown:
    """HTML ready for a viewer, and the SVG of each formula it refers to as ``math:N``."""

    html: str
    math: dict[str, str] = field(default_factory=dict)


def _converter(dark: bool) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            "pymdownx.superfences",
            "pymdownx.highlight",
            "pymdownx.arithmatex",
        ],
        extension_configs={
            "pymdownx.highlight": {
                "noclasses": True,
                "pygments_style": "monokai" if dark else "friendly",
                "guess_lang": False,
            },
            "pymdownx.arithmatex": {"generic": True},
        },
        output_format="html",
    )


_TYPESET = threading.Lock()
"""The viewer renders on threads; ziamath keeps global state (its config, fonts loaded on first
use), so formulas are typeset one at a time."""


def _typeset(latex: str, display: bool, dark: bool) -> str | None:
    with _TYPESET:
        return _typeset_unlocked(latex, display, dark)


def _typeset_unlocked(latex: str, display: bool, dark: bool) -> str | None:
    from ziamath import zmath
    from ziamath.config import config

    config.svg2 = False  # Qt's SVG renderer does not follow <symbol>/<use>
    try:
        formula = zmath.Latex(
            latex, size=20 if display else 17, color="#e6e6e6" if dark else "#1d1d1f"
        )
        return str(formula.svg())
    except Exception:  # a formula ziamath cannot typeset is shown as source, not as a crash
        return None


def _strip_delimiters(body: str) -> tuple[str, bool]:
    text = html.unescape(body).strip()
    for start, end, display in (("\\[", "\\]", True), ("\\(", "\\)", False), ("$$", "$$", True)):
        if text.startswith(start) and text.endswith(end):
            return text[len(start) : -len(end)].strip(), display
    return text.strip("$"), False


def _replace_math(clean_html: str, dark: bool) -> RenderedMarkdown:
    math: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        latex, display = _strip_delimiters(match.group("body"))
        svg = _typeset(latex, display or match.group("tag") == "div", dark)
        if svg is None:
            return f"<code>{html.escape(latex)}</code>"
        name = f"math:{len(math)}"
        math[name] = svg
        image = f'<img src="{name}" align="middle" alt="{html.escape(latex, quote=True)}">'
        return f'<p align="center">{image}</p>' if match.group("tag") == "div" else image

    return RenderedMarkdown(html=_MATH.sub(swap, clean_html), math=math)


_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


def _protect_line(line: str) -> str:
    """Escape each `$` that cannot start inline math by pandoc's rule: an opening `$` has a
    non-space after it; its closing `$` has a non-space before it and no digit after it. So
    "$0.004 a call, so ~$40" stays money while "$x^2$" is math."""
    if "$" not in line:
        return line
    # Whether a `$` can close depends on its neighbours alone, not on where the formula
    # opened: find every closer in one pass, then each opener's is a bisection away. (A scan
    # to the end of the line for every `$` took 94 s on 90,000 characters of "$a ".)
    closers = _closers(line)
    out: list[str] = []
    index = 0
    length = len(line)
    while index < length:
        char = line[index]
        if char == "\\" and index + 1 < length:
            out.append(line[index : index + 2])
            index += 2
            continue
        if char != "$":
            stop = _next_special(line, index + 1)  # a lone "\\" at the end is plain text
            out.append(line[index:stop])
            index = stop
            continue
        if line.startswith("$$", index):
            out.append("$$")
            index += 2
            continue
        close = _closing_dollar(line, index, closers)
        if close is None:
            out.append("\\$")
            index += 1
        else:
            out.append(line[index : close + 1])
            index = close + 1
    return "".join(out)


_SPECIAL = re.compile(r"[\\$]")


def _next_special(line: str, start: int) -> int:
    found = _SPECIAL.search(line, start)
    return len(line) if found is None else found.start()


def _closers(line: str) -> list[int]:
    """Every index whose `$` may close a formula: not escaped, a non-space before it, no digit
    after it, and not the start of `$$`."""
    closers: list[int] = []
    index = line.find("$", 1)
    while index != -1:
        before = line[index - 1]
        after = line[index + 1 : index + 2]
        if before != "\\" and not before.isspace() and not after.isdigit() and after != "$":
            closers.append(index)
        index = line.find("$", index + 1)
    return closers


def _closing_dollar(line: str, start: int, closers: list[int]) -> int | None:
    if start + 1 >= len(line) or line[start + 1].isspace():
        return None
    position = bisect.bisect_right(closers, start)
    return closers[position] if position < len(closers) else None


def _code_state(line: str, fence: str | None) -> tuple[bool, str | None]:
    """Whether ``line`` is a fence or inside a fenced block, and the open fence after it."""
    marker = _FENCE_LINE.match(line)
    if marker is None:
        return fence is not None, fence
    token = marker.group(1)
    if fence is None:
        return True, token
    closes = token[0] == fence[0] and len(token) >= len(fence)
    return True, None if closes else fence


def protect_currency(text: str) -> str:
    """Apply the inline-math rule per paragraph (a formula may wrap onto the next line),
    outside code blocks and code spans."""
    out: list[str] = []
    paragraph: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if paragraph:
            out.append(_protect_paragraph("\n".join(paragraph)))
            paragraph.clear()

    for line in text.split("\n"):
        in_code, fence = _code_state(line, fence)
        if in_code or not line.strip():
            flush()
            out.append(line)
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out)


def _protect_paragraph(text: str) -> str:
    if "$" not in text:
        return text
    parts: list[str] = []
    last = 0
    for span in _CODE_SPAN.finditer(text):
        parts.append(_protect_line(text[last : span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(_protect_line(text[last:]))
    return "".join(parts)


_LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +)(?=\S)")


def _may_interrupt(marker: str) -> bool:
    """Whether a list item with ``marker`` may interrupt a paragraph (CommonMark: a bullet, or
    an ordered item numbered 1, so a wrapped line such as "2024. The year..." stays text)."""
    return marker in "-*+" or marker[:-1] == "1"


def normalise_lists(text: str) -> str:
    """Re-indent nested lists to Python-Markdown's 4 spaces per level.

    Authors write nesting the CommonMark way, aligned with the parent item's text (3 spaces
    under "1. ", 2 under "- "); Python-Markdown needs 4 and would flatten the rest into the
    parent's paragraph. Outside lists and inside code fences nothing changes."""
    lines: list[str] = []
    columns: list[int] = []  # content column of each open list item, outermost first
    fence: str | None = None
    previous_blank = False
    for line in text.split("\n"):
        in_code, fence = _code_state(line, fence)
        if in_code:
            lines.append(line)
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped:
            lines.append(line)
            previous_blank = True
            continue
        item = _LIST_ITEM.match(line)
        if item is None and ((indent == 0 and previous_blank) or not columns):
            columns = []  # a paragraph after a blank line ends the list
            lines.append(line)
        elif item is not None:
            if not columns and lines and not previous_blank and _may_interrupt(item.group(2)):
                # CommonMark lets a list start right under a paragraph line, as authors
                # write "nested spans:" then the items; Python-Markdown wants a blank line
                lines.append("")
            while columns and indent < columns[-1]:
                columns.pop()
            depth = len(columns)
            if indent == 0:
                columns, depth = [], 0
            columns.append(indent + len(item.group(2)) + len(item.group(3)))
            lines.append(" " * (4 * depth) + stripped)
        else:
            depth = sum(1 for column in columns if indent >= column)
            lines.append(" " * (4 * depth) + stripped if depth else line)
        previous_blank = False
    return "\n".join(lines)


@lru_cache(maxsize=512)
def render_markdown(text: str, dark: bool = False) -> RenderedMarkdown:
    """Markdown from a bank to sanitised HTML plus typeset math. Never raises on odd input."""
    source = normalise_lists(protect_currency(text[:_MAX_SOURCE_CHARS]))
    try:
        raw = _converter(dark).convert(source)
    except RecursionError:
        return RenderedMarkdown(html=f"<pre>{html.escape(source)}</pre>")
    clean = nh3.clean(
        raw,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        filter_style_properties=_STYLE_PROPERTIES,
        allowed_classes={"span": {"arithmatex"}, "div": {"arithmatex"}},
        link_rel="noopener noreferrer",
    )
    return _replace_math(clean, dark)


def render_for_anki(text: str) -> str:
    """Sanitised HTML for an Anki note: math stays as \\( \\) / \\[ \\] for Anki's MathJax."""
    try:
        raw = _converter(False).convert(normalise_lists(protect_currency(text[:_MAX_SOURCE_CHARS])))
    except RecursionError:
        return f"<pre>{html.escape(text)}</pre>"
    clean = nh3.clean(
        raw,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        filter_style_properties=_STYLE_PROPERTIES,
        link_rel="noopener noreferrer",
    )
    return _MATH.sub(lambda m: m.group("body"), clean)
