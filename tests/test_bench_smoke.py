"""A tiny run of the benchmarks so they cannot rot; the figures themselves are not asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import anki_compare, core, gui, integrity


def test_core_benchmark_runs_at_a_tiny_size() -> None:
    results = core.run(questions=150, cards=200, reviews=1_000, answers=20)
    assert results["answers_timed"] == 20
    for key in ("ingest_s", "rescan_unchanged_s", "answer_next_p50_ms", "answer_next_p95_ms"):
        assert results[key] > 0


def test_the_comparison_workload_is_the_same_text_for_both_sides(tmp_path: Path) -> None:
    workload = anki_compare.make_workload(questions=250, reviews=400)
    paths = anki_compare.write_banks(tmp_path, workload)
    assert len(paths) == 3  # 100 questions a file
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    for question in workload.questions:
        assert question.prompt in text and question.answer in text
    assert sum(anki_compare.RARE_WORD in q.prompt for q in workload.questions) == 3
    history = list(workload.history(now_ms=10**12))
    assert len(history) == 400
    moments = [moment for _, moment, _, _, _ in history]
    assert moments == sorted(set(moments))  # distinct, as Anki's revlog ids must be


def test_comparison_with_anki_runs_at_a_tiny_size() -> None:
    pytest.importorskip("anki", reason="Anki is only installed for the benchmark: .[bench]")
    results = anki_compare.run(questions=150, reviews=600, answers=20, repeat=1)
    rows = {row["name"]: row for row in results["rows"]}
    assert len(rows) == 8
    for row in rows.values():
        assert row["ours_ms"] > 0 and row["anki_ms"] > 0
    # the same workload: both sides see the same cards due today and find the same rare word
    assert results["counts_ours"] == results["counts_anki"]
    assert results["answers_timed"] == [20, 20]  # both sides, through every turn
    hits = results[f"hits_{anki_compare.RARE_WORD}"]
    assert hits[0] == hits[1] == 2
    assert "| ingest 150 questions |" in anki_compare.format_table(results)


def test_gui_benchmark_runs_at_a_tiny_size() -> None:
    sets = gui.run(questions=0, reviews=0, runs=1, grades=3)
    figures = sets["bundled banks"]
    assert figures["grades_timed"] == 3
    assert 0 < figures["start_to_today_s"] < 60
    assert figures["grade_to_paint_p95_ms"] > 0 and figures["peak_rss_mb"] > 50
    assert set(figures["screen_open_ms"]) == {
        "today", "review", "design", "mock", "browse", "progress", "banks", "settings"
    }  # fmt: skip
    assert all(ms > 0 for ms in figures["screen_open_ms"].values())
    assert "| bundled banks |" in gui.format_table(sets)


def test_integrity_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    gui.prepare(tmp_path / "data")
    results = integrity.measure(tmp_path / "data", runs=2)
    assert results["database_mb"] > 0
    for key in ("quick_check_s", "integrity_check_s", "backup_copy_s", "backup_copy_check_s"):
        assert results[key] > 0
