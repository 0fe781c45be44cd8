"""The one line the app shows for a question: its title, or a plain first sentence of its prompt."""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|\*|`|~~)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE_MARKS = re.compile(r"(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_MATH = re.compile(r"\$\$?([^$]+)\$\$?")
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+)")
_FRACTION = re.compile(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SYMBOLS = {
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "times": "×",
    "cdot": "·",
    "approx": "≈",
    "neq": "≠",
    "ne": "≠",
    "sum": "Σ",
    "prod": "Π",
    "sqrt": "√",
    "infty": "∞",
    "to": "→",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "sigma": "σ",
    "pi": "π",
    "eta": "η",
    "tau": "τ",
    "log": "log",
    "exp": "exp",
    "top": "ᵀ",
    "mid": "|",
    "in": "∈",
}


def plain_text(markdown: str) -> str:
    """Inline markdown as the words a reader sees: no emphasis marks, backticks, link targets or
    dollar signs, all on one line. Good enough for a list entry; a rendered view shows the rest."""
    # an escaped dollar is money, not math: kept aside until the formulas are done
    text = " ".join(markdown.split()).replace("\\$", "\0")
    text = _LINK.sub(r"\1", text)
    text = _MATH.sub(lambda m: _plain_math(m.group(1)), text).replace("\0", "$")
    previous = None
    while previous != text:  # nested marks (**`x`**) come off one layer at a time
        previous = text
        text = _UNDERSCORE_MARKS.sub(r"\2", _MARKS.sub(r"\2", text))
    return text.lstrip("#> ").strip()


def _plain_math(latex: str) -> str:
    """A formula as a reader would say it in one line: ``\\frac{a}{b}`` as ``a/b``, ``\\le`` as ``≤``."""
    text = _FRACTION.sub(r"\1/\2", latex)
    text = _LATEX_COMMAND.sub(lambda m: _SYMBOLS.get(m.group(1), m.group(1)), text)
    return text.replace("{", "").replace("}", "").strip()


def first_sentence(prompt: str, limit: int = 70) -> str:
    """The first sentence or line of a prompt in plain text, short enough for a picker."""
    text = plain_text(prompt)
    for end in (". ", ": ", "? "):
        cut = text.find(end)
        if 0 < cut < limit:
            text = text[: cut + 1]
            break
    text = text.rstrip(":")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def question_title(title: str | None, prompt: str, limit: int = 70) -> str:
    """What lists and headings show for a question; never its id, which can give the answer away."""
    return title if title else first_sentence(prompt, limit)
