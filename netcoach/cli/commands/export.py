"""``netcoach export KIND FILE``: everyone out, as vCard, CSV or JSON (``-`` for standard output)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netcoach.cli.context import Context, UsageError, report_problems
from netcoach.cli.output import raw_stream
from netcoach.cli.progress import ProgressBar
from netcoach.exchange.export import EXPORTERS, ExportError, export_text, export_to_file


def run(ctx: Context, args: argparse.Namespace) -> int:
    loaded = ctx.store.reader.load()
    name = EXPORTERS[args.kind][0]
    if args.file == "-":
        ctx.out.write(export_text(args.kind, loaded.records))
        ctx.out.flush()
    else:
        bar = ProgressBar(raw_stream(sys.stderr), enabled=sys.stderr.isatty())  # a terminal only
        try:
            count = export_to_file(
                args.kind,
                loaded.records,
                Path(args.file),
                ctx.store.root,
                lambda done, total: bar("writing", done, total),
            )
        except ExportError as error:
            raise UsageError(str(error)) from None
        finally:
            bar.clear()
        noun = "person" if count == 1 else "people"
        print(f"Exported {count:,} {noun} to {args.file} ({name}).", file=ctx.out)
    if loaded.problems:
        count = len(loaded.problems)
        noun = "file" if count == 1 else "files"
        them = "it is" if count == 1 else "they are"
        print(f"netcoach: {count} contact {noun} could not be read, so {them} not in the export", file=sys.stderr)
    report_problems(ctx.problems)
    return 0
