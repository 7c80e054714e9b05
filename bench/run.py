"""Pipeline throughput per stage, peak RSS, and the ratio to camel's tokenizer, on one corpus.

Usage:
    python -m bench.run ../shared/data/jawharafm/articles.jsonl.xz [--limit N] [--multiply K] [--workers 2]

The corpus is a JSON-lines file (optionally .xz) with a ``text`` (or ``content``) field;
``--multiply K`` repeats it K times (ids made unique) to reach e.g. 30k articles. Each stage
is timed on its own in this process (single core), then the full pipeline runs through
:func:`analysis.batch.analyse_documents` on ``--workers`` processes. Words are word tokens
(letters/digits) of the cleaned text. All figures come from this one run.
"""

from __future__ import annotations

import argparse
import json
import lzma
import resource
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from analysis.batch import analyse_documents
from analysis.camel import camel_simple_word_tokenize, simple_word_tokenize
from analysis.cleaning import clean_document
from analysis.loading import load_bytes
from analysis.records import RawDocument
from analysis.tokens import tokens_frame


def corpus_chunks(path: Path, *, limit: int | None, multiply: int, lines_per_chunk: int = 2000) -> Iterator[bytes]:
    """The corpus as JSON-lines byte chunks (what an upload of several batch files looks like)."""
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        lines = [line for i, line in enumerate(handle) if limit is None or i < limit]
    for copy in range(multiply):
        for start in range(0, len(lines), lines_per_chunk):
            chunk = lines[start : start + lines_per_chunk]
            if copy:
                chunk = [json.dumps({**json.loads(x), "copy": copy}, ensure_ascii=False) + "\n" for x in chunk]
            yield "".join(chunk).encode("utf-8")


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def peak_rss_mb() -> tuple[float, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def optional_stage(name: str) -> Callable | None:
    try:
        if name == "quotes":
            from analysis.quotes import extract_quotes

            return extract_quotes
        from analysis.entities import extract_entities

        return extract_entities
    except ImportError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--multiply", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stage-limit", type=int, default=3000, help="articles used for the per-stage timings")
    args = parser.parse_args()

    chunks = list(corpus_chunks(args.corpus, limit=args.limit, multiply=args.multiply))
    t_load, docs = timed(lambda: [d for c in chunks for d in load_bytes("corpus.jsonl", c, limits=_limits()).documents])
    docs = list(docs)  # type: ignore[arg-type]
    sample: list[RawDocument] = docs[: args.stage_limit]
    t_clean, articles = timed(lambda: [clean_document(d) for d in sample])
    n_words_sample = sum(len([t for t in simple_word_tokenize(a.text) if any(c.isalnum() for c in t)]) for a in articles)
    t_camel, _ = timed(lambda: [camel_simple_word_tokenize(a.text) for a in articles])
    t_ours, _ = timed(lambda: [simple_word_tokenize(a.text) for a in articles])
    t_tokens, tokens = timed(lambda: tokens_frame(articles))
    from analysis.frequencies import term_frequencies
    from analysis.tokens import stopwords

    t_freq, _ = timed(lambda: term_frequencies(tokens, stopwords=stopwords(), top=100))
    stage_rows = [
        ("clean", t_clean),
        ("tokenise (our regex)", t_ours),
        ("tokenise (camel reference)", t_camel),
        ("token table + forms", t_tokens),
        ("frequencies", t_freq),
    ]
    for name in ("quotes", "entities"):
        fn = optional_stage(name)
        if fn is not None:
            seconds, _ = timed(lambda fn=fn: [fn(a) for a in articles])
            stage_rows.append((name, seconds))

    total_words = 0
    has_quotes = optional_stage("quotes") is not None
    has_entities = optional_stage("entities") is not None
    t_full_no_ner, _ = timed(lambda: sum(r.n_words for r in analyse_documents(docs, quotes=has_quotes, entities=False, workers=args.workers)))
    t_full, total_words = timed(
        lambda: sum(r.n_words for r in analyse_documents(docs, quotes=has_quotes, entities=has_entities, workers=args.workers))
    )
    rss_self, rss_children = peak_rss_mb()

    print(f"corpus: {len(docs):,} articles, load {len(docs) / t_load:,.0f} articles/s")
    print(f"per-stage timings on {len(articles):,} articles ({n_words_sample:,} words), 1 core:")
    for name, seconds in stage_rows:
        print(f"  {name:28s} {n_words_sample / seconds:>12,.0f} words/s")
    print(f"  tokenizer ratio (ours / camel)  ×{t_camel / t_ours:.2f}")
    print(f"full pipeline, {args.workers} workers, {total_words:,} words:")
    print(f"  without NER (quotes={'on' if has_quotes else 'n/a'})   {total_words / t_full_no_ner:>12,.0f} words/s")
    print(f"  with NER ({'shipped' if has_entities else 'n/a'})           {total_words / t_full:>12,.0f} words/s")
    print(f"peak RSS: main {rss_self:,.0f} MB, largest worker {rss_children:,.0f} MB")


def _limits():
    from analysis.loading import Limits

    return Limits(max_file_bytes=200_000_000)


if __name__ == "__main__":
    main()
