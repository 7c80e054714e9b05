"""Counting forms: normalisation options and conservative clitic splitting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import camel
from analysis.camel import dediacritize
from analysis.records import Article
from analysis.tokens import (
    Normalization,
    clitic_forms,
    morph_forms,
    normalize_word,
    split_clitics,
    stem_of_segments,
    stopwords,
    strip_all_clitics,
    strip_clitics,
    tokenize_article,
    tokens_frame,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("لروسيا", ("ل", "روسيا")),
        ("وبيلاروس", ("و", "بيلاروس")),
        ("بيلاروس", ("", "بيلاروس")),
        ("لبنان", ("", "لبنان")),
        ("وزير", ("", "وزير")),
        ("بوتين", ("", "بوتين")),
        ("فرنسا", ("", "فرنسا")),
        ("وفرنسا", ("و", "فرنسا")),
        ("وبالحكومة", ("وبال", "حكومة")),
        ("للحكومة", ("لل", "حكومة")),
        ("والجزائر", ("وال", "جزائر")),
        ("الله", ("", "الله")),
        ("والذي", ("و", "الذي")),
        ("وقال", ("و", "قال")),
        ("كامل", ("", "كامل")),
        ("بعيد", ("", "بعيد")),
        ("واحد", ("", "واحد")),
        ("لها", ("", "لها")),
        ("Reuters", ("", "Reuters")),
        ("وَقال", ("وَ", "قال")),  # a diacritic on the proclitic stays with it
        ("لِلحكومة", ("لِل", "حكومة")),
        ("والـجزائر", ("والـ", "جزائر")),  # tatweel after the article
        ("فَـلروسيا", ("فَـل", "روسيا")),
    ],
)
def test_split_clitics(word: str, expected: tuple[str, str]) -> None:
    assert split_clitics(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("للحكومة", "الحكومة"), ("والجزائر", "الجزائر"), ("لروسيا", "روسيا"), ("بيلاروس", "بيلاروس"), ("بالمغرب", "المغرب")],
)
def test_strip_clitics_keeps_article_by_default(word: str, expected: str) -> None:
    assert strip_clitics(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("للحكومة", ("الحكومة", "حكومة")),
        ("وبالحكومة", ("الحكومة", "حكومة")),
        ("والجزائر", ("الجزائر", "جزائر")),
        ("الجزائر", ("الجزائر", "جزائر")),
        ("لروسيا", ("روسيا", "روسيا")),
        ("وبيلاروس", ("بيلاروس", "بيلاروس")),
        ("لبنان", ("لبنان", "لبنان")),
        ("الله", ("الله", "الله")),
        ("لها", ("لها", "لها")),
        ("Reuters", ("Reuters", "Reuters")),
        ("لِلحكومة", ("الحكومة", "حكومة")),
        ("بِالمغرب", ("المغرب", "مغرب")),
        ("والـجزائر", ("الـجزائر", "جزائر")),
    ],
)
def test_clitic_forms_with_and_without_the_article(word: str, expected: tuple[str, str]) -> None:
    assert clitic_forms(word) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="والبكلفتسيرمنأإآةىءئؤ", min_size=1, max_size=9))
def test_clitic_forms_is_strip_clitics_both_ways(word: str) -> None:
    assert clitic_forms(word) == (strip_clitics(word), strip_clitics(word, article=True))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="والبكلفتسيرمنأإآةىءئؤـًَّ", min_size=1, max_size=9), max_size=12), st.booleans())
def test_strip_all_clitics_is_strip_clitics_of_each(words: list[str], article: bool) -> None:
    """A vocabulary stripped in one pass (tatweel and diacritics normalised away in its lexicon keys) gives what each
    word gives alone."""
    assert strip_all_clitics(words, article=article) == [strip_clitics(w, article=article) for w in words]


@pytest.mark.parametrize(
    ("words", "article", "expected"),
    [
        (["للحكومة", "وبالحكومة", "لروسيا", "وبيلاروس", "Reuters"], True, ["حكومة", "حكومة", "روسيا", "بيلاروس", "Reuters"]),
        (["للحكومة", "والجزائر", "لبنان"], False, ["الحكومة", "الجزائر", "لبنان"]),
        ([], True, []),
    ],
)
def test_strip_all_clitics(words: list[str], article: bool, expected: list[str]) -> None:
    assert strip_all_clitics(words, article=article) == expected


def test_normalization_from_names() -> None:
    assert Normalization.from_names(["all"]) == Normalization(True, True, True, True, True, True)
    assert Normalization.from_names(["none"]) == Normalization(False, False, False, False, False, False)
    with pytest.raises(ValueError, match="unknown"):
        Normalization.from_names(["bogus"])


def _article(text: str) -> Article:
    return Article(id="a", source="a", text=text, raw_text=text)


def test_forms_follow_options() -> None:
    text = "أعلنَتْ الحكومةُ لروسيا"
    plain = [t.form for t in tokenize_article(_article(text), normalization=Normalization.from_names(["none"]))]
    assert plain == ["أعلنَتْ", "الحكومةُ", "لروسيا"]
    full = [t.form for t in tokenize_article(_article(text), normalization=Normalization(teh_marbuta=True), clitics=True)]
    assert full == ["اعلنت", "حكومه", "روسيا"]


def test_tokens_frame_offsets_and_sentences() -> None:
    text = "قال الوزير: نعم.\nوأضاف: لا."
    frame = tokens_frame([_article(text)])
    assert list(frame.columns) == ["article", "text", "start", "end", "form", "index", "sentence"]
    assert all(text[r.start : r.end] == r.text for r in frame.itertuples())
    assert frame.groupby("sentence").size().to_dict() == {0: 5, 1: 4}


def test_stopwords_cover_function_words_and_forms() -> None:
    stops = stopwords()
    for word in ("في", "من", "على", "إلى", "أنّ", "التي", "وقد"):
        assert normalize_word(word, Normalization()) in stops
    assert "علي" in stops and "على" not in stops  # forms are normalised: ى → ي
    assert "تونس" not in stops and "حكومة" not in stops


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("وفبلكالرسيانتزمح «»\".،\nًَّ")), max_size=60))
def test_offsets_always_point_at_token_text(text: str) -> None:
    for token in tokenize_article(_article(text), clitics=True):
        assert text[token.start : token.end] == token.text
        if not token.form:  # only a mark-only token normalises to nothing
            assert dediacritize(token.text).replace("ـ", "") == ""


@pytest.mark.parametrize(
    ("segments", "stem"),
    [
        (["و+", "ب+", "ال+", "حكومة"], "حكومة"),
        (["كتاب", "+ه"], "كتاب"),
        (["س+", "ي+", "كتب", "+ون"], "كتب"),
        (["روسيا"], "روسيا"),
        (["و+"], "و"),
    ],
)
def test_stem_of_segments(segments: list[str], stem: str) -> None:
    assert stem_of_segments(segments) == stem


def test_morph_forms_without_camel_data_fails_clearly(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    camel.morph_tokenizer.cache_clear()
    with pytest.raises(camel.CamelDataMissingError, match="camel_data -i"):
        morph_forms(["والحكومة"])


@pytest.mark.parametrize(
    ("word", "kept"),
    [("وحدة", True), ("وزارة", True), ("بيلاروس", True), ("وحدته", False), ("وفوزي", False), ("لروسيا", False)],
)
def test_keeps_proclitics_reads_the_protected_words(word: str, kept: bool) -> None:
    from analysis.tokens import keeps_proclitics

    assert keeps_proclitics(word) is kept
