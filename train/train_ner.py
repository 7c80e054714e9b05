"""Train the shipped CRF named-entity tagger on ANERcorp (BIO, one ``token TAG`` per line).

The last 10% of sentences are the development split: the model is trained on the first 90%,
scored on the dev split (entity level, exact span + label, conlleval style), and — with
``--full`` — retrained on everything before it is written. Deterministic (L-BFGS, fixed params).

Usage: python -m train.train_ner ../shared/data/anercorp/train.txt --out analysis/models/ner_crf.crfsuite [--full]

Trained on ANERcorp (Benajiba, Rosso & Benedí 2007; CAMeL Lab release, Obeid et al. 2020,
CC BY-SA 4.0): the model file is a derived work under CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from analysis.entities.bio import ChunkScores, score_chunks
from analysis.entities.features import FEATURE_VERSION, sentence_features

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


def train_model(sentences: Sequence[Sentence], out: Path, *, c1: float, c2: float, max_iterations: int) -> float:
    """Train a CRF on ``sentences`` and write it to ``out``; returns seconds spent."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in sentences:
        trainer.append(sentence_features(words), tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
            "feature.possible_states": False,
        }
    )
    start = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return time.perf_counter() - start


def evaluate(model: Path, sentences: Sequence[Sentence]) -> ChunkScores:
    """Entity-level scores of ``model`` on ``sentences``."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    predicted = [tagger.tag(sentence_features(words)) for words, _ in sentences]
    tagger.close()
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
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_bytes(dev_model.read_bytes())
    if args.full:
        seconds = train_model(sentences, args.out, **params)
        print(f"full model trained on all {len(sentences)} sentences in {seconds:.0f} s")
    summary = {
        "features": FEATURE_VERSION,
        "params": params,
        "dev_micro_f1": round(100 * scores.micro[2], 2),
        "dev_per_label": {k: [round(100 * x, 2) for x in v[:3]] for k, v in scores.per_label.items()},
        "full": args.full,
        "size_bytes": args.out.stat().st_size,
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
