"""Speed of the shipped NER tagger (features + crfsuite) on a JSON-lines corpus, and its load time.

Usage: python -m bench.bench_ner ../shared/data/jawharafm/articles.jsonl.xz [--limit N] [--repeat 2]

Model load time is measured in a fresh interpreter (import of the package, crfsuite model and
gazetteers/clusters, first tagged sentence). Tagging speed is tokens/s over every article
(title + body), split into sentences as :func:`analysis.entities.extract_entities` does; the
first pass (cold per-word feature cache) and the best warm pass are both reported.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_tokenizer import read_texts

_LOAD_SNIPPET = """
import time
t0 = time.perf_counter()
from analysis.entities import _shipped_tagger, _tag_shipped
_shipped_tagger()
_tag_shipped([["وقال", "الرئيس", "في", "تونس"]])
print(time.perf_counter() - t0)
"""


def measure_load() -> float:
    """Seconds to import the package, open the model and tag one sentence, in a fresh process."""
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], cwd=root, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    from analysis.entities import MODEL_PATH, _shipped_tagger, _tag_shipped, sentence_spans

    load_seconds = measure_load()
    texts = read_texts(args.corpus, args.limit)
    batches = [[[text[s:e] for s, e in spans] for _, spans in sentence_spans(text)] for text in texts]
    n_tokens = sum(len(s) for batch in batches for s in batch)

    _tag_shipped([["تونس"]])  # model open, gazetteers and clusters loaded: not part of tagging speed
    _shipped_tagger()[1].cache.clear()
    times = []
    for _ in range(1 + args.repeat):
        start = time.perf_counter()
        for batch in batches:
            _tag_shipped(batch)
        times.append(time.perf_counter() - start)
    cold, warm = times[0], min(times[1:]) if len(times) > 1 else times[0]
    start = time.perf_counter()
    from analysis.entities import extract_entities
    from analysis.records import Article

    n_entities = sum(len(extract_entities(Article(id=str(i), source="", text=t, raw_text=""))) for i, t in enumerate(texts))
    end_to_end = time.perf_counter() - start
    print(
        json.dumps(
            {
                "articles": len(texts),
                "tokens": n_tokens,
                "entities": n_entities,
                "model_bytes": MODEL_PATH.stat().st_size,
                "model_load_s": round(load_seconds, 3),
                "tokens_per_s_cold": round(n_tokens / cold),
                "tokens_per_s_warm": round(n_tokens / warm),
                "tokens_per_s_extract_entities": round(n_tokens / end_to_end),
            }
        )
    )


if __name__ == "__main__":
    main()
