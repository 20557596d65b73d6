"""Importing from the app ("import: LinkedIn" in the palette): which file, what would happen, then all or nothing."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.model.problem import FileProblem
from netcoach.storage.errors import StoreError
from netcoach.tui.messages import WriteFailed

if TYPE_CHECKING:
    from netcoach.exchange.plan import ImportPlan
    from netcoach.tui.app import NetcoachApp


class ImportFlow:
    """One import at a time, for the app: the files are read and written off the UI thread."""

    def __init__(self, app: NetcoachApp) -> None:
        self.app = app

    def ask(self, kind: str) -> None:
        """Ask which file to import (``kind``: linkedin, vcard, google), then show what would happen."""
        from netcoach.tui.dialogs.import_path import ImportPathModal

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.notify(f"Reading {path.name}…", markup=False, timeout=3)
                self.app.run_worker(partial(self._plan, kind, path), thread=True, exclusive=True, group="import")

        self.app.push_screen(ImportPathModal(kind), chosen)

    def _plan(self, kind: str, path: Path) -> None:
        from netcoach.exchange.common import ImportFailed
        from netcoach.exchange.plan import plan_import

        store = self.app.store
        try:
            plan = plan_import(kind, path, store.reader.load().records)  # merging compares with everyone, whole
        except (ImportFailed, StoreError, OSError) as error:
            self.app.post_message(WriteFailed(str(error)))
            return
        self.app.call_from_thread(self._preview, plan)

    def _preview(self, plan: ImportPlan) -> None:
        from netcoach.tui.dialogs.import_preview import ImportPreviewModal

        def decided(go: bool | None) -> None:
            if go:
                self.app.run_worker(partial(self._carry_out, plan), thread=True, exclusive=True, group="import")

        self.app.push_screen(ImportPreviewModal(plan), decided)

    def _carry_out(self, plan: ImportPlan) -> None:
        from netcoach.exchange.plan import apply_import

        try:
            result = apply_import(self.app.store, plan)
        except (StoreError, FileProblem) as error:
            self.app.post_message(WriteFailed(f"Nothing was imported: {error}"))
            return
        done = result.plan
        self.app.call_from_thread(
            self.app.notify,
            f"Imported {done.path.name}: {len(done.added):,} added, {len(done.merged):,} merged, "
            f"{len(done.unchanged):,} unchanged, {len(done.skipped):,} skipped. New people are not due until you "
            "log something; Contacts > f shows those never contacted.",
            title="Import done",
            markup=False,
            timeout=12,
        )
        self.app.call_from_thread(self.app.loader.load)
