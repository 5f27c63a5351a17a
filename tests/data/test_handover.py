"""The batch's hand-over to workers and kernels: Parquet and JSON, read back as it was loaded."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from kitlib.analysis.cached import (
    HISTORIES,
    VALUES,
    cached_histories,
    cached_scorecards,
    cached_values,
    scorecards_key,
)
from kitlib.data import cache, handover, load
from kitlib.data.config import config_from_dict, config_from_json, config_to_json
from kitlib.data.load import load_data
from kitlib.data.resources import sample_folder
from kitlib.errors import ConfigError


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A copy of the sample last changed a minute ago, and a count of the folder's reads."""
    copy = shutil.copytree(sample_folder(), tmp_path / "sample")
    past = time.time() - 60
    for path in copy.iterdir():
        os.utime(path, (past, past))
    reads = []
    real = load.check_folder
    monkeypatch.setattr(load, "check_folder", lambda f, *a, **k: reads.append(f) or real(f, *a, **k))
    cache.clear()
    yield copy, reads
    cache.clear()


def _handed_over(data):
    year = data.latest_year
    return year, cached_values(data), cached_scorecards(data, year), cached_histories(data)


def test_what_a_kernel_is_handed_is_what_this_process_computed(folder, tmp_path):
    path, reads = folder
    data = load_data(path)
    year, values, cards, histories = _handed_over(data)
    keys = [VALUES, HISTORIES, scorecards_key(year)]
    assert handover.export(data, tmp_path / "data.handover", keys=keys)
    cache.clear()  # as in another process
    assert handover.prime(tmp_path / "data.handover")
    primed = load_data(path)
    assert len(reads) == 1
    for name in ("indicators", "units", "values", "targets", "benchmarks", "comments"):
        mine, theirs = getattr(primed, name), getattr(data, name)
        assert mine.equals(theirs) and mine.dtypes.equals(theirs.dtypes), name
    assert primed.config == data.config
    assert list(primed.config.perspectives) == list(data.config.perspectives)
    made = []
    again = cache.derived(primed, VALUES, lambda: made.append(1))
    assert again.equals(values) and again.dtypes.equals(values.dtypes)
    primed_cards = cache.derived(primed, scorecards_key(year), lambda: made.append(1))
    assert list(primed_cards) == list(cards)
    for unit_id, card in cards.items():
        assert primed_cards[unit_id].equals(card) and primed_cards[unit_id].dtypes.equals(card.dtypes)
    primed_histories = cache.derived(primed, HISTORIES, lambda: made.append(1))
    assert not made
    assert primed_histories.latest == histories.latest
    assert primed_histories.at.keys() == histories.at.keys()
    for key in list(histories.at)[:: max(1, len(histories.at) // 25)]:
        assert primed_histories.of(*key).equals(histories.of(*key))
    assert primed_histories.empty.dtypes.equals(histories.empty.dtypes)


def test_a_handover_holds_only_parquet_and_json(folder, tmp_path):
    path, _reads = folder
    data = load_data(path)
    year, *_ = _handed_over(data)
    assert handover.export(data, tmp_path / "h", keys=[VALUES, HISTORIES, scorecards_key(year)])
    suffixes = {p.suffix for p in (tmp_path / "h").rglob("*") if p.is_file()}
    assert suffixes <= {".parquet", ".json"}, suffixes
    assert not list(tmp_path.glob(".h.*"))  # no temporary folder left beside it


def test_a_damaged_handover_costs_a_read_of_the_folder_and_nothing_else(folder, tmp_path):
    path, reads = folder
    data = load_data(path)
    assert handover.export(data, tmp_path / "h", keys=[VALUES])
    cache.clear()
    values = next((tmp_path / "h").rglob("values.parquet"))
    values.write_bytes(values.read_bytes()[:100])
    assert not handover.prime(tmp_path / "h")
    assert not handover.prime(tmp_path / "nowhere")
    assert load_data(path).values.equals(data.values)
    assert len(reads) == 2


def test_nothing_in_kitlib_reads_a_pickle():
    source = Path(handover.__file__).parents[1]
    users = [p for p in source.rglob("*.py") if "import pickle" in p.read_text(encoding="utf-8")]
    assert users == []


def test_settings_survive_json_in_their_order_and_types():
    config = config_from_dict(
        {
            "municipality": "Eksempel kommune",
            "data_date": dt.date(2026, 2, 15),
            "deflator": {"2024": 100.0, "2025": 103.1},
            "perspectives": {"tjeneste": "Tjenester", "brukere": {"nb": "Brukere", "en": "Users"}},
            "thresholds": {"near_share": 0.07, "trend_periods": 4},
            "indicator_types": ["tilsyn"],
        }
    )
    again = config_from_json(config_to_json(config))
    assert again == config
    assert list(again.perspectives) == ["tjeneste", "brukere"]
    assert again.setting("deflator") == {2024: 100.0, 2025: 103.1}
    assert again.thresholds.trend_periods == 4 and isinstance(again.thresholds.trend_periods, int)


def test_settings_json_that_kit_toml_would_refuse_is_refused():
    with pytest.raises(ConfigError, match="thresholds.trend_periods"):
        config_from_json('{"settings": {"thresholds.trend_periods": 1}}')
    with pytest.raises(ConfigError, match="holds no kitlib settings"):
        config_from_json("[]")
