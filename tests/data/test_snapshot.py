"""The Parquet snapshot: the same data as load_data, one unit's slice, written whole or not at all."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from kitlib import KitlibError, UnknownUnitError, load_data
from kitlib.data import read_snapshot, snapshot, write_snapshot
from kitlib.data.snapshot import SnapshotError

TABLES = ("indicators", "units", "values", "targets", "benchmarks", "comments")


def assert_same(a, b, tables=TABLES):
    for name in tables:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)


def test_round_trip_equals_load_data(sample_data, tmp_path):
    path = write_snapshot(sample_data, tmp_path / "run" / "data.snapshot")
    back = read_snapshot(path)
    assert_same(sample_data, back)
    assert back.config == sample_data.config
    assert back.folder == sample_data.folder
    assert back.latest_year == sample_data.latest_year


def test_one_units_slice(sample_data, tmp_path):
    path = write_snapshot(sample_data, tmp_path / "snap")
    units = sample_data.units["unit_id"]
    unit = units[units.str.startswith("skole")].iloc[0]
    mine = read_snapshot(path, unit_ids=[unit])
    assert_same(sample_data, mine, ("indicators", "units", "benchmarks"))
    for name, keep in (("values", [unit]), ("comments", [unit]), ("targets", [unit, "*"])):
        full = getattr(sample_data, name)
        expected = full[full["unit_id"].isin(keep)].reset_index(drop=True)
        pd.testing.assert_frame_equal(getattr(mine, name), expected, check_exact=True)
    assert len(mine.values) and set(mine.values["unit_id"]) == {unit}
    assert (mine.targets["unit_id"] == "*").any()


def test_a_municipalitys_units_in_their_order_when_values_are_not_ordered_by_unit(
    synthetic_folder, tmp_path, monkeypatch
):
    values = synthetic_folder / "values.csv"
    header, *rows = values.read_text(encoding="utf-8").splitlines()
    values.write_text("\n".join([header, *reversed(rows)]) + "\n", encoding="utf-8")
    data = load_data(synthetic_folder)
    monkeypatch.setattr(snapshot, "ROW_GROUP", 10)  # many row groups: the filter must pick the right ones
    path = write_snapshot(data, tmp_path / "snap")
    assert pq.ParquetFile(path / "values.parquet").num_row_groups > 5
    assert_same(data, read_snapshot(path))
    wanted = ["bhg-e", "bhg-b"]
    mine = read_snapshot(path, unit_ids=wanted)
    expected = data.values[data.values["unit_id"].isin(wanted)].reset_index(drop=True)
    pd.testing.assert_frame_equal(mine.values, expected, check_exact=True)
    assert read_snapshot(path, unit_ids="bhg-a").values["unit_id"].unique().tolist() == ["bhg-a"]


def test_unknown_unit_is_named(sample_data, tmp_path):
    path = write_snapshot(sample_data, tmp_path / "snap")
    with pytest.raises(UnknownUnitError, match="no unit 'finnes-ikke' in the snapshot"):
        read_snapshot(path, unit_ids=["skole-nordby", "finnes-ikke"])


def test_write_replaces_an_earlier_snapshot_whole(sample_data, synthetic_folder, tmp_path):
    path = write_snapshot(sample_data, tmp_path / "out" / "snap")
    other = load_data(synthetic_folder)
    write_snapshot(other, path)
    assert_same(other, read_snapshot(path))
    assert [p.name for p in path.parent.iterdir()] == ["snap"]  # no temporary folder left behind


def test_a_failed_write_leaves_the_earlier_snapshot(sample_data, synthetic_folder, tmp_path, monkeypatch):
    path = write_snapshot(sample_data, tmp_path / "out" / "snap")

    def broken(frame, file):
        raise OSError("disk full")

    monkeypatch.setattr(snapshot, "_write_table", broken)
    with pytest.raises(OSError, match="disk full"):
        write_snapshot(load_data(synthetic_folder), path)
    assert [p.name for p in path.parent.iterdir()] == ["snap"]
    assert_same(sample_data, read_snapshot(path))


def test_a_folder_that_is_no_snapshot_is_never_overwritten(sample_data, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "values.csv").write_text("unit_id\n", encoding="utf-8")
    with pytest.raises(SnapshotError, match="is not a kitlib snapshot"):
        write_snapshot(sample_data, folder)
    assert (folder / "values.csv").read_text(encoding="utf-8") == "unit_id\n"


def test_missing_and_corrupt_snapshots_raise_a_clear_error(sample_data, tmp_path):
    with pytest.raises(SnapshotError, match="no snapshot at .*write one with write_snapshot"):
        read_snapshot(tmp_path / "nowhere")
    path = write_snapshot(sample_data, tmp_path / "snap")
    values = path / "values.parquet"
    values.write_bytes(values.read_bytes()[:200])
    with pytest.raises(SnapshotError, match="not a readable kitlib snapshot") as info:
        read_snapshot(path)
    assert isinstance(info.value, KitlibError)
    manifest = json.loads((path / "snapshot.json").read_text(encoding="utf-8"))
    (path / "snapshot.json").write_text(json.dumps(manifest | {"format": 99}), encoding="utf-8")
    with pytest.raises(SnapshotError, match=r"format 99; this kitlib reads format \d"):
        read_snapshot(path)
    (path / "snapshot.json").write_text("{", encoding="utf-8")
    with pytest.raises(SnapshotError, match="snapshot.json cannot be read"):
        read_snapshot(path)
