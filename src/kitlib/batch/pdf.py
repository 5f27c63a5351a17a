"""Printing briefing pages to PDF with headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kitlib.errors import BriefingError

CHROMIUM_TIMEOUT = 180
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
    os.replace(partial, pdf)
