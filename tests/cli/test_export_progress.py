"""``netcoach export vcard FILE`` shows a progress bar when standard error is a terminal, and
nothing when it is not; the cards are the same either way."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from netcoach.cli.progress import PROGRESS_FROM_ROWS
from netcoach.exchange.export import PROGRESS_EVERY, export_vcard
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine
from tests.helpers import AWKWARD_PEOPLE, maya

COUNT = PROGRESS_FROM_ROWS + 100


def test_the_progress_is_told_as_cards_are_made(awkward_store: Store) -> None:
    awkward_store.contacts.add_many(maya(name=f"Person {n}") for n in range(PROGRESS_EVERY + 10))
    records = awkward_store.reader.load().records
    calls: list[tuple[int, int]] = []
    text = export_vcard(records, lambda done, total: calls.append((done, total)))
    assert text == export_vcard(records)
    total = len(records)
    assert calls == [(PROGRESS_EVERY, total), (total, total)]


def with_terminal_stderr(args: list[str]) -> tuple[int, str]:
    """Run netcoach with a real terminal as its standard error; (exit status, what the terminal got)."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "netcoach", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=300,
            check=False,
        )
    finally:
        os.close(follower)
    shown = b""
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        shown += data
    os.close(leader)
    return done.returncode, shown.decode()


def test_a_bar_on_a_terminal_and_none_elsewhere(store: Store, netcoach: CommandLine, tmp_path: Path) -> None:
    store.contacts.add_many([*AWKWARD_PEOPLE, *(maya(name=f"Person {n}") for n in range(COUNT))])
    on_terminal, plain = tmp_path / "shown.vcf", tmp_path / "plain.vcf"
    status, shown = with_terminal_stderr(["export", "vcard", str(on_terminal)])
    assert status == 0, shown
    total = COUNT + len(AWKWARD_PEOPLE)
    assert "Writing" in shown and f"[{'-' * 30}]" not in shown
    assert f"[{'#' * 30}] {total:,}/{total:,}" in shown
    assert shown.endswith("\r\x1b[K")  # the bar is cleared when done
    quiet = netcoach("export", "vcard", str(plain))
    assert quiet.returncode == 0, quiet.stderr
    assert "Writing" not in quiet.stderr and quiet.stderr == ""
    assert on_terminal.read_bytes() == plain.read_bytes()
