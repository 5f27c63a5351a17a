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
from kitlib.batch.plan import UNIT_NOTE

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


@pytest.fixture(scope="module")
def every_note(tmp_path_factory):
    """Every note of the sample (the municipality's, each service area's, each unit's), in
    HTML and PDF, as `kitlib briefings --pdf --combined` makes them: {file stem: level}."""
    out = tmp_path_factory.mktemp("every")
    result = batch.make_briefings(out=out, jobs=2, pdf=True, combined=True)
    assert result.exit_code == 0, [r.error for r in result.failed]
    return out, {job.stem: job.level for job in result.plan.units}


def _page_count(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def _widths_in_browser(tmp_path: Path, pages: list[Path], width: int) -> dict[str, tuple[int, int]]:
    """{page name: (scrollWidth, clientWidth, px of the widest table hidden in its scroll box)}
    of each page shown `width` px wide, in one browser run."""
    frames = "".join(
        f'<iframe src="{p.as_uri()}" data-name="{p.stem}" style="width:{width}px;height:400px"></iframe>'
        for p in pages
    )
    harness = tmp_path / f"harness-{width}.html"
    harness.write_text(
        f"""<!DOCTYPE html><html><body><pre id="out">pending</pre>{frames}<script>
        window.addEventListener("load", () => {{
          const lines = [...document.querySelectorAll("iframe")].map(f => {{
            const d = f.contentDocument.documentElement;
            const boxes = [...f.contentDocument.querySelectorAll(".table-scroll")];
            const hidden = Math.max(0, ...boxes.map(b => b.scrollWidth - b.clientWidth));
            return f.dataset.name + " " + d.scrollWidth + " " + d.clientWidth + " " + hidden;
          }});
          document.getElementById("out").textContent = lines.join("\\n");
        }});</script></body></html>""",
        encoding="utf-8",
    )
    dom = chromium(
        tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom",
        harness.as_uri(),
    ).stdout  # fmt: skip
    text = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S).group(1)
    rows = [line.split() for line in text.strip().splitlines()]
    return {name: (int(scroll), int(client), int(hidden)) for name, scroll, client, hidden in rows}


@pytest.mark.parametrize("width", [1200, 820, 390])
def test_no_page_scrolls_sideways_on_a_screen_tablet_or_phone(every_note, tmp_path, width):
    out, units = every_note
    pages = [out / f"{unit}.html" for unit in units] + [out / "index.html"]
    widths = _widths_in_browser(tmp_path, pages, width)
    assert set(widths) == {p.stem for p in pages}
    too_wide = {name: w for name, w in widths.items() if w[0] > w[1]}
    assert not too_wide, f"pages wider than {width} px (scrollWidth, clientWidth, hidden): {too_wide}"
    if width >= 820:  # a screen or a tablet shows every column; only a phone scrolls a table
        cut = {name: w[2] for name, w in widths.items() if w[2] > 0}
        assert not cut, f"tables scrolled sideways at {width} px (px hidden): {cut}"


def test_every_unit_note_prints_on_at_most_four_a4_pages(every_note):
    out, notes = every_note
    units = [stem for stem, level in notes.items() if level == UNIT_NOTE]
    assert len(units) == 24 and len(notes) == 24 + 6 + 1
    pages = {unit: _page_count(out / f"{unit}.pdf") for unit in units}
    assert all(pages.values()), pages
    # Before the redesign: up to 8. The largest sample note (a nursing home with 11
    # indicators and 10 charts) is the one that decides.
    assert max(pages.values()) <= 4, pages


def test_pdf_is_printed_on_a4(made):
    out, unit = made
    pdf = (out / f"{unit}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no page size found"
    width, height = (float(v) for v in boxes[0])
    assert abs(width - 595) < 2 and abs(height - 842) < 2, (width, height)  # A4 in points
    assert not list(out.glob(".*")), "temporary files left behind"


def test_each_service_area_gets_one_pdf_with_contents_and_every_note(every_note, sample_data):
    out, units = every_note
    index = (out / "index.html").read_text(encoding="utf-8")
    for area, group in sample_data.units[sample_data.units["level"] == "enhet"].groupby("service_area"):
        pack = out / f"samlet-{area.lower()}.pdf"
        assert pack.is_file(), area
        assert f'href="{pack.name}"' in index
        notes = sum(_page_count(out / f"{unit}.pdf") for unit in group["unit_id"])
        notes += _page_count(out / f"area-{area.lower()}.pdf")  # the area's own note comes first
        assert _page_count(pack) >= notes + 1  # the contents page, then every note from a new page
    assert not list(out.glob(".samlet-*")), "the joined HTML is a temporary file"
