"""``netcoach import`` as a person runs it: the summary, --dry-run, clear failures, the progress bar."""

from __future__ import annotations

import io
import os
import pty
import threading
from pathlib import Path

from netcoach.cli.progress import ProgressBar
from netcoach.model.contact import Contact
from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine
from tests.helpers import FIXTURES, snapshot

IMPORTS = FIXTURES / "import"


def test_import_prints_the_summary(store: Store, netcoach: CommandLine) -> None:
    done = netcoach("import", "linkedin", str(IMPORTS / "linkedin_current.csv"), "--tag", "linkedin")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Imported linkedin_current.csv (LinkedIn): 10 rows."
    assert lines[1] == "  9 added, 0 merged, 0 unchanged, 1 skipped."
    assert "  line 8: no name, only a date" in lines
    assert "  line 13: left out the e-mail “not-an-email”: not a valid e-mail address" in lines
    assert done.stderr == ""  # no progress bar when stderr is not a terminal
    records = store.reader.load().records
    assert len(records) == 9 and all(r.contact.tags == ["linkedin"] for r in records)
    again = netcoach("import", "linkedin", str(IMPORTS / "linkedin_current.csv"), "--tag", "linkedin")
    assert again.stdout.splitlines()[1] == "  0 added, 0 merged, 9 unchanged, 1 skipped."


def test_dry_run_prints_the_same_summary_and_writes_nothing(store: Store, netcoach: CommandLine) -> None:
    store.contacts.add(Contact(name="Maya Chen"))
    store.reader.load()
    before = snapshot(store.root)
    done = netcoach("import", "linkedin", str(IMPORTS / "linkedin_current.csv"), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [
        "Would import linkedin_current.csv (LinkedIn): 10 rows.",
        "  8 added, 1 merged, 0 unchanged, 1 skipped.",
    ]
    assert "  line 5: Maya Chen: added company, role, LinkedIn page, date connected" in done.stdout
    assert done.stdout.rstrip().endswith("Dry run: nothing was written.")
    assert snapshot(store.root) == before


def test_unreadable_file_one_clear_message_nothing_written(store: Store, netcoach: CommandLine) -> None:
    store.contacts.add(Contact(name="Maya Chen"))
    before = snapshot(store.root)
    for kind, name, line in [
        ("linkedin", "contacts_v3.vcf", 1),
        ("linkedin", "linkedin_undecodable.csv", 3),
        ("vcard", "linkedin_old.csv", 1),
        ("google", "contacts_v4.vcf", 1),
    ]:
        done = netcoach("import", kind, str(IMPORTS / name))
        assert done.returncode == 1
        assert done.stdout == ""
        message = done.stderr.strip()
        assert "\n" not in message and "Traceback" not in message
        assert message.startswith(f"netcoach: {IMPORTS / name}:{line}: ")
        assert message.endswith("(nothing was imported)")
    assert snapshot(store.root) == before


def test_missing_file_and_unknown_kind(store: Store, netcoach: CommandLine) -> None:
    done = netcoach("import", "linkedin", "no-such.csv")
    assert (done.returncode, done.stderr.strip()) == (1, "netcoach: no-such.csv: no such file (nothing was imported)")
    done = netcoach("import", "outlook", "x.csv")
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_a_file_where_every_row_is_skipped_exits_1(store: Store, tmp_path: Path, netcoach: CommandLine) -> None:
    source = tmp_path / "c.csv"
    atomic_write(source, "First Name,Last Name,Connected On\n,,30 May 2024\n,,1 Jun 2024\n")
    done = netcoach("import", "linkedin", str(source))
    assert done.returncode == 1
    assert "0 added, 0 merged, 0 unchanged, 2 skipped." in done.stdout


def test_progress_bar_on_a_terminal(store: Store, tmp_path: Path, netcoach: CommandLine) -> None:
    rows = "".join(f"Person,{i},,,Acme,,30 May 2024\n" for i in range(600))
    source = tmp_path / "c.csv"
    atomic_write(source, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows)
    leader, follower = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    done = netcoach("import", "linkedin", str(source), stderr=follower)
    os.close(follower)
    reader.join(timeout=60)
    os.close(leader)
    shown = b"".join(chunks).decode()
    assert done.returncode == 0
    assert "600/600" in shown and "Writing" in shown and "Checking" in shown
    assert "600 added" in done.stdout


def test_progress_bar_is_silent_for_small_files_and_off_terminals() -> None:
    out = io.StringIO()
    ProgressBar(out, enabled=True)("reading", 10, 100)
    ProgressBar(out, enabled=False)("reading", 1000, 1000)
    assert out.getvalue() == ""
    bar = ProgressBar(out, enabled=True)
    bar("writing", 500, 1000)
    assert "[###############---------------] 500/1,000" in out.getvalue()
    bar.clear()
    assert out.getvalue().endswith("\r\x1b[K")
