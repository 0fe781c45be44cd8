"""Limits on untrusted bank input, so a hostile file cannot exhaust memory or time."""

from __future__ import annotations

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS_PER_FILE = 5_000
MAX_LINE_CHARS = 20_000
MAX_FRONT_MATTER_LINES = 200
MAX_QUESTION_META_LINES = 50
MAX_NESTING = 20
"""Deepest blockquote or list nesting accepted; deeper markdown can exhaust the renderer."""
