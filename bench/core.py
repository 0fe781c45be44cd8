"""Core engine benchmark: ingest, re-scan, and answer + next card at scale.

Generates its own banks and history, so it runs anywhere at any size:

    python -m bench core --questions 10000 --cards 100000 --reviews 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text, update

from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock, StudyDay
from interviewprep.services.app import Services, build_services
from interviewprep.storage.models import ProgressRow, ReviewRow

WORDS = [
    "agent",
    "tool",
    "memory",
    "retrieval",
    "embedding",
    "vector",
    "latency",
    "token",
    "context",
    "cache",
    "budget",
    "trace",
    "span",
    "eval",
    "judge",
    "rubric",
    "rollout",
    "canary",
    "drift",
    "gradient",
    "optimiser",
    "batch",
    "shard",
    "replica",
    "quantisation",
    "attention",
    "transformer",
    "recall",
    "precision",
    "calibration",
    "index",
    "queue",
    "retry",
]
QUESTIONS_PER_FILE = 100
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def write_banks(folder: Path, questions: int, seed: int = 7) -> list[Path]:
    """Bank files of 100 flashcards each, like the bundled ones in shape and size."""
    rng = random.Random(seed)
    roles = ("agent-engineer", "ml-engineer", "agentops-engineer")
    paths: list[Path] = []
    for file_index in range(0, questions, QUESTIONS_PER_FILE):
        bank_id = f"bench-{file_index // QUESTIONS_PER_FILE:05d}"
        lines = [
            "---",
            f"id: {bank_id}",
            f"title: Bench bank {bank_id}",
            f"role: {roles[(file_index // QUESTIONS_PER_FILE) % 3]}",
            'version: "1.0.0"',
            "license: CC-BY-4.0",
            "authors: [bench]",
            "description: Generated for benchmarks.",
            "---",
        ]
        for q in range(file_index, min(questions, file_index + QUESTIONS_PER_FILE)):
            lines += [
                "",
                f"## q{q:06d}",
                "type: flashcard",
                f"topics: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
                f"difficulty: {rng.choice(('junior', 'mid', 'senior', 'staff'))}",
                "",
                "### Prompt",
                _sentence(rng, 18).replace(".", "?"),
                "",
                "### Answer",
                "**Strong answer.** " + " ".join(_sentence(rng, 14) for _ in range(5)),
                "",
                "**Interviewers listen for:** " + _sentence(rng, 12),
                "",
                "### Follow-ups",
                f"- {_sentence(rng, 10)}",
            ]
        path = folder / f"{bank_id}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def seed_history(services: Services, reviews: int, seed: int = 11) -> None:
    """Give every card a review state and spread ``reviews`` log rows over the last year, with
    bulk SQL: this is set-up, not what is measured."""
    rng = random.Random(seed)
    with services.db.read() as session:
        keys = session.execute(text("SELECT bank_id, question_id FROM progress")).all()
    rows: list[dict[str, Any]] = []
    with services.db.transaction() as session:
        for bank_id, question_id in keys:
            session.execute(
                update(ProgressRow)
                .where(ProgressRow.bank_id == bank_id, ProgressRow.question_id == question_id)
                .values(
                    state=int(Stage.REVIEW),
                    stability=rng.uniform(1, 120),
                    difficulty=rng.uniform(2, 8),
                    due=NOW + timedelta(days=rng.uniform(-20, 90)),
                    last_review=NOW - timedelta(days=rng.uniform(1, 60)),
                    reps=rng.randint(2, 15),
                )
            )
    per_card = max(1, reviews // max(1, len(keys)))
    before = {"stage": 2, "step": None, "stability": 10.0, "difficulty": 5.0,
              "due": NOW.isoformat(), "last_review": NOW.isoformat(), "reps": 3, "lapses": 0}  # fmt: skip
    written = 0
    with services.db.transaction() as session:
        for bank_id, question_id in keys:
            for _ in range(per_card):
                if written >= reviews:
                    break
                moment = NOW - timedelta(days=rng.uniform(0, 365))
                rows.append(
                    {
                        "bank_id": bank_id,
                        "question_id": question_id,
                        "question_type": "flashcard",
                        "rating": rng.choice((1, 3, 3, 3, 4)),
                        "reviewed_at": moment,
                        "duration_ms": rng.randint(2000, 30000),
                        "state_before": 2,
                        "state_after": 2,
                        "stability": 10.0,
                        "difficulty": 5.0,
                        "due": moment + timedelta(days=10),
                        "before": before,
                    }
                )
                written += 1
                if len(rows) >= 20_000:
                    session.execute(insert(ReviewRow), rows)
                    rows.clear()
        if rows:
            session.execute(insert(ReviewRow), rows)
    with services.db.transaction() as session:
        session.execute(text("ANALYZE"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def bench_answers(services: Services, clock: FixedClock, answers: int) -> list[float]:
    services.settings.update_preset("flashcard", reviews_per_day=100_000, new_per_day=100_000)
    timings: list[float] = []
    card = services.study.next_card()
    for _ in range(answers):
        if card is None:
            break
        start = time.perf_counter()
        services.study.answer(card, Grade.GOOD, 5000)
        card = services.study.next_card()
        timings.append(time.perf_counter() - start)
        clock.advance(timedelta(seconds=5))
    return timings


def run(questions: int, cards: int, reviews: int, answers: int) -> dict[str, Any]:
    results: dict[str, Any] = {"questions": questions, "cards": cards, "reviews": reviews}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        banks = root / "banks"
        banks.mkdir()
        write_banks(banks, questions)
        clock = FixedClock(NOW)
        services = build_services(root / "data", clock=clock, study_day=StudyDay(zone=UTC))
        try:
            seconds, result = _timed(lambda: services.library.import_paths([banks]))
            assert not result.problems, result.problems[:3]
            results["ingest_s"] = seconds
            seconds, result = _timed(lambda: services.library.import_paths([banks]))
            assert result.files_unchanged == result.files_seen
            results["rescan_unchanged_s"] = seconds
        finally:
            services.close()

        big = root / "big"
        big.mkdir()
        write_banks(big, cards, seed=3)
        clock = FixedClock(NOW)
        services = build_services(root / "data2", clock=clock, study_day=StudyDay(zone=UTC))
        try:
            services.library.import_paths([big])
            seed_history(services, reviews)
            timings = bench_answers(services, clock, answers)
            results["answer_next_p50_ms"] = statistics.median(timings) * 1000
            results["answer_next_p95_ms"] = percentile(timings, 0.95) * 1000
            results["answers_timed"] = len(timings)
        finally:
            services.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench core", description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000, help="questions to ingest")
    parser.add_argument("--cards", type=int, default=100_000, help="cards for answer timing")
    parser.add_argument("--reviews", type=int, default=1_000_000, help="review-log rows")
    parser.add_argument("--answers", type=int, default=1_000, help="answers to time")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = run(args.questions, args.cards, args.reviews, args.answers)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"parse + validate + ingest {results['questions']:,} questions: {results['ingest_s']:.3f} s"
    )
    print(f"re-scan with nothing changed:          {results['rescan_unchanged_s'] * 1000:.1f} ms")
    print(
        f"answer + next card at {results['cards']:,} cards, {results['reviews']:,} reviews: "
        f"p50 {results['answer_next_p50_ms']:.2f} ms, p95 {results['answer_next_p95_ms']:.2f} ms "
        f"({results['answers_timed']} answers)"
    )
    return 0
