"""Entities page: mentions per label, top entities, co-occurrence, and the mentions of one entity in context."""

from __future__ import annotations

from ui.routing import enter_page

enter_page()  # first: a page started without the router runs the router instead

import streamlit as st

from analysis.viewstate import ENTITY_LABELS
from ui import charts, data, plot, state
from ui.export import PLOTLY_CONFIG, downloads
from ui.i18n import column_names, t, value_label
from ui.page import start
from ui.render import show_table

ctx = start("entities")
ENTITY_KEY = state.widget_key("entity")
CONTEXT_CHARS = 60


def _pick_entity() -> None:
    """Selecting a row of the top-entities table picks that entity."""
    rows = st.session_state["entities_table"].selection.rows
    table = st.session_state.get("_nl_entity_rows", [])
    if rows and rows[0] < len(table):
        st.session_state[ENTITY_KEY] = table[rows[0]]


def main() -> None:
    """Draw the page."""
    view = ctx.view
    backends = data.entity_backends()
    backend = st.radio(
        t("ner_backend"), backends, horizontal=True, format_func=t, key=state.seed("backend", view.backend if view.backend in backends else "shipped")
    )
    if len(backends) == 1:
        st.caption(t("camel_missing"))
    view = state.update(backend=backend)
    with st.spinner(t("analysing")):
        per_label = data.label_counts(ctx.key, backend)
        counts = data.entity_counts(ctx.key, backend)
    labels = st.multiselect(
        t("label"),
        sorted(ENTITY_LABELS),
        key=state.seed("label", sorted(view.label)),
        placeholder=t("all"),
        format_func=lambda label: value_label("label", label),
    )
    if labels:
        per_label = per_label[per_label["label"].isin(labels)]
        counts = counts[counts["label"].isin(labels)]

    if per_label.empty:
        st.info(t("no_entities"))
        state.update(label=frozenset(labels), entity="")
        return

    left_col, right_col = st.columns([1, 2])
    with left_col:
        st.subheader(t("per_label"))
        words = {label: value_label("label", label) for label in ENTITY_LABELS}
        fig = charts.label_bars(per_label, names=column_names(), label_names=words)
        plot.show(fig, key="label_chart", config=PLOTLY_CONFIG)
        downloads(per_label, "entities_per_label")
    with right_col:
        st.subheader(t("top_entities"))
        table = counts.reset_index(drop=True)
        st.session_state["_nl_entity_rows"] = table["canonical"].tolist()
        show_table(table, height=320, on_select=_pick_entity, selection_mode="single-row", key="entities_table")
        downloads(table, "entities")

    names = ["", *counts["canonical"].tolist()]
    if view.entity and view.entity not in names:
        names.append(view.entity)
    entity = st.selectbox(
        t("pick_entity"), names, key=state.seed("entity", view.entity, default=""), format_func=lambda s: s or "—"
    )
    view = state.update(label=frozenset(labels), entity=entity)

    pairs = data.pairs_in_view(ctx.key, backend, tuple(sorted(labels)), entity)
    st.subheader(t("cooccurrence"))
    show_table(pairs.head(200))
    downloads(pairs, "cooccurrence")

    if entity:
        st.subheader(f"{t('mentions')}: {entity}")
        rows = data.entity_mentions(ctx.key, backend, entity, tuple(sorted(labels)), CONTEXT_CHARS)
        picked = show_table(rows, on_select="rerun", selection_mode="single-row", key="mentions_table")
        downloads(rows, "mentions")
        selected = list(picked.selection.rows) if picked else []
        if selected and selected[0] < len(rows) and st.button(t("open_reader"), key="mention_to_reader"):
            state.go("reader", article=rows.iloc[selected[0]]["article"])


main()
