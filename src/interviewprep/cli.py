"""Command-line entry: `interviewprep` opens the app; subcommands validate, import and report."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep import __version__
from interviewprep.wording import count

if TYPE_CHECKING:
    from interviewprep.services.app import Services
    from interviewprep.services.library import ImportResult

DATA_DIR_ENV = "INTERVIEWPREP_DATA_DIR"
EXPORT_FORMATS = ("zip", "apkg", "csv")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder holding the progress database (default: ${DATA_DIR_ENV} or the "
        "platform user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="interviewprep",
        description="Spaced-repetition practice for AI engineering interviews. "
        "With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"interviewprep {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser(
        "validate", parents=[common], help="check bank files; print every problem as path:line"
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="bank files or folders")
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints problems as GitHub Actions annotations",
    )
    validate.add_argument(
        "--bundled",
        action="store_true",
        help="also apply the rules for banks shipped with the app (every flashcard has key points)",
    )

    importer = sub.add_parser("import", parents=[common], help="add or update banks")
    importer.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="bank files, folders, .zip bundles, Anki decks (.apkg) or CSV files",
    )
    choice = importer.add_mutually_exclusive_group()
    choice.add_argument(
        "--use-offered",
        action="store_true",
        help="where a file offers a bank installed from elsewhere, use the file's version "
        "(even an older one)",
    )
    choice.add_argument(
        "--keep-installed",
        action="store_true",
        help="where a file offers a bank installed from elsewhere, keep the installed one",
    )

    exporter = sub.add_parser(
        "export",
        parents=[common],
        help="write installed banks to a .zip bundle, an Anki deck or a CSV file",
    )
    exporter.add_argument(
        "bank_ids",
        nargs="*",
        metavar="BANK_ID",
        help="banks (default: all); 'csv' first is short for --format csv",
    )
    exporter.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="zip: a bundle for interviewprep (default); apkg: an Anki deck; csv: a spreadsheet",
    )
    exporter.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")

    stats = sub.add_parser("stats", parents=[common], help="progress per role and topic")
    stats.add_argument("--json", action="store_true", help="print JSON")

    reviews = sub.add_parser("reviews", parents=[common], help="your review history")
    reviews_sub = reviews.add_subparsers(
        dest="reviews_command", metavar="REVIEWS_COMMAND", required=True
    )
    export = reviews_sub.add_parser(
        "export",
        parents=[common],
        help="write every review as CSV: card_id, review_time, review_rating, review_duration",
    )
    export.add_argument("file", type=Path, metavar="FILE")

    backup = sub.add_parser("backup", parents=[common], help="back up or restore your progress")
    backup_sub = backup.add_subparsers(
        dest="backup_command", metavar="BACKUP_COMMAND", required=True
    )
    backup_sub.add_parser("list", parents=[common], help="backups, newest first")
    backup_sub.add_parser("create", parents=[common], help="back up now")
    restore = backup_sub.add_parser(
        "restore", parents=[common], help="restore a backup (the current state is backed up first)"
    )
    restore.add_argument("file", type=Path, metavar="BACKUP", help="a file from `backup list`")

    sub.add_parser(
        "check",
        parents=[common],
        help="check the progress database in full (SQLite's integrity_check)",
    )

    bank = sub.add_parser("bank", parents=[common], help="bank format tools")
    bank_sub = bank.add_subparsers(dest="bank_command", metavar="BANK_COMMAND", required=True)
    bank_sub.add_parser("schema", parents=[common], help="print the JSON Schema of bank files")
    new_bank = bank_sub.add_parser(
        "new", parents=[common], help="write a new bank file with a valid example to edit"
    )
    new_bank.add_argument("file", type=Path, metavar="FILE.md")
    new_bank.add_argument("--id", dest="bank_id", help="bank id (default: from the file name)")
    new_bank.add_argument("--role", default="agent-engineer", help="role the bank serves")
    bank_stats = bank_sub.add_parser(
        "stats", parents=[common], help="count questions by role, type, topic and difficulty"
    )
    bank_stats.add_argument("paths", nargs="+", metavar="PATH")
    bank_stats.add_argument("--json", action="store_true", help="print JSON")
    return parser


def resolve_data_dir(args: argparse.Namespace) -> Path:
    from interviewprep.services.paths import default_data_dir

    explicit = getattr(args, "data_dir", None) or os.environ.get(DATA_DIR_ENV)
    return Path(explicit).expanduser() if explicit else default_data_dir()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command == "export" and not any(e.startswith("-") for e in extra):
        # argparse gives an optional's trailing positionals (`export -o F BANK`) back unparsed
        args.bank_ids += extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.command is None:
            return _run_gui(args)
        if args.command == "validate":
            return _validate(args)
        if args.command == "bank":
            return _bank(args)
        if args.command == "import":
            return _import(args)
        if args.command == "stats":
            return _stats(args)
        if args.command == "reviews":
            return _reviews(args)
        if args.command == "export":
            return _export(args)
        if args.command == "backup":
            return _backup(args)
        if args.command == "check":
            return _check(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`interviewprep bank stats | head`): stop quietly, as Unix
        # tools do; stdout is pointed at devnull so the flush at exit does not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as err:  # a CLI user gets a message, not a traceback
        from interviewprep.core.errors import UserFacingError

        if isinstance(err, UserFacingError):
            print(f"interviewprep: {err}", file=sys.stderr)
            return 2
        raise
    return 2


def _validate(args: argparse.Namespace) -> int:
    from interviewprep.banks.loader import load_paths
    from interviewprep.banks.near_duplicates import near_duplicate_problems

    report = load_paths(args.paths)
    report.problems.extend(near_duplicate_problems(report.files))
    if args.bundled:
        from interviewprep.banks.bundled_rules import missing_key_points

        report.problems.extend(missing_key_points(report.files))
    for problem in sorted(report.problems):
        print(problem.github_annotation() if args.format == "github" else str(problem))
    files = len(report.files)
    if report.problems:
        failing = len({p.path for p in report.problems})
        # The problems go to stdout, buffered when it is a pipe: written out first, they
        # never share a line with the summary on a terminal or a log that takes both.
        sys.stdout.flush()
        print(
            f"{count(len(report.problems), 'problem')} in {failing} of {count(files, 'file')}",
            file=sys.stderr,
        )
        return 1
    print(
        f"ok: {count(files, 'file')}, {count(len(report.banks), 'bank')}, "
        f"{count(report.question_count, 'question')}, "
        f"{count(len(report.profiles), 'role profile')}"
    )
    return 0


def _bank(args: argparse.Namespace) -> int:
    if args.bank_command == "schema":
        from interviewprep.banks.schema import bank_schema_json

        print(bank_schema_json())
        return 0
    if args.bank_command == "new":
        from interviewprep.banks.scaffold import scaffold_bank

        if args.file.exists():
            print(f"interviewprep: {args.file} exists; not overwritten", file=sys.stderr)
            return 1
        bank_id = args.bank_id or args.file.stem.lower().replace("_", "-")
        problem = _new_bank_problem(args.file, bank_id, args.role, from_name=not args.bank_id)
        if problem:
            print(f"interviewprep: {problem}", file=sys.stderr)
            return 2
        args.file.write_text(scaffold_bank(bank_id, args.role), encoding="utf-8")
        print(f"wrote {args.file}: edit it, then run `interviewprep validate {args.file}`")
        return 0
    from interviewprep.banks.loader import load_paths
    from interviewprep.banks.stats import count_banks, format_counts

    report = load_paths(args.paths)
    for found in sorted(report.problems):
        print(found, file=sys.stderr)
    counts = count_banks(bank for _, bank in report.banks)
    if args.json:
        print(json.dumps({role: c.as_dict() for role, c in counts.items()}, indent=2))
    else:
        print(format_counts(counts))
    return 1 if report.problems else 0


def _new_bank_problem(file: Path, bank_id: str, role: str, *, from_name: bool) -> str | None:
    """Why `bank new` would write a file that does not validate, or None."""
    import re

    from interviewprep.banks.loader import profiles_beside
    from interviewprep.banks.models import BUILTIN_ROLES
    from interviewprep.banks.validation_messages import did_you_mean
    from interviewprep.services.interop import slug

    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", bank_id):
        rule = (
            "an id is lower-case letters, digits and '-' (for example "
            f"'{slug(bank_id, 'my-bank')}')"
        )
        if from_name:
            return (
                f"the file name '{file.name}' makes the bank id '{bank_id}', which is not "
                f"valid: {rule}; pass --id or rename the file"
            )
        return f"'{bank_id}' is not a valid bank id: {rule}"
    roles = set(BUILTIN_ROLES) | {p.role for p in profiles_beside([file], [])}
    if role not in roles:
        return (
            f"unknown role '{role}'{did_you_mean(role, roles)}; built-in roles are "
            f"{', '.join(BUILTIN_ROLES)}, and a role.md profile beside the bank can declare "
            "another"
        )
    return None


def _import(args: argparse.Namespace) -> int:
    from interviewprep.services.app import open_services

    paths = [Path(p) for p in args.paths]
    with open_services(resolve_data_dir(args)) as services:
        result = services.library.import_paths(
            [p for p in paths if p.suffix.lower() not in (".apkg", ".csv")]
        )
        for path in paths:
            # Anki decks and CSV files become banks of their own (CSV: question, answer, tags)
            if path.suffix.lower() == ".apkg":
                _merge(result, services.interop.import_apkg(path))
            elif path.suffix.lower() == ".csv":
                from interviewprep.services.interop import ColumnMapping

                _merge(result, services.interop.import_csv(path, ColumnMapping()))
        decided = _decide(args, services, result)
    for problem in result.problems:
        print(problem)
    for line in [*result.details(), *result.question_lines(), *result.notes]:
        print(line)
    for conflict in result.conflicts:
        print(
            f"conflict: {conflict.describe()}. Run again with --use-offered or "
            "--keep-installed, or choose in the app."
        )
    for line in decided:
        print(line)
    print(result.summary())
    return 1 if result.problems or result.conflicts else 0


def _decide(args: argparse.Namespace, services: Services, result: ImportResult) -> list[str]:
    """Settle the import's clashes as the user asked on the command line."""
    lines: list[str] = []
    if not (args.use_offered or args.keep_installed):
        return lines
    conflicts, result.conflicts = result.conflicts, []
    offered = {c.offered_source for c in conflicts}
    result.problems = [
        p
        for p in result.problems
        if not (p.path in offered and "is already installed from" in p.message)
    ]
    for conflict in conflicts:
        if args.keep_installed:
            services.library.keep_installed(conflict)
            lines.append(
                f"kept bank '{conflict.bank_id}' v{conflict.installed_version}; "
                f"{conflict.offered_source} (v{conflict.offered_version}) is not used"
            )
            continue
        chosen = services.library.use_source(conflict)
        result.problems += chosen.problems
        lines += [
            f"used {conflict.offered_source} ({conflict.offered_is}): {line}"
            for line in chosen.details()
        ]
        lines += chosen.question_lines()
        if not chosen.details() and not chosen.problems:
            lines.append(f"used {conflict.offered_source}: bank '{conflict.bank_id}' unchanged")
    return lines


def _merge(into: ImportResult, other: ImportResult) -> None:
    into.changes += other.changes
    into.problems += other.problems
    into.conflicts += other.conflicts
    into.files_seen += other.files_seen
    into.files_unchanged += other.files_unchanged
    into.notes += other.notes


def _stats(args: argparse.Namespace) -> int:
    from interviewprep.services.app import open_services

    with open_services(resolve_data_dir(args)) as services:
        report = services.stats.overview()
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(report.as_text())
    return 0


def _export(args: argparse.Namespace) -> int:
    from interviewprep.services.app import open_services
    from interviewprep.services.bundles import BundleService

    requested = list(args.bank_ids)
    fmt = args.format
    if requested and requested[0] in EXPORT_FORMATS and fmt in (None, requested[0]):
        fmt = requested.pop(0)  # `export csv -o FILE`: the format as a word
    fmt = fmt or "zip"
    with open_services(resolve_data_dir(args)) as services:
        installed = [b.id for b in services.library.banks()]
        unknown = [b for b in requested if b not in installed]
        if unknown:
            print(
                f"interviewprep: no installed bank has the id {', '.join(map(repr, unknown))}",
                file=sys.stderr,
            )
            return 2
        bank_ids = requested or installed
        if fmt == "zip":
            BundleService(services.db).export(bank_ids, args.output)
            what = f"{count(len(bank_ids), 'bank')}"
        elif fmt == "apkg":
            notes = services.interop.export_apkg(bank_ids, args.output)
            what = f"{count(notes, 'note')} from {count(len(bank_ids), 'bank')}"
        else:
            rows = services.interop.export_csv(bank_ids, args.output)
            what = f"{count(rows, 'row')} from {count(len(bank_ids), 'bank')}"
    print(f"wrote {what} to {args.output}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from interviewprep.services.app import open_services

    with open_services(resolve_data_dir(args)) as services:
        if args.backup_command == "create":
            print(f"backed up to {services.backup.backup_now()}")
        elif args.backup_command == "list":
            found = services.backup.backups()
            for info in found:
                print(f"{info.modified:%Y-%m-%d %H:%M}  {info.size / 1024:8.0f} KiB  {info.path}")
            if not found:
                print(f"no backups yet in {services.backup.folder}")
        else:
            restored = services.backup.restore(args.file)
            print(
                f"restored {restored.source}; the state before it is saved as "
                f"{restored.safety_backup}"
            )
    return 0


def _check(args: argparse.Namespace) -> int:
    from interviewprep.services.app import open_services

    with open_services(resolve_data_dir(args)) as services:
        result = services.integrity.check(full=True)
        if result.ok:
            print(result.summary())
            return 0
        print(f"{services.db.path}: {result.summary()}")
        for problem in result.problems:
            print(f"  {problem}")
        good = services.integrity.newest_good_backup()
    if good is None:
        print("No backup passes its check. Move the database away to start afresh.")
    else:
        print(f"Restore the newest good backup with: interviewprep backup restore {good.path}")
    return 1


def _reviews(args: argparse.Namespace) -> int:
    from interviewprep.services.app import open_services

    with open_services(resolve_data_dir(args)) as services:
        written = services.history.export_revlog(args.file)
    print(f"wrote {count(written, 'review')} to {args.file}")
    return 0


def _run_gui(args: argparse.Namespace) -> int:
    from interviewprep.ui.app import run_app

    return run_app(resolve_data_dir(args))


if __name__ == "__main__":
    sys.exit(main())
