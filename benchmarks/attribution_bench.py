"""Attribution speed: chains, cues and coreference over 1 MB of news text per language."""

from __future__ import annotations

import time
from typing import Any

from benchmarks.corpus import news_text
from workbench.core.attribution import attribute_sentences
from workbench.core.text.segment import split_sentences

ARTICLE_PARAGRAPHS = 8
"""Coreference runs within one article; a news article has about this many paragraphs."""


def _seconds(texts: list[str], language: str) -> tuple[float, int, int]:
    attributed = sentences = 0
    started = time.process_time()
    for text in texts:
        spans = [(item.start, item.end) for item in split_sentences(text).sentences]
        results = attribute_sentences(text, spans, lang=language)
        sentences += len(spans)
        attributed += sum(1 for item in results if item is not None)
    return time.process_time() - started, attributed, sentences


def run() -> dict[str, Any]:
    """CPU seconds per MB, as articles (the way imports run) and as one 1 MB text (worst case)."""
    results: dict[str, Any] = {}
    for language in ("ar", "en"):
        text = news_text(1_000_000, seed=23, language=language)
        megabytes = len(text.encode("utf-8")) / 1e6
        paragraphs = text.split("\n\n")
        articles = [
            "\n\n".join(paragraphs[start : start + ARTICLE_PARAGRAPHS])
            for start in range(0, len(paragraphs), ARTICLE_PARAGRAPHS)
        ]
        seconds, attributed, sentences = _seconds(articles, language)
        results[f"{language}_seconds_per_mb_in_articles"] = round(seconds / megabytes, 3)
        results[f"{language}_attributed_share"] = round(attributed / max(1, sentences), 2)
        seconds, _, _ = _seconds([text], language)
        results[f"{language}_seconds_per_mb_one_text"] = round(seconds / megabytes, 3)
    return results
