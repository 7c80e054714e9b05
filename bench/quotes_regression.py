"""Regression harness for the quote extractor: every Quote of a fixed set of texts, as JSON lines.

Usage:
    python -m bench.quotes_regression --out /tmp/quotes_before.jsonl [--corpus PATH] [--limit 3000] [--repeat 1]

Texts, in order: (a) the gold file ``tests/gold/quotes_gold.jsonl``, (b) the sample corpus
(``sample_data/``, cleaned by the pipeline), (c) the first ``--limit`` articles of the corpus
(JSON lines with ``text``; cleaned with :func:`analysis.cleaning.clean_text`). Each quote is written as
``dataclasses.asdict`` plus the part and text index, so two runs can be compared with ``cmp``.
Prints the extraction speed on part (c) in words/s (words: tokens holding a letter or digit) on one core:
the first pass over (c) ("cold": lexicon caches filling, as in a fresh worker) and the best of ``--repeat``
further passes ("warm").
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import lzma
import time
from collections.abc import Iterator
from pathlib import Path

from analysis.camel import token_spans
from analysis.cleaning import clean_text
from analysis.pipeline import load_articles
from analysis.quotes import extract_quotes_from_text
from analysis.records import Quote

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "jawharafm" / "articles.jsonl.xz"


def gold_texts() -> list[tuple[str, str]]:
    """(id, text) of the gold file."""
    with open(ROOT / "tests" / "gold" / "quotes_gold.jsonl", encoding="utf-8") as handle:
        return [(row["id"], row["text"]) for row in map(json.loads, handle) if row.get("text")]


def sample_texts() -> list[tuple[str, str]]:
    """(id, cleaned text) of the sample corpus."""
    paths = sorted(p for p in (ROOT / "sample_data").iterdir() if p.is_file() and p.name != "README.md")
    articles, _ = load_articles(paths)
    return [(a.id, a.text) for a in articles]


def corpus_texts(path: Path, limit: int) -> list[tuple[str, str]]:
    """(line number, cleaned text) of the first ``limit`` corpus articles."""
    opener = lzma.open if path.suffix == ".xz" else open
    out: list[tuple[str, str]] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= limit:
                break
            row = json.loads(line)
            out.append((str(n), clean_text(row.get("text") or "").text))
    return out


def count_words(texts: list[tuple[str, str]]) -> int:
    """Tokens holding a letter or digit."""
    return sum(1 for _, text in texts for s, e in token_spans(text) if any(ch.isalnum() for ch in text[s:e]))


def extract_all(texts: list[tuple[str, str]]) -> tuple[float, list[list[Quote]]]:
    """Seconds taken and the quotes of every text."""
    start = time.perf_counter()
    quotes = [extract_quotes_from_text(text, article_id=doc_id) for doc_id, text in texts]
    return time.perf_counter() - start, quotes


def quote_lines(part: str, quotes: list[list[Quote]]) -> Iterator[str]:
    for index, found in enumerate(quotes):
        for quote in found:
            yield json.dumps({"part": part, "doc": index, **dataclasses.asdict(quote)}, ensure_ascii=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=1, help="timed passes over part (c); the best is reported")
    args = parser.parse_args(argv)

    corpus = corpus_texts(args.corpus, args.limit)  # read before any extraction, so (c)'s first pass is cold
    parts = {"gold": gold_texts(), "sample": sample_texts(), "corpus": corpus}
    cold, corpus_quotes = extract_all(corpus)
    n_quotes = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for part, texts in parts.items():
            quotes = corpus_quotes if part == "corpus" else extract_all(texts)[1]
            for line in quote_lines(part, quotes):
                out.write(line + "\n")
                n_quotes += 1

    words = count_words(corpus)
    warm = min(extract_all(corpus)[0] for _ in range(max(args.repeat, 1)))
    print(f"texts: gold {len(parts['gold'])}, sample {len(parts['sample'])}, corpus {len(corpus)}; quotes written: {n_quotes}")
    print(f"corpus: {words} words; cold pass {cold:.2f}s -> {words / cold:,.0f} words/s; warm (best of {max(args.repeat, 1)}) {warm:.2f}s -> {words / warm:,.0f} words/s")


if __name__ == "__main__":
    main()
