"""A source's page: names, kind, role, track record; alias, merge and undo-merge actions."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from workbench.core.errors import WorkbenchError
from workbench.tui.modals.source_picker import SourcePickerModal
from workbench.tui.modals.text_edit import LineInputModal
from workbench.tui.safe import cell, label
from workbench.tui.screens.base import WorkbenchScreen
from workbench.tui.tables import fill_table
from workbench.tui.widgets.bidi_text import BidiText
from workbench.workflows.registry import change_aliases, merge_sources, source_page, undo_merge


def summary_line(page: dict[str, Any]) -> str:
    """Counts of claims as origin and relay, verdicts, and first/last seen."""
    record = page["track_record"]
    parts = [f"{record['as_origin']} as origin", f"{record['as_relay']} as relay"]
    ratings: dict[str, int] = record["ratings"]
    if ratings:
        ordered = sorted(ratings.items(), key=lambda item: (-item[1], item[0]))
        parts.append(", ".join(f"{rating}: {count}" for rating, count in ordered))
    else:
        parts.append("no verdicts yet")
    if record["first_seen"] and record["last_seen"]:
        parts.append(f"seen {record['first_seen'][:10]} to {record['last_seen'][:10]}")
    return " · ".join(parts)


def facts_line(page: dict[str, Any]) -> str:
    """Id, kind, role, affiliation, country and identity links in one line."""
    facts = [
        f"source {page['id']}",
        page["kind"],
        page["role"] or "",
        page["affiliation"] or "",
        page["country"] or "",
    ]
    if page["merged_into_id"] is not None:
        facts.append(f"merged into source {page['merged_into_id']}")
    facts.extend(page["same_as"])
    return " · ".join(fact for fact in facts if fact)


def last_open_merge(page: dict[str, Any]) -> dict[str, Any] | None:
    """The newest merge into or out of the source that has not been undone."""
    open_merges = [merge for merge in page["merges"] if merge["undone_at"] is None]
    return open_merges[-1] if open_merges else None


TRACK_RECORD_HEADINGS = ("claim", "as", "status", "verdict", "seen", "text")


class SourceScreen(WorkbenchScreen):
    """One source; Enter on a track-record row opens that claim."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="source.back"),
        Binding("a", "add_alias", "Add alias", id="source.alias"),
        Binding("m", "merge_source", "Merge into…", id="source.merge"),
        Binding("u", "undo_merge", "Undo merge", id="source.undo_merge"),
    ]

    def __init__(self, source_id: int) -> None:
        super().__init__()
        self.source_id = source_id
        self.page: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        """Identity on top, the track record below."""
        yield Header()
        with Vertical(id="source-identity", classes="panel"):
            yield BidiText("", id="source-name", classes="article-title")
            yield BidiText("", id="source-facts", classes="claim-meta")
            yield BidiText("", id="source-aliases")
            yield BidiText("", id="source-summary", classes="claim-meta")
            yield BidiText("", id="source-merges", classes="claim-meta")
        yield Static("Track record", classes="section-title")
        yield DataTable(id="track-record", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Load the source."""
        super().on_mount()
        self.query_one("#track-record", DataTable).add_columns(*TRACK_RECORD_HEADINGS)
        self.reload()

    def reload(self) -> None:
        """Load the source again."""
        self.query_one("#source-identity").loading = True
        self._load()

    @work(thread=True, exclusive=True, group="source-load")
    def _load(self) -> None:
        try:
            page = source_page(database=self.wb.database, source_id=self.source_id)
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._show, page)

    def _show(self, page: dict[str, Any]) -> None:
        self.page = page
        self.sub_title = f"source {page['id']}"
        self.query_one("#source-name", BidiText).text = page["name"]
        self.query_one("#source-facts", BidiText).text = facts_line(page)
        aliases = " / ".join(page["aliases"]) if page["aliases"] else "no other names"
        self.query_one("#source-aliases", BidiText).text = f"Also: {aliases}"
        self.query_one("#source-summary", BidiText).text = summary_line(page)
        merge = last_open_merge(page)
        self.query_one("#source-merges", BidiText).text = (
            f"last merge: source {merge['source_id']} into {merge['into_id']} "
            f"by {merge['merged_by'] or '?'} (u undoes it)"
            if merge is not None
            else ""
        )
        self.query_one("#source-identity").loading = False
        self.redraw_cells()
        self.query_one("#track-record", DataTable).focus()

    def redraw_cells(self) -> None:
        """Fill the track record for the display mode."""
        if self.page is None:
            return
        fill_table(
            self.query_one("#track-record", DataTable),
            TRACK_RECORD_HEADINGS,
            [
                (
                    f"{item['claim_id']}-{item['as']}",
                    (
                        label(str(item["claim_id"])),
                        label(item["as"]),
                        label(item["status"]),
                        cell(item["verdict"] or "–", self.mode, max_width=20),
                        label(item["seen_at"][:10]),
                        cell(item["text"], self.mode, max_width=70),
                    ),
                )
                for item in self.page["track_record"]["claims"]
            ],
        )

    @on(DataTable.RowSelected, "#track-record")
    def _claim_chosen(self, event: DataTable.RowSelected) -> None:
        from workbench.tui.screens.claim import ClaimScreen

        claim_id = (event.row_key.value or "0").split("-")[0]
        self.app.push_screen(ClaimScreen(int(claim_id)))

    def action_add_alias(self) -> None:
        """Record another name of this source."""

        def given(alias: str | None) -> None:
            if alias:
                self._add_alias(alias)

        self.app.push_screen(
            LineInputModal("Another name of this source", placeholder="alias"), given
        )

    @work(thread=True, exclusive=True, group="source-change")
    def _add_alias(self, alias: str) -> None:
        known = set(self.page["aliases"]) if self.page else set()
        try:
            aliases = change_aliases(
                database=self.wb.database, source_id=self.source_id, add=[alias]
            )
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        added = bool(set(aliases) - known)
        message = "alias added" if added else "the source already has that name"
        self.app.call_from_thread(self._changed, message)

    def action_merge_source(self) -> None:
        """Merge this source into another one picked from the registry."""

        def picked(into_id: int | None) -> None:
            if into_id is not None:
                self._merge(into_id)

        self.app.push_screen(SourcePickerModal(exclude_id=self.source_id), picked)

    @work(thread=True, exclusive=True, group="source-change")
    def _merge(self, into_id: int) -> None:
        try:
            merge = merge_sources(
                database=self.wb.database,
                source_id=self.source_id,
                into_id=into_id,
                by=self.wb.reviewer,
            )
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._merged, int(merge["into_id"]))

    def _merged(self, kept_id: int) -> None:
        self.notify(f"merged into source {kept_id} (u undoes it)", timeout=4, markup=False)
        self.app.switch_screen(SourceScreen(kept_id))

    def action_undo_merge(self) -> None:
        """Undo the newest merge into or out of this source."""
        merge = last_open_merge(self.page) if self.page is not None else None
        if merge is None:
            self.report_error("no merge of this source to undo")
            return
        self._undo(int(merge["id"]))

    @work(thread=True, exclusive=True, group="source-change")
    def _undo(self, merge_id: int) -> None:
        try:
            merge = undo_merge(database=self.wb.database, merge_id=merge_id, by=self.wb.reviewer)
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(
            self._changed, f"merge undone: source {merge['source_id']} is separate again"
        )

    def _changed(self, message: str) -> None:
        self.notify(message, timeout=3, markup=False)
        self.reload()
