"""Earlier fact-checks matched to a claim: state, tier, score, rating, the text and its flags."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.core.text.sanitize import clean_untrusted
from workbench.tui.bidi import RtlMode, display_cell

STATE_MARKS: dict[str, str] = {"confirmed": "✓", "rejected": "✗", "suggested": "?"}


def flag_text(flags: Sequence[dict[str, Any]]) -> str:
    """The match's warnings in one line ("numbers differ: 13 vs 33; …")."""
    return "; ".join(clean_untrusted(str(flag.get("detail") or flag.get("kind"))) for flag in flags)


def match_prompt(link: dict[str, Any], mode: RtlMode, *, width: int = 110) -> Content:
    """One stored match as plain content; the flags on their own line in the warning colour."""
    state = str(link["state"])
    head = " · ".join(
        part
        for part in (
            f"{STATE_MARKS.get(state, '?')} {state}",
            str(link["tier"]),
            f"score {float(link['score']):.2f}",
            display_cell(clean_untrusted(link["rating"] or "no rating"), mode, max_width=30),
            display_cell(clean_untrusted(link["publisher"] or ""), mode, max_width=30),
        )
        if part
    )
    claim = display_cell(clean_untrusted(link["claim"] or ""), mode, max_width=width)
    parts: list[tuple[str, str] | str] = [(head, "bold"), "\n", claim]
    if link["flags"]:
        parts.extend(["\n", (f"⚠ {flag_text(link['flags'])}", "$warning bold")])
    return Content.assemble(*parts)


class MatchesPanel(OptionList):
    """The claim's stored matches, confirmed first; the screen's keys act on the highlighted one."""

    DEFAULT_CSS: ClassVar[str] = """
    MatchesPanel { height: auto; max-height: 16; border: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.links: list[dict[str, Any]] = []

    def show_matches(self, links: list[dict[str, Any]], mode: RtlMode) -> None:
        """Replace the listed matches, keeping the highlight on the same match when it is there."""
        previous = self.highlighted_match()
        self.links = links
        self.clear_options()
        if not links:
            self.add_option(
                Option(Content("no earlier fact-check found (r runs matching)"), disabled=True)
            )
            return
        self.add_options(
            Option(match_prompt(link, mode), id=f"match-{link['match_id']}") for link in links
        )
        ids = [link["match_id"] for link in links]
        wanted = previous["match_id"] if previous is not None else None
        self.highlighted = ids.index(wanted) if wanted in ids else 0

    def highlighted_match(self) -> dict[str, Any] | None:
        """The match under the cursor, if any."""
        if not self.links or self.highlighted is None or self.highlighted >= len(self.links):
            return None
        return self.links[self.highlighted]
