"""Cached data access: the store (``st.cache_resource``) and DataFrames built from stored analyses.

Every DataFrame wrapper is keyed by the store's configuration, the corpus id and
``store.fingerprint(corpus_id)`` (which changes whenever the corpus changes), so reruns reuse
results and analyses are never recomputed: they are read from the store, where they were
written once when the articles were added.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from analysis.batch import ArticleAnalysis, analysis_version
from analysis.cache import cache_dir, keep_latest, used, write_parquet
from analysis.entities import (
    available_backends,
    count_entities,
    entities_frame,
    filter_pairs,
    link_speakers,
    mention_contexts,
    mentions_of,
    merge_person_aliases,
)
from analysis.entities import cooccurrence as entity_pairs
from analysis.frequencies import (
    NgramCounts,
    TermIndex,
    TokenStream,
    articles_with,
    index_terms,
    kwic,
    kwic_terms,
    load_term_index,
    load_token_stream,
    ngram_breakdown,
    ngram_counts,
    save_term_index,
    save_token_stream,
    sum_term_breakdown,
    sum_term_counts,
    token_stream,
    top_ngrams,
)
from analysis.pipeline import articles_frame, removals_frame
from analysis.quotes import count_speakers, filter_quotes, merge_speakers, speaker_matrix
from analysis.records import ENTITY_COLUMNS, KWIC_COLUMNS, QUOTE_COLUMNS, Article
from analysis.store import Store, UnknownCorpusError, ensure_sample_corpus, open_store, refresh_stale
from analysis.tokens import Normalization, stopwords
from analysis.worker import analyse_many

__all__ = [
    "SAMPLE_DIR",
    "Key",
    "article_index",
    "article_text",
    "articles",
    "breakdown",
    "cooccurrence",
    "corpora",
    "counted_term",
    "entities",
    "entity_backends",
    "entity_counts",
    "entity_mentions",
    "failures",
    "get_store",
    "key",
    "kwic_rows",
    "label_counts",
    "needs_refresh",
    "pairs_in_view",
    "prefetch_tokens",
    "quote_matrix",
    "quote_rows",
    "quotes",
    "refresh",
    "removals",
    "resolve_corpus",
    "sample_id",
    "sample_paths",
    "settle",
    "speaker_counts",
    "speaker_links",
    "term_table",
]

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
Config = tuple[str | None, str | None]
Key = tuple[Config, str, str]  # (store configuration, corpus id, fingerprint)
NormKey = tuple[str, ...]
T = TypeVar("T")
_FREEZE_DUE = threading.Event()  # analyses were loaded in this process since the last freeze (settle)
# corpora whose token stream is built or being built (the cache keeps two; an evicted one is built again)
_STREAMS: set[Key] = set()
# KWIC tokenises up to this many articles rather than build the corpus's token stream (JawharaFM: 1,052 in 0.14 s)
_KWIC_ARTICLES = 2_000
_STREAMS_KEPT = 8  # token streams kept between server processes, the ones used last


# --------------------------------------------------------------------------- store


def _config() -> Config:
    return (os.environ.get("DATABASE_URL") or None, os.environ.get("NEWS_LENS_DATA_DIR") or None)


@st.cache_resource(show_spinner=False)
def _open(config: Config) -> Store:
    url, data_dir = config
    return open_store(url, data_dir=data_dir)


def get_store() -> Store:
    """The store named by ``$DATABASE_URL`` / ``$NEWS_LENS_DATA_DIR`` (one per configuration per process)."""
    return _open(_config())


def sample_paths() -> list[Path]:
    """The bundled sample corpus files (not the README)."""
    return sorted(p for p in SAMPLE_DIR.iterdir() if p.is_file() and p.suffix != ".md")


@st.cache_resource(show_spinner=False)
def _sample_id(config: Config) -> str:
    return ensure_sample_corpus(_open(config), sample_paths())


def sample_id() -> str:
    """Id of the bundled sample corpus, stored (and analysed) on first use."""
    return _sample_id(_config())


def resolve_corpus(corpus_id: str | None) -> tuple[str, bool]:
    """``(corpus id to show, whether the asked one was unknown)``: unknown or missing → the sample."""
    if corpus_id:
        try:
            if get_store().corpus_exists(corpus_id):
                return corpus_id, False
        except UnknownCorpusError:
            pass
        return sample_id(), True
    return sample_id(), False


@st.cache_resource(show_spinner=False)
def _refreshed() -> set[tuple[Config, str, str]]:
    return set()


def needs_refresh(corpus_id: str) -> bool:
    """Whether this corpus has not yet been checked for analyses made by an older version of the code."""
    return (_config(), corpus_id, analysis_version()) not in _refreshed()


def refresh(corpus_id: str) -> int:
    """Re-analyse articles stored by an older analysis version (once per corpus and version per server; a large
    corpus on every core, in :mod:`analysis.worker`)."""
    count = refresh_stale(get_store(), corpus_id, analyse=analyse_many)
    _refreshed().add((_config(), corpus_id, analysis_version()))
    return count


def key(corpus_id: str) -> Key:
    """Cache key of a corpus's current contents."""
    return (_config(), corpus_id, get_store().fingerprint(corpus_id))


def corpora() -> pd.DataFrame:
    """Stored corpora (not cached: cheap and changes on every upload)."""
    rows = [(c.id, c.name, c.n_articles, c.n_failures, c.updated_at) for c in get_store().list_corpora()]
    return pd.DataFrame(rows, columns=["id", "name", "n_articles", "n_failures", "updated_at"])


# --------------------------------------------------------------------------- stored analyses


class _CollectorPause:
    """Keeps the garbage collector off while any corpus's analyses are being read; when the last read ends, freezes
    (``gc.freeze``) what they made and turns the collector back on if it was on.

    Reading a 10,000-article corpus makes millions of objects (records, dicts, counts), none in a reference cycle;
    the collections their allocations set off walked them again and again: 0.3 s of the 1.7 s the read took, on the
    first view of a corpus after a server restart. Frozen at once, no later collection walks them either.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reads = 0
        self._resume = False

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._reads == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._reads += 1
        try:
            yield
        finally:
            with self._lock:
                self._reads -= 1
                if self._reads == 0:
                    gc.freeze()
                    if self._resume:
                        gc.enable()


_collector_paused = _CollectorPause()


def _long_lived(value: T) -> T:
    """``value``, marked to be moved out of the garbage collector's reach at the end of this script run
    (:func:`settle`), with what the run builds from it.

    A 10,000-article corpus keeps millions of objects in its cached analyses; each full collection
    walked them all, 0.2-0.25 s at a random rerun (bench.bench_dashboard).
    """
    _FREEZE_DUE.set()
    return value


def settle() -> None:
    """Freeze (``gc.freeze``) what the run built from newly loaded analyses (its tables), once the page is drawn.

    Garbage is collected first, so only live objects are frozen. The analyses themselves, and every object made
    before them (the imports'), were frozen when they were read (:class:`_CollectorPause`), so this collection walks
    only what the run made since; it still waits for the end of the run rather than delay the page's first chart.
    A frozen object is still freed when nothing refers to it (the analyses and counts hold no reference cycles);
    only a cycle among frozen objects that later becomes garbage is kept until the process ends, and freezing
    happens once per corpus loaded.
    """
    if _FREEZE_DUE.is_set():
        _FREEZE_DUE.clear()
        gc.collect()
        gc.freeze()


@st.cache_resource(show_spinner=False, max_entries=8)
def _analyses(k: Key) -> list[ArticleAnalysis]:
    with _collector_paused():
        analyses = _open(k[0]).load_analyses(k[1])
    return _long_lived(analyses)


def _articles(k: Key) -> list[Article]:
    return [a.article for a in _analyses(k)]


@st.cache_data(show_spinner=False, max_entries=16)
def articles(k: Key) -> pd.DataFrame:
    """One row per article (``analysis.records.ARTICLE_COLUMNS``)."""
    return articles_frame(_articles(k))


@st.cache_data(show_spinner=False, max_entries=16)
def article_index(k: Key) -> pd.DataFrame:
    """id, title, source and date of every article: what filters and joins need, without the texts."""

    def build() -> pd.DataFrame:
        rows = [(a.id, a.title, a.source, a.date) for a in _articles(k)]
        return pd.DataFrame(rows, columns=["id", "title", "source", "date"])

    return _kept_frame(k, "index", build)


def article_text(k: Key, article_id: str) -> str:
    """The cleaned text of one article."""
    return next(a.text for a in _articles(k) if a.id == article_id)


@st.cache_data(show_spinner=False, max_entries=16)
def removals(k: Key) -> pd.DataFrame:
    """What cleaning removed, one row per span (``REMOVAL_COLUMNS``; offsets into ``raw_text``)."""
    return removals_frame(_articles(k))


@st.cache_data(show_spinner=False, max_entries=16)
def failures(k: Key) -> pd.DataFrame:
    """Files that could not be loaded into this corpus."""
    rows = [(f.source, f.error, f.message) for f in _open(k[0]).load_failures(k[1])]
    return pd.DataFrame(rows, columns=["source", "error", "message"])


# A large corpus's tables that its stored analyses give directly are kept on disk per version of the corpus, so a new
# server process (a share link opened after a restart) reads them instead of decoding every analysis first.
_FRAMES_LAYOUT = 1  # raise when what a kept table holds changes (its columns, how it is made)
_FRAMES_FROM = 500  # articles: a smaller corpus's analyses are read quickly enough (the sample: 10)
_FRAMES_KEPT = 8  # versions of each table kept, the ones used last


def _frame_path(k: Key, name: str) -> Path | None:
    """Where table ``name`` (``quotes.parquet``) of the corpus version ``k`` is kept (None: no cache folder). The
    store's fingerprint (revision and time of the last write) and the analysis code's version name its contents."""
    folder = cache_dir()
    if folder is None:
        return None
    version = hashlib.blake2b(f"{k[2]}|{analysis_version()}|{_FRAMES_LAYOUT}".encode(), digest_size=8).hexdigest()
    return folder / "frames" / f"{k[1]}-{version}-{name}"


def _kept(
    k: Key, name: str, build: Callable[[], T], *, read: Callable[[Path], T | None], write: Callable[[Path, T], None]
) -> T:
    """``build()``, read back when an earlier process kept table ``name`` for this version of the corpus; kept when
    the corpus has at least ``_FRAMES_FROM`` articles, the ``_FRAMES_KEPT`` versions used last of each table (written
    whole or not at all; a read-only or full disk keeps nothing)."""
    path = _frame_path(k, name)
    if path is not None and (kept := read(path)) is not None:
        used(path)
        return kept
    value = build()
    if path is not None and len(_analyses(k)) >= _FRAMES_FROM:
        with contextlib.suppress(OSError, ValueError):  # (pyarrow's errors are OSError or ValueError)
            write(path, value)
            keep_latest(path.parent, f"*-{name}", keep=_FRAMES_KEPT)
    return value


def _read_parquet(path: Path) -> pd.DataFrame | None:
    """The table kept in ``path``; None when there is none or it is unreadable."""
    try:
        return pd.read_parquet(path) if path.is_file() else None
    except (OSError, ValueError):  # (pyarrow's errors are OSError or ValueError)
        return None


def _kept_frame(k: Key, name: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """:func:`_kept` for a table kept as Parquet."""
    return _kept(k, f"{name}.parquet", build, read=_read_parquet, write=write_parquet)


def _records_frame(records: Iterable[object], columns: tuple[str, ...]) -> pd.DataFrame:
    """One row per record, its attributes ``columns`` as columns."""
    values = attrgetter(*columns)
    return pd.DataFrame([values(r) for r in records], columns=list(columns))


@st.cache_data(show_spinner=False, max_entries=16)
def quotes(k: Key) -> pd.DataFrame:
    """Every stored quote (columns ``QUOTE_COLUMNS``)."""
    def build() -> pd.DataFrame:
        frame = _records_frame((q for a in _analyses(k) for q in a.quotes), QUOTE_COLUMNS)
        return frame.astype({"start": "int64", "end": "int64", "speaker_start": "int64", "speaker_end": "int64"})

    return merge_speakers(_kept_frame(k, "quotes", build))  # «بوتين» in one article, «فلاديمير بوتين» in another: one speaker


@st.cache_data(show_spinner=False, max_entries=16)
def quote_rows(k: Key, unknown: str) -> pd.DataFrame:
    """Every quote with its article's title, source and date; quotes without a speaker under the label ``unknown``."""
    frame = quotes(k).merge(article_index(k), left_on="article", right_on="id", how="left")
    frame["speaker"] = frame["speaker"].fillna(unknown).replace("", unknown)
    return frame


@st.cache_data(show_spinner=False, max_entries=64)
def speaker_counts(k: Key, unknown: str, kinds: tuple[str, ...], source: str, article: str) -> pd.DataFrame:
    """Quotes per speaker within the page's filters (``count_speakers``), kept across reruns."""
    return count_speakers(filter_quotes(quote_rows(k, unknown), kinds=kinds, source=source, article=article))


@st.cache_data(show_spinner=False, max_entries=64)
def quote_matrix(k: Key, unknown: str, kinds: tuple[str, ...], source: str, article: str, by: str) -> pd.DataFrame:
    """Speaker × ``by`` counts within the page's filters (``speaker_matrix``), kept across reruns."""
    return speaker_matrix(filter_quotes(quote_rows(k, unknown), kinds=kinds, source=source, article=article), by=by)


@st.cache_data(show_spinner=False, max_entries=16)
def entities(k: Key, backend: str = "shipped") -> pd.DataFrame:
    """Every entity mention (columns ``ENTITY_COLUMNS``), person aliases merged.

    The shipped tagger's mentions are stored with the analyses; another backend (CAMeL's BERT NER, when its
    data is installed) tags the stored texts once per corpus version and is cached.
    """
    if backend != "shipped":
        return entities_frame(_articles(k), backend=backend)
    def build() -> pd.DataFrame:
        frame = _records_frame((e for a in _analyses(k) for e in a.entities), ENTITY_COLUMNS)
        return frame.astype({"start": "int64", "end": "int64"})

    frame = _kept_frame(k, "entities", build)
    return merge_person_aliases(frame) if not frame.empty else frame


@st.cache_data(show_spinner=False, max_entries=16)
def entity_counts(k: Key, backend: str = "shipped") -> pd.DataFrame:
    """Mentions per entity: ``label, canonical, count, doc_count``."""
    return count_entities(entities(k, backend))


@st.cache_data(show_spinner=False, max_entries=16)
def label_counts(k: Key, backend: str = "shipped") -> pd.DataFrame:
    """Mentions per label: ``label, count``."""
    return entities(k, backend).groupby("label").size().rename("count").reset_index()


@st.cache_data(show_spinner=False, max_entries=64)
def entity_mentions(k: Key, backend: str, canonical: str, labels: tuple[str, ...], chars: int = 60) -> pd.DataFrame:
    """Every mention of one entity (of ``labels``; all when empty) with ``chars`` characters of context."""
    texts = {a.id: a.text for a in _articles(k)}
    return mention_contexts(mentions_of(entities(k, backend), canonical, labels=labels), texts, chars=chars)


@st.cache_data(show_spinner=False, max_entries=16)
def cooccurrence(k: Key, backend: str = "shipped") -> pd.DataFrame:
    """Entity pairs in the same sentence: ``a, b, count``."""
    return entity_pairs(entities(k, backend))


@st.cache_data(show_spinner=False, max_entries=64)
def pairs_in_view(k: Key, backend: str, labels: tuple[str, ...], entity: str) -> pd.DataFrame:
    """The pairs of ``entity`` when one is picked, else the pairs between entities of ``labels`` (``filter_pairs``)."""
    if entity or not labels:
        return filter_pairs(cooccurrence(k, backend), entity=entity)
    counts = entity_counts(k, backend)
    return filter_pairs(cooccurrence(k, backend), among=counts.loc[counts["label"].isin(labels), "canonical"])


@st.cache_data(show_spinner=False, max_entries=16)
def speaker_links(k: Key) -> pd.DataFrame:
    """Speakers matched to PERS entities (``analysis.entities.link_speakers``)."""
    return link_speakers(quotes(k), entities(k))


def entity_backends() -> list[str]:
    """NER backends usable here: always the shipped CRF; CAMeL's when its data is installed."""
    return available_backends()


# --------------------------------------------------------------------------- frequencies


def _normalization(norm: NormKey) -> Normalization:
    return Normalization.from_names(norm) if norm else Normalization.from_names(["none"])


@st.cache_resource(show_spinner=False, max_entries=2)
def _term_index(k: Key) -> TermIndex:
    """The counts stored with the analyses, inverted: which articles hold a word (shared arrays, never modified)."""
    return _kept(
        k,
        "terms.npz",
        lambda: index_terms((a.article.id, a.term_counts) for a in _analyses(k)),
        read=load_term_index,
        write=lambda path, index: save_term_index(index, path),
    )


@st.cache_resource(show_spinner=False, max_entries=2)
def _token_stream(k: Key) -> TokenStream:
    """The corpus's tokens numbered and placed once, for every n-gram table and KWIC search (shared arrays, never
    modified; the stream keeps the counting forms of the last few option sets), read back when an earlier server
    process kept them (:func:`_stream_path`)."""
    _stream_started(k)
    articles = _articles(k)
    path = _stream_path(k)
    stream = load_token_stream(path, articles) if path is not None else None
    if stream is not None and path is not None:
        used(path)  # among the last ones kept
    if stream is None:
        stream = token_stream(articles)
        if path is not None:
            with contextlib.suppress(OSError, ValueError):  # a read-only or full disk: built again next time
                save_token_stream(stream, path)
                # every upload into the sample starts a new corpus, and a stream takes 16 MB per 10,000 articles
                keep_latest(path.parent, "*.npz", keep=_STREAMS_KEPT)
    return stream


def _stream_path(k: Key) -> Path | None:
    """Where a corpus's token stream is kept between server processes, in the package's cache folder
    (:func:`analysis.cache.cache_dir`): one file per corpus and store, replaced when the corpus changes (the file's
    digest tells :func:`~analysis.frequencies.load_token_stream`); the eight used last are kept."""
    folder = cache_dir()
    if folder is None:
        return None
    store = hashlib.blake2b(repr(k[0]).encode("utf-8"), digest_size=4).hexdigest()
    return folder / "token-streams" / f"{k[1]}-{store}.npz"


def _stream_started(k: Key) -> None:
    if len(_STREAMS) >= 16:
        _STREAMS.clear()
    _STREAMS.add(k)


_PREFETCH = ThreadPoolExecutor(max_workers=1, thread_name_prefix="news-lens-prefetch")


def prefetch_tokens(k: Key, norm: NormKey, clitics: bool) -> None:
    """Number the corpus's tokens (:func:`_token_stream`) and count their forms under the page's options on a
    background thread, so the first KWIC search or n-gram table finds them ready (about a second for 10,000
    articles; 0.13 s when an earlier process kept the stream, then 0.1-0.4 s for the forms). A page calls it once
    it is drawn; when all is ready the thread only looks it up. A rerun that needs the tokens first waits for the
    thread (Streamlit computes a cached value once, under a lock per key), and one that needs the forms waits for
    the stream's own lock."""
    _stream_started(k)
    _PREFETCH.submit(_prefetch, k, norm, clitics)


def _prefetch(k: Key, norm: NormKey, clitics: bool) -> None:
    stream = _token_stream(k)
    _ = stream.counted(_normalization(norm), clitics).words
    _ = stream.kwic_view  # where KWIC looks: 0.05 s of the first search on 10,000 articles


@st.cache_resource(show_spinner=False, max_entries=4)
def _ngram_counts(k: Key, norm: NormKey, clitics: bool, n: int) -> NgramCounts:
    """Per-article n-gram counts under options the stored counts do not cover (shared arrays, never modified)."""
    return ngram_counts(_token_stream(k), n=n, normalization=_normalization(norm), clitics=clitics)


@st.cache_data(show_spinner=False, max_entries=8)
def _stored_counts(k: Key, keep_stopwords: bool, clitics: bool) -> pd.DataFrame:
    """The whole unigram table summed from the per-article counts stored with the analyses (no re-tokenising), as
    indexed for the breakdowns."""
    drop = frozenset() if keep_stopwords else stopwords(Normalization())
    return sum_term_counts(_term_index(k), clitics=clitics, top=None, stopwords=drop)


@st.cache_data(show_spinner=False, max_entries=32)
def term_table(k: Key, norm: NormKey, clitics: bool, keep_stopwords: bool, ngram: int, top: int) -> pd.DataFrame:
    """Top terms (``term, count, doc_count``) under the given options.

    The default options reuse the counts stored with each analysis; others count the stored texts' n-grams once.
    """
    normalization = _normalization(norm)
    if normalization == Normalization() and ngram == 1:
        return _stored_counts(k, keep_stopwords, clitics).head(top).reset_index(drop=True)
    words = frozenset() if keep_stopwords else stopwords(normalization)
    return top_ngrams(_ngram_counts(k, norm, clitics, ngram), top=top, stopwords=words)


@st.cache_data(show_spinner=False, max_entries=32)
def kwic_rows(k: Key, term: str, norm: NormKey, clitics: bool, window: int = 8) -> pd.DataFrame:
    """Keyword-in-context rows (``KWIC_COLUMNS``) for ``term`` in every article, found in the corpus's numbered
    tokens (no text is tokenised again); until anybody has started numbering them, in the articles the stored
    counts say hold the term, when those are few."""
    if not term.strip():
        return pd.DataFrame(columns=list(KWIC_COLUMNS))
    normalization = _normalization(norm)
    if k not in _STREAMS and normalization == Normalization():
        # nobody has started numbering the corpus's tokens (a share link's first view searches before the page hands
        # that to the background thread: a second and more for 10,000 articles): a term few articles hold is found
        # by tokenising just those, the same rows; a stream already being built is waited for, not competed with
        held = articles_with(_term_index(k), term, clitics=clitics)
        if held is not None and len(held) <= _KWIC_ARTICLES:
            articles = _articles(k)
            return kwic([articles[i] for i in held.tolist()], term, window=window, normalization=normalization, clitics=clitics)
    return kwic(_token_stream(k), term, window=window, normalization=normalization, clitics=clitics)


def counted_term(term: str, norm: NormKey, clitics: bool) -> str:
    """A typed term as the tables count it: normalised, stems when ``clitics`` («الحكومة» → «حكومة»)."""
    return " ".join(kwic_terms(term, normalization=_normalization(norm), clitics=clitics))


@st.cache_data(show_spinner=False, max_entries=32)
def breakdown(k: Key, terms: tuple[str, ...], by: str, norm: NormKey, clitics: bool, ngram: int) -> pd.DataFrame:
    """Counts of ``terms`` per ``by`` (``date`` or ``source``): ``term, <by>, count``."""
    if _normalization(norm) == Normalization() and ngram == 1:  # from the stored counts, no re-tokenising
        return sum_term_breakdown(_term_index(k), article_index(k), by=by, terms=terms, clitics=clitics)
    return ngram_breakdown(_ngram_counts(k, norm, clitics, ngram), article_index(k), by=by, terms=terms)
