"""Sharing banks in a study group: a maintainer re-exports, members import; a newer bundle
updates, an older one never downgrades silently, the same bank again is unchanged."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services, build_services
from interviewprep.services.bundles import BundleService
from tests.banktext import bank, flashcard, front, write
from tests.conftest import UTC_DAY

V1 = bank("demo", ids=("q1", "q2", "q3"), version="1.0.0")
# 1.1.0: q1's answer fixed, q3 removed, q4 and q5 added
V2 = (
    front("demo", version="1.1.0")
    + flashcard("q1", answer="q1 is explained here, now correctly.")
    + flashcard("q2")
    + flashcard("q4")
    + flashcard("q5")
)


@pytest.fixture
def member(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    built = build_services(tmp_path / "member", clock=clock, study_day=UTC_DAY)
    try:
        yield built
    finally:
        built.close()


def export(services: Services, destination: Path) -> Path:
    return BundleService(services.db).export(["demo"], destination)


def active_ids(services: Services) -> list[str]:
    return sorted(q.id for q in BundleService(services.db).bank_model("demo").questions)


def test_a_newer_bundle_updates_a_bank_installed_from_an_older_bundle(
    services: Services, member: Services, tmp_path: Path
) -> None:
    source = write(tmp_path / "maintainer" / "demo.md", V1)
    services.library.import_paths([source])
    v1 = export(services, tmp_path / "banks-v1.zip")
    assert member.library.import_paths([v1]).details() == [
        "demo 1.0.0: installed, 3 new, 0 changed, 0 removed"
    ]
    member.study.answer(member.study.card("demo", "q1"), Grade.GOOD, 1000)
    reviewed = member.study.card("demo", "q1").state

    write(source, V2)
    services.library.import_paths([source])
    v2 = export(services, tmp_path / "banks-v2.zip")
    result = member.library.import_paths([v2])
    assert result.conflicts == [] and result.problems == []
    assert result.details() == ["demo 1.0.0 -> 1.1.0: updated, 2 new, 1 changed, 1 removed"]
    assert result.question_lines() == [
        "  demo new: q4, q5",
        "  demo changed: q1",
        "  demo removed: q3",
    ]
    assert active_ids(member) == ["q1", "q2", "q4", "q5"]
    assert member.study.card("demo", "q1").state == reviewed


def test_an_older_bundle_is_a_clash_that_says_it_is_older_and_stays_until_decided(
    services: Services, member: Services, tmp_path: Path
) -> None:
    source = write(tmp_path / "maintainer" / "demo.md", V1)
    services.library.import_paths([source])
    v1 = export(services, tmp_path / "banks-v1.zip")
    write(source, V2)
    services.library.import_paths([source])
    v2 = export(services, tmp_path / "banks-v2.zip")
    member.library.import_paths([v2])

    old = tmp_path / "old-banks.zip"  # the same v1 bundle under another name
    shutil.copy(v1, old)
    result = member.library.import_paths([old])
    assert [(c.installed_version, c.offered_version, c.offered_is) for c in result.conflicts] == [
        ("1.1.0", "1.0.0", "older")
    ]
    assert active_ids(member) == ["q1", "q2", "q4", "q5"]  # nothing downgraded
    conflict = result.conflicts[0]  # named as the user knows them, not by unpacked paths
    assert (conflict.installed_from, conflict.offered_from) == (
        "bundle banks-v2.zip (demo.md)",
        "bundle old-banks.zip (demo.md)",
    )
    again = member.library.import_paths([old])
    assert [c.offered_version for c in again.conflicts] == ["1.0.0"]  # still open

    member.library.keep_installed(again.conflicts[0])
    decided = member.library.import_paths([old])
    assert decided.conflicts == []
    assert [p.message for p in decided.problems] == [
        "you kept bank 'demo' v1.1.0 from bundle banks-v2.zip (demo.md); this file "
        "(v1.0.0) is not used"
    ]
    assert active_ids(member) == ["q1", "q2", "q4", "q5"]
    assert member.banks.stored_problems() == [  # the Banks screen's list, named by the zip
        "old-banks.zip/demo.md:1: you kept bank 'demo' v1.1.0 from bundle banks-v2.zip "
        "(demo.md); this file (v1.0.0) is not used"
    ]


def test_an_older_version_is_not_installed_when_the_installed_source_has_moved(
    member: Services, tmp_path: Path
) -> None:
    folder = write(tmp_path / "shared" / "demo.md", V2).parent
    member.library.import_paths([folder])
    member.study.answer(member.study.card("demo", "q4"), Grade.GOOD, 1000)
    folder.rename(tmp_path / "moved")
    old = write(tmp_path / "old" / "demo.md", V1)

    result = member.library.import_paths([old])
    assert [(c.offered_version, c.offered_is) for c in result.conflicts] == [("1.0.0", "older")]
    assert result.removed == 0
    assert active_ids(member) == ["q1", "q2", "q4", "q5"]
    assert "now correctly" in member.study.card("demo", "q1").answer

    chosen = member.library.use_source(result.conflicts[0])  # an explicit choice may downgrade
    assert chosen.details() == ["demo 1.1.0 -> 1.0.0: updated, 1 new, 1 changed, 2 removed"]


def test_the_same_bank_from_its_owners_own_bundle_is_unchanged(
    services: Services, tmp_path: Path
) -> None:
    services.library.import_paths([write(tmp_path / "mine" / "demo.md", V1)])
    bundle = export(services, tmp_path / "demo.zip")
    result = services.library.import_paths([bundle])
    assert (result.conflicts, result.problems, result.changes) == ([], [], [])
    assert result.files_unchanged == 1
    assert "unchanged" in result.summary()


def test_the_study_group_flow_end_to_end(
    services: Services, member: Services, tmp_path: Path
) -> None:
    maintainer = services
    repo = tmp_path / "repo"
    source = write(repo / "demo.md", V1)
    maintainer.library.import_paths([repo])
    v1 = export(maintainer, tmp_path / "banks-v1.zip")

    joined = member.library.import_paths([v1])
    assert joined.details() == ["demo 1.0.0: installed, 3 new, 0 changed, 0 removed"]
    for who in (maintainer, member):
        for qid in ("q1", "q3"):
            who.study.answer(who.study.card("demo", qid), Grade.GOOD, 1000)
    progress = {
        (id(who), qid): who.study.card("demo", qid).state
        for who in (maintainer, member)
        for qid in ("q1", "q3")
    }

    write(source, V2)  # the fix to q1, q4 and q5 added, q3 removed
    edited = maintainer.library.import_paths([repo])
    assert edited.details() == ["demo 1.0.0 -> 1.1.0: updated, 2 new, 1 changed, 1 removed"]
    v2 = export(maintainer, tmp_path / "banks-v2.zip")

    own = maintainer.library.import_paths([v2])  # the owner imports their own bundle
    assert (own.changes, own.conflicts, own.problems, own.files_unchanged) == ([], [], [], 1)
    updated = member.library.import_paths([v2])
    assert (updated.conflicts, updated.problems) == ([], [])
    assert updated.details() == ["demo 1.0.0 -> 1.1.0: updated, 2 new, 1 changed, 1 removed"]
    assert updated.question_lines() == [
        "  demo new: q4, q5",
        "  demo changed: q1",
        "  demo removed: q3",
    ]
    for who in (maintainer, member):
        assert active_ids(who) == ["q1", "q2", "q4", "q5"]
        assert {b.id: b.version for b in who.library.banks()}["demo"] == "1.1.0"
        assert "now correctly" in who.study.card("demo", "q1").answer
        assert who.study.card("demo", "q1").state == progress[(id(who), "q1")]
        assert who.study.card("demo", "q1").changed  # marked for a second look

    old = tmp_path / "study-group-banks.zip"  # the old v1, passed around under another name
    shutil.copy(v1, old)
    for who in (maintainer, member):
        offered = who.library.import_paths([old])
        assert [
            (c.installed_version, c.offered_version, c.offered_is) for c in offered.conflicts
        ] == [("1.1.0", "1.0.0", "older")]
        assert offered.changes == []
        assert active_ids(who) == ["q1", "q2", "q4", "q5"]

    repo.rename(tmp_path / "repo-moved")  # the maintainer's source has moved
    offered = maintainer.library.import_paths([old])
    assert [c.offered_is for c in offered.conflicts] == ["older"]
    assert offered.removed == 0 and active_ids(maintainer) == ["q1", "q2", "q4", "q5"]

    # choosing the older bank explicitly brings q3 back: it was retired with its history
    choices = {id(maintainer): offered.conflicts[0]}
    choices[id(member)] = member.library.import_paths([old]).conflicts[0]
    for who in (maintainer, member):
        restored = who.library.use_source(choices[id(who)])
        assert restored.details() == [
            "demo 1.1.0 -> 1.0.0: updated, 0 new, 1 changed, 2 removed, 1 restored"
        ]
        assert who.study.card("demo", "q3").state == progress[(id(who), "q3")]


def test_a_broken_file_in_a_bundle_is_named_inside_the_zip(
    member: Services, tmp_path: Path
) -> None:
    import zipfile

    bundle = tmp_path / "shared.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("rag/demo.md", V1.replace("type: flashcard", "type: flashcrd", 1))
    result = member.library.import_paths([bundle])
    assert [p.path for p in result.problems] == [f"{bundle}/rag/demo.md"]
    assert "unknown question type 'flashcrd'" in result.problems[0].message
