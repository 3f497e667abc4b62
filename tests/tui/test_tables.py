"""Tables are sized when they are filled, not when the table next goes idle."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from workbench.tui.safe import cell
from workbench.tui.tables import fill_table


class _TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="table")


@pytest.mark.anyio
async def test_every_column_is_as_wide_as_its_widest_cell_before_the_table_is_idle() -> None:
    app = _TableApp()
    async with app.run_test(size=(120, 20)):
        table = app.query_one("#table", DataTable)
        claim = "روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء بشأن إدلب"
        fill_table(
            table,
            ("id", "claim"),
            [
                ("1", (Text("1"), cell(claim, "terminal", max_width=70))),
                ("12345", (Text("12345"), Text("short"))),
            ],
        )
        # Measured now, in the same call: nothing waits for the next idle event.
        widths = [column.width for column in table.ordered_columns]
        assert widths == [5, cell(claim, "terminal", max_width=70).cell_len]
        assert not any(column.auto_width for column in table.ordered_columns)
        assert table.row_count == 2
        fill_table(table, ("id", "claim"), [])
        assert [column.width for column in table.ordered_columns] == [2, 5]
        assert table.row_count == 0
