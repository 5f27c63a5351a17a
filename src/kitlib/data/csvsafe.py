"""CSV cells that a spreadsheet opens as text, never as a formula (CSV injection).

Excel, LibreOffice and Google Sheets run a cell that begins with ``=``, ``+``, ``-`` or
``@`` as a formula (``=HYPERLINK(...)`` leaks data, ``=cmd|' /C calc'!A0`` runs a program),
and a tab or carriage return before one is skipped. OWASP's rule
(https://owasp.org/www-community/attacks/CSV_Injection): put a single quote ``'`` before
such a cell, so the spreadsheet shows it as text. A plain number (``-2.5``, ``+47``,
``-1 234,5``) stays a number.

Every CSV file kitlib writes for people to open passes its cells through `safe_csv_cell`
(the importers' data files; the batch's scorecard and audit CSVs).
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number as the contract's files and spreadsheets write it: sign, digits (a space or NBSP
# between thousands), one decimal mark, an exponent. Nothing of it can start a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)?(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def safe_csv_cell(value: object) -> str:
    """`value` as the text of a CSV cell that cannot run as a formula: a text beginning with
    ``= + - @``, tab or carriage return gets a leading ``'``, unless it is a plain number."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _is_plain_number(text):
        return "'" + text
    return text


def unguarded_csv_cell(text: str) -> str:
    """`text` read back without the quote `safe_csv_cell` put before it (the inverse, so that
    an id written as ``'=x`` matches ``=x`` again); any other text as it is."""
    if text.startswith("'") and safe_csv_cell(text[1:]) == text:
        return text[1:]
    return text


def _is_plain_number(text: str) -> bool:
    return any(c.isdigit() for c in text) and _PLAIN_NUMBER.fullmatch(text) is not None
