"""A simulated user studies through the real services, then the history is exported as a revlog.

Recall is drawn from a hidden memory model (FSRS with parameters unlike the defaults), so the
exported log behaves like a real person's: the scheduler-quality benchmark can then show how
well default and optimised FSRS predict it.

    python -m bench simulate --days 90 --out /tmp/simulated.csv
    python bench/scheduler_quality.py /tmp/simulated.csv
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs_rs_python as rs

from bench.core import write_banks
from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock, StudyDay
from interviewprep.core.memory_model import DEFAULT_PARAMETERS
from interviewprep.services.app import build_services

START = datetime(2026, 1, 5, 8, tzinfo=UTC)


def hidden_parameters() -> list[float]:
    """A learner who forgets new material faster and consolidates more slowly than average."""
    true = list(DEFAULT_PARAMETERS)
    true[0:4] = [0.1, 0.35, 0.9, 3.0]
    return true


class Learner:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.model = rs.FSRS(hidden_parameters())
        decay = -hidden_parameters()[20]
        self.decay, self.factor = decay, 0.9 ** (1 / decay) - 1
        self.memory: dict[str, tuple[rs.MemoryState, int]] = {}

    def grade(self, key: str, day: int) -> Grade:
        state = self.memory.get(key)
        if state is None:
            recalled = self.rng.random() < 0.35  # a first look: most is new to them
            elapsed = 0
        else:
            memory, last_day = state
            elapsed = day - last_day
            recall = (1 + self.factor * elapsed / max(memory.stability, 0.01)) ** self.decay
            recalled = self.rng.random() < recall
        grade = (
            self.rng.choices([Grade.HARD, Grade.GOOD, Grade.EASY], weights=(15, 75, 10))[0]
            if recalled
            else Grade.AGAIN
        )
        following = self.model.next_states(state[0] if state else None, 0.9, elapsed)
        chosen = {
            Grade.AGAIN: following.again,
            Grade.HARD: following.hard,
            Grade.GOOD: following.good,
            Grade.EASY: following.easy,
        }[grade]
        self.memory[key] = (chosen.memory, day)
        return grade


def simulate(days: int, questions: int, out: Path, seed: int = 17) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "banks").mkdir()
        write_banks(root / "banks", questions, seed=seed)
        clock = FixedClock(START)
        services = build_services(root / "data", clock=clock, study_day=StudyDay(zone=UTC))
        try:
            services.library.import_paths([root / "banks"])
            services.settings.update_preset("flashcard", new_per_day=15, reviews_per_day=500)
            learner = Learner(seed)
            for day in range(days):
                clock.current = START + timedelta(days=day)
                while (card := services.study.next_card()) is not None:
                    key = f"{card.bank_id}/{card.question_id}"
                    services.study.answer(card, learner.grade(key, day), 8000)
                    clock.advance(timedelta(minutes=11))
            return services.history.export_revlog(out)
        finally:
            services.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench simulate", description=__doc__)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--questions", type=int, default=600)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    count = simulate(args.days, args.questions, args.out)
    print(f"wrote {count} reviews to {args.out}")
    return 0
