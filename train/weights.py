"""What the logistic trainers in ``train/`` share: their command line, how they report a model before keeping it, and
the file they write.

A model is scored 5-fold cross-validated by article, and trained on all but the newest ``holdout`` articles and
scored on those (annotated later, after the rules had been tuned on the older ones); then it is trained on all of
them and written as feature names and weights, sorted, so that the trainer rebuilds the file byte for byte.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from analysis.quotes.antecedents import Model


class _ByArticle(Protocol):
    @property
    def article(self) -> int: ...


Example = TypeVar("Example", bound=_ByArticle)


def trainer_parser(description: str, *, out: Path, c: float) -> argparse.ArgumentParser:
    """The arguments every trainer takes: the text-free annotations, the corpus they index, the model file to write
    (``out`` by default), the inverse regularisation strength (``c``) and the hold-out of newest articles."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("gold", type=Path, help="text-free annotations (bench/gold_news/dev.jsonl)")
    parser.add_argument("corpus", type=Path, help="the corpus they index (articles.jsonl.xz)")
    parser.add_argument("--out", type=Path, default=out)
    parser.add_argument("--C", type=float, default=c, dest="c", help="inverse regularisation strength")
    parser.add_argument("--holdout", type=int, default=304, help="newest articles scored by a model trained on the rest")
    return parser


def report_model(
    examples: Sequence[Example],
    *,
    articles: int,
    holdout: int,
    fit: Callable[[Sequence[Example]], Model],
    score: Callable[[Sequence[Example], Model], dict[str, int]],
) -> dict[str, object]:
    """The counts of ``score`` summed over 5 folds by article, and on the newest ``holdout`` of ``articles``."""
    folds: dict[str, int] = {}
    for k in range(5):
        counts = score([e for e in examples if e.article % 5 == k], fit([e for e in examples if e.article % 5 != k]))
        folds = {name: folds.get(name, 0) + n for name, n in counts.items()}
    cut = articles - holdout
    newest = score([e for e in examples if e.article >= cut], fit([e for e in examples if e.article < cut]))
    return {"articles": articles, "cross_validated": folds, f"newest_{holdout}": newest}


def write_weights(
    out: Path, model: Model, *, feature_version: int, trained_on: str, settings: Mapping[str, object], report: Mapping[str, object]
) -> None:
    """The model file: its features version, what it was trained on, the trainer's ``settings``, the report, then
    the intercept and the weights by name."""
    data = {
        "feature_version": feature_version,
        "trained_on": trained_on,
        **settings,
        "report": report,
        "intercept": model.intercept,
        "weights": dict(sorted(model.weights.items())),
    }
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
