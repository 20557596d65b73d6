"""``netcoach import`` and ``netcoach export``: bringing people in and taking them out.

Imports only what it needs when a command runs, so ``netcoach due`` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

IMPORT_KINDS = ("linkedin", "vcard", "google")
EXPORT_KINDS = ("vcard", "csv", "json")
PROGRESS_FROM_ROWS = 500


class ProgressBar:
    """A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_FROM_ROWS:
            return
        filled = self.WIDTH * done // max(total, 1)
        word = "Checking" if stage == "reading" else "Writing "
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{word} [{bar}] {done:,}/{total:,}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def cmd_import(ctx: Any, args: argparse.Namespace) -> int:
    from netcoach.cli import report_problems
    from netcoach.importers import ImportFailed, apply_import, format_summary, plan_import

    path = Path(args.file).expanduser()
    bar = ProgressBar(sys.stderr, enabled=sys.stderr.isatty())
    loaded = ctx.store.load()
    try:
        plan = plan_import(args.kind, path, loaded.records, tags=args.tag or [], progress=bar)
        if not args.dry_run:
            plan = apply_import(ctx.store, plan, progress=bar).plan
    except ImportFailed as error:
        print(f"netcoach: {error} (nothing was imported)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        bar.clear()
        print(
            "netcoach: stopped. Nothing was half-written; run the same import again to be sure everyone is in.",
            file=sys.stderr,
        )
        return 130
    finally:
        bar.clear()
    for line in format_summary(plan, dry_run=args.dry_run):
        print(line, file=ctx.out)
    if loaded.problems:
        print(
            "netcoach: some contact files could not be read, so people in them may have been added again",
            file=sys.stderr,
        )
    report_problems(ctx, loaded.problems + ctx.problems)
    kept = plan.rows - len(plan.skipped)
    if plan.rows and not kept:
        return 1  # every row was skipped: nothing in the file could be used
    return 0


def cmd_export(ctx: Any, args: argparse.Namespace) -> int:
    from netcoach.cli import UsageError, report_problems
    from netcoach.exporters import EXPORTERS, ExportError, export_text, export_to_file

    loaded = ctx.store.load()
    name = EXPORTERS[args.kind][0]
    if args.file == "-":
        ctx.out.write(export_text(args.kind, loaded.records))
        ctx.out.flush()
    else:
        try:
            count = export_to_file(args.kind, loaded.records, Path(args.file), ctx.store.root)
        except ExportError as error:
            raise UsageError(str(error)) from None
        noun = "person" if count == 1 else "people"
        print(f"Exported {count:,} {noun} to {args.file} ({name}).", file=ctx.out)
    if loaded.problems:
        count = len(loaded.problems)
        noun = "file" if count == 1 else "files"
        them = "it is" if count == 1 else "they are"
        print(f"netcoach: {count} contact {noun} could not be read, so {them} not in the export", file=sys.stderr)
    report_problems(ctx, ctx.problems)
    return 0


def register(command: Any) -> None:
    imp = command(
        "import",
        "bring people in from LinkedIn (Connections.csv), a vCard file (.vcf) or Google Contacts (CSV)",
        cmd_import,
    )
    imp.add_argument("kind", metavar="KIND", choices=IMPORT_KINDS, help="one of: " + ", ".join(IMPORT_KINDS))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    imp.add_argument("--tag", action="append", metavar="TAG", help="tag everyone in the file (repeatable)")

    exp = command("export", "take everyone out as vCard 3.0, CSV or JSON", cmd_export)
    exp.add_argument("kind", metavar="KIND", choices=EXPORT_KINDS, help="one of: " + ", ".join(EXPORT_KINDS))
    exp.add_argument("file", metavar="FILE", help="where to write; - for standard output")
