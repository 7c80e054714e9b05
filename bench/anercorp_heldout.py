"""Score a quote set annotated on ANERcorp windows with models that never saw those sentences' entity labels.

    python -m bench.anercorp_heldout bench/gold_news/anercorp.jsonl ../shared/data/anercorp/train.txt \\
        [--models /tmp/anercorp-heldout] [--errors]

The shipped NER tagger and the person-word counts (``analysis/data/quotes/person_words.tsv``) are learned from all
of ANERcorp's labels, so on ANERcorp text they would know every name the annotated windows hold. This script trains
both on the other half of ANERcorp's sentences only (the windows of the set must all lie in one half: sentences
from ``len - round(len / 2)`` on, or before it), with the shipped training settings, and scores the set with
them; the extractor's rules and its two learned models are the shipped ones. Trained files are kept in
``--models`` (reused when present; about three minutes to build). Prints ``bench.eval_quotes``'s report lines.

The word counts (``analysis/data/known_words.tsv``: the clitic splitter's, and the quote extractor's test of a rare,
name-like word) count all of ANERcorp too, the scored windows with them: a name the windows repeat ten times looked
like an everyday word. They are counted again without the scored windows' sentences, as
``train.build_known_words`` would on a corpus that never held the text (``--with-own-counts``: as shipped, the
protocol of the rounds before the twenty-ninth).

The given names and everyday words the extractor mined from a news corpus with the shipped tagger
(``given_names_mined.tsv``, ``common_words.tsv``) are mined again with the held-out tagger when ``--mined-from``
names that corpus (``../shared/data/jawharafm/articles.jsonl.xz``; about 20 s, kept beside the models and used on
every run given the option): the shipped tagger knows the scored windows' names, and the lists carry some of them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.anercorp_docs import DOC_SENTENCES
from bench.eval_quotes import predict, print_report, score
from bench.news_gold import build_gold, read_jsonl

PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 300}  # train.train_ner's defaults (the shipped model's)


def other_half(rows: Sequence[int], n_sentences: int) -> tuple[int, int]:
    """Sentence range ``[a, b)`` of the half of ANERcorp no window ``rows`` touches.

    >>> other_half([248, 300], 3962), other_half([0, 5], 3962)
    ((0, 1981), (1981, 3962))
    """
    cut = n_sentences - round(n_sentences * 0.5)
    spans = [(row * DOC_SENTENCES, min(row * DOC_SENTENCES + DOC_SENTENCES, n_sentences)) for row in rows]
    if all(a >= cut for a, _ in spans):
        return 0, cut
    if all(b <= cut for _, b in spans):
        return cut, n_sentences
    raise SystemExit(f"the windows straddle ANERcorp's halves (sentence {cut}): score them with bench.eval_quotes")


def train_models(corpus: Path, half: tuple[int, int], out: Path) -> None:
    """The NER tagger and person-word counts of ANERcorp's sentences ``half``, written to ``out``."""
    from train.train_ner import read_bio, train_model

    sentences = read_bio(corpus)[half[0] : half[1]]
    out.mkdir(parents=True, exist_ok=True)
    seconds = train_model(sentences, out / "ner_crf.crfsuite", **PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "half.txt"
        part.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in zip(*s, strict=True)) for s in sentences) + "\n", encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "train.build_person_words", str(part), "--out", str(out / "person_words.tsv")], check=True
        )
    print(json.dumps({"trained": f"sentences {half[0]}-{half[1] - 1}", "seconds": round(seconds)}), file=sys.stderr)


def counts_without(corpus: Path, rows: Sequence[int], *, min_count: int = 2) -> dict[str, int]:
    """ANERcorp's word counts as ``train.build_known_words`` makes them, without the sentences of windows ``rows``."""
    from analysis.camel import normalize
    from train.build_known_words import ARABIC_WORD
    from train.train_ner import read_bio

    scored = {row * DOC_SENTENCES + k for row in rows for k in range(DOC_SENTENCES)}
    counts = Counter(
        word
        for n, (words, _) in enumerate(read_bio(corpus))
        if n not in scored
        for word in map(normalize, words)
        if ARABIC_WORD.fullmatch(word)
    )
    return {w: c for w, c in counts.items() if c >= min_count}


_SHIPPED: dict[str, Callable[..., Any]] = {}


def mine_lists(models: Path, news: Path) -> None:
    """``given_names_mined.tsv`` and ``common_words.tsv`` mined from the corpus ``news`` with the tagger in ``models``,
    written beside it (the given names first: the everyday words leave them out)."""
    from train import build_common_words, build_given_names

    use_models(models)
    build_given_names.main([str(news), "--out", str(models / "given_names_mined.tsv")])
    use_models(models, mined=True)
    build_common_words.main([str(news), "--out", str(models / "common_words.tsv")])


def use_models(models: Path, *, known_words: dict[str, int] | None = None, mined: bool = False) -> None:
    """Make this process's extractor tag with the models in ``models`` and read the person words there; with
    ``mined``, the given names and everyday words :func:`mine_lists` wrote there too; given ``known_words``, count
    words with them instead of ``known_words.tsv``."""
    import analysis.entities as entities
    import analysis.quotes.lexicon as quote_lexicon
    import analysis.tokens as tokens

    entities.MODEL_PATH = models / "ner_crf.crfsuite"
    entities._shipped_tagger.cache_clear()
    _SHIPPED.setdefault("lines", quote_lexicon.load_lines)  # the shipped readers, whatever an earlier call replaced
    for module in (quote_lexicon, tokens):
        _SHIPPED.setdefault(module.__name__, module.load_counts)
    shipped_lines = _SHIPPED["lines"]
    held_out = tuple(
        line for line in (models / "person_words.tsv").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    )
    lists = {f"quotes/{f.name}": f for f in (models / "given_names_mined.tsv", models / "common_words.tsv") if mined and f.is_file()}

    def lines(name: str) -> tuple[str, ...]:
        if name == "quotes/person_words.tsv":
            return held_out
        if name in lists:
            text = lists[name].read_text(encoding="utf-8")
            return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
        return shipped_lines(name)

    quote_lexicon.load_lines = lines
    for module in (quote_lexicon, tokens):
        shipped_counts = _SHIPPED[module.__name__]
        module.load_counts = (
            shipped_counts if known_words is None
            else lambda name, shipped=shipped_counts: dict(known_words) if name == "known_words.tsv" else shipped(name)
        )
    tokens._known.cache_clear()
    tokens._splits.cache_clear()  # clitic splits look the known words up
    quote_lexicon.lexicon.cache_clear()


MODELS = Path(tempfile.gettempdir()) / "anercorp-heldout"  # where the held-out models are kept between runs


def heldout_gold(
    stripped: Sequence[dict], corpus: Path, *, models: Path = MODELS, mined_from: Path | None = None, own_counts: bool = False
) -> list[dict]:
    """The gold lines of the ANERcorp windows ``stripped``, with this process's extractor set to the models of the
    other half (trained into ``models`` on first use; with ``mined_from``, the mined lists too; with ``own_counts``,
    the word counts as shipped)."""
    from train.train_ner import read_bio

    rows = [s["row"] for s in stripped]
    half = other_half(rows, len(read_bio(corpus)))
    models = models / f"sentences-{half[0]}-{half[1]}"
    if not (models / "person_words.tsv").is_file():
        train_models(corpus, half, models)
    if mined_from and not (models / "common_words.tsv").is_file():
        mine_lists(models, mined_from)
    use_models(models, known_words=None if own_counts else counts_without(corpus, rows), mined=bool(mined_from))
    return build_gold(stripped, corpus)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="text-free annotations of ANERcorp windows (ids anc<row>)")
    parser.add_argument("corpus", type=Path, help="ANERcorp's train.txt")
    parser.add_argument("--models", type=Path, default=MODELS)
    parser.add_argument("--errors", action="store_true", help="list misses, spurious quotes and wrong speakers")
    parser.add_argument("--with-own-counts", action="store_true", help="word counts as shipped, the scored windows in them")
    parser.add_argument("--mined-from", type=Path, help="the news corpus to mine given names and everyday words from again")
    args = parser.parse_args(argv)

    gold = heldout_gold(
        read_jsonl(args.gold), args.corpus, models=args.models, mined_from=args.mined_from, own_counts=args.with_own_counts
    )
    print_report(score(gold, predict(gold)), errors=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
