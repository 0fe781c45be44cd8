"""What checking the database costs: ``PRAGMA quick_check`` (after start, before every backup),
``PRAGMA integrity_check`` (Tools > Check Database, ``interviewprep check``) and a checked
backup, on a data folder as a returning user has it.

    python -m bench integrity                                  # 100,000 questions, 1M reviews
    python -m bench integrity --questions 10000 --reviews 100000
    python -m bench integrity --data-dir DIR                   # an existing data folder

The quick check runs on a worker thread once the first screen has its figures, so it is not in
start to Today; these figures are how long the database stays unchecked after start, and what
it adds to a backup.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from interviewprep.storage.backup import copy_database
from interviewprep.storage.database import DATABASE_FILENAME
from interviewprep.storage.integrity import run_check


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    assert not fn(), "the database failed its check"
    return time.perf_counter() - start


def measure(data_dir: Path, runs: int) -> dict[str, Any]:
    path = data_dir / DATABASE_FILENAME
    quick = [_timed(lambda: run_check(path)) for _ in range(runs)]
    full = [_timed(lambda: run_check(path, full=True)) for _ in range(max(1, runs // 2))]
    copies = []
    target = data_dir / "bench-backup.sqlite3"
    for _ in range(max(1, runs // 2)):
        start = time.perf_counter()
        copy_database(path, target)
        copies.append(time.perf_counter() - start)
    copy_check = [_timed(lambda: run_check(target)) for _ in range(max(1, runs // 2))]
    target.unlink()
    return {
        "database_mb": path.stat().st_size / 1e6,
        "quick_check_s": statistics.median(quick),
        "quick_check_first_s": quick[0],
        "integrity_check_s": statistics.median(full),
        "backup_copy_s": statistics.median(copies),
        "backup_copy_check_s": statistics.median(copy_check),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench integrity", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, help="measure this data folder instead")
    parser.add_argument("--keep", type=Path, help="prepare the data folder here and keep it")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-integrity-") as tmp:
        data_dir = args.data_dir
        label = str(data_dir)
        if data_dir is None:
            from bench.gui import prepare

            data_dir = args.keep or Path(tmp) / "data"
            started = time.perf_counter()
            prepare(data_dir, args.questions, args.reviews, Path(tmp))
            print(f"prepared in {time.perf_counter() - started:.0f} s (not measured)")
            label = f"{args.questions:,} questions, {args.reviews:,} reviews"
        results = measure(data_dir, args.runs)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    before_backup = results["quick_check_s"] + results["backup_copy_check_s"]
    print(f"{label}: database {results['database_mb']:.0f} MB")
    print(f"quick_check (after start, on a worker): {results['quick_check_s']:.2f} s "
          f"(first run {results['quick_check_first_s']:.2f} s)")  # fmt: skip
    print(f"integrity_check (Check Database):       {results['integrity_check_s']:.2f} s")
    print(f"backup copy:                            {results['backup_copy_s']:.2f} s, "
          f"+ {before_backup:.2f} s for the checks before and after it")  # fmt: skip
    return 0
