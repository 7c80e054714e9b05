"""Frequencies, n-grams, breakdowns and KWIC on small Arabic texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.frequencies import kwic, ngrams_frame, term_breakdown, term_frequencies
from analysis.pipeline import articles_frame
from analysis.records import Article
from analysis.tokens import NO_NORMALIZATION, Normalization, stopwords, tokens_frame

TEXTS = {
    "a": "قال وزير الصحة إن الحكومة ستدعم المستشفيات. وأكد وزير الصحة أن الحملة متواصلة.",
    "b": "دعت الحكومة إلى الحوار، وقال وزير الصحة إن للحكومة خطة.",
}


@pytest.fixture
def articles() -> list[Article]:
    return [
        Article(id=k, source=f"src-{k}", text=v, raw_text=v, date="2024-03-1" + str(i))
        for i, (k, v) in enumerate(TEXTS.items())
    ]


def test_unigram_counts_and_doc_counts(articles: list[Article]) -> None:
    table = term_frequencies(tokens_frame(articles), stopwords=stopwords(), top=None)
    rows = {r.term: (r.count, r.doc_count) for r in table.itertuples()}
    assert rows["الصحة"] == (3, 2)
    assert rows["وزير"] == (3, 2)
    assert rows["الحكومة"] == (2, 2)
    assert "إن" not in rows and "ان" not in rows and "." not in rows


def test_clitics_merge_forms(articles: list[Article]) -> None:
    table = term_frequencies(tokens_frame(articles, clitics=True), stopwords=stopwords(), top=None)
    rows = {r.term: r.count for r in table.itertuples()}
    assert rows["حكومة"] == 3  # الحكومة ×2 + للحكومة


def test_bigrams_do_not_cross_punctuation(articles: list[Article]) -> None:
    grams = ngrams_frame(tokens_frame(articles), n=2)
    assert "وزير الصحة" in set(grams["term"])
    assert "المستشفيات وأكد" not in set(grams["term"])
    assert "الحوار وقال" not in set(grams["term"])
    text = TEXTS["a"]
    row = grams[grams["term"] == "وزير الصحة"].iloc[0]
    assert text[row.start : row.end] == "وزير الصحة"


def test_bigram_stopword_edges_dropped(articles: list[Article]) -> None:
    table = term_frequencies(tokens_frame(articles), n=2, stopwords=stopwords(), top=3)
    assert table.iloc[0].term == "وزير الصحة" and table.iloc[0]["count"] == 3
    assert not any(t.startswith(("إن ", "أن ")) for t in table["term"])


def test_breakdown_by_source(articles: list[Article]) -> None:
    table = term_breakdown(tokens_frame(articles), articles_frame(articles), by="source", terms=["الصحة"])
    assert table.set_index("source")["count"].to_dict() == {"src-a": 2, "src-b": 1}


def test_kwic_rows_point_at_text(articles: list[Article]) -> None:
    rows = kwic(articles, "وزير الصحة", window=2)
    assert len(rows) == 3
    for r in rows.itertuples():
        assert TEXTS[r.article][r.start : r.end] == r.term == "وزير الصحة"
    first = rows.iloc[0]
    assert first.left == "قال" and first.right == "إن الحكومة"


def test_kwic_with_clitics_finds_prefixed_forms(articles: list[Article]) -> None:
    rows = kwic(articles, "الحكومة", clitics=True)
    assert sorted(rows["term"]) == ["الحكومة", "الحكومة", "للحكومة"]


@pytest.mark.parametrize(
    ("text", "term", "options", "found"),
    [
        ("أعلنَ الوزيرُ خطة جديدة.", "اعلن", {}, ["أعلنَ"]),  # diacritics and hamza on alef are normalised
        ("وقال إن للحكومة خطة.", "الحكومة", {"clitics": True}, ["للحكومة"]),
        ("وقال إن للحكومة خطة.", "الحكومة", {}, []),
        ("افتتحت المدرسة أبوابها.", "المدرسه", {"normalization": Normalization(teh_marbuta=True)}, ["المدرسة"]),
        ("افتتحت المدرسة أبوابها.", "المدرسه", {}, []),
        ("زار الوفد تونــس أمس.", "تونس", {}, ["تونــس"]),  # tatweel
        ("Le COVID recule.", "covid", {}, ["COVID"]),
        ("وصرح وزيرُ الصحةِ بأن الوضع مستقر.", "وزير الصحة", {}, ["وزيرُ الصحةِ"]),
        ("وصرح وزيرُ الصحةِ بأن الوضع مستقر.", "وزير الصحه", {"normalization": NO_NORMALIZATION}, []),
    ],
)
def test_kwic_finds_every_spelling_its_options_merge(text: str, term: str, options: dict, found: list[str]) -> None:
    """Articles are skipped when the term is not in their normalised text: the skip must never miss a spelling."""
    rows = kwic([Article(id="a", source="s", text=text, raw_text=text)], term, **options)
    assert rows["term"].tolist() == found
    assert [text[s:e] for s, e in zip(rows["start"], rows["end"], strict=True)] == found


@pytest.mark.parametrize("clitics", [False, True])
@pytest.mark.parametrize("term", ["قال", "قالت", "المنطقة", "الوزارة", "تونس", "سقراط"])
def test_stored_counts_count_what_kwic_finds(sample_articles, term: str, clitics: bool) -> None:
    """A word's trend (summed from the counts stored with each analysis) counts the rows KWIC finds in the token
    stream, per article («قال» is in 2 of the 10 sample articles as written, in 8 with «وقال» counted)."""
    from analysis.frequencies import index_terms, kwic_terms, sum_term_breakdown
    from analysis.tokens import count_terms

    index = index_terms((a.id, count_terms(a.text)) for a in sample_articles)
    counted = kwic_terms(term, clitics=clitics)
    per_article = articles_frame(sample_articles).assign(doc=lambda f: f["id"])
    stored = sum_term_breakdown(index, per_article, by="doc", terms=counted, clitics=clitics)
    found = kwic(sample_articles, term, clitics=clitics)["article"].value_counts()
    assert stored.set_index("doc")["count"].to_dict() == found.to_dict()


@pytest.mark.parametrize("clitics", [False, True])
@pytest.mark.parametrize("term", ["قال", "الحكومة", "وزير الصحة", "تونس", "في تونس", "سقراط", "الوزارة"])
def test_kwic_in_the_articles_the_stored_counts_name_finds_every_row(sample_articles, term: str, clitics: bool) -> None:
    """A search in just the articles whose stored counts hold the term's words gives the rows of the whole corpus."""
    from analysis.frequencies import articles_with, index_terms
    from analysis.tokens import count_terms

    index = index_terms((a.id, count_terms(a.text)) for a in sample_articles)
    held = articles_with(index, term, clitics=clitics)
    assert held is not None
    held = held.tolist()
    everywhere = kwic(sample_articles, term, clitics=clitics)
    assert set(everywhere["article"]) <= {sample_articles[i].id for i in held}
    pd.testing.assert_frame_equal(kwic([sample_articles[i] for i in held], term, clitics=clitics), everywhere)


def test_a_kept_token_stream_is_the_stream_of_the_same_articles_only(sample_articles, tmp_path) -> None:
    from analysis.frequencies import load_token_stream, save_token_stream, token_stream

    path = tmp_path / "streams" / "corpus.npz"
    assert load_token_stream(path, sample_articles) is None  # nothing kept yet
    built = token_stream(sample_articles)
    save_token_stream(built, path)
    kept = load_token_stream(path, sample_articles)
    assert kept is not None and kept.ids == built.ids and kept.texts == built.texts and kept.surfaces == built.surfaces
    for name in ("lengths", "codes", "starts"):
        assert getattr(kept, name).dtype == getattr(built, name).dtype
        assert np.array_equal(getattr(kept, name), getattr(built, name))
    for clitics in (False, True):
        pd.testing.assert_frame_equal(kwic(kept, "الحكومة", clitics=clitics), kwic(built, "الحكومة", clitics=clitics))
    edited = [*sample_articles[:-1], Article(id=sample_articles[-1].id, source="s", text=sample_articles[-1].text + " ", raw_text="")]
    assert load_token_stream(path, edited) is None  # one text differs
    assert load_token_stream(path, sample_articles[:-1]) is None
    path.write_bytes(path.read_bytes()[:100])  # a broken file
    assert load_token_stream(path, sample_articles) is None
    assert [p.name for p in path.parent.iterdir()] == ["corpus.npz"]  # no partial file left


def test_a_token_stream_that_cannot_be_kept_raises_and_leaves_nothing(sample_articles, tmp_path, monkeypatch) -> None:
    from analysis.frequencies import save_token_stream, token_stream

    stream = token_stream(sample_articles)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(OSError):  # the folder cannot be made
        save_token_stream(stream, tmp_path / "a-file" / "corpus.npz")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", full_disk)
    with pytest.raises(OSError):
        save_token_stream(stream, tmp_path / "streams" / "corpus.npz")
    assert list((tmp_path / "streams").iterdir()) == []  # the partial file is gone


def test_empty_inputs() -> None:
    assert term_frequencies(pd.DataFrame(columns=["article", "text", "start", "end", "form", "index", "sentence"])).empty
    with pytest.raises(ValueError):
        ngrams_frame(tokens_frame([]), n=0)


@pytest.mark.parametrize("clitics", [False, True])
def test_stored_counts_equal_token_counts(sample_articles, clitics: bool) -> None:
    """The dashboard's fast path (summing stored per-article counts) gives the token table's frequencies."""
    from analysis.frequencies import sum_term_counts
    from analysis.tokens import count_terms, stopwords, tokens_frame

    words = stopwords()
    fast = sum_term_counts((count_terms(a.text) for a in sample_articles), clitics=clitics, top=None, stopwords=words)
    slow = term_frequencies(tokens_frame(sample_articles, clitics=clitics), top=None, stopwords=words)
    assert len(fast) > 100
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False)


@pytest.mark.parametrize("top", [None, 25])
@pytest.mark.parametrize(("n", "clitics", "normalization"), [(1, True, NO_NORMALIZATION), (2, False, Normalization()), (2, True, Normalization()), (3, True, Normalization(teh_marbuta=True))])
def test_ngram_counts_give_the_token_tables_frequencies_and_breakdowns(
    sample_articles, n: int, clitics: bool, normalization: Normalization, top: int | None
) -> None:
    """The dashboard counts n-grams per article instead of building the token table: same tables, same order."""
    from analysis.frequencies import ngram_breakdown, ngram_counts, top_ngrams

    words = stopwords(normalization)
    counts = ngram_counts(sample_articles, n=n, normalization=normalization, clitics=clitics)
    tokens = tokens_frame(sample_articles, normalization=normalization, clitics=clitics)
    fast = top_ngrams(counts, top=top, stopwords=words)
    slow = term_frequencies(tokens, n=n, top=top, stopwords=words)
    assert len(fast) >= (top or 100)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
    terms = (*slow["term"].head(4), "في تونس")  # a term with a stopword edge is counted too
    articles = articles_frame(sample_articles)
    for by in ("source", "date"):
        expected = term_breakdown(tokens, articles, by=by, terms=terms, n=n)
        pd.testing.assert_frame_equal(ngram_breakdown(counts, articles, by=by, terms=terms), expected, check_dtype=False)


def test_ngram_counts_of_a_token_stream_equal_those_of_its_articles(sample_articles) -> None:
    """The dashboard numbers a corpus's tokens once and counts every table from them."""
    from analysis.frequencies import ngram_counts, token_stream, top_ngrams

    stream = token_stream(sample_articles)
    assert sum(stream.lengths) == len(stream.codes) > 1000
    for n, clitics in ((1, True), (2, False), (3, True)):
        direct = top_ngrams(ngram_counts(sample_articles, n=n, clitics=clitics), top=None)
        pd.testing.assert_frame_equal(top_ngrams(ngram_counts(stream, n=n, clitics=clitics), top=None), direct)


def test_stored_counts_of_no_articles_find_nothing() -> None:
    from analysis.frequencies import index_terms, sum_term_breakdown

    index = index_terms([])
    assert sum_term_breakdown(index, articles_frame([]), by="source", terms=["وزير"], clitics=True).empty


def test_a_term_held_by_no_article_breaks_down_to_nothing(sample_articles) -> None:
    from analysis.frequencies import index_terms, sum_term_breakdown
    from analysis.tokens import count_terms

    index = index_terms((a.id, count_terms(a.text)) for a in sample_articles)
    assert sum_term_breakdown(index, articles_frame(sample_articles), by="date", terms=["غيرموجودة"]).empty


def test_ngram_counts_of_no_articles_are_empty() -> None:
    from analysis.frequencies import ngram_breakdown, ngram_counts, top_ngrams

    counts = ngram_counts([], n=2)
    assert top_ngrams(counts).empty
    assert ngram_breakdown(counts, articles_frame([]), by="source", terms=["وزير الصحة"]).empty


@pytest.mark.parametrize(("clitics", "by"), [(False, "source"), (True, "date"), (True, "source")])
def test_stored_breakdown_equals_token_breakdown(sample_articles, clitics: bool, by: str) -> None:
    from analysis.frequencies import index_terms, sum_term_breakdown, term_breakdown
    from analysis.pipeline import articles_frame
    from analysis.tokens import count_terms, tokens_frame

    articles = articles_frame(sample_articles)
    terms = ("تونس", "الوزير", "قال", "المياه")
    stored = index_terms((a.id, count_terms(a.text)) for a in sample_articles)
    fast = sum_term_breakdown(stored, articles, by=by, terms=terms, clitics=clitics)
    slow = term_breakdown(tokens_frame(sample_articles, clitics=clitics), articles, by=by, terms=terms)
    key = ["term", by]
    assert len(fast) > 3
    pd.testing.assert_frame_equal(fast.sort_values(key).reset_index(drop=True), slow.sort_values(key).reset_index(drop=True), check_dtype=False)


# words, their clitic-bearing and diacritised spellings, punctuation, sentence and paragraph ends, Latin
_WORDS = ["الحكومة", "للحكومة", "وزير", "وزيرُ", "الصحة", "تونس", "بتونس", "في", "قال", "أعلن", "اعلن", "Covid", "2020"]
# «تحديدا.لكن»: a sentence end inside a whitespace-delimited word; «ـ»: a token whose counting form is empty
_MARKS = ["،", ".", "\n", "\r\n", "؟", "!", "…", "«", "»", "تحديدا.لكن", "ـ"]
_TEXTS = st.lists(st.sampled_from([*_WORDS, *_MARKS]), max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(_TEXTS, min_size=1, max_size=3), n=st.integers(1, 3), clitics=st.booleans())
def test_ngram_counts_always_equal_the_token_tables(texts: list[str], n: int, clitics: bool) -> None:
    from analysis.frequencies import ngram_counts, top_ngrams

    articles = [Article(id=f"a{i}", source="s", text=t, raw_text=t) for i, t in enumerate(texts)]
    counts = ngram_counts(articles, n=n, clitics=clitics)
    slow = term_frequencies(tokens_frame(articles, clitics=clitics), n=n, top=None)
    fast = top_ngrams(counts, top=None)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False, check_index_type=False)


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, term=st.sampled_from(["الحكومة", "وزير الصحة", "اعلن", "تونس", "covid", "في تونس"]), clitics=st.booleans())
def test_kwic_always_finds_what_the_token_by_token_search_finds(text: str, term: str, clitics: bool) -> None:
    from analysis.frequencies import kwic_terms
    from analysis.tokens import tokenize_article

    article = Article(id="a", source="s", text=text, raw_text=text)
    forms = [t.form for t in tokenize_article(article, clitics=clitics)]
    target = kwic_terms(term, clitics=clitics)
    expected = sum(forms[i : i + len(target)] == target for i in range(len(forms)))
    rows = kwic([article], term, clitics=clitics)
    assert len(rows) == expected
    assert all(kwic_terms(text[s:e], clitics=clitics) == target for s, e in zip(rows["start"], rows["end"], strict=True))


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(_TEXTS, min_size=1, max_size=4),
    term=st.sampled_from(["الحكومة", "وزير الصحة", "اعلن", "تونس", "covid", "في تونس", "قال", "2020", "،", "الحكومة ،", "ـ"]),
    clitics=st.booleans(),
)
def test_the_stored_counts_always_name_every_article_kwic_finds_a_term_in(texts: list[str], term: str, clitics: bool) -> None:
    """(Or say they cannot: punctuation, which the counts leave out.)"""
    from analysis.frequencies import articles_with, index_terms
    from analysis.tokens import count_terms

    articles = [Article(id=f"a{i}", source="s", text=t, raw_text=t) for i, t in enumerate(texts)]
    held = articles_with(index_terms((a.id, count_terms(a.text)) for a in articles), term, clitics=clitics)
    if held is None:
        assert term in {"،", "الحكومة ،", "ـ"}
        return
    everywhere = kwic(articles, term, clitics=clitics)
    pd.testing.assert_frame_equal(kwic([articles[i] for i in held.tolist()], term, clitics=clitics), everywhere)


# letters, digits, punctuation the tokenizer splits off, every kind of whitespace, and emoji that take camel's own
# per-word path («👍🏽», «‍»): a token's place is found by counting the characters outside whitespace
_ODD_PIECES = [*"قالوزيرة١2a.،«»-ـ", " ", "\n", "\r", "\t", "\xa0", "\u2028", "\x1c", "\u3000", "\u200b", "👍🏽", "\u200d", "\ufe0f"]
_ODD_TEXTS = st.lists(st.sampled_from(_ODD_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_ODD_TEXTS, min_size=1, max_size=4))
def test_a_token_streams_places_point_at_its_tokens(texts: list[str]) -> None:
    from analysis import camel
    from analysis.frequencies import token_stream

    stream = token_stream(Article(id=f"a{i}", source="s", text=t, raw_text=t) for i, t in enumerate(texts))
    bounds = np.cumsum(stream.lengths) - stream.lengths
    for text, first, length in zip(texts, bounds.tolist(), stream.lengths.tolist(), strict=True):
        codes = stream.codes[first : first + length].tolist()
        starts = stream.starts[first : first + length].tolist()
        ends = stream.ends[first : first + length].tolist()
        surfaces = [stream.surfaces[c] for c in codes]
        assert surfaces == camel.tokenize_lines(text)
        assert [(text + "\n")[s:e] for s, e in zip(starts, ends, strict=True)] == surfaces
        assert [(s, e) for s, e, w in zip(starts, ends, surfaces, strict=True) if w != "\n"] == camel.token_spans(text)


def test_the_tokenizers_whitespace_is_every_space_character() -> None:
    """:func:`analysis.frequencies._whitespace` (built from the code points up to U+3000) marks exactly the characters
    :meth:`str.isspace` holds for, over all of Unicode."""
    from analysis.frequencies import _whitespace

    assert np.flatnonzero(_whitespace()).tolist() == [c for c in range(0x110000) if chr(c).isspace()]


def test_kwic_finds_a_term_over_a_line_break_and_counts_no_line_end_in_its_window() -> None:
    text = "قال وزير\nالصحة إن\nالوضع مستقر"
    rows = kwic([Article(id="a", source="s", text=text, raw_text=text)], "وزير الصحة", window=2)
    assert rows[["left", "term", "right"]].values.tolist() == [["قال", "وزير\nالصحة", "إن الوضع"]]


def test_a_stream_keeps_the_counting_forms_of_the_last_few_option_sets() -> None:
    from analysis.frequencies import token_stream

    stream = token_stream([Article(id="a", source="s", text="وللحكومة أعلنَ،", raw_text="")])
    kept = stream.counted(Normalization(), True)
    assert sorted(kept.forms) == ["", "،", "اعلن", "حكومة"]  # a line end's form is ""
    word_of, words = kept.words
    assert sorted(words) == ["اعلن", "حكومة"]
    assert [words[w] if w >= 0 else None for w in word_of] == [f if f in words else None for f in kept.forms]
    assert stream.counted(Normalization(), True) is kept
    for names in (["none"], ["alef"], ["teh_marbuta"], ["alef_maksura"]):
        stream.counted(Normalization.from_names(names), False)
    assert stream.counted(Normalization(), True) is not kept  # the oldest set was let go


def test_a_kept_term_index_reads_back_the_same(tmp_path) -> None:
    from analysis.frequencies import index_terms, load_term_index, save_term_index

    index = index_terms([("a", {"قال": 2, "وزير": 1}), ("b", {"قال": 1}), ("c", {})])
    path = tmp_path / "terms.npz"
    save_term_index(index, path)
    kept = load_term_index(path)
    assert kept is not None
    assert (kept.ids, kept.forms) == (index.ids, index.forms)
    for name in ("bounds", "article", "count"):
        assert getattr(kept, name).tolist() == getattr(index, name).tolist()
        assert getattr(kept, name).dtype == np.int64
    assert [kept.ids[i] for i in kept.postings("قال")[0]] == ["a", "b"]


def test_an_unreadable_or_inconsistent_term_index_is_not_read(tmp_path) -> None:
    from analysis.cache import strings_array, write_npz
    from analysis.frequencies import load_term_index

    assert load_term_index(tmp_path / "none.npz") is None
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    assert load_term_index(broken) is None
    odd = tmp_path / "odd.npz"  # bounds that do not fit the rows
    write_npz(odd, {"ids": strings_array(["a"]), "forms": strings_array(["قال"]), "bounds": np.array([0, 5]),
                    "article": np.zeros(2, dtype=np.int32), "count": np.ones(2, dtype=np.int32)})
    assert load_term_index(odd) is None
