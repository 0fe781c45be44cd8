"""Hostile bank files and bundles: a clear `path:line` message, no crash, no hang, and the
user's progress untouched."""

from __future__ import annotations

import io
import stat
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewprep.core.cards import Grade, Stage
from interviewprep.render.markdown import render_markdown
from interviewprep.services.app import Services
from interviewprep.services.bundles import BundleService
from tests.banktext import bank, write

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"

EXPECTED = {
    "binary.md": ":3: binary file (contains a NUL byte), not markdown",
    "invalid-utf8.md": ":3: invalid UTF-8 (byte 0xe9 at column 11)",
    "billion-laughs.md": ":2: YAML aliases (*name) are not allowed in front matter",
    "python-tags.md": ":2: bad YAML in front matter",
    "deep-nesting.md": ":17: markdown nested deeper than 20 levels",
    "no-front-matter.md": ":1: missing front matter",
    "empty.md": ":1: missing front matter",
    "unclosed-front-matter.md": ":1: front matter is not closed",
}


@pytest.fixture
def studied(services: Services, tmp_path: Path) -> Services:
    """A user with an installed bank and one answered question."""
    services.library.import_paths([write(tmp_path / "mine" / "demo.md", bank(ids=("a", "b")))])
    card = services.study.next_card()
    assert card is not None
    services.study.answer(card, Grade.GOOD, 1000)
    return services


def progress_snapshot(services: Services) -> list[object]:
    return [services.study.card("demo", q).state for q in ("a", "b")]


@pytest.mark.parametrize(("name", "message"), sorted(EXPECTED.items()))
def test_hostile_file_is_rejected_with_its_message(
    studied: Services, name: str, message: str
) -> None:
    before = progress_snapshot(studied)
    result = studied.library.import_paths([HOSTILE / name])
    texts = [str(p) for p in result.problems]
    assert any(message in t for t in texts), texts
    assert all(t.startswith(str((HOSTILE / name).resolve()) + ":") for t in texts), texts
    assert progress_snapshot(studied) == before
    assert result.changes == []


def test_hostile_html_loads_but_renders_harmless(studied: Services) -> None:
    result = studied.library.import_paths([HOSTILE / "script-injection.md"])
    assert result.problems == [] and result.new == 1
    card = studied.study.card("hostile-html", "looks-innocent")
    html = render_markdown(card.prompt).html + render_markdown(card.answer).html
    for bad in ("<script", "onerror", "<iframe", "javascript:", "evil.example", "file:", "<img"):
        assert bad not in html, bad


def zip_with(entries: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return buffer.getvalue()


GOOD = bank("shared", ids=("x", "y")).encode()


@pytest.mark.parametrize(
    ("entries", "links", "message"),
    [
        ({"/etc/evil.md": GOOD}, (), "entry '/etc/evil.md' has an absolute path; refused"),
        ({"../../evil.md": GOOD}, (), "entry '../../evil.md' points outside the bundle"),
        ({"link.md": b"/etc/passwd"}, ("link.md",), "entry 'link.md' is a symbolic link"),
        ({f"f{i}.md": b"x" for i in range(501)}, (), "501 entries, over the limit of 500"),
        ({"bomb.md": b"\0" * (80 * 2**20)}, (), "over the 64 MB limit (a zip bomb?)"),
        ({"run.exe": b"MZ", "ok.md": GOOD}, (), "entry 'run.exe' is not a bank file"),
    ],
)
def test_hostile_bundles_are_refused(
    studied: Services,
    tmp_path: Path,
    entries: dict[str, bytes],
    links: tuple[str, ...],
    message: str,
) -> None:
    before = progress_snapshot(studied)
    path = tmp_path / "bundle.zip"
    path.write_bytes(zip_with(entries, links))
    result = studied.library.import_paths([path])
    texts = [str(p) for p in result.problems]
    assert any(t.startswith(f"{path}:1: ") and message in t for t in texts), texts
    assert progress_snapshot(studied) == before
    assert not (tmp_path.parent / "etc").exists()


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (("shared.md", "shared.md"), "entries 1 and 2 are both named 'shared.md'"),
        (
            ("a/shared.md", "a__shared.md"),
            "entries 'a/shared.md' (1) and 'a__shared.md' (2) would unpack to the same file",
        ),
        (
            ("Shared.md", "shared.md"),
            "entries 'Shared.md' (1) and 'shared.md' (2) would unpack to the same file",
        ),
    ],
)
def test_a_bundle_with_two_entries_of_one_name_is_refused_naming_both(
    studied: Services, tmp_path: Path, names: tuple[str, str], message: str
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is told to write
        archive.writestr(names[0], GOOD)
        archive.writestr(names[1], GOOD.replace(b"What is x?", b"What is evil?"))
    path = tmp_path / "twice.zip"
    path.write_bytes(buffer.getvalue())
    result = studied.library.import_paths([path])
    assert [str(p) for p in result.problems] == [
        f"{path}:1: {message}; one would silently replace the other, so the bundle was refused"
    ]
    assert result.changes == []
    assert "shared" not in [b.id for b in studied.library.banks()]


def test_not_a_zip_and_tampered_manifest(studied: Services, tmp_path: Path) -> None:
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 not really")
    assert "not a readable zip bundle" in str(studied.library.import_paths([fake]).problems[0])

    exported = BundleService(studied.db).export(["demo"], tmp_path / "demo.zip")
    with zipfile.ZipFile(exported) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files["demo.md"] = files["demo.md"].replace(b"What is a?", b"What is evil?")
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(zip_with(files))
    result = studied.library.import_paths([tampered])
    assert any("does not match its checksum" in str(p) for p in result.problems)
    assert result.changes == []


def test_export_then_import_elsewhere_is_byte_for_byte(
    studied: Services, tmp_path: Path, data_dir: Path
) -> None:
    from interviewprep.services.app import build_services

    original = (tmp_path / "mine" / "demo.md").read_bytes()
    bundle = BundleService(studied.db).export(["demo"], tmp_path / "out.zip")
    with zipfile.ZipFile(bundle) as archive:
        assert archive.read("demo.md") == original
    other = build_services(tmp_path / "elsewhere", clock=studied.clock)
    try:
        result = other.library.import_paths([bundle])
        assert result.problems == [] and result.new == 2
        assert BundleService(other.db).bank_model("demo") == BundleService(studied.db).bank_model(
            "demo"
        )
        assert other.study.card("demo", "a").state.stage == Stage.NEW  # progress is not shared
    finally:
        other.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), as_zip=st.booleans())
def test_fuzzed_imports_never_crash_or_touch_progress(
    studied: Services, tmp_path: Path, data: bytes, as_zip: bool
) -> None:
    before = progress_snapshot(studied)
    path = tmp_path / ("fuzz.zip" if as_zip else "fuzz.md")
    path.write_bytes(zip_with({"fuzz.md": data}) if as_zip else data)
    result = studied.library.import_paths([path])
    for problem in result.problems:
        assert problem.line >= 1 and problem.message
    assert progress_snapshot(studied) == before
