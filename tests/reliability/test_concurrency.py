"""CLI commands run while another process keeps writing: no 'database is locked' reaches the
user, and no write is lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interviewprep.core.clock import SystemClock
from interviewprep.services.app import build_services
from tests.banktext import bank, write

WRITER = r"""
import sys
from pathlib import Path
from interviewprep.core.cards import Grade
from interviewprep.services.app import build_services

services = build_services(Path(sys.argv[1]))
services.settings.update_preset("flashcard", new_per_day=100000, reviews_per_day=100000)
print("ready", flush=True)
answered = 0
while answered < int(sys.argv[2]):
    card = services.study.next_card()
    if card is None:
        break
    services.study.answer(card, Grade.GOOD, 10)
    answered += 1
print(f"answered {answered}", flush=True)
"""


@pytest.mark.slow
def test_cli_while_another_process_answers(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    services = build_services(data_dir, clock=SystemClock())
    services.library.import_paths(
        [write(tmp_path / "b.md", bank(ids=tuple(f"q{i}" for i in range(300))))]
    )
    services.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), "250"], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    extra = write(tmp_path / "more" / "extra.md", bank("extra", ids=("e1", "e2")))
    outputs = []
    for command in (["stats", "--json"], ["import", str(extra.parent)], ["stats", "--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "interviewprep", *command, "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "locked" not in done.stderr.lower()
        outputs.append(done.stdout)
    last = writer.stdout.readline().strip()
    writer.wait(timeout=120)
    writer.stdout.close()
    assert last == "answered 250"
    final = json.loads(
        subprocess.run(
            [sys.executable, "-m", "interviewprep", "stats", "--json", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    assert final["total_reviews"] == 250
    assert final["roles"]["agent-engineer"]["questions"] == 302
