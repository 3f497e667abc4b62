"""Dialogs around a TextArea: edit a claim, pick a split point, pick a new claim's text."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, TextArea

from workbench.tui.safe import plain


def location_of(text: str, index: int) -> tuple[int, int]:
    """The (row, column) of a character offset in a TextArea holding `text`."""
    before = text[: max(0, min(index, len(text)))]
    return (before.count("\n"), len(before) - (before.rfind("\n") + 1))


def index_of(text: str, location: tuple[int, int]) -> int:
    """The character offset of a TextArea (row, column) location in `text`."""
    row, column = location
    lines = text.split("\n")
    row = max(0, min(row, len(lines) - 1))
    return sum(len(line) + 1 for line in lines[:row]) + min(column, len(lines[row]))


class EditClaimModal(ModalScreen[str | None]):
    """Returns the new wording of a claim, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
        Binding("ctrl+s", "save", "Save", id="edit.save", priority=True),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def compose(self) -> ComposeResult:
        """The claim's text, editable (always logical order)."""
        with Vertical(classes="dialog"):
            yield Label("Edit the claim (ctrl+s saves)", classes="dialog-title")
            yield TextArea(self._text, id="edit-text", soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="edit-save")
                yield Button("Cancel", id="edit-cancel")

    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        """Return the edited text."""
        self.dismiss(self.query_one("#edit-text", TextArea).text)

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)


class SpanPickerModal(ModalScreen[tuple[int, int] | None]):
    """Returns the cursor or selection in a read-only text as (start, end) offsets."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("enter", "pick", "Choose", id="pick.choose", priority=True),
    ]

    def __init__(self, title: str, text: str, *, cursor: int = 0) -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._cursor = cursor

    def compose(self) -> ComposeResult:
        """The text to point into, read-only and in logical order."""
        with Vertical(classes="dialog"):
            yield Label(plain(self._title), classes="dialog-title")
            yield TextArea(self._text, id="pick-text", read_only=True, soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Choose", variant="primary", id="pick-choose")
                yield Button("Cancel", id="pick-cancel")

    def on_mount(self) -> None:
        """Put the cursor where the caller asked."""
        area = self.query_one("#pick-text", TextArea)
        area.move_cursor(location_of(self._text, self._cursor))
        area.focus()

    @on(Button.Pressed, "#pick-choose")
    def action_pick(self) -> None:
        """Return the selection (or the cursor as an empty span)."""
        area = self.query_one("#pick-text", TextArea)
        first = index_of(self._text, area.selection.start)
        second = index_of(self._text, area.selection.end)
        self.dismiss((min(first, second), max(first, second)))

    @on(Button.Pressed, "#pick-cancel")
    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class LineInputModal(ModalScreen[str | None]):
    """Asks for one line of text (a dismissal reason, an alias)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="line.cancel"),
    ]

    def __init__(self, title: str, *, placeholder: str = "", allow_empty: bool = False) -> None:
        super().__init__()
        self._title = title
        self._placeholder = placeholder
        self._allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        """A title and an input."""
        with Vertical(classes="dialog dialog-small"):
            yield Label(plain(self._title), classes="dialog-title")
            yield Input(placeholder=self._placeholder, id="line-input")

    @on(Input.Submitted, "#line-input")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value or self._allow_empty:
            self.dismiss(value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
