"""Build ``analysis/data/known_words.tsv``: normalised word types and counts from ANERcorp.

The clitic splitter strips a single-letter proclitic (و ف ب ل ك) only when what remains is
a known word at least as frequent as the whole form, so «لروسيا» → روسيا but «وزير» and
«بيلاروس» stay whole. Word counts derived from ANERcorp (CC BY-SA 4.0, Benajiba et al.
2007; CAMeL Lab release, Obeid et al. 2020).

Usage: python -m train.build_known_words ../shared/data/anercorp/train.txt [--min-count 2]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from analysis.camel import normalize

ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "known_words.tsv"


def iter_arabic_words(data: Path) -> Iterator[tuple[str, str]]:
    """``(normalised word, BIO label)`` for every Arabic word of an ANERcorp file (``word label`` lines)."""
    for line in data.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            word = normalize(parts[0])
            if ARABIC_WORD.fullmatch(word):
                yield word, parts[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    counts: Counter[str] = Counter(word for word, _label in iter_arabic_words(args.data))
    rows = sorted((w, c) for w, c in counts.items() if c >= args.min_count)
    header = "# normalised word\tcount — derived from ANERcorp (CC BY-SA 4.0; Benajiba et al. 2007, Obeid et al. 2020)\n"
    args.out.write_text(header + "".join(f"{w}\t{c}\n" for w, c in rows), encoding="utf-8")
    print(f"{len(rows)} words (of {len(counts)} types) -> {args.out}")


if __name__ == "__main__":
    main()
