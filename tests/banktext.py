"""Build bank markdown for tests."""

from __future__ import annotations

from pathlib import Path


def front(bank_id: str = "demo", role: str = "agent-engineer", version: str = "1.0.0") -> str:
    return (
        "---\n"
        f"id: {bank_id}\n"
        f"title: Demo bank {bank_id}\n"
        f"role: {role}\n"
        f'version: "{version}"\n'
        "license: CC-BY-4.0\n"
        "authors: [Test Author]\n"
        "description: A bank made by a test.\n"
        "---\n"
    )


def flashcard(
    qid: str,
    prompt: str | None = None,
    answer: str | None = None,
    topics: str = "[llm-fundamentals]",
    difficulty: str = "mid",
) -> str:
    return (
        f"\n## {qid}\n"
        "type: flashcard\n"
        f"topics: {topics}\n"
        f"difficulty: {difficulty}\n"
        "\n### Prompt\n"
        f"{prompt or f'What is {qid}?'}\n"
        "\n### Answer\n"
        f"{answer or f'{qid} is explained here.'}\n"
    )


def design(qid: str, time_box: int = 45) -> str:
    return (
        f"\n## {qid}\n"
        "type: system-design\n"
        "topics: [agent-system-design]\n"
        "difficulty: senior\n"
        f"time_box: {time_box}\n"
        "\n### Prompt\nDesign a thing at 1,000 QPS.\n"
        "\n### Answer\n1. Requirements.\n2. Design.\n"
        "\n### Phases\n- Requirements (15 min)\n- Design (30 min)\n"
        "\n### Rubric\n- [3] Clarifies scope\n- [2] Estimates load\n"
    )


def bank(bank_id: str = "demo", ids: tuple[str, ...] = ("q1", "q2", "q3"), **kw: str) -> str:
    return front(bank_id, **kw) + "".join(flashcard(q) for q in ids)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
