"""Stages in words: what the app shows and what the command line accepts and prints.

``in_touch`` is stored in the files; people say and read "in touch". Plain Python (no pydantic),
so the command line's parser can use it.
"""

from __future__ import annotations

from netcoach.model.kinds import Stage


def stage_words(stage: Stage | str) -> str:
    """A stage as the app shows it: ``in touch``, ``not now``."""
    return str(getattr(stage, "value", stage)).replace("_", " ")


STAGE_WORDS = ", ".join(stage_words(s) for s in Stage)
"""Every stage in words, in order: for help texts and error messages."""


def parse_stage(text: str) -> Stage:
    """A stage as typed: ``not now``, ``not-now``, ``not_now``, ``Not Now`` all mean :attr:`Stage.NOT_NOW`.

    Raises ``ValueError`` naming the words accepted.
    """
    key = "_".join(text.replace("-", " ").replace("_", " ").casefold().split())
    try:
        return Stage(key)
    except ValueError:
        raise ValueError(f"{text!r} is not a stage: use one of: {STAGE_WORDS}") from None
