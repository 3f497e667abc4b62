"""The help screen: every binding of the screen underneath, with its id, keys and description."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from workbench.tui.safe import label


@dataclass(frozen=True, slots=True)
class HelpRow:
    """One binding as the help lists it: id, the keys that fire it, what it does."""

    binding_id: str
    keys: str
    description: str


def help_rows(screen: Screen[object]) -> list[HelpRow]:
    """The bindings active on a screen (its focused widget, itself and the app), one per id."""
    keys_by_id: dict[str, list[str]] = {}
    descriptions: dict[str, str] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        binding_id = binding.id or f"({binding.action})"
        keys_by_id.setdefault(binding_id, [])
        shown = screen.app.get_key_display(binding) if binding.key == key else key
        if shown not in keys_by_id[binding_id]:
            keys_by_id[binding_id].append(shown)
        descriptions.setdefault(binding_id, binding.description or binding.action)
    return [
        HelpRow(binding_id, ", ".join(keys), descriptions[binding_id])
        for binding_id, keys in keys_by_id.items()
    ]


class HelpModal(ModalScreen[None]):
    """Lists the keys; any of escape, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1", "close", "Close help", id="help.close"),
    ]

    def __init__(self, rows: list[HelpRow], title: str) -> None:
        super().__init__()
        self._rows = rows
        self._title = title

    def compose(self) -> ComposeResult:
        """A title and the table of bindings."""
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label(
                label(f"Keys on {self._title} (remap by id in [ui.keybindings])"),
                classes="dialog-title",
            )
            yield DataTable(id="help-table", cursor_type="row")

    def on_mount(self) -> None:
        """Fill the table."""
        table = self.query_one("#help-table", DataTable)
        table.add_columns("id", "keys", "description")
        for row in self._rows:
            table.add_row(label(row.binding_id), label(row.keys), label(row.description))
        table.focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
