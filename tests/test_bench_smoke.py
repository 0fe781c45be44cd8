"""A tiny run of the benchmarks so they cannot rot; the figures themselves are not asserted."""

from __future__ import annotations

from bench import core


def test_core_benchmark_runs_at_a_tiny_size() -> None:
    results = core.run(questions=150, cards=200, reviews=1_000, answers=20)
    assert results["answers_timed"] == 20
    for key in ("ingest_s", "rescan_unchanged_s", "answer_next_p50_ms", "answer_next_p95_ms"):
        assert results[key] > 0
