"""For maintainers: check a bank file as it is being written, without installing it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from interviewprep.banks import limits
from interviewprep.banks.loader import check_across_files, read_source
from interviewprep.banks.models import Flashcard, SystemDesign
from interviewprep.banks.parser import parse_bytes
from interviewprep.banks.problems import Problem
from interviewprep.banks.titles import question_title
from interviewprep.storage.bank_repository import BankRepository
from interviewprep.storage.database import Database


@dataclass
class BankPreview:
    path: Path
    title: str = ""
    questions: list[Flashcard | SystemDesign] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    """The file as written (undecodable bytes replaced), to show it at a problem's line."""
    question_lines: dict[str, int] = field(default_factory=dict)


def question_markdown(question: Flashcard | SystemDesign) -> str:
    """A question as one markdown page: what the review and design screens show."""
    parts = [
        f"### {question_title(question.title, question.prompt)}",
        question.prompt,
        "---",
        question.answer,
    ]
    if question.follow_ups:
        parts.append("**Follow-ups**\n\n" + "\n".join(f"- {f}" for f in question.follow_ups))
    if isinstance(question, SystemDesign):
        parts.append(
            f"**Time box:** {question.time_box} min: "
            + ", ".join(f"{p.name} ({p.minutes})" for p in question.phases)
        )
        parts.append(
            "**Rubric**\n\n" + "\n".join(f"- [{r.weight}] {r.text}" for r in question.rubric)
        )
        if question.curveballs:
            parts.append("**Curveballs**\n\n" + "\n".join(f"- {c}" for c in question.curveballs))
    if question.references:
        parts.append(
            "**References**\n\n"
            + "\n".join(
                f"- [{r.title}]({r.url})" if r.url else f"- {r.title}" for r in question.references
            )
        )
    return "\n\n".join(parts)


class AuthoringService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def preview(self, path: Path) -> BankPreview:
        """Parse and validate one file as `interviewprep validate` would, roles included."""
        preview = BankPreview(path=path)
        source, problem = read_source(path, limits.MAX_FILE_BYTES)
        if problem is not None or source is None:
            preview.problems.append(problem or Problem(str(path), 1, "cannot read"))
            return preview
        parsed = parse_bytes(str(path), source.data)
        preview.text = source.data.decode("utf-8", errors="replace")
        preview.question_lines = dict(parsed.question_lines)
        with self._db.read() as session:
            roles = BankRepository(session).role_ids()
        bank = parsed.bank
        check_across_files([parsed], extra_roles=roles)
        if bank is not None:
            preview.title = bank.meta.title
            preview.questions = list(bank.questions)
        preview.problems = sorted(parsed.problems)
        return preview
