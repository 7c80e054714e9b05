"""What every page does once its imports are done: mark itself in the view, resolve the corpus, add the RTL CSS."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analysis.viewstate import ViewState
from ui import data, state
from ui.i18n import t
from ui.render import inject_css

__all__ = ["PageContext", "start"]


@dataclass(frozen=True, slots=True)
class PageContext:
    """The view, the corpus shown and its cache key."""

    view: ViewState
    corpus_id: str
    key: data.Key
    is_sample: bool


def start(page: str) -> PageContext:
    """Record ``page`` in the view/URL and return the corpus to show (the sample when unknown)."""
    view = state.view()
    corpus_id, unknown = data.resolve_corpus(view.corpus)
    if unknown:
        st.warning(t("unknown_corpus"))
    if data.needs_refresh(corpus_id):
        with st.spinner(t("refreshing")):
            data.refresh(corpus_id)
    view = state.update(page=page, corpus=corpus_id)
    inject_css()
    st.header(t(f"page_{page}"))
    return PageContext(view, corpus_id, data.key(corpus_id), corpus_id == data.sample_id())
