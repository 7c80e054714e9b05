"""Build ``analysis/data/quotes/common_words.tsv``: everyday words of the news, which never continue a name.

A speaker phrase's name ends at the first word that cannot be part of a name («سمير بالطيب سعي الوزارة»,
«منجي الرحوي المبادرة التشريعية»). ANERcorp (150k words) is too small to tell everyday words from rare
surnames, so this script counts the words of a large news corpus and, with the shipped NER model, how often
each is inside a person's name. Words seen at least ``--min-count`` times and inside PERS mentions at most
``--max-pers`` of the time are kept. Only word → count rows are written, never text.

Source: the JawharaFM articles of the ANT corpus (Chouigui, Ben Khiroun & Elayeb; Apache-2.0); the person shares
come from the shipped model (ANERcorp, CC BY-SA 4.0), so the file is shipped under CC BY-SA 4.0.

Usage: python -m train.build_common_words ../shared/data/jawharafm/articles.jsonl.xz [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from analysis.quotes.lexicon import key_of, lexicon
from train.build_given_names import tagged_sentences

OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "quotes" / "common_words.tsv"
_ARABIC = re.compile(r"[\u0621-\u064A]+")


def count_words(corpus: Path, *, limit: int | None) -> tuple[Counter[str], Counter[str]]:
    """(occurrences, occurrences inside a PERS mention) per normalised word."""
    total: Counter[str] = Counter()
    in_person: Counter[str] = Counter()
    for words, tags in tagged_sentences(corpus, limit=limit):
        for word, tag in zip(words, tags, strict=True):
            key = key_of(word)
            total[key] += 1
            if tag.endswith("PERS"):
                in_person[key] += 1
    return total, in_person


def select(total: Counter[str], in_person: Counter[str], *, min_count: int, max_pers: float, names: set[str]) -> list[tuple[str, int]]:
    """The everyday words: frequent, Arabic, rarely inside a person's name, not a listed given name."""
    return sorted(
        ((key, n) for key, n in total.items()
         if n >= min_count and in_person[key] <= max_pers * n and len(key) >= 2 and _ARABIC.fullmatch(key) and key not in names),
        key=lambda row: (-row[1], row[0]),
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--min-count", type=int, default=8)
    parser.add_argument("--max-pers", type=float, default=0.1)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    total, in_person = count_words(args.corpus, limit=args.limit)
    names = set(lexicon().first_names)  # the hand-written and the mined given names
    rows = select(total, in_person, min_count=args.min_count, max_pers=args.max_pers, names=names)
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write(
            "# normalised everyday word\toccurrences — counted by train/build_common_words.py in JawharaFM (ANT corpus, "
            "Apache-2.0), words inside PERS mentions of the shipped NER model (ANERcorp, CC BY-SA 4.0) left out\n"
        )
        for key, n in rows:
            handle.write(f"{key}\t{n}\n")
    print(json.dumps({"words": len(rows), "seconds": round(time.perf_counter() - started, 1), "out": str(args.out)}))


if __name__ == "__main__":
    main()
