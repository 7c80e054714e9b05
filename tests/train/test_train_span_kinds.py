"""Training the partial-or-term check (train/train_span_kinds.py) on annotated articles."""

from __future__ import annotations

from analysis.quotes.antecedents import Model
from train.train_span_kinds import Example, collect_examples, fit, score

TEXT = 'وأكد الوزير أن الحكومة ستدعم "الصوناد" وأن الوضع "تحت السيطرة". وقال إن "المخزون كاف لأشهر طويلة جدا".'


def _gold(*spans: tuple[str, str]) -> dict:
    quotes = []
    for kind, quoted in spans:
        start = TEXT.index(quoted)
        quotes.append({"kind": kind, "start": start, "end": start + len(quoted), "speaker": None})
    return {"id": "a", "text": TEXT, "quotes": quotes}


def test_spans_the_annotation_calls_partial_or_term_become_examples() -> None:
    examples = collect_examples([_gold(("term", "الصوناد"), ("partial", "تحت السيطرة"), ("direct", "المخزون كاف لأشهر طويلة جدا"))])
    assert sorted((e.rule_kind, e.gold_kind) for e in examples) == [("partial", "partial"), ("partial", "term")]
    assert all(e.article == 0 and e.features for e in examples)
    # a span the annotation leaves out, or calls direct, teaches nothing
    assert collect_examples([_gold(("direct", "المخزون كاف لأشهر طويلة جدا"))]) == []


def test_fit_learns_when_the_rules_are_wrong_and_score_counts_fixes() -> None:
    examples = [Example(n, "partial", "term", {"rule=partial_in_speech": 1.0, "prev=مخدر": 1.0}) for n in range(20)]
    examples += [Example(20 + n, "partial", "partial", {"rule=partial_in_speech": 1.0, "pronoun": 1.0}) for n in range(20)]
    model = fit(examples, 3.0, 3)
    assert model.weights["prev=مخدر"] < 0 < model.weights["pronoun"]
    assert score(examples, model) == {"spans": 40, "rules": 20, "model": 40, "fixed": 20, "broken": 0}
    assert score(examples, Model({"rule=partial_in_speech": 5.0}))["model"] == 20
    # a word feature seen fewer than --min-count times is dropped
    assert "prev=مخدر" not in fit(examples[:2] + examples[20:], 3.0, 3).weights
