"""Train the partial-or-term check (``analysis/data/quotes/span_kinds.json``) on the real-news annotations.

Every quoted span the rules call a partial quote or a term (:func:`analysis.quotes.extract.span_kind_problems`)
that an annotated partial quote or term matches (span overlap ≥ 0.5, as ``bench.eval_quotes`` matches) is one
example, labelled 1 for a partial quote and 0 for a term. A logistic regression (scikit-learn, which camel-tools
installs) learns the weights; the extractor then relabels a span where the model disagrees with the rules
(:func:`analysis.quotes.span_kinds.relabel`).

Before writing, it reports how often the rules and the model are right on these spans: 5-fold cross-validated by
article, and trained on all but the newest ``--holdout`` articles and scored on those. Deterministic.

Usage: python -m train.train_span_kinds bench/gold_news/dev.jsonl ../shared/data/jawharafm/articles.jsonl.xz \\
           [--out analysis/data/quotes/span_kinds.json] [--C 3.0] [--holdout 304] [--min-count 3]

The weights are learned from the project's own annotations of JawharaFM articles; the file holds feature names
and numbers. Some names carry normalised words seen around or inside quoted spans in at least ``--min-count``
examples («prev=مخدر», «text=الزطلة»): single words and short quoted names, no article text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from analysis.quotes.antecedents import Model
from analysis.quotes.extract import span_kind_problems
from analysis.quotes.span_kinds import FEATURE_VERSION, MODEL_PATH, relabel
from bench.eval_quotes import match_quotes
from bench.news_gold import build_gold, read_jsonl
from train.weights import report_model, trainer_parser, write_weights

_LABELS = {"partial": 1, "term": 0}


@dataclass(frozen=True, slots=True)
class Example:
    """One quoted span: its article's index, the rules' kind, the annotated kind, its features."""

    article: int
    rule_kind: str
    gold_kind: str
    features: dict[str, float]


def collect_examples(gold_docs: Sequence[dict]) -> list[Example]:
    """The spans the rules call partial or term that an annotated partial quote or term matches."""
    examples: list[Example] = []
    for index, doc in enumerate(gold_docs):
        problems = span_kind_problems(doc["text"])
        if not problems:
            continue
        pred = [{"start": s, "end": e, "kind": k, "n": n} for n, (s, e, k, _) in enumerate(problems)]
        gold = [q for q in doc["quotes"] if q["kind"] in _LABELS]
        for g, p in match_quotes(gold, pred):
            _, _, kind, features = problems[p["n"]]
            examples.append(Example(index, kind, g["kind"], features))
    return examples


def _lexical_keep(examples: Sequence[Example], min_count: int) -> set[str]:
    """Word features (``prev=``, ``first=`` …) seen in at least ``min_count`` examples."""
    counts = Counter(name for e in examples for name in e.features if "=" in name)
    return {name for name, n in counts.items() if n >= min_count}


def _pruned(features: dict[str, float], keep: set[str]) -> dict[str, float]:
    return {k: v for k, v in features.items() if "=" not in k or k in keep or k.startswith(("rule=", "words="))}


def fit(examples: Sequence[Example], c: float, min_count: int) -> Model:
    """A logistic regression over ``examples``."""
    keep = _lexical_keep(examples, min_count)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([_pruned(e.features, keep) for e in examples])
    model = LogisticRegression(C=c, max_iter=5000).fit(x, [_LABELS[e.gold_kind] for e in examples])
    weights = {name: float(w) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True) if w}
    return Model(weights, float(model.intercept_[0]))


def score(examples: Sequence[Example], model: Model) -> dict[str, int]:
    """How many kinds the rules and the model get right, and how many the model fixes and breaks."""
    out = {"spans": len(examples), "rules": 0, "model": 0, "fixed": 0, "broken": 0}
    for e in examples:
        chosen = relabel(e.features, model, kind=e.rule_kind)
        rules, learned = e.rule_kind == e.gold_kind, chosen == e.gold_kind
        out["rules"] += rules
        out["model"] += learned
        out["fixed"] += learned and not rules
        out["broken"] += rules and not learned
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = trainer_parser(__doc__.splitlines()[0], out=MODEL_PATH, c=3.0)
    parser.add_argument("--min-count", type=int, default=3, help="keep a word feature seen in this many spans")
    args = parser.parse_args(argv)

    docs = build_gold(read_jsonl(args.gold), args.corpus)
    examples = collect_examples(docs)
    report = report_model(
        examples, articles=len(docs), holdout=args.holdout, fit=lambda train: fit(train, args.c, args.min_count), score=score
    )
    print(json.dumps(report))
    write_weights(
        args.out, fit(examples, args.c, args.min_count), feature_version=FEATURE_VERSION,
        trained_on=f"{args.gold.name}: {len(docs)} articles, {len(examples)} quoted spans",
        settings={"C": args.c, "min_count": args.min_count}, report=report,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
