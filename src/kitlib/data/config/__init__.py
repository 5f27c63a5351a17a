"""The optional ``kit.toml`` of a data folder: the municipality's own settings.

kit.toml is strict: every key must be one of `KNOWN_KEYS`, with a value of the kind it
names, so that a misspelt key (``[tresholds]``) or a value of the wrong kind
(``min_respondents = true``) is refused with a message instead of silently ignored.

The parts: keys (the key table and how each value is read), model (`KitConfig`), reading
(kit.toml, its problems and their lines) and as_json (the settings to another process).
"""

from kitlib.data.config.as_json import config_from_json, config_to_json
from kitlib.data.config.keys import KNOWN_KEYS, LANGUAGES, MIN_RESPONDENTS_FLOOR, Setting
from kitlib.data.config.model import (
    DEFAULT_INDICATOR_TYPES,
    DIRECTIONS,
    INFLUENCEABLE,
    KitConfig,
    Thresholds,
)
from kitlib.data.config.reading import (
    CONFIG_FILE,
    check_config,
    config_from_dict,
    load_config,
    read_config,
)

__all__ = [
    "CONFIG_FILE",
    "DEFAULT_INDICATOR_TYPES",
    "DIRECTIONS",
    "INFLUENCEABLE",
    "KNOWN_KEYS",
    "LANGUAGES",
    "MIN_RESPONDENTS_FLOOR",
    "KitConfig",
    "Setting",
    "Thresholds",
    "check_config",
    "config_from_dict",
    "config_from_json",
    "config_to_json",
    "load_config",
    "read_config",
]
