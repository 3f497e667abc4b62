"""Verdicts: append-only history per claim, draft → in review → published, stale writes refused."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from workbench.config import Settings
from workbench.core.errors import WorkbenchError
from workbench.core.scales import RatingScale, UnknownRatingError
from workbench.core.text.normalise import matching_key
from workbench.core.vocabulary import ClaimStatus, VerdictState
from workbench.store.database import Database
from workbench.store.models import Article, Claim, Evidence, FactCheck, Verdict
from workbench.store.types import utcnow
from workbench.workflows.archive import local_scale

STATUS_FOR_STATE = {
    VerdictState.DRAFT: ClaimStatus.IN_PROGRESS,
    VerdictState.IN_REVIEW: ClaimStatus.CHECKED,
    VerdictState.PUBLISHED: ClaimStatus.PUBLISHED,
}
OWN_FACTCHECK_PREFIX = "workbench-claim-"
"""External id of the archive entry a published verdict creates: our own earlier fact-check."""


class VerdictError(WorkbenchError):
    """A verdict that cannot be recorded as asked."""


class StaleVerdictError(VerdictError):
    """Someone else recorded a verdict on the claim after the version this one was written on."""


def verdict_payload(verdict: Verdict) -> dict[str, Any]:
    """One entry of a claim's verdict history (docs/cli.md, `verdict history --json`)."""
    return {
        "id": verdict.id,
        "claim_id": verdict.claim_id,
        "sequence": verdict.sequence,
        "rating": verdict.rating_label,
        "rating_key": verdict.rating_key,
        "rating_value": verdict.rating_value,
        "scale": verdict.scale_name,
        "scale_worst": verdict.scale_worst,
        "scale_best": verdict.scale_best,
        "rationale": verdict.rationale,
        "reviewer": verdict.reviewer,
        "state": verdict.state,
        "no_evidence_reason": verdict.no_evidence_reason,
        "created_at": verdict.created_at.isoformat(),
    }


def history(*, session: Session, claim_id: int) -> list[Verdict]:
    """A claim's verdicts, oldest first; the last is the current one."""
    return list(
        session.exec(
            select(Verdict).where(Verdict.claim_id == claim_id).order_by(col(Verdict.sequence))
        ).all()
    )


def current_verdict(*, session: Session, claim_id: int) -> Verdict | None:
    """The newest verdict of a claim."""
    return session.exec(
        select(Verdict)
        .where(Verdict.claim_id == claim_id)
        .order_by(col(Verdict.sequence).desc())
        .limit(1)
    ).first()


def verdict_history(*, database: Database, claim_id: int) -> list[dict[str, Any]]:
    """A claim's verdict history as payloads."""
    with database.session() as session:
        if session.get(Claim, claim_id) is None:
            raise VerdictError(f"no claim with id {claim_id}")
        return [verdict_payload(item) for item in history(session=session, claim_id=claim_id)]


def _stale_message(claim_id: int, expected: int, newest: Verdict) -> str:
    return (
        f"claim {claim_id} changed since you loaded it: {newest.reviewer} recorded verdict "
        f"#{newest.sequence} ({newest.rating_label}, {newest.state}) at "
        f"{newest.created_at:%Y-%m-%d %H:%M} UTC after the #{expected} you started from; "
        "nothing was saved — reload and decide again"
    )


def _append(
    session: Session, claim: Claim, verdict: Verdict, *, expected_sequence: int | None
) -> Verdict:
    assert claim.id is not None
    newest = current_verdict(session=session, claim_id=claim.id)
    newest_sequence = newest.sequence if newest else 0
    if (
        expected_sequence is not None
        and newest is not None
        and newest_sequence != expected_sequence
    ):
        raise StaleVerdictError(_stale_message(claim.id, expected_sequence, newest))
    verdict.sequence = newest_sequence + 1
    session.add(verdict)
    try:
        session.flush()
    except IntegrityError as exc:
        # Another process appended the same sequence number between our read and our write.
        session.rollback()
        raise StaleVerdictError(
            f"claim {claim.id} changed while saving: another verdict #{verdict.sequence} was "
            "recorded at the same moment; nothing was saved — reload and decide again"
        ) from exc
    claim.status = STATUS_FOR_STATE[VerdictState(verdict.state)].value
    claim.updated_at = utcnow()
    claim.updated_by = verdict.reviewer
    claim.version += 1
    session.add(claim)
    return verdict


def _label(scale: RatingScale, rating: str) -> Any:
    try:
        return scale.label(rating)
    except UnknownRatingError as exc:
        raise VerdictError(str(exc)) from exc


def set_verdict(
    *,
    database: Database,
    settings: Settings,
    claim_id: int,
    rating: str,
    rationale: str,
    reviewer: str,
    state: VerdictState = VerdictState.DRAFT,
    expected_sequence: int | None = None,
    no_evidence_reason: str | None = None,
) -> dict[str, Any]:
    """Append a verdict (draft or in review) to a claim's history.

    `expected_sequence` is the number of the verdict the reviewer last saw (0 for none): if
    someone recorded another since, the write is refused and nothing changes.
    """
    if state == VerdictState.PUBLISHED:
        raise VerdictError("record the verdict first, then publish it with `verdict publish`")
    scale = local_scale(settings)
    label = _label(scale, rating)
    with database.writing() as session:
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise VerdictError(f"no claim with id {claim_id}")
        verdict = Verdict(
            claim_id=claim_id,
            sequence=0,
            rating_key=label.key,
            rating_label=scale.name_in(label, "en"),
            rating_value=label.value,
            scale_name=scale.name,
            scale_worst=scale.worst,
            scale_best=scale.best,
            rationale=rationale.strip(),
            reviewer=reviewer,
            state=state.value,
            no_evidence_reason=no_evidence_reason,
        )
        _append(session, claim, verdict, expected_sequence=expected_sequence)
        return verdict_payload(verdict)


def publish_verdict(
    *,
    database: Database,
    settings: Settings,
    claim_id: int,
    reviewer: str,
    expected_sequence: int | None = None,
    no_evidence_reason: str | None = None,
) -> dict[str, Any]:
    """Publish the current verdict: it needs a rationale and evidence (or a reason why none).

    Publishing appends a copy of the current verdict in state published, marks the claim
    published, and puts it in the archive of earlier fact-checks so later claims match it.
    """
    with database.writing() as session:
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise VerdictError(f"no claim with id {claim_id}")
        current = current_verdict(session=session, claim_id=claim_id)
        if current is None:
            raise VerdictError(f"claim {claim_id} has no verdict to publish")
        if not current.rationale.strip():
            raise VerdictError(f"claim {claim_id}: a published verdict needs a rationale")
        evidence_count = session.exec(
            select(func.count()).select_from(Evidence).where(Evidence.claim_id == claim_id)
        ).one()
        reason = (no_evidence_reason or current.no_evidence_reason or "").strip() or None
        if not evidence_count and reason is None:
            raise VerdictError(
                f"claim {claim_id}: a published verdict needs at least one evidence item "
                "(`workbench evidence add`) or --no-evidence-reason saying why there is none"
            )
        published = Verdict(
            claim_id=claim_id,
            sequence=0,
            rating_key=current.rating_key,
            rating_label=current.rating_label,
            rating_value=current.rating_value,
            scale_name=current.scale_name,
            scale_worst=current.scale_worst,
            scale_best=current.scale_best,
            rationale=current.rationale,
            reviewer=reviewer,
            state=VerdictState.PUBLISHED.value,
            no_evidence_reason=reason,
        )
        _append(
            session,
            claim,
            published,
            expected_sequence=expected_sequence
            if expected_sequence is not None
            else current.sequence,
        )
        _join_archive(session, claim, published, settings)
        return verdict_payload(published)


def review_url(settings: Settings, claim_id: int) -> str:
    """Where the published fact-check of a claim lives (ClaimReview `url`)."""
    return settings.publishing.review_url_template.replace("{claim_id}", str(claim_id))


def _join_archive(session: Session, claim: Claim, verdict: Verdict, settings: Settings) -> None:
    """Our own published verdict becomes an earlier fact-check that later claims can match."""
    assert claim.id is not None
    external_id = f"{OWN_FACTCHECK_PREFIX}{claim.id}"
    article = session.get(Article, claim.article_id) if claim.article_id else None
    entry = session.exec(select(FactCheck).where(FactCheck.external_id == external_id)).first()
    if entry is None:
        entry = FactCheck(external_id=external_id, claim_id=claim.id)
    entry.claim_text = claim.text
    entry.title = article.title if article else None
    entry.rating_label = verdict.rating_label
    entry.rating_value = verdict.rating_value
    entry.rating_key = verdict.rating_key
    entry.publisher = settings.publishing.organisation
    entry.url = review_url(settings, claim.id)
    entry.claimant = None
    entry.review_date = verdict.created_at.date()
    entry.claim_date = article.published_at.date() if article and article.published_at else None
    entry.language = claim.language
    entry.matching_key = claim.matching_key or matching_key(claim.text)
    entry.title_key = matching_key(article.title) if article and article.title else ""
    entry.updated_at = utcnow()
    session.add(entry)
