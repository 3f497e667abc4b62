"""Exports and reports: what to include, read from the database into the core's report models."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from workbench.config import Settings
from workbench.core.claimreview_export import claimreview_for, datafeed
from workbench.core.csv_export import write_csv
from workbench.core.errors import WorkbenchError
from workbench.core.report import render_html, render_markdown
from workbench.core.report_model import (
    ReportArticle,
    ReportChainLink,
    ReportClaim,
    ReportEvidence,
    ReportMatch,
    ReportVerdict,
)
from workbench.core.scales import load_scales
from workbench.core.vocabulary import MatchState, VerdictState
from workbench.store.database import Database
from workbench.store.models import (
    Article,
    Attribution,
    AttributionLink,
    Claim,
    Evidence,
    FactCheck,
    MatchLink,
    Source,
    Verdict,
)
from workbench.store.sources import current_verdicts
from workbench.store.types import utcnow
from workbench.workflows.verdicts import review_url

FORMATS = ("md", "html", "csv", "json", "claimreview")
CSV_COLUMNS = (
    "claim_id",
    "article_id",
    "article_title",
    "publisher",
    "article_url",
    "claim",
    "speaker",
    "chain",
    "cue",
    "quote",
    "rating",
    "rating_value",
    "state",
    "rationale",
    "reviewer",
    "verdict_at",
    "evidence",
    "archives",
    "matched_factchecks",
)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which claims an export covers: one article, one claim, claims since a date, or all."""

    article_id: int | None = None
    claim_id: int | None = None
    since: date | None = None
    everything: bool = False

    def check(self) -> None:
        """Exactly one way of choosing."""
        chosen = [
            self.article_id is not None,
            self.claim_id is not None,
            self.since is not None,
            self.everything,
        ]
        if sum(chosen) != 1:
            raise WorkbenchError(
                "choose what to export: --article ID, --claim ID, --since or --all"
            )


def _selected_claims(session: Session, selection: Selection, *, verdicts_only: bool) -> list[Claim]:
    statement = select(Claim)
    if selection.article_id is not None:
        if session.get(Article, selection.article_id) is None:
            raise WorkbenchError(f"no article with id {selection.article_id}")
        statement = statement.where(Claim.article_id == selection.article_id)
    if selection.claim_id is not None:
        statement = statement.where(Claim.id == selection.claim_id)
    claims = list(session.exec(statement.order_by(col(Claim.article_id), col(Claim.id))).all())
    if selection.claim_id is not None and not claims:
        raise WorkbenchError(f"no claim with id {selection.claim_id}")
    verdicts = current_verdicts(
        session=session, claim_ids=[claim.id for claim in claims if claim.id]
    )
    if selection.since is not None:
        claims = [
            claim
            for claim in claims
            if claim.id in verdicts and verdicts[claim.id].created_at.date() >= selection.since
        ]
    if verdicts_only:
        claims = [claim for claim in claims if claim.id in verdicts]
    return claims


def _reading_order(claim: Claim) -> tuple[int, int, int]:
    return (0 if claim.kind == "headline" else 1, claim.start or 0, claim.id or 0)


def build_report(
    *, database: Database, settings: Settings, selection: Selection, verdicts_only: bool = True
) -> list[ReportArticle]:
    """The report models for the selected claims, grouped by article in reading order."""
    selection.check()
    colours = _rating_colours(settings)
    with database.session() as session:
        claims = _selected_claims(session, selection, verdicts_only=verdicts_only)
        claim_ids = [claim.id for claim in claims if claim.id is not None]
        verdicts = current_verdicts(session=session, claim_ids=claim_ids)
        chains = _chains(session, claim_ids)
        evidence = _evidence(session, claim_ids)
        matches = _matches(session, claim_ids)
        by_article: dict[int | None, list[Claim]] = defaultdict(list)
        for claim in claims:
            by_article[claim.article_id].append(claim)
        articles = []
        for article_id, group in by_article.items():
            article = session.get(Article, article_id) if article_id is not None else None
            report_claims = tuple(
                _report_claim(claim, verdicts, chains, evidence, matches, colours)
                for claim in sorted(group, key=_reading_order)
            )
            articles.append(
                ReportArticle(
                    id=article_id,
                    title=article.title if article else None,
                    publisher=article.publisher if article else None,
                    published_at=article.published_at if article else None,
                    url=article.url if article else None,
                    provenance=article.provenance if article else None,
                    language=article.language if article else None,
                    claims=report_claims,
                )
            )
        return articles


def _rating_colours(settings: Settings) -> dict[tuple[str, str], str]:
    try:
        scales = load_scales(settings.verdicts.scales)
    except ValueError:
        return {}
    return {
        (name, label.key): label.colour for name, scale in scales.items() for label in scale.labels
    }


def _chains(
    session: Session, claim_ids: Sequence[int]
) -> dict[int, tuple[Attribution, list[tuple[AttributionLink, Source | None]]]]:
    if not claim_ids:
        return {}
    rows = session.exec(select(Attribution).where(col(Attribution.claim_id).in_(claim_ids))).all()
    result: dict[int, tuple[Attribution, list[tuple[AttributionLink, Source | None]]]] = {}
    for row in rows:
        links = session.exec(
            select(AttributionLink)
            .where(AttributionLink.attribution_id == row.id)
            .order_by(col(AttributionLink.position))
        ).all()
        result[row.claim_id] = (
            row,
            [
                (link, session.get(Source, link.source_id) if link.source_id else None)
                for link in links
            ],
        )
    return result


def _evidence(session: Session, claim_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    found: dict[int, list[Evidence]] = defaultdict(list)
    if claim_ids:
        for item in session.exec(
            select(Evidence).where(col(Evidence.claim_id).in_(claim_ids)).order_by(col(Evidence.id))
        ).all():
            found[item.claim_id].append(item)
    return found


def _matches(
    session: Session, claim_ids: Sequence[int]
) -> dict[int, list[tuple[MatchLink, FactCheck]]]:
    found: dict[int, list[tuple[MatchLink, FactCheck]]] = defaultdict(list)
    if claim_ids:
        rows = session.exec(
            select(MatchLink, FactCheck)
            .join(FactCheck, col(FactCheck.id) == MatchLink.factcheck_id)
            .where(
                col(MatchLink.claim_id).in_(claim_ids), MatchLink.state != MatchState.REJECTED.value
            )
            .order_by(col(MatchLink.score).desc())
        ).all()
        for link, factcheck in rows:
            found[link.claim_id].append((link, factcheck))
    return found


def _report_claim(
    claim: Claim,
    verdicts: dict[int, Verdict],
    chains: dict[int, tuple[Attribution, list[tuple[AttributionLink, Source | None]]]],
    evidence: dict[int, list[Evidence]],
    matches: dict[int, list[tuple[MatchLink, FactCheck]]],
    colours: dict[tuple[str, str], str],
) -> ReportClaim:
    assert claim.id is not None
    verdict = verdicts.get(claim.id)
    attribution, links = chains.get(claim.id, (None, []))
    return ReportClaim(
        id=claim.id,
        text=claim.text,
        language=claim.language,
        kind=claim.kind,
        cue=attribution.cue if attribution else None,
        quote=attribution.quote_type if attribution else None,
        chain=tuple(
            ReportChainLink(
                name=source.name if source and not link.anonymous else link.name,
                kind=link.kind,
                role=link.role or (source.role if source else None),
                anonymous=link.anonymous,
                same_as=tuple(source.same_as) if source and not link.anonymous else (),
            )
            for link, source in links
        ),
        verdict=ReportVerdict(
            rating_key=verdict.rating_key,
            rating_label=verdict.rating_label,
            rating_value=verdict.rating_value,
            scale_name=verdict.scale_name,
            scale_worst=verdict.scale_worst or 1.0,
            scale_best=verdict.scale_best or 7.0,
            rationale=verdict.rationale,
            reviewer=verdict.reviewer,
            state=verdict.state,
            created_at=verdict.created_at,
            rating_colour=colours.get((verdict.scale_name, verdict.rating_key)),
        )
        if verdict
        else None,
        evidence=tuple(
            ReportEvidence(
                url=item.url,
                title=item.title,
                excerpt=item.excerpt,
                archive_url=item.archive_url,
                archive_state=item.archive_state,
                retrieved_at=item.retrieved_at,
            )
            for item in evidence.get(claim.id, [])
        ),
        matches=tuple(
            ReportMatch(
                title=factcheck.title or factcheck.claim_text,
                url=factcheck.url,
                publisher=factcheck.publisher,
                rating=factcheck.rating_label,
                score=link.score,
                tier=link.state if link.state == MatchState.CONFIRMED else link.tier,
                flags=tuple(str(flag.get("detail", flag.get("kind"))) for flag in link.flags),
            )
            for link, factcheck in matches.get(claim.id, [])
        ),
    )


def csv_rows(articles: Sequence[ReportArticle]) -> list[dict[str, object]]:
    """One row per claim for spreadsheets."""
    rows: list[dict[str, object]] = []
    for article in articles:
        for claim in article.claims:
            verdict = claim.verdict
            rows.append(
                {
                    "claim_id": claim.id,
                    "article_id": article.id,
                    "article_title": article.title,
                    "publisher": article.publisher,
                    "article_url": article.url,
                    "claim": claim.text,
                    "speaker": claim.chain[-1].name if claim.chain else None,
                    "chain": " → ".join(link.name for link in claim.chain),
                    "cue": claim.cue,
                    "quote": claim.quote,
                    "rating": verdict.rating_label if verdict else None,
                    "rating_value": verdict.rating_value if verdict else None,
                    "state": verdict.state if verdict else None,
                    "rationale": verdict.rationale if verdict else None,
                    "reviewer": verdict.reviewer if verdict else None,
                    "verdict_at": verdict.created_at.isoformat() if verdict else None,
                    "evidence": " ".join(item.url for item in claim.evidence),
                    "archives": " ".join(
                        item.archive_url for item in claim.evidence if item.archive_url
                    ),
                    "matched_factchecks": " ".join(
                        match.url or "" for match in claim.matches if match.url
                    ),
                }
            )
    return rows


def claimreview_documents(
    articles: Sequence[ReportArticle], *, settings: Settings
) -> list[dict[str, Any]]:
    """ClaimReview JSON-LD for every published verdict among the articles' claims."""
    reviews = []
    for article in articles:
        for claim in article.claims:
            if claim.verdict is None or claim.verdict.state != VerdictState.PUBLISHED:
                continue
            reviews.append(
                claimreview_for(
                    claim,
                    article if article.id is not None else None,
                    review_url=review_url(settings, claim.id),
                    organisation=settings.publishing.organisation,
                    organisation_url=settings.publishing.organisation_url,
                    date_published=claim.verdict.created_at.date(),
                )
            )
    return reviews


def render_export(
    *,
    database: Database,
    settings: Settings,
    selection: Selection,
    export_format: str,
    excel: bool = False,
    generated_at: datetime | None = None,
) -> str:
    """The export as text, in one of FORMATS; json here is the report as data (the backup of
    everything is `workflows.backup`)."""
    if export_format not in FORMATS:
        raise WorkbenchError(f"unknown format {export_format!r}; use one of {', '.join(FORMATS)}")
    when = generated_at or utcnow()
    articles = build_report(database=database, settings=settings, selection=selection)
    if export_format == "md":
        return render_markdown(articles, generated_at=when)
    if export_format == "html":
        return render_html(articles, generated_at=when)
    if export_format == "csv":
        buffer = io.StringIO(newline="")
        write_csv(csv_rows(articles), CSV_COLUMNS, buffer, excel_bom=excel)
        return buffer.getvalue()
    if export_format == "claimreview":
        reviews = claimreview_documents(articles, settings=settings)
        if not reviews:
            raise WorkbenchError("no published verdict in this selection: nothing to export")
        document: Any = (
            reviews[0]
            if len(reviews) == 1
            else datafeed(
                reviews,
                name=f"{settings.publishing.organisation} fact-checks",
                url=settings.publishing.organisation_url,
                date_modified=when,
            )
        )
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return (
        json.dumps(
            {"generated_at": when.isoformat(), "articles": [asdict(item) for item in articles]},
            ensure_ascii=False,
            indent=2,
            default=str,
        )
        + "\n"
    )
