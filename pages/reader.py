"""Reader page: one article's metadata and cleaned text, quotes highlighted by speaker, entities underlined."""

from __future__ import annotations

from ui.routing import enter_page

enter_page()  # first: a page started without the router runs the router instead

import streamlit as st

from ui import data, state
from ui.export import downloads
from ui.i18n import t, value_label
from ui.page import start
from ui.render import legend_html, metadata_html, render_article, show_html, show_table

ctx = start("reader")
view = ctx.view
articles = data.articles(ctx.key)


def main() -> None:
    """Draw the page."""
    if articles.empty:
        st.info(t("empty_corpus"))
        return
    ids = articles["id"].tolist()
    titles = dict(zip(ids, articles["title"].fillna(""), strict=True))
    current = view.article if view.article in ids else ids[0]
    article_id = st.selectbox(
        t("article"),
        ids,
        key=state.seed("article", current, default=ids[0]),
        format_func=lambda a: f"{a} — {titles[a]}"[:120],
    )
    state.update(article=article_id)
    row = articles[articles["id"] == article_id].iloc[0]
    quotes = data.quotes(ctx.key)
    quotes = quotes[quotes["article"] == article_id]
    entities = data.entities(ctx.key)
    entities = entities[entities["article"] == article_id]

    text_col, side_col = st.columns([3, 1])
    with side_col:
        st.subheader(t("metadata"))
        show_html(
            metadata_html(
                [
                    (t("title"), row["title"]),
                    (t("date"), row["date"]),
                    (t("source"), row["source"]),
                    (t("byline"), row["byline"]),
                    (t("url"), row["url"]),
                    (t("arabic_share"), f"{row['arabic_share']:.0%}"),
                    (t("warnings"), row["warnings"]),
                ]
            )
        )
        st.subheader(t("legend"))
        labels = sorted(entities["label"].unique())
        names = {label: value_label("label", label) for label in labels}
        show_html(legend_html(quotes["speaker"].tolist(), labels, label_names=names, unknown=t("unattributed")))
    with text_col:
        show_html(render_article(row["text"], quotes.to_dict("records"), entities.to_dict("records")))

    if st.toggle(t("show_removed"), key="show_removed"):
        removed = data.removals(ctx.key)
        removed = removed[removed["article"] == article_id]
        if removed.empty:
            st.caption(t("no_removals"))
        else:
            show_table(removed[["reason", "text", "start", "end"]])
            downloads(removed, "removed")

    if not quotes.empty:
        st.subheader(t("quotes"))
        show_table(quotes[["speaker", "role", "cue", "kind", "text"]])
        downloads(quotes, "article_quotes")
    if not entities.empty:
        st.subheader(t("entities"))
        show_table(entities[["text", "label", "canonical"]])
        downloads(entities, "article_entities")


main()
