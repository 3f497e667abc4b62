"""Write CSV for spreadsheets: RFC 4180 line ends, optional BOM, and no formula injection."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

__all__ = ["neutralise_cell", "write_csv"]

_UTF8_BOM = "\ufeff"
# Spreadsheets run a cell as a formula when it starts with one of these (OWASP "CSV
# injection"); the full-width forms are included because some spreadsheet programs fold them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# A plain decimal number ("-3.5", "+12", "-0.25e3") cannot carry a formula, so it stays a
# number; anything more ("-3+cmd|' /C calc'!A0") is prefixed.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: object) -> str:
    """Return the cell text, prefixed with a single quote when it could run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        # A number from the program, not from text: it cannot hold a formula.
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


def write_csv(
    rows: Iterable[Mapping[str, object]],
    columns: Sequence[str],
    out: TextIO,
    *,
    excel_bom: bool = False,
) -> None:
    """Write a header and one line per row (missing columns empty) to ``out``.

    ``out`` should be opened with ``newline=""`` so the ``\\r\\n`` line ends stay as written.
    ``excel_bom`` writes a UTF-8 byte order mark first, which Excel needs to read Arabic.
    """
    if excel_bom:
        out.write(_UTF8_BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise_cell(column) for column in columns])
    for row in rows:
        writer.writerow([neutralise_cell(row.get(column)) for column in columns])
