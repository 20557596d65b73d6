"""Bringing people in: LinkedIn ``Connections.csv``, vCard files, and Google Contacts CSV.

For the command line and the app (from a worker thread)::

    plan = plan_import("linkedin", path, store.load().records, tags=["conference"], progress=cb)
    print("\\n".join(format_summary(plan, dry_run=True)))
    result = apply_import(store, plan, progress=cb)      # all or nothing on disk
"""

from netcoach.importers.common import ImportFailed, RowNote
from netcoach.importers.plan import (
    KINDS,
    Added,
    ImportPlan,
    ImportResult,
    Merged,
    Progress,
    Unchanged,
    apply_import,
    format_summary,
    imported_never_contacted,
    parse_file,
    plan_import,
)

__all__ = [
    "KINDS",
    "Added",
    "ImportFailed",
    "ImportPlan",
    "ImportResult",
    "Merged",
    "Progress",
    "RowNote",
    "Unchanged",
    "apply_import",
    "format_summary",
    "imported_never_contacted",
    "parse_file",
    "plan_import",
]
