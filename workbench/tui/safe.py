"""Untrusted text for the screen: built as plain Content/Text, never parsed as markup."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from workbench.core.text.sanitize import clean_untrusted
from workbench.tui.bidi import RtlMode, display_cell


def plain(text: str) -> Content:
    """Content showing the text literally: no markup, no emoji codes, no control characters."""
    return Content(clean_untrusted(text))


def cell(text: str | None, mode: RtlMode, *, max_width: int | None = None) -> Text:
    """A one-line table cell or list row, isolated or reordered for the display mode."""
    return Text(display_cell(clean_untrusted(text or ""), mode, max_width=max_width), end="")


def label(text: str) -> Text:
    """A plain rich Text for our own fixed labels (numbers, statuses) in tables."""
    return Text(clean_untrusted(text), end="")
