"""The import dialog: a path, a URL or pasted text, imported in a worker with progress."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, LoadingIndicator, TextArea

from workbench.core.errors import WorkbenchError
from workbench.tui.modals.base import workbench_app
from workbench.tui.safe import plain
from workbench.workflows.articles import ImportOptions, import_article, read_source


class ImportModal(ModalScreen[int | None]):
    """Returns the imported (or already stored) article's id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
        Binding("ctrl+r", "run_import", "Import", id="import.run", priority=True),
    ]

    def compose(self) -> ComposeResult:
        """A path or URL, or a text to paste, and the buttons."""
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("Import an article", classes="dialog-title")
            yield Input(placeholder="File path or http(s) URL", id="import-source")
            yield Label("…or paste the article text:")
            yield TextArea(id="import-pasted", soft_wrap=True)
            yield LoadingIndicator(id="import-progress")
            yield Label("", id="import-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import", variant="primary", id="import-run")
                yield Button("Cancel", id="import-cancel")

    def on_mount(self) -> None:
        """Hide the progress indicator until an import runs."""
        self.query_one("#import-progress").display = False
        self.query_one("#import-source", Input).focus()

    @on(Button.Pressed, "#import-run")
    @on(Input.Submitted, "#import-source")
    def action_run_import(self) -> None:
        """Start the import with what the user gave."""
        source = self.query_one("#import-source", Input).value.strip()
        pasted = self.query_one("#import-pasted", TextArea).text
        if not source and not pasted.strip():
            self._show_error("give a file path, a URL or some pasted text")
            return
        self._show_error("")
        self.query_one("#import-progress").display = True
        self.query_one("#import-run", Button).disabled = True
        self._import(source, pasted)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        """Close without importing."""
        self.dismiss(None)

    @work(thread=True, exclusive=True)
    def _import(self, source: str, pasted: str) -> None:
        app = workbench_app(self.app)
        try:
            if pasted.strip():
                raw = read_source("-", settings=app.settings, stdin_data=pasted.encode("utf-8"))
            else:
                raw = read_source(source, settings=app.settings)
            result = import_article(
                raw, database=app.database, options=ImportOptions(), author=app.reviewer
            )
        except WorkbenchError as exc:
            self.app.call_from_thread(self._failed, exc.message)
            return
        except Exception as exc:  # a parser bug must not take the whole app down
            self.app.call_from_thread(self._failed, f"import failed: {type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self.dismiss, result.article_id)

    def _failed(self, message: str) -> None:
        self.query_one("#import-progress").display = False
        self.query_one("#import-run", Button).disabled = False
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.query_one("#import-error", Label).update(plain(" ".join(message.split())))
