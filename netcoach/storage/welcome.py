"""The first start: who you are (``[user]`` in config.toml), asked once on an empty data folder.

Whether the question was asked is netcoach's own business, kept in ``.netcoach/welcomed``
(a file no person needs to see), not in config.toml: skipping the question changes nothing
of the user's. The answer itself goes into config.toml, keeping the user's comments and
order, through the folder's atomic writer, journaled (``netcoach undo`` takes it back).
"""

from __future__ import annotations

from pathlib import Path

from netcoach.model.problem import FileProblem
from netcoach.storage.dirs import open_folder
from netcoach.storage.errors import StoreError, WriteFailed
from netcoach.storage.folder import CONTACTS, OWN_DIR
from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store
from netcoach.storage.tomlfile import read_model

WELCOMED = "welcomed"
"""The file in ``.netcoach/`` that says the first-start question was asked (its text: when, for people)."""


def welcomed_path(store: Store) -> Path:
    return store.root / OWN_DIR / WELCOMED


def was_welcomed(store: Store) -> bool:
    """Was the first-start question asked in this data folder (answered or skipped)?"""
    try:
        with open_folder(store.root, (OWN_DIR,)) as own:
            return own.kind(WELCOMED) is not None
    except (OSError, StoreError):
        return False


def first_start(store: Store) -> bool:
    """Should the app ask who you are: never asked here, no contacts yet, and no name in config.toml.

    A config.toml that does not load counts as having a name: its problem is shown instead,
    and the question waits rather than writing over a file the user is still fixing.
    """
    if was_welcomed(store):
        return False
    try:
        if _has_contacts(store):
            return False
        found = store.settings.read_file()
    except (FileProblem, StoreError, OSError):
        return False
    return found is None or not found.model.user.name


def _has_contacts(store: Store) -> bool:
    """Is there at least one contact file? (Stops at the first: 30,000 need not be listed.)"""
    try:
        with store.folder.open(CONTACTS) as folder:
            return any(entry.name.endswith(".toml") and not entry.name.startswith(".") for entry in folder.scandir())
    except FileNotFoundError:
        return False


def mark_welcomed(store: Store, when: str) -> None:
    """Remember that the question was asked (``when``: a date, for a person reading the file).

    :class:`WriteFailed` if it cannot be written; the app then simply asks again next time.
    """
    with store.folder.locked():
        atomic_write(welcomed_path(store), f"asked for your name on {when}\n", within=store.root)


def save_user(store: Store, name: str, signature: str) -> Path:
    """Write ``[user] name`` and ``signature`` into config.toml, keeping its comments and order.

    Read and written under the lock, journaled ("Saved your name and signature": undoable). A
    config.toml that does not load raises :class:`FileProblem` and is left as it is; so does an
    answer that would not load back (:class:`WriteFailed`). Returns config.toml's path.
    """
    import tomlkit  # only when saving: not at every start

    from netcoach.storage.config import Config

    with store.folder.locked():
        path = store.folder.config_path
        found = store.settings.read_file()
        if found is not None and (found.model.user.name, found.model.user.signature) == (name, signature):
            return path
        document = tomlkit.parse("" if found is None else found.text)
        user = document.get("user")
        if not isinstance(user, dict):  # a tomlkit Table is a dict
            user = tomlkit.table()
            document["user"] = user
        user["name"] = name
        if signature:
            user["signature"] = tomlkit.string(signature, multiline="\n" in signature)
        elif "signature" in user:
            del user["signature"]
        text = tomlkit.dumps(document)
        try:
            read_model(path, text, Config)  # never write a file we could not read back
        except FileProblem as problem:
            raise WriteFailed(path, f"not saved: {problem.problem.message}") from None
        return store.folder.save_file("config.toml", text, note="Saved your name and signature")
