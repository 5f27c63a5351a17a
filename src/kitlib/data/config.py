"""The optional ``kit.toml`` of a data folder: the municipality's own settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kitlib.errors import ConfigError

DEFAULT_INDICATOR_TYPES = (
    "opplevd_kvalitet",
    "malt_kvalitet",
    "prioritering",
    "dekningsgrad",
    "produktivitet",
    "ressurs",
    "medarbeider",
    "okonomi",
)
DIRECTIONS = ("higher", "lower", "none")
INFLUENCEABLE = ("ja", "delvis", "nei")
LANGUAGES = ("nb", "da", "en")


@dataclass(frozen=True)
class Thresholds:
    """Numbers that decide how figures are read; each can be set in kit.toml."""

    near_share: float = 0.05  # default tolerance: this share of |target| counts as "near"
    trend_periods: int = 3  # how many periods, ending with the one reported, make a trend
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

    def perspective_label(self, key: str, lang: str | None = None) -> str:
        names = self.perspectives.get(key, {})
        return names.get(lang or self.language) or names.get("nb") or key

    def perspective_order(self, keys) -> list[str]:
        """Configured perspectives first in their order, then the others as they come."""
        known = [k for k in self.perspectives if k in set(keys)]
        rest = [k for k in dict.fromkeys(keys) if k not in self.perspectives]
        return known + rest


def load_config(path: Path) -> KitConfig:
    """Read kit.toml; a missing file gives the defaults."""
    if not path.exists():
        return KitConfig()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); see data/README.md for an example") from exc
    return config_from_dict(raw, str(path))


def config_from_dict(raw: dict, where: str = "kit.toml") -> KitConfig:
    def expect(value, kind, key):
        if not isinstance(value, kind):
            raise ConfigError(f"{where}: '{key}' should be {kind.__name__}, not {value!r}")
        return value

    language = expect(raw.get("language", "nb"), str, "language")
    if language not in LANGUAGES:
        raise ConfigError(f"{where}: language '{language}' is not one of {', '.join(LANGUAGES)}")

    perspectives: dict[str, dict[str, str]] = {}
    for key, names in expect(raw.get("perspectives", {}), dict, "perspectives").items():
        if isinstance(names, str):
            names = {"nb": names}
        perspectives[key] = dict(expect(names, dict, f"perspectives.{key}"))

    extra_types = expect(raw.get("indicator_types", []), list, "indicator_types")
    types = tuple(dict.fromkeys([*DEFAULT_INDICATOR_TYPES, *map(str, extra_types)]))

    th_raw = expect(raw.get("thresholds", {}), dict, "thresholds")
    defaults = Thresholds()
    values = {}
    for name in Thresholds.__dataclass_fields__:
        value = th_raw.get(name, getattr(defaults, name))
        kind = type(getattr(defaults, name))
        if kind is float and isinstance(value, int):
            value = float(value)
        values[name] = expect(value, kind, f"thresholds.{name}")
    unknown = set(th_raw) - set(values)
    if unknown:
        raise ConfigError(
            f"{where}: unknown threshold(s) {', '.join(sorted(unknown))}; known are {', '.join(values)}"
        )

    bench = expect(raw.get("benchmarks", {}), dict, "benchmarks")
    data_date = raw.get("data_date", "")
    return KitConfig(
        municipality=expect(raw.get("municipality", ""), str, "municipality"),
        language=language,
        data_date=str(data_date),
        perspectives=perspectives,
        indicator_types=types,
        thresholds=Thresholds(**values),
        peer_group=expect(bench.get("peer_group", ""), str, "benchmarks.peer_group"),
        national_group=expect(bench.get("national", ""), str, "benchmarks.national"),
    )
