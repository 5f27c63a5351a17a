"""A KitConfig as JSON and back, for another process (a worker, a hand-over) to rebuild the
settings without a pickle, which would run code when read."""

from __future__ import annotations

import json

from kitlib.data.config.keys import KNOWN_KEYS, _Invalid, _shown, _unknown
from kitlib.data.config.model import KitConfig, _build
from kitlib.errors import ConfigError


def config_to_json(config: KitConfig) -> str:
    """The settings kit.toml gave, as JSON: what another process needs to rebuild `config`
    (`config_from_json`) without a pickle, which would run code when read."""
    return json.dumps({"settings": config.settings}, ensure_ascii=False, default=str)


def config_from_json(text: str, where: str = "config.json") -> KitConfig:
    """The KitConfig that `config_to_json` wrote; every setting is read as from kit.toml again
    (JSON turns the deflator's years into texts: they come back as years). Raises ConfigError
    for text that is not such JSON or a setting that kit.toml would refuse."""
    try:
        settings = json.loads(text)["settings"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{where} holds no kitlib settings ({exc}); write it again") from exc
    read, problems = {}, []
    for key, value in settings.items():
        setting = KNOWN_KEYS.get(key)
        if setting is None:
            problems.append(_unknown(key, key, KNOWN_KEYS))
            continue
        try:
            read[key] = setting.read(value)
        except _Invalid as exc:
            found = [message for _dotted_key, message in exc.found]
            problems.extend(found or [f"{key} = {_shown(value)}: expected {setting.expected}"])
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))
    return _build(read)
