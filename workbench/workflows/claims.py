"""Fact-checkers' edits to claims: add, split, merge, edit, dismiss — the original span is kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from sqlmodel import Session

from workbench.core.claims import draft_claim, numbers_payload
from workbench.core.errors import WorkbenchError
from workbench.core.vocabulary import ClaimKind, ClaimStatus
from workbench.store import claims as claim_store
from workbench.store.database import Database
from workbench.store.models import Article, Claim
from workbench.workflows.attribution import copy_attribution


class ClaimEditError(WorkbenchError):
    """A change to a claim that cannot be made as asked."""


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """The claims a change produced and the ones it retired."""

    created: tuple[Claim, ...]
    retired: tuple[Claim, ...]


def _claim(session: Session, claim_id: int) -> Claim:
    claim = claim_store.get_claim(session=session, claim_id=claim_id)
    if claim is None:
        raise ClaimEditError(f"no claim with id {claim_id}")
    return claim


def _check_version(claim: Claim, expected: int | None) -> None:
    if expected is not None and claim.version != expected:
        who = claim.updated_by or "someone"
        raise ClaimEditError(
            f"claim {claim.id} changed since you loaded it (version {expected}); "
            f"{who} saved version {claim.version} at {claim.updated_at:%Y-%m-%d %H:%M} UTC"
        )


def _retire(claim: Claim, reason: str, *, by: str | None) -> None:
    claim.status = ClaimStatus.DISMISSED.value
    claim.dismiss_reason = reason
    claim_store.touch(claim, by=by)


def add_claim(
    *,
    database: Database,
    text: str,
    article_id: int | None = None,
    language: str | None = None,
    by: str | None = None,
) -> Claim:
    """Store a claim typed in by a fact-checker (kind manual), optionally tied to an article."""
    text = text.strip()
    if not text:
        raise ClaimEditError("a claim needs some text")
    with database.writing() as session:
        start = end = None
        if article_id is not None:
            article = session.get(Article, article_id)
            if article is None:
                raise ClaimEditError(f"no article with id {article_id}")
            position = article.body.find(text)
            if position >= 0:
                start, end = position, position + len(text)
        draft = draft_claim(text, kind=ClaimKind.MANUAL, language=language, start=start, end=end)
        return claim_store.add_claim(session=session, draft=draft, article_id=article_id, author=by)


def split_claim(
    *,
    database: Database,
    claim_id: int,
    offsets: Sequence[int],
    by: str | None = None,
    expected_version: int | None = None,
) -> ClaimChange:
    """Split a claim at character offsets of its text; the original is kept, dismissed."""
    with database.writing() as session:
        claim = _claim(session, claim_id)
        _check_version(claim, expected_version)
        cuts = sorted(set(offsets))
        if not cuts or cuts[0] <= 0 or cuts[-1] >= len(claim.text):
            raise ClaimEditError(
                f"split offsets must lie inside the claim text (1 to {len(claim.text) - 1})"
            )
        bounds = [0, *cuts, len(claim.text)]
        pieces: list[tuple[str, int, int]] = []
        for piece_start, piece_end in pairwise(bounds):
            raw = claim.text[piece_start:piece_end]
            lead = len(raw) - len(raw.lstrip())
            text = raw.strip()
            if text:
                pieces.append((text, piece_start + lead, piece_start + lead + len(text)))
        if len(pieces) < 2:
            raise ClaimEditError("the split leaves fewer than two non-empty parts")
        created = []
        for text, piece_start, piece_end in pieces:
            offset = claim.start
            draft = draft_claim(
                text,
                kind=ClaimKind(claim.kind),
                language=claim.language,
                start=offset + piece_start if offset is not None else None,
                end=offset + piece_end if offset is not None else None,
            )
            part = claim_store.add_claim(
                session=session, draft=draft, article_id=claim.article_id, author=by
            )
            part.parent_id = claim.id
            copy_attribution(session=session, from_claim=claim, to_claim=part)
            created.append(part)
        _retire(claim, "split into " + ", ".join(f"#{part.id}" for part in created), by=by)
        session.flush()
        return ClaimChange(created=tuple(created), retired=(claim,))


def merge_claims(
    *, database: Database, claim_ids: Sequence[int], by: str | None = None
) -> ClaimChange:
    """Merge claims of one article into one; the originals are kept, dismissed."""
    if len(set(claim_ids)) < 2:
        raise ClaimEditError("give at least two different claims to merge")
    with database.writing() as session:
        claims = [_claim(session, claim_id) for claim_id in dict.fromkeys(claim_ids)]
        articles = {claim.article_id for claim in claims}
        if len(articles) != 1:
            raise ClaimEditError("only claims of the same article can be merged")
        article_id = articles.pop()
        starts = [claim.start for claim in claims if claim.start is not None]
        ends = [claim.end for claim in claims if claim.end is not None]
        article = session.get(Article, article_id) if article_id is not None else None
        start: int | None = None
        end: int | None = None
        if article is not None and len(starts) == len(ends) == len(claims):
            start, end = min(starts), max(ends)
            text = article.body[start:end]
            kind = ClaimKind.SENTENCE
        else:
            text = " ".join(claim.text for claim in claims)
            kind = ClaimKind.MANUAL
        draft = draft_claim(text, kind=kind, language=claims[0].language, start=start, end=end)
        merged = claim_store.add_claim(
            session=session, draft=draft, article_id=article_id, author=by
        )
        merged.parent_id = claims[0].id
        copy_attribution(session=session, from_claim=claims[0], to_claim=merged)
        for claim in claims:
            _retire(claim, f"merged into #{merged.id}", by=by)
        session.flush()
        return ClaimChange(created=(merged,), retired=tuple(claims))


def edit_claim(
    *,
    database: Database,
    claim_id: int,
    text: str,
    by: str | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Change a claim's wording; the extracted text and the span stay on record."""
    text = text.strip()
    if not text:
        raise ClaimEditError("a claim needs some text")
    with database.writing() as session:
        claim = _claim(session, claim_id)
        _check_version(claim, expected_version)
        if claim.original_text is None:
            claim.original_text = claim.text
        draft = draft_claim(text, kind=ClaimKind(claim.kind), language=claim.language)
        claim.text = draft.text
        claim.checkworthiness = draft.checkworthiness
        claim.features = draft.features
        claim.numbers = numbers_payload(draft.numbers)
        claim.matching_key = draft.matching_key
        claim_store.touch(claim, by=by)
        session.add(claim)
        return claim


def dismiss_claim(
    *,
    database: Database,
    claim_id: int,
    reason: str | None = None,
    by: str | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Mark a claim as not worth checking; it stays on record with the reason."""
    with database.writing() as session:
        claim = _claim(session, claim_id)
        _check_version(claim, expected_version)
        _retire(claim, reason or "dismissed", by=by)
        session.add(claim)
        return claim
