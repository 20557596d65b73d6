"""Saving what the user wants (``[user] looking_for``) into config.toml, keeping their comments and order."""

from __future__ import annotations

from pathlib import Path

import tomlkit

from netcoach.model.text import clean_line
from netcoach.storage.store import Store
from netcoach.storage.tomlfile import read_model


def save_looking_for(store: Store, sentence: str) -> Path:
    """Write ``[user] looking_for = "sentence"`` into ``<data>/config.toml``, under the lock, atomically and
    journaled (``netcoach undo`` takes it back). A config file that does not load raises :class:`FileProblem`
    and is left as it is. Returns the config file's path."""
    from netcoach.storage.config import Config

    sentence = clean_line(sentence).strip()
    with store.folder.locked():
        path = store.folder.config_path
        found = store.settings.read_file()
        document = tomlkit.parse("" if found is None else found.text)
        user = document.get("user")
        if user is None:
            user = tomlkit.table()
            document["user"] = user
        user["looking_for"] = sentence
        new_text = tomlkit.dumps(document)
        read_model(path, new_text, Config)  # never write a file we could not read back
        return store.folder.save_file("config.toml", new_text, note="Saved what you are looking for")
