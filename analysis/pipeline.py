"""Load + clean in one call, and the articles / removals tables."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.cleaning import clean_document
from analysis.loading import Limits, LoadResult, load_paths
from analysis.records import ARTICLE_COLUMNS, REMOVAL_COLUMNS, Article, LoadFailure

__all__ = ["articles_frame", "clean_result", "load_articles", "removals_frame"]


def clean_result(result: LoadResult, *, raw: bool = False) -> list[Article]:
    """Clean every loaded document (``raw=True`` keeps texts as given)."""
    return [clean_document(doc, raw=raw) for doc in result.documents]


def load_articles(
    paths: Iterable[str | Path], *, raw: bool = False, limits: Limits = Limits()
) -> tuple[list[Article], list[LoadFailure]]:
    """Files of any supported format → cleaned articles and per-file failures."""
    result = load_paths(paths, limits=limits)
    return clean_result(result, raw=raw), list(result.failures)


def articles_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per article (columns :data:`ARTICLE_COLUMNS`)."""
    rows = [
        (
            a.id,
            a.source,
            a.title,
            a.date,
            a.url,
            a.byline,
            a.text,
            a.raw_text,
            a.arabic_share,
            a.latin_share,
            len(a.removed),
            "; ".join(a.warnings),
        )
        for a in articles
    ]
    return pd.DataFrame.from_records(rows, columns=list(ARTICLE_COLUMNS))


def removals_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per removed span (columns :data:`REMOVAL_COLUMNS`); offsets into ``raw_text``."""
    rows = [(a.id, r.text, r.reason, r.start, r.end) for a in articles for r in a.removed]
    return pd.DataFrame.from_records(rows, columns=list(REMOVAL_COLUMNS))
