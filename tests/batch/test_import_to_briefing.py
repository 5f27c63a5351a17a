"""From download to briefing: real SSB files imported, validated and briefed."""

from __future__ import annotations

import pytest
from folder_rows import REAL

from kitlib import check_folder, load_data
from kitlib.batch.run import make_briefings
from kitlib.data.importers import import_ssb_csv, import_ssb_xlsx


@pytest.mark.slow
def test_imported_statistikkbanken_files_validate_and_make_a_briefing(tmp_path):
    folder = tmp_path / "kulturskole"
    import_ssb_csv(REAL / "ssb_13135_kostra_kulturskole_statbank.csv", folder)
    import_ssb_xlsx(REAL / "ssb_12061_kostra_kulturskole_statbank.xlsx", folder)
    assert check_folder(folder)[2] == []
    data = load_data(folder)
    unit = data.units.set_index("unit_id").loc["3806"]
    result = make_briefings(folder, out=tmp_path / "out", units=["3806"], jobs=1)
    assert result.exit_code == 0
    page = (tmp_path / "out" / "3806.html").read_text(encoding="utf-8")
    assert unit["name"] in page
    for name in load_data(folder).indicators["name"]:
        if name in page:
            break
    else:
        pytest.fail("no imported indicator is named in the briefing")
