"""What the logistic trainers share (train/weights.py): their command line, their report and the model file they write."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.quotes.antecedents import Model
from analysis.quotes.span_kinds import FEATURE_VERSION, SpanKindModelError, load_model
from train.weights import report_model, trainer_parser, write_weights


@dataclass(frozen=True)
class _Item:
    article: int


def test_report_scores_each_fold_and_the_newest_articles_with_models_that_never_saw_them() -> None:
    items = [_Item(n) for n in range(10)]
    seen: list[tuple[list[int], list[int]]] = []

    def fit(train: Sequence[_Item]) -> Model:
        return Model({str(i.article): 1.0 for i in train})

    def score(test: Sequence[_Item], model: Model) -> dict[str, int]:
        seen.append(([i.article for i in test], sorted(int(k) for k in model.weights)))
        return {"n": len(test), "leaked": sum(str(i.article) in model.weights for i in test)}

    report = report_model(items, articles=10, holdout=3, fit=fit, score=score)
    assert report == {"articles": 10, "cross_validated": {"n": 10, "leaked": 0}, "newest_3": {"n": 3, "leaked": 0}}
    assert seen[-1] == ([7, 8, 9], [0, 1, 2, 3, 4, 5, 6])


def test_written_weights_are_sorted_and_read_back(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    model = Model({"b": 2.0, "a": -1.0}, 0.5)
    write_weights(out, model, feature_version=FEATURE_VERSION, trained_on="dev.jsonl: 2 articles", settings={"C": 3.0}, report={"articles": 2})
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["feature_version", "trained_on", "C", "report", "intercept", "weights"]
    assert list(data["weights"]) == ["a", "b"]
    assert load_model(out) == model
    write_weights(out, model, feature_version=FEATURE_VERSION + 1, trained_on="x", settings={}, report={})
    with pytest.raises(SpanKindModelError, match=r"retrain it with python -m train\.train_span_kinds"):
        load_model.__wrapped__(out)  # (not the cached answer for this path)


def test_the_trainers_command_line_has_their_defaults(tmp_path: Path) -> None:
    parser = trainer_parser("train a model", out=tmp_path / "model.json", c=3.0)
    args = parser.parse_args(["dev.jsonl", "corpus.jsonl.xz"])
    assert (args.gold, args.corpus, args.out, args.c, args.holdout) == (
        Path("dev.jsonl"), Path("corpus.jsonl.xz"), tmp_path / "model.json", 3.0, 304
    )
    assert parser.parse_args(["g", "c", "--C", "0.5", "--holdout", "10", "--out", "m.json"]).c == 0.5
