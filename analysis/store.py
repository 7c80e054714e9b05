"""Persistent corpus store: per-article analyses in SQLite (default) or any SQLAlchemy database.

A corpus is a named set of :class:`~analysis.batch.ArticleAnalysis` results plus its load
failures, addressed by an unguessable id (``secrets.token_urlsafe(16)``: 128 bits, 22 chars)
that share links carry. Writes are all-or-nothing: one transaction per call, so a crash
mid-way leaves nothing half-written. SQLite runs in WAL mode with a busy timeout and takes
the write lock up front (``BEGIN IMMEDIATE``), so several server processes can share a file.

>>> validate_corpus_id("AAAAAAAAAAAAAAAAAAAAAA")
'AAAAAAAAAAAAAAAAAAAAAA'
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from analysis.batch import ArticleAnalysis, analyse_documents, analysis_version
from analysis.errors import AnalysisError
from analysis.loading import load_paths
from analysis.records import Article, Entity, LoadFailure, Quote, RawDocument, Removal

__all__ = [
    "CorpusInfo",
    "InvalidCorpusIdError",
    "Store",
    "StoreError",
    "UnknownCorpusError",
    "add_documents",
    "analysis_from_json",
    "analysis_to_json",
    "ensure_sample_corpus",
    "open_store",
    "sample_corpus_id",
    "validate_corpus_id",
]

Analyser = Callable[[Iterable[RawDocument]], Iterable[ArticleAnalysis]]

_CORPUS_ID_RE = re.compile(r"[A-Za-z0-9_-]{22}")
_MAX_NAME = 200
_CHUNK = 500
_SPOOL_BYTES = 32 * 1024 * 1024
_PAYLOAD_VERSION = 2  # 1: every quote and entity a dict of all its fields (still read)


# --------------------------------------------------------------------------- errors


class StoreError(AnalysisError):
    """The corpus store could not do what was asked."""

    code = "store_error"


class InvalidCorpusIdError(StoreError):
    """A corpus id is not of the ``secrets.token_urlsafe(16)`` shape (22 URL-safe characters)."""

    code = "invalid_corpus_id"


class UnknownCorpusError(StoreError):
    """No corpus has this id (never created, or deleted)."""

    code = "unknown_corpus"


def validate_corpus_id(value: str) -> str:
    """Return ``value`` if it is a well-formed corpus id, else raise :class:`InvalidCorpusIdError`."""
    if not isinstance(value, str) or not _CORPUS_ID_RE.fullmatch(value):
        shown = repr(value)[:40]
        raise InvalidCorpusIdError(f"invalid corpus id {shown}: expected 22 characters from A-Z a-z 0-9 _ -")
    return value


# --------------------------------------------------------------------------- serialisation


def _record_dict(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record)}


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _record_from(cls: type, data: dict[str, Any]) -> Any:
    known = _field_names(cls)  # looked up once per class: a corpus of 10,000 articles rebuilds 90,000 records
    return cls(**data) if data.keys() <= known else cls(**{k: v for k, v in data.items() if k in known})


# A quote's or an entity's article id and text are the article's id and the span of its text the record points at
# (``text[start:end]``): a payload leaves them out and the reader takes them from the article.
_FROM_ARTICLE = ("article", "text")


@cache
def _layout(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` a payload stores when its records' article ids and texts come from the article."""
    return tuple(f.name for f in fields(cls) if f.name not in _FROM_ARTICLE)


@cache
def _span_at(cls: type) -> tuple[int, int] | None:
    """Where ``start`` and ``end`` sit in a row of :func:`_layout`, when ``cls`` takes the article id and the text
    first (a record is then built from its row by position); None otherwise."""
    if tuple(f.name for f in fields(cls))[:2] != _FROM_ARTICLE:
        return None
    layout = _layout(cls)
    return layout.index("start"), layout.index("end")


def _rows_of(records: tuple[Any, ...], article: Article) -> dict[str, Any]:
    """Records of one type as ``{"fields": [names], "rows": [[values], …]}``, without the article id and text when
    every record's are the article's (:data:`_FROM_ARTICLE`)."""
    if not records:
        return {"fields": [], "rows": []}
    cls = type(records[0])
    names = list(_layout(cls))
    text = article.text
    if not all(r.text == text[r.start : r.end] for r in records):
        names.insert(0, "text")
    if any(r.article != article.id for r in records):
        names.insert(0, "article")
    values = attrgetter(*names)
    return {"fields": names, "rows": [list(values(r)) for r in records]}


def _records_from(cls: type, block: dict[str, Any], article_id: str, text: str) -> tuple[Any, ...]:
    """The records :func:`_rows_of` stored; fields this version does not know are dropped."""
    names, rows = block["fields"], block["rows"]
    if not rows:
        return ()
    span = _span_at(cls)
    if span is not None and tuple(names) == _layout(cls):  # the layout this version writes
        start, end = span
        return tuple(cls(article_id, text[row[start] : row[end]], *row) for row in rows)
    records = []
    for row in rows:
        data = dict(zip(names, row, strict=True))
        data.setdefault("article", article_id)
        if "text" not in data:
            data["text"] = text[data["start"] : data["end"]]
        records.append(_record_from(cls, data))
    return tuple(records)


def analysis_to_json(analysis: ArticleAnalysis) -> str:
    """Serialise an analysis to compact JSON (UTF-8 text kept as is); see :func:`analysis_from_json`.

    Quotes and entities are rows of values under one list of field names, their texts read back from the
    article's; the raw text is left out when cleaning removed nothing from it.
    """
    source = analysis.article
    article = _record_dict(source)
    article["removed"] = [_record_dict(r) for r in source.removed]
    article["warnings"] = list(source.warnings)
    if source.raw_text == source.text:
        del article["raw_text"]
    payload = {
        "v": _PAYLOAD_VERSION,
        "analysis": analysis_version(),
        "article": article,
        "n_words": analysis.n_words,
        "term_counts": dict(analysis.term_counts),
        "quotes": _rows_of(analysis.quotes, source),
        "entities": _rows_of(analysis.entities, source),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


_HEAD = 64  # characters of a payload that hold its layout's and its analysis's versions
_HEAD_VERSION = re.compile(r'\{"v":\d+,"analysis":"([0-9A-Za-z_.-]*)"')


def _head_version(head: str) -> str | None:
    """The analysis version at the head of a payload :func:`analysis_to_json` wrote (None: read it whole).

    >>> _head_version('{"v":2,"analysis":"3f2a9c0d1e4b5a6c","article":{"id":"a1"')
    '3f2a9c0d1e4b5a6c'
    """
    found = _HEAD_VERSION.match(head)
    return found.group(1) if found else None


def analysis_from_json(text: str) -> ArticleAnalysis:
    """Rebuild the :class:`ArticleAnalysis` that :func:`analysis_to_json` wrote (tuples restored); payloads of the
    first layout (every record a dict of all its fields) are read too."""
    payload = json.loads(text)
    article_data = dict(payload["article"])
    article_data["removed"] = tuple(_record_from(Removal, r) for r in article_data.get("removed", ()))
    article_data["warnings"] = tuple(article_data.get("warnings", ()))
    article_data.setdefault("raw_text", article_data["text"])
    article = _record_from(Article, article_data)
    if payload.get("v", 1) == 1:
        quotes = tuple(_record_from(Quote, q) for q in payload.get("quotes", ()))
        entities = tuple(_record_from(Entity, e) for e in payload.get("entities", ()))
    else:
        quotes = _records_from(Quote, payload["quotes"], article.id, article.text)
        entities = _records_from(Entity, payload["entities"], article.id, article.text)
    return ArticleAnalysis(
        article=article,
        n_words=int(payload["n_words"]),
        term_counts=Counter(payload["term_counts"]),
        quotes=quotes,
        entities=entities,
    )


# --------------------------------------------------------------------------- schema

_metadata = MetaData()

corpora_table = Table(
    "corpora",
    _metadata,
    Column("id", String(22), primary_key=True),
    Column("name", String(_MAX_NAME), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("revision", Integer, nullable=False, default=0),
)

articles_table = Table(
    "articles",
    _metadata,
    Column("corpus_id", String(22), ForeignKey("corpora.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    PrimaryKeyConstraint("corpus_id", "article_id"),
)

failures_table = Table(
    "failures",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("corpus_id", String(22), ForeignKey("corpora.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("error", Text, nullable=False),
    Column("message", Text, nullable=False),
)


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    """One stored corpus, as listed."""

    id: str
    name: str
    n_articles: int
    created_at: datetime
    updated_at: datetime
    n_failures: int = 0


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _clean_name(name: str) -> str:
    return " ".join(str(name).split())[:_MAX_NAME] or "untitled"


# --------------------------------------------------------------------------- store


class Store:
    """Corpora, their per-article analyses and load failures in one database.

    Thread-safe; several ``Store`` objects (or processes) may share one SQLite file.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        if self._sqlite:
            _configure_sqlite(engine)
        with self._write() as conn:
            _metadata.create_all(conn)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        """Release every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._engine.url.render_as_string(hide_password=True)!r})"

    # ----------------------------------------------------------------- transactions

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction; on SQLite it takes the write lock at BEGIN (no upgrade deadlocks)."""
        with self._engine.connect() as conn:
            conn = conn.execution_options(news_lens_immediate=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._engine.connect() as conn, conn.begin():
            yield conn

    def _lock_corpus(self, conn: Connection, corpus_id: str) -> None:
        """Check the corpus exists and lock its row (PostgreSQL) for the rest of the transaction."""
        query = select(corpora_table.c.id).where(corpora_table.c.id == corpus_id).with_for_update()
        if conn.execute(query).first() is None:
            raise UnknownCorpusError(f"no corpus with id {corpus_id!r}")

    def _touch(self, conn: Connection, corpus_id: str) -> None:
        conn.execute(
            update(corpora_table)
            .where(corpora_table.c.id == corpus_id)
            .values(revision=corpora_table.c.revision + 1, updated_at=_now())
        )

    def _require(self, conn: Connection, corpus_id: str) -> None:
        if conn.execute(select(corpora_table.c.id).where(corpora_table.c.id == corpus_id)).first() is None:
            raise UnknownCorpusError(f"no corpus with id {corpus_id!r}")

    # ----------------------------------------------------------------- corpora

    def create_corpus(self, name: str) -> str:
        """Create an empty corpus and return its new random id."""
        corpus_id = secrets.token_urlsafe(16)
        with self._write() as conn:
            _insert_corpus(conn, corpus_id, name)
        return corpus_id

    def corpus_exists(self, corpus_id: str) -> bool:
        validate_corpus_id(corpus_id)
        with self._read() as conn:
            return conn.execute(select(corpora_table.c.id).where(corpora_table.c.id == corpus_id)).first() is not None

    def list_corpora(self) -> list[CorpusInfo]:
        """Every corpus, newest first."""
        return self._corpus_infos(None)

    def get_corpus(self, corpus_id: str) -> CorpusInfo:
        """One corpus's name, counts and timestamps."""
        validate_corpus_id(corpus_id)
        infos = self._corpus_infos(corpus_id)
        if not infos:
            raise UnknownCorpusError(f"no corpus with id {corpus_id!r}")
        return infos[0]

    def _corpus_infos(self, corpus_id: str | None) -> list[CorpusInfo]:
        n_articles = (
            select(func.count())
            .select_from(articles_table)
            .where(articles_table.c.corpus_id == corpora_table.c.id)
            .scalar_subquery()
        )
        n_failures = (
            select(func.count())
            .select_from(failures_table)
            .where(failures_table.c.corpus_id == corpora_table.c.id)
            .scalar_subquery()
        )
        query = select(
            corpora_table.c.id,
            corpora_table.c.name,
            n_articles,
            corpora_table.c.created_at,
            corpora_table.c.updated_at,
            n_failures,
        ).order_by(corpora_table.c.created_at.desc(), corpora_table.c.id)
        if corpus_id is not None:
            query = query.where(corpora_table.c.id == corpus_id)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [CorpusInfo(r[0], r[1], int(r[2]), _aware(r[3]), _aware(r[4]), int(r[5])) for r in rows]

    def rename_corpus(self, corpus_id: str, name: str) -> None:
        validate_corpus_id(corpus_id)
        with self._write() as conn:
            result = conn.execute(
                update(corpora_table).where(corpora_table.c.id == corpus_id).values(name=_clean_name(name))
            )
            if result.rowcount == 0:
                raise UnknownCorpusError(f"no corpus with id {corpus_id!r}")

    def delete_corpus(self, corpus_id: str) -> None:
        """Delete a corpus with its articles and failures."""
        validate_corpus_id(corpus_id)
        with self._write() as conn:
            self._lock_corpus(conn, corpus_id)
            conn.execute(delete(articles_table).where(articles_table.c.corpus_id == corpus_id))
            conn.execute(delete(failures_table).where(failures_table.c.corpus_id == corpus_id))
            conn.execute(delete(corpora_table).where(corpora_table.c.id == corpus_id))

    def fingerprint(self, corpus_id: str) -> str:
        """A string that changes whenever the corpus's contents change: a good cache key, also on disk (the time of
        the last write tells two stores apart that reached the same revision by other writes, e.g. a restored
        backup written to since)."""
        validate_corpus_id(corpus_id)
        with self._read() as conn:
            row = conn.execute(
                select(corpora_table.c.revision, corpora_table.c.updated_at).where(corpora_table.c.id == corpus_id)
            ).first()
        if row is None:
            raise UnknownCorpusError(f"no corpus with id {corpus_id!r}")
        return f"{corpus_id}:{row[0]}:{_aware(row[1]).isoformat()}"

    # ----------------------------------------------------------------- articles

    def add_analyses(self, corpus_id: str, analyses: Iterable[ArticleAnalysis]) -> int:
        """Store analyses in one transaction (all or nothing); an article id already stored is replaced.

        Analyses are serialised before the transaction starts, so a slow or failing producer never
        holds the database's write lock. Returns how many analyses were written.
        """
        validate_corpus_id(corpus_id)
        with _spool_rows(analyses) as (spool, count):
            if count == 0:
                with self._read() as conn:
                    self._require(conn, corpus_id)
                return 0
            with self._write() as conn:
                self._lock_corpus(conn, corpus_id)
                _upsert_rows(conn, corpus_id, _read_spool(spool))
                self._touch(conn, corpus_id)
        return count

    def add_failures(self, corpus_id: str, failures: Iterable[LoadFailure]) -> int:
        """Record load failures (an identical failure already stored is not repeated); returns how many were new."""
        validate_corpus_id(corpus_id)
        failures = list(failures)
        with self._write() as conn:
            self._lock_corpus(conn, corpus_id)
            added = _insert_failures(conn, corpus_id, failures)
            if added:
                self._touch(conn, corpus_id)
        return added

    def article_ids(self, corpus_id: str) -> set[str]:
        """Ids of the stored articles (so callers analyse only new ones)."""
        validate_corpus_id(corpus_id)
        with self._read() as conn:
            self._require(conn, corpus_id)
            rows = conn.execute(select(articles_table.c.article_id).where(articles_table.c.corpus_id == corpus_id))
            return {row[0] for row in rows}

    def load_analyses(self, corpus_id: str) -> list[ArticleAnalysis]:
        """Every stored analysis, in the order the articles were first added."""
        validate_corpus_id(corpus_id)
        query = (
            select(articles_table.c.payload)
            .where(articles_table.c.corpus_id == corpus_id)
            .order_by(articles_table.c.position, articles_table.c.article_id)
        )
        with self._read() as conn:
            self._require(conn, corpus_id)
            return [analysis_from_json(row[0]) for row in conn.execute(query)]

    def stale_article_ids(self, corpus_id: str, version: str) -> list[str]:
        """Articles analysed by another version of the analysis code than ``version``, in corpus order."""
        validate_corpus_id(corpus_id)
        with self._read() as conn:
            self._require(conn, corpus_id)
            # the version is near the start of each payload (analysis_to_json writes it second): reading those
            # heads instead of decoding 10,000 whole payloads takes a stored corpus's first view 0.8 s less
            rows = conn.execute(
                select(articles_table.c.article_id, func.substr(articles_table.c.payload, 1, _HEAD))
                .where(articles_table.c.corpus_id == corpus_id)
                .order_by(articles_table.c.position)
            ).all()
            versions = {article_id: _head_version(head) for article_id, head in rows}
            unread = [article_id for article_id, found in versions.items() if found is None]
            for start in range(0, len(unread), _CHUNK):  # another layout (none is written now): decode it whole
                query = select(articles_table.c.article_id, articles_table.c.payload).where(
                    articles_table.c.corpus_id == corpus_id, articles_table.c.article_id.in_(unread[start : start + _CHUNK])
                )
                versions.update((article_id, json.loads(payload).get("analysis")) for article_id, payload in conn.execute(query))
            return [article_id for article_id, _ in rows if versions[article_id] != version]

    def load_failures(self, corpus_id: str) -> list[LoadFailure]:
        """Every recorded load failure, in the order recorded."""
        validate_corpus_id(corpus_id)
        query = (
            select(failures_table.c.source, failures_table.c.error, failures_table.c.message)
            .where(failures_table.c.corpus_id == corpus_id)
            .order_by(failures_table.c.id)
        )
        with self._read() as conn:
            self._require(conn, corpus_id)
            return [LoadFailure(*row) for row in conn.execute(query)]

    def delete_article(self, corpus_id: str, article_id: str) -> bool:
        """Remove one article; ``False`` if it was not stored."""
        validate_corpus_id(corpus_id)
        with self._write() as conn:
            self._lock_corpus(conn, corpus_id)
            result = conn.execute(
                delete(articles_table).where(
                    articles_table.c.corpus_id == corpus_id, articles_table.c.article_id == article_id
                )
            )
            if result.rowcount == 0:
                return False
            self._touch(conn, corpus_id)
            return True


# --------------------------------------------------------------------------- write helpers


def _insert_corpus(conn: Connection, corpus_id: str, name: str) -> None:
    now = _now()
    conn.execute(
        insert(corpora_table).values(id=corpus_id, name=_clean_name(name), created_at=now, updated_at=now, revision=0)
    )


@contextmanager
def _spool_rows(analyses: Iterable[ArticleAnalysis]) -> Iterator[tuple[IO[str], int]]:
    """Serialise analyses to a temporary spool (memory up to 32 MB, then disk): one JSON line each."""
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8") as spool:
        count = 0
        for analysis in analyses:
            spool.write(json.dumps([analysis.article.id, analysis_to_json(analysis)], ensure_ascii=False))
            spool.write("\n")
            count += 1
        spool.seek(0)
        yield spool, count


def _read_spool(spool: IO[str]) -> Iterator[tuple[str, str]]:
    for line in spool:
        article_id, payload = json.loads(line)
        yield article_id, payload


def _upsert_rows(conn: Connection, corpus_id: str, rows: Iterable[tuple[str, str]]) -> None:
    """Insert new article ids at the end, replace existing ones in place; later duplicates win."""
    where = articles_table.c.corpus_id == corpus_id
    known = set(conn.execute(select(articles_table.c.article_id).where(where)).scalars())
    position = conn.execute(select(func.coalesce(func.max(articles_table.c.position), -1)).where(where)).scalar_one()
    iterator = iter(rows)
    while True:
        chunk: dict[str, str] = {}
        for article_id, payload in iterator:
            chunk[article_id] = payload
            if len(chunk) >= _CHUNK:
                break
        if not chunk:
            return
        updates = [{"b_id": a, "b_payload": p} for a, p in chunk.items() if a in known]
        inserts = []
        for article_id, payload in chunk.items():
            if article_id not in known:
                position += 1
                inserts.append(
                    {"corpus_id": corpus_id, "article_id": article_id, "position": position, "payload": payload}
                )
        if updates:
            conn.execute(
                update(articles_table)
                .where(where, articles_table.c.article_id == bindparam("b_id"))
                .values(payload=bindparam("b_payload")),
                updates,
            )
        if inserts:
            conn.execute(insert(articles_table), inserts)
        known.update(chunk)


def _insert_failures(conn: Connection, corpus_id: str, failures: Iterable[LoadFailure]) -> int:
    query = select(failures_table.c.source, failures_table.c.error, failures_table.c.message).where(
        failures_table.c.corpus_id == corpus_id
    )
    seen = {tuple(row) for row in conn.execute(query)}
    rows = []
    for failure in failures:
        key = (failure.source, failure.error, failure.message)
        if key not in seen:
            seen.add(key)
            rows.append({"corpus_id": corpus_id, "source": key[0], "error": key[1], "message": key[2]})
    if rows:
        conn.execute(insert(failures_table), rows)
    return len(rows)


# --------------------------------------------------------------------------- engines


def _configure_sqlite(engine: Engine) -> None:
    """WAL, a 10 s busy timeout, foreign keys; SQLAlchemy (not pysqlite) issues BEGIN."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # autocommit at the driver: we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA busy_timeout = 10000")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("news_lens_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _default_data_dir() -> Path:
    configured = os.environ.get("NEWS_LENS_DATA_DIR")
    return Path(configured) if configured else Path.home() / ".local" / "share" / "news-lens"


def _normalise_url(url: str) -> str:
    """``postgres://`` / ``postgresql://`` → the psycopg 3 driver the requirements name."""
    parsed = make_url(url)
    if parsed.drivername in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def open_store(url: str | None = None, *, data_dir: str | Path | None = None) -> Store:
    """Open (creating tables if needed) the store at ``url``, else ``$DATABASE_URL``,
    else the SQLite file ``<data_dir>/corpora.sqlite`` (``data_dir`` defaults to
    ``$NEWS_LENS_DATA_DIR`` or ``~/.local/share/news-lens``; it is created)."""
    url = url or os.environ.get("DATABASE_URL") or None
    if url is None:
        directory = Path(data_dir).expanduser() if data_dir is not None else _default_data_dir()
        directory.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{directory / 'corpora.sqlite'}"
    return Store(create_engine(_normalise_url(url), pool_pre_ping=not url.startswith("sqlite")))


# --------------------------------------------------------------------------- corpora from documents


def _analyse_one_process(documents: Iterable[RawDocument]) -> Iterable[ArticleAnalysis]:
    return analyse_documents(documents, workers=1)


def add_documents(
    store: Store,
    corpus_id: str,
    documents: Iterable[RawDocument],
    *,
    analyse: Analyser | None = None,
) -> int:
    """Analyse only the documents whose id is not stored yet and add them in one transaction.

    Returns how many were added. ``analyse`` defaults to the full pipeline in this process.
    """
    known = store.article_ids(corpus_id)
    fresh: list[RawDocument] = []
    for document in documents:
        if document.id not in known:
            known.add(document.id)
            fresh.append(document)
    if not fresh:
        return 0
    return store.add_analyses(corpus_id, (analyse or _analyse_one_process)(fresh))


def refresh_stale(store: Store, corpus_id: str, *, analyse: Analyser | None = None) -> int:
    """Re-analyse, from their stored raw text, the articles an older analysis version produced.

    One transaction; ids and positions are kept. Returns how many were refreshed (0 when all are current).
    """
    stale = set(store.stale_article_ids(corpus_id, analysis_version()))
    if not stale:
        return 0
    documents = [
        RawDocument(
            id=a.article.id, source=a.article.source, text=a.article.raw_text, title=a.article.title,
            date=a.article.date, url=a.article.url, byline=a.article.byline, warnings=a.article.warnings,
        )
        for a in store.load_analyses(corpus_id)
        if a.article.id in stale
    ]
    return store.add_analyses(corpus_id, (analyse or _analyse_one_process)(documents))


def sample_corpus_id(paths: Iterable[str | Path]) -> str:
    """Deterministic corpus id of a set of files: sha256 of their names and bytes → 22 URL-safe chars."""
    digest = hashlib.sha256()
    for path in sorted(map(Path, paths), key=lambda p: (p.name, str(p))):
        data = path.read_bytes()
        digest.update(path.name.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return base64.urlsafe_b64encode(digest.digest()[:16]).decode("ascii").rstrip("=")


def ensure_sample_corpus(
    store: Store,
    paths: Iterable[str | Path],
    *,
    name: str = "sample_data",
    analyse: Analyser | None = None,
) -> str:
    """Store the bundled (public) sample corpus once, under an id derived from its files' bytes.

    The id survives restarts, so share links to the sample stay valid; the files are loaded
    and analysed only when that id is not stored yet. Corpus, analyses and failures are
    written in one transaction.
    """
    paths = [Path(p) for p in paths]
    corpus_id = sample_corpus_id(paths)
    if store.corpus_exists(corpus_id):
        refresh_stale(store, corpus_id, analyse=analyse)
        return corpus_id
    result = load_paths(paths)
    with _spool_rows((analyse or _analyse_one_process)(result.documents)) as (spool, _count):
        try:
            with store._write() as conn:
                if conn.execute(select(corpora_table.c.id).where(corpora_table.c.id == corpus_id)).first():
                    return corpus_id  # another process stored it meanwhile
                _insert_corpus(conn, corpus_id, name)
                _upsert_rows(conn, corpus_id, _read_spool(spool))
                _insert_failures(conn, corpus_id, result.failures)
        except IntegrityError:
            if not store.corpus_exists(corpus_id):
                raise
    return corpus_id
