"""Quotes page: filter quotes, quotes per speaker (click a bar), a quote in its paragraph, speaker × article."""

from __future__ import annotations

from ui.routing import enter_page

enter_page()  # first: a page started without the router runs the router instead

import streamlit as st

from analysis.quotes import filter_quotes, speaker_pairs
from analysis.viewstate import QUOTE_KINDS
from ui import charts, data, plot, state
from ui.export import PLOTLY_CONFIG, downloads
from ui.i18n import column_names, t, value_label
from ui.page import start
from ui.render import render_article, show_html, show_table

ctx = start("quotes")
view = ctx.view
SPEAKER_KEY = state.widget_key("speaker")
UNKNOWN = t("unattributed")


def _pick_speaker(point: dict) -> None:
    """A click on a bar selects that speaker (runs before the widgets are drawn)."""
    st.session_state[SPEAKER_KEY] = str(point["y"])


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the paragraph(s) holding ``text[start:end]``."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


index = data.article_index(ctx.key)
quotes = data.quote_rows(ctx.key, UNKNOWN)

cols = st.columns([2, 2, 2, 2])
kinds = cols[0].multiselect(
    t("kind"),
    sorted(QUOTE_KINDS),
    key=state.seed("kind", sorted(view.kind)),
    placeholder=t("all"),
    format_func=lambda kind: value_label("kind", kind),
)
sources = ["", *sorted(index["source"].dropna().unique().tolist())]
source_value = view.source if view.source in sources else ""
source = cols[1].selectbox(
    t("source"), sources, key=state.seed("source", source_value, default=""), format_func=lambda s: s or t("all")
)
article_ids = ["", *index["id"].tolist()]
article_value = view.article if view.article in article_ids else ""
article = cols[2].selectbox(
    t("article"), article_ids, key=state.seed("article", article_value, default=""), format_func=lambda s: s or t("all")
)
filters = {"kinds": tuple(sorted(kinds)), "source": source, "article": article}
scope = filter_quotes(quotes, **filters)
per_speaker = data.speaker_counts(ctx.key, UNKNOWN, **filters)
speakers = ["", *per_speaker["speaker"].tolist()]
if view.speaker and view.speaker not in speakers:
    speakers.append(view.speaker)
speaker = cols[3].selectbox(
    t("speaker"), speakers, key=state.seed("speaker", view.speaker, default=""), format_func=lambda s: s or t("all")
)
view = state.update(kind=frozenset(kinds), source=source, article=article, speaker=speaker)

if per_speaker.empty:
    st.info(t("no_quotes"))
else:
    st.subheader(t("quotes_per_speaker"))
    fig = charts.speaker_bars(per_speaker.head(40), selected=speaker, unknown=UNKNOWN, names=column_names())
    plot.show(fig, key="speaker_chart", config=PLOTLY_CONFIG, on_pick=_pick_speaker)
    st.caption(t("click_bar"))

shown = filter_quotes(scope, speaker=speaker)
table = shown[["speaker", "role", "cue", "kind", "text", "article", "title", "start", "end"]].reset_index(drop=True)
st.subheader(f"{t('quotes')} ({len(table)})")
picked = show_table(table, on_select="rerun", selection_mode="single-row", key="quotes_table")
downloads(shown.drop(columns=["id"]), "quotes")

rows = list(picked.selection.rows) if picked else []
if rows and rows[0] < len(table):
    row = table.iloc[rows[0]]
    text = data.article_text(ctx.key, row["article"])
    left, right = _paragraph(text, int(row["start"]), int(row["end"]))
    focus = (int(row["start"]) - left, int(row["end"]) - left)
    spec = {"start": focus[0], "end": focus[1], "speaker": None if row["speaker"] == UNKNOWN else row["speaker"]}
    st.subheader(t("quote_context"))
    st.caption(f"{row['article']} · {row['title'] or ''}")
    show_html(render_article(text[left:right], [{**spec, "kind": row["kind"]}], focus=focus))
    if st.button(t("open_reader"), key="quote_to_reader"):
        state.go("reader", article=row["article"])
else:
    st.caption(t("select_row"))

if not scope.empty:
    st.subheader(t("speaker_article"))
    by = st.radio(t("by"), ["article", "source", "date"], horizontal=True, format_func=t, key="matrix_by")
    st.dataframe(data.quote_matrix(ctx.key, UNKNOWN, by=by, **filters), width="stretch", column_config={"_index": t("speaker")})
    st.caption(t("matrix_help"))
    downloads(lambda: speaker_pairs(scope, by=by), f"speaker_{by}")

# linking speakers to entities merges the corpus's entity aliases (0.6 s on a first visit): only once opened
links_box = st.expander(t("speaker_entities"), key="speaker_links_open", on_change="rerun")
if links_box.open:
    with links_box:
        links = data.speaker_links(ctx.key)
        show_table(links)
        downloads(links, "speaker_entities")
