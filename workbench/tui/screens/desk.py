"""The desk: queues by status, the article list, a fuzzy filter, and the import dialog."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.errors import WorkbenchError
from workbench.tui.safe import cell, label
from workbench.tui.screens.base import WorkbenchScreen
from workbench.tui.tables import fill_table
from workbench.workflows.desk import (
    ClaimItem,
    DeskOverview,
    SearchHit,
    claims_in_status,
    desk_overview,
    fuzzy_search,
)

QUEUE_HEADINGS = ("status", "claims")
ARTICLE_HEADINGS = ("id", "title", "lang", "claims")
QUEUE_CLAIM_HEADINGS = ("id", "worth", "claim")


class DeskScreen(WorkbenchScreen):
    """Home: what is waiting, what was imported, and a filter over claims and sources."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "import_article", "Import", id="desk.import"),
        Binding("slash", "focus_filter", "Filter", id="desk.filter"),
        Binding("s", "open_sources", "Sources", id="desk.sources"),
        Binding("r", "reload", "Reload", id="desk.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._overview: DeskOverview | None = None
        self._queue_claims: list[ClaimItem] = []
        self._hits: list[SearchHit] = []
        self._status = "new"
        self._queue_status: str | None = None

    def compose(self) -> ComposeResult:
        """Queues and articles on the left, the filter and a queue's claims on the right."""
        yield Header()
        with Horizontal(id="desk-main"):
            with Vertical(id="desk-left"):
                yield Static("Queues", classes="section-title")
                yield DataTable(id="queues", cursor_type="row")
                yield Static("Articles", classes="section-title")
                yield DataTable(id="articles", cursor_type="row")
            with Vertical(id="desk-right"):
                yield Input(placeholder="Filter claims and sources…", id="filter")
                yield OptionList(id="results")
                yield Static("Claims in queue", classes="section-title", id="queue-title")
                yield DataTable(id="queue-claims", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Set up the tables and load the queues."""
        super().on_mount()
        self.query_one("#queues", DataTable).add_columns(*QUEUE_HEADINGS)
        self.query_one("#articles", DataTable).add_columns(*ARTICLE_HEADINGS)
        self.query_one("#queue-claims", DataTable).add_columns(*QUEUE_CLAIM_HEADINGS)
        self.query_one("#results", OptionList).display = False
        self.action_reload()

    def on_screen_resume(self) -> None:
        """Counts change while other screens are open: reload on return."""
        if self._overview is not None:
            self.action_reload()

    def action_reload(self) -> None:
        """Load the queues and the article list again."""
        for table_id in ("#queues", "#articles"):
            self.query_one(table_id, DataTable).loading = True
        self._load_overview()

    @work(thread=True, exclusive=True, group="desk-overview")
    def _load_overview(self) -> None:
        try:
            overview = desk_overview(database=self.wb.database)
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._show_overview, overview)

    def _show_overview(self, overview: DeskOverview) -> None:
        if overview == self._overview:
            # Nothing changed while other screens were open: keep the tables (and the cursor).
            for table_id in ("#queues", "#articles"):
                self.query_one(table_id, DataTable).loading = False
        else:
            self._overview = overview
            self.redraw_cells()
        self._load_queue(self._status)

    def redraw_cells(self) -> None:
        """Fill the tables from the loaded data in the current display mode."""
        if self._overview is not None:
            queues = self.query_one("#queues", DataTable)
            queues.loading = False
            fill_table(
                queues,
                QUEUE_HEADINGS,
                [
                    (status.status, (label(status.status), label(str(status.count))))
                    for status in self._overview.statuses
                ],
            )
            articles = self.query_one("#articles", DataTable)
            articles.loading = False
            fill_table(
                articles,
                ARTICLE_HEADINGS,
                [
                    (
                        str(row.article_id),
                        (
                            label(str(row.article_id)),
                            cell(row.title, self.mode, max_width=45),
                            label(row.language or ""),
                            label(str(row.claims)),
                        ),
                    )
                    for row in self._overview.articles
                ],
            )
        self._fill_queue_claims()
        self._fill_results()

    @on(DataTable.RowHighlighted, "#queues")
    def _queue_highlighted(self, event: DataTable.RowHighlighted) -> None:
        status = event.row_key.value or "new"
        if status != self._status:
            self._status = status
            self._load_queue(status)

    def _load_queue(self, status: str) -> None:
        self.query_one("#queue-claims", DataTable).loading = True
        self._load_queue_claims(status)

    @work(thread=True, exclusive=True, group="desk-queue")
    def _load_queue_claims(self, status: str) -> None:
        try:
            claims = claims_in_status(database=self.wb.database, status=status)
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._show_queue_claims, status, claims)

    def _show_queue_claims(self, status: str, claims: list[ClaimItem]) -> None:
        self.query_one("#queue-title", Static).update(label(f"Claims in queue: {status}"))
        if claims == self._queue_claims and self._queue_status == status:
            self.query_one("#queue-claims", DataTable).loading = False
            return
        self._queue_claims = claims
        self._queue_status = status
        self._fill_queue_claims()

    def _fill_queue_claims(self) -> None:
        table = self.query_one("#queue-claims", DataTable)
        table.loading = False
        rows = []
        for claim in self._queue_claims:
            worth = f"{claim.checkworthiness:.2f}" if claim.checkworthiness is not None else ""
            rows.append(
                (
                    str(claim.claim_id),
                    (
                        label(str(claim.claim_id)),
                        label(worth),
                        cell(claim.text, self.mode, max_width=70),
                    ),
                )
            )
        fill_table(table, QUEUE_CLAIM_HEADINGS, rows)

    @on(DataTable.RowSelected, "#articles")
    def _article_chosen(self, event: DataTable.RowSelected) -> None:
        from workbench.tui.screens.article import ArticleScreen

        self.app.push_screen(ArticleScreen(int(event.row_key.value or 0)))

    @on(DataTable.RowSelected, "#queue-claims")
    def _claim_chosen(self, event: DataTable.RowSelected) -> None:
        from workbench.tui.screens.claim import ClaimScreen

        self.app.push_screen(ClaimScreen(int(event.row_key.value or 0)))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.option_count:
            results.focus()
            results.highlighted = 0

    @work(thread=True, exclusive=True, group="desk-search")
    def _search(self, query: str) -> None:
        try:
            hits = fuzzy_search(database=self.wb.database, query=query)
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._show_hits, hits)

    def _show_hits(self, hits: list[SearchHit]) -> None:
        self._hits = hits
        self._fill_results()

    def _fill_results(self) -> None:
        results = self.query_one("#results", OptionList)
        results.clear_options()
        results.display = bool(self._hits)
        for hit in self._hits:
            prompt = cell(hit.label, self.mode, max_width=80)
            prompt = label(f"{hit.kind} {hit.item_id}  ").append_text(prompt)
            results.add_option(Option(prompt, id=f"{hit.kind}-{hit.item_id}"))

    @on(OptionList.OptionSelected, "#results")
    def _hit_chosen(self, event: OptionList.OptionSelected) -> None:
        from workbench.tui.screens.claim import ClaimScreen
        from workbench.tui.screens.source import SourceScreen

        kind, _, item_id = (event.option.id or "").partition("-")
        if kind == "claim":
            self.app.push_screen(ClaimScreen(int(item_id)))
        elif kind == "source":
            self.app.push_screen(SourceScreen(int(item_id)))

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter."""
        self.query_one("#filter", Input).focus()

    def action_open_sources(self) -> None:
        """Open the source registry."""
        from workbench.tui.screens.sources import SourcesScreen

        self.app.push_screen(SourcesScreen())

    def action_import_article(self) -> None:
        """Open the import dialog; a successful import opens the article."""
        from workbench.tui.modals.import_article import ImportModal
        from workbench.tui.screens.article import ArticleScreen

        def imported(article_id: int | None) -> None:
            if article_id is not None:
                self.action_reload()
                self.app.push_screen(ArticleScreen(article_id))

        self.app.push_screen(ImportModal(), imported)
