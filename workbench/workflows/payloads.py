"""The JSON shapes of stored records, shared by `--json` output, exports and the TUI."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from workbench.store.models import Article, Claim, RelatedItem
from workbench.workflows.attribution import attributions_of


def article_payload(article: Article, related: list[RelatedItem]) -> dict[str, Any]:
    """An article as documented in docs/cli.md (`import article --json`)."""
    return {
        "id": article.id,
        "title": article.title,
        "publisher": article.publisher,
        "language": article.language,
        "author": article.author,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "provenance": article.provenance,
        "retrieved_at": article.retrieved_at.isoformat(),
        "content_hash": article.content_hash,
        "related": [
            {
                "title": item.title,
                "lead": item.lead,
                "date": item.item_date.isoformat() if item.item_date else None,
                "attribution": item.attribution,
            }
            for item in related
        ],
    }


def claim_payload(claim: Claim, attribution: dict[str, Any] | None = None) -> dict[str, Any]:
    """A claim as documented in docs/cli.md (`import article --json`, `claims show --json`)."""
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "language": claim.language,
        "status": claim.status,
        "checkworthiness": claim.checkworthiness,
        "features": claim.features,
        "numbers": [
            {"text": number["text"], "value": number["value"], "unit": number["unit"]}
            for number in claim.numbers
        ],
        "assignee": claim.assignee,
        "parent_id": claim.parent_id,
        "original_text": claim.original_text,
        "dismiss_reason": claim.dismiss_reason,
        "version": claim.version,
        "attribution": attribution,
    }


def claim_payloads(session: Session, claims: list[Claim]) -> list[dict[str, Any]]:
    """Claims with their attributions, loaded in one query."""
    chains = attributions_of(session=session, claim_ids=[claim.id for claim in claims if claim.id])
    return [claim_payload(claim, chains.get(claim.id or 0)) for claim in claims]
