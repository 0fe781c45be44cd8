"""Problems found in bank files, always tied to a path and a line."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<message>.*)$", flags=re.DOTALL)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file, reported as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, for a banks repository's CI."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line}::{message}"


def parse_problem(text: str) -> Problem | None:
    """A ``path:line: message`` line back into its parts; None for any other text."""
    match = _LINE.match(text)
    if match is None:
        return None
    return Problem(match["path"], int(match["line"]), match["message"])
