"""The article reader: the body with claims highlighted, attribution beside them, edits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar, Final

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Static

from workbench.core.errors import WorkbenchError
from workbench.tui.modals.text_edit import EditClaimModal, LineInputModal, SpanPickerModal
from workbench.tui.screens.base import WorkbenchScreen
from workbench.tui.widgets.bidi_text import BidiText
from workbench.tui.widgets.claim_block import ClaimBlock, describe_attribution
from workbench.workflows import claims as claim_flows
from workbench.workflows.desk import ArticleView, BodyPiece, ClaimItem, article_view, body_pieces

PAGE_ITEMS: Final = 40
"""Claims and stretches of text mounted at a time: thousands of widgets at once freeze the app."""
PAGE_CHARACTERS: Final = 12_000
"""Characters of body mounted at a time (a page ends early when it reaches this)."""
CHUNK_CHARACTERS: Final = 3_000
"""Text between claims is cut into stretches of about this size, at a space when possible."""


@dataclass(frozen=True, slots=True)
class ReaderItem:
    """One widget's worth of the body: a claim, or a stretch of text between claims."""

    text: str
    claim: ClaimItem | None


def reader_items(pieces: list[BodyPiece]) -> Iterator[ReaderItem]:
    """The body pieces, with long stretches between claims cut into readable chunks."""
    for piece in pieces:
        if piece.claim is not None:
            yield ReaderItem(piece.text, piece.claim)
            continue
        text = piece.text.strip()
        while len(text) > CHUNK_CHARACTERS:
            cut = text.rfind(" ", CHUNK_CHARACTERS // 2, CHUNK_CHARACTERS)
            cut = cut if cut > 0 else CHUNK_CHARACTERS
            yield ReaderItem(text[:cut].strip(), None)
            text = text[cut:].strip()
        if text:
            yield ReaderItem(text, None)


def page_end(items: list[ReaderItem], start: int) -> int:
    """Where the page that begins at `start` ends (exclusive)."""
    end = start
    characters = 0
    while end < len(items) and end - start < PAGE_ITEMS and characters < PAGE_CHARACTERS:
        characters += len(items[end].text)
        end += 1
    return end


def provenance_line(view: ArticleView) -> str:
    """Publisher, language, date, URL or file and provenance in one line."""
    parts = [
        view.publisher or "",
        view.language or "",
        view.published_at.date().isoformat() if view.published_at else "",
        view.url or view.input_name or "",
        view.provenance or "",
    ]
    return " · ".join(part for part in parts if part)


class ArticleScreen(WorkbenchScreen):
    """Reads one article; keys act on the focused claim."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="article.back"),
        Binding("j,down", "next_claim", "Next", id="article.next", priority=True),
        Binding("k,up", "previous_claim", "Previous", id="article.previous", priority=True),
        Binding("enter", "open_claim", "Open", id="article.open"),
        Binding("s", "split_claim", "Split", id="article.split"),
        Binding("m", "merge_claim", "Merge next", id="article.merge"),
        Binding("e", "edit_claim", "Edit", id="article.edit"),
        Binding("d", "dismiss_claim", "Dismiss", id="article.dismiss"),
        Binding("n", "new_claim", "New claim", id="article.new"),
        Binding("plus", "show_more", "Show more", id="article.more"),
    ]

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.view: ArticleView | None = None
        self._focus_claim_id: int | None = None
        self._items: list[ReaderItem] = []
        self._shown = 0

    def compose(self) -> ComposeResult:
        """The header, then the body and related items in one scroll."""
        yield Header()
        with VerticalScroll(id="reader"):
            yield BidiText("", id="article-title", classes="article-title")
            yield BidiText("", id="article-provenance", classes="provenance")
            yield Vertical(id="article-claims-outside")
            yield Vertical(id="article-body")
            yield Button("Show more (+)", id="article-more")
            yield Static("Related", classes="section-title", id="related-title")
            yield Vertical(id="article-related")
        yield Footer()

    def on_mount(self) -> None:
        """Load the article."""
        super().on_mount()
        self.reload()

    def reload(self, *, focus_claim_id: int | None = None) -> None:
        """Load the article again, keeping the cursor on a claim if asked."""
        self._focus_claim_id = focus_claim_id
        self.query_one("#reader").loading = True
        self._load()

    @work(thread=True, exclusive=True, group="article-load")
    def _load(self) -> None:
        try:
            view = article_view(database=self.wb.database, article_id=self.article_id)
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        items = list(reader_items(body_pieces(view)))
        self.app.call_from_thread(self._show_soon, view, items)

    def _show_soon(self, view: ArticleView, items: list[ReaderItem]) -> None:
        self.call_later(self._show, view, items)

    async def _show(self, view: ArticleView, items: list[ReaderItem]) -> None:
        self.view = view
        self.sub_title = f"article {view.article_id}"
        self.query_one("#article-title", BidiText).text = view.title or ""
        self.query_one("#article-provenance", BidiText).text = provenance_line(view)
        outside = self.query_one("#article-claims-outside", Vertical)
        await outside.remove_children()
        await outside.mount_all(
            ClaimBlock(claim, claim.text)
            for claim in view.claims
            if claim.start is None or claim.kind == "headline"
        )
        body = self.query_one("#article-body", Vertical)
        await body.remove_children()
        self._items = items
        self._shown = 0
        await self._mount_page(until_claim_id=self._focus_claim_id)
        related = self.query_one("#article-related", Vertical)
        await related.remove_children()
        widgets: list[BidiText] = []
        for item in view.related:
            widgets.append(BidiText(item.title, classes="related-title"))
            if item.lead:
                widgets.append(BidiText(item.lead, classes="related-lead"))
            if item.attribution is not None:
                widgets.append(
                    BidiText(describe_attribution(item.attribution), classes="related-attribution")
                )
        await related.mount_all(widgets)
        self.query_one("#related-title", Static).display = bool(view.related)
        self.query_one("#reader").loading = False
        self._restore_focus()

    async def _mount_page(self, *, until_claim_id: int | None = None) -> None:
        """Mount the next page of the body (more pages until a wanted claim is shown)."""
        body = self.query_one("#article-body", Vertical)
        while True:
            end = page_end(self._items, self._shown)
            page = self._items[self._shown : end]
            await body.mount_all(
                ClaimBlock(item.claim, item.text)
                if item.claim is not None
                else BidiText(item.text, classes="between-claims")
                for item in page
            )
            self._shown = end
            wanted_here = until_claim_id is None or any(
                item.claim is not None and item.claim.claim_id == until_claim_id for item in page
            )
            if wanted_here or self._shown >= len(self._items):
                break
        more = self.query_one("#article-more", Button)
        more.display = self._shown < len(self._items)
        more.label = f"Show more (+): {len(self._items) - self._shown} parts left"

    async def action_show_more(self) -> None:
        """Show the next page of a long article."""
        if self._shown < len(self._items):
            await self._mount_page()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        """The show-more button."""
        if event.button.id == "article-more":
            await self.action_show_more()

    def _restore_focus(self) -> None:
        blocks = list(self.query(ClaimBlock))
        if not blocks:
            return
        wanted = [b for b in blocks if b.claim.claim_id == self._focus_claim_id]
        if not wanted:
            # The first claim sits under the title: scrolling to it before the layout is done
            # could hide the title and provenance lines.
            blocks[0].focus(scroll_visible=False)
            return
        wanted[0].focus(scroll_visible=False)
        self.call_after_refresh(wanted[0].scroll_visible)

    def _blocks(self) -> list[ClaimBlock]:
        return list(self.query(ClaimBlock))

    @property
    def current_block(self) -> ClaimBlock | None:
        """The focused claim, else the first one."""
        focused = self.focused
        if isinstance(focused, ClaimBlock):
            return focused
        blocks = self._blocks()
        return blocks[0] if blocks else None

    async def _move(self, step: int) -> None:
        blocks = self._blocks()
        current = self.current_block
        if not blocks or current is None:
            return
        if blocks.index(current) + step >= len(blocks) and self._shown < len(self._items):
            await self._mount_page()
            blocks = self._blocks()
        index = max(0, min(len(blocks) - 1, blocks.index(current) + step))
        blocks[index].focus()
        blocks[index].scroll_visible()

    async def action_next_claim(self) -> None:
        """Move to the next claim (showing more of a long article at the end of a page)."""
        await self._move(1)

    async def action_previous_claim(self) -> None:
        """Move to the previous claim."""
        await self._move(-1)

    def on_claim_block_opened(self, message: ClaimBlock.Opened) -> None:
        """A double-clicked claim opens."""
        self._open(message.claim)

    def action_open_claim(self) -> None:
        """Open the focused claim's screen."""
        block = self.current_block
        if block is not None:
            self._open(block.claim)

    def _open(self, claim: ClaimItem) -> None:
        from workbench.tui.screens.claim import ClaimScreen

        self.app.push_screen(ClaimScreen(claim.claim_id))

    def action_split_claim(self) -> None:
        """Split the focused claim at a point (or around a selection) picked in its text."""
        block = self.current_block
        if block is None:
            return
        claim = block.claim

        def chosen(span: tuple[int, int] | None) -> None:
            if span is not None:
                offsets = sorted({offset for offset in span if 0 < offset < len(claim.text)})
                self._change(
                    lambda: claim_flows.split_claim(
                        database=self.wb.database,
                        claim_id=claim.claim_id,
                        offsets=offsets,
                        by=self.wb.reviewer,
                        expected_version=claim.version,
                    ),
                    f"claim {claim.claim_id} split",
                )

        title = "Move the cursor to the split point (or select a part), then Enter"
        self.app.push_screen(
            SpanPickerModal(title, claim.text, cursor=len(claim.text) // 2), chosen
        )

    def action_merge_claim(self) -> None:
        """Merge the focused claim with the next live claim."""
        blocks = [b for b in self._blocks() if b.claim.status != "dismissed"]
        current = self.current_block
        if current is None or current not in blocks or blocks.index(current) + 1 >= len(blocks):
            self.report_error("there is no next claim to merge with")
            return
        following = blocks[blocks.index(current) + 1].claim
        ids = [current.claim.claim_id, following.claim_id]
        self._change(
            lambda: claim_flows.merge_claims(
                database=self.wb.database, claim_ids=ids, by=self.wb.reviewer
            ),
            f"claims {ids[0]} and {ids[1]} merged",
        )

    def action_edit_claim(self) -> None:
        """Edit the focused claim's wording."""
        block = self.current_block
        if block is None:
            return
        claim = block.claim

        def edited(text: str | None) -> None:
            if text is not None and text.strip() != claim.text:
                self._change(
                    lambda: claim_flows.edit_claim(
                        database=self.wb.database,
                        claim_id=claim.claim_id,
                        text=text,
                        by=self.wb.reviewer,
                        expected_version=claim.version,
                    ),
                    f"claim {claim.claim_id} edited",
                    focus_claim_id=claim.claim_id,
                )

        self.app.push_screen(EditClaimModal(claim.text), edited)

    def action_dismiss_claim(self) -> None:
        """Dismiss the focused claim, with a reason."""
        block = self.current_block
        if block is None:
            return
        claim = block.claim

        def reason_given(reason: str | None) -> None:
            if reason is not None:
                self._change(
                    lambda: claim_flows.dismiss_claim(
                        database=self.wb.database,
                        claim_id=claim.claim_id,
                        reason=reason or None,
                        by=self.wb.reviewer,
                        expected_version=claim.version,
                    ),
                    f"claim {claim.claim_id} dismissed",
                    focus_claim_id=claim.claim_id,
                )

        self.app.push_screen(
            LineInputModal("Why dismiss this claim? (Enter)", allow_empty=True), reason_given
        )

    def action_new_claim(self) -> None:
        """Make a claim from a selection of the body."""
        if self.view is None:
            return
        view = self.view
        block = self.current_block
        cursor = block.claim.start or 0 if block is not None else 0

        def chosen(span: tuple[int, int] | None) -> None:
            if span is None or span[0] == span[1]:
                return
            text = view.body[span[0] : span[1]]
            self._change(
                lambda: claim_flows.add_claim(
                    database=self.wb.database,
                    text=text,
                    article_id=view.article_id,
                    language=view.language,
                    by=self.wb.reviewer,
                ),
                "new claim added",
            )

        self.app.push_screen(
            SpanPickerModal("Select the claim's text, then Enter", view.body, cursor=cursor),
            chosen,
        )

    def _change(
        self, change: Callable[[], object], done: str, *, focus_claim_id: int | None = None
    ) -> None:
        self.query_one("#reader").loading = True
        self._run_change(change, done, focus_claim_id)

    @work(thread=True, exclusive=True, group="article-change")
    def _run_change(
        self, change: Callable[[], object], done: str, focus_claim_id: int | None
    ) -> None:
        try:
            change()
        except WorkbenchError as exc:
            self.app.call_from_thread(self._change_failed, exc.message)
            return
        self.app.call_from_thread(self._changed, done, focus_claim_id)

    def _change_failed(self, message: str) -> None:
        self.query_one("#reader").loading = False
        self.report_error(message)

    def _changed(self, done: str, focus_claim_id: int | None) -> None:
        self.notify(done, timeout=3, markup=False)
        self.reload(focus_claim_id=focus_claim_id)
