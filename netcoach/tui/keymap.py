"""Key names: every binding's id (for ``[keymap]`` in config.toml), and the user's keymap checked against them."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Collection, Iterator, Mapping

from textual.binding import Binding
from textual.dom import DOMNode


def _subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def binding_ids() -> list[str]:
    """Every binding id the app, its screens, dialogs and widgets define, sorted.

    Every module of the app is imported first (the Draft and Checklist screens and the dialogs are
    otherwise imported only when first used): a new screen or dialog is found without a list to keep.
    """
    import netcoach.tui as package

    prefix = f"{package.__name__}."
    for found in pkgutil.walk_packages(package.__path__, prefix):
        importlib.import_module(found.name)
    ids: set[str] = set()
    for owner in _subclasses(DOMNode):
        if owner.__module__.startswith(prefix):
            ids |= {binding.id for binding in owner.BINDINGS if isinstance(binding, Binding) and binding.id}
    return sorted(ids)


def check_keymap(keymap: Mapping[str, str], known: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """The user's ``[keymap]``: the entries for known key names, and each unknown name in words
    ("netcoach.lgo (did you mean netcoach.log?)")."""
    unknown = []
    for name in sorted(set(keymap) - set(known)):
        close = difflib.get_close_matches(name, known, n=1)
        unknown.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return {name: keys for name, keys in keymap.items() if name in known}, unknown
