"""Queries on claims; keyword-only, the session first."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from workbench.core.claims import ClaimDraft, numbers_payload
from workbench.core.vocabulary import ClaimStatus
from workbench.store.models import Claim
from workbench.store.types import utcnow


def add_claim(
    *, session: Session, draft: ClaimDraft, article_id: int | None, author: str | None = None
) -> Claim:
    """Store a claim drafted by the core; returns it with its id."""
    claim = Claim(
        article_id=article_id,
        text=draft.text,
        start=draft.start,
        end=draft.end,
        kind=draft.kind.value,
        language=draft.language,
        checkworthiness=draft.checkworthiness,
        features=draft.features,
        numbers=numbers_payload(draft.numbers),
        matching_key=draft.matching_key,
        status=ClaimStatus.NEW.value,
        updated_by=author,
    )
    session.add(claim)
    session.flush()
    return claim


def get_claim(*, session: Session, claim_id: int) -> Claim | None:
    """The claim with this id."""
    return session.get(Claim, claim_id)


def claims_of_article(
    *, session: Session, article_id: int, include_dismissed: bool = True
) -> list[Claim]:
    """The article's claims: the headline first, then in body order."""
    statement = select(Claim).where(Claim.article_id == article_id)
    if not include_dismissed:
        statement = statement.where(Claim.status != ClaimStatus.DISMISSED.value)
    claims = list(session.exec(statement).all())
    return sorted(claims, key=_reading_order)


def _reading_order(claim: Claim) -> tuple[int, int, int]:
    is_body = 0 if claim.kind == "headline" else 1
    return (is_body, claim.start if claim.start is not None else 1 << 40, claim.id or 0)


def list_claims(
    *,
    session: Session,
    article_id: int | None = None,
    statuses: Sequence[str] = (),
    limit: int = 500,
) -> list[Claim]:
    """Claims filtered by article and status, in article and reading order."""
    statement = select(Claim)
    if article_id is not None:
        statement = statement.where(Claim.article_id == article_id)
    if statuses:
        statement = statement.where(col(Claim.status).in_(list(statuses)))
    statement = statement.order_by(col(Claim.article_id), col(Claim.start), col(Claim.id)).limit(
        limit
    )
    return list(session.exec(statement).all())


def touch(claim: Claim, *, by: str | None) -> None:
    """Record a change to a claim: a new version, who and when."""
    claim.version += 1
    claim.updated_by = by
    claim.updated_at = utcnow()
