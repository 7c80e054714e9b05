"""Whole-pipeline analysis of many documents, streamed, on every core.

:func:`analyse_documents` cleans, tokenises and counts each document and (when asked)
extracts quotes and entities, in a process pool of ``workers`` processes, yielding one
:class:`ArticleAnalysis` per document in input order. Results are per article, so a store
can persist them and re-analyse only new articles.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice
from pathlib import Path

from analysis.cleaning import clean_document
from analysis.errors import AnalysisError
from analysis.records import Article, Entity, Quote, RawDocument
from analysis.tokens import Normalization, count_terms

__all__ = ["ArticleAnalysis", "analyse_document", "analyse_documents", "analysis_version"]

_LOG = logging.getLogger(__name__)
_PACKAGE = Path(__file__).resolve().parent
# Modules that read stored analyses but never shape them: editing them must not force a re-analysis.
_NOT_IN_ANALYSES = frozenset(
    {"frequencies.py", "store.py", "viewstate.py", "cli.py", "__main__.py", "pipeline.py", "worker.py"}
)


@cache
def analysis_version() -> str:
    """Fingerprint of everything that shapes an analysis: the package's code, lexicons and models.

    Stored analyses made by another version are stale and are recomputed (see ``analysis.store``).
    """
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.name in _NOT_IN_ANALYSES and path.parent == _PACKAGE:
            continue
        if path.is_file() and path.suffix in {".py", ".txt", ".tsv", ".crfsuite", ".json"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_PACKAGE)).encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything computed for one article."""

    article: Article
    n_words: int
    term_counts: Counter[str]
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()


def analyse_document(
    document: RawDocument,
    *,
    raw: bool = False,
    quotes: bool = True,
    entities: bool = True,
    normalization: Normalization = Normalization(),
) -> ArticleAnalysis:
    """Clean → tokens/term counts → quotes → entities for one document."""
    article = clean_document(document, raw=raw)
    counts = count_terms(article.text, normalization=normalization)
    n_words = sum(counts.values())
    found_quotes: tuple[Quote, ...] = ()
    found_entities: tuple[Entity, ...] = ()
    failed: list[str] = []
    tags = None
    if entities:  # first: the quote extractor reuses the tags
        from analysis.entities import extract_entities, sentence_spans, tag_sentences

        try:
            sentences = sentence_spans(article.text)  # split once for the tagger and the entities
            tags = tag_sentences(article.text, sentences=sentences)
            found_entities = tuple(extract_entities(article, tags=tags, sentences=sentences))
        except AnalysisError:
            raise  # a missing model or an unknown backend concerns every article
        except Exception as exc:  # one article's bug must not lose a 10,000-article upload
            failed.append(_failure("entities", exc))
    if quotes:
        from analysis.quotes import extract_quotes

        try:
            found_quotes = tuple(extract_quotes(article, ner_tags=tags))
        except AnalysisError:
            raise
        except Exception as exc:
            failed.append(_failure("quotes", exc))
    if failed:  # the article keeps what did work, and says what did not (the reader page shows warnings)
        article = replace(article, warnings=(*article.warnings, *failed))
    return ArticleAnalysis(article, n_words, counts, found_quotes, found_entities)


def _failure(stage: str, exc: Exception) -> str:
    _LOG.exception("%s failed on one article", stage)
    return f"{stage}: not analysed ({type(exc).__name__}: {exc})"


def _start_worker(tags: bool) -> None:
    """A pool worker that will tag (the quote extractor and the entities both do) loads the NER tagger's compiled
    loops at once: over the chunks it gets, numpy's would cost it more than the load
    (:func:`analysis.entities.crf.use_compiled_kernels`)."""
    if tags:
        from analysis.entities.crf import use_compiled_kernels

        use_compiled_kernels()


def _analyse_chunk(chunk: list[RawDocument], raw: bool, quotes: bool, entities: bool) -> list[ArticleAnalysis]:
    return [analyse_document(d, raw=raw, quotes=quotes, entities=entities) for d in chunk]


def _chunks(documents: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def analyse_documents(
    documents: Iterable[RawDocument],
    *,
    raw: bool = False,
    quotes: bool = True,
    entities: bool = True,
    workers: int | None = None,
    chunk_size: int = 200,
) -> Iterator[ArticleAnalysis]:
    """Analyse documents in order, streaming; ``workers`` defaults to the number of cores.

    At most ``2 × workers`` chunks are in flight, so memory stays bounded on huge corpora.
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        for chunk in _chunks(documents, chunk_size):
            yield from _analyse_chunk(chunk, raw, quotes, entities)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(quotes or entities,)) as pool:
        pending = []
        for chunk in _chunks(documents, chunk_size):
            pending.append(pool.submit(_analyse_chunk, chunk, raw, quotes, entities))
            if len(pending) >= 2 * workers:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
