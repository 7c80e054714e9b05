"""What every page does first: mark itself in the view, resolve the corpus, add the RTL CSS."""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from analysis.viewstate import ViewState
from ui import data, state
from ui.i18n import t
from ui.render import inject_css

__all__ = ["ROUTED", "PageContext", "start"]

ROUTED = "_nl_routed"
APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"


@dataclass(frozen=True, slots=True)
class PageContext:
    """The view, the corpus shown and its cache key."""

    view: ViewState
    corpus_id: str
    key: data.Key
    is_sample: bool


def start(page: str) -> PageContext:
    """Record ``page`` in the view/URL and return the corpus to show (the sample when unknown)."""
    _require_router()
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


def _require_router() -> None:
    """Run ``streamlit_app.py`` in place when a page script was started without the router.

    Because the pages live in ``pages/``, Streamlit's legacy multipage mode can run a page file
    directly (a server's first run on a page URL, every AppTest rerun) until ``st.navigation`` has
    been called. The router marks each run; an unmarked page switches the legacy mode off, runs the
    router (which draws the sidebar and this page) and stops, keeping this run's widget values.
    """
    if st.session_state.pop(ROUTED, False):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    runpy.run_path(str(APP), run_name="__main__")
    st.stop()
