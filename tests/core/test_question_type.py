"""The study side's question types are the bank format's, stored as the same strings."""

from __future__ import annotations

import json

from interviewprep.banks.models import QUESTION_TYPES
from interviewprep.core.card_record import QuestionType


def test_the_types_are_those_bank_files_name() -> None:
    assert [str(kind) for kind in QuestionType] == list(QUESTION_TYPES)


def test_a_type_is_written_as_its_plain_name() -> None:
    """Rows, settings and exports written before the enum must still match it."""
    assert json.dumps({"type": QuestionType.SYSTEM_DESIGN}) == '{"type": "system-design"}'
    assert f"{QuestionType.FLASHCARD}" == "flashcard" == QuestionType.FLASHCARD
