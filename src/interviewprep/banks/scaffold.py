"""A new bank with one example of each question type, valid as written."""

from __future__ import annotations

from interviewprep.banks.models import Bank, BankMeta, Flashcard, Phase, RubricItem, SystemDesign
from interviewprep.banks.writer import write_bank


def scaffold_bank(bank_id: str, role: str) -> str:
    flashcard = Flashcard(
        id="example-flashcard",
        topics=["example-topic"],
        difficulty="mid",
        prompt="Write the question an interviewer would ask.",
        answer=(
            "**Strong answer.** The answer an interviewer would accept, in 3-10 sentences or a "
            "short list.\n\n**Interviewers listen for:** the points that separate a strong answer."
        ),
        hints=["An optional hint."],
        follow_ups=["A question the interviewer would ask next."],
    )
    design = SystemDesign(
        id="example-design",
        topics=["example-topic"],
        difficulty="senior",
        prompt="Describe the system to design, with its scale, latency and cost budgets.",
        answer="1. Requirements.\n2. Estimation.\n3. High-level design.\n4. Deep dives.",
        time_box=45,
        phases=[
            Phase(name="Requirements and scope", minutes=5),
            Phase(name="Estimation", minutes=5),
            Phase(name="API and data model", minutes=5),
            Phase(name="High-level design", minutes=10),
            Phase(name="Deep dives", minutes=10),
            Phase(name="Trade-offs and failure modes", minutes=7),
            Phase(name="Wrap-up", minutes=3),
        ],
        rubric=[
            RubricItem(text="Clarifies requirements and success metrics", weight=3),
            RubricItem(text="Handles failures and cost", weight=2),
        ],
        pitfalls=["A common mistake."],
        curveballs=["Traffic grows 10x mid-round."],
    )
    meta = BankMeta(
        id=bank_id,
        title="New bank",
        role=role,
        version="0.1.0",
        license="CC-BY-4.0",
        authors=["Your name"],
        description="What this bank covers.",
    )
    return write_bank(Bank(meta=meta, questions=[flashcard, design]))
