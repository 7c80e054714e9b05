"""Upload handling without streamlit: bytes → documents → stored analyses (testable directly).

Each file loads on its own (:func:`analysis.loading.load_bytes`), so one bad file only adds a
failure. Uploading into the shared sample corpus first creates a new corpus with an unguessable
id; only article ids not stored yet are analysed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from analysis.batch import ArticleAnalysis
from analysis.loading import load_bytes
from analysis.records import LoadFailure, RawDocument
from analysis.store import Analyser, Store, add_documents
from analysis.worker import analyse_many

__all__ = ["IngestResult", "ingest_files", "ingest_text"]

Progress = Callable[[float, str], None]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Where the documents went, how many were new, and what failed to load."""

    corpus_id: str
    added: int
    failures: tuple[LoadFailure, ...] = ()


def _target(store: Store, corpus_id: str, sample_id: str, name: str) -> str:
    return store.create_corpus(name) if corpus_id == sample_id else corpus_id


def ingest_files(
    store: Store,
    corpus_id: str,
    files: Sequence[tuple[str, bytes]],
    *,
    sample_id: str,
    name: str = "uploaded corpus",
    analyse: Analyser | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Load ``(file name, bytes)`` pairs and add their documents to ``corpus_id``.

    When ``corpus_id`` is the sample corpus a new corpus is created first (only if something
    loaded). Failures are recorded in the store and returned; the other files still load.
    """
    documents: list[RawDocument] = []
    failures: list[LoadFailure] = []
    total = max(len(files), 1)
    for index, (filename, data) in enumerate(files):
        if progress:
            progress(index / (total + 1), filename)
        result = load_bytes(filename, data)
        documents.extend(result.documents)
        failures.extend(result.failures)
    return _store(store, corpus_id, documents, failures, sample_id, name, analyse, progress)


def ingest_text(
    store: Store,
    corpus_id: str,
    text: str,
    *,
    sample_id: str,
    title: str = "",
    doc_id: str = "",
    name: str = "uploaded corpus",
    analyse: Analyser | None = None,
) -> IngestResult:
    """Add one pasted text (an empty text adds nothing)."""
    if not text.strip():
        return IngestResult(corpus_id, 0)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    document = RawDocument(id=doc_id or f"pasted-{digest}", source="paste", text=text, title=title)
    return _store(store, corpus_id, [document], [], sample_id, name, analyse, None)


def _with_progress(analyse: Analyser | None, progress: Progress | None) -> Analyser:
    """The analyser, reporting ``(share done, "i/n")`` every few articles while it streams its results."""

    def run(documents: Iterable[RawDocument]) -> Iterator[ArticleAnalysis]:
        documents = list(documents)
        results = (analyse or analyse_many)(documents)  # a large upload on every core, in analysis.worker
        for done, result in enumerate(results, 1):
            if progress and (done % 10 == 0 or done == len(documents)):
                progress(done / len(documents), f"{done}/{len(documents)}")
            yield result

    return run


def _store(
    store: Store,
    corpus_id: str,
    documents: Iterable[RawDocument],
    failures: list[LoadFailure],
    sample_id: str,
    name: str,
    analyse: Analyser | None,
    progress: Progress | None,
) -> IngestResult:
    documents = list(documents)
    if not documents:
        if failures and corpus_id != sample_id:
            store.add_failures(corpus_id, failures)
        return IngestResult(corpus_id, 0, tuple(failures))
    target = _target(store, corpus_id, sample_id, name)
    added = add_documents(store, target, documents, analyse=_with_progress(analyse, progress))
    if failures:
        store.add_failures(target, failures)
    if progress:
        progress(1.0, "")
    return IngestResult(target, added, tuple(failures))
