"""One claim in the article reader: its text, highlighted, with its attribution beside it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Click
from textual.message import Message

from workbench.tui.widgets.bidi_text import BidiText
from workbench.workflows.desk import AttributionView, ClaimItem


def worth_class(checkworthiness: float | None) -> str:
    """The style class for a check-worthiness score."""
    if checkworthiness is None:
        return "-worth-none"
    if checkworthiness >= 0.6:
        return "-worth-high"
    if checkworthiness >= 0.4:
        return "-worth-mid"
    return "-worth-low"


def describe_attribution(attribution: AttributionView | None) -> str:
    """The chain, cue and quote type in one line of plain text."""
    if attribution is None or not attribution.chain:
        return "unattributed"
    chain = " → ".join(link.name for link in attribution.chain)
    extras = [part for part in (attribution.cue, attribution.quote_type) if part]
    return " · ".join([chain, *extras])


class ClaimBlock(Horizontal, can_focus=True):
    """A focusable claim; Enter or a double click opens it."""

    DEFAULT_CSS: ClassVar[str] = """
    ClaimBlock { height: auto; }
    ClaimBlock > .claim-text { width: 3fr; }
    ClaimBlock > .claim-side { width: 1fr; height: auto; }
    """

    class Opened(Message):
        """The user asked to open the claim."""

        def __init__(self, claim: ClaimItem) -> None:
            super().__init__()
            self.claim = claim

    def __init__(self, claim: ClaimItem, text: str) -> None:
        super().__init__(
            id=f"claim-{claim.claim_id}",
            classes=f"{worth_class(claim.checkworthiness)} -status-{claim.status}",
        )
        self.claim = claim
        self._text = text

    def compose(self) -> ComposeResult:
        """The claim text and, beside it, who said it."""
        yield BidiText(self._text, classes="claim-text")
        with Vertical(classes="claim-side"):
            yield BidiText(f"#{self.claim.claim_id} · {self.claim.status}", classes="claim-meta")
            yield BidiText(
                describe_attribution(self.claim.attribution), classes="claim-attribution"
            )

    def on_click(self, event: Click) -> None:
        """A click selects the claim; a double click opens it."""
        self.focus()
        if event.chain >= 2:
            self.post_message(self.Opened(self.claim))
