"""`workbench import`: bring articles (and later archives and backups) into the database."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from workbench.cli.output import emit_json, make_console, print_error, safe
from workbench.cli.state import CliState
from workbench.core.errors import WorkbenchError
from workbench.workflows.articles import (
    ImportOptions,
    import_article,
    parse_published,
    read_source,
)

app = typer.Typer(help="Import articles and archives of earlier fact-checks.", no_args_is_help=True)


def _sources_from_list(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkbenchError(f"cannot read the list {path}: {exc}") from exc
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@app.command("article")
def import_articles(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files (.txt, .md, .html), '-' for stdin, or http(s) URLs."),
    ] = None,
    from_list: Annotated[
        Path | None,
        typer.Option("--from-list", help="A file of URLs or paths, one a line.", dir_okay=False),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language code; detected when not given.")
    ] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="The publisher.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The article's URL.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date, ISO 8601.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON (docs/cli.md).")] = False,
) -> None:
    """Import articles and extract their claims; the same article twice is stored once."""
    state: CliState = ctx.obj
    names = list(sources or [])
    if from_list is not None:
        names.extend(_sources_from_list(from_list))
    if not names:
        raise WorkbenchError("give at least one file, URL or '-' (or --from-list FILE)")
    if url and len(names) > 1:
        raise WorkbenchError("--url names one article; give one source with it")
    options = ImportOptions(
        language=lang,
        publisher=publisher,
        url=url,
        published=parse_published(published) if published else None,
    )
    database = state.database()
    stdin_data = sys.stdin.buffer.read() if "-" in names else None
    results: list[dict[str, Any]] = []
    created = existing = failed = 0
    console = make_console(stderr=True)
    show_progress = console.is_terminal and len(names) > 1
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("importing", total=len(names))
        for name in names:
            progress.update(task, description=safe(name)[-40:])
            try:
                raw = read_source(name, settings=state.settings, stdin_data=stdin_data)
                result = import_article(
                    raw, database=database, options=options, author=state.settings.reviewer
                )
            except WorkbenchError as exc:
                failed += 1
                print_error(exc.message)
                results.append({"source": name, "status": "failed", "error": exc.message})
            else:
                if result.created:
                    created += 1
                else:
                    existing += 1
                status = "created" if result.created else "existing"
                results.append({"source": name, "status": status, **result.payload})
                if not json_output:
                    _print_result(name, result.article_id, status, result.claims)
            progress.advance(task)
    if json_output:
        emit_json(results[0] if len(results) == 1 else results)
    if len(names) > 1 or not json_output:
        console.print(f"{created} imported, {existing} already present, {failed} failed")
    if failed:
        raise typer.Exit(1)


def _print_result(name: str, article_id: int, status: str, claims: int) -> None:
    console = make_console()
    if status == "created":
        console.print(f"article {article_id}: {claims} claims from {safe(name)}")
    else:
        console.print(f"article {article_id}: already present, nothing stored ({safe(name)})")


@app.command("factchecks")
def import_factchecks(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="ClaimReview JSON/HTML, CSV, TSV or JSONL files, '-' or URLs."),
    ] = None,
    archive_format: Annotated[
        str | None,
        typer.Option("--format", help="json, html, csv, tsv or jsonl (guessed when not given)."),
    ] = None,
    map_fields: Annotated[
        list[str] | None,
        typer.Option("--map", help="Our field=their column, e.g. claim=vclaim,id=vclaim_id."),
    ] = None,
    api_query: Annotated[
        str | None, typer.Option("--api-query", help="Search the Fact Check Tools API.")
    ] = None,
    api_site: Annotated[
        str | None, typer.Option("--api-site", help="Fact Check Tools: only this publisher site.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Fact Check Tools: language code.")
    ] = None,
    max_age_days: Annotated[
        int | None, typer.Option("--max-age-days", min=1, help="Fact Check Tools: max age.")
    ] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", min=1, help="Fact Check Tools.")] = 10,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON (docs/cli.md).")] = False,
) -> None:
    """Import earlier fact-checks into the archive; the same id or URL updates, never duplicates."""
    from workbench.core.archive import parse_mapping
    from workbench.workflows.archive import (
        ArchiveImportSummary,
        api_items,
        read_archive_items,
        store_items,
    )

    state: CliState = ctx.obj
    names = list(sources or [])
    if not names and api_query is None and api_site is None:
        raise WorkbenchError("give archive files or URLs, or --api-query / --api-site")
    if archive_format is not None and archive_format not in {"json", "html", "csv", "tsv", "jsonl"}:
        raise WorkbenchError(f"unknown --format {archive_format!r}: json, html, csv, tsv or jsonl")
    try:
        mapping = parse_mapping(map_fields) if map_fields else None
    except ValueError as exc:
        raise WorkbenchError(str(exc)) from exc
    database = state.database()
    stdin_data = sys.stdin.buffer.read() if "-" in names else None
    console = make_console(stderr=True)
    summaries: list[dict[str, Any]] = []
    failed = False
    jobs: list[tuple[str, Any]] = [(name, None) for name in names]
    if api_query is not None or api_site is not None:
        jobs.append((f"factchecktools:{api_query or api_site}", "api"))
    with Progress(
        TextColumn("{task.description}"),
        TextColumn("{task.completed} records"),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    ) as progress:
        for name, kind in jobs:
            task = progress.add_task(safe(name)[-40:], total=None)
            summary = ArchiveImportSummary(source=name)
            try:
                if kind == "api":
                    items = api_items(
                        settings=state.settings,
                        query=api_query,
                        language=lang,
                        max_age_days=max_age_days,
                        publisher_site=api_site,
                        max_pages=max_pages,
                    )
                else:
                    items = read_archive_items(
                        name,
                        settings=state.settings,
                        mapping=mapping,
                        archive_format=archive_format,
                        stdin_data=stdin_data,
                    )
                store_items(
                    items,
                    database=database,
                    summary=summary,
                    settings=state.settings,
                    on_batch=partial(progress.advance, task),
                )
            except WorkbenchError as exc:
                failed = True
                print_error(exc.message)
                summaries.append({**summary.payload(), "error": exc.message})
                continue
            summaries.append(summary.payload())
            for error in summary.errors:
                print_error(f"{name}, {error.position}: {error.message} (skipped)")
    if json_output:
        emit_json(summaries[0] if len(summaries) == 1 else summaries)
    for item in summaries:
        console.print(
            f"{safe(item['source'])}: {item['created']} new, {item['updated']} updated, "
            f"{item['skipped']} skipped" + (" — failed" if "error" in item else "")
        )
    if failed:
        raise typer.Exit(1)
