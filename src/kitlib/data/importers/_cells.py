"""Reading single cells and raw text the way Nordic statistics files write them."""

from __future__ import annotations

import hashlib
import html
import math
import re
import unicodedata
from pathlib import Path

from kitlib.data.contract import MISSING_SYMBOLS
from kitlib.data.importers._base import SourceFormatError
from kitlib.data.periods import PeriodError, parse_period
from kitlib.data.plaintext import wide_encoding
from kitlib.data.tables import parse_number

# Blanks that spreadsheets and PxWeb leave in labels (07459 ends a Sami name with U+00A0).
_BLANKS = "\u00a0\u202f\u2007\ufeff"
_SCHOOL_YEAR = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")
# Month labels as exports write them: 2025-01 (ISO), 2025M1, jan 2025, januar 2025, Jan. 2025
# (nb, da and en names); the kit writes 2025M01.
_ISO_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_KIT_MONTH = re.compile(r"^(\d{4})M([1-9]|0[1-9]|1[0-2])$")
_NAMED_MONTH = re.compile(r"^([^\W\d_]+)\.?\s+(\d{4})$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "januar", "january"), ("feb", "februar", "february"), ("mar", "mars", "marts", "march"),
            ("apr", "april"), ("mai", "maj", "may"), ("jun", "juni", "june"), ("jul", "juli", "july"),
            ("aug", "august"), ("sep", "sept", "september"), ("okt", "oct", "oktober", "october"),
            ("nov", "november"), ("des", "dec", "desember", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_REGION = re.compile(r"^(?:K-)?(?P<code>(?:[A-Z]{0,5}\d[0-9A-Za-z-]*|[A-Z]{2,6}))\s+(?P<name>\S.*)$")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean(text: object) -> str:
    """A label without HTML entities and stray blanks (`&#248;`, NBSP, BOM)."""
    if text is None:
        return ""
    out = html.unescape(str(text))
    for blank in _BLANKS:
        out = out.replace(blank, " ")
    return " ".join(out.split())


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Text of a source: the given encoding, else UTF-16 or UTF-32 where the bytes show it,
    else UTF-8 (with or without BOM), else Latin-1.

    Statistikkbanken saves ISO-8859-1; Windows tools save cp1252, which differs only in
    0x80-0x9F (where Latin-1 has control characters), so cp1252 is tried before Latin-1.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise SourceFormatError(path, f"cannot be read as {encoding}: {exc}") from exc
    wide = _wide_codec(data)
    if wide:
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise SourceFormatError(
                path, f"looks like {wide.upper()} text but cannot be read as it: {exc}"
            ) from exc
    for candidate in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _wide_codec(data: bytes) -> str | None:
    """The codec of UTF-16 or UTF-32 text (Excel's "Unicode text" is UTF-16), else None."""
    found = wide_encoding(data)
    if found is None:
        return None
    bits = "32" if "32" in found else "16"
    if "without" not in found:
        return f"utf-{bits}"  # the byte order mark tells the byte order
    # little-endian text of Latin letters has its NUL bytes after each letter, at odd positions
    little = data[1:4000:2].count(0) > data[0:4000:2].count(0) if bits == "16" else data[0] != 0
    return f"utf-{bits}-{'le' if little else 'be'}"


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_entities(text: str) -> str:
    """Replace HTML entities before splitting: `&amp;` and `&#229;` end in ';', which would
    otherwise split a cell in a ';'-separated file. Entities that stand for a separator,
    quote or line break stay as they are (the cell cleaner unescapes them later)."""

    def replace(match: re.Match) -> str:
        char = html.unescape(match[0])
        return match[0] if char in {";", ",", "\t", '"', "\n", "\r"} else char

    return _ENTITY.sub(replace, text)


def parse_value(text: str) -> tuple[float | None, str]:
    """A figure or a missing symbol -> (value, status); ValueError if neither.

    Accepts `7,4`, `7.4`, `12 807` (spaces as thousands separators), `-3`, and the SSB
    symbols `..`, `.`, `:` (also `-` / `…` which some exports use for nothing / missing).
    """
    text = clean(text)
    if text in MISSING_SYMBOLS:
        return None, text
    if text in {"…", "...", "x"}:
        return None, ".." if text != "x" else ":"
    number = parse_number(text)
    if math.isnan(number):
        return None, ""
    return number, ""


def split_region(label: str) -> tuple[str, str]:
    """`3801 Horten` -> ('3801', 'Horten'); `K-3001 Halden` -> ('3001', 'Halden'); else ('', label)."""
    label = clean(label)
    match = _REGION.match(label)
    if not match:
        return "", label
    return match["code"], match["name"]


def strip_region_prefix(code: str) -> str:
    """Statistikkbanken's JSON-stat writes municipality codes as `K-3001`, fylker `F-30`."""
    code = clean(code)
    return re.sub(r"^[KFB]-", "", code)


def normalise_period(text: str, *, school_year: str = "first") -> str:
    """A period in the kit's notation; school years `2019-2020` become 2019 (or 2020).

    Raises PeriodError for anything else, with the kit's own explanation.
    """
    text = clean(text)
    if re.fullmatch(r"\d{4}\.0", text):  # a year typed into Excel as a number
        text = text[:4]
    month = _month(text)
    if month:
        return month
    match = _SCHOOL_YEAR.match(text)
    if match:
        first = int(match[1])
        second_text = match[2]
        second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
        if second != first + 1:
            raise PeriodError(f"'{text}' looks like a school year but the years are not consecutive")
        return str(first if school_year == "first" else second)
    return str(parse_period(text))


def _month(text: str) -> str:
    """`2025-01`, `2025M1`, `jan 2025`, `januar 2025` -> '2025M01'; '' for anything else. A
    consecutive school year wins over a month (`2011-12` is 2011/12: write 2011M12 for the month)."""
    match = _ISO_MONTH.match(text)
    if match and not (int(match[2]) == int(match[1][2:]) + 1):
        return f"{match[1]}M{match[2]}"
    match = _KIT_MONTH.match(text)
    if match:
        return f"{match[1]}M{int(match[2]):02d}"
    match = _NAMED_MONTH.match(text)
    if match and match[1].lower() in _MONTHS:
        return f"{match[2]}M{_MONTHS[match[1].lower()]:02d}"
    return ""


def slug(text: str, limit: int = 48) -> str:
    """An id-friendly form of a label: ascii, lower case, words joined by '_'."""
    text = clean(text).lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text)
    out = ""
    for word in words:
        candidate = f"{out}_{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "x"


def unit_of_measure(label: str) -> str:
    """`Barn 6-15 år i kulturskolen (prosent)` -> '%'; `(antall)` -> 'antall'; else ''."""
    match = re.search(r"\(([^()]+)\)\s*$", clean(label))
    if not match:
        return ""
    return measure_word(match[1])


def measure_word(word: str) -> str:
    word = clean(word)
    return {"prosent": "%", "percent": "%", "kr": "NOK", "kroner": "NOK", "1000 kr": "1000 NOK"}.get(
        word.lower(), word
    )
