"""Tokens/second of the project's tokenizer vs camel-tools' simple_word_tokenize.

Usage: python -m bench.bench_tokenizer ../shared/data/jawharafm/articles.jsonl.xz [--limit N] [--repeat 3]

Both tokenizers run on the same texts in the same process; the best of ``--repeat`` runs is
reported, with the ratio, and the outputs are compared token for token.
"""

from __future__ import annotations

import argparse
import json
import lzma
import time
from collections.abc import Callable
from pathlib import Path

from analysis.camel import camel_simple_word_tokenize, simple_word_tokenize, token_spans


def read_texts(path: Path, limit: int | None) -> list[str]:
    """Article texts (title + body) of a JSON-lines corpus, optionally xz-compressed."""
    opener = lzma.open if path.suffix == ".xz" else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if limit is not None and i >= limit:
                break
            row = json.loads(line)
            texts.append(f"{row.get('title', '')}\n{row.get('text') or row.get('content') or ''}")
    return texts


def best_time(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = read_texts(args.corpus, args.limit)
    simple_word_tokenize("warm-up")
    reference = [camel_simple_word_tokenize(t) for t in texts]
    n_tokens = sum(map(len, reference))
    mismatches = sum(simple_word_tokenize(t) != ref for t, ref in zip(texts, reference, strict=True))
    t_camel = best_time(camel_simple_word_tokenize, texts, args.repeat)
    t_ours = best_time(simple_word_tokenize, texts, args.repeat)
    t_spans = best_time(token_spans, texts, args.repeat)
    print(json.dumps({"articles": len(texts), "tokens": n_tokens, "mismatched_articles": mismatches}))
    for name, seconds in (("camel simple_word_tokenize", t_camel), ("ours (strings)", t_ours), ("ours (spans)", t_spans)):
        print(f"{name:28s} {n_tokens / seconds:>12,.0f} tokens/s   ×{t_camel / seconds:.2f} vs camel")


if __name__ == "__main__":
    main()
