"""The store: atomic writes, locking, bad files reported and left alone, safe names, the index."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from netcoach.fsio import TEMP_SUFFIX, atomic_write
from netcoach.index import index_path
from netcoach.models import Contact, Interaction
from netcoach.store import ConflictError, Store, contact_toml
from netcoach.tomlfile import FileProblem

DAY = dt.date(2026, 11, 17)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def maya(**changes: object) -> Contact:
    data: dict[str, object] = {
        "name": "Maya Chen",
        "company": "Brightline Health",
        "emails": ["maya.chen@example.com"],
        "met_at": "the SDSU alumni happy hour",
        "met_on": DAY,
        "interactions": [Interaction(date=DAY, kind="met", channel="in_person", summary="Swapped cards")],
    }
    data.update(changes)
    return Contact.model_validate(data)


def backdate(path: Path, seconds: int = 3600) -> None:
    """Make a file look as if it was written a while ago (the index trusts only settled files)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns - seconds * 10**9, st.st_mtime_ns - seconds * 10**9))


# -- atomic writes ------------------------------------------------------------------------


def test_no_temp_files_are_left_after_writes(store: Store) -> None:
    record = store.add(maya())
    store.update(record.id, lambda c: setattr(c, "notes", "Prefers e-mail."))
    current = store.read(record.id)
    store.save(current, current.contact.model_copy(update={"role": "Designer"}))
    store.add_many([Contact(name="Tom Becker"), Contact(name="Sofia Alvarez")])
    store.write_text("drafts/maya-chen.toml", 'body = "hi"\n')
    assert temp_files(store.root) == []
    assert sorted(p.name for p in store.contacts_dir.iterdir()) == [
        "maya-chen.toml",
        "sofia-alvarez.toml",
        "tom-becker.toml",
    ]


def test_stray_temp_files_are_removed_on_the_next_load(store: Store) -> None:
    store.add(maya())
    for folder in (store.root, store.contacts_dir):
        atomic_write(folder / f".maya-chen.toml.x1y2z3{TEMP_SUFFIX}", b'name = "half')
    assert len(temp_files(store.root)) == 2
    result = store.load()
    assert temp_files(store.root) == []
    assert [r.contact.name for r in result.records] == ["Maya Chen"]
    assert result.problems == []


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from netcoach.store import Store

    store = Store(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
    versions = ["short", "long " * 4000]
    count = 0
    while True:
        text = versions[count % 2]
        store.update("maya-chen", lambda contact: setattr(contact, "notes", text))
        count += 1
        print(count, flush=True)
    """
)


def test_a_write_killed_midway_leaves_the_old_or_the_new_file(store: Store, tmp_path: Path) -> None:
    store.add(maya(notes="short"))
    allowed = {contact_toml(maya(notes=text)).encode() for text in ("short", "long " * 4000)}
    rng = random.Random(20261118)
    for _round in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(store.root), str(tmp_path / "cache")],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        for _ in range(rng.randint(1, 25)):  # let it write a random number of times, then kill it mid-flight
            assert child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        data = store.path_of("maya-chen").read_bytes()
        assert data in allowed
        assert tomllib.loads(data.decode())["name"] == "Maya Chen"
        result = Store(store.root, cache_dir=tmp_path / "cache").load()
        assert [r.contact.name for r in result.records] == ["Maya Chen"]
        assert result.problems == []
        assert temp_files(store.root) == []


def test_two_processes_logging_to_one_contact_both_keep_every_change(store: Store) -> None:
    store.add(maya())
    env = {**os.environ, "NETCOACH_DATA": str(store.root)}

    def worker(name: str) -> list[int]:
        codes = []
        for n in range(50):
            argv = [sys.executable, "-m", "netcoach.cli", "log", "Maya Chen", "note", "--summary", f"{name}-{n}"]
            codes.append(subprocess.run(argv, env=env, capture_output=True, check=False).returncode)
        return codes

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(worker, ["one", "two"]))
    assert results == [[0] * 50, [0] * 50]
    contact = store.read("maya-chen").contact
    summaries = [i.summary for i in contact.interactions if i.kind == "note"]
    assert len(summaries) == 100
    assert set(summaries) == {f"{w}-{n}" for w in ("one", "two") for n in range(50)}
    assert temp_files(store.root) == []


# -- bad files ----------------------------------------------------------------------------

BAD_FILES = {
    "syntax": ('name = "Ann Lee"\ncompany = "Acme\nrole = "x"\n', 2, 16, "invalid TOML: Illegal character"),
    "array": ('name = "Ann Lee"\n[[interactions]\ndate = 2026-11-17\n', 2, 15, "invalid TOML: Expected ']]'"),
    "interaction": (
        'name = "Ann Lee"\n\n[[interactions]]\ndate = 2026-11-17\nkind = "met"\n\n'
        '[[interactions]]\ndate = 2026-11-18\nkind = "lunch"\n',
        9,
        1,
        "interactions.1.kind: Input should be",
    ),
    "typo": ('name = "Ann Lee"\ncompnay = "Acme"\n', 2, 1, "compnay: unknown key (check the spelling)"),
    "nested-typo": (
        'name = "Ann Lee"\n\n[[interactions]]\ndate = 2026-11-17\n  kind = "met"\n  sumary = "x"\n',
        6,
        3,
        "interactions.0.sumary: unknown key",
    ),
    "email": ('name = "Ann Lee"\nstage = "new"\nemails = ["ann@example.com", "ann"]\n', 3, 1, "emails.1: value is not"),
    "missing-name": ('company = "Acme"\n', 1, 1, "name: required, but missing"),
}


def write_bad_files(store: Store) -> dict[str, bytes]:
    store.add(maya())
    written = {}
    for stem, (text, *_rest) in BAD_FILES.items():
        store.write_text(f"contacts/{stem}.toml", text)
        written[stem] = text.encode()
    latin1 = b'name = "Ann Lee"\nnotes = "caf\xe9 au lait"\n'
    atomic_write(store.contacts_dir / "latin1.toml", latin1)
    written["latin1"] = latin1
    return written


def test_bad_files_are_reported_with_path_line_and_column(store: Store) -> None:
    write_bad_files(store)
    result = store.load()
    assert [r.contact.name for r in result.records] == ["Maya Chen"]  # the good file still loads
    problems = {p.path.stem: p for p in result.problems}
    assert set(problems) == {*BAD_FILES, "latin1"}
    for stem, (_text, line, col, message) in BAD_FILES.items():
        problem = problems[stem]
        assert problem.path == store.contacts_dir / f"{stem}.toml"
        assert (problem.line, problem.col) == (line, col), stem
        assert problem.message.startswith(message), problem.message
        assert str(problem).startswith(f"{store.contacts_dir / stem}.toml:{line}:{col}: {message}")
    latin1 = problems["latin1"]
    assert (latin1.line, latin1.col, latin1.message) == (2, 13, "not UTF-8 text")


def test_bad_files_are_never_rewritten(store: Store) -> None:
    written = write_bad_files(store)
    before = snapshot(store.contacts_dir)
    store.load()
    store.load()
    for stem in written:
        with pytest.raises(FileProblem) as caught:
            store.update(stem, lambda c: setattr(c, "notes", "changed"))
        assert caught.value.problem.path == store.contacts_dir / f"{stem}.toml"
    store.add(Contact(name="Ann Lee"))
    after = snapshot(store.contacts_dir)
    assert after.pop("ann-lee.toml")
    assert after == before
    assert {f"{stem}.toml": data for stem, data in written.items()}.items() <= before.items()


def test_problems_are_remembered_by_the_index_and_stay_correct(store: Store) -> None:
    write_bad_files(store)
    for path in store.contacts_dir.iterdir():
        backdate(path)
    first = sorted(map(str, store.load().problems))
    second = sorted(map(str, store.load().problems))
    assert first == second and len(first) == len(BAD_FILES) + 1


def test_a_file_fixed_by_hand_loads_again(store: Store) -> None:
    store.write_text("contacts/ann.toml", 'name = "Ann"\ncompnay = "Acme"\n')
    assert len(store.load().problems) == 1
    store.write_text("contacts/ann.toml", 'name = "Ann"\ncompany = "Acme"\n')
    result = store.load()
    assert result.problems == []
    assert [r.contact.company for r in result.records] == ["Acme"]


# -- names and files ----------------------------------------------------------------------

UNSAFE_NAMES = ["../../x", "..", ".", "CON", "con", "nul", "🙂", "🙂🎉", "王小明", "李雷", "a/b\\c", "/etc/passwd", "x"]


def test_unsafe_names_give_safe_distinct_files_inside_contacts(store: Store) -> None:
    records = [store.add(Contact(name=name)) for name in UNSAFE_NAMES]
    ids = [r.id for r in records]
    assert len(set(ids)) == len(UNSAFE_NAMES)
    files = sorted(store.contacts_dir.iterdir())
    assert len(files) == len(UNSAFE_NAMES)
    for record in records:
        path = store.path_of(record.id)
        assert path.resolve().parent == store.contacts_dir.resolve()
        assert path.is_file()
        assert not path.name.startswith(".")
    assert sorted(p.name for p in store.root.iterdir()) == [".netcoach.lock", "contacts"]
    loaded = {r.id: r.contact.name for r in store.load().records}
    assert loaded == {r.id: name for r, name in zip(records, UNSAFE_NAMES, strict=True)}


def test_the_file_format_is_fixed_and_readable(store: Store) -> None:
    record = store.add(maya(tags=["design"], cadence_days=30, story="line one\nline two"))
    text = store.path_of(record.id).read_text()
    assert text == (
        'name = "Maya Chen"\n'
        'company = "Brightline Health"\n'
        'emails = [\n    "maya.chen@example.com",\n]\n'
        'tags = [\n    "design",\n]\n'
        'stage = "new"\n'
        'met_at = "the SDSU alumni happy hour"\n'
        "met_on = 2026-11-17\n"
        'story = """\nline one\nline two"""\n'
        "cadence_days = 30\n"
        "\n[[interactions]]\n"
        "date = 2026-11-17\n"
        'kind = "met"\n'
        'channel = "in_person"\n'
        'summary = "Swapped cards"\n'
    )


def test_saving_an_unchanged_contact_gives_a_byte_identical_file(store: Store) -> None:
    record = store.add(maya(notes="A note\nover two lines", tags=["a", "b"], snoozed_until=DAY))
    path = store.path_of(record.id)
    before = path.read_bytes()
    backdate(path)
    mtime = path.stat().st_mtime_ns
    again = store.read(record.id)
    assert contact_toml(again.contact).encode() == before
    assert store.save(again, again.contact.model_copy(deep=True)) == again
    store.update(record.id, lambda c: None)
    store.update(record.id, lambda c: setattr(c, "company", "Brightline Health"))
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime  # not even rewritten


def test_a_hand_written_file_is_not_reordered_by_an_unchanged_save(store: Store) -> None:
    text = '# my note\nstage = "in_touch"\nname = "Ann Lee"\n\n[[interactions]]\nkind = "met"\ndate = 2026-11-17\n'
    store.write_text("contacts/ann.toml", text)
    record = store.read("ann")
    store.save(record, record.contact.model_copy(deep=True))
    store.update("ann", lambda c: None)
    assert store.path_of("ann").read_text() == text


def test_serialising_is_stable_across_a_round_trip(store: Store) -> None:
    contact = maya(
        phone="+1 619 555 0100",
        linkedin="https://www.linkedin.com/in/maya",
        common_ground=["same major at SDSU"],
        they_can_help="Usability tests",
        i_can_offer="My checklist",
        reach_out_after=dt.date(2026, 12, 1),
        cadence_days=60,
        connected_on=dt.date(2025, 1, 1),
        source="linkedin import",
        notes='Quotes " and \\ backslashes and """ triple',
    )
    contact.interactions.append(
        Interaction(date=DAY, kind="sent", awaiting_reply=False, message_kind="follow_up", anxiety=0, outcome="reply")
    )
    record = store.add(contact)
    data = store.path_of(record.id).read_bytes()
    assert store.read(record.id).contact == contact
    assert contact_toml(store.read(record.id).contact).encode() == data


# -- conflicts ----------------------------------------------------------------------------


def test_save_refuses_a_file_changed_since_it_was_read(store: Store) -> None:
    record = store.add(maya())
    mine = record.contact.model_copy(update={"role": "Designer"})
    store.update(record.id, lambda c: setattr(c, "notes", "from the other session"))
    theirs = store.path_of(record.id).read_bytes()
    with pytest.raises(ConflictError) as caught:
        store.save(record, mine)
    assert caught.value.current is not None
    assert caught.value.current.contact.notes == "from the other session"
    assert store.path_of(record.id).read_bytes() == theirs
    forced = store.save(record, mine, force=True)
    assert store.read(record.id).contact.role == "Designer"
    assert forced.digest != record.digest


def test_save_refuses_a_file_deleted_since_it_was_read(store: Store) -> None:
    record = store.add(maya())
    store.path_of(record.id).unlink()
    with pytest.raises(ConflictError) as caught:
        store.save(record, record.contact.model_copy(update={"role": "Designer"}))
    assert caught.value.current is None
    assert not store.path_of(record.id).exists()


def test_save_after_a_fresh_read_succeeds(store: Store) -> None:
    record = store.add(maya())
    store.update(record.id, lambda c: setattr(c, "notes", "x"))
    fresh = store.read(record.id)
    saved = store.save(fresh, fresh.contact.model_copy(update={"role": "Designer"}))
    assert store.read(record.id).contact.notes == "x"
    assert saved.contact.role == "Designer"


# -- permissions --------------------------------------------------------------------------


def test_folders_are_0700_and_files_0600(store: Store, tmp_path: Path) -> None:
    record = store.add(maya())
    store.write_text("drafts/maya-chen.toml", 'body = "hi"\n')
    store.load()
    for folder in (store.root, store.contacts_dir, store.root / "drafts"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in (store.path_of(record.id), store.root / "drafts/maya-chen.toml", store.root / ".netcoach.lock"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    index = index_path(tmp_path / "cache", store.root)
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    assert stat.S_IMODE(index.parent.stat().st_mode) == 0o700


def test_write_text_refuses_paths_outside_the_data_folder(store: Store, tmp_path: Path) -> None:
    from netcoach.store import StoreError

    with pytest.raises(StoreError):
        store.write_text("../outside.toml", "x")
    assert not (tmp_path / "outside.toml").exists()


# -- the index ----------------------------------------------------------------------------


def names(store: Store) -> list[tuple[str, str]]:
    return sorted((r.id, r.contact.notes) for r in store.load().records)


def filled(store: Store, count: int = 5) -> list[tuple[str, str]]:
    for n in range(count):
        store.add(maya(name=f"Person {n}", notes=f"note {n}"))
    for path in store.contacts_dir.iterdir():
        backdate(path)
    expected = names(store)
    assert len(expected) == count
    return expected


def test_a_deleted_index_loses_nothing(store: Store, tmp_path: Path) -> None:
    expected = filled(store)
    index = index_path(tmp_path / "cache", store.root)
    assert index.exists()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)
    assert names(store) == expected
    assert names(store) == expected


def test_a_corrupted_index_is_rebuilt(store: Store, tmp_path: Path) -> None:
    expected = filled(store)
    index = index_path(tmp_path / "cache", store.root)
    for suffix in ("-wal", "-shm"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)
    atomic_write(index, random.Random(1).randbytes(8192))
    assert names(store) == expected
    assert names(store) == expected
    atomic_write(index, b"SQLite format 3\x00" + bytes(4096))  # a header and nothing sane behind it
    assert names(store) == expected


def test_a_stale_index_sees_added_changed_and_removed_files(store: Store) -> None:
    expected = filled(store)
    store.update("person-1", lambda c: setattr(c, "notes", "changed"))
    store.path_of("person-2").unlink()
    store.add(maya(name="Person 9", notes="new"))
    expected = [(i, "changed" if i == "person-1" else n) for i, n in expected if i != "person-2"]
    assert names(store) == sorted([*expected, ("person-9", "new")])


def test_a_file_edited_on_disk_with_the_same_size_is_read_again(store: Store) -> None:
    filled(store)
    path = store.path_of("person-3")
    before = path.stat()
    text = path.read_text()
    assert "note 3" in text
    atomic_write(path, text.replace("note 3", "note X"))  # same size, new content
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with the old modification time
    assert path.stat().st_size == before.st_size
    assert dict(names(store))["person-3"] == "note X"


def test_an_in_place_edit_with_the_same_size_and_time_is_read_again(store: Store) -> None:
    filled(store)
    path = store.path_of("person-4")
    before = path.stat()
    data = path.read_bytes()
    offset = data.index(b"note 4")
    fd = os.open(path, os.O_WRONLY)  # an editor saving in place: same file, same size
    try:
        os.pwrite(fd, b"note Y", offset)
    finally:
        os.close(fd)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    assert dict(names(store))["person-4"] == "note Y"


def test_the_index_is_used_for_files_that_did_not_change(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = filled(store)
    reads: list[Path] = []
    original = Store._parse

    def counting(self: Store, path: Path, data: bytes) -> Contact:
        reads.append(path)
        return original(self, path, data)

    monkeypatch.setattr(Store, "_parse", counting)
    assert names(store) == expected
    assert reads == []
    store.update("person-0", lambda c: setattr(c, "notes", "fresh"))
    reads.clear()
    assert dict(names(store))["person-0"] == "fresh"
    assert reads == [store.path_of("person-0")]


def test_without_an_index_everything_still_loads(store: Store, tmp_path: Path) -> None:
    expected = filled(store)
    plain = Store(store.root, cache_dir=tmp_path / "other-cache", use_index=False)
    assert sorted((r.id, r.contact.notes) for r in plain.load().records) == expected
    assert not (tmp_path / "other-cache").exists()


def test_an_unwritable_cache_folder_is_only_slower(store: Store, tmp_path: Path) -> None:
    store.add(maya())
    blocked = tmp_path / "blocked"
    atomic_write(blocked, b"a file where the cache folder should be")
    other = Store(store.root, cache_dir=blocked / "cache")
    assert [r.contact.name for r in other.load().records] == ["Maya Chen"]


# -- finding ------------------------------------------------------------------------------


def test_find_by_exact_name_prefix_id_and_folded_accents(store: Store) -> None:
    from netcoach.store import Ambiguous, NotFound

    store.add(Contact(name="José Díaz"))
    store.add(Contact(name="Maya Chen"))
    store.add(Contact(name="Maya Lin"))
    store.add(Contact(name="Maya"))
    assert store.find("jose").contact.name == "José Díaz"
    assert store.find("MAYA").contact.name == "Maya"  # the exact name wins over prefixes
    assert store.find("maya c").contact.name == "Maya Chen"
    assert store.find("maya-lin").contact.name == "Maya Lin"
    with pytest.raises(Ambiguous) as caught:
        store.find("ma")
    assert [r.contact.name for r in caught.value.candidates] == ["Maya", "Maya Chen", "Maya Lin"]
    with pytest.raises(NotFound):
        store.find("nobody")
    with pytest.raises(NotFound):
        store.find("   ")
