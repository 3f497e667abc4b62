"""The source registry: every known source, searchable by name or alias, and merge suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from workbench.core.errors import WorkbenchError
from workbench.tui.safe import cell, label
from workbench.tui.screens.base import WorkbenchScreen
from workbench.tui.tables import fill_table
from workbench.workflows.registry import (
    aliases_of_sources,
    list_sources,
    list_suggestions,
    merge_sources,
    reject_suggestion,
)


@dataclass(frozen=True, slots=True)
class SourceListing:
    """What the registry screen shows: the sources found and the open merge suggestions."""

    sources: list[dict[str, Any]]
    aliases: dict[int, list[str]]
    suggestions: list[dict[str, Any]]


def load_listing(database: Any, search: str) -> SourceListing:
    """Sources matching the search (with aliases) and the open suggestions, read together."""
    sources = list_sources(database=database, search=search.strip() or None)
    aliases = aliases_of_sources(
        database=database, source_ids=[int(row["id"]) for row in sources if row["id"]]
    )
    return SourceListing(sources, aliases, list_suggestions(database=database))


SOURCE_HEADINGS = ("id", "name", "kind", "role", "claims", "aliases")
SUGGESTION_HEADINGS = ("score", "source", "may be the same as")


class SourcesScreen(WorkbenchScreen):
    """Lists sources; Enter opens a source's page; suggestions can be merged or rejected."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="sources.back"),
        Binding("slash", "focus_search", "Search", id="sources.search"),
        Binding("g", "focus_suggestions", "Suggestions", id="sources.suggestions"),
        Binding("y", "accept_suggestion", "Merge suggested", id="sources.accept"),
        Binding("n", "reject_suggestion", "Not the same", id="sources.reject"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._listing = SourceListing([], {}, [])

    def compose(self) -> ComposeResult:
        """A search box over the table, the suggestions below."""
        yield Header()
        yield Input(placeholder="Search names and aliases…", id="source-search")
        yield DataTable(id="sources", cursor_type="row")
        yield Static("Possible duplicates (y merges, n rejects)", classes="section-title")
        yield DataTable(id="source-suggestions", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Load every source."""
        super().on_mount()
        self.sub_title = "sources"
        self.query_one("#sources", DataTable).add_columns(*SOURCE_HEADINGS)
        self.query_one("#source-suggestions", DataTable).add_columns(*SUGGESTION_HEADINGS)
        self._reload("")

    def on_screen_resume(self) -> None:
        """Merges made on a source page change the list."""
        self._reload(self.query_one("#source-search", Input).value)

    @on(Input.Changed, "#source-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._reload(event.value)

    @on(Input.Submitted, "#source-search")
    def _search_submitted(self) -> None:
        self.query_one("#sources", DataTable).focus()

    def _reload(self, search: str) -> None:
        self.query_one("#sources", DataTable).loading = True
        self._load(search)

    @work(thread=True, exclusive=True, group="sources-load")
    def _load(self, search: str) -> None:
        try:
            listing = load_listing(self.wb.database, search)
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._show, listing)

    def _show(self, listing: SourceListing) -> None:
        self._listing = listing
        self.redraw_cells()

    def redraw_cells(self) -> None:
        """Fill the tables for the display mode."""
        table = self.query_one("#sources", DataTable)
        table.loading = False
        fill_table(
            table,
            SOURCE_HEADINGS,
            [
                (
                    str(row["id"]),
                    (
                        label(str(row["id"])),
                        cell(row["name"], self.mode, max_width=40),
                        label(row["kind"]),
                        cell(row["role"], self.mode, max_width=30),
                        label(str(row["claims"])),
                        cell(
                            " / ".join(self._listing.aliases.get(row["id"], [])),
                            self.mode,
                            max_width=40,
                        ),
                    ),
                )
                for row in self._listing.sources
            ],
        )
        fill_table(
            self.query_one("#source-suggestions", DataTable),
            SUGGESTION_HEADINGS,
            [
                (
                    str(item["id"]),
                    (
                        label(f"{item['score']:.2f}"),
                        cell(
                            f"{item['source_id']} {item['source_name'] or ''}",
                            self.mode,
                            max_width=50,
                        ),
                        cell(
                            f"{item['candidate_id']} {item['candidate_name'] or ''}",
                            self.mode,
                            max_width=50,
                        ),
                    ),
                )
                for item in self._listing.suggestions
            ],
        )

    @on(DataTable.RowSelected, "#sources")
    def _source_chosen(self, event: DataTable.RowSelected) -> None:
        from workbench.tui.screens.source import SourceScreen

        self.app.push_screen(SourceScreen(int(event.row_key.value or 0)))

    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#source-search", Input).focus()

    def action_focus_suggestions(self) -> None:
        """Move to the list of possible duplicates."""
        self.query_one("#source-suggestions", DataTable).focus()

    def _highlighted_suggestion(self) -> dict[str, Any] | None:
        table = self.query_one("#source-suggestions", DataTable)
        if not self._listing.suggestions or table.row_count == 0:
            self.report_error("no suggestion to act on")
            return None
        return self._listing.suggestions[min(table.cursor_row, len(self._listing.suggestions) - 1)]

    def action_accept_suggestion(self) -> None:
        """Merge the highlighted suggestion's new source into the existing one."""
        suggestion = self._highlighted_suggestion()
        if suggestion is not None:
            self._decide(suggestion, merge=True)

    def action_reject_suggestion(self) -> None:
        """Record that the highlighted pair are different sources."""
        suggestion = self._highlighted_suggestion()
        if suggestion is not None:
            self._decide(suggestion, merge=False)

    @work(thread=True, exclusive=True, group="sources-change")
    def _decide(self, suggestion: dict[str, Any], *, merge: bool) -> None:
        try:
            if merge:
                merge_sources(
                    database=self.wb.database,
                    source_id=suggestion["source_id"],
                    into_id=suggestion["candidate_id"],
                    by=self.wb.reviewer,
                )
                done = f"source {suggestion['source_id']} merged into {suggestion['candidate_id']}"
            else:
                reject_suggestion(
                    database=self.wb.database, suggestion_id=suggestion["id"], by=self.wb.reviewer
                )
                done = "suggestion rejected"
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._decided, done)

    def _decided(self, done: str) -> None:
        self.notify(done, timeout=3, markup=False)
        self._reload(self.query_one("#source-search", Input).value)
