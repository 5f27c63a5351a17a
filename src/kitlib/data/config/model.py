"""The settings of a data folder as the kit uses them: `KitConfig` and its `Thresholds`,
built from the kit.toml keys that were read (`_build`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kitlib.data.config.keys import KNOWN_KEYS

DEFAULT_INDICATOR_TYPES = (
    "opplevd_kvalitet",
    "malt_kvalitet",
    "prioritering",
    "dekningsgrad",
    "produktivitet",
    "ressurs",
    "medarbeider",
    "okonomi",
    "kontekst",  # contract.CONTEXT_TYPE: size, FTEs, budget; shown in the title, never judged
)
DIRECTIONS = ("higher", "lower", "none")
INFLUENCEABLE = ("ja", "delvis", "nei")


@dataclass(frozen=True)
class Thresholds:
    """Numbers that decide how figures are read; each can be set in kit.toml."""

    near_share: float = 0.05  # default tolerance: this share of |target| counts as "near"
    trend_periods: int = 5  # the years, ending with the one reported, a trend is read over
    stable_share: float = 0.02  # a change below this share of the level is "stable"
    min_respondents: int = 5  # survey results from fewer respondents are suppressed
    confidence_z: float = 1.96  # a survey change must exceed z standard errors to count


@dataclass(frozen=True)
class KitConfig:
    municipality: str = ""
    language: str = "nb"
    data_date: str = ""
    perspectives: dict[str, dict[str, str]] = field(default_factory=dict)
    indicator_types: tuple[str, ...] = DEFAULT_INDICATOR_TYPES
    thresholds: Thresholds = Thresholds()
    peer_group: str = ""  # benchmark group shown as "KOSTRA group"
    national_group: str = ""  # benchmark group shown as "national average"
    # every key kit.toml gave (dotted name -> value as read), also those without a field here
    settings: dict[str, Any] = field(default_factory=dict)

    def setting(self, key: str, default=None):
        """The value kit.toml gave for the known key `key` ("budget.deflator"), else `default`."""
        if key not in KNOWN_KEYS:  # the package, where every caller imports KNOWN_KEYS from
            raise KeyError(f"'{key}' is not a known kit.toml key; add it to KNOWN_KEYS in {__package__}")
        return self.settings.get(key, default)

    def perspective_order(self, keys) -> list[str]:
        """Configured perspectives first in their order, then the others as they come."""
        known = [k for k in self.perspectives if k in set(keys)]
        rest = [k for k in dict.fromkeys(keys) if k not in self.perspectives]
        return known + rest


def _build(settings: dict[str, Any]) -> KitConfig:
    """KitConfig from the keys that were given and read; every other key keeps its default."""
    prefix = "thresholds."
    thresholds = {k.removeprefix(prefix): v for k, v in settings.items() if k.startswith(prefix)}
    extra_types = settings.get("indicator_types", [])
    return KitConfig(
        municipality=settings.get("municipality", ""),
        language=settings.get("language", "nb"),
        data_date=settings.get("data_date", ""),
        perspectives=settings.get("perspectives", {}),
        indicator_types=tuple(dict.fromkeys([*DEFAULT_INDICATOR_TYPES, *extra_types])),
        thresholds=Thresholds(**thresholds),
        peer_group=settings.get("benchmarks.peer_group", ""),
        national_group=settings.get("benchmarks.national", ""),
        settings=dict(settings),
    )
