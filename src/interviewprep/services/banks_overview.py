"""What the Banks screen lists: installed banks with question counts, and the problems found in
their files when they were last scanned."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from interviewprep.core.card_record import QuestionType
from interviewprep.storage.bank_repository import BankRepository
from interviewprep.storage.database import Database


@dataclass(frozen=True)
class BankSummary:
    id: str
    title: str
    role: str
    role_title: str
    version: str
    flashcards: int
    design_prompts: int
    source_path: str
    updated_at: datetime

    @property
    def questions(self) -> int:
        return self.flashcards + self.design_prompts


class BanksOverviewService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def banks(self) -> list[BankSummary]:
        """Installed banks by role then title; counts are of active (not retired) questions."""
        with self._db.read() as session:
            repository = BankRepository(session)
            role_titles = {role.id: role.title for role in repository.roles()}
            counts = Counter(repository.question_counts())
            return [
                BankSummary(
                    id=bank.id,
                    title=bank.title,
                    role=bank.role,
                    role_title=role_titles.get(bank.role, bank.role),
                    version=bank.version,
                    flashcards=counts[(bank.id, QuestionType.FLASHCARD)],
                    design_prompts=counts[(bank.id, QuestionType.SYSTEM_DESIGN)],
                    source_path=bank.source_path,
                    updated_at=bank.updated_at,
                )
                for bank in repository.banks()
            ]

    def stored_problems(self) -> list[str]:
        """Every problem from the latest scan of each file, as ``path:line: message``; a file
        unpacked from a bundle is named inside the zip (``banks.zip/rag.md``), not by the
        folder it was unpacked to."""
        from interviewprep.services.library import bundle_name

        bundles = self._db.path.parent.resolve() / "bundles"
        with self._db.read() as session:
            sources = BankRepository(session).source_files()

        def shown(path: str) -> str:
            file = Path(path)
            return f"{bundle_name(file)}/{file.name}" if file.parent.parent == bundles else path

        return [
            f"{shown(path)}:{problem}"
            for path, source in sorted(sources.items())
            for problem in source.problems
        ]
