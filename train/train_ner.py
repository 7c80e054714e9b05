"""Train the shipped two-stage CRF named-entity tagger on ANERcorp (BIO, one ``token TAG`` per line).

Stage 1: averaged-perceptron CRF over the word/window features. Stage 2 (L-BFGS): the same features
plus training-label lexicon features and document features from stage 1's tags of the same word
elsewhere in the document. Stage-2 training features come from 10-fold jackknifing (lexicon and
stage-1 tags of a training sentence never see its own labels). Writes ``<out>`` (stage 2),
``<out stem>_stage1.crfsuite`` and ``<out stem>_lexicon.tsv``.

The last 10% of sentences are the development split: the model is trained on the first 90%,
scored on the dev split (entity level, exact span + label, conlleval style), and — with
``--full`` — retrained on everything before it is written. Deterministic (fixed params, order).

Usage: python -m train.train_ner ../shared/data/anercorp/train.txt --out analysis/models/ner_crf.crfsuite [--full]

Trained on ANERcorp (Benajiba, Rosso & Benedí 2007; CAMeL Lab release, Obeid et al. 2020,
CC BY-SA 4.0): the model file is a derived work under CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from analysis.entities.bio import ChunkScores, score_chunks
from analysis.entities.crf import StackedTagger, load_lexicon, model_paths
from analysis.entities.features import (
    DOC_WINDOW,
    FEATURE_VERSION,
    FeatureExtractor,
    cluster_key,
    doc_codes,
    sentence_features,
    stage2_features,
)

Sentence = tuple[list[str], list[str]]

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "analysis" / "models" / "ner_crf.crfsuite"


def read_bio(path: Path) -> list[Sentence]:
    """Sentences of a ``token TAG`` file with blank lines between sentences."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            if words:
                sentences.append((words, tags))
                words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1])
    if words:
        sentences.append((words, tags))
    return sentences


def split_dev(sentences: Sequence[Sentence], *, share: float = 0.1) -> tuple[list[Sentence], list[Sentence]]:
    """``(train, dev)``: dev is the last ``share`` of sentences."""
    cut = len(sentences) - round(len(sentences) * share)
    return list(sentences[:cut]), list(sentences[cut:])


FOLDS = 10
STAGE1_PARAMS = {"max_iterations": 20}


def build_lexicon(sentences: Sequence[Sentence]) -> dict[str, Counter[str]]:
    """:func:`cluster_key` form → counts of its BIO tags."""
    lexicon: dict[str, Counter[str]] = {}
    for words, tags in sentences:
        for word, tag in zip(words, tags, strict=True):
            lexicon.setdefault(cluster_key(word), Counter())[tag] += 1
    return lexicon


def write_lexicon(lexicon: dict[str, Counter[str]], out: Path) -> None:
    lines = [f"{form}\t{' '.join(f'{t}:{n}' for t, n in sorted(c.items()))}\n" for form, c in sorted(lexicon.items())]
    header = "# ANERcorp (CC BY-SA 4.0) training-label lexicon: clitic-stripped normalised form\ttag:count …\n"
    out.write_text(header + "".join(lines), encoding="utf-8")


def _train(items, out: Path, *, algorithm: str, params: dict) -> None:
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for features, tags in items:
        trainer.append(features, tags)
    trainer.set_params({"feature.possible_transitions": True, **params})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def train_model(sentences: Sequence[Sentence], out: Path, *, c1: float, c2: float, max_iterations: int) -> float:
    """Train both stages on ``sentences`` and write the three model files; returns seconds spent."""
    start = time.perf_counter()
    paths = model_paths(out)
    n = len(sentences)
    base = [sentence_features(words) for words, _ in sentences]
    fold_of = [i % FOLDS for i in range(n)]
    stage1: list[list[str]] = [[] for _ in range(n)]
    extractors: list[FeatureExtractor] = []
    with tempfile.TemporaryDirectory() as tmp:
        fold_model = Path(tmp) / "fold.crfsuite"
        for fold in range(FOLDS):
            rest = [i for i in range(n) if fold_of[i] != fold]
            _train(((base[i], sentences[i][1]) for i in rest), fold_model, algorithm="ap", params=STAGE1_PARAMS)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(fold_model))
            for i in range(fold, n, FOLDS):
                stage1[i] = tagger.tag(base[i])
            tagger.close()
            extractors.append(FeatureExtractor(lexicon=build_lexicon([sentences[i] for i in rest])))
    _train(zip(base, [t for _, t in sentences], strict=True), paths["stage1"], algorithm="ap", params=STAGE1_PARAMS)
    write_lexicon(build_lexicon(sentences), paths["lexicon"])
    keys = [[cluster_key(w) for w in words] for words, _ in sentences]
    codes = doc_codes(keys, stage1, window=DOC_WINDOW)
    items = (
        (stage2_features(extractors[fold_of[i]].sentence(words), stage1[i], codes[i]), tags)
        for i, (words, tags) in enumerate(sentences)
    )
    params = {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_states": True}
    _train(items, out, algorithm="lbfgs", params=params)
    return time.perf_counter() - start


def evaluate(model: Path, sentences: Sequence[Sentence]) -> ChunkScores:
    """Entity-level scores of ``model`` on ``sentences`` (documents: ±``DOC_WINDOW`` sentences, as in training)."""
    paths = model_paths(model)
    tagger = StackedTagger(paths["stage1"], model, load_lexicon(paths["lexicon"]))
    words = [w for w, _ in sentences]
    predicted = tagger.tag(words, window=DOC_WINDOW)
    return score_chunks([tags for _, tags in sentences], predicted)


def format_scores(scores: ChunkScores) -> str:
    """A small conlleval-like table."""
    lines = [f"{'label':6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>6s}"]
    for label, (p, r, f, n) in scores.per_label.items():
        lines.append(f"{label:6s} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f} {n:6d}")
    p, r, f = scores.micro
    lines.append(f"{'micro':6s} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--full", action="store_true", help="retrain on 100%% after reporting dev")
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.02)
    parser.add_argument("--max-iterations", type=int, default=300)
    parser.add_argument("--dev-share", type=float, default=0.1)
    args = parser.parse_args()

    sentences = read_bio(args.data)
    train, dev = split_dev(sentences, share=args.dev_share)
    n_tokens = sum(len(w) for w, _ in sentences)
    print(f"{len(sentences)} sentences, {n_tokens} tokens: train {len(train)}, dev {len(dev)} sentences")
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iterations}
    with tempfile.TemporaryDirectory() as tmp:
        dev_model = Path(tmp) / "dev.crfsuite"
        seconds = train_model(train, dev_model, **params)
        scores = evaluate(dev_model, dev)
        print(f"dev (trained on first {len(train)} sentences, {seconds:.0f} s, {params}):")
        print(format_scores(scores))
        if not args.full:
            for key, path in model_paths(args.out).items():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(model_paths(dev_model)[key].read_bytes())
    if args.full:
        seconds = train_model(sentences, args.out, **params)
        print(f"full model trained on all {len(sentences)} sentences in {seconds:.0f} s")
    summary = {
        "features": FEATURE_VERSION,
        "params": params,
        "dev_micro_f1": round(100 * scores.micro[2], 2),
        "dev_per_label": {k: [round(100 * x, 2) for x in v[:3]] for k, v in scores.per_label.items()},
        "full": args.full,
        "size_bytes": sum(p.stat().st_size for p in model_paths(args.out).values()),
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
