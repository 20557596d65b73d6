"""The numbers behind the timing rules: ``[timing]`` in config.toml.

A plain frozen dataclass, so ``netcoach due`` runs the engine without loading pydantic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _number(default: int, low: int, high: int, help_text: str) -> Any:
    return field(default=default, metadata={"ge": low, "le": high, "description": help_text})


@dataclass(frozen=True)
class TimingRules:
    """The numbers behind the timing rules (``[timing]`` in config.toml).

    A plain frozen dataclass, so ``netcoach due`` runs the engine without loading pydantic;
    in ``config.toml`` it is validated like a model: bounds checked, unknown keys refused.
    """

    follow_up_business_days: int = _number(1, 0, 30, "After meeting someone: first follow-up.")
    nudge_days_met: int = _number(7, 1, 365, "No reply from someone you met: nudge after.")
    nudge_days_cold: int = _number(14, 1, 365, "No reply to a cold message: nudge after.")
    max_nudges: int = _number(2, 0, 10, "Nudges before letting it rest.")
    resting_days: int = _number(90, 1, 3650, "Resting: a light reconnect after.")
    reply_business_days: int = _number(1, 0, 30, "They wrote: reply within.")
    thank_you_business_days: int = _number(1, 0, 30, "After a meeting or call: thank-you within.")
    keep_in_touch_days: int = _number(90, 1, 3650, "Default keep-in-touch interval.")
    not_now_days: int = _number(180, 1, 3650, "Right person, wrong time: check back after.")
    stale_after_days: int = _number(30, 1, 3650, "A follow-up this many days past its moment becomes a reconnect.")
    reconnects_per_day: int = _number(3, 1, 100, "Reconnects due a business day, oldest first.")

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            low, high = item.metadata["ge"], item.metadata["le"]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ValueError(f"{item.name} must be a whole number from {low} to {high}, not {value!r}")

    def key(self) -> str:
        """A short text that differs whenever any number differs (the index remembers due dates by it)."""
        return ",".join(str(getattr(self, item.name)) for item in fields(self))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Validate a ``[timing]`` table as a strict model (bounds, unknown keys), then build the dataclass."""
        from pydantic import ConfigDict, Field, create_model
        from pydantic_core import core_schema

        table = create_model(  # type: ignore[call-overload]
            "TimingRules",
            __config__=ConfigDict(extra="forbid"),
            **{item.name: (int, Field(item.default, **item.metadata)) for item in fields(cls)},
        )
        as_rules = core_schema.no_info_after_validator_function(
            lambda model: cls(**dict(model)), handler.generate_schema(table)
        )
        return core_schema.no_info_before_validator_function(
            lambda value: asdict(value) if isinstance(value, cls) else value,
            as_rules,
            serialization=core_schema.plain_serializer_function_ser_schema(asdict),
        )


DEFAULT_RULES = TimingRules()
