"""`workbench verdict`, `workbench evidence`, `workbench export` and `workbench report`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from workbench.cli.output import emit_json, make_console, safe
from workbench.cli.state import CliState
from workbench.core.errors import WorkbenchError
from workbench.core.vocabulary import VerdictState
from workbench.workflows import evidence as evidence_flows
from workbench.workflows import verdicts as verdict_flows
from workbench.workflows.exports import FORMATS, Selection, build_report, render_export

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (docs/cli.md).")]

verdict_app = typer.Typer(help="Record, review and publish verdicts.", no_args_is_help=True)
evidence_app = typer.Typer(help="Evidence for checks, archived.", no_args_is_help=True)


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.obj
    return state


@verdict_app.command("set")
def set_verdict(
    ctx: typer.Context,
    claim_id: int,
    rating: Annotated[str, typer.Option("--rating", help="A label of the scale (key or name).")],
    rationale: Annotated[str | None, typer.Option("--rationale", help="Why.")] = None,
    rationale_file: Annotated[
        Path | None, typer.Option("--rationale-file", help="Read the rationale from a file.")
    ] = None,
    evidence: Annotated[
        list[str] | None, typer.Option("--evidence", help="An evidence URL (repeatable).")
    ] = None,
    reviewer: Annotated[str | None, typer.Option("--reviewer", help="Who decides.")] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Send for review (not a draft).")
    ] = False,
    expect: Annotated[
        int | None,
        typer.Option("--expect", help="The verdict number you saw (0: none); refuse if newer."),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Record a verdict on a claim (appended to its history; a draft unless --review)."""
    state = _state(ctx)
    if (rationale is None) == (rationale_file is None):
        raise WorkbenchError("give the rationale with --rationale TEXT or --rationale-file FILE")
    if rationale_file is not None:
        try:
            rationale = rationale_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise WorkbenchError(f"cannot read {rationale_file}: {exc}") from exc
    assert rationale is not None
    who = reviewer or state.settings.reviewer
    database = state.database()
    added = [
        evidence_flows.add_evidence(
            database=database, settings=state.settings, claim_id=claim_id, url=url, by=who
        )
        for url in evidence or []
    ]
    verdict = verdict_flows.set_verdict(
        database=database,
        settings=state.settings,
        claim_id=claim_id,
        rating=rating,
        rationale=rationale,
        reviewer=who,
        state=VerdictState.IN_REVIEW if review else VerdictState.DRAFT,
        expected_sequence=expect,
    )
    if json_output:
        emit_json({**verdict, "evidence": added})
        return
    console = make_console()
    console.print(
        Text(
            f"verdict #{verdict['sequence']} on claim {claim_id}: "
            f"{verdict['rating']} ({verdict['state']})"
        )
    )
    for item in added:
        console.print(
            Text(f"  evidence {item['id']}: {safe(item['url'])} [archive {item['archive_state']}]")
        )


@verdict_app.command("history")
def history(ctx: typer.Context, claim_id: int, json_output: JsonFlag = False) -> None:
    """A claim's verdicts, oldest first; the last one is current."""
    entries = verdict_flows.verdict_history(database=_state(ctx).database(), claim_id=claim_id)
    if json_output:
        emit_json(entries)
        return
    console = make_console()
    if not entries:
        console.print(f"claim {claim_id} has no verdict yet")
    for entry in entries:
        console.print(
            Text(
                f"#{entry['sequence']} {entry['created_at'][:16]} {safe(entry['reviewer'])}: "
                f"{safe(entry['rating'])} ({entry['state']}) — {safe(entry['rationale'])}"
            )
        )


@verdict_app.command("publish")
def publish(
    ctx: typer.Context,
    claim_id: int,
    no_evidence_reason: Annotated[
        str | None,
        typer.Option("--no-evidence-reason", help="Why this verdict has no evidence item."),
    ] = None,
    expect: Annotated[
        int | None, typer.Option("--expect", help="The verdict number you reviewed.")
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Publish the current verdict (needs a rationale and evidence, or a reason for none)."""
    state = _state(ctx)
    verdict = verdict_flows.publish_verdict(
        database=state.database(),
        settings=state.settings,
        claim_id=claim_id,
        reviewer=state.settings.reviewer,
        expected_sequence=expect,
        no_evidence_reason=no_evidence_reason,
    )
    if json_output:
        emit_json(verdict)
        return
    make_console().print(
        Text(f"published verdict #{verdict['sequence']} on claim {claim_id}: {verdict['rating']}")
    )


@evidence_app.command("add")
def add_evidence(
    ctx: typer.Context,
    claim_id: int,
    url: str,
    title: Annotated[str | None, typer.Option("--title")] = None,
    excerpt: Annotated[
        str | None, typer.Option("--excerpt", help="The passage that matters.")
    ] = None,
    no_archive: Annotated[
        bool, typer.Option("--no-archive", help="Leave archiving pending.")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Add evidence to a claim: fetched, fingerprinted (SHA-256) and archived when possible."""
    state = _state(ctx)
    item = evidence_flows.add_evidence(
        database=state.database(),
        settings=state.settings,
        claim_id=claim_id,
        url=url,
        title=title,
        excerpt=excerpt,
        by=state.settings.reviewer,
        archive=False if no_archive else None,
    )
    if json_output:
        emit_json(item)
        return
    _print_evidence([item])


@evidence_app.command("list")
def list_evidence(ctx: typer.Context, claim_id: int, json_output: JsonFlag = False) -> None:
    """A claim's evidence with archive states."""
    items = evidence_flows.list_evidence(database=_state(ctx).database(), claim_id=claim_id)
    if json_output:
        emit_json(items)
        return
    _print_evidence(items)


@evidence_app.command("archive")
def archive(
    ctx: typer.Context,
    evidence_ids: Annotated[list[int] | None, typer.Argument(help="Evidence ids.")] = None,
    pending: Annotated[bool, typer.Option("--pending", help="Every pending item.")] = False,
    json_output: JsonFlag = False,
) -> None:
    """Archive evidence with the Wayback Machine: the pending items, or the ones given."""
    if pending == bool(evidence_ids):
        raise WorkbenchError("give evidence ids or --pending")
    state = _state(ctx)
    items = evidence_flows.archive_pending(
        database=state.database(), settings=state.settings, evidence_ids=evidence_ids or None
    )
    if json_output:
        emit_json(items)
        return
    if not items:
        make_console().print("nothing pending")
    _print_evidence(items)


def _print_evidence(items: list[dict[str, object]]) -> None:
    console = make_console()
    for item in items:
        where = item["archive_url"] or item["archive_state"]
        reason = f" ({safe(str(item['archive_error']))})" if item.get("archive_error") else ""
        console.print(
            Text(f"evidence {item['id']}: {safe(str(item['url']))} → {safe(str(where))}{reason}")
        )


def export(
    ctx: typer.Context,
    export_format: Annotated[str, typer.Option("--format", help=" | ".join(FORMATS))],
    article: Annotated[
        int | None, typer.Option("--article", help="One article's checked claims.")
    ] = None,
    claim: Annotated[int | None, typer.Option("--claim", help="One claim.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Verdicts since (ISO date).")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Everything.")] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout).")
    ] = None,
    excel: Annotated[bool, typer.Option("--excel", help="CSV with a BOM for Excel.")] = False,
) -> None:
    """Export verdict reports (md, html), a spreadsheet (csv), ClaimReview or a JSON backup."""
    state = _state(ctx)
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise WorkbenchError(f"not an ISO date: {since!r}") from exc
    selection = Selection(
        article_id=article, claim_id=claim, since=since_date, everything=everything
    )
    if export_format == "json" and everything:
        from workbench.workflows.backup import dump_database, dumps_backup

        selection.check()
        text = dumps_backup(dump_database(database=state.database()))
    else:
        text = render_export(
            database=state.database(),
            settings=state.settings,
            selection=selection,
            export_format=export_format,
            excel=excel,
        )
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise WorkbenchError(f"cannot write {output}: {exc.strerror or exc}") from exc
    make_console(stderr=True).print(f"wrote {output}")


def report(ctx: typer.Context, article_id: int) -> None:
    """Print an article's verdict report: claims, who said them, ratings in colour."""
    state = _state(ctx)
    articles = build_report(
        database=state.database(),
        settings=state.settings,
        selection=Selection(article_id=article_id),
        verdicts_only=False,
    )
    console = make_console()
    if not articles:
        console.print(f"article {article_id} has no claims")
        return
    article = articles[0]
    console.print(Text(safe(article.title), style="bold"))
    meta = " · ".join(
        safe(part)
        for part in (
            article.publisher,
            str(article.published_at or ""),
            article.url,
            article.provenance,
        )
        if part
    )
    console.print(Text(meta, style="dim"))
    table = Table("#", "claim", "who said it", "verdict", show_lines=True)
    for claim in article.claims:
        chain = " → ".join(
            safe(link.name) + (" (anon.)" if link.anonymous else "") for link in claim.chain
        )
        verdict = claim.verdict
        rating = (
            Text(safe(verdict.rating_label), style=f"bold {verdict.rating_colour or ''}".strip())
            if verdict
            else Text("—", style="dim")
        )
        if verdict is not None and verdict.state != VerdictState.PUBLISHED:
            rating.append(f" ({verdict.state})", style="dim")
        who = Text(chain or "unattributed", style="" if chain else "dim")
        if claim.cue:
            who.append(f"\n{safe(claim.cue)} · {claim.quote}", style="dim")
        table.add_row(str(claim.id), Text(safe(claim.text)), who, rating)
    console.print(table)
