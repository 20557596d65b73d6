"""`netcoach import` pauses Python's cycle collector while it plans and writes (it walked the heap
of 30,000 new contacts over and over), and only then: it is on again afterwards, even on failure."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from netcoach.cli.commands import import_
from netcoach.cli.main import main
from netcoach.storage.store import Store

CSV = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,,,30 May 2024\n"


@pytest.mark.parametrize("fails", [False, True])
def test_the_collector_is_paused_during_the_import_only(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(CSV)
    seen: list[bool] = []
    original = import_.apply_import

    def watching(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        if fails:
            raise KeyboardInterrupt
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(import_, "apply_import", watching)
    assert gc.isenabled()
    status = main(["import", "linkedin", str(source)])
    assert seen == [False]
    assert gc.isenabled()
    assert status == (130 if fails else 0)
    assert [r.contact.name for r in store.reader.load().records] == ([] if fails else ["Ann Lee"])
