"""`workbench match` and `workbench matches`: have we, or anyone, checked this before?"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from workbench.cli.output import emit_json, emit_jsonl, make_console, safe
from workbench.cli.state import CliState
from workbench.core.errors import WorkbenchError
from workbench.core.vocabulary import MatchState
from workbench.workflows import matching

TIER_STYLES = {"strong": "bold green", "suggest": "yellow", "weak": "dim"}


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise WorkbenchError(f"not an ISO date: {value!r} (like 2025-12-01)") from exc


def match(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="The claim to look for.")] = None,
    claim: Annotated[
        int | None, typer.Option("--claim", help="Match a stored claim; results are recorded.")
    ] = None,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help='JSONL of {"id", "text"}; JSONL out.', dir_okay=False),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100, help="Results per query.")] = 5,
    lang: Annotated[str | None, typer.Option("--lang", help="Only fact-checks in it.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only fact-checks reviewed since (ISO date).")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON (docs/cli.md).")] = False,
) -> None:
    """Find earlier fact-checks of a text, a stored claim, or a batch of queries."""
    state: CliState = ctx.obj
    chosen = [item for item in (text, claim, batch) if item is not None]
    if len(chosen) != 1:
        raise WorkbenchError("give exactly one of TEXT, --claim ID or --batch FILE")
    since_date = _parse_date(since)
    database = state.database()
    settings = state.settings.matching
    if batch is not None:
        for batch_id, query_text in _read_batch(batch):
            results = matching.match_text(
                database=database,
                query=matching.MatchQuery(query_text, top=top, language=lang, since=since_date),
                settings=settings,
            )
            emit_jsonl({"query_id": batch_id, "results": results})
        return
    if claim is not None:
        results = matching.match_claim(
            database=database, claim_id=claim, settings=settings, top=top, since=since_date
        )
        query_id: Any = claim
    else:
        assert text is not None
        results = matching.match_text(
            database=database,
            query=matching.MatchQuery(text, top=top, language=lang, since=since_date),
            settings=settings,
        )
        query_id = None
    if json_output:
        emit_json({"query_id": query_id, "results": results})
        return
    _print_results(results)


def _read_batch(path: Path) -> list[tuple[Any, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkbenchError(f"cannot read {path}: {exc}") from exc
    queries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            queries.append((item["id"], str(item["text"])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise WorkbenchError(
                f'{path}, line {number}: not a JSON object with "id" and "text"'
            ) from exc
    return queries


def _print_results(results: list[dict[str, Any]]) -> None:
    console = make_console()
    if not results:
        console.print("no earlier fact-check found")
        return
    table = Table("fact-check", "score", "tier", "rating", "claim", "flags", box=None)
    for result in results:
        flags = "; ".join(safe(flag["detail"]) for flag in result["flags"])
        table.add_row(
            str(result["factcheck_id"])
            + (f" (match {result['match_id']})" if result["match_id"] else ""),
            f"{result['score']:.3f}",
            Text(result["tier"], style=TIER_STYLES.get(result["tier"], "")),
            Text(safe(result["rating"])),
            Text(safe(result["claim"])),
            Text(flags, style="red" if flags else ""),
        )
    console.print(table)


matches_app = typer.Typer(help="A claim's matches: list, confirm, reject.", no_args_is_help=True)


@matches_app.command("list")
def list_matches(
    ctx: typer.Context,
    claim: Annotated[int, typer.Option("--claim", help="The claim.")],
    json_output: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List a claim's recorded matches with their state."""
    state: CliState = ctx.obj
    links = matching.links_of_claim(database=state.database(), claim_id=claim)
    if json_output:
        emit_json(links)
        return
    console = make_console()
    for link in links:
        flags = "; ".join(safe(flag["detail"]) for flag in link["flags"])
        console.print(
            Text(
                f"match {link['match_id']}: fact-check {link['factcheck_id']} "
                f"[{link['state']}, {link['tier']}, {link['score']:.3f}] "
                f"{safe(link['rating'])} — {safe(link['claim'])}" + (f" ({flags})" if flags else "")
            )
        )


def _decide(ctx: typer.Context, match_id: int, state_value: MatchState, json_output: bool) -> None:
    state: CliState = ctx.obj
    link = matching.decide_match(
        database=state.database(), match_id=match_id, state=state_value, by=state.settings.reviewer
    )
    if json_output:
        emit_json(link)
    else:
        make_console().print(f"match {match_id} {link['state']} by {safe(link['decided_by'])}")


@matches_app.command("confirm")
def confirm(
    ctx: typer.Context,
    match_id: int,
    json_output: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Confirm that a claim is the one an earlier fact-check checked."""
    _decide(ctx, match_id, MatchState.CONFIRMED, json_output)


@matches_app.command("reject")
def reject(
    ctx: typer.Context,
    match_id: int,
    json_output: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Reject a suggested match; the pair is not suggested again."""
    _decide(ctx, match_id, MatchState.REJECTED, json_output)
