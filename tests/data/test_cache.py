"""kitlib.data.cache: a folder is read and validated once while its files stay the same, every
caller gets data of its own, and a primed process does not read the folder at all."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from kitlib.analysis.cached import cached_scorecard, cached_values, scorecard_key
from kitlib.analysis.scorecard import scorecard
from kitlib.data import cache, handover, load
from kitlib.data.load import load_data
from kitlib.data.resources import sample_folder


@pytest.fixture
def folder(tmp_path):
    """A copy of the sample whose files were last changed a minute ago (not 'racy')."""
    copy = shutil.copytree(sample_folder(), tmp_path / "sample")
    _age(copy)
    return copy


def _age(folder, seconds: float = 60) -> None:
    past = time.time() - seconds
    for path in folder.iterdir():
        os.utime(path, (past, past))


@pytest.fixture
def reads(monkeypatch):
    """How often load_data read and validated a folder."""
    calls = []
    real = load.check_folder

    def counting(folder, *args, **kwargs):
        calls.append(folder)
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(load, "check_folder", counting)
    cache.clear()
    yield calls
    cache.clear()


def test_an_unchanged_folder_is_read_once_and_each_caller_gets_its_own_copy(folder, reads):
    first = load_data(folder)
    first.values.loc[0, "value"] = -1.0  # the caller's own copy: nothing kept changes
    first.config.perspectives["endret"] = {"nb": "Endret"}
    second = load_data(str(folder))
    assert len(reads) == 1
    assert second is not first and second.values is not first.values
    assert second.values.loc[0, "value"] != -1.0
    assert "endret" not in second.config.perspectives
    assert second.folder == load.Path(str(folder))


def test_a_changed_file_is_read_again(folder, reads):
    before = load_data(folder)
    path = folder / "comments.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    _age(folder, 30)  # a different mtime, and not racy
    after = load_data(folder)
    assert len(reads) == 2
    assert len(after.comments) == len(before.comments) - 1


def test_a_folder_changed_moments_ago_is_not_kept(folder, reads):
    os.utime(folder / "units.csv")  # now: a change to come in the same clock tick would not show
    load_data(folder)
    load_data(folder)
    assert len(reads) == 2


def test_what_is_derived_is_computed_once_and_handed_out_as_copies(folder, reads):
    data = load_data(folder)
    values = cached_values(data)
    values["value"] = 0.0
    again = load_data(folder)
    assert cached_values(again)["value"].ne(0.0).any()
    unit = data.units["unit_id"].iat[0]
    year = data.latest_year
    card = cached_scorecard(data, unit, year)
    assert cached_scorecard(again, unit, year).equals(card)
    assert card.equals(scorecard(again, unit, year))
    made = []
    cache.derived(again, "x", lambda: made.append(1) or 1)
    cache.derived(data, "x", lambda: made.append(1) or 1)
    assert made == [1]


def test_data_not_from_load_data_is_not_memoised(folder, reads):
    data = load_data(folder)
    other = load.KitData(
        data.indicators, data.units, data.values, data.targets, data.benchmarks, data.comments, data.config
    )
    made = []
    cache.derived(other, "x", lambda: made.append(1))
    cache.derived(other, "x", lambda: made.append(1))
    assert made == [1, 1]
    assert not handover.export(other, folder.parent / "x.handover")


def test_a_primed_process_does_not_read_the_folder(folder, reads, tmp_path):
    data = load_data(folder)
    unit = data.units["unit_id"].iat[0]
    card = cached_scorecard(data, unit, data.latest_year)
    assert handover.export(data, tmp_path / "data.handover", keys=[scorecard_key(unit, data.latest_year)])
    cache.clear()  # as in another process
    assert handover.prime(tmp_path / "data.handover")
    primed = load_data(folder)
    assert len(reads) == 1
    assert primed.values.equals(data.values)
    made = []
    assert cache.derived(primed, scorecard_key(unit, data.latest_year), lambda: made.append(1)).equals(card)
    assert not made


def test_a_handover_of_a_folder_that_changed_since_is_ignored(folder, reads, tmp_path):
    data = load_data(folder)
    assert handover.export(data, tmp_path / "data.handover")
    cache.clear()
    (folder / "comments.csv").write_text("unit_id,indicator_id,period,kind,text\n", encoding="utf-8")
    _age(folder, 30)
    assert not handover.prime(tmp_path / "data.handover")
    assert load_data(folder).comments.empty
    assert len(reads) == 2
