"""The dashboard through streamlit's AppTest: pages, URL state, uploads, escaping."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import ui.data
import ui.i18n
from analysis.store import sample_corpus_id
from analysis.viewstate import PAGES, ViewState, decode_view, encode_view, view_from_url
from tests.conftest import sample_files
from tests.ui.conftest import TIMEOUT, html_bodies
from ui.i18n import LABELS

MakeApp = Callable[..., AppTest]
SAMPLE_ID = sample_corpus_id(sample_files())
HOSTILE_HTML = (
    b"<html><head><title>hostile</title><script>alert('head')</script></head><body><article>"
    b"<h1>\xd8\xae\xd8\xa8\xd8\xb1</h1>"
    + "<p>قال الوزير إن الحكومة ستواصل العمل في كل المناطق دون توقف هذا العام. ".encode()
    * 6
    + b"&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;</p>"
    b"<img src=x onerror=alert(3)><script>alert(4)</script>"
    b"</article></body></html>"
)
HOSTILE_TEXT = 'عنوان\nقال الوزير: "<script>alert(1)</script>" و<img src=x onerror=alert(2)> في تونس.\n'.encode()


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def _share_url(at: AppTest) -> str:
    """The URL the sidebar's share-link component shows (its mount data)."""
    links = [el for el in at.sidebar.get("bidi_component") if el.proto.component_name == "nl_share_link"]
    assert len(links) == 1
    return json.loads(links[0].proto.json)["url"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_sample_corpus(data_dir, make_app: MakeApp, page: str) -> None:
    at = make_app(page=page)
    _no_exception(at)
    assert at.query_params.get("corpus") == SAMPLE_ID
    assert decode_view(at.query_params).page == page
    assert at.header, "every page has a header"


def test_pages_switch_and_keep_the_view(data_dir, make_app: MakeApp) -> None:
    at = make_app(term="وزارة")
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        _no_exception(at)
        view = decode_view(at.query_params)
        assert (view.page, view.corpus, view.term) == (page, SAMPLE_ID, "وزارة")


def test_first_launch_opens_the_sample_corpus(data_dir, make_app: MakeApp) -> None:
    at = make_app()
    _no_exception(at)
    assert at.query_params["corpus"] == SAMPLE_ID
    articles = at.dataframe[0].value
    assert len(articles) == 10
    assert {"id", "title", "source", "date", "byline", "n_removed", "arabic_share"} <= set(articles.columns)


def test_query_params_reproduce_the_frequencies_view(data_dir, make_app: MakeApp) -> None:
    wanted = ViewState(page="frequencies", corpus=SAMPLE_ID, term="الحكومة", ngram=2, clitics=False, top=20)
    at = make_app(**encode_view(wanted))
    _no_exception(at)
    assert at.text_input(key="nl_w_term").value == "الحكومة"
    assert at.slider(key="nl_w_ngram").value == 2
    assert at.toggle(key="nl_w_clitics").value is False
    assert at.number_input(key="nl_w_top").value == 20
    assert decode_view(at.query_params) == wanted
    assert decode_view(encode_view(wanted)) == wanted
    # the share link shown in the sidebar reopens the same view
    assert view_from_url(_share_url(at)) == wanted


def test_picking_a_term_from_the_list_fills_the_kwic_box(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="frequencies")
    picker = at.selectbox(key="term_pick")
    assert picker.options[0] == "—"  # a visible «none», not Streamlit's English placeholder
    term = picker.options[1]
    picker.set_value(term).run()
    _no_exception(at)
    assert at.text_input(key="nl_w_term").value == term and at.query_params["term"] == term


def test_widgets_write_the_url_and_an_edited_url_updates_widgets(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="frequencies")
    at.text_input(key="nl_w_term").set_value("وزارة").run()
    at.toggle(key="nl_w_clitics").set_value(False).run()
    _no_exception(at)
    assert at.query_params["term"] == "وزارة"
    assert decode_view(at.query_params).clitics is False
    assert not at.dataframe[-1].value.empty  # KWIC rows
    at.query_params["term"] = "تونس"
    at.run()
    assert at.text_input(key="nl_w_term").value == "تونس"
    assert decode_view(at.query_params).clitics is False  # untouched parameters keep their value


def test_language_switch(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="quotes")
    assert at.header[0].value == "الاقتباسات"
    at.sidebar.radio[0].set_value("en").run()
    _no_exception(at)
    assert at.header[0].value == "Quotes"
    assert at.query_params["lang"] == "en"


def test_quote_filters_round_trip(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="quotes", kind="direct")
    _no_exception(at)
    assert at.multiselect(key="nl_w_kind").value == ["direct"]
    speakers = at.selectbox(key="nl_w_speaker").options
    speaker = next(s for s in speakers if s not in ("", "?", "الكل"))
    at.selectbox(key="nl_w_speaker").set_value(speaker).run()
    _no_exception(at)
    assert at.query_params["speaker"] == speaker
    table = at.dataframe[0].value
    assert not table.empty and set(table["speaker"]) == {speaker} and set(table["kind"]) == {"direct"}


@pytest.mark.parametrize(
    ("page", "keys"),
    [("quotes", ["nl_w_source", "nl_w_article", "nl_w_speaker"]), ("entities", ["nl_w_entity"]), ("reader", ["nl_w_article"])],
)
def test_select_boxes_showing_their_default_are_not_set_through_the_session(
    data_dir, make_app: MakeApp, page: str, keys: list[str]
) -> None:
    """A value written to ``st.session_state`` marks the widget's element as set, and the browser rebuilds the
    select box's options for it, on the first run and again on the next (0.2–0.3 s each for 10,000 articles)."""
    at = make_app(page=page)
    _no_exception(at)
    first = {key: at.selectbox(key=key).proto.SerializeToString() for key in keys}
    assert not any(at.selectbox(key=key).proto.set_value for key in keys)
    at.run()
    assert {key: at.selectbox(key=key).proto.SerializeToString() for key in keys} == first


def test_an_edited_url_sets_only_the_widgets_it_changes(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="quotes")
    at.query_params["kind"] = "direct"
    at.run()
    _no_exception(at)
    assert at.multiselect(key="nl_w_kind").value == ["direct"] and at.multiselect(key="nl_w_kind").proto.set_value
    assert not any(at.selectbox(key=key).proto.set_value for key in ("nl_w_source", "nl_w_article", "nl_w_speaker"))


def test_a_share_links_speaker_is_shown_by_the_speaker_box(data_dir, make_app: MakeApp) -> None:
    speaker = next(s for s in make_app(page="quotes").selectbox(key="nl_w_speaker").options if s not in ("", "الكل"))
    at = make_app(page="quotes", speaker=speaker)
    _no_exception(at)
    assert at.selectbox(key="nl_w_speaker").value == speaker
    assert set(at.dataframe[0].value["speaker"]) == {speaker}
    at.run()
    assert at.selectbox(key="nl_w_speaker").value == speaker and at.query_params["speaker"] == speaker


def test_quote_aggregates_are_not_recomputed_on_rerun(data_dir, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Picking a speaker changes neither the per-speaker counts nor the speaker × article matrix: both come from the
    cache on that rerun, and again when the matrix's first grouping is chosen back."""
    import analysis.quotes
    import ui.data

    calls: list[str] = []
    for name in ("count_speakers", "speaker_matrix"):
        original = getattr(analysis.quotes, name)

        def counted(*args: object, _name: str = name, _original=original, **kwargs: object) -> object:
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(analysis.quotes, name, counted)  # where the page itself would look it up
        monkeypatch.setattr(ui.data, name, counted)
    import streamlit as st

    st.cache_data.clear()  # computed on this first run, whatever ran before
    at = make_app(page="quotes", kind="partial")
    _no_exception(at)
    assert calls, "the first run computes the aggregates"
    calls.clear()
    speaker = at.selectbox(key="nl_w_speaker").options[1]
    at.selectbox(key="nl_w_speaker").set_value(speaker).run()
    at.radio(key="matrix_by").set_value("source").run()
    at.radio(key="matrix_by").set_value("article").run()
    _no_exception(at)
    assert calls == ["speaker_matrix"], "only the new grouping (source) is computed"


def test_loaded_analyses_are_kept_out_of_the_garbage_collectors_walk(data_dir, make_app: MakeApp) -> None:
    """A corpus's analyses stay in memory for the server's life: frozen (``gc.freeze``), full collections skip them
    (on 10,000 articles a collection walking them took 0.2 s at a random rerun)."""
    import gc

    import streamlit as st

    st.cache_data.clear()  # the page's tables come from these caches first
    st.cache_resource.clear()
    gc.unfreeze()
    at = make_app(page="quotes")
    _no_exception(at)
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    at.selectbox(key="nl_w_speaker").select_index(1).run()  # the analyses come from the cache: nothing is frozen again
    assert gc.get_freeze_count() <= frozen  # frozen objects freed since may lower it; a new freeze would raise it


def test_analyses_are_frozen_as_read_and_collected_after_the_page_is_drawn(
    data_dir, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The analyses are frozen as soon as they are read, without a collection; the collection before the freeze of
    the tables the run built from them waits until the chart is sent."""
    import gc

    import streamlit as st

    from ui import plot

    st.cache_data.clear()  # the page's tables come from these caches first
    st.cache_resource.clear()
    order: list[str] = []
    show, freeze, collect = plot.show, gc.freeze, gc.collect
    monkeypatch.setattr(plot, "show", lambda *a, **k: (order.append("chart"), show(*a, **k))[1])
    monkeypatch.setattr(gc, "freeze", lambda: (order.append("freeze"), freeze())[1])
    monkeypatch.setattr(gc, "collect", lambda *a: (order.append("collect"), collect(*a))[1])
    at = make_app(page="quotes")
    _no_exception(at)
    assert order == ["freeze", "chart", "collect", "freeze"]
    at.selectbox(key="nl_w_speaker").select_index(1).run()  # nothing newly loaded: nothing to freeze
    assert order == ["freeze", "chart", "collect", "freeze", "chart"]


def test_speaker_entity_links_are_computed_when_opened(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="quotes")
    _no_exception(at)
    assert len(at.expander) == 1 and not at.expander[0].children, "closed: nothing computed inside"
    at.session_state["speaker_links_open"] = True  # what a click on the expander sets
    at.run()
    _no_exception(at)
    links = at.expander[0].dataframe[0].value
    assert not links.empty and "speaker" in links.columns


def test_entities_and_mentions(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="entities", label="LOC")
    _no_exception(at)
    top = at.dataframe[0].value
    assert set(top["label"]) == {"LOC"}
    entity = top.iloc[0]["canonical"]
    at.selectbox(key="nl_w_entity").set_value(entity).run()
    _no_exception(at)
    assert at.query_params["entity"] == entity
    mentions = at.dataframe[-1].value
    assert len(mentions) >= 1 and {"left", "mention", "right", "article"} <= set(mentions.columns)


def _headers(element) -> dict[str, str]:
    """The header each configured column of a table shows (``st.dataframe``'s column config, as sent)."""
    config = json.loads(element.proto.columns or "{}")
    return {column: spec["label"] for column, spec in config.items() if "label" in spec}


def _all_tables(at: AppTest, page: str) -> list:
    """Every table ``page`` draws on the sample corpus, the ones shown on request included."""
    if page == "entities":
        at.selectbox(key="nl_w_entity").set_value(at.dataframe[0].value.iloc[0]["canonical"]).run()
    if page == "reader":
        at.toggle(key="show_removed").set_value(True).run()
    if page == "quotes":
        at.expander[0].open = True  # the speaker-entity links, drawn once opened
        at.session_state["speaker_links_open"] = True
        at.run()
    _no_exception(at)
    return list(at.dataframe)


@pytest.mark.parametrize(("lang", "side"), [("ar", 0), ("en", 1)])
@pytest.mark.parametrize(
    ("page", "params", "expected"),
    [
        ("corpus", {}, 2),  # articles, cleaning report
        ("frequencies", {"term": "تونس"}, 1),  # KWIC
        ("quotes", {}, 3),  # quotes, speaker × article, speaker-entity links
        ("entities", {}, 3),  # top entities, co-occurrence, mentions
        ("reader", {"article": "01_water_scraped.txt"}, 3),  # removed spans, quotes, entities
    ],
)
def test_tables_head_their_columns_in_the_pages_language(
    data_dir, make_app: MakeApp, monkeypatch, lang: str, side: int, page: str, params: dict[str, str], expected: int
) -> None:
    """Every column the analysis names is headed in the page's language («المتحدث», «Speaker»); the frame behind
    the table (selections, downloads) keeps the analysis's names. The speaker × article matrix heads its index."""
    # AppTest formats widget labels (``format_func=t``) outside the session, where the language is the default
    monkeypatch.setattr(ui.i18n, "current_lang", lambda: lang)
    tables = _all_tables(make_app(page=page, lang=lang, **params), page)
    assert len(tables) == expected
    for table in tables:
        shown = _headers(table)
        named = [column for column in table.value.columns if column in LABELS]
        assert named or shown.get("_index") == LABELS["speaker"][side], table.value.columns
        assert {column: shown.get(column) for column in named} == {column: LABELS[column][side] for column in named}


def test_codes_read_as_words_and_stay_codes_in_the_url(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="quotes", kind="direct")
    kinds = at.multiselect(key="nl_w_kind")
    assert sorted(kinds.options) == sorted(["مباشر", "جزئي", "غير مباشر", "مصطلح بين علامتين"])
    assert kinds.value == ["direct"] and at.query_params["kind"] == "direct"
    cells = json.loads(at.dataframe[0].proto.columns)["kind"]["type_config"]["options"]
    assert {option["value"]: option["label"] for option in cells}["direct"] == "مباشر"
    assert set(at.dataframe[0].value["kind"]) == {"direct"}
    at = make_app(page="entities", label="PERS")
    assert "شخص" in at.multiselect(key="nl_w_label").options and at.query_params["label"] == "PERS"
    at = make_app(page="frequencies", lang="en")
    assert "Diacritics" in at.multiselect(key="nl_w_norm").options


def test_reader_opens_the_article_from_the_url(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="reader", article="01_water_scraped.txt")
    _no_exception(at)
    assert at.selectbox(key="nl_w_article").value == "01_water_scraped.txt"
    bodies = "".join(html_bodies(at))
    assert '<mark class="nl-quote"' in bodies and 'class="nl-ent"' in bodies
    at.toggle(key="show_removed").set_value(True).run()
    _no_exception(at)
    removed = at.dataframe[0].value
    assert {"reason", "text"} <= set(removed.columns) and not removed.empty


def test_unknown_corpus_falls_back_to_the_sample(data_dir, make_app: MakeApp) -> None:
    at = make_app(corpus="A" * 22)
    _no_exception(at)
    assert at.warning
    assert at.query_params["corpus"] == SAMPLE_ID


def test_upload_creates_a_corpus_and_reports_bad_files(fresh_data_dir, make_app: MakeApp) -> None:
    at = make_app()
    uploader = at.get("file_uploader")[0]
    uploader.set_value([("hostile.html", HOSTILE_HTML, "text/html"), ("broken.json", b"{not json", "application/json")])
    at.run()
    _no_exception(at)
    assert any("broken.json" in e.value for e in at.error)
    new_id = at.query_params["corpus"]
    assert new_id != SAMPLE_ID and len(new_id) == 22
    assert at.dataframe[0].value["id"].tolist() == ["hostile.html"]
    # the sample corpus is untouched and still listed
    assert any(SAMPLE_ID[:6] in option for option in at.selectbox(key="nl_w_corpus").options)


def test_uploaded_markup_is_rendered_escaped(fresh_data_dir, make_app: MakeApp) -> None:
    at = make_app()
    at.get("file_uploader")[0].set_value(
        [("hostile.html", HOSTILE_HTML, "text/html"), ("hostile.txt", HOSTILE_TEXT, "text/plain")]
    )
    at.run()
    corpus = at.query_params["corpus"]
    for article in ("hostile.html", "hostile.txt"):
        at = make_app(page="reader", corpus=corpus, article=article)
        _no_exception(at)
        bodies = html_bodies(at)
        joined = "".join(bodies)
        assert "&lt;script&gt;" in joined or article == "hostile.html"
        for body in bodies:
            lowered = body.lower()
            assert "<script" not in lowered
            assert "<img" not in lowered
    at = make_app(page="quotes", corpus=corpus)
    _no_exception(at)
    assert all("<script" not in body.lower() for body in html_bodies(at))


@pytest.mark.legacy_pages
def test_pages_started_without_the_router_still_get_it(data_dir, make_app: MakeApp) -> None:
    """Legacy multipage mode (AppTest's default here) runs page files directly: the guard re-routes."""
    at = make_app(page="frequencies")
    for _ in range(2):
        at.run()
        _no_exception(at)
        assert _share_url(at), "the router's sidebar (share link) is drawn"
        assert decode_view(at.query_params).page == "frequencies"
    at.toggle(key="nl_w_clitics").set_value(False).run()
    _no_exception(at)
    assert decode_view(at.query_params).clitics is False


def test_pasted_text_is_added(fresh_data_dir, make_app: MakeApp) -> None:
    at = make_app()
    at.text_area[0].set_value(HOSTILE_TEXT.decode())
    at.text_input[0].set_value("<b>عنوان</b>")
    at.button[0].click()  # the paste form's submit button
    at.run()
    _no_exception(at)
    assert at.success
    assert at.query_params["corpus"] != SAMPLE_ID
    articles = at.dataframe[0].value
    assert len(articles) == 1 and articles["title"].iloc[0] == "<b>عنوان</b>"


def test_entities_page_offers_the_installed_ner_backends(data_dir, make_app: MakeApp, monkeypatch, tmp_path) -> None:
    """Without CAMeL's NER data only the shipped CRF is offered, and the page says how to get CAMeL's."""
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no-camel-data"))
    at = make_app(page="entities")
    _no_exception(at)
    radio = at.radio(key="nl_w_backend")
    assert radio.options == ["المدمج (CRF)"]
    assert any("camel_data -i ner-arabert" in c.value for c in at.caption)


@pytest.mark.parametrize(("clitics", "ngram", "rows"), [(True, 2, 6), (False, 3, 1)])
def test_a_kwic_terms_trend_counts_what_kwic_finds(data_dir, make_app: MakeApp, clitics: bool, ngram: int, rows: int) -> None:
    """The trend of a typed term counts the forms KWIC matches («الوزارة» is «وزارة» with clitics stripped, as in
    «وزارة الصحة»), at the term's own length whatever n-gram table is shown: per source they add up to the KWIC rows."""
    view = ViewState(page="frequencies", corpus=SAMPLE_ID, term="الوزارة", ngram=ngram, clitics=clitics)
    at = make_app(**encode_view(view))
    _no_exception(at)
    assert len(at.dataframe[-1].value) == rows
    at.session_state["trend_tab"] = LABELS["by_source"][0]  # the per-source tab
    at.run()
    per_source = [json.loads(json.loads(el.proto.json)["figure"]) for el in at.get("bidi_component") if "trend_source" in el.proto.id]
    assert len(per_source) == 1
    assert sum(_plotly_values(trace["x"]).sum() for trace in per_source[0]["data"]) == rows


def _chart_keys(at: AppTest) -> list[str]:
    return [key for el in at.get("bidi_component") for key in ("freq_chart", "trend_date", "trend_source") if key in el.proto.id]


def test_only_the_open_trend_tab_is_counted_and_drawn(data_dir, make_app: MakeApp, monkeypatch) -> None:
    """The breakdown by date is drawn on the first view, the one by source only once its tab is open (each filter
    change used to count and draw both)."""
    calls: list[str] = []
    breakdown = ui.data.breakdown
    monkeypatch.setattr(ui.data, "breakdown", lambda k, terms, by, *rest: calls.append(by) or breakdown(k, terms, by, *rest))
    at = make_app(page="frequencies")
    _no_exception(at)
    assert (_chart_keys(at), calls) == (["freq_chart", "trend_date"], ["date"])
    at.session_state["trend_tab"] = LABELS["by_source"][0]
    at.run()
    _no_exception(at)
    assert (_chart_keys(at), calls) == (["freq_chart", "trend_source"], ["date", "source"])
    assert at.query_params["trend"] == "source"  # the share link keeps the open tab


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_share_link_opens_the_trend_tab_it_names(data_dir, make_app: MakeApp, monkeypatch, lang: str) -> None:
    monkeypatch.setattr(ui.i18n, "current_lang", lambda: lang)  # (AppTest formats labels outside the session)
    at = make_app(page="frequencies", trend="source", lang=lang)
    _no_exception(at)
    assert _chart_keys(at) == ["freq_chart", "trend_source"]
    assert decode_view(at.query_params).trend == "source"
    at.session_state["trend_tab"] = LABELS["by_date"][0 if lang == "ar" else 1]
    at.run()
    _no_exception(at)
    assert _chart_keys(at) == ["freq_chart", "trend_date"] and "trend" not in at.query_params
    at.query_params["trend"] = "source"  # the address edited by hand
    at.run()
    assert _chart_keys(at) == ["freq_chart", "trend_source"]


def test_the_open_trend_tab_survives_a_language_switch(data_dir, make_app: MakeApp) -> None:
    at = make_app(page="frequencies", trend="source")
    at.sidebar.radio[0].set_value("en").run()
    _no_exception(at)
    assert _chart_keys(at) == ["freq_chart", "trend_source"] and at.query_params["trend"] == "source"


def _plotly_values(values: list | dict) -> np.ndarray:
    """A figure's array as plotly's JSON writes it: a list, or typed bytes in base64 (``{"dtype", "bdata"}``)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.asarray(values)


def test_a_kwic_search_before_the_token_stream_is_built_tokenises_only_the_terms_articles(
    data_dir, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term searched before anybody has started numbering the corpus's tokens (a share link's first view: the page
    hands that to the background thread once drawn) is found in the articles the stored counts name: the same rows."""
    import analysis.frequencies
    import ui.data

    streams: list[int] = []
    original = ui.data.token_stream
    monkeypatch.setattr(ui.data, "token_stream", lambda articles: streams.append(1) or original(articles))
    monkeypatch.setattr(ui.data, "cache_dir", lambda: None)  # no stream kept by an earlier process
    monkeypatch.setattr(ui.data, "prefetch_tokens", lambda *args: None)  # the background thread has not run yet
    searched: list[int] = []
    monkeypatch.setattr(
        analysis.frequencies, "token_stream", lambda articles: searched.append(len(articles)) or original(articles)
    )
    ui.data._token_stream.clear()
    ui.data.kwic_rows.clear()
    ui.data._STREAMS.clear()
    at = make_app(page="frequencies", corpus=SAMPLE_ID)
    _no_exception(at)
    at.text_input(key="nl_w_term").set_value("الحكومة").run()
    _no_exception(at)
    assert streams == []  # the corpus's stream was not built
    total = len(ui.data._articles(ui.data.key(SAMPLE_ID)))
    assert searched and 0 < searched[-1] < total  # only the articles holding the term were tokenised
    rows = at.dataframe[-1].value
    assert len(rows) > 0
    ui.data._token_stream(ui.data.key(SAMPLE_ID))  # now built: the search goes through it
    ui.data.kwic_rows.clear()
    at.run()
    _no_exception(at)
    assert streams == [1]
    assert at.dataframe[-1].value.equals(rows)


def test_a_corpuss_token_stream_is_kept_for_the_next_server_process(data_dir, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stream built once is read back by a new process (here: the cache emptied) instead of built again, and
    a file left by other articles is not trusted."""
    import ui.data
    from analysis.frequencies import save_token_stream

    streams: list[int] = []
    original = ui.data.token_stream
    monkeypatch.setattr(ui.data, "token_stream", lambda articles: streams.append(1) or original(articles))
    monkeypatch.setattr(ui.data, "cache_dir", lambda: tmp_path)
    k = ui.data.key(ui.data.sample_id())
    ui.data._token_stream.clear()
    built = ui.data._token_stream(k)
    assert streams == [1] and [p.name for p in (tmp_path / "token-streams").iterdir()] == [ui.data._stream_path(k).name]
    ui.data._token_stream.clear()  # a new server process
    kept = ui.data._token_stream(k)
    assert streams == [1]
    assert kept.ids == built.ids and kept.surfaces == built.surfaces
    assert all(np.array_equal(getattr(kept, a), getattr(built, a)) for a in ("lengths", "codes", "starts"))
    save_token_stream(original(ui.data._articles(k)[:1]), ui.data._stream_path(k))
    ui.data._token_stream.clear()
    assert ui.data._token_stream(k).ids == built.ids and streams == [1, 1]  # another corpus's stream: built again


def test_only_the_token_streams_used_last_are_kept(data_dir, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import ui.data

    monkeypatch.setattr(ui.data, "cache_dir", lambda: tmp_path)
    folder = tmp_path / "token-streams"
    folder.mkdir()
    old = []
    for n in range(9):  # streams of other corpora, used 9 … 1 hours ago
        path = folder / f"corpus{n}-00000000.npz"
        path.write_bytes(b"")
        os.utime(path, (0, 1_000_000 + 3600 * n))
        old.append(path)
    k = ui.data.key(ui.data.sample_id())
    ui.data._token_stream.clear()
    ui.data._token_stream(k)  # built and kept: the two used longest ago are deleted
    assert sorted(folder.iterdir()) == sorted([ui.data._stream_path(k), *old[2:]])
    os.utime(ui.data._stream_path(k), (0, 1_000_000))  # the sample's stream, as if unused since
    ui.data._token_stream.clear()
    ui.data._token_stream(k)  # read back: used now
    assert ui.data._stream_path(k).stat().st_mtime_ns > old[-1].stat().st_mtime_ns


def test_the_frequencies_page_numbers_the_tokens_in_the_background_for_kwic(
    data_dir, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's unigram table comes from the stored counts; once it is drawn a background thread numbers the
    corpus's tokens, and the first KWIC search then finds them ready: the texts are tokenised once."""
    import ui.data

    streams: list[int] = []
    original = ui.data.token_stream
    monkeypatch.setattr(ui.data, "token_stream", lambda articles: streams.append(1) or original(articles))
    monkeypatch.setattr(ui.data, "cache_dir", lambda: None)  # no stream kept by an earlier process
    ui.data._token_stream.clear()
    at = make_app(page="frequencies", corpus=SAMPLE_ID)
    _no_exception(at)
    ui.data._PREFETCH.submit(lambda: None).result(timeout=TIMEOUT)  # one worker: the prefetch has run
    assert streams == [1]
    at.text_input(key="nl_w_term").set_value("الحكومة").run()
    _no_exception(at)
    assert len(at.dataframe[-1].value) > 0
    assert streams == [1]
