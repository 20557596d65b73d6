"""``netcoach export KIND FILE``: everyone out, as vCard, CSV or JSON (``-`` for standard output).

vCard and JSON are made from the index's JSON copy of each contact (no model of anyone, as
``contacts --json``; a file changed since it was indexed is read again); CSV from the contacts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netcoach.cli.context import Context, UsageError, report_problems
from netcoach.cli.output import raw_stream
from netcoach.cli.progress import ProgressBar
from netcoach.exchange.export import (
    EXPORTERS,
    FROM_COPIES,
    ExportError,
    Progress,
    check_destination,
    copies_text,
    copies_to_file,
    export_text,
    export_to_file,
)
from netcoach.model.problem import Problem
from netcoach.storage.listing import Listing


def run(ctx: Context, args: argparse.Namespace) -> int:
    name = EXPORTERS[args.kind][0]
    problems: list[Problem]
    if args.file == "-":
        if args.kind in FROM_COPIES:
            listing = Listing(ctx.store.reader)
            ctx.out.write(copies_text(args.kind, list(listing.copies())))
            problems = listing.problems
        else:
            loaded = ctx.store.reader.load()
            ctx.out.write(export_text(args.kind, loaded.records))
            problems = loaded.problems
        ctx.out.flush()
    else:
        bar = ProgressBar(raw_stream(sys.stderr), enabled=sys.stderr.isatty())  # a terminal only
        try:
            count, problems = _to_file(ctx, args.kind, Path(args.file), lambda done, total: bar("writing", done, total))
        except ExportError as error:
            raise UsageError(str(error)) from None
        finally:
            bar.clear()
        noun = "person" if count == 1 else "people"
        print(f"Exported {count:,} {noun} to {args.file} ({name}).", file=ctx.out)
    if problems:
        count = len(problems)
        noun = "file" if count == 1 else "files"
        them = "it is" if count == 1 else "they are"
        print(f"netcoach: {count} contact {noun} could not be read, so {them} not in the export", file=sys.stderr)
    report_problems(ctx.problems)
    return 0


def _to_file(ctx: Context, kind: str, path: Path, progress: Progress) -> tuple[int, list[Problem]]:
    """Write the export (the destination checked first); (how many people, the files that did not load)."""
    if kind in FROM_COPIES:
        check_destination(path, ctx.store.root)  # before reading everyone
        listing = Listing(ctx.store.reader)
        return copies_to_file(kind, listing.copies(), path, ctx.store.root, progress), listing.problems
    loaded = ctx.store.reader.load()
    return export_to_file(kind, loaded.records, path, ctx.store.root, progress), loaded.problems
