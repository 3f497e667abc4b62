"""`workbench eval`: measure matching on a newsroom's own archive and queries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.output import emit_json, make_console
from workbench.cli.state import CliState
from workbench.core.archive import parse_mapping
from workbench.core.errors import WorkbenchError
from workbench.workflows.evaluation import evaluate_matching

app = typer.Typer(help="Measure matching quality.", no_args_is_help=True)


@app.command("matching")
def eval_matching(
    ctx: typer.Context,
    archive: Annotated[Path, typer.Option("--archive", help="Archive file (any import format).")],
    queries: Annotated[Path, typer.Option("--queries", help='JSONL of {"id", "text"[, "date"]}.')],
    qrels: Annotated[Path, typer.Option("--qrels", help="TSV: query id, fact-check external id.")],
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="Cut-off for MAP and recall.")] = 5,
    map_fields: Annotated[
        list[str] | None, typer.Option("--map", help="Archive field map.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """MAP@k, MRR and Recall@k of the matcher, on a scratch database built from --archive."""
    state: CliState = ctx.obj
    try:
        mapping = parse_mapping(map_fields) if map_fields else None
    except ValueError as exc:
        raise WorkbenchError(str(exc)) from exc
    result = evaluate_matching(
        archive=archive, queries=queries, qrels=qrels, k=k, settings=state.settings, mapping=mapping
    )
    if json_output:
        emit_json(result)
        return
    console = make_console()
    console.print(f"queries     {result['queries']} (archive {result['archive']} fact-checks)")
    console.print(f"MAP@{k}       {result['map_at_k']:.4f}")
    console.print(f"MRR         {result['mrr']:.4f}")
    console.print(f"Recall@{k}    {result['recall_at_k']:.4f}")
    console.print(f"latency     p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms")
