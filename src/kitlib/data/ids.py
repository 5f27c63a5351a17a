"""What a unit id may be: it names the files of the unit's notes, so it must make a safe file name.

`kitlib briefings` writes ``<id>.html``, ``<id>.pdf``, ``<id>.scorecard.csv`` ... beside its own
``index.html``, ``manifest.json`` and ``run.json`` and the municipality's note, on Linux,
macOS and Windows file systems, some of which ignore case. `validate.py` applies these
rules to units.csv, so a folder that passes validation never makes two notes share a file,
overwrite the run's index or fail on a name the file system refuses.
"""

from __future__ import annotations

MAX_ID_LENGTH = 64  # with ".scorecard.xlsx" and a multi-byte letter each, well inside 255 bytes
UNSAFE_CHARACTERS = '/\\:*?"<>|'  # refused in file names by Windows (/ also on Linux and macOS)
# Stems the briefings use for their own files (batch/outputs.py, batch/plan.py).
KIT_NAMES = ("index", "manifest", "run", "municipality")
# Names Windows reserves for devices, also with an extension ("con.html").
WINDOWS_NAMES = ("con", "prn", "aux", "nul", *(f"{port}{i}" for port in ("com", "lpt") for i in range(1, 10)))
ALLOWED = "letters, digits, spaces and - _ ."


def unit_id_problem(unit_id: str) -> str | None:
    """Why `unit_id` cannot name a unit's files, with how to fix it; None when it can.

    Control characters are refused for every cell where the file is read (`plaintext`)."""
    if len(unit_id) > MAX_ID_LENGTH:
        return (
            f"the unit id has {len(unit_id)} characters; at most {MAX_ID_LENGTH} are allowed, since "
            "it names the unit's note files: shorten it (the name column holds the full name)"
        )
    unsafe = [c for c in dict.fromkeys(unit_id) if c in UNSAFE_CHARACTERS]
    if unsafe:
        shown = " and ".join(f"'{c}'" for c in unsafe)
        return (
            f"unit id '{unit_id}' holds {shown}, which file names cannot hold; the id names the "
            f"unit's note files, so use {ALLOWED} (e.g. '{suggest(unit_id)}')"
        )
    if unit_id.startswith("."):
        return (
            f"unit id '{unit_id}' begins with '.', which hides its note files; "
            f"begin it with a letter or digit (e.g. '{suggest(unit_id)}')"
        )
    stem = unit_id.lower()
    if stem in KIT_NAMES:
        return (
            f"unit id '{unit_id}' is the name of a file the briefings write for the whole run "
            f"({', '.join(KIT_NAMES)}), so its note would overwrite it; rename the unit "
            f"(e.g. '{unit_id}-enhet')"
        )
    if stem.split(".", 1)[0] in WINDOWS_NAMES:
        return (
            f"unit id '{unit_id}' is a device name on Windows (con, prn, aux, nul, com1-com9, "
            f"lpt1-lpt9), where its note files could not be opened; rename the unit (e.g. "
            f"'{unit_id}-enhet')"
        )
    return None


def case_clash(unit_id: str, first: str, first_line: int) -> str:
    """The problem of `unit_id`, which differs from `first` (on `first_line`) only by case."""
    return (
        f"'{unit_id}' differs from '{first}' (line {first_line}) only by case; ids must be unique "
        "ignoring case, since they name the notes' files and some file systems ignore case"
    )


def suggest(unit_id: str) -> str:
    """`unit_id` made a safe id: lower case, every run of other characters than letters,
    digits, '_' and '.' one '-', no leading '.' or '-'."""
    safe = "".join(c if c.isalnum() or c in "_." else "-" for c in unit_id.lower())
    return "-".join(filter(None, safe.split("-"))).lstrip(".-") or "enhet"
