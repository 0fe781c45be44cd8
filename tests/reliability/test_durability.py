"""An answer the app acknowledged is on disk, even when the process is killed at any moment."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interviewprep.core.clock import SystemClock
from interviewprep.services.app import build_services
from tests.banktext import bank, write

CHILD = r"""
import sys
from pathlib import Path
from interviewprep.core.cards import Grade
from interviewprep.services.app import build_services

services = build_services(Path(sys.argv[1]))
services.settings.update_preset("flashcard", new_per_day=100000, reviews_per_day=100000)
grades = [Grade.AGAIN, Grade.HARD, Grade.GOOD, Grade.EASY]
i = 0
while True:
    card = services.study.next_card()
    if card is None:
        print("done", flush=True)
        break
    answer = services.study.answer(card, grades[i % 4], 1000)
    print(f"ack {answer.review_id}", flush=True)
    i += 1
"""


@pytest.mark.slow
def test_killed_mid_answer_keeps_every_acknowledged_review(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    ids = tuple(f"q{i:04d}" for i in range(400))
    services = build_services(data_dir, clock=SystemClock())
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=ids))])
    services.close()
    rng = random.Random(20261123)
    acknowledged: set[int] = set()
    for _round in range(15):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout is not None
        stop_after = rng.randint(1, 40)
        seen = 0
        for line in child.stdout:
            if line.startswith("ack "):
                acknowledged.add(int(line.split()[1]))
                seen += 1
            if seen >= stop_after or line.startswith("done"):
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        with sqlite3.connect(data_dir / "interviewprep.sqlite3") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            stored = {row[0] for row in conn.execute("SELECT id FROM reviews")}
        assert acknowledged <= stored, f"lost: {sorted(acknowledged - stored)[:5]}"
    assert len(acknowledged) >= 15
