"""``netcoach export``: the file written atomically and privately, to stdout, refused where it must not go."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine
from tests.helpers import AWKWARD_PEOPLE


@pytest.mark.parametrize(("kind", "start"), [("vcard", "BEGIN:VCARD"), ("csv", "id,name,"), ("json", "[")])
def test_export_command_writes_a_private_file(
    awkward_store: Store, tmp_path: Path, kind: str, start: str, netcoach: CommandLine
) -> None:
    target = tmp_path / f"out.{kind}"
    done = netcoach("export", kind, str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Exported {len(AWKWARD_PEOPLE)} people to {target}")
    assert target.read_text(encoding="utf-8").startswith(start)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_to_stdout(awkward_store: Store, netcoach: CommandLine) -> None:
    done = netcoach("export", "json", "-")
    assert done.returncode == 0
    names = [p["name"] for p in json.loads(done.stdout)]
    assert len(names) == len(AWKWARD_PEOPLE) and names[0] == '=HYPERLINK("http://evil.example")'


def test_round_trip_through_the_command_line(awkward_store: Store, tmp_path: Path, netcoach: CommandLine) -> None:
    target = tmp_path / "everyone.vcf"
    assert netcoach("export", "vcard", str(target)).returncode == 0
    other = tmp_path / "other-data"
    done = netcoach("--data", str(other), "import", "vcard", str(target))
    assert done.returncode == 0, done.stderr
    assert f"{len(AWKWARD_PEOPLE)} added, 0 merged, 0 unchanged, 0 skipped." in done.stdout
    mine = json.loads(netcoach("contacts", "--json").stdout)
    theirs = json.loads(netcoach("--data", str(other), "contacts", "--json").stdout)
    keys = ("name", "emails", "phone", "company", "role")
    assert [[c[k] for k in keys] for c in theirs] == [[c[k] for k in keys] for c in mine]


def test_export_refuses_bad_destinations(awkward_store: Store, tmp_path: Path, netcoach: CommandLine) -> None:
    inside = netcoach("export", "vcard", str(awkward_store.folder.contacts_dir / "x.toml"))
    assert inside.returncode == 2 and "outside the data folder" in inside.stderr
    missing = netcoach("export", "csv", str(tmp_path / "no" / "such" / "folder.csv"))
    assert missing.returncode == 2 and "there is no folder" in missing.stderr
    folder = netcoach("export", "json", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    assert "Traceback" not in inside.stderr + missing.stderr + folder.stderr


def test_export_says_which_files_could_not_be_read(awkward_store: Store, tmp_path: Path, netcoach: CommandLine) -> None:
    atomic_write(awkward_store.folder.contacts_dir / "broken.toml", "name = \n")  # a contact file the user broke
    done = netcoach("export", "json", str(tmp_path / "out.json"))
    assert done.returncode == 0
    assert "netcoach: 1 contact file could not be read, so it is not in the export" in done.stderr
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))) == len(AWKWARD_PEOPLE)


@pytest.mark.parametrize("kind", ["vcard", "json"])
def test_a_file_changed_by_hand_is_exported_as_it_is_now(
    awkward_store: Store, tmp_path: Path, netcoach: CommandLine, kind: str
) -> None:
    """vCard and JSON are made from the index's copies: a file changed since it was indexed is read again."""
    files = sorted(awkward_store.folder.contacts_dir.glob("*.toml"))
    for path in files:
        os.utime(path, (1_700_000_000, 1_700_000_000))  # settled long ago: the index remembers them
    target = tmp_path / f"out.{kind}"
    assert netcoach("export", kind, str(target)).returncode == 0  # the index is built
    assert "Brightline Health" in target.read_text(encoding="utf-8")
    maya = next(p for p in files if "Brightline" in p.read_text(encoding="utf-8"))
    maya.write_text(maya.read_text(encoding="utf-8").replace("Brightline Health", "Harbor Analytics"), encoding="utf-8")
    os.utime(maya, (1_700_000_100, 1_700_000_100))  # changed by hand, settled too
    done = netcoach("export", kind, str(target))
    assert done.returncode == 0, done.stderr
    text = target.read_text(encoding="utf-8")
    assert "Harbor Analytics" in text and "Brightline Health" not in text


def test_our_own_export_imported_again_changes_nobody(
    awkward_store: Store, tmp_path: Path, netcoach: CommandLine
) -> None:
    """The cards carry a UID (the importer does not need it); importing them back merges into the same people."""
    target = tmp_path / "everyone.vcf"
    assert netcoach("export", "vcard", str(target)).returncode == 0
    assert target.read_bytes().decode().count("\r\nUID:urn:uuid:") == len(AWKWARD_PEOPLE)
    before = netcoach("contacts", "--json").stdout
    done = netcoach("import", "vcard", str(target))
    assert done.returncode == 0, done.stderr
    assert f"0 added, 0 merged, {len(AWKWARD_PEOPLE)} unchanged, 0 skipped." in done.stdout
    assert netcoach("contacts", "--json").stdout == before
