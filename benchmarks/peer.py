"""The peer, side by side: ``khard list`` over the same people as vCards, in the same run.

Used by ``bench_cli.py --peer khard``. It installs nothing: khard is in the ``bench`` extra
(``pip install -e '.[bench]'``); when it is not importable, the peer is skipped with a note.
The people are generated again from the same seed as the data folder, and written by
netcoach's own vCard exporter, one ``.vcf`` file each in a folder (khard's "vdir"), with a
khard config of its own (nothing of the user's is read).
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable
from pathlib import Path

from netcoach.exchange.export import vcard_text
from netcoach.model.contact import Contact

KHARD_CONFIG = """\
[general]
editor = true
merge_editor = true

[contact table]
display = formatted_name
sort = formatted_name

[addressbooks]
[[bench]]
path = {path}
"""


def khard_available() -> bool:
    return importlib.util.find_spec("khard") is not None


def write_vcards(
    folder: Path,
    count: int,
    active: float,
    make_contact: Callable[[random.Random, int, float], Contact],
    seed: int = 2026,
) -> Path:
    """The same ``count`` people as the data folder, one vCard file each in ``folder/vcards``;
    returns the khard config file to pass with ``-c``. Reused if it is there already."""
    cards = folder / "vcards"
    config = folder / "khard.conf"
    if not cards.is_dir() or len(list(cards.glob("*.vcf"))) != count:
        cards.mkdir(parents=True, exist_ok=True)
        rng = random.Random(seed)
        for number in range(count):
            card = vcard_text(make_contact(rng, number, active))
            begin, rest = card.split("\n", 1)  # khard lists only cards with a UID
            card = f"{begin}\nUID:netcoach-bench-{number}\r\n{rest}"
            (cards / f"person-{number}.vcf").write_text(card, encoding="utf-8", newline="")
    config.write_text(KHARD_CONFIG.format(path=cards), encoding="utf-8")
    return config
