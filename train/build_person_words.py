"""Build ``analysis/data/quotes/person_words.tsv``: words ANERcorp tags as person names, with how often.

Columns: normalised word, times tagged B-PERS (a name's first word), times tagged I-PERS, total count. The
quote extractor uses it beside its given-name list: a word that mostly starts person names starts a speaker's
name («درة», «منية»), and a word that is mostly inside names (a surname) may extend one. Derived from ANERcorp
(CC BY-SA 4.0; Benajiba et al. 2007; CAMeL Lab release, Obeid et al. 2020).

Usage: python -m train.build_person_words ../shared/data/anercorp/train.txt [--min-count 2]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from train.build_known_words import iter_arabic_words

OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "quotes" / "person_words.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    begin: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for word, label in iter_arabic_words(args.data):
        total[word] += 1
        if label == "B-PERS":
            begin[word] += 1
        elif label == "I-PERS":
            inside[word] += 1
    rows = sorted(w for w in set(begin) | set(inside) if begin[w] + inside[w] >= args.min_count)
    header = "# word\tB-PERS\tI-PERS\ttotal — derived from ANERcorp (CC BY-SA 4.0; Benajiba et al. 2007, Obeid et al. 2020)\n"
    args.out.write_text(header + "".join(f"{w}\t{begin[w]}\t{inside[w]}\t{total[w]}\n" for w in rows), encoding="utf-8")
    print(f"{len(rows)} person words -> {args.out}")


if __name__ == "__main__":
    main()
