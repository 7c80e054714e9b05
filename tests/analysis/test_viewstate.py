"""Share-URL view state: defaults on bad input, exact round trips, Arabic through percent-encoding."""

from __future__ import annotations

from dataclasses import fields
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.tokens import Normalization
from analysis.viewstate import (
    DEFAULT_NORMALIZATION,
    ENTITY_LABELS,
    NORMALIZATIONS,
    PAGES,
    QUOTE_KINDS,
    TRENDS,
    ViewState,
    decode_view,
    encode_view,
    view_from_url,
    view_url,
)

CORPUS = "Ab3_-Ab3_-Ab3_-Ab3_-Ab"


def test_defaults() -> None:
    state = ViewState()
    assert encode_view(state) == {}
    assert decode_view({}) == state
    assert state.norm == DEFAULT_NORMALIZATION == frozenset({"dediac", "alef", "alef_maksura", "tatweel"})
    assert state.normalization == Normalization()
    assert state.keep_stopwords is False and state.clitics is True


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("page", "admin"),
        ("page", ""),
        ("corpus", "../x"),
        ("corpus", "a" * 22 + "'"),
        ("corpus", "short"),
        ("lang", "fr"),
        ("ngram", "0"),
        ("ngram", "5"),
        ("ngram", "two"),
        ("ngram", "-1"),
        ("ngram", "1_0"),
        ("top", "4"),
        ("top", "501"),
        ("top", "9" * 400),
        ("top", "1e3"),
        ("clitics", "maybe"),
        ("keep_stopwords", "2"),
        ("norm", "dediac,shouting"),
        ("norm", ""),
        ("kind", "direct,rumour"),
        ("label", "PER"),
        ("backend", "../../etc"),
        ("backend", "Shipped!"),
        ("date_from", "2024-02-30"),
        ("date_from", "yesterday"),
        ("date_to", "2024-1-1"),
        ("date_to", "20240101"),
        ("trend", "weekly"),
        ("trend", "Source"),
    ],
)
def test_invalid_values_fall_back_to_the_default(key: str, value: str) -> None:
    state = decode_view({key: value, "term": "الحكومة"})
    assert getattr(state, key) == getattr(ViewState(), key)
    assert state.term == "الحكومة"  # other fields still decode


def test_unknown_keys_lists_and_long_strings() -> None:
    state = decode_view({"evil": "1", "page": ["quotes", "entities"], "term": "ن" * 5000, "speaker": []})
    assert state.page == "entities"  # the last value wins, as with st.query_params
    assert state.term == "ن" * 200
    assert state.speaker == ""


def test_decode_accepts_loose_spellings() -> None:
    state = decode_view({"clitics": "false", "keep_stopwords": "TRUE", "kind": "term, direct", "norm": "none"})
    assert state.clitics is False and state.keep_stopwords is True
    assert state.kind == frozenset({"term", "direct"})
    assert state.norm == frozenset() and state.normalization == Normalization(*[False] * 6)


def test_encode_is_compact_and_sorted() -> None:
    state = ViewState(page="quotes", corpus=CORPUS, kind=frozenset({"term", "direct"}), clitics=False, top=100)
    assert encode_view(state) == {
        "page": "quotes",
        "corpus": CORPUS,
        "top": "100",
        "clitics": "0",
        "kind": "direct,term",
    }


@pytest.mark.parametrize(
    ("base", "page", "path"),
    [
        ("http://h:8501/", "corpus", "/"),
        ("http://h:8501/quotes", "corpus", "/"),
        ("http://h:8501/corpus", "reader", "/reader"),
        ("http://h/apps/lens/entities", "quotes", "/apps/lens/quotes"),
    ],
)
def test_share_url_path_is_the_page(base: str, page: str, path: str) -> None:
    assert urlsplit(view_url(base, ViewState(page=page))).path == path


def test_arabic_term_survives_url_encoding() -> None:
    state = ViewState(page="frequencies", corpus=CORPUS, term="الحكومة التونسية", speaker="وزير الصحة", ngram=2)
    url = view_url("http://localhost:8501/?stale=1#frag", state)
    assert url.isascii() and "stale" not in url and "#" not in url
    assert urlsplit(url).path == "/frequencies"  # the page is the path: no "page not found" on opening
    assert "%D8%A7%D9%84%D8%AD%D9%83%D9%88%D9%85%D8%A9%20" in url
    assert view_from_url(url) == state
    assert decode_view(parse_qs(urlsplit(url).query)) == state


texts = st.text(max_size=200)
states = st.builds(
    ViewState,
    page=st.sampled_from(PAGES),
    corpus=st.none() | st.from_regex(r"[A-Za-z0-9_-]{22}", fullmatch=True),
    lang=st.sampled_from(("ar", "en")),
    term=texts,
    ngram=st.integers(1, 4),
    top=st.integers(5, 500),
    clitics=st.booleans(),
    keep_stopwords=st.booleans(),
    norm=st.frozensets(st.sampled_from(sorted(NORMALIZATIONS))),
    speaker=texts,
    kind=st.frozensets(st.sampled_from(sorted(QUOTE_KINDS))),
    label=st.frozensets(st.sampled_from(sorted(ENTITY_LABELS))),
    entity=texts,
    article=texts,
    backend=st.sampled_from(("shipped", "camel")),
    source=texts,
    date_from=st.just("") | st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10),
    date_to=st.just("") | st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10),
    trend=st.sampled_from(TRENDS),
)


@given(states)
def test_round_trip(state: ViewState) -> None:
    assert decode_view(encode_view(state)) == state


@given(states)
def test_round_trip_through_url(state: ViewState) -> None:
    assert view_from_url(view_url("https://news.example/app", state)) == state


keys = st.sampled_from([f.name for f in fields(ViewState)]) | st.text(max_size=20)
values = st.text(max_size=300) | st.lists(st.text(max_size=50), max_size=3)


@given(st.dictionaries(keys, values))
def test_decode_never_raises(params: dict[str, str | list[str]]) -> None:
    assert isinstance(decode_view(params), ViewState)
