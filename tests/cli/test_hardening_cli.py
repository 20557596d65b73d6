"""The command line against a hostile data folder and a failing disk: every command ends with
exit 0, 1 or 2 and at most a few clear lines, never a traceback, never hangs, and nothing
outside the data folder changes (issue 12, the storage part).

(The store itself, link by link and error by error: tests/unit/test_store_hardening.py.)
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netcoach.cli.main import main
from netcoach.model.contact import Contact
from netcoach.storage import batches
from netcoach.storage.contacts import contact_toml
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine, Ok
from tests.helpers import after_the_journal_entry, maya


def fingerprint(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (links not followed): a regular file's mode and bytes' digest,
    a link's target, or what else it is. Never opens anything but regular files."""
    found: dict[str, str] = {}
    for base, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(base) / name
            st = path.lstat()
            key = str(path.relative_to(folder))
            if stat.S_ISREG(st.st_mode):
                found[key] = f"file {oct(st.st_mode)} {hashlib.sha256(path.read_bytes()).hexdigest()}"
            elif stat.S_ISLNK(st.st_mode):
                found[key] = f"link {os.readlink(path)}"
            else:
                found[key] = f"{stat.S_IFMT(st.st_mode)} {oct(st.st_mode)}"
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Things outside the data folder that the data folder's links point at."""
    folder = tmp_path / "outside"
    (folder / "contacts").mkdir(parents=True)
    (folder / "drafts").mkdir()
    (folder / "batch").mkdir()
    (folder / "important.txt").write_text("keep me\n")
    (folder / "secret.toml").write_text(contact_toml(Contact(name="Outside Secret")))
    (folder / "contacts" / "outside-person.toml").write_text(contact_toml(Contact(name="Outside Person")))
    (folder / "drafts" / "maya-chen.toml").write_text('contact_id = "maya-chen"\nkind = "follow_up"\nbody = "hi"\n')
    (folder / "batch" / "zed.toml").write_text(contact_toml(Contact(name="Zed")))
    (folder / "batch" / "COMMITTED").write_text("")
    (folder / "config.toml").write_text('theme = "netcoach-light"\n')
    (folder / "lock").write_text("")
    (folder / "own" / "editing").mkdir(parents=True)
    (folder / "own" / "editing" / "maya-chen.toml").write_text(contact_toml(Contact(name="Outside Copy")))
    (folder / "own" / "entry.jsonl").write_text(PLANTED_ENTRY)
    return folder


PLANTED_ENTRY = (
    '{"format": 1, "number": 99, "at": 1700000000.0, "note": "planted", "kind": "change", "subject": "", "files": 1}\n'
    '{"path": "contacts/maya-chen.toml", "after": null, "before": "name = \\"Planted\\"\\n"}\n'
)
"""An undo journal entry outside the data folder: if a link to it were followed, undo would write it."""


HOSTILE = ["links-in-contacts", "contacts-is-a-link", "lock-is-a-link", "links-in-netcoachs-own-folder"]


@pytest.fixture(params=HOSTILE)
def hostile(request: pytest.FixtureRequest, store: Store, outside: Path, tmp_path: Path) -> str:
    """A data folder with a link in each place netcoach looks, a named pipe, a huge file and
    dangling links, beside one good contact."""
    kind = str(request.param)
    root = store.root
    root.mkdir()
    if kind == "contacts-is-a-link":
        (root / "contacts").symlink_to(outside / "contacts")
    else:
        store.contacts.add(maya())
        contacts = store.folder.contacts_dir
        (contacts / "x.toml").symlink_to(outside / "secret.toml")
        (contacts / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
        os.mkfifo(contacts / "zz.toml")
        (contacts / "huge.toml").write_bytes(b'name = "Huge"\nnotes = """' + b"x" * 1_500_000 + b'"""\n')
        (contacts / ".netcoach-batch").symlink_to(outside / "batch")
    (root / ".batch").symlink_to(outside / "batch")
    (root / "drafts").symlink_to(outside / "drafts")
    (root / "config.toml").symlink_to(outside / "config.toml")
    (root / "checklist.toml").symlink_to(outside / "important.txt")
    (root / "notes").symlink_to(tmp_path / "gone")
    if kind == "lock-is-a-link":
        (root / ".netcoach.lock").unlink(missing_ok=True)
        (root / ".netcoach.lock").symlink_to(outside / "lock")
    if kind == "links-in-netcoachs-own-folder":  # the journal stays usable; what is planted in it is never used
        own = root / ".netcoach"
        (own / "journal" / "000099-1700000000.jsonl").symlink_to(outside / "own" / "entry.jsonl")
        os.mkfifo(own / "journal" / "000098-1700000000.jsonl")
        (own / "editing").symlink_to(outside / "own" / "editing")
        (own / "rejected").mkdir()
        (own / "rejected" / "maya-chen.toml").symlink_to(outside / "important.txt")
    if kind == "contacts-is-a-link":
        (root / ".netcoach").symlink_to(outside / "own")
    return kind


OWN_FOLDER_THINGS = {
    ".netcoach/journal/000099-1700000000.jsonl",
    ".netcoach/journal/000098-1700000000.jsonl",
    ".netcoach/editing",
    ".netcoach/rejected/maya-chen.toml",
}


def commands(tmp_path: Path, store: Store) -> list[list[str]]:
    exports = tmp_path / "exports"
    exports.mkdir(exist_ok=True)
    source = exports / "Connections.csv"
    source.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,,,30 May 2024\n")
    return [
        ["contacts"],
        ["contacts", "--json"],
        ["due"],
        ["check"],
        ["log", "Maya", "sent"],
        ["add", "New Person", "--met-at", "a meetup"],
        ["set", "Maya", "--stage", "in_touch"],
        ["export", "json", str(exports / "everyone.json")],
        ["export", "json", str(store.folder.contacts_dir / "x.toml")],
        ["export", "vcard", str(store.root / "drafts" / "maya-chen.toml")],
        ["import", "linkedin", str(source)],
        ["import", "linkedin", "/dev/zero"],
        ["draft", "Maya"],
        ["draft", "--templates"],
        ["stats"],
        ["edit", "Maya"],
        ["undo", "--list"],
        ["undo"],
        ["rm", "Maya", "--yes"],
        ["undo"],
        ["contacts"],
    ]


def an_editor(tmp_path: Path) -> str:
    """An editor that adds a comment to the file it is given (an edit that validates)."""
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\necho "# edited" >> "$1"\n')
    script.chmod(0o700)
    return str(script)


def test_every_command_survives_a_hostile_data_folder(
    hostile: str, store: Store, outside: Path, tmp_path: Path, netcoach: CommandLine
) -> None:
    before = fingerprint(outside)
    editor = an_editor(tmp_path)
    for args in commands(tmp_path, store):
        done = netcoach(*args, VISUAL=editor)  # a hang fails here (the runner's timeout)
        assert done.returncode in (0, 1, 2), (args, done.stderr)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        if hostile == "lock-is-a-link":
            assert done.returncode == 2, args
            assert done.stderr == (
                f"netcoach: the lock file {store.folder.lock_path} is a symbolic link: netcoach does not follow"
                " links in its data folder; remove it (netcoach makes a new one)\n"
            )
    assert fingerprint(outside) == before
    assert (store.root / ".batch").is_symlink() and (store.root / "drafts").is_symlink()
    if hostile == "links-in-netcoachs-own-folder":  # never followed, never removed (not even by pruning)
        assert all(os.path.lexists(store.root / thing) for thing in OWN_FOLDER_THINGS)
        assert all(e.note != "planted" for e in store.journal.entries())


def test_check_names_every_hostile_thing(hostile: str, store: Store, netcoach: CommandLine, tmp_path: Path) -> None:
    if hostile == "lock-is-a-link":
        pytest.skip("the lock file is reported before anything else (see above)")
    done = netcoach("check")
    assert done.returncode == 1
    listed = {line.split(":1:1: ")[0].removeprefix(str(store.root) + "/") for line in done.stdout.splitlines()}
    expected = {".batch", "drafts", "config.toml", "checklist.toml", "notes"}
    if hostile == "contacts-is-a-link":
        expected |= {"contacts", ".netcoach"}
    else:
        expected |= {
            f"contacts/{name}" for name in ("x.toml", "dangling.toml", "zz.toml", "huge.toml", ".netcoach-batch")
        }
    if hostile == "links-in-netcoachs-own-folder":
        expected |= OWN_FOLDER_THINGS
    assert listed == expected
    assert f"{store.root}/notes:1:1: a dangling symbolic link (to {tmp_path / 'gone'})" in done.stdout


def test_the_app_lists_what_the_reader_meets(hostile: str, store: Store) -> None:
    """The app's Problems view shows the reader's problems: the links in contacts/ are among them."""
    if hostile != "links-in-contacts":
        pytest.skip("one layout is enough here")
    _, problems = store.reader.views(store.settings.timing_rules()[0])
    assert {p.path.name for p in problems} >= {"x.toml", "dangling.toml", "zz.toml", "huge.toml", ".netcoach-batch"}


# -- the issue's own reproductions ----------------------------------------------------------------


def test_a_batch_link_deletes_nothing_outside(store: Store, tmp_path: Path, ok: Ok, netcoach: CommandLine) -> None:
    ok("add", "Maya Chen")
    victim = tmp_path / "v"
    victim.mkdir()
    (victim / "important.txt").write_text("a\n")
    (store.root / ".batch").symlink_to(victim)
    done = netcoach("contacts")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    ok("log", "Maya", "sent")
    assert (victim / "important.txt").read_text() == "a\n"


def test_clean_up_keeps_a_persons_own_tmp_file(store: Store, ok: Ok) -> None:
    ok("add", "Maya Chen")
    mine = store.root / ".my-notes.tmp"
    mine.write_text("notes\n")
    ok("log", "Maya", "note")
    assert mine.read_text() == "notes\n"


def test_a_named_pipe_among_the_contacts_never_hangs_a_command(store: Store, ok: Ok, netcoach: CommandLine) -> None:
    ok("add", "Maya Chen")
    os.mkfifo(store.folder.contacts_dir / "zz.toml")
    for args in (["contacts"], ["due"], ["check"]):
        done = netcoach(*args)  # the runner's timeout turns a hang into a failure
        assert "Traceback" not in done.stderr
    check = netcoach("check")
    assert (
        check.returncode == 1
        and f"{store.folder.contacts_dir}/zz.toml:1:1: a named pipe (FIFO), not a file" in check.stdout
    )


@pytest.mark.parametrize("target", ["fifo", "link", "device", "inside-through-a-link"])
def test_export_refuses_anything_but_a_regular_file(
    target: str, awkward_store: Store, tmp_path: Path, netcoach: CommandLine
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    if target == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    elif target == "link":
        path = tmp_path / "link.json"
        path.symlink_to(victim)
    elif target == "device":
        # Never the real /dev/null: on code without the check, this test would turn it into a regular file.
        path = tmp_path / "dev-null"
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except (PermissionError, OSError):
            pytest.skip("making a device node needs root")
    else:
        (tmp_path / "into-data").symlink_to(awkward_store.folder.contacts_dir)
        path = tmp_path / "into-data" / "pw.toml"

    def what_is_there() -> tuple[int, int] | None:
        return (path.lstat().st_mode, path.lstat().st_ino) if os.path.lexists(path) else None

    before = what_is_there()
    done = netcoach("export", "json", str(path))
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert what_is_there() == before
    assert victim.read_text() == "keep me\n"
    assert not (awkward_store.folder.contacts_dir / "pw.toml").exists()


def test_export_replaces_a_regular_file_and_writes_stdout(awkward_store: Store, tmp_path: Path, ok: Ok) -> None:
    target = tmp_path / "old.json"
    target.write_text("old\n")
    ok("export", "json", str(target))
    assert target.read_text().startswith("[")
    assert ok("export", "json", "-").startswith("[")


@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "huge"])
def test_import_refuses_special_and_huge_files_in_one_line(
    source: str, store: Store, tmp_path: Path, netcoach: CommandLine
) -> None:
    if source == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
    elif source == "huge":
        path = tmp_path / "huge.csv"
        with path.open("wb") as handle:
            handle.truncate(300 * 1024 * 1024)  # sparse
    else:
        path = Path(source)
    done = netcoach("import", "linkedin", str(path))
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and done.stderr.endswith("(nothing was imported)\n")
    assert "Traceback" not in done.stderr


def test_a_lock_file_link_and_bad_data_paths_are_one_line_exit_2(
    store: Store, tmp_path: Path, ok: Ok, netcoach: CommandLine
) -> None:
    ok("add", "Maya Chen")
    a_file = tmp_path / "a-file"
    a_file.write_text("x\n")
    (store.root / ".netcoach.lock").unlink(missing_ok=True)
    (store.root / ".netcoach.lock").symlink_to(tmp_path / "elsewhere")
    cases = {
        ("log", "Maya", "sent"): f"the lock file {store.root / '.netcoach.lock'} is a symbolic link",
        ("--data", str(a_file), "contacts"): f"the data folder {a_file} is a file, not a folder; give a folder",
        (
            "--data",
            str(a_file / "inner"),
            "add",
            "X",
        ): f"cannot use the data folder {a_file / 'inner'}: Not a directory",
        ("--data", "", "contacts"): "--data is empty: give the data folder's path",
    }
    for args, message in cases.items():
        done = netcoach(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith(f"netcoach: {message}") and len(done.stderr.splitlines()) == 1, done.stderr
    assert not (tmp_path / "elsewhere").exists()
    assert a_file.read_text() == "x\n"


# -- item 10: a full disk, a read-only folder --------------------------------------------------------


def refusing(code: int, real: Callable[..., object]) -> Callable[..., object]:
    """``os.replace`` or ``os.write`` as on a full or read-only disk, for netcoach's own temp files."""

    def call(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return call


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EMLINK, errno.ENOTDIR, errno.EXDEV])
@pytest.mark.parametrize(
    "args",
    [
        ("log", "Maya", "sent"),
        ("add", "Ann Lee"),
        ("set", "Maya", "--stage", "in_touch"),
        ("import", "linkedin", "CSV"),
    ],
)
@pytest.mark.parametrize("failing_file", ["contact", "journal entry"])
def test_a_refused_write_is_one_line_exit_1_and_nothing_is_lost(
    code: int,
    args: tuple[str, ...],
    failing_file: str,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store.contacts.add(maya())
    before = {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir() if p.is_file()}
    source = tmp_path / "Connections.csv"
    source.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,,,30 May 2024\n")

    def install() -> None:
        monkeypatch.setattr(os, "replace", refusing(code, os.replace))
        monkeypatch.setattr(os, "write", refusing(code, os.write))

    if failing_file == "contact":
        after_the_journal_entry(monkeypatch, install)
    elif args[0] == "import":  # a batch stages its files, then writes its journal entry
        real_staging = batches.write_new_files

        def staging(*staged: Any, **kwargs: Any) -> int:
            count = real_staging(*staged, **kwargs)
            install()
            return count

        monkeypatch.setattr(batches, "write_new_files", staging)
    else:
        install()  # the first file a change writes is its undo journal entry
    status = main([str(source) if a == "CSV" else a for a in args])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert status == 1, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    folder = store.folder.contacts_dir if failing_file == "contact" else store.root / ".netcoach" / "journal"
    assert err.startswith(f"netcoach: cannot write {folder}/")
    assert os.strerror(code) in err
    assert [e.note for e in store.journal.entries()] == ["Added Maya Chen"]  # the failed change left no entry
    after = {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir() if p.is_file()}
    assert after == before
    assert main(["contacts"]) == 0  # and the next command works


def test_a_read_only_data_folder_says_so_in_one_line(store: Store, ok: Ok, netcoach: CommandLine) -> None:
    ok("add", "Maya Chen")
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders (the monkeypatched test above covers the same path)")
    os.chmod(store.folder.contacts_dir, 0o500)
    try:
        done = netcoach("log", "Maya", "sent")
    finally:
        os.chmod(store.folder.contacts_dir, 0o700)
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"netcoach: cannot write {store.folder.contacts_dir}/maya-chen.toml: Permission denied"
    )


# -- smaller -------------------------------------------------------------------------------------------


def test_log_by_a_name_that_is_also_an_id_picks_the_exact_name(ok: Ok) -> None:
    ok("add", "Jo Smith")
    ok("add", "jo-smith")
    assert "Logged sent with jo-smith" in ok("log", "jo-smith", "sent")
