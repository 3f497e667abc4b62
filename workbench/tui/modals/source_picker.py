"""Pick a source from the registry by searching its names (for merges)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.core.errors import WorkbenchError
from workbench.tui.modals.base import workbench_app
from workbench.tui.safe import cell, label
from workbench.workflows.registry import list_sources


class SourcePickerModal(ModalScreen[int | None]):
    """Returns the chosen source's id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
    ]

    def __init__(self, *, exclude_id: int | None = None) -> None:
        super().__init__()
        self._exclude_id = exclude_id

    def compose(self) -> ComposeResult:
        """A search box over matching sources."""
        with Vertical(classes="dialog"):
            yield Label("Merge into which source?", classes="dialog-title")
            yield Input(placeholder="Search names and aliases…", id="picker-search")
            yield OptionList(id="picker-results")

    def on_mount(self) -> None:
        """List every source to begin with."""
        self._search("")

    @on(Input.Changed, "#picker-search")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#picker-search")
    def _submitted(self) -> None:
        self.query_one("#picker-results", OptionList).focus()

    @work(thread=True, exclusive=True)
    def _search(self, query: str) -> None:
        app = workbench_app(self.app)
        try:
            rows = list_sources(database=app.database, search=query.strip() or None)
        except WorkbenchError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        mode = workbench_app(self.app).display_mode
        results = self.query_one("#picker-results", OptionList)
        results.clear_options()
        for row in rows:
            if row["id"] == self._exclude_id:
                continue
            prompt = label(f"{row['id']}  {row['kind']}  ").append_text(
                cell(row["name"], mode, max_width=50)
            )
            results.add_option(Option(prompt, id=str(row["id"])))

    @on(OptionList.OptionSelected, "#picker-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
