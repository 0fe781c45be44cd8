"""Damage is found before it spreads: a check after start and before every backup switches a
damaged database to read-only, backups keep only intact copies, and the newest good backup
is never rotated away and is one call from being restored."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services, build_services
from interviewprep.services.backup import BackupProblem
from interviewprep.storage.backup import copy_database
from interviewprep.storage.database import DatabaseProblem
from tests.banktext import bank, write
from tests.conftest import UTC_DAY
from tests.damage import corrupt_page

Reopen = Callable[[], Services]


def review_count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM reviews").fetchone()[0])


@pytest.fixture
def reopen(data_dir: Path, clock: FixedClock, tmp_path: Path) -> Iterator[Reopen]:
    """Services on a data folder with three cards; ``reopen()`` closes and opens them again
    (after the test damaged the file)."""
    opened: list[Services] = []

    def open_again() -> Services:
        if opened:
            opened[-1].close()
        opened.append(build_services(data_dir, clock=clock, study_day=UTC_DAY))
        return opened[-1]

    first = open_again()
    first.library.import_paths([write(tmp_path / "b.md", bank(ids=("a", "b", "c")))])
    yield open_again
    opened[-1].close()


def answer_one(services: Services) -> None:
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.GOOD, 1000)


def test_the_check_finds_damage_no_answer_reads_and_the_answer_is_refused(reopen: Reopen) -> None:
    services = reopen()
    path = services.db.path
    services.close()
    corrupt_page(path)
    services = reopen()
    result = services.integrity.check()
    assert not result.ok and "damaged" in result.summary()
    assert services.integrity.damaged is not None
    with pytest.raises(DatabaseProblem, match=r"damaged .* read-only"):
        answer_one(services)
    with pytest.raises(DatabaseProblem, match="read-only"):
        services.settings.set("x", 1)
    assert review_count(path) == 0


def test_an_intact_database_passes_and_stays_writable(reopen: Reopen) -> None:
    services = reopen()
    result = services.integrity.check()
    full = services.integrity.check(full=True)
    assert result.ok and full.ok and result.summary().startswith("ok: the quick check")
    answer_one(services)
    assert review_count(services.db.path) == 1


def test_a_damaged_database_is_not_backed_up_and_goes_read_only(reopen: Reopen) -> None:
    services = reopen()
    good = services.backup.backup_now()
    path = services.db.path
    services.close()
    corrupt_page(path)
    services = reopen()
    with pytest.raises(BackupProblem, match="keep the last good state"):
        services.auto_backup.run()
    assert [b.path for b in services.backup.backups()] == [good]
    with pytest.raises(DatabaseProblem, match="damaged"):
        answer_one(services)


def test_a_backup_that_fails_its_check_is_not_kept(
    reopen: Reopen, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = reopen()
    from interviewprep.services import backup as backup_module

    real_copy = backup_module.copy_database

    def copy_onto_a_bad_disk(source: Path, target: Path) -> None:
        real_copy(source, target)
        corrupt_page(target)

    monkeypatch.setattr(backup_module, "copy_database", copy_onto_a_bad_disk)
    with pytest.raises(BackupProblem, match=r"failed its check .* removed"):
        services.backup.backup_now()
    assert services.backup.backups() == []
    answer_one(services)  # the live database is fine and stays writable


def age(path: Path, clock: FixedClock) -> None:
    stamp = clock.now().timestamp()
    os.utime(path, (stamp, stamp))


def test_rotation_never_deletes_the_newest_backup_that_passes(
    reopen: Reopen, clock: FixedClock
) -> None:
    services = reopen()
    good = services.backup.backup_now()
    age(good, clock)
    # A year and more of backups that were damaged on the disk after they were made
    bad = []
    for _ in range(400):
        clock.advance(timedelta(days=1))
        copy = services.backup.folder / f"interviewprep-bad-{len(bad):03d}.sqlite3"
        shutil.copyfile(good, copy)
        corrupt_page(copy)
        age(copy, clock)
        bad.append(copy)
    removed = services.auto_backup.rotate()
    assert good not in removed and good.exists()
    newest = services.backup.newest_good()
    assert newest is not None and newest.path == good
    assert len(removed) > 300  # the rule itself still applies to everything else


def test_restoring_the_newest_good_backup_makes_the_database_writable_again(reopen: Reopen) -> None:
    services = reopen()
    answer_one(services)
    older = services.backup.backup_now()
    answer_one(services)
    path = services.db.path
    services.close()
    corrupt_page(path)
    services = reopen()
    assert not services.integrity.check().ok
    assert services.integrity.newest_good_backup() is not None
    restored = services.integrity.restore_newest_good_backup()
    assert restored.source == older
    # the damaged file is set aside byte for byte, never offered as a backup
    assert restored.safety_backup.name.startswith("damaged-")
    assert restored.safety_backup not in [b.path for b in services.backup.backups()]
    assert services.integrity.damaged is None
    assert services.integrity.check(full=True).ok
    assert review_count(path) == 1
    services = reopen()
    answer_one(services)
    assert review_count(path) == 2


def test_with_no_good_backup_the_restore_says_so(reopen: Reopen) -> None:
    services = reopen()
    path = services.db.path
    services.close()
    corrupt_page(path)
    services = reopen()
    services.integrity.check()
    with pytest.raises(BackupProblem, match=r"no backup .* passes its check"):
        services.integrity.restore_newest_good_backup()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 300 KiB file system: a real full disk, which no mock reproduces (SQLite fails on the
    write-ahead log or journal it made beside the copy, not on the copy itself)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root on Linux")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_backup_that_fills_the_disk_leaves_no_partial_files(
    small_disk: Path, tmp_path: Path
) -> None:
    source = tmp_path / "big.sqlite3"
    left_behind: set[str] = set()
    # Sizes around the free space: the copy fails at a different step each time (the copy,
    # its write-ahead log, switching it back to a single file)
    for rows in range(200, 330, 10):
        source.unlink(missing_ok=True)
        with closing(sqlite3.connect(source)) as db:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("CREATE TABLE t (x)")
            db.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * rows)
            db.commit()
            try:
                copy_database(source, small_disk / "b.sqlite3")
            except BackupProblem:
                left_behind |= {p.name for p in small_disk.iterdir()}
            else:
                (small_disk / "b.sqlite3").unlink()
    assert left_behind == set()
