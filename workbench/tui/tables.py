"""Data tables filled with their column widths measured up front."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable


def fill_table(
    table: DataTable[Any], headings: Sequence[str], rows: Sequence[tuple[str, Sequence[Text]]]
) -> None:
    """Replace a table's columns and rows (each row a key and its cells), sizing every column
    to its widest cell at once.

    A DataTable measures new rows only when it next goes idle: a screen drawn before that (on a
    busy machine) showed columns cut to their headings' width. Sized here, the first drawing
    is already right.
    """
    table.clear(columns=True)
    for index, heading in enumerate(headings):
        width = max([len(heading), *(cells[index].cell_len for _, cells in rows)])
        table.add_column(heading, width=width)
    for key, cells in rows:
        table.add_row(*cells, key=key)
