"""Shared fixtures: project paths and the optional ../shared development corpora."""

from __future__ import annotations

import json
import lzma
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATA = ROOT / "sample_data"
SHARED = ROOT.parent / "shared" / "data"
JAWHARA = SHARED / "jawharafm" / "articles.jsonl.xz"


def sample_files() -> list[Path]:
    """Every article file bundled in sample_data/ (not its README)."""
    return sorted(p for p in SAMPLE_DATA.iterdir() if p.is_file() and p.suffix != ".md")


def iter_jawhara(limit: int) -> Iterator[str]:
    """Texts of the first ``limit`` JawharaFM articles (development corpus beside the project)."""
    with lzma.open(JAWHARA, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i >= limit:
                break
            row = json.loads(line)
            yield row["title"] + "\n" + row["text"]


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """What the package keeps between processes (``analysis.cache.cache_dir``: the NER tagger's tables, token
    streams) goes to a temporary directory, never to the user's cache (the dashboard servers the browser tests start
    inherit it)."""
    path = tmp_path_factory.mktemp("news-lens-cache")
    previous = os.environ.get("NEWS_LENS_CACHE_DIR")
    os.environ["NEWS_LENS_CACHE_DIR"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("NEWS_LENS_CACHE_DIR", None)
    else:
        os.environ["NEWS_LENS_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def sample_articles():
    from analysis.pipeline import load_articles

    articles, failures = load_articles(sample_files())
    assert not failures, failures
    return articles
