"""Queries on articles and their related items; keyword-only, the session first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from workbench.store.models import Article, Claim, RelatedItem


def find_article(
    *, session: Session, canonical_url: str | None, content_hash: str
) -> Article | None:
    """The stored article with this canonical URL or this content hash, if any."""
    if canonical_url:
        by_url = session.exec(select(Article).where(Article.canonical_url == canonical_url)).first()
        if by_url is not None:
            return by_url
    return session.exec(select(Article).where(Article.content_hash == content_hash)).first()


def add_article(
    *,
    session: Session,
    article: Article,
    related: Sequence[tuple[str, str | None, date | None]],
) -> Article:
    """Store an article and its related items; returns it with its id."""
    session.add(article)
    session.flush()
    assert article.id is not None
    for position, (title, lead, item_date) in enumerate(related):
        session.add(
            RelatedItem(
                article_id=article.id,
                position=position,
                title=title,
                lead=lead,
                item_date=item_date,
            )
        )
    session.flush()
    return article


def get_article(*, session: Session, article_id: int) -> Article | None:
    """The article with this id."""
    return session.get(Article, article_id)


def related_items(*, session: Session, article_id: int) -> list[RelatedItem]:
    """The article's related items in page order."""
    statement = (
        select(RelatedItem)
        .where(RelatedItem.article_id == article_id)
        .order_by(col(RelatedItem.position))
    )
    return list(session.exec(statement).all())


def list_articles(
    *, session: Session, limit: int = 100, since: datetime | None = None
) -> list[tuple[Article, int]]:
    """Articles, newest first, each with its number of claims."""
    # Counted per listed article through the claim index, not by grouping every claim.
    claim_count = (
        select(func.count())
        .select_from(Claim)
        .where(Claim.article_id == Article.id)
        .correlate(Article)
        .scalar_subquery()
    )
    statement = select(Article, claim_count).order_by(col(Article.id).desc()).limit(limit)
    if since is not None:
        statement = statement.where(Article.retrieved_at >= since)
    return [(article, int(count)) for article, count in session.exec(statement).all()]
