"""Where a problem in a TOML file is: the line of the key it names, quoted and dotted keys included."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.model.problem import FileProblem
from netcoach.storage.config import Config
from netcoach.storage.tomlfile import dotted, locate, read_model

CONFIG = """\
theme = "netcoach-dark"

[keymap]
"netcoach.log" = "ctrl+l"
'netcoach.snooze' = 3
"netcoach.\\u001b]2;x\\u0007" = "x"
netcoach.deep = "x"

[timing]
max_nudges = 1
"""


@pytest.mark.parametrize(
    ("loc", "where"),
    [
        (("theme",), (1, 1)),
        (("keymap",), (3, 1)),
        (("keymap", "netcoach.log"), (4, 1)),  # a quoted key with a dot is one key, not two
        (("keymap", "netcoach.snooze"), (5, 1)),  # a literal string key
        (("keymap", "netcoach.\x1b]2;x\x07"), (6, 1)),  # a basic string's escapes, decoded
        (("keymap", "netcoach"), (7, 1)),  # a dotted key makes a table inside the one named
        (("timing", "max_nudges"), (10, 1)),
        (("timing", "nothing_like_it"), (9, 1)),  # not there: its table
        (("nowhere",), (1, 1)),
    ],
)
def test_locate_finds_the_key(loc: tuple[str, ...], where: tuple[int, int]) -> None:
    assert locate(CONFIG, loc) == where


def test_locate_counts_arrays_of_tables() -> None:
    text = 'name = "A"\n\n[[interactions]]\nkind = "sent"\n\n[[interactions]]\n  "kind" = "nope"\n'
    assert locate(text, ("interactions", 1, "kind")) == (7, 3)
    assert locate(text, ("interactions", 0, "kind")) == (4, 1)


def test_a_keymap_type_error_points_at_its_line() -> None:
    with pytest.raises(FileProblem) as caught:
        read_model(Path("config.toml"), CONFIG, Config)
    assert str(caught.value).startswith('config.toml:5:1: keymap."netcoach.snooze": Input should be a valid string')


def test_a_location_is_shown_as_it_is_written() -> None:
    assert dotted(("interactions", 0, "kind")) == "interactions.0.kind"
    assert dotted(("keymap", "netcoach.log")) == 'keymap."netcoach.log"'
    assert dotted(("\x1b]2;x\x07",)) == '"\\u001b]2;x\\u0007"'
