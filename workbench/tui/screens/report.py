"""The report preview: the Markdown verdict report of a claim, an article or everything."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown

from workbench.core.errors import WorkbenchError
from workbench.tui.screens.base import WorkbenchScreen
from workbench.workflows.exports import Selection, render_export


class ReportScreen(WorkbenchScreen):
    """Read-only; the core's Markdown escapes all article text, so it cannot add links or markup."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="report.back"),
    ]

    def __init__(self, selection: Selection, title: str) -> None:
        super().__init__()
        self.selection = selection
        self.report_title = title
        self.markdown = ""

    def compose(self) -> ComposeResult:
        """The rendered report in a scroll."""
        yield Header()
        with VerticalScroll(id="report-scroll"):
            yield Markdown("", id="report", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        """Render the report in a worker."""
        super().on_mount()
        self.sub_title = f"report: {self.report_title}"
        self.query_one("#report-scroll").loading = True
        self._load()

    @work(thread=True, exclusive=True, group="report-load")
    def _load(self) -> None:
        try:
            text = render_export(
                database=self.wb.database,
                settings=self.wb.settings,
                selection=self.selection,
                export_format="md",
            )
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            text = "# Verdict report\n\nNothing to report.\n"
        self.app.call_from_thread(self._show, text)

    def _show(self, text: str) -> None:
        self.markdown = text
        self.query_one("#report", Markdown).update(text)
        self.query_one("#report-scroll").loading = False
