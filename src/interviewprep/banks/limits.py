"""Limits on untrusted bank input, so a hostile file cannot exhaust memory or time."""

from __future__ import annotations

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS_PER_FILE = 5_000
MAX_LINE_CHARS = 20_000
MAX_FRONT_MATTER_LINES = 200
MAX_QUESTION_META_LINES = 50
MAX_PROBLEMS_PER_FILE = 500
"""Problems listed for one file; past it, one line says how many more (a hostile file could
otherwise make hundreds of thousands)."""
MAX_NESTING = 20
"""Deepest blockquote or list nesting accepted; deeper markdown can exhaust the renderer."""

# What makes one question slow to render, per question (all its sections together). Python-
# Markdown's inline parsing costs about (matches x paragraph length) and each formula is
# typeset on its own (about 10 ms), so these keep any question that validates under a second
# to render (`python -m bench render`). The bundled banks peak at 6,471 characters, 5 links,
# 38 math delimiters and 151 inline tokens.
MAX_QUESTION_CHARS = 20_000
MAX_QUESTION_LINKS = 50
MAX_QUESTION_MATH_DELIMITERS = 100
"""`$`, `\\(` or `\\[` not escaped: about two per formula (a money amount counts as one)."""
MAX_QUESTION_INLINE_TOKENS = 2_000
"""Characters inline markdown acts on: ` * _ [ ] $ < & \\ ~ !"""
