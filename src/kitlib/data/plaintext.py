"""What the text of a data file may be: UTF-8, without control characters.

Both rules are checked where a file is read (`tables.read_raw_table` for the CSV files,
`config.read_config` for kit.toml), and both problems name the line, the column and what
to do. A file in another encoding is refused rather than guessed at (the importers, which
read files as users download them, do guess: `importers._cells.decode`).
"""

from __future__ import annotations

import codecs
import re

from kitlib.errors import Problem

# Control characters a cell may not hold: Unicode's Cc (C0, DEL, C1) except tab, line feed
# and carriage return (a quoted cell may span lines). They are invisible in a spreadsheet,
# NUL cuts a text short in many programs, ESC drives terminals, and none of them is text a
# reader could be shown, so they are refused, never stripped: stripping would change the
# data without the analyst knowing.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32 text"),  # before UTF-16: FF FE 00 00 begins with FF FE
    (codecs.BOM_UTF32_BE, "UTF-32 text"),
    (codecs.BOM_UTF16_LE, "UTF-16 text"),
    (codecs.BOM_UTF16_BE, "UTF-16 text"),
)


def control_character_message(text: str) -> str | None:
    """The problem of a text holding a control character (naming the first), else None."""
    found = CONTROL_CHARACTER.search(text)
    if found is None:
        return None
    return f"contains a control character (U+{ord(found[0]):04X}); remove it"


def wide_encoding(data: bytes) -> str | None:
    """The encoding of UTF-16 or UTF-32 text ("UTF-16 text", "UTF-16 text without a byte order
    mark"), else None.

    Without a byte order mark, UTF-16 text of Latin letters has a NUL byte in every other
    position (odd ones little-endian, even ones big-endian), which no UTF-8 text has; a
    stray NUL or two in UTF-8 text is a control character, not an encoding."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4000]
    # the share of NUL bytes at each position modulo 4: UTF-16 LE text of Latin letters has
    # them at 1 and 3, UTF-16 BE at 0 and 2, UTF-32 at three of the four
    counts = [sample[i::4].count(0) / max(1, len(sample[i::4])) for i in range(4)]
    if len(sample) < 8:
        return None
    mostly = [share >= 0.3 for share in counts]
    rarely = [share <= 0.02 for share in counts]
    if sum(mostly) == 3 and sum(rarely) == 1:
        return "UTF-32 text without a byte order mark"
    little = mostly[1] and mostly[3] and rarely[0] and rarely[2]
    big = mostly[0] and mostly[2] and rarely[1] and rarely[3]
    if little or big:
        return "UTF-16 text without a byte order mark"
    return None


def decode_utf8(data: bytes, file: str, *, hint: str = "") -> tuple[str | None, Problem | None]:
    """The text of a data file that must be UTF-8 (with or without BOM): (text, None), or
    (None, a Problem naming the encoding it has, or the line and column of the first byte
    that is not UTF-8). `hint` is added to the advice ("; ..." ) of a file that is not UTF-8."""
    wide = wide_encoding(data)
    if wide:
        return None, Problem(
            file,
            None,
            None,
            f"the file is {wide}; save it as UTF-8 (in Excel: 'CSV UTF-8'; in a text editor: encoding UTF-8)",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return None, Problem(
            file,
            line,
            None,
            f"not UTF-8 text: the byte 0x{data[exc.start]:02x} at column {column} cannot be read "
            f"(the file is probably saved as Latin-1 or Windows-1252); save it as UTF-8{hint}",
        )
