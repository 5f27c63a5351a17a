"""The briefing and the index as a browser sees them: Debian's headless Chromium loads
them offline, the DOM holds the scorecard, a screenshot is not blank, --pdf prints A4.

Needs `chromium` (apt-get install -y chromium); .ci/run installs it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kitlib import batch
from kitlib.batch.pdf import chromium_command, find_chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed: apt-get install -y chromium (Debian/Ubuntu) to run the browser tests",
        allow_module_level=True,
    )


def chromium(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = chromium_command(CHROMIUM, profile, *flags)
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def made(tmp_path_factory, sample_data):
    out = tmp_path_factory.mktemp("browser")
    unit = sample_data.units["unit_id"].iat[0]
    result = batch.make_briefings(out=out, units=[unit], jobs=1, pdf=True, lang="en")
    assert result.exit_code == 0, [r.error for r in result.failed]
    return out, unit


def test_dom_of_the_briefing_holds_the_scorecard(made, tmp_path):
    out, unit = made
    dom = chromium(tmp_path, "--dump-dom", (out / f"{unit}.html").as_uri()).stdout
    assert re.search(r'<table[^>]*class="[^"]*scorecard', dom)
    assert "<h2" in dom and "<img" in dom
    assert re.search(r'<html[^>]* lang="en"', dom)  # --lang reaches the page


def test_dom_of_the_index_links_the_briefing(made, tmp_path):
    out, unit = made
    dom = chromium(tmp_path, "--dump-dom", (out / "index.html").as_uri()).stdout
    assert f'href="{unit}.html"' in dom


def test_screenshot_is_not_blank(made, tmp_path):
    image = pytest.importorskip("matplotlib.image")
    out, unit = made
    shot = tmp_path / "briefing.png"
    chromium(
        tmp_path, "--hide-scrollbars", "--window-size=1200,1600", f"--screenshot={shot}",
        (out / f"{unit}.html").as_uri(),
    )  # fmt: skip
    pixels = image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (1600, 1200)
    assert pixels.std() > 0.05, "the page looks blank"
    assert (pixels < 0.9).mean() > 0.02, "hardly any ink on the page"


def test_pdf_is_printed_on_a4(made):
    out, unit = made
    pdf = (out / f"{unit}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no page size found"
    width, height = (float(v) for v in boxes[0])
    assert abs(width - 595) < 2 and abs(height - 842) < 2, (width, height)  # A4 in points
    assert not list(out.glob(".*")), "temporary files left behind"
