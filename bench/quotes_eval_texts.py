"""Pick real articles for a quote annotation set and write their cleaned texts (the annotators' input).

    python -m bench.quotes_eval_texts ../shared/data/jawharafm/articles.jsonl.xz --start 130 --out dev_texts.jsonl \
        [--step 400] [--count 24] [--exclude other_texts.jsonl …] [--min-signals 2] [--max-chars 4000]

From row ``start``, every ``step`` rows, it takes the first article at or after that row which has at least two
speech signals (quote marks or common speech verbs), a cleaned text of 400–4,000 characters and is not in an
excluded set. By 2026 the development and test files held nearly every JawharaFM article that filter admits;
``--max-chars`` and ``--min-signals`` widen it (longer articles, fewer signals) for new sets. Lines: ``{"id": "jfm<row>", "row", "docno", "text"}`` where ``text`` is ``clean_text`` of the
article — the text the extractor sees, so gold offsets can be scored with ``bench.eval_quotes``. The sets made
this way live beside the corpus (../shared/quotes_eval/), never in the project: they hold article text. Given
ANERcorp's ``train.txt`` instead, the rows are its windows of consecutive sentences (:mod:`bench.anercorp_docs`) and
the ids ``anc<row>``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from pathlib import Path

from analysis.cleaning import clean_text
from bench.news_gold import read_corpus, read_jsonl

_SPEECH = re.compile(r'["«“”]|\b(?:و|ف)?(?:قال|قالت|أكد|أكدت|أوضح|أوضحت|أضاف|أضافت|صرح|صرحت|أشار|أشارت)\b')


def select_rows(
    texts: Sequence[str], *, start: int, step: int, count: int, exclude: set[int], min_signals: int = 2, max_chars: int = 4000
) -> list[int]:
    """Row numbers of the selected articles (see the module docstring); ``exclude`` gains them."""
    rows: list[int] = []
    target = start
    while len(rows) < count and target < len(texts):
        row = target
        while row < len(texts):
            text = texts[row]
            if row not in exclude and len(_SPEECH.findall(text)) >= min_signals and 400 < len(text) < max_chars:
                break
            row += 1
        if row >= len(texts):
            break
        rows.append(row)
        exclude.add(row)
        target += step
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSON lines (optionally .xz) with a text field, or ANERcorp's train.txt")
    parser.add_argument("--start", type=int, required=True)
    parser.add_argument("--step", type=int, default=400)
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[], help="earlier texts files whose rows to skip")
    parser.add_argument("--min-signals", type=int, default=2, help="speech signals an article needs")
    parser.add_argument("--max-chars", type=int, default=4000, help="longest cleaned text taken (characters, exclusive)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    records = read_corpus(args.corpus)  # the same reader bench.news_gold rebuilds rows with
    prefix = "anc" if args.corpus.suffix == ".txt" else "jfm"
    texts = [clean_text(r.get("text") or "").text for r in records]
    exclude = {r["row"] for path in args.exclude for r in read_jsonl(path)}
    rows = select_rows(
        texts, start=args.start, step=args.step, count=args.count, exclude=exclude, min_signals=args.min_signals, max_chars=args.max_chars
    )
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"id": f"{prefix}{row}", "row": row, "docno": records[row].get("docno", ""), "text": texts[row]}, ensure_ascii=False) + "\n")
    print(json.dumps({"articles": len(rows), "rows": rows, "out": str(args.out)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
