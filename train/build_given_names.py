"""Build ``analysis/data/quotes/given_names_mined.tsv``: given names mined from a news corpus with the NER tagger.

The hand-written list (``first_names.tsv``) and ANERcorp's person words miss many names common in
Tunisian and Maghrebi news («راضية», «عبيد», «منجي»), so a speaker phrase like «رئيسة المنظمة … راضية
النصراوي» was not split into role and name. This script tags a corpus with the shipped NER model and keeps
the words that start multi-word PERS mentions often (≥ ``--min-count``) and mostly (≥ ``--min-share`` of all
their occurrences), that are not role, cue or boundary words. Gender comes from the speech verbs that agree
with the name («قالت راضية …» vs «قال عبيد …»); with no votes, a final ة means feminine except for a few
men's names. Only word → gender/count rows are written, never text.

Source: the JawharaFM articles of the ANT corpus (Chouigui, Ben Khiroun & Elayeb; Apache-2.0); the tags come
from the shipped model (ANERcorp, CC BY-SA 4.0), so the file is shipped under CC BY-SA 4.0.

Usage: python -m train.build_given_names ../shared/data/jawharafm/articles.jsonl.xz [--limit N]
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from analysis.cleaning import clean_text
from analysis.entities import _tag_shipped, sentence_spans
from analysis.entities.bio import decode_bio
from analysis.lexicons import load_lines
from analysis.quotes.lexicon import key_of, lexicon

OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "quotes" / "given_names_mined.tsv"
_ARABIC = re.compile(r"[\u0621-\u064A]+")
_PARTICLES = frozenset(key_of(w) for w in ["ابن", "أبو", "أبي", "بن", "بنت", "ولد", "عبد", "آل"])
# Reviewed by hand on the JawharaFM output: frequent non-names the tagger starts PERS mentions with
# (a title that also starts place names, brands, media, a chant)
_NOT_NAMES = frozenset(
    key_of(w) for w in ["سيدي", "غالاكسي", "جالاكسي", "راديو", "ملحمة", "فيس", "ويس", "سبورتنغ", "هافينغتون", "نحبك", "صيام", "اديس", "رويال"]
)
_MEN_ENDING_IN_TA = frozenset(key_of(w) for w in ["حمزة", "أسامة", "عبيدة", "طلحة", "معاوية", "عروة", "قتادة", "خليفة", "عطية"])


def iter_sentences(corpus: Path, *, limit: int | None) -> Iterator[list[str]]:
    """Word lists of the cleaned articles' sentences."""
    with lzma.open(corpus, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                break
            text = clean_text(json.loads(line).get("text") or "").text
            for _, spans in sentence_spans(text):
                yield [text[a:b] for a, b in spans]


def tagged_sentences(corpus: Path, *, limit: int | None, batch: int = 2000) -> Iterator[tuple[list[str], list[str]]]:
    """(words, shipped-NER BIO tags) of every sentence of the cleaned articles, tagged ``batch`` sentences at a time."""
    pending: list[list[str]] = []
    for words in iter_sentences(corpus, limit=limit):
        pending.append(words)
        if len(pending) >= batch:
            yield from zip(pending, _tag_shipped(pending), strict=True)
            pending = []
    if pending:
        yield from zip(pending, _tag_shipped(pending), strict=True)


def mine(corpus: Path, *, limit: int | None) -> tuple[Counter[str], Counter[str], dict[str, Counter[str]]]:
    """(first-word-of-PERS counts, all-occurrence counts, gender votes) per normalised word."""
    lex = lexicon()
    first: Counter[str] = Counter()
    total: Counter[str] = Counter()
    votes: dict[str, Counter[str]] = {}
    for words, tags in tagged_sentences(corpus, limit=limit):
        keys = [key_of(w) for w in words]
        total.update(keys)
        for chunk in decode_bio(tags):
            if chunk.label != "PERS" or chunk.end - chunk.start < 2:
                continue
            key = keys[chunk.start]
            first[key] += 1
            for back in (1, 2, 3):  # «وقالت راضية …», «الفنانة كوثر …», «أكدت الوزيرة راضية …»
                if chunk.start - back < 0:
                    break
                word = words[chunk.start - back]
                cue = lex.cue(word)
                gender = cue.gender if cue is not None else (lex.role_gender(word) or "").lower()
                if gender in ("m", "f"):
                    votes.setdefault(key, Counter())[gender] += 1
                    break
    return first, total, votes


def gender_of(key: str, votes: Counter[str] | None) -> str:
    """Agreement votes when they are several and clear (≥ 3:1), else the word's ending."""
    if votes and votes["f"] + votes["m"] >= 2 and max(votes["f"], votes["m"]) >= 3 * min(votes["f"], votes["m"]):
        return "F" if votes["f"] > votes["m"] else "M"
    return "F" if key.endswith("ة") and key not in _MEN_ENDING_IN_TA else "M"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--min-share", type=float, default=0.5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    first, total, votes = mine(args.corpus, limit=args.limit)
    lex = lexicon()
    hand_written = {key_of(line.partition("\t")[0]) for line in load_lines("quotes/first_names.tsv")}
    for key in [k for k in first if k[:1] in "وفلب" and (k[1:] in first or k[1:] in hand_written)]:
        first[key[1:]] += first.pop(key)  # «ومحمد», «لخالد»: the name under a clitic
        total[key[1:]] += total.pop(key, 0)
        if key in votes:
            votes.setdefault(key[1:], Counter()).update(votes.pop(key))
    rows = []
    for key, count in first.items():
        if count < args.min_count or count < args.min_share * total[key] or len(key) < 3 or not _ARABIC.fullmatch(key):
            continue
        if key in hand_written or key in _PARTICLES or key in _NOT_NAMES or key.startswith("ال"):
            continue
        if lex.role_gender(key) is not None or lex.cue(key) is not None or lex.word_counts.get(key, 0) >= 5:
            continue  # role, cue and everyday words («نحبك») are not names
        rows.append((key, gender_of(key, votes.get(key)), count, total[key]))
    rows.sort(key=lambda r: (-r[2], r[0]))
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write(
            "# normalised given name\tgender\ttimes first word of a PERS mention\toccurrences — mined by "
            "train/build_given_names.py from JawharaFM (ANT corpus, Apache-2.0) with the shipped NER model "
            "(ANERcorp, CC BY-SA 4.0)\n"
        )
        for key, gender, count, occurrences in rows:
            handle.write(f"{key}\t{gender}\t{count}\t{occurrences}\n")
    print(json.dumps({"names": len(rows), "seconds": round(time.perf_counter() - started, 1), "out": str(args.out)}))


if __name__ == "__main__":
    main()
