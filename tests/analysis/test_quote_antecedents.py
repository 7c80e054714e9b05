"""The learned ranker of implicit speakers (analysis/quotes/antecedents.py) and its use by the extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import analysis.quotes.extract as extract
from analysis.quotes import extract_quotes_from_text
from analysis.quotes.antecedents import (
    FEATURE_VERSION,
    AntecedentModelError,
    Context,
    Mention,
    Model,
    Person,
    candidate_features,
    choose_speaker,
    collect_mentions,
    load_model,
)
from analysis.records import Quote

# the rules give these to someone else or to a phrase that names nobody; the ranker finds the speaker
RANKED = [
    (  # the sentence's subject, set off from «مؤكدا» by what he did
        "وقال احد الفلاحين في تصريح لمراسلة الجوهرة اف ام بالجهة، إن آلات توزيع المياه متوفرة منذ سنة 1996. "
        "كما أشار احدهم إلى مشاكل الصحة في الجهة. من جانبه معتمد الجهة منير الغريبي، استقبل عددا من الفلاحين "
        "واستمع إلى مطالبهم، مؤكدا أن دراسة بصدد الإعداد لتزويد المنطقة بماء الشرب.",
        "دراسة بصدد الإعداد لتزويد المنطقة بماء الشرب",
        "منير الغريبي",
    ),
    (  # the man the text names, not the institution whose statement is mentioned
        "وعبر الناصر، في بيان أصدره البرلمان اليوم الثلاثاء عن تمنياته بالشفاء العاجل للجرحى. وجدد رئيس المجلس "
        'محمد الناصر بهذه المناسبة التعبير عن مساندته للمؤسسة الأمنية مؤكدا "ثقته في كل أفراد الشعب التونسي".',
        "ثقته في كل أفراد الشعب التونسي",
        "محمد الناصر",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), RANKED)
def test_the_ranker_finds_the_implicit_speaker(text: str, quote: str, speaker: str) -> None:
    found = {q.text: q for q in extract_quotes_from_text(text)}[quote]
    assert (found.speaker, found.rule.endswith("+ranked")) == (speaker, True)


@pytest.mark.parametrize(("text", "quote", "speaker"), RANKED)
def test_without_the_model_the_rules_choice_stands(monkeypatch: pytest.MonkeyPatch, text: str, quote: str, speaker: str) -> None:
    monkeypatch.setattr(extract, "load_model", lambda: None)
    found = {q.text: q for q in extract_quotes_from_text(text)}[quote]
    assert found.speaker != speaker
    assert "+ranked" not in found.rule


def test_the_next_implicit_quote_of_the_paragraph_goes_on_with_the_rankers_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "وقال الوزير سامي الحمدي إن العمل متواصل. وأكد رئيس البلدية كمال العياري أن الميزانية جاهزة. "
        "وأضاف أن الوضع صعب، مؤكدا أنه سيتم تطبيق القانون."
    )
    calls: list[str | None] = []

    def first_call_prefers_the_minister(features: dict, model: object, *, rule_speaker: str | None) -> str | None:
        calls.append(rule_speaker)
        return "سامي الحمدي" if len(calls) == 1 else rule_speaker

    monkeypatch.setattr(extract, "choose_speaker", first_call_prefers_the_minister)
    found = {q.text: q for q in extract_quotes_from_text(text)}
    assert calls == ["كمال العياري", "كمال العياري"]  # the rules give both implicit quotes to the latest speaker
    assert found["الوضع صعب"].speaker == "سامي الحمدي"
    assert (found["سيتم تطبيق القانون"].speaker, found["سيتم تطبيق القانون"].rule) == ("سامي الحمدي", "participle_that+implicit+ranked")


def test_the_shipped_model_fits_the_features() -> None:
    model = load_model()
    assert model is not None
    assert {"rule", "has_before", "gender=f/F"} <= set(model.weights)
    assert model.weights["rule"] > 0  # the rules' own choice counts for it


def _quote(speaker: str | None, cue: str = "وأضاف") -> Quote:
    return Quote("a", "…", "indirect", 100, 110, speaker=speaker, cue=cue, rule="cue_that+implicit")


def _context(text: str) -> Context:
    return Context(text, [0], [0], [], {})


def test_choose_speaker_keeps_to_the_best_and_names_nobody_on_weak_evidence() -> None:
    features = {"سامي الحمدي": {"rule": 1.0}, "ليلى بن علي": {"recent": 1.0, "has_before": 1.0}}
    model = Model({"rule": 1.0, "recent": 2.0}, intercept=-5.0)
    assert choose_speaker(features, model, rule_speaker="سامي الحمدي") == "ليلى بن علي"
    # where the rules found nobody, a candidate less likely right than wrong is left out
    assert choose_speaker(features, model, rule_speaker=None) is None
    assert choose_speaker(features, Model({"recent": 2.0}, intercept=0.0), rule_speaker=None) == "ليلى بن علي"
    assert choose_speaker({}, model, rule_speaker=None) is None


def test_a_name_first_met_after_the_quote_is_never_chosen() -> None:
    """Implicit speech («وقال إن …») points back: a name the text gives only later is no candidate, however well
    it scores; the rules' own choice stays one."""
    features = {"محمد": {"rule": 1.0, "has_before": 1.0}, "أحمد قريق": {"recent": 1.0}}
    model = Model({"rule": 1.0, "recent": 3.0}, intercept=0.0)
    assert choose_speaker(features, model, rule_speaker="محمد") == "محمد"
    assert choose_speaker({"محمد": {"rule": 1.0}}, model, rule_speaker="محمد") == "محمد"


@pytest.mark.parametrize(
    ("cue", "kept", "dropped"),
    [("وأضافت", "ليلى بن علي", "سامي الحمدي"), ("وأضاف", "سامي الحمدي", "ليلى بن علي")],
)
def test_a_candidate_of_the_other_gender_is_no_candidate(cue: str, kept: str, dropped: str) -> None:
    text = "التقى سامي الحمدي ليلى بن علي في تونس." + " " * 60
    mentions = [Mention(6, 17, "سامي الحمدي", "PERS"), Mention(18, 29, "ليلى بن علي", "PERS")]
    context = Context(text, [0], [0], [], {"سامي الحمدي": "M", "ليلى بن علي": "F"})
    features = candidate_features(_quote(None, cue), 90, mentions, context)
    assert kept in features
    assert dropped not in features


def test_one_tagged_person_is_no_candidate_for_a_plural_verb() -> None:
    """«وأضافوا» is no one person's: a person the tagger or the rules name alone drops out; two people joined by
    «و» and a group stay."""
    text = "التقى سامي الحمدي ممثلي النقابات وسامي وليلى في تونس." + " " * 60
    mentions = [Mention(6, 17, "سامي الحمدي", "PERS"), Mention(18, 32, "ممثلي النقابات", "speaker"), Mention(33, 44, "سامي وليلى", "PERS")]
    features = candidate_features(_quote(None, "وأضافوا"), 90, mentions, _context(text))
    assert set(features) == {"ممثلي النقابات", "سامي وليلى"}
    assert "سامي الحمدي" in candidate_features(_quote(None, "وأضاف"), 90, mentions, _context(text))


def test_the_rules_choice_is_a_candidate_even_unmentioned() -> None:
    features = candidate_features(_quote("مصدر أمني"), 90, [], _context("x" * 120))
    assert features["مصدر أمني"]["rule"] == 1.0
    assert features["مصدر أمني"]["has_before"] == 0.0


def test_a_short_form_of_a_fuller_candidate_and_a_lone_given_name_are_told_apart() -> None:
    """«جولي» beside «جولي آن جيمس» is a short form of the fuller name; «منصف» with no fuller name beside it is a
    passer-by named by his given name («يقول منصف، وهو متقاعد»)."""
    text = "قالت جولي آن جيمس إن جولي تعرف منصف." + " " * 60
    mentions = [Mention(5, 17, "جولي آن جيمس", "speaker"), Mention(21, 25, "جولي", "PERS"), Mention(31, 35, "منصف", "person")]
    features = candidate_features(_quote(None), 90, mentions, _context(text))
    assert [features[n]["in_longer_candidate"] for n in ("جولي آن جيمس", "جولي", "منصف")] == [0.0, 1.0, 0.0]
    assert [n for n, f in features.items() if f.get("lone_given_name")] == ["منصف"]


def test_the_subject_of_a_verb_that_is_no_cue_is_a_candidate_named_before_the_quote() -> None:
    """«وأدانت الصحف السعودية …»: no quote names the papers, yet the rules go on with them at «واعتبرت»; the ranker
    sees where they were named, as a mention of its own kind."""
    text = (
        "قال الوزير سامي الحمدي إن الحكومة ستواصل الإصلاحات. وأدانت الصحف السعودية الصادرة اليوم تصريحات الوزير "
        'واعتبرت أنها "لا تخدم المنطقة".'
    )
    quotes, problems = extract.antecedent_problems(text)
    (n, candidates), = problems
    assert quotes[n].text == "لا تخدم المنطقة"
    features = candidates["الصحف السعودية"]
    assert (features["rule"], features["has_before"], features.get("last_source=subject")) == (1.0, 1.0, 1.0)
    assert features["dchar"] < 4.0  # named a few words before the cue, not «never» (8.0)


def test_a_quote_given_to_the_speaker_the_narration_goes_on_with_is_ranked_too() -> None:
    """A long quote ending a narrated clause («وكان الوزير حمل أمس "…"») has no cue of its own: the rules carry the
    previous speaker on to it, and the ranker weighs that choice like an implicit subject's."""
    text = (
        'قال الوزير سامي الحمدي إن العمل متواصل. وكان الوزير حمل أمس "النظام السابق مسؤولية كل الخروقات التي حصلت '
        'في الجهات الداخلية خلال السنوات الماضية".'
    )
    quotes, problems = extract.antecedent_problems(text)
    (n, candidates), = problems
    assert (quotes[n].rule, quotes[n].speaker) == ("partial_in_narration", "سامي الحمدي")
    assert candidates["سامي الحمدي"]["rule"] == 1.0


def test_mentions_take_the_name_the_quotes_use() -> None:
    quotes = [Quote("a", "…", "indirect", 40, 50, speaker="سامي الحمدي", speaker_mention="الوزير سامي الحمدي", speaker_start=5, speaker_end=23)]
    entities = [(60, 66, "PERS", "الحمدي"), (70, 75, "ORG", "النقابة")]
    persons = [Person(80, "ليلى بن علي", None, "F"), Person(95, "بن علي", None, "")]
    names = [(m.name, m.source) for m in collect_mentions(quotes, entities, persons)]
    assert names == [
        ("سامي الحمدي", "speaker"),
        ("سامي الحمدي", "PERS"),  # «الحمدي» is the speaker named in full before
        ("النقابة", "ORG"),
        ("ليلى بن علي", "person"),
        ("ليلى بن علي", "person"),  # «بن علي»: the one fuller name ending in it
    ]


def test_a_model_of_other_features_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "antecedents.json"
    path.write_text(json.dumps({"feature_version": FEATURE_VERSION + 1, "weights": {"rule": 1.0}}), encoding="utf-8")
    with pytest.raises(AntecedentModelError, match="retrain"):
        load_model(path)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"feature_version": FEATURE_VERSION}), encoding="utf-8")  # no weights
    with pytest.raises(AntecedentModelError, match="cannot read"):
        load_model(broken)
    assert load_model(tmp_path / "absent.json") is None
