"""Frequencies page: options → top terms chart and table → keyword in context → breakdown by date/source."""

from __future__ import annotations

from ui.routing import enter_page

enter_page()  # first: a page started without the router runs the router instead

import streamlit as st

from analysis.viewstate import NORMALIZATIONS, TOP_RANGE
from ui import charts, data, plot, state
from ui.export import PLOTLY_CONFIG, downloads
from ui.i18n import column_names, t, value_label
from ui.page import start
from ui.render import show_table

ctx = start("frequencies")
view = ctx.view
TERM_KEY = state.widget_key("term")
TAB_KEY = "trend_tab"


def _pick_from_chart(point: dict) -> None:
    """Clicking a bar puts its term in the KWIC box (callbacks run before widgets are drawn)."""
    st.session_state[TERM_KEY] = str(point["y"])


def _pick_from_list() -> None:
    if st.session_state.get("term_pick"):
        st.session_state[TERM_KEY] = st.session_state["term_pick"]


cols = st.columns([3, 3, 2, 1])
norm = cols[0].multiselect(
    t("normalization"),
    sorted(NORMALIZATIONS),
    key=state.seed("norm", sorted(view.norm)),
    placeholder=t("none"),
    format_func=lambda name: value_label("norm", name),
    help=t("norm_help"),
)
clitics = cols[1].toggle(t("clitics"), key=state.seed("clitics", view.clitics))
keep = cols[1].toggle(t("keep_stopwords"), key=state.seed("keep_stopwords", view.keep_stopwords))
ngram = cols[2].slider(t("ngram"), 1, 3, key=state.seed("ngram", min(view.ngram, 3)))
top = cols[3].number_input(t("top"), *TOP_RANGE, step=5, key=state.seed("top", view.top))
norm_key = tuple(sorted(norm))
view = state.update(norm=frozenset(norm), clitics=clitics, keep_stopwords=keep, ngram=ngram, top=int(top))

with st.spinner(t("counting")):  # shown after 0.5 s: the first n-gram table of a large corpus takes a few seconds
    table = data.term_table(ctx.key, norm_key, clitics, keep, ngram, int(top))
st.subheader(t("term_frequencies"))
if table.empty:
    st.info(t("empty_corpus"))
else:
    fig = charts.term_bars(table, names=column_names())
    plot.show(fig, key="freq_chart", config=PLOTLY_CONFIG, on_pick=_pick_from_chart)
    downloads(table, "frequencies")

st.subheader(t("kwic"))
left, right = st.columns([2, 1])
right.selectbox(
    t("pick_term"), ["", *table["term"].tolist()], key="term_pick", on_change=_pick_from_list, format_func=lambda s: s or "—"
)
term = left.text_input(t("term"), key=state.seed("term", view.term), help=t("kwic_help"), max_chars=200)
view = state.update(term=term.strip())
if view.term:
    with st.spinner(t("searching")):
        rows = data.kwic_rows(ctx.key, view.term, norm_key, clitics)
    if rows.empty:
        st.caption(t("no_matches"))
    else:
        show_table(rows[["right", "term", "left", "article", "start", "end"]])
        downloads(rows, "kwic")

articles = data.article_index(ctx.key)
counted = data.counted_term(view.term, norm_key, clitics) if view.term else ""
terms = (counted,) if counted else tuple(table["term"].head(5))
size = len(counted.split()) if counted else ngram  # the KWIC term's trend counts what KWIC finds, at its length
if terms and not articles.empty:
    st.subheader(t("trends"))
    # only the open tab's breakdown is counted and drawn (a tab switch reruns the page); the URL keeps the tab
    tabs = {"date": t("by_date"), "source": t("by_source")}
    current, wanted = st.session_state.get(TAB_KEY), tabs[view.trend]  # (a tab's value is its label)
    if current not in tabs.values() or (state.reseeding() and current != wanted):  # new, a share link, the language
        st.session_state[TAB_KEY] = wanted
    by_date, by_source = st.tabs(list(tabs.values()), key=TAB_KEY, on_change="rerun")
    view = state.update(trend="source" if by_source.open else "date")
    if by_date.open:
        with by_date:
            if articles["date"].notna().any():
                trend = data.breakdown(ctx.key, terms, "date", norm_key, clitics, size).dropna(subset=["date"])
                trend = trend.sort_values("date")
                plot.show(charts.breakdown_bars(trend, by="date", names=column_names()), key="trend_date", config=PLOTLY_CONFIG)
                downloads(trend, "by_date")
            else:
                st.caption(t("no_dates"))
    if by_source.open:
        with by_source:
            per_source = data.breakdown(ctx.key, terms, "source", norm_key, clitics, size)
            plot.show(charts.breakdown_bars(per_source, by="source", names=column_names()), key="trend_source", config=PLOTLY_CONFIG)
            downloads(per_source, "by_source")

data.prefetch_tokens(ctx.key, norm_key, clitics)  # last: the tokens for the first KWIC search or n-gram table
