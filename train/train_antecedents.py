"""Train the implicit-speaker ranker (``analysis/data/quotes/antecedents.json``) on the real-news annotations.

Every implicit speech quote the rules attribute («وأضاف أن …», rule ``…+implicit``), and every quote they give the
speaker the narration goes on with (rules ``partial_in_narration``, ``continuation``), that an annotated quote matches
(span overlap ≥ 0.5, as ``bench.eval_quotes`` matches) and that has an annotated speaker gives one example per
candidate the extractor offers (:func:`analysis.quotes.antecedents.candidate_features`), labelled by whether the
candidate is the annotated speaker (the same normalised words). A conditional logit over each quote's candidates
(scipy's L-BFGS; scikit-learn for the features and the Platt scaling, both installed with camel-tools) learns the
weights; the extractor then lets the best-scoring candidate speak.

Before writing, it reports how often the rules and the ranker are right on these quotes: 5-fold cross-validated
by article, and trained on all but the newest ``--holdout`` articles and scored on those (annotated later, after
the rules had been tuned on the older ones). Deterministic.

Usage: python -m train.train_antecedents bench/gold_news/dev.jsonl ../shared/data/jawharafm/articles.jsonl.xz \\
           [--out analysis/data/quotes/antecedents.json] [--C 1.0] [--holdout 304]

The weights are learned from the project's own annotations of JawharaFM articles (the ANT corpus, Apache-2.0);
the file holds feature names and numbers, no text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from analysis.quotes.antecedents import FEATURE_VERSION, MODEL_PATH, Model, choose_speaker, may_speak
from analysis.quotes.extract import antecedent_problems
from bench.eval_quotes import SPEECH, _same_speaker, match_quotes
from bench.news_gold import build_gold, read_jsonl
from train.weights import report_model, trainer_parser, write_weights


@dataclass(frozen=True, slots=True)
class Problem:
    """One implicit quote: its article's index, the rules' speaker, the annotated one, the candidates' features."""

    article: int
    rule_speaker: str | None
    gold_speaker: str
    candidates: dict[str, dict[str, float]]


def collect_problems(gold_docs: Sequence[dict]) -> list[Problem]:
    """The implicit quotes of the annotated articles that the annotation matches and names a speaker for."""
    problems: list[Problem] = []
    for index, doc in enumerate(gold_docs):
        quotes, implicit = antecedent_problems(doc["text"])
        if not implicit:
            continue
        speech = [n for n, q in enumerate(quotes) if q.kind in SPEECH]
        pred = [{"start": quotes[n].start, "end": quotes[n].end, "kind": quotes[n].kind, "n": n} for n in speech]
        gold = [q for q in doc["quotes"] if q["kind"] in SPEECH]
        annotated = {p["n"]: g.get("speaker") for g, p in match_quotes(gold, pred)}
        for n, candidates in implicit:
            if annotated.get(n) and candidates:
                problems.append(Problem(index, quotes[n].speaker, annotated[n], candidates))
    return problems


def fit(problems: Sequence[Problem], c: float) -> Model:
    """A ranker: a conditional logit over each quote's candidates that may speak (the annotated speaker against the
    others), with L2 strength ``1 / c``, then scaled (Platt) so that a candidate's score reads as the probability that
    it is the speaker, which :func:`choose_speaker` asks where the rules found nobody.

    Trained as a ranker, it learns what tells the speaker from the other candidates of the same quote, not what makes
    a candidate right in general: 18 more implicit speakers right of 6,493 on the development annotations,
    cross-validated, and 5 more of 247 on ANERcorp's second half, than one logistic regression over all candidates
    (with the features of version 2).
    """
    eligible = [_eligible(p) for p in problems]
    groups = [(candidates, labels.index(1)) for candidates, labels in eligible if len(candidates) > 1 and 1 in labels]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for candidates, _ in groups for f in candidates])
    weights = _conditional_logit(x, [len(candidates) for candidates, _ in groups], [gold for _, gold in groups], 1.0 / c)
    ranker = Model(dict(zip(vectorizer.feature_names_, map(float, weights), strict=True)))
    rows = [(ranker.score(f), label) for candidates, labels in eligible for f, label in zip(candidates, labels, strict=True)]
    platt = LogisticRegression(C=1e6, max_iter=1000).fit([[s] for s, _ in rows], [label for _, label in rows])
    scale = float(platt.coef_[0][0])
    return Model({name: scale * w for name, w in ranker.weights.items()}, float(platt.intercept_[0]))


def _eligible(problem: Problem) -> tuple[list[dict[str, float]], list[int]]:
    """The features of the candidates of ``problem`` that may speak, and whether each is the annotated speaker."""
    chosen = [(f, int(_same_speaker(problem.gold_speaker, name))) for name, f in problem.candidates.items() if may_speak(f)]
    return [f for f, _ in chosen], [label for _, label in chosen]


def _conditional_logit(x: csr_matrix, sizes: Sequence[int], golds: Sequence[int], strength: float) -> np.ndarray:
    """Weights maximising the log-probability of each group's gold row under a softmax over the group's rows, minus
    ``strength`` / 2 × their squared norm. The groups are consecutive runs of ``sizes`` rows of ``x``; ``golds`` index
    within each run. L-BFGS from zero: deterministic."""
    counts = np.asarray(sizes)
    group_of = np.repeat(np.arange(len(counts)), counts)
    gold_rows = np.cumsum(counts) - counts + np.asarray(golds)
    gold_sum = np.asarray(x[gold_rows].sum(axis=0)).ravel()
    n = len(counts)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, group_of, s)
        e = np.exp(s - top[group_of])
        z = np.bincount(group_of, e, n)
        log_z = top + np.log(z)
        value = -(s[gold_rows] - log_z).sum() + strength * (w @ w) / 2
        return value, x.T @ (e / z[group_of]) - gold_sum + strength * w

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def score(problems: Sequence[Problem], model: Model) -> dict[str, int]:
    """How many the rules and the ranker get right, how many the ranker fixes and breaks, and how many speakers
    it names where the rules named none (``named``) and how many of those are right."""
    out = {"quotes": len(problems), "rules": 0, "ranker": 0, "fixed": 0, "broken": 0, "named": 0, "named_right": 0}
    for p in problems:
        chosen = choose_speaker(p.candidates, model, rule_speaker=p.rule_speaker)
        rules, ranker = _same_speaker(p.gold_speaker, p.rule_speaker), _same_speaker(p.gold_speaker, chosen)
        out["rules"] += rules
        out["ranker"] += ranker
        out["fixed"] += ranker and not rules
        out["broken"] += rules and not ranker
        if p.rule_speaker is None and chosen is not None:
            out["named"] += 1
            out["named_right"] += ranker
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = trainer_parser(__doc__.splitlines()[0], out=MODEL_PATH, c=1.0)
    args = parser.parse_args(argv)

    docs = build_gold(read_jsonl(args.gold), args.corpus)
    problems = collect_problems(docs)
    report = report_model(problems, articles=len(docs), holdout=args.holdout, fit=lambda train: fit(train, args.c), score=score)
    print(json.dumps(report))
    write_weights(
        args.out, fit(problems, args.c), feature_version=FEATURE_VERSION,
        trained_on=f"{args.gold.name}: {len(docs)} articles, {len(problems)} quotes with an implicit or carried speaker", settings={"C": args.c}, report=report,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
