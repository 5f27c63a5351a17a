"""Printing briefing pages to PDF with headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from kitlib.errors import BriefingError

CHROMIUM_TIMEOUT = 180
FIXED_PRINT_TIME = 946684800  # 2000-01-01 00:00 UTC: a PDF says when its data is from, not when printed
CHROMIUM_NAMES = ("chromium", "chromium-browser")
INSTALL_CHROMIUM = "install it with 'sudo apt-get install -y chromium' (Debian/Ubuntu), or run without --pdf"


class ChromiumMissingError(BriefingError):
    """--pdf was asked for but no Chromium is installed."""


def find_chromium() -> str | None:
    """Path of Debian's chromium (or Ubuntu's chromium-browser), if installed."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(chromium: str, profile: Path, *flags: str) -> list[str]:
    """Headless Chromium that talks to nobody: no sync, updates or background fetches."""
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *flags,
    ]  # fmt: skip


def print_pdf(chromium: str, page: Path, pdf: Path) -> None:
    """Print `page` to `pdf` (A4 comes from the page's @page rule), atomically."""
    partial = pdf.with_name(f".{pdf.stem}.partial.pdf")
    with tempfile.TemporaryDirectory(prefix="kitlib-chromium-") as profile:
        command = chromium_command(
            chromium, Path(profile), "--no-pdf-header-footer", f"--print-to-pdf={partial}",
            page.resolve().as_uri(),
        )  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            partial.unlink(missing_ok=True)
            raise BriefingError(f"Chromium took over {CHROMIUM_TIMEOUT} s to print {page.name}") from exc
    if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        tail = done.stderr.strip().splitlines()[-3:]
        raise BriefingError(
            f"Chromium could not print {page.name} (exit {done.returncode}): {' / '.join(tail)}"
        )
    partial.write_bytes(without_print_time(partial.read_bytes()))
    os.replace(partial, pdf)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")


def without_print_time(pdf: bytes) -> bytes:
    """The PDF with its creation and modification dates set to a fixed time of the same
    length (offsets in the file stay valid): the same note prints to the same bytes, as its
    HTML does. `SOURCE_DATE_EPOCH` (the reproducible-builds convention) picks the time."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", FIXED_PRINT_TIME))
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp, pdf)
