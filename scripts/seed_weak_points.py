"""Fill a data folder with four weeks of answers checked against their key points, and a few
design rounds with their rubric checked, so the weakest criteria on Progress and Today show
what a real user would see.

    python scripts/seed_weak_points.py /tmp/some-data-folder

Each bundled flashcard's points get a fixed chance of being missed (a few are hard for this
user), so the same points come up weak again and again, as they do for a real candidate.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interviewprep.banks.loader import load_paths
from interviewprep.banks.models import Flashcard
from interviewprep.core.card_record import CardRecord, QuestionType
from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.core.key_points import Coverage, CriterionResult, PointMark, suggested_grade
from interviewprep.services.app import Services, build_services
from interviewprep.services.design import DesignSession
from interviewprep.services.paths import bundled_banks_dir

Points = dict[tuple[str, str], list[tuple[str, int]]]


def bundled_points() -> Points:
    """Each bundled flashcard's key points, (text, weight), read from the bank files."""
    points: Points = {}
    for _, bank in load_paths([bundled_banks_dir()]).banks:
        for question in bank.questions:
            if isinstance(question, Flashcard):
                points[(bank.meta.id, question.id)] = [
                    (p.text, p.weight) for p in question.key_points
                ]
    return points


def checked_points(
    card: CardRecord, points: Points, rng: random.Random, later: bool
) -> list[CriterionResult]:
    """How the answer to ``card`` covered its key points: some points are this user's blind
    spot (missed most times, less so in the later weeks for a few)."""
    results = []
    for position, (text, weight) in enumerate(points.get(card.key, [])):
        blind = random.Random(f"{card.key}{position}").random()
        miss = 0.6 if blind < 0.12 else 0.08
        if later and blind < 0.05:
            miss = 0.2  # getting better at this one
        roll = rng.random()
        coverage = (
            Coverage.MISSED
            if roll < miss
            else (Coverage.PARTLY if roll < miss + 0.1 else Coverage.COVERED)
        )
        results.append(CriterionResult(position, text, weight, coverage))
    return results


def answer_day(
    services: Services, points: Points, rng: random.Random, clock: FixedClock, later: bool
) -> None:
    for _ in range(18):
        card = services.study.next_card()
        if card is None:
            return
        if card.state.stage in (Stage.LEARNING, Stage.RELEARNING):
            # a learning step's quick retry: graded, not checked point by point
            services.study.answer(card, Grade.GOOD, rng.randint(10_000, 40_000))
            clock.advance(timedelta(seconds=rng.randint(20, 60)))
            continue
        results = checked_points(card, points, rng, later)
        suggested = suggested_grade([PointMark(r.weight, r.coverage) for r in results])
        grade = suggested or rng.choice(list(Grade))
        services.study.answer(card, grade, rng.randint(20_000, 120_000), results=results)
        clock.advance(timedelta(seconds=rng.randint(40, 150)))


def design_round(services: Services, rng: random.Random, clock: FixedClock) -> None:
    card = services.study.next_card(question_type=QuestionType.SYSTEM_DESIGN)
    if card is None:
        return
    session = DesignSession(services.design, clock, card)
    session.start()
    clock.advance(timedelta(minutes=40))
    rubric = session.rubric
    session.checked = {i for i in range(len(rubric)) if rng.random() < (0.4 if i % 3 else 0.9)}
    scored = session.finish("Requirements, estimates, the design, then the trade-offs.")
    session.grade(scored.suggested)


def seed(data_dir: Path, days: int = 28) -> None:
    rng = random.Random(24)
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    clock = FixedClock(start - timedelta(days=days))
    services = build_services(data_dir, clock=clock)
    points = bundled_points()
    try:
        services.library.import_paths([bundled_banks_dir()])
        services.settings.target_roles = ["agent-engineer", "ml-engineer"]
        services.settings.set("first_run_done", True)
        services.settings.update_preset("flashcard", new_per_day=15)
        for day in range(days):
            clock.current = start - timedelta(days=days - day) + timedelta(hours=rng.randint(0, 9))
            if rng.random() < 0.12:
                continue  # a missed day now and then
            answer_day(services, points, rng, clock, later=day >= days // 2)
            if day % 4 == 1:
                design_round(services, rng, clock)
    finally:
        services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    seed(args.data_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
