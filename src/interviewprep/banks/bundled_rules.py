"""Rules for the banks that ship with the app, stricter than the format: every flashcard carries
the key points its answer is checked against (the checklist after the reveal and the AI grader
need them). ``interviewprep validate --bundled`` applies them; banks from others may leave the
section out."""

from __future__ import annotations

from collections.abc import Iterable

from interviewprep.banks.models import KEY_POINTS_MAX, KEY_POINTS_MIN
from interviewprep.banks.parser import ParsedFile
from interviewprep.banks.problems import Problem


def missing_key_points(files: Iterable[ParsedFile]) -> list[Problem]:
    """One problem per flashcard without a ``### Key points`` section, at its heading."""
    problems = []
    for parsed in files:
        if parsed.bank is None:
            continue
        for question in parsed.bank.questions:
            if question.type == "flashcard" and not question.key_points:
                problems.append(
                    Problem(
                        parsed.path,
                        parsed.question_lines.get(question.id, 1),
                        f"flashcard '{question.id}' has no '### Key points' section: a bundled"
                        f" flashcard lists the {KEY_POINTS_MIN}-{KEY_POINTS_MAX} points its"
                        " answer is checked against",
                    )
                )
    return problems
