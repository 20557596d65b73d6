"""The user's settings: ``<data>/config.toml``.

Every section and key is documented here; unknown keys are errors (a typo should not be
silently ignored). A config file that fails to load is reported and the defaults are used.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from netcoach.model.fields import DistinctLines, FreeText, OneLine
from netcoach.timing.rules import TimingRules


class UserSettings(BaseModel):
    """Who you are, for the messages netcoach drafts."""

    model_config = ConfigDict(extra="forbid")

    name: OneLine = Field("", description="Your name, used in drafts ('Best, Sam').")
    signature: FreeText = Field("", description="Your e-mail signature, added under formal e-mails.")
    looking_for: OneLine = Field(
        "", description="What you want, in one sentence: 'learning about product roles in health tech'."
    )
    can_offer: DistinctLines = Field(
        default_factory=list, description="What you can offer anyone: 'my dbt notes', 'intros to SDSU alumni'."
    )


class Config(BaseModel):
    """``config.toml``: every setting has a default, so an empty file is a valid config."""

    model_config = ConfigDict(extra="forbid")

    theme: str | None = Field(None, description="The theme's name; unset: chosen from the terminal.")
    ask_before_send: bool = Field(True, description="Show the pre-send checklist before 'Mark as sent'.")
    user: UserSettings = Field(default_factory=UserSettings)
    timing: TimingRules = Field(default_factory=TimingRules)
    keymap: dict[str, str] = Field(
        default_factory=dict,
        description='Key remapping: binding id to keys, e.g. "netcoach.log" = "ctrl+l".',
    )
