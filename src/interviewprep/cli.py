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

if TYPE_CHECKING:
    from interviewprep.services.library import ImportResult

DATA_DIR_ENV = "INTERVIEWPREP_DATA_DIR"


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

    importer = sub.add_parser("import", parents=[common], help="add or update banks")
    importer.add_argument(
        "paths", nargs="+", metavar="PATH", help="bank files, folders or .zip bundles"
    )

    exporter = sub.add_parser(
        "export", parents=[common], help="write installed banks to a .zip bundle"
    )
    exporter.add_argument("bank_ids", nargs="*", metavar="BANK_ID", help="banks (default: all)")
    exporter.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.zip")

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
    args = _parser().parse_args(argv)
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
    except Exception as err:  # a CLI user gets a message, not a traceback
        from interviewprep.core.errors import UserFacingError

        if isinstance(err, UserFacingError):
            print(f"interviewprep: {err}", file=sys.stderr)
            return 2
        raise
    return 2


def _validate(args: argparse.Namespace) -> int:
    from interviewprep.banks.loader import load_paths

    report = load_paths(args.paths)
    for problem in sorted(report.problems):
        print(problem.github_annotation() if args.format == "github" else str(problem))
    files = len(report.files)
    if report.problems:
        failing = len({p.path for p in report.problems})
        # The problems go to stdout, buffered when it is a pipe: written out first, they
        # never share a line with the summary on a terminal or a log that takes both.
        sys.stdout.flush()
        print(
            f"{len(report.problems)} problem(s) in {failing} of {files} file(s)",
            file=sys.stderr,
        )
        return 1
    print(
        f"ok: {files} file(s), {len(report.banks)} bank(s), "
        f"{report.question_count} question(s), {len(report.profiles)} role profile(s)"
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
        args.file.write_text(scaffold_bank(bank_id, args.role), encoding="utf-8")
        print(f"wrote {args.file}: edit it, then run `interviewprep validate {args.file}`")
        return 0
    from interviewprep.banks.loader import load_paths
    from interviewprep.banks.stats import count_banks, format_counts

    report = load_paths(args.paths)
    for problem in sorted(report.problems):
        print(problem, file=sys.stderr)
    counts = count_banks(bank for _, bank in report.banks)
    if args.json:
        print(json.dumps({role: c.as_dict() for role, c in counts.items()}, indent=2))
    else:
        print(format_counts(counts))
    return 1 if report.problems else 0


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
    for problem in result.problems:
        print(problem)
    for line in result.details():
        print(line)
    for conflict in result.conflicts:
        print(
            f"conflict: bank '{conflict.bank_id}' v{conflict.installed_version} "
            f"({conflict.installed_questions} questions) from {conflict.installed_source} is "
            f"installed; {conflict.offered_source} offers v{conflict.offered_version} "
            f"({conflict.offered_questions} questions). Choose in the app, or remove one."
        )
    print(result.summary())
    return 1 if result.problems else 0


def _merge(into: ImportResult, other: ImportResult) -> None:
    into.changes += other.changes
    into.problems += other.problems
    into.conflicts += other.conflicts
    into.files_seen += other.files_seen
    into.files_unchanged += other.files_unchanged


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

    with open_services(resolve_data_dir(args)) as services:
        bank_ids = args.bank_ids or [b.id for b in services.library.banks()]
        BundleService(services.db).export(bank_ids, args.output)
    print(f"wrote {len(bank_ids)} bank(s) to {args.output}")
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
        count = services.history.export_revlog(args.file)
    print(f"wrote {count} review(s) to {args.file}")
    return 0


def _run_gui(args: argparse.Namespace) -> int:
    from interviewprep.ui.app import run_app

    return run_app(resolve_data_dir(args))


if __name__ == "__main__":
    sys.exit(main())
