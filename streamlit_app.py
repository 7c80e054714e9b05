"""Arabic News Lens dashboard: router over pages/ with a language switch and a share link.

Run with ``streamlit run streamlit_app.py``. The first launch opens on the bundled sample corpus.
"""

from __future__ import annotations

import streamlit as st

from ui.preload import preload_plotly

preload_plotly()  # first, in every run: the browser fetches plotly while the imports below run

from analysis.viewstate import LANGS, PAGES
from ui import data, state
from ui.i18n import LANG_NAMES, set_lang, t
from ui.routing import ROUTED
from ui.share import share_link

st.set_page_config(page_title="Arabic News Lens", page_icon="📰", layout="wide")

st.session_state[ROUTED] = True  # pages check it: they must run through this router
first_run = state.VIEW_KEY not in st.session_state
view = state.load_view()
data.sample_id()  # store and analyse the bundled sample once

lang = st.sidebar.radio(
    LANG_NAMES["ar"] + " / " + LANG_NAMES["en"],
    LANGS,
    format_func=LANG_NAMES.__getitem__,
    horizontal=True,
    key=state.seed("lang", view.lang),
)
set_lang(lang)
state.update(lang=lang)

ICONS = {
    "corpus": ":material/folder_open:",
    "frequencies": ":material/bar_chart:",
    "quotes": ":material/format_quote:",
    "entities": ":material/label:",
    "reader": ":material/article:",
}
pages = {
    name: st.Page(f"pages/{name}.py", title=t(f"page_{name}"), icon=ICONS[name], url_path=name, default=name == PAGES[0])
    for name in PAGES
}
current = st.navigation(list(pages.values()))
if first_run and current is pages[PAGES[0]] and view.page != PAGES[0]:
    # a link written as «/?page=quotes&…» opens that page (share links carry the page in their path too)
    st.switch_page(pages[view.page], query_params=state.current_params())
try:
    current.run()

    st.sidebar.divider()
    st.sidebar.caption(t("share_link"))
    with st.sidebar:
        share_link(state.share_url())
    st.sidebar.caption(t("share_help"))
finally:
    data.settle()  # once the page is drawn (also when it stops early)
