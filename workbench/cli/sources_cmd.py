"""`workbench sources`: the registry of who says things, and every source's track record."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from workbench.cli.output import emit_json, make_console, safe
from workbench.cli.state import CliState
from workbench.core.errors import WorkbenchError
from workbench.workflows import registry

app = typer.Typer(
    help="The source registry: list, show, merge, alias and edit sources.", no_args_is_help=True
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (docs/cli.md).")]


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.obj
    return state


@app.command("list")
def list_sources(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Names and aliases containing this.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 500,
    json_output: JsonFlag = False,
) -> None:
    """List registry sources with how many claims each stands behind."""
    state = _state(ctx)
    rows = registry.list_sources(database=state.database(), kind=kind, search=search, limit=limit)
    if json_output:
        emit_json(rows)
        return
    table = Table("id", "kind", "name", "role", "claims", box=None)
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["kind"],
            Text(safe(row["name"])),
            Text(safe(row["role"])),
            str(row["claims"]),
        )
    make_console().print(table)


@app.command("show")
def show_source(ctx: typer.Context, source_id: int, json_output: JsonFlag = False) -> None:
    """Show a source: aliases, identity links and its track record."""
    page = registry.source_page(database=_state(ctx).database(), source_id=source_id)
    if json_output:
        emit_json(page)
        return
    console = make_console()
    console.print(Text(f"{safe(page['name'])}  [{page['kind']}] #{page['id']}"))
    for label, key in (("role", "role"), ("affiliation", "affiliation"), ("country", "country")):
        if page[key]:
            console.print(Text(f"  {label}: {safe(page[key])}"))
    if page["aliases"]:
        console.print(Text("  aliases: " + " · ".join(safe(alias) for alias in page["aliases"])))
    for link in page["same_as"]:
        console.print(Text(f"  same as: {safe(link)}"))
    record = page["track_record"]
    console.print(
        f"  claims: {page['claims']} ({record['as_origin']} as origin, "
        f"{record['as_relay']} as relay); first seen {record['first_seen'] or '-'}, "
        f"last seen {record['last_seen'] or '-'}"
    )
    if record["ratings"]:
        counts = ", ".join(f"{safe(label)} {count}" for label, count in record["ratings"].items())
        console.print(Text(f"  verdicts: {counts}"))
    for item in record["claims"]:
        verdict = f" [{safe(item['verdict'])}]" if item["verdict"] else ""
        console.print(Text(f"  #{item['claim_id']} ({item['as']}){verdict} {safe(item['text'])}"))
    for suggestion in page["suggestions"]:
        other = (
            suggestion["candidate_id"]
            if suggestion["source_id"] == page["id"]
            else suggestion["source_id"]
        )
        console.print(
            f"  may be the same as #{other} (score {suggestion['score']}); "
            f"`workbench sources merge {suggestion['source_id']} --into "
            f"{suggestion['candidate_id']}` or `sources suggestions --reject {suggestion['id']}`"
        )


@app.command("merge")
def merge_sources(
    ctx: typer.Context,
    source_id: Annotated[int | None, typer.Argument(help="The source to merge away.")] = None,
    into: Annotated[int | None, typer.Option("--into", help="The source that stays.")] = None,
    undo: Annotated[int | None, typer.Option("--undo", help="Undo the merge with this id.")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Merge a source into another (its attributions follow), or undo a recorded merge."""
    state = _state(ctx)
    if undo is not None:
        if source_id is not None or into is not None:
            raise WorkbenchError("--undo takes only the merge id")
        merge = registry.undo_merge(
            database=state.database(), merge_id=undo, by=state.settings.reviewer
        )
        verb = "undid"
    else:
        if source_id is None or into is None:
            raise WorkbenchError("give the source to merge and --into the source that stays")
        merge = registry.merge_sources(
            database=state.database(),
            source_id=source_id,
            into_id=into,
            by=state.settings.reviewer,
        )
        verb = "merged"
    if json_output:
        emit_json(merge)
        return
    make_console().print(
        f"{verb} merge {merge['id']}: source {merge['source_id']} into {merge['into_id']} "
        f"({merge['moved_links']} attributions)"
    )


@app.command("alias")
def alias_source(
    ctx: typer.Context,
    source_id: int,
    names: Annotated[list[str] | None, typer.Argument(help="Aliases to add.")] = None,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="An alias to forget (repeatable).")
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Add (or --remove) names a source goes by, in any script."""
    if not names and not remove:
        raise WorkbenchError("give aliases to add or --remove ALIAS")
    aliases = registry.change_aliases(
        database=_state(ctx).database(),
        source_id=source_id,
        add=names or [],
        remove=remove or [],
    )
    if json_output:
        emit_json({"id": source_id, "aliases": aliases})
        return
    make_console().print(Text("aliases: " + " · ".join(safe(alias) for alias in aliases)))


@app.command("edit")
def edit_source(
    ctx: typer.Context,
    source_id: int,
    kind: Annotated[str | None, typer.Option("--kind")] = None,
    name: Annotated[str | None, typer.Option("--name", help="New canonical name.")] = None,
    role: Annotated[str | None, typer.Option("--role")] = None,
    affiliation: Annotated[str | None, typer.Option("--affiliation")] = None,
    country: Annotated[str | None, typer.Option("--country")] = None,
    wikidata: Annotated[
        str | None, typer.Option("--wikidata", help="Wikidata item id (Q2344) for sameAs.")
    ] = None,
    same_as: Annotated[
        list[str] | None, typer.Option("--same-as", help="Another identity URL (repeatable).")
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Edit a source's kind, name, role, affiliation, country or sameAs links."""
    summary = registry.edit_source(
        database=_state(ctx).database(),
        source_id=source_id,
        kind=kind,
        name=name,
        role=role,
        affiliation=affiliation,
        country=country,
        wikidata=wikidata,
        same_as=same_as or [],
    )
    if json_output:
        emit_json(summary)
        return
    make_console().print(
        Text(f"source {summary['id']}: {safe(summary['name'])} [{summary['kind']}]")
    )


@app.command("suggestions")
def suggestions(
    ctx: typer.Context,
    reject: Annotated[
        int | None, typer.Option("--reject", help="Mark this suggestion as different sources.")
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """List sources that may be the same as another (confirm with merge, or --reject)."""
    state = _state(ctx)
    if reject is not None:
        result = registry.reject_suggestion(
            database=state.database(), suggestion_id=reject, by=state.settings.reviewer
        )
        if json_output:
            emit_json(result)
        else:
            make_console().print(f"suggestion {reject} rejected")
        return
    rows = registry.list_suggestions(database=state.database())
    if json_output:
        emit_json(rows)
        return
    console = make_console()
    for row in rows:
        console.print(
            Text(
                f"#{row['id']}: {safe(row['source_name'])} (#{row['source_id']}) may be "
                f"{safe(row['candidate_name'])} (#{row['candidate_id']}), score {row['score']}"
            )
        )
