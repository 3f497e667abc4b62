"""The verdict form: a rating from the configured scale, a rationale, and the three actions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Label, Select, TextArea

from workbench.core.scales import RatingScale
from workbench.tui.bidi import RtlMode
from workbench.tui.safe import cell

VerdictAction = Literal["draft", "review", "publish"]


@dataclass(frozen=True, slots=True)
class VerdictDraft:
    """What the form holds: the chosen rating key (None when unset) and the rationale."""

    rating_key: str | None
    rationale: str


class VerdictForm(Vertical):
    """Edits the claim's next verdict; the screen records it through the verdict workflow."""

    DEFAULT_CSS: ClassVar[str] = """
    VerdictForm { height: auto; }
    VerdictForm > TextArea { height: 6; }
    VerdictForm > .verdict-buttons { height: auto; }
    VerdictForm > .verdict-buttons > Button { margin-right: 1; }
    """

    class VerdictSubmitted(Message):
        """The user asked to save a draft, send for review, or publish."""

        def __init__(self, action: VerdictAction, draft: VerdictDraft) -> None:
            super().__init__()
            self.action = action
            self.draft = draft

    def compose(self) -> ComposeResult:
        """Rating, rationale, buttons."""
        yield Select[str]([], prompt="Rating…", id="verdict-rating")
        yield Label("Rationale:")
        yield TextArea(id="verdict-rationale", soft_wrap=True)
        with Horizontal(classes="verdict-buttons"):
            yield Button("Save draft", id="verdict-draft")
            yield Button("Send for review", id="verdict-review")
            yield Button("Publish", variant="primary", id="verdict-publish")

    def set_scale(self, scale: RatingScale, language: str, mode: RtlMode) -> None:
        """Offer the scale's labels, named in the claim's language, keeping the choice."""
        select = self.query_one("#verdict-rating", Select)
        chosen = select.value
        select.set_options(
            (cell(scale.name_in(label, language), mode, max_width=40), label.key)
            for label in scale.labels
        )
        if isinstance(chosen, str) and scale.has_key(chosen):
            select.value = chosen

    def load(self, current: dict[str, Any] | None) -> None:
        """Fill the form from the claim's current verdict (or empty it)."""
        select = self.query_one("#verdict-rating", Select)
        if current is not None and current["rating_key"]:
            select.value = current["rating_key"]
        else:
            select.clear()
        self.query_one("#verdict-rationale", TextArea).text = (
            current["rationale"] if current is not None else ""
        )

    @property
    def draft(self) -> VerdictDraft:
        """What the form holds now."""
        value = self.query_one("#verdict-rating", Select).value
        return VerdictDraft(
            rating_key=value if isinstance(value, str) else None,
            rationale=self.query_one("#verdict-rationale", TextArea).text,
        )

    def differs_from(self, current: dict[str, Any] | None) -> bool:
        """Whether the form holds something other than the current verdict."""
        draft = self.draft
        if current is None:
            return draft.rating_key is not None or bool(draft.rationale.strip())
        return (
            draft.rating_key != current["rating_key"]
            or draft.rationale.strip() != str(current["rationale"]).strip()
        )

    def submit(self, action: VerdictAction) -> None:
        """Ask the screen to record the form."""
        self.post_message(self.VerdictSubmitted(action, self.draft))

    @on(Button.Pressed, "#verdict-draft")
    def _draft_pressed(self) -> None:
        self.submit("draft")

    @on(Button.Pressed, "#verdict-review")
    def _review_pressed(self) -> None:
        self.submit("review")

    @on(Button.Pressed, "#verdict-publish")
    def _publish_pressed(self) -> None:
        self.submit("publish")
