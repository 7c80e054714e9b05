"""The first line of every page: make sure it runs inside the router (``streamlit_app.py``).

Because the pages live in ``pages/``, Streamlit's legacy multipage mode can run a page file directly (a server's
first run on a page URL such as a share link, every AppTest rerun) until ``st.navigation`` has been called. The
router marks each of its runs with :data:`ROUTED`; a page that finds no mark switches the legacy mode off, runs
the router in place (which draws the sidebar and this page, keeping this run's widget values) and stops.

This happens before the page's own imports, so a page drawn through either path shows the same elements in the
same places: the router's first element (:func:`ui.preload.preload_plotly`) is always the page's first. An
element that only a session's first run drew would shift every later one, and the browser would mount the whole
page again on the first click (on the quotes page of a 9,977-article corpus, about 0.5 s more for that click).
"""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st

__all__ = ["ROUTED", "enter_page"]

ROUTED = "_nl_routed"
_ROUTER = Path(__file__).resolve().parents[1] / "streamlit_app.py"


def enter_page() -> None:
    """Return when the router is running this page; otherwise run the router in its place and stop."""
    if st.session_state.pop(ROUTED, False):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    runpy.run_path(str(_ROUTER), run_name="__main__")
    st.stop()
