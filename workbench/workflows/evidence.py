"""Evidence for a check: fetch and fingerprint the page, archive it, retry what is pending."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from workbench.config import Settings
from workbench.core.errors import WorkbenchError
from workbench.core.text.sanitize import clean_untrusted
from workbench.core.vocabulary import ArchiveState
from workbench.store.database import Database
from workbench.store.models import Claim, Evidence
from workbench.store.types import utcnow
from workbench.web.fetch import FetchError
from workbench.web.wayback import (
    ArchiveError,
    fetch_evidence,
    save_page,
)


class EvidenceError(WorkbenchError):
    """Evidence that cannot be recorded as asked."""


def evidence_payload(item: Evidence) -> dict[str, Any]:
    """An evidence item (docs/cli.md, `evidence list --json`)."""
    return {
        "id": item.id,
        "claim_id": item.claim_id,
        "url": item.url,
        "title": item.title,
        "excerpt": item.excerpt,
        "retrieved_at": item.retrieved_at.isoformat() if item.retrieved_at else None,
        "content_sha256": item.content_sha256,
        "archive_url": item.archive_url,
        "archive_state": item.archive_state,
        "archive_error": item.archive_error,
        "added_by": item.added_by,
    }


def _check_url(url: str) -> str:
    url = url.strip()
    if not url.startswith(("http://", "https://")) or " " in url:
        raise EvidenceError(f"evidence must be an http(s) URL: {url!r}")
    return url


@dataclass(frozen=True, slots=True)
class _Fetched:
    title: str | None
    sha256: str | None
    error: str | None


def _fetch(url: str, settings: Settings) -> _Fetched:
    try:
        snapshot = fetch_evidence(
            url, timeout=settings.http.timeout, max_bytes=settings.http.max_bytes
        )
    except FetchError as exc:
        return _Fetched(None, None, str(exc))
    title = clean_untrusted(snapshot.title).strip() if snapshot.title else None
    return _Fetched(title, snapshot.sha256, None)


def _archive(item: Evidence, settings: Settings) -> None:
    """Try Save Page Now once; on any failure the item stays pending with the reason."""
    wayback = settings.wayback
    try:
        result = save_page(
            item.url,
            access_key=wayback.access_key.get_secret_value() if wayback.access_key else None,
            secret_key=wayback.secret_key.get_secret_value() if wayback.secret_key else None,
            base_url=wayback.url,
            timeout=settings.http.timeout,
            poll_interval=wayback.poll_interval,
            max_polls=wayback.max_polls,
        )
    except ArchiveError as exc:
        # Rate limited, still running, unreachable or refused: keep trying later, say why.
        item.archive_state = ArchiveState.PENDING.value
        item.archive_error = str(exc)
        return
    item.archive_url = result.archive_url
    item.archive_state = ArchiveState.ARCHIVED.value
    item.archive_error = None


def add_evidence(
    *,
    database: Database,
    settings: Settings,
    claim_id: int,
    url: str,
    title: str | None = None,
    excerpt: str | None = None,
    by: str | None = None,
    fetch: bool = True,
    archive: bool | None = None,
) -> dict[str, Any]:
    """Record a piece of evidence: fetched (title, SHA-256) and archived when possible.

    Network work happens before the write transaction; when the page or the archive cannot be
    reached, the evidence is stored all the same and its archive is left pending.
    """
    url = _check_url(url)
    with database.session() as session:
        if session.get(Claim, claim_id) is None:
            raise EvidenceError(f"no claim with id {claim_id}")
    fetched = _fetch(url, settings) if fetch else _Fetched(None, None, None)
    item = Evidence(
        claim_id=claim_id,
        url=url,
        title=title or fetched.title,
        excerpt=excerpt,
        retrieved_at=utcnow() if fetched.sha256 else None,
        content_sha256=fetched.sha256,
        archive_state=ArchiveState.PENDING.value,
        archive_error=fetched.error,
        added_by=by,
    )
    if archive if archive is not None else settings.wayback.enabled:
        _archive(item, settings)
    with database.writing() as session:
        session.add(item)
        session.flush()
        return evidence_payload(item)


def evidence_of(*, session: Session, claim_id: int) -> list[Evidence]:
    """A claim's evidence in the order it was added."""
    return list(
        session.exec(
            select(Evidence).where(Evidence.claim_id == claim_id).order_by(col(Evidence.id))
        ).all()
    )


def list_evidence(*, database: Database, claim_id: int) -> list[dict[str, Any]]:
    """A claim's evidence items."""
    with database.session() as session:
        if session.get(Claim, claim_id) is None:
            raise EvidenceError(f"no claim with id {claim_id}")
        return [evidence_payload(item) for item in evidence_of(session=session, claim_id=claim_id)]


def archive_pending(
    *, database: Database, settings: Settings, evidence_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """Try again to archive pending evidence (or the given items); returns them afterwards."""
    with database.session() as session:
        statement = select(Evidence)
        if evidence_ids:
            statement = statement.where(col(Evidence.id).in_(evidence_ids))
        else:
            statement = statement.where(Evidence.archive_state == ArchiveState.PENDING.value)
        items = list(session.exec(statement.order_by(col(Evidence.id))).all())
    if evidence_ids and len(items) != len(set(evidence_ids)):
        missing = sorted(set(evidence_ids) - {item.id for item in items if item.id})
        raise EvidenceError(f"no evidence with id {', '.join(map(str, missing))}")
    results = []
    for item in items:
        if item.content_sha256 is None:
            fetched = _fetch(item.url, settings)
            if fetched.sha256:
                item.content_sha256 = fetched.sha256
                item.retrieved_at = utcnow()
                item.title = item.title or fetched.title
        _archive(item, settings)
        with database.writing() as session:
            session.add(item)
            session.flush()
            results.append(evidence_payload(item))
    return results
