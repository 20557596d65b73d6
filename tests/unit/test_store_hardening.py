"""The data folder under attack or bad luck: links and special files inside it are reported and
never followed, read, written or deleted; housekeeping removes only what netcoach made; every
write error is one WriteFailed naming the path and the cause, with nothing lost.

(The same through the command line, and the hostile folder fixture: tests/cli/test_hardening_cli.py.)
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netcoach.exchange.common import ImportFailed, read_bytes
from netcoach.exchange.plan import apply_import, plan_import
from netcoach.model.contact import Contact
from netcoach.model.problem import FileProblem
from netcoach.storage import fsio
from netcoach.storage.batches import Batches
from netcoach.storage.contacts import contact_toml, find_record
from netcoach.storage.dirs import MAX_DATA_FILE_BYTES, TEMP_SUFFIX, is_temp_name, temp_name
from netcoach.storage.errors import ConflictError, SameName, StoreError, UnfinishedBatch, UnsafePath, WriteFailed
from netcoach.storage.folder import BATCH_COMMITTED, DataFolder
from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store
from tests.helpers import MakeStore, after_the_journal_entry, maya, snapshot


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the data folder that nothing netcoach does may change."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "important.txt").write_text("keep me\n")
    (folder / "maya-chen.toml").write_text(contact_toml(maya(notes="the outside copy")))
    return folder


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


# -- item 1: a .batch link never deletes anything outside ---------------------------------------


@pytest.mark.parametrize("where", [".batch", "contacts/.netcoach-batch"])
def test_a_staging_folder_that_is_a_link_is_reported_and_never_entered(store: Store, outside: Path, where: str) -> None:
    store.contacts.add(maya())
    before = snapshot(outside)
    (outside / BATCH_COMMITTED).write_text("")  # even a 'committed' batch out there is not rolled forward
    before = snapshot(outside)
    (store.root / where).symlink_to(outside)
    loaded = store.reader.load()  # a command that only reads
    assert [r.contact.name for r in loaded.records] == ["Maya Chen"]
    assert [(p.path, p.message) for p in loaded.problems] == [
        (store.root / where, "a symbolic link: netcoach does not follow links in its data folder")
    ]
    store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "Prefers e-mail."))  # a write: housekeeping
    assert snapshot(outside) == before
    assert (store.root / where).is_symlink()  # reported, not removed either


def test_an_import_with_the_staging_folder_a_link_writes_nothing_anywhere(
    store: Store, outside: Path, tmp_path: Path
) -> None:
    store.folder.prepare()
    store.folder.batch_dir.symlink_to(outside)
    before = snapshot(outside)
    with pytest.raises(WriteFailed) as caught:
        store.batches.apply([Contact(name="Ann Lee")], {})
    assert str(caught.value).startswith(f"cannot write {store.folder.batch_dir}: ")
    assert "symbolic link" in str(caught.value)
    assert snapshot(outside) == before
    assert store.reader.load().records == []


# -- item 3: clean-up removes only netcoach's own temp files --------------------------------------


def test_temp_names_are_netcoachs_own() -> None:
    made = temp_name("maya-chen.toml")
    assert is_temp_name(made) and made.startswith(".maya-chen.toml.netcoach-") and made.endswith(".tmp")
    for chosen in (
        ".my-notes.tmp",
        ".maya-chen.toml.x1y2z3.tmp",
        ".a.netcoach-123.tmp",
        "a.netcoach-0123456789abcdef.tmp",
    ):
        assert not is_temp_name(chosen), chosen


def test_housekeeping_never_removes_a_link_or_a_persons_file(store: Store, outside: Path) -> None:
    store.contacts.add(maya())
    link = store.folder.contacts_dir / temp_name("x.toml")  # a netcoach-like name, but a link
    link.symlink_to(outside / "important.txt")
    folder_named_so = store.root / temp_name("y.toml")
    folder_named_so.mkdir()
    store.reader.load()
    store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "x"))
    assert link.is_symlink() and folder_named_so.is_dir()
    assert (outside / "important.txt").read_text() == "keep me\n"


# -- the mechanism: no link, no special file, no huge file ------------------------------------------


def test_a_contact_file_that_is_a_link_is_a_problem_never_read_or_written(store: Store, outside: Path) -> None:
    link = store.folder.contacts_dir / "maya-chen.toml"
    store.folder.prepare()
    link.symlink_to(outside / "maya-chen.toml")
    before = snapshot(outside)
    loaded = store.reader.load()
    assert loaded.records == []
    assert [(p.path.name, p.message) for p in loaded.problems] == [
        ("maya-chen.toml", "a symbolic link: netcoach does not follow links in its data folder")
    ]
    assert store.reader.views(store.settings.timing_rules()[0])[1] == loaded.problems  # the app's Problems view
    with pytest.raises(FileProblem):
        store.contacts.read("maya-chen")
    with pytest.raises(FileProblem):
        store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "written through the link?"))
    record = store.contacts.add(maya())  # a new Maya takes another name: the link's name is taken
    assert record.id == "maya-chen-2"
    assert snapshot(outside) == before
    assert link.is_symlink()


def test_a_dangling_link_is_a_problem_and_its_name_is_never_written(store: Store, tmp_path: Path) -> None:
    store.folder.prepare()
    nowhere = tmp_path / "nowhere.toml"
    (store.folder.contacts_dir / "ann-lee.toml").symlink_to(nowhere)
    record = store.contacts.add(Contact(name="Ann Lee"))
    assert record.id == "ann-lee-2"
    assert not nowhere.exists()
    assert [p.path.name for p in store.reader.load().problems] == ["ann-lee.toml"]


def test_atomic_write_replaces_only_a_regular_file(store: Store, outside: Path) -> None:
    store.folder.prepare()
    target = store.folder.contacts_dir / "x.toml"
    target.symlink_to(outside / "important.txt")
    with pytest.raises(WriteFailed) as caught:
        atomic_write(target, "name = 'x'\n", within=store.root)
    assert str(caught.value) == (
        f"cannot write {target}: it is a symbolic link: netcoach does not follow links in its data folder;"
        " netcoach only replaces regular files"
    )
    assert target.is_symlink() and (outside / "important.txt").read_text() == "keep me\n"
    assert temp_files(store.root) == []


def test_a_contacts_folder_that_is_a_link_is_never_followed(store: Store, outside: Path) -> None:
    store.root.mkdir()
    store.folder.contacts_dir.symlink_to(outside)
    os.chmod(outside, 0o755)
    before = snapshot(outside)
    loaded = store.reader.load()
    assert loaded.records == []
    assert [p.path for p in loaded.problems] == [store.folder.contacts_dir]
    with pytest.raises(StoreError) as caught:
        store.contacts.add(Contact(name="Ann Lee"))
    assert "symbolic link" in str(caught.value)
    assert snapshot(outside) == before
    assert stat.S_IMODE(outside.stat().st_mode) == 0o755  # not even chmod-ed through the link


def test_a_named_pipe_is_never_opened_to_read(store: Store) -> None:
    store.contacts.add(maya())
    os.mkfifo(store.folder.contacts_dir / "zz.toml")
    os.mkfifo(store.folder.config_path)
    loaded = store.reader.load()  # would wait for a writer forever if the pipe were opened
    assert [r.id for r in loaded.records] == ["maya-chen"]
    assert [(p.path.name, p.message) for p in loaded.problems] == [("zz.toml", "a named pipe (FIFO), not a file")]
    _, problems = store.settings.timing_rules()
    assert [p.message for p in problems] == ["a named pipe (FIFO), not a file"]
    with pytest.raises(FileProblem):
        store.contacts.read("zz")


def test_a_named_pipe_is_refused_even_if_it_appears_after_the_scan(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UnsafePath) as caught, fsio.Dir.open(tmp_path) as folder:
        folder.read("pipe")  # opened without waiting (O_NONBLOCK), then refused
    assert caught.value.reason == "a named pipe (FIFO), not a file"


def test_a_contact_file_over_a_megabyte_is_a_problem(store: Store) -> None:
    store.contacts.add(maya())
    huge = store.folder.contacts_dir / "huge.toml"
    huge.write_bytes(b'name = "Huge"\nnotes = """' + b"x" * MAX_DATA_FILE_BYTES + b'"""\n')
    loaded = store.reader.load()
    assert [r.id for r in loaded.records] == ["maya-chen"]
    assert [p.message for p in loaded.problems] == ["too big (1 MB; netcoach reads files up to 1 MB)"]


def test_the_data_folder_itself_may_be_a_link(tmp_path: Path, make_store: MakeStore) -> None:
    real = make_store("real")
    real.contacts.add(maya())
    (tmp_path / "via-link").symlink_to(real.root)
    store = Store(tmp_path / "via-link", cache_dir=tmp_path / "link-cache")
    assert store.root == real.root  # resolved once
    store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "through the folder's own link"))
    assert [r.contact.notes for r in real.reader.load().records] == ["through the folder's own link"]


def test_drafts_and_templates_folders_that_are_links_are_never_followed(store: Store, outside: Path) -> None:
    from netcoach.coach.drafts import load_drafts
    from netcoach.coach.templates import load_templates

    store.folder.prepare()
    (outside / "maya-chen.toml").write_text('contact_id = "maya-chen"\nkind = "follow_up"\nbody = "hi"\n')
    (store.root / "drafts").symlink_to(outside)
    (store.root / "templates").symlink_to(outside)
    drafts, problems = load_drafts(store)
    assert drafts == [] and [p.path.name for p in problems] == ["drafts"]
    _, template_problems = load_templates(store)
    assert [p.path.name for p in template_problems] == ["templates"]
    with pytest.raises(WriteFailed):
        store.folder.save_file("drafts/maya-chen.toml", 'body = "hi"\n')
    with pytest.raises(WriteFailed):
        store.folder.delete_file("drafts/maya-chen.toml")
    assert (outside / "maya-chen.toml").exists()


def test_check_lists_links_dangling_or_not_and_special_files(store: Store, outside: Path, tmp_path: Path) -> None:
    store.contacts.add(maya())
    (store.root / "notes").symlink_to(tmp_path / "gone")
    (store.folder.contacts_dir / "README").symlink_to(outside / "important.txt")
    os.mkfifo(store.root / "pipe")
    found = {(p.path.name, p.message) for p in store.folder.layout_problems()}
    assert found == {
        (
            "notes",
            f"a dangling symbolic link (to {tmp_path / 'gone'}): netcoach does not follow links in its data folder",
        ),
        (
            "README",
            f"a symbolic link (to {outside / 'important.txt'}): netcoach does not follow links in its data folder",
        ),
        ("pipe", "a named pipe (FIFO), not a file"),
    }


# -- imports: only regular files, with a limit ---------------------------------------------------


def test_an_import_file_must_be_a_regular_file_of_sane_size(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: costs no disk
    (tmp_path / "link.csv").symlink_to(huge)
    cases = {
        "/dev/zero": "this is a device, not a file; give a file exported from your contacts",
        str(tmp_path / "pipe.csv"): "this is a named pipe (FIFO), not a file; give a file exported from your contacts",
        str(huge): "this file is too big (201 MB; netcoach reads files up to 200 MB)",
        str(tmp_path / "link.csv"): "this file is too big (201 MB; netcoach reads files up to 200 MB)",
        str(tmp_path): "this is a folder; give the file inside it",
    }
    for path, message in cases.items():
        with pytest.raises(ImportFailed) as caught:
            read_bytes(Path(path))
        assert caught.value.message == message, path


# -- item 10: every write error is one line naming the path and the cause ---------------------------

WRITE_ERRORS = [
    errno.ENOSPC,  # no space
    errno.EROFS,  # read-only file system
    errno.EACCES,  # permission denied
    errno.EMLINK,  # too many links
    errno.ENOTDIR,  # not a folder
    errno.EXDEV,  # cross-device
    errno.EDQUOT,  # over quota
]


def failing(code: int) -> Callable[..., object]:
    """A stand-in for an os function that always fails with ``code``."""

    def call(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return call


@pytest.mark.parametrize("code", WRITE_ERRORS)
@pytest.mark.parametrize("call", ["write", "replace", "fsync", "open"])
@pytest.mark.parametrize("failing_file", ["contact", "journal entry"])
def test_a_refused_write_is_one_write_failed_and_nothing_is_lost(
    store: Store, monkeypatch: pytest.MonkeyPatch, code: int, call: str, failing_file: str
) -> None:
    store.contacts.add(maya(notes="before"))
    path = store.contacts.path_of("maya-chen")
    before = path.read_bytes()
    real = getattr(os, call)

    def install() -> None:
        if call == "open":  # the temp file cannot be made (the folders and the lock file still open)

            def open_(name: object, flags: int, *args: object, **kwargs: object) -> int:
                if is_temp_name(os.path.basename(os.fsdecode(name))):  # type: ignore[arg-type]
                    raise OSError(code, os.strerror(code))
                return int(real(name, flags, *args, **kwargs))

            monkeypatch.setattr(os, "open", open_)
        else:
            monkeypatch.setattr(os, call, failing(code))

    if failing_file == "contact":
        after_the_journal_entry(monkeypatch, install)
    else:
        install()  # the first file a change writes is its journal entry
    with pytest.raises(WriteFailed) as caught:
        store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "after"))
    monkeypatch.undo()
    if failing_file == "contact":
        assert str(caught.value) == f"cannot write {path}: {os.strerror(code)}"
    else:
        entry = re.escape(str(store.root / ".netcoach" / "journal"))
        assert re.fullmatch(
            rf"cannot write {entry}/000002-\d+\.jsonl: {re.escape(os.strerror(code))}", str(caught.value)
        )
    assert path.read_bytes() == before
    assert temp_files(store.root) == []
    assert [e.note for e in store.journal.entries()] == ["Added Maya Chen"]  # the failed change left no entry


def test_every_write_point_raises_write_failed(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.contacts.add(maya())
    store.folder.save_file("drafts/maya-chen.toml", 'body = "hi"\n')
    monkeypatch.setattr(os, "unlink", failing(errno.EROFS))
    with pytest.raises(WriteFailed) as caught:
        store.folder.delete_file("drafts/maya-chen.toml")
    assert str(caught.value) == f"cannot write {store.root / 'drafts' / 'maya-chen.toml'}: Read-only file system"
    monkeypatch.undo()
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC))  # a batch stages its files before its journal entry
    with pytest.raises(WriteFailed) as caught:
        store.batches.apply([Contact(name="Ann Lee")], {})
    assert str(caught.value) == f"cannot write {store.folder.batch_dir}: No space left on device"
    with pytest.raises(WriteFailed):
        store.folder.save_file("config.toml", 'theme = "x"\n')
    monkeypatch.undo()
    assert not store.folder.batch_dir.exists()
    assert [r.id for r in store.reader.load().records] == ["maya-chen"]


def test_a_lock_file_that_cannot_be_made_is_one_line(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.folder.prepare()
    real_open = os.open

    def open_(name: object, *args: object, **kwargs: object) -> int:
        if os.path.basename(os.fsdecode(name)) == ".netcoach.lock":  # type: ignore[arg-type]
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return int(real_open(name, *args, **kwargs))  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_)
    with pytest.raises(WriteFailed) as caught:
        store.contacts.add(maya())
    assert str(caught.value) == f"cannot write {store.folder.lock_path}: Read-only file system"


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    store = Store(tmp_path / "a-file" / "data", cache_dir=tmp_path / "cache")
    with pytest.raises(StoreError) as caught:
        store.contacts.add(maya())
    assert "Not a directory" in str(caught.value) and "a-file" in str(caught.value)


# -- item 9: another file system -----------------------------------------------------------------


@pytest.fixture
def contacts_on_another_disk(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``contacts/`` as if mounted from another file system: a rename across its edge is EXDEV."""
    store.folder.prepare()
    edge = str(store.folder.contacts_dir)
    real_replace = os.replace

    def where(name: object, dir_fd: int | None) -> str:
        base = os.readlink(f"/proc/self/fd/{dir_fd}") if dir_fd is not None else ""
        return os.path.join(base, os.fsdecode(name))  # type: ignore[arg-type]

    def replace(src: object, dst: object, *, src_dir_fd: int | None = None, dst_dir_fd: int | None = None) -> None:
        inside = [p == edge or p.startswith(edge + os.sep) for p in (where(src, src_dir_fd), where(dst, dst_dir_fd))]
        if inside[0] != inside[1]:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real_replace(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)  # type: ignore[arg-type]

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc to see where a descriptor points")
    monkeypatch.setattr(os, "replace", replace)
    yield


@pytest.mark.usefixtures("contacts_on_another_disk")
def test_an_import_into_contacts_on_another_file_system_works(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,,,30 May 2024\n")
    apply_import(store, plan_import("linkedin", source, []))
    assert [r.contact.name for r in store.reader.load().records] == ["Ann Lee"]
    store.contacts.update("ann-lee", lambda c: setattr(c, "notes", "later writes work too"))
    assert not store.folder.batch_dir.exists()


@pytest.mark.usefixtures("contacts_on_another_disk")
def test_a_batch_that_cannot_be_finished_is_reported_never_a_crash_loop(store: Store) -> None:
    store.contacts.add(maya())
    legacy = store.root / ".batch"  # left by an older netcoach, in the data folder itself
    legacy.mkdir()
    (legacy / "ann-lee.toml").write_text(contact_toml(Contact(name="Ann Lee")))
    (legacy / BATCH_COMMITTED).write_text("")
    for _ in range(2):  # every later command still works, and says what is wrong
        loaded = store.reader.load()
        assert [r.id for r in loaded.records] == ["maya-chen"]
        assert len(loaded.problems) == 1
        assert loaded.problems[0].path == legacy
        assert "an interrupted import cannot be finished (Invalid cross-device link)" in loaded.problems[0].message
        with pytest.raises(UnfinishedBatch) as caught:
            store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "x"))
        assert "its contacts are waiting in" in str(caught.value)
    assert (legacy / "ann-lee.toml").exists()  # nothing lost


def test_an_older_netcoachs_committed_batch_is_finished(store: Store) -> None:
    store.contacts.add(maya())
    legacy = store.root / ".batch"
    legacy.mkdir()
    (legacy / "ann-lee.toml").write_text(contact_toml(Contact(name="Ann Lee")))
    (legacy / BATCH_COMMITTED).write_text("")
    assert sorted(r.id for r in store.reader.load().records) == ["ann-lee", "maya-chen"]
    assert legacy.exists()  # a command that only reads moves files in, and deletes nothing
    store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "x"))
    assert not legacy.exists()


# -- smaller: the add race, the import collision, find ---------------------------------------------


def test_the_same_name_is_decided_under_the_lock(
    store: Store, make_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another netcoach adds Maya just before this one takes the lock: this add still hears of her."""
    other = make_store(cache="other-cache")
    real_locked = DataFolder.locked
    raced = []

    def locked(self: DataFolder):  # type: ignore[no-untyped-def]
        if not raced and self is store.folder:
            raced.append(other.contacts.add(maya()))  # the other process wins the race to the lock
        return real_locked(self)

    monkeypatch.setattr(DataFolder, "locked", locked)
    with pytest.raises(SameName) as caught:
        store.contacts.add(maya(), unless_named_like=True)
    assert [r.id for r in caught.value.existing] == ["maya-chen"]
    assert str(caught.value) == "you already have someone called Maya Chen (maya-chen)"
    assert store.contacts.add(maya()).id == "maya-chen-2"  # without the condition: a second Maya


def test_same_name_is_case_and_accent_blind(store: Store) -> None:
    store.contacts.add(Contact(name="José Núñez"))
    with pytest.raises(SameName):
        store.contacts.add(Contact(name="jose nunez"), unless_named_like=True)
    assert store.contacts.add(Contact(name="Josefa Núñez"), unless_named_like=True).id == "josefa-nunez"


def test_an_import_that_keeps_colliding_names_the_contact_and_says_it_is_safe_to_run_again(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.contacts.add(Contact(name="Person 0", emails=["p0@example.com"]))
    source = tmp_path / "Connections.csv"
    source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Person,0,,p0@example.com,Acme,Role,30 May 2024\n"
    )
    plan = plan_import("linkedin", source, store.reader.load().records)
    real_apply = Batches.apply
    edits = iter(range(100))

    def apply(self: Batches, *args: object, **kwargs: object) -> object:
        n = next(edits)  # someone edits her in the app between every plan and its write
        store.contacts.update("person-0", lambda c: setattr(c, "notes", f"edit {n}"))
        return real_apply(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Batches, "apply", apply)
    with pytest.raises(ConflictError) as caught:
        apply_import(store, plan)
    assert str(caught.value) == (
        "Person 0 (person-0.toml) changed while the import was being prepared (the data kept changing while"
        " importing); nothing was imported, and running the same import again is safe"
    )
    assert [r.contact.company for r in store.reader.load().records] == [""]


def test_an_exact_name_comes_before_an_id(store: Store) -> None:
    jo = store.contacts.add(Contact(name="Jo Smith"))
    other = store.contacts.add(Contact(name="jo-smith"))
    records = store.reader.load().records
    assert jo.id == "jo-smith" and other.id == "jo-smith-2"
    assert find_record("jo-smith", records).id == "jo-smith-2"  # the exact name
    assert find_record("Jo Smith", records).id == "jo-smith"
    assert find_record("jo-smith-2", records).id == "jo-smith-2"  # an id still works


def test_an_id_picks_among_people_of_one_name(store: Store) -> None:
    store.contacts.add(Contact(name="Ann Lee"))
    store.contacts.add(Contact(name="Ann Lee"))
    records = store.reader.load().records
    assert find_record("ann-lee-2", records).id == "ann-lee-2"
    with pytest.raises(StoreError):
        find_record("Ann Lee", records)


def test_a_persons_own_batch_folder_is_left_alone(store: Store) -> None:
    store.contacts.add(maya())
    theirs = store.root / ".batch"  # the name netcoach once used, but no commit marker: not netcoach's
    theirs.mkdir()
    (theirs / "plan.toml").write_text("mine = true\n")
    store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "x"))
    store.batches.apply([Contact(name="Ann Lee")], {})
    assert (theirs / "plan.toml").read_text() == "mine = true\n"
