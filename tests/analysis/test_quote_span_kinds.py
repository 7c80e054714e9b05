"""The learned partial-or-term check (analysis/quotes/span_kinds.py) and its use by the extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.quotes import extract_quotes_from_text
from analysis.quotes.antecedents import Model
from analysis.quotes.span_kinds import FEATURE_VERSION, SpanKindModelError, load_model, relabel, span_features


def _features(text: str, quoted: str, **options: object) -> dict[str, float]:
    start = text.index(quoted)
    return span_features(text, start, start + len(quoted), rule="partial_in_speech", **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "quoted", "present", "absent"),
    [
        # one word after a noun, a gloss in brackets after it
        ('وحجزت كمية من "الهندي" (التين الشوكي) في المخزن.', "الهندي", ["words=1", "prev=من", "gloss_after", "prev_preposition"], ["pronoun"]),
        # a possessive and an indefinite accusative: somebody's words
        ('معللة قرارها "بسلوكها المسيء"، وكان "محظوظا جدا" بالعثور عليه.', "بسلوكها المسيء", ["pronoun", "first_b", "punct_after=،"], ["accusative"]),
        ('وكان "محظوظا جدا" بالعثور عليه.', "محظوظا جدا", ["accusative", "words=2", "next_word"], ["pronoun"]),
        # the clause starts right after the span: the outlet addressed, not the words said
        ('وصرح لـ"الشروق" بأن الوزارة رفعت درجة الاستعداد.', "الشروق", ["next_complementiser", "first_definite"], ["next_word"]),
        # Latin letters and digits
        ('ونقل موقع "BBC 24" الخبر.', "BBC 24", ["latin", "digits", "words=2"], ["accusative"]),
    ],
)
def test_span_features(text: str, quoted: str, present: list[str], absent: list[str]) -> None:
    features = _features(text, quoted)
    for name in present:
        assert features.get(name), (name, features)
    for name in absent:
        assert not features.get(name), (name, features)


def test_a_span_quoted_again_in_the_article_is_marked() -> None:
    text = 'حجز "الزطلة" في المنزل.'
    assert _features(text, "الزطلة", quoted_counts={"الزطلة": 2})["quoted_again"] == 1.0
    assert "quoted_again" not in _features(text, "الزطلة", quoted_counts={"الزطلة": 1})


@pytest.mark.parametrize(
    ("weight", "kind", "expected"),
    [
        (-3.0, "partial", "term"),  # sure it is a term: the partial becomes one
        (-3.0, "term", "term"),
        (3.0, "term", "partial"),  # sure it is speech (p ≈ 0.95): the term becomes a partial quote
        (0.5, "term", "term"),  # p ≈ 0.62: not sure enough to make words of a name
        (0.5, "partial", "partial"),
        (-0.5, "partial", "term"),  # p ≈ 0.38: a term is likelier
        (-0.1, "partial", "partial"),  # p ≈ 0.48: a coin toss leaves the rules' partial quote
    ],
)
def test_relabel_overrules_the_rules_only_when_sure(weight: float, kind: str, expected: str) -> None:
    assert relabel({"x": 1.0}, Model({"x": weight}), kind=kind) == expected


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_model_reads_checks_and_fails_loudly(tmp_path: Path) -> None:
    assert load_model(tmp_path / "absent.json") is None
    model = load_model(_write(tmp_path / "ok.json", {"feature_version": FEATURE_VERSION, "intercept": 0.5, "weights": {"x": 2.0}}))
    assert model is not None and model.weights == {"x": 2.0} and model.intercept == 0.5
    with pytest.raises(SpanKindModelError, match="retrain"):
        load_model(_write(tmp_path / "old.json", {"feature_version": FEATURE_VERSION - 1, "weights": {}}))
    with pytest.raises(SpanKindModelError, match="cannot read"):
        load_model(_write(tmp_path / "bad.json", {"feature_version": FEATURE_VERSION}))


def test_the_shipped_model_is_current() -> None:
    model = load_model()
    assert model is not None and len(model.weights) > 100


@pytest.mark.parametrize(
    ("text", "quoted", "kind", "rule"),
    [
        # inside a source's statement, the name of a drug in marks is a term, not the source's words
        (
            'وأفاد المصدر ذاته أنه تم حجز 17 كلغ من مخدّر القنب الهندي "الزطلة" في حوزة الموقوفين.',
            "الزطلة",
            "term",
            "partial_in_speech+learned",
        ),
        # a company's name in a minister's clause
        ('وأكد الوزير أن الحكومة ستواصل دعم "الصوناد" في المرحلة القادمة.', "الصوناد", "term", "partial_in_speech+learned"),
        # a group's reasons, quoted in the narration: its words, not a name
        (
            'وقررت الكتلة تجميد عضوية النائبة، معللة قرارها "بسلوكها المسيء إلى سمعة الحزب ووحدة هياكله".',
            "بسلوكها المسيء إلى سمعة الحزب ووحدة هياكله",
            "partial",
            "partial_in_narration+learned",
        ),
        # what the rules already call a partial quote and the model agrees with stays as it was
        ('وقال النائب إن الوزارة تتعامل مع الملف بسياسة "الهروب إلى الأمام".', "الهروب إلى الأمام", "partial", "partial_in_speech"),
    ],
)
def test_the_extractor_relabels_what_the_model_is_sure_of(text: str, quoted: str, kind: str, rule: str) -> None:
    found = [(q.kind, q.text, q.rule) for q in extract_quotes_from_text(text) if q.kind in ("partial", "term")]
    assert (kind, quoted, rule) in found, found


def test_without_a_model_file_the_rules_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.quotes.extract as extract

    monkeypatch.setattr(extract, "load_span_model", lambda: None)
    text = 'وأفاد المصدر ذاته أنه تم حجز 17 كلغ من مخدّر القنب الهندي "الزطلة" في حوزة الموقوفين.'
    found = [(q.kind, q.text, q.rule) for q in extract_quotes_from_text(text) if q.text == "الزطلة"]
    assert found == [("partial", "الزطلة", "partial_in_speech")]
