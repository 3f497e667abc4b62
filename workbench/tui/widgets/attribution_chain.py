"""The attribution chain of a claim as a list: choosing a link opens its source."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.core.text.sanitize import clean_untrusted
from workbench.tui.bidi import RtlMode, display_cell
from workbench.workflows.desk import ChainLink


def link_prompt(position: int, link: ChainLink, mode: RtlMode, *, is_origin: bool) -> Content:
    """One link as plain content: position, name (display-ordered), kind and role."""
    name = display_cell(clean_untrusted(link.name), mode)
    details = [link.kind, *([clean_untrusted(link.role)] if link.role else [])]
    role = display_cell(" · ".join(details), mode)
    marker = "origin" if is_origin else "relay"
    return Content(f"{position + 1}. {name}  ({role})  [{marker}]")


class AttributionChain(OptionList):
    """Links outermost first; selecting one asks to open the source page."""

    class SourceChosen(Message):
        """The user chose a link whose source should be opened."""

        def __init__(self, source_id: int) -> None:
            super().__init__()
            self.source_id = source_id

    def show_chain(self, chain: tuple[ChainLink, ...], mode: RtlMode) -> None:
        """Replace the listed links."""
        self.clear_options()
        self.add_options(
            Option(
                link_prompt(position, link, mode, is_origin=position == len(chain) - 1),
                id=f"source-{link.source_id}",
            )
            if link.source_id is not None
            else Option(
                link_prompt(position, link, mode, is_origin=position == len(chain) - 1),
                disabled=True,
            )
            for position, link in enumerate(chain)
        )
        if chain:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the chosen option into a SourceChosen message."""
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("source-"):
            self.post_message(self.SourceChosen(int(option_id.removeprefix("source-"))))
