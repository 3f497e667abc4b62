"""The export dialog: a format, a scope and a path; the file is written in a worker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from workbench.config import Settings
from workbench.core.errors import WorkbenchError
from workbench.store.database import Database
from workbench.tui.modals.base import workbench_app
from workbench.tui.safe import plain
from workbench.workflows.exports import FORMATS, Selection, render_export

EXTENSIONS = {"md": "md", "html": "html", "csv": "csv", "json": "json", "claimreview": "json"}


@dataclass(frozen=True, slots=True)
class ExportScope:
    """What an export covers, as offered in the dialog."""

    key: str
    title: str
    selection: Selection


def export_scopes(*, article_id: int | None, claim_id: int | None) -> list[ExportScope]:
    """The scopes that make sense where the dialog was opened: this claim, this article, all."""
    scopes = []
    if claim_id is not None:
        scopes.append(
            ExportScope(
                f"claim-{claim_id}", f"this claim ({claim_id})", Selection(claim_id=claim_id)
            )
        )
    if article_id is not None:
        scopes.append(
            ExportScope(
                f"article-{article_id}",
                f"this article ({article_id})",
                Selection(article_id=article_id),
            )
        )
    scopes.append(ExportScope("all", "everything", Selection(everything=True)))
    return scopes


def default_export_path(scope: ExportScope, export_format: str, directory: Path) -> Path:
    """workbench-<scope>.<ext> in the given directory (the current one by default)."""
    suffix = "-backup" if export_format == "json" and scope.selection.everything else ""
    return directory / f"workbench-{scope.key}{suffix}.{EXTENSIONS[export_format]}"


def export_text(
    settings: Settings, database: Database, scope: ExportScope, export_format: str
) -> str:
    """The export's text; json of everything is the full backup, as on the command line."""
    if export_format == "json" and scope.selection.everything:
        from workbench.workflows.backup import dump_database, dumps_backup

        return dumps_backup(dump_database(database=database))
    return render_export(
        database=database,
        settings=settings,
        selection=scope.selection,
        export_format=export_format,
    )


class ExportModal(ModalScreen[Path | None]):
    """Writes an export; returns the path written (None when closed without writing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="export.close"),
        Binding("ctrl+w", "run_export", "Write export", id="export.run", priority=True),
    ]

    def __init__(
        self,
        *,
        article_id: int | None = None,
        claim_id: int | None = None,
        directory: Path | None = None,
    ) -> None:
        super().__init__()
        self._scopes = export_scopes(article_id=article_id, claim_id=claim_id)
        self._directory = directory or Path.cwd()
        self._written: Path | None = None
        self._suggested_path = ""

    def compose(self) -> ComposeResult:
        """Format, scope, path, the outcome line and the buttons."""
        with Vertical(classes="dialog dialog-small", id="export-dialog"):
            yield Label("Export", classes="dialog-title")
            yield Select[str](
                ((name, name) for name in FORMATS),
                value="html",
                allow_blank=False,
                id="export-format",
            )
            yield Select[str](
                ((scope.title, scope.key) for scope in self._scopes),
                value=self._scopes[0].key,
                allow_blank=False,
                id="export-scope",
            )
            yield Input(id="export-path")
            yield Label("", id="export-outcome")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Write", variant="primary", id="export-run")
                yield Button("Close", id="export-close")

    def on_mount(self) -> None:
        """Suggest a path for the first choice."""
        self._suggest_path()
        self.query_one("#export-format", Select).focus()

    @property
    def scope(self) -> ExportScope:
        """The chosen scope."""
        key = self.query_one("#export-scope", Select).value
        return next((scope for scope in self._scopes if scope.key == key), self._scopes[0])

    @property
    def export_format(self) -> str:
        """The chosen format."""
        value = self.query_one("#export-format", Select).value
        return value if isinstance(value, str) else "html"

    @on(Select.Changed)
    def _suggest_path(self) -> None:
        path_input = self.query_one("#export-path", Input)
        # Only replace a path the user has not typed themselves.
        if path_input.value in ("", self._suggested_path):
            self._suggested_path = str(
                default_export_path(self.scope, self.export_format, self._directory)
            )
            path_input.value = self._suggested_path

    @on(Button.Pressed, "#export-run")
    @on(Input.Submitted, "#export-path")
    def action_run_export(self) -> None:
        """Write the export in a worker."""
        path_text = self.query_one("#export-path", Input).value.strip()
        if not path_text:
            self._show("give a path to write to")
            return
        self._show("writing…")
        self.query_one("#export-run", Button).disabled = True
        self._write(self.scope, self.export_format, Path(path_text).expanduser())

    @work(thread=True, exclusive=True)
    def _write(self, scope: ExportScope, export_format: str, path: Path) -> None:
        app = workbench_app(self.app)
        try:
            text = export_text(app.settings, app.database, scope, export_format)
            path.write_text(text, encoding="utf-8")
        except WorkbenchError as exc:
            self.app.call_from_thread(self._done, None, exc.message)
            return
        except OSError as exc:
            self.app.call_from_thread(self._done, None, f"cannot write {path}: {exc.strerror}")
            return
        self.app.call_from_thread(self._done, path, f"wrote {path}")

    def _done(self, path: Path | None, message: str) -> None:
        self.query_one("#export-run", Button).disabled = False
        if path is not None:
            self._written = path
            self.notify(message, timeout=4, markup=False)
        self._show(message)

    def _show(self, message: str) -> None:
        self.query_one("#export-outcome", Label).update(plain(" ".join(message.split())))

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        """Close, returning what was written."""
        self.dismiss(self._written)
