"""Do two checkouts write the same notes? Renders every sample note (all levels) in nb, da and
en with this checkout and with a git revision, and compares the files byte for byte.

    python benchmarks/same_notes.py                # against HEAD (the last commit)
    python benchmarks/same_notes.py --against REV  # against any revision
    python benchmarks/same_notes.py --keep DIR     # keep both sets of notes in DIR

A refactoring must print "same bytes" for every language; a change that alters notes on
purpose lists the files it changed. run.json (timings) is left out, each side renders
from its own copy of data/sample placed at the same path, and the manifest's paths to each
checkout's notebooks are compared without the checkout's folder.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nb", "da", "en")


def render(checkout: Path, work: Path, side: str, lang: str) -> Path:
    """The notes of `checkout` in `lang`, rendered from its own sample at a fixed path."""
    sample = work / "sample"
    if sample.exists():
        shutil.rmtree(sample)
    shutil.copytree(checkout / "data" / "sample", sample)
    out = work / side / lang
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    command = [
        sys.executable,
        "-c",
        "import sys; from kitlib.cli import main; sys.exit(main())",
        "briefings",
        "--data",
        str(sample),
        "--level",
        "all",
        "--lang",
        lang,
        "--jobs",
        "2",
        "--out",
        str(out),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{side} ({checkout}) failed in {lang}:\n{done.stdout}\n{done.stderr}")
    return out


def manifest_text(path: Path, checkout: Path) -> str:
    """The manifest with the checkout's own folder (where its notebooks are) left out."""
    return path.read_text(encoding="utf-8").replace(str(checkout), "<checkout>")


def differences(a: Path, b: Path, a_checkout: Path, b_checkout: Path) -> list[str]:
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    names.discard("run.json")
    changed = []
    for name in sorted(names):
        left, right = a / name, b / name
        if not (left.exists() and right.exists()):
            changed.append(name)
        elif name == "manifest.json":
            if manifest_text(left, a_checkout) != manifest_text(right, b_checkout):
                changed.append(name)
        elif not filecmp.cmp(left, right, shallow=False):
            changed.append(name)
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="HEAD", help="git revision to compare with (default HEAD)")
    parser.add_argument("--keep", type=Path, help="keep the rendered notes in this folder")
    parser.add_argument("--lang", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="same-notes-"))
    work.mkdir(parents=True, exist_ok=True)
    reference = work / "reference-checkout"
    if reference.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(reference)], capture_output=True
        )
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(reference), args.against],
        check=True,
        capture_output=True,
    )
    same = True
    try:
        for lang in args.lang:
            ours = render(ROOT, work, "this", lang)
            theirs = render(reference, work, "reference", lang)
            changed = differences(theirs, ours, reference, ROOT)
            count = sum(1 for p in ours.rglob("*") if p.is_file())
            if changed:
                same = False
                listed = ", ".join(changed)
                print(f"{lang}: {len(changed)} of {count} files differ from {args.against}: {listed}")
            else:
                print(f"{lang}: same bytes in all {count} files as {args.against}")
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(reference)], capture_output=True
        )
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
