"""Planning an import (what would change) and applying it (all or nothing), for the command line and the app.

Both are safe to call from a worker thread: :func:`plan_import` only reads; :func:`apply_import`
writes through :meth:`netcoach.storage.store.Store.apply_batch` under the data folder's lock. A
``progress(stage, done, total)`` callback is called now and then (``stage`` is "reading"
or "writing"); an exception raised from it stops the import with nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netcoach.exchange import google, linkedin, vcard
from netcoach.exchange.common import Parsed, RowNote, decode, read_text
from netcoach.exchange.merge import Candidate, Matcher, Target, build, fill_in
from netcoach.model.contact import Contact
from netcoach.model.text import terminal_safe
from netcoach.storage.contacts import ContactRecord
from netcoach.storage.errors import ConflictError, StoreError, UnfinishedBatch, WriteFailed
from netcoach.storage.store import Store

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage is "reading" (rows checked) or "writing" (files written)."""

KINDS = {
    "linkedin": ("LinkedIn", linkedin.parse, linkedin.SOURCE),
    "vcard": ("vCard", vcard.parse, vcard.SOURCE),
    "google": ("Google Contacts", google.parse, google.SOURCE),
}
"""The formats: kind -> (name shown to the user, parser, the ``source`` given to new contacts)."""


@dataclass(frozen=True)
class Added:
    line: int
    contact: Contact


@dataclass(frozen=True)
class Merged:
    line: int
    contact_id: str | None
    """The stored contact it merges into; ``None`` for a person this same import adds."""
    name: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Unchanged:
    line: int
    contact_id: str | None
    name: str


@dataclass
class ImportPlan:
    """What importing a file would do. Every row of the file is in exactly one of added,
    merged, unchanged and skipped."""

    kind: str
    path: Path
    added: list[Added] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    unchanged: list[Unchanged] = field(default_factory=list)
    skipped: list[RowNote] = field(default_factory=list)
    notes: list[RowNote] = field(default_factory=list)
    """Values left out of rows that were kept (a bad e-mail, a date that is not a date)."""
    file_notes: list[str] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    # What apply_import needs: the validated rows, the changed stored contacts, and the digests seen.
    candidates: list[Candidate] = field(default_factory=list, repr=False)
    updates: dict[str, Contact] = field(default_factory=dict, repr=False)
    expected: dict[str, str] = field(default_factory=dict, repr=False)
    seen: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def format_name(self) -> str:
        return KINDS[self.kind][0]

    @property
    def rows(self) -> int:
        return len(self.added) + len(self.merged) + len(self.unchanged) + len(self.skipped)

    @property
    def writes_anything(self) -> bool:
        return bool(self.added or self.updates)


@dataclass
class ImportResult:
    plan: ImportPlan
    """The plan as carried out (made again if the data changed since it was planned)."""
    added: list[ContactRecord]
    updated: list[ContactRecord]


def _throttled(progress: Progress | None, stage: str, total: int) -> Callable[[int], None]:
    """Call ``progress`` about a hundred times over ``total``, and at the end."""
    if progress is None:
        return lambda done: None
    step = max(1, total // 100)

    def report(done: int) -> None:
        if done % step == 0 or done == total:
            progress(stage, done, total)

    return report


def _done_of_total(report: Callable[[int], None]) -> Callable[[int, int], None]:
    """``report`` as the store's progress callback wants it: (done, total), the total already known."""

    def call(done: int, _total: int) -> None:
        report(done)

    return call


def parse_file(kind: str, path: Path, data: bytes | None = None) -> Parsed:
    """Read and parse the file (or ``data``, its bytes, named by ``path``); :class:`ImportFailed`
    if it cannot be read at all."""
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}: choose from {', '.join(KINDS)}")
    text, file_notes = read_text(path) if data is None else decode(path, data)
    parsed = KINDS[kind][1](path, text)
    parsed.file_notes = file_notes + parsed.file_notes
    return parsed


def plan_import(
    kind: str,
    path: Path,
    records: Iterable[ContactRecord],
    *,
    tags: Sequence[str] = (),
    progress: Progress | None = None,
    data: bytes | None = None,
) -> ImportPlan:
    """Read ``path`` as ``kind`` ("linkedin", "vcard" or "google") and plan its import against ``records``.

    Writes nothing. Raises :class:`ImportFailed` when the file cannot be read at all.
    ``data``, when given, is used as the file's content instead of reading ``path``.
    """
    parsed = parse_file(kind, path, data)
    source = KINDS[kind][2]
    plan = ImportPlan(
        kind=kind,
        path=path,
        skipped=list(parsed.skipped),
        notes=list(parsed.notes),
        file_notes=list(parsed.file_notes),
        tags=tuple(tags),
    )
    report = _throttled(progress, "reading", len(parsed.rows))
    for done, row in enumerate(parsed.rows, start=1):
        candidate, notes = build(row, source=source, tags=tags)
        if candidate is None:
            plan.skipped.append(notes[-1])
            plan.notes += notes[:-1]
        else:
            plan.candidates.append(candidate)
            plan.notes += notes
        report(done)
    plan.skipped.sort(key=lambda note: note.line)
    plan.notes.sort(key=lambda note: note.line)
    return _match(plan, records)


def _match(plan: ImportPlan, records: Iterable[ContactRecord]) -> ImportPlan:
    """Fill in added / merged / unchanged from the plan's candidates, against ``records``."""
    records = list(records)
    plan.seen = {r.id: r.digest for r in records}
    plan.added, plan.merged, plan.unchanged, plan.updates, plan.expected = [], [], [], {}, {}
    matcher = Matcher(records)
    new_targets: list[Target] = []
    for candidate in plan.candidates:
        target = matcher.find(candidate.contact)
        if target is None:
            new_targets.append(matcher.add(Target(candidate.contact, line=candidate.line)))
            continue
        merged, changes = fill_in(target.contact, candidate)
        if changes:
            target.contact = merged
            target.changed = True
            matcher.index(target)
            plan.merged.append(Merged(candidate.line, target.id, merged.name, tuple(changes)))
        else:
            plan.unchanged.append(Unchanged(candidate.line, target.id, target.contact.name))
    plan.added = [Added(t.line or 0, t.contact) for t in new_targets]
    for target in matcher.targets:
        if target.id is not None and target.changed:
            plan.updates[target.id] = target.contact
            plan.expected[target.id] = target.digest or ""
    return plan


def apply_import(store: Store, plan: ImportPlan, *, progress: Progress | None = None) -> ImportResult:
    """Carry out ``plan`` on ``store``, all or nothing on disk.

    If the data changed since the plan was made (the app or another netcoach saved a
    contact), the plan is made again against the data as it is now, so nothing the user
    entered meanwhile is overwritten; :attr:`ImportResult.plan` is the plan carried out.
    Raises :class:`~netcoach.storage.store.StoreError` (worded for the user) when it cannot write:
    the data folder is busy, keeps changing, or the disk refuses.
    """
    known = set(plan.seen)
    conflict = ConflictError(None)
    for attempt in range(3):
        if attempt:  # the data changed since the plan was made: plan again against it
            loaded = store.reader.load()
            plan = _match(plan, loaded.records)
            known = set(plan.seen) | {
                p.path.stem for p in loaded.problems if p.path.parent == store.folder.contacts_dir
            }
        if not plan.writes_anything:
            return ImportResult(plan, [], [])
        total = len(plan.added) + len(plan.updates)
        report = _throttled(progress, "writing", total)
        try:
            added, updated = store.batches.apply(
                [a.contact for a in plan.added],
                plan.updates,
                expected=plan.expected,
                known=known,
                trusted=True,  # every contact in a plan was made by Contact.model_validate
                progress=_done_of_total(report),
                note=f"Imported {plan.path.name} ({plan.format_name}): "
                f"{len(plan.added):,} added, {len(plan.merged):,} merged",
            )
        except ConflictError as error:
            conflict = error
            continue
        except (WriteFailed, UnfinishedBatch, OSError) as error:  # a full disk, a folder turned read-only
            if isinstance(error, OSError):
                error = WriteFailed(store.folder.batch_dir, error.strerror or str(error))
            if store.folder.batch_committed():
                raise StoreError(
                    f"the import stopped half-way ({error}); it will be finished the next time netcoach starts"
                ) from None
            raise StoreError(f"{error}; nothing was imported") from None
        return ImportResult(plan, added, updated)
    raise ConflictError(
        conflict.current,
        f"{conflict} (the data kept changing while importing); nothing was imported, and running the same"
        " import again is safe",
    )


def format_summary(plan: ImportPlan, *, dry_run: bool = False, limit: int = 20) -> list[str]:
    """The summary as plain lines of text (never markup), fit for a terminal: counts, then each skipped row and note."""
    rows = plan.rows
    head = f"{'Would import' if dry_run else 'Imported'} {plan.path.name} ({plan.format_name}): "
    head += f"{rows:,} {'row' if rows == 1 else 'rows'}."
    lines = [
        head,
        f"  {len(plan.added):,} added, {len(plan.merged):,} merged, "
        f"{len(plan.unchanged):,} unchanged, {len(plan.skipped):,} skipped.",
    ]
    for note in plan.file_notes:
        lines.append(f"  Note: {note}.")
    if plan.merged:
        lines.append("Merged into people you already had:" if not dry_run else "Would merge:")
        for merged in plan.merged[:limit]:
            lines.append(f"  line {merged.line}: {merged.name}: added {', '.join(merged.changes)}")
        if len(plan.merged) > limit:
            lines.append(f"  … and {len(plan.merged) - limit:,} more")
    if plan.skipped:
        lines.append("Skipped:")
        lines += [f"  {note}" for note in plan.skipped]
    if plan.notes:
        lines.append("Left out of rows that were kept:")
        lines += [f"  {note}" for note in plan.notes[: limit * 5]]
        if len(plan.notes) > limit * 5:
            lines.append(f"  … and {len(plan.notes) - limit * 5:,} more")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    elif plan.added:
        lines.append("New people have no interactions yet, so none of them is due.")
    return [terminal_safe(line) for line in lines]  # the file's name and the values quoted from it


def imported_never_contacted(contact: Contact) -> bool:
    """True for someone brought in by an import whom you have not contacted since (for a reconnect list)."""
    return contact.source.endswith(" import") and contact.last_interaction() is None
