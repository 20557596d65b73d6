"""Key names: every binding's id (for ``[keymap]`` in config.toml), and the user's keymap checked against them."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Collection, Iterator, Mapping

from textual.binding import Binding
from textual.dom import DOMNode

from netcoach.model.text import terminal_safe


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


def unknown_names(keymap: Mapping[str, str], known: Collection[str]) -> list[tuple[str, str | None]]:
    """Each name of the user's ``[keymap]`` that is no binding's id, sorted, with the known name it is closest to."""
    return [
        (name, next(iter(difflib.get_close_matches(name, known, n=1)), None))
        for name in sorted(set(keymap) - set(known))
    ]


def check_keymap(keymap: Mapping[str, str], known: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """The user's ``[keymap]``: the entries for known key names, and each unknown name in words, fit for a
    terminal ("netcoach.lgo (did you mean netcoach.log?)")."""
    unknown = [
        terminal_safe(name) + (f" (did you mean {close}?)" if close else "")
        for name, close in unknown_names(keymap, known)
    ]
    return {name: keys for name, keys in keymap.items() if name in known}, unknown
