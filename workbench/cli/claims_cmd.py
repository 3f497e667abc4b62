"""`workbench claims`: list, show and reshape the claims of articles."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from workbench.cli.output import emit_json, make_console, safe
from workbench.cli.render import format_chain
from workbench.cli.state import CliState
from workbench.core.errors import WorkbenchError
from workbench.core.vocabulary import ClaimStatus
from workbench.store import claims as claim_store
from workbench.store.models import Claim
from workbench.workflows import claims as claim_flows
from workbench.workflows.payloads import claim_payloads

app = typer.Typer(help="List, show, split, merge, edit and dismiss claims.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (docs/cli.md).")]
ExpectVersion = Annotated[
    int | None,
    typer.Option("--expect-version", help="Refuse if the claim has moved past this version."),
]


def _reviewer(ctx: typer.Context) -> str:
    state: CliState = ctx.obj
    return state.settings.reviewer


@app.command("list")
def list_claims(
    ctx: typer.Context,
    article: Annotated[int | None, typer.Option("--article", help="Only this article's.")] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="Only these statuses (repeatable).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 500,
    json_output: JsonFlag = False,
) -> None:
    """List claims with their status and check-worthiness."""
    state: CliState = ctx.obj
    wanted = list(status or [])
    known = {item.value for item in ClaimStatus}
    for value in wanted:
        if value not in known:
            raise WorkbenchError(f"unknown status {value!r}; use one of {', '.join(sorted(known))}")
    with state.database().session() as session:
        claims = claim_store.list_claims(
            session=session, article_id=article, statuses=wanted, limit=limit
        )
        payloads = claim_payloads(session, claims)
    if json_output:
        emit_json(payloads)
        return
    table = Table("id", "article", "kind", "status", "worth", "text", box=None)
    for claim in claims:
        table.add_row(
            str(claim.id),
            str(claim.article_id or "-"),
            claim.kind,
            claim.status,
            f"{claim.checkworthiness:.2f}" if claim.checkworthiness is not None else "-",
            Text(safe(claim.text)),
        )
    make_console().print(table)


@app.command("show")
def show_claim(ctx: typer.Context, claim_id: int, json_output: JsonFlag = False) -> None:
    """Show one claim with its numbers and features."""
    state: CliState = ctx.obj
    with state.database().session() as session:
        claim = claim_store.get_claim(session=session, claim_id=claim_id)
        if claim is None:
            raise WorkbenchError(f"no claim with id {claim_id}")
        (payload,) = claim_payloads(session, [claim])
    if json_output:
        emit_json(payload)
        return
    console = make_console()
    console.print(Text(safe(claim.text)))
    console.print(
        f"claim {claim.id} · {claim.kind} · {claim.status} · article {claim.article_id or '-'}"
        f" · span {claim.start}-{claim.end} · check-worthiness {claim.checkworthiness}"
    )
    for number in payload["numbers"]:
        unit = f" {number['unit']}" if number["unit"] else ""
        console.print(Text(f"  number: {safe(number['text'])} = {number['value']:g}{unit}"))
    if claim.original_text:
        console.print(Text(f"  extracted as: {safe(claim.original_text)}"))
    if claim.dismiss_reason:
        console.print(f"  dismissed: {claim.dismiss_reason}")
    attribution = payload["attribution"]
    if attribution:
        console.print(Text(f"  said: {format_chain(attribution)}"))
    else:
        console.print("  said: unattributed (the outlet's own narration)")


@app.command("add")
def add_claim(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The claim as a short sentence.")],
    article: Annotated[int | None, typer.Option("--article", help="Tie it to an article.")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Type in a claim (kind manual)."""
    state: CliState = ctx.obj
    claim = claim_flows.add_claim(
        database=state.database(), text=text, article_id=article, language=lang, by=_reviewer(ctx)
    )
    _report(ctx, [claim], json_output, verb="added")


@app.command("split")
def split_claim(
    ctx: typer.Context,
    claim_id: int,
    at: Annotated[
        list[int], typer.Option("--at", help="Character offset in the claim text (repeatable).")
    ],
    expect_version: ExpectVersion = None,
    json_output: JsonFlag = False,
) -> None:
    """Split a claim into parts at character offsets of its text."""
    state: CliState = ctx.obj
    change = claim_flows.split_claim(
        database=state.database(),
        claim_id=claim_id,
        offsets=at,
        by=_reviewer(ctx),
        expected_version=expect_version,
    )
    _report(ctx, list(change.created), json_output, verb="created")


@app.command("merge")
def merge_claims(
    ctx: typer.Context,
    claim_ids: Annotated[list[int], typer.Argument(help="Two or more claim ids.")],
    json_output: JsonFlag = False,
) -> None:
    """Merge claims of one article into one claim."""
    state: CliState = ctx.obj
    change = claim_flows.merge_claims(
        database=state.database(), claim_ids=claim_ids, by=_reviewer(ctx)
    )
    _report(ctx, list(change.created), json_output, verb="created")


@app.command("edit")
def edit_claim(
    ctx: typer.Context,
    claim_id: int,
    text: Annotated[str, typer.Option("--text", help="The new wording.")],
    expect_version: ExpectVersion = None,
    json_output: JsonFlag = False,
) -> None:
    """Change a claim's wording (the extracted text stays on record)."""
    state: CliState = ctx.obj
    claim = claim_flows.edit_claim(
        database=state.database(),
        claim_id=claim_id,
        text=text,
        by=_reviewer(ctx),
        expected_version=expect_version,
    )
    _report(ctx, [claim], json_output, verb="edited")


@app.command("dismiss")
def dismiss_claim(
    ctx: typer.Context,
    claim_id: int,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is not checked.")] = None,
    expect_version: ExpectVersion = None,
    json_output: JsonFlag = False,
) -> None:
    """Dismiss a claim: it stays on record, out of the queues."""
    state: CliState = ctx.obj
    claim = claim_flows.dismiss_claim(
        database=state.database(),
        claim_id=claim_id,
        reason=reason,
        by=_reviewer(ctx),
        expected_version=expect_version,
    )
    _report(ctx, [claim], json_output, verb="dismissed")


def _report(ctx: typer.Context, claims: list[Claim], json_output: bool, *, verb: str) -> None:
    if json_output:
        state: CliState = ctx.obj
        with state.database().session() as session:
            payloads = claim_payloads(session, claims)
        emit_json(payloads[0] if len(payloads) == 1 and verb != "created" else payloads)
        return
    console = make_console()
    for claim in claims:
        console.print(Text(f"{verb} claim {claim.id}: {safe(claim.text)}"))
