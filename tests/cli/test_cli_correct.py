"""Correcting anything from the command line, as a person does it: ``rm``, ``merge``, ``edit`` and ``undo``,
each through a real ``python -m netcoach`` (on a real terminal where it asks)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from netcoach.model.changes import log_interaction
from netcoach.model.contact import Contact, Interaction
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine, Ok
from tests.helpers import FIXTURES

Files = dict[str, bytes]


def files(store: Store) -> Files:
    """Every file of user data in the data folder (contacts and config), by path: what undo must restore."""
    root = store.root
    found = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.glob("contacts/*.toml")}
    if store.folder.config_path.exists():
        found["config.toml"] = store.folder.config_path.read_bytes()
    return found


def on_a_terminal(args: list[str], typed: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run netcoach with a real terminal as its standard input, ``typed`` already typed on it."""
    leader, follower = pty.openpty()
    echoed: list[bytes] = []

    def drain() -> None:  # the terminal echoes what is typed: read it so the echo never blocks
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                return
            if not data:
                return
            echoed.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    os.write(leader, typed.encode())
    try:
        return subprocess.run(
            [sys.executable, "-m", "netcoach", *args],
            env={**os.environ, **env},
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        reader.join(timeout=10)
        os.close(leader)


@pytest.fixture
def priya(store: Store) -> str:
    """Priya Raman, met at a meetup and written to once; her id."""
    record = store.contacts.add(Contact(name="Priya Raman", company="Acme", tags=["design"]))
    store.contacts.update(
        record.id, lambda c: log_interaction(c, Interaction(date="2026-11-16", kind="met", summary="Meetup"))
    )
    return record.id


# -- rm ---------------------------------------------------------------------------------------


def test_rm_without_a_terminal_and_without_yes_exits_2_and_removes_nothing(
    store: Store, priya: str, netcoach: CommandLine
) -> None:
    before = files(store)
    done = netcoach("rm", "Priya")
    assert done.returncode == 2
    assert "--yes" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert files(store) == before


def test_rm_yes_removes_and_undo_brings_them_back_byte_for_byte(store: Store, priya: str, ok: Ok) -> None:
    before = files(store)
    assert "Removed Priya Raman" in ok("rm", "Priya", "--yes")
    assert not store.contacts.path_of(priya).exists()
    assert "Priya" not in ok("contacts")
    assert ok("undo").startswith("Undid: Removed Priya Raman.")
    assert files(store) == before


def test_rm_on_a_terminal_asks_first(store: Store, priya: str) -> None:
    before = files(store)
    kept = on_a_terminal(["rm", "Priya"], "n\n")
    assert kept.returncode == 1 and "Nothing was removed" in kept.stdout
    assert files(store) == before
    removed = on_a_terminal(["rm", "Priya"], "y\n")
    assert removed.returncode == 0, removed.stderr
    assert not store.contacts.path_of(priya).exists()


# -- merge ------------------------------------------------------------------------------------


def test_merge_brings_the_other_in_removes_them_and_undo_splits_them_again(
    store: Store, priya: str, ok: Ok, netcoach: CommandLine
) -> None:
    copy = store.contacts.add(
        Contact(
            name="Priya R.",
            role="Designer",
            tags=["Design", "mentor"],
            interactions=[Interaction(date="2026-11-17", kind="received", summary="Thanks for the chat")],
        )
    )
    before = files(store)
    out = ok("merge", "Priya Raman", "Priya R.")
    assert "Merged Priya R. (priya-r) into Priya Raman (priya-raman)" in out
    assert "1 interaction" in out and "role" in out
    assert not store.contacts.path_of(copy.id).exists()
    merged = store.contacts.read(priya).contact
    assert [i.kind.value for i in merged.interactions] == ["met", "received"]
    assert merged.role == "Designer" and merged.company == "Acme" and merged.tags == ["design", "mentor"]
    assert merged.stage.value == "in_touch"  # they answered, in the other file
    assert ok("undo").startswith("Undid: Merged Priya R. (priya-r) into Priya Raman (priya-raman).")
    assert files(store) == before
    same = netcoach("merge", "Priya Raman", "priya-raman")
    assert same.returncode == 2 and "same contact" in same.stderr


def test_merge_moves_who_the_other_introduced_to_the_one_kept_in_the_same_change(
    store: Store, priya: str, ok: Ok
) -> None:
    copy = store.contacts.add(Contact(name="Priya R.", met_through=priya))  # "introduced by" the one kept
    ana = store.contacts.add(Contact(name="Ana Souza", met_through=copy.id))
    ben = store.contacts.add(Contact(name="Ben Carter", met_through=priya))
    before = files(store)
    out = ok("merge", "Priya Raman", "Priya R.")
    assert "Introduced by Priya Raman now: Ana Souza." in out
    assert store.contacts.read(ana.id).contact.met_through == priya
    assert store.contacts.read(ben.id).contact.met_through == priya  # untouched
    assert store.contacts.read(priya).contact.met_through == ""  # never introduced by themself
    ok("undo")  # one change: all of it comes back
    assert files(store) == before


# -- edit -------------------------------------------------------------------------------------


def editor_script(tmp_path: Path, *edits: tuple[str, str]) -> str:
    """An $EDITOR that makes the n-th of ``edits`` (old, new: a replacement in the file) on its n-th run."""
    script = tmp_path / "editor.py"
    count = tmp_path / "editor-runs"
    script.write_text(
        "import sys, pathlib\n"
        f"edits = {list(edits)!r}\n"
        f"count = pathlib.Path({str(count)!r})\n"
        "run = int(count.read_text()) if count.exists() else 0\n"
        "count.write_text(str(run + 1))\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "old, new = edits[run]\n"
        "text = path.read_text(encoding='utf-8')\n"
        "assert old in text, text\n"
        "path.write_text(text.replace(old, new), encoding='utf-8')\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


BAD = ('company = "Acme"', 'company = "Acme Ltd"\nfavourite_tea = "chai"')
GOOD = ('favourite_tea = "chai"', 'role = "Design lead"')


def test_edit_a_bad_edit_then_a_good_one_on_a_terminal(store: Store, priya: str, tmp_path: Path) -> None:
    path = store.contacts.path_of(priya)
    done = on_a_terminal(["edit", "Priya"], "y\n", EDITOR=editor_script(tmp_path, BAD, GOOD))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "editor-runs").read_text() == "2"
    # the bad edit, reported where it is, and offered for another edit
    problem = done.stderr.splitlines()[0]
    assert problem.endswith(":3:1: favourite_tea: unknown key (check the spelling)"), done.stderr
    assert "Edit it again?" in done.stderr
    text = path.read_text(encoding="utf-8")
    assert 'company = "Acme Ltd"\nrole = "Design lead"' in text  # what was typed, exactly
    assert "Saved Priya Raman" in done.stdout
    assert store.contacts.read(priya).contact.role == "Design lead"
    assert not list((store.root / ".netcoach" / "editing").iterdir())  # the copy is gone


def test_edit_a_bad_edit_without_a_terminal_keeps_the_file_and_the_text(
    store: Store, priya: str, tmp_path: Path, netcoach: CommandLine
) -> None:
    before = files(store)
    done = netcoach("edit", "Priya", EDITOR=editor_script(tmp_path, BAD))
    assert done.returncode == 1
    assert files(store) == before  # the contact file is unchanged
    first = done.stderr.splitlines()[0]
    kept = Path(first.split(":")[0])
    assert first == f"{kept}:3:1: favourite_tea: unknown key (check the spelling)"
    assert kept.parent == store.root / ".netcoach" / "rejected"
    assert 'favourite_tea = "chai"' in kept.read_text(encoding="utf-8")  # nothing typed is lost
    assert f"your text is kept in {kept}" in done.stderr
    assert "Rejected" not in netcoach("contacts").stdout and netcoach("check").returncode == 0


def test_edit_a_good_edit_is_saved_and_undo_takes_it_back(store: Store, priya: str, tmp_path: Path, ok: Ok) -> None:
    before = files(store)
    out = ok("edit", "priya", VISUAL=editor_script(tmp_path, ('company = "Acme"', 'company = "Acme Ltd"')))
    assert "Saved Priya Raman" in out
    assert store.contacts.read(priya).contact.company == "Acme Ltd"
    assert ok("undo").startswith("Undid: Edited Priya Raman's file.")
    assert files(store) == before


def test_edit_with_no_change_or_no_editor(store: Store, priya: str, ok: Ok, netcoach: CommandLine) -> None:
    before = files(store)
    assert "No changes to Priya Raman" in ok("edit", "Priya", EDITOR="true")
    failed = netcoach("edit", "Priya", EDITOR="false")
    assert failed.returncode == 1 and "exited with status 1" in failed.stderr
    none = netcoach("edit", "Priya")
    assert none.returncode == 2 and "$EDITOR" in none.stderr
    assert files(store) == before
    assert "undo" not in ok("undo", "--list").lower().split("\n", 1)[1]  # nothing was journaled


# -- undo -------------------------------------------------------------------------------------

Change = Callable[[Store, CommandLine, Path], str]
"""Makes one change to a data folder holding Priya; returns the description undo must give."""


def _add(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    assert netcoach("add", "Ana Lima", "--met-at", "Data & Design meetup").returncode == 0
    return "Added Ana Lima"


def _log(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    assert netcoach("log", "Priya", "sent", "--on", "2026-11-17").returncode == 0
    return "Logged sent with Priya Raman, 17 November"


def _set(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    assert netcoach("set", "Priya", "--snooze-until", "2026-12-01", "--add-tag", "mentor").returncode == 0
    return "Changed Priya Raman: snoozed until, tags"


def _edit(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    done = netcoach("edit", "Priya", EDITOR=editor_script(tmp, ("Acme", "Acme Ltd")))
    assert done.returncode == 0, done.stderr
    return "Edited Priya Raman's file"


def _rm(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    assert netcoach("rm", "Priya", "--yes").returncode == 0
    return "Removed Priya Raman"


def _merge(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    assert netcoach("merge", "Priya Raman", "Priya R.").returncode == 0
    return "Merged Priya R. (priya-r) into Priya Raman (priya-raman)"


def _import(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    assert netcoach("import", "linkedin", str(FIXTURES / "import" / "linkedin_current.csv")).returncode == 0
    return "Imported linkedin_current.csv (LinkedIn): 8 added, 1 merged"


def _app(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    # what the app does when the Log dialog is saved (netcoach.tui.app.update_contact)
    def change(contact: Contact) -> Contact:
        return log_interaction(contact, Interaction(date="2026-11-18", kind="call"))

    store.contacts.update("priya-raman", change, note="Logged call with Priya Raman, 18 November")
    return "Logged call with Priya Raman, 18 November"


def _theme(store: Store, netcoach: CommandLine, tmp: Path) -> str:
    from netcoach.themes import save_theme_choice  # what the app does when a theme is chosen

    save_theme_choice(store, "netcoach-light")
    return "Chose the theme netcoach-light"


CHANGES = [_add, _log, _set, _edit, _rm, _merge, _import, _app, _theme]


def prepare(store: Store, change: Change) -> None:
    """What is there before the change (besides Priya)."""
    if change is _merge:
        store.contacts.add(Contact(name="Priya R.", role="Designer"))
    elif change is _theme:
        store.folder.config_path.write_text("# mine\n", encoding="utf-8")


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__.strip("_") for c in CHANGES])
def test_undo_every_kind_of_change_and_undo_the_undo(
    store: Store, priya: str, tmp_path: Path, netcoach: CommandLine, ok: Ok, change: Change
) -> None:
    prepare(store, change)
    before = files(store)
    described = change(store, netcoach, tmp_path)
    after = files(store)
    assert after != before
    assert ok("undo", "--list").splitlines()[1].endswith(f"  {described}")
    assert ok("undo").startswith(f"Undid: {described}.")
    assert files(store) == before
    assert ok("undo").startswith(f"Redid: {described}.")  # undo of the undo
    assert files(store) == after
    assert ok("undo").startswith(f"Undid: {described}.")
    assert files(store) == before


def test_undo_refuses_in_one_line_after_an_outside_edit(
    store: Store, priya: str, ok: Ok, netcoach: CommandLine
) -> None:
    ok("log", "Priya", "sent")
    path = store.contacts.path_of(priya)
    by_hand = path.read_bytes().replace(b"Acme", b"Acme (by hand)")
    path.write_bytes(by_hand)
    done = netcoach("undo")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "cannot undo" in done.stderr and "contacts/priya-raman.toml" in done.stderr
    assert "outside netcoach" in done.stderr and "nothing was undone" in done.stderr
    assert path.read_bytes() == by_hand


def test_undo_list_newest_first_and_an_older_change_by_number(store: Store, priya: str, ok: Ok) -> None:
    ok("add", "Ana Lima")
    ok("log", "Priya", "sent")
    lines = ok("undo", "--list").splitlines()
    assert [line.split("  ")[-1] for line in lines[1:-1]] == [
        "Logged sent with Priya Raman, 18 November",
        "Added Ana Lima",
        "Changed Priya Raman",
        "Added Priya Raman",
    ]
    number = lines[2].split()[0]
    assert ok("undo", number).startswith("Undid: Added Ana Lima.")
    assert "Ana" not in ok("contacts") and "Priya" in ok("contacts")


def test_nothing_to_undo(netcoach: CommandLine, ok: Ok) -> None:
    done = netcoach("undo")
    assert done.returncode == 1 and "nothing to undo" in done.stderr
    assert "No changes to undo yet" in ok("undo", "--list")


def test_the_journal_is_never_a_contact_nor_a_problem(store: Store, priya: str, ok: Ok) -> None:
    ok("rm", "Priya", "--yes")
    ok("undo")
    assert ok("contacts").count("\n") == 1
    assert ok("check").startswith("All ")
    assert (store.root / ".netcoach" / "journal").is_dir()
