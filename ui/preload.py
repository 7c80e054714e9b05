"""Start the browser on plotly's bundle at the top of every script run.

The dashboard draws its charts with plotly.js's basic bundle (:mod:`ui.plot`); :func:`preload_plotly` starts its
download before the page's imports. Where the app cannot serve that bundle, the charts fall back to
``st.plotly_chart``, and the preload to Streamlit's own chunk, as follows.

Streamlit loads its plotly chunk (PlotlyChart.*.js, about 4.7 MB) only when the first chart element
arrives, after the server has imported pandas & co. and built the page's tables; on a 2-core machine
fetching and evaluating the chunk then takes 1.4 s more. A tiny ``st.components.v2`` component
emitted before those imports asks the browser to ``import()`` the same chunk at once, so it is ready
when the chart arrives (bench.bench_dashboard --browser: first chart 4.3 s → 3.5 s).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import streamlit as st

from ui import plot

__all__ = ["plotly_chunk", "preload_plotly"]

# the chunk sits beside the app's entry script (static/js/index.*.js); resolving against that script keeps
# any server.baseUrlPath; import() of the URL Streamlit later lazy-loads evaluates the module only once
_JS = """
export default function() {
    if (!window.__nlPlotlyPreload) {
        const entry = document.querySelector('script[src*="static/js/index."]');
        const url = entry ? new URL(CHUNK, entry.src) : new URL("static/js/" + CHUNK, document.baseURI);
        window.__nlPlotlyPreload = import(url.href).catch(() => null);
    }
}
"""


@cache
def plotly_chunk() -> str | None:
    """File name of the installed Streamlit's plotly chunk, e.g. ``PlotlyChart.D9Z0_fxz.js`` (None if absent)."""
    found = sorted((Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    return found[0].name if found else None


@cache
def _component() -> Callable[..., object] | None:
    chunk = plotly_chunk()
    if chunk is None:
        return None  # another Streamlit build: charts still load, just later
    return st.components.v2.component("nl_plotly_preload", js=_JS.replace("CHUNK", repr(chunk)))


def preload_plotly() -> None:
    """Start loading plotly (the router's first line, in every run, so the element never shifts the page's
    others: :mod:`ui.routing`): the basic bundle the dashboard's charts use (:mod:`ui.plot`), or Streamlit's
    chunk where that bundle cannot be served. A browser tab that has it loaded does nothing."""
    if plot.available():
        plot.preload()
        return
    component = _component()
    if component is not None:
        component()
