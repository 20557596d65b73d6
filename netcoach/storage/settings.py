"""``config.toml`` in the data folder: the user's settings, read and remembered.

The settings' model is :class:`netcoach.storage.config.Config` (pydantic). ``netcoach due``
needs only the ``[timing]`` rules, which the index remembers while config.toml is unchanged,
so that a login need not load pydantic.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.folder import DataFolder
from netcoach.storage.index import Index, Stat, settled_before
from netcoach.storage.tomlfile import read_user_file
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

if TYPE_CHECKING:
    from netcoach.storage.config import Config


class Settings:
    """``config.toml``: the user's settings, and the timing rules remembered by the index."""

    def __init__(self, folder: DataFolder, index_path: Path | None) -> None:
        self.folder = folder
        self.index_path = index_path

    def _open_index(self) -> Index:
        return Index(self.index_path)

    def timing_rules(self) -> tuple[TimingRules, list[Problem]]:
        """The ``[timing]`` rules of config.toml and its problems, as :meth:`load_config` gives them.

        Remembered by the index while config.toml is unchanged, so that ``netcoach due`` need
        not load pydantic to validate it at every login.
        """
        try:
            stat = Stat.of(self.folder.config_path.stat())
        except FileNotFoundError:
            return DEFAULT_RULES, []
        with self._open_index() as index:
            raw = index.remembered("config.toml", stat)
            if raw is not None:
                try:
                    data = json.loads(raw)
                    problems = [
                        Problem(self.folder.config_path, int(a), int(b), str(c)) for a, b, c in data["problems"]
                    ]
                    return TimingRules(**data["timing"]), problems
                except (ValueError, TypeError, KeyError):
                    pass  # not what we wrote: validate the file again
            config, problems = self.load_config()
            if stat.mtime_ns < settled_before():
                found = [[p.line, p.col, p.message] for p in problems]
                index.remember("config.toml", stat, json.dumps({"timing": asdict(config.timing), "problems": found}))
            return config.timing, problems

    def load_config(self) -> tuple[Config, list[Problem]]:
        """The user's config, or the defaults and the problem if it does not load."""
        from netcoach.storage.config import Config  # pydantic: not needed by `netcoach due` on a warm index

        try:
            found = read_user_file(self.folder.config_path, Config, missing_ok=True)
        except FileProblem as problem:
            return Config(), [problem.problem]
        return (Config() if found is None else found.model), []
