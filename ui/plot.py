"""Plotly figures drawn by plotly.js's *basic* bundle (bar, scatter, pie), served from the app's ``static/`` folder.

``st.plotly_chart`` loads Streamlit's full plotly chunk (4.7 MB, every trace type); evaluating it held Chromium's
main thread for 1.5–1.7 s on the 2-core machine, the basic bundle (1.2 MB, the same plotly.js version) for
0.34–0.42 s, and the dashboard only draws bars. :func:`show` mounts a small ``st.components.v2`` component (no
iframe) that loads ``static/plotly-basic.min.js`` once per browser tab and draws the figure with Streamlit's theme
(font, text and border colours, categorical colours); a click on a point calls ``on_pick`` with that point.

The bundle is served by Streamlit's static file serving (``.streamlit/config.toml`` beside the app turns it on).
Where it is off or the bundle is missing, :func:`show` falls back to ``st.plotly_chart`` with the same callback.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["BUNDLE", "available", "figure_json", "preload", "show"]

BUNDLE = Path(__file__).resolve().parents[1] / "static" / "plotly-basic.min.js"
_COLOURS = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5"]

# Loads the bundle once per tab (a classic script: it defines window.Plotly), resolved against Streamlit's entry
# script (static/js/index.*.js) so a server.baseUrlPath is kept. The figure comes as JSON text; the theme's CSS
# properties (--st-*) colour what the figure leaves unset.
_JS = """
const COLOURS = __COLOURS__;  // Streamlit's categorical colours, where its theme gives none
function bundle() {
  if (!window.__nlPlotlyBasic) {
    window.__nlPlotlyBasic = new Promise((resolve, reject) => {
      const entry = document.querySelector('script[src*="static/js/index."]');
      const script = document.createElement("script");
      script.src = entry ? new URL("../../app/static/plotly-basic.min.js", entry.src).href
                         : new URL("app/static/plotly-basic.min.js", document.baseURI).href;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => { window.__nlPlotlyBasic = null; reject(new Error("plotly-basic.min.js did not load")); };
      document.head.appendChild(script);
    });
  }
  return window.__nlPlotlyBasic;
}
function themed(figure, host) {
  const layout = figure.layout || {};
  const css = getComputedStyle(host);
  const value = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  const colours = value("--st-chart-categorical-colors", "").split(",").map((c) => c.trim()).filter(Boolean);
  const grid = value("--st-border-color-light", "rgba(220, 216, 212, 0.45)");
  const font = { family: value("--st-font", "sans-serif"), color: value("--st-gray-text-color", "#686255"), ...(layout.font || {}) };
  const out = { paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", colorway: colours.length ? colours : COLOURS,
                margin: { t: 30, r: 10, b: 10, l: 10 }, ...layout, font };  // axis labels widen the margins they need
  out.hoverlabel = { font: { family: font.family }, ...(layout.hoverlabel || {}) };
  out.modebar = { bgcolor: "rgba(0,0,0,0)", color: font.color, activecolor: value("--st-text-color", "#2f2d2b"), ...(layout.modebar || {}) };
  // bars lying down are labelled on the y axis: no grid across them, a faint one along the counts
  const lying = (figure.data || []).some((trace) => trace.orientation === "h");
  for (const axis of ["xaxis", "yaxis"]) {
    const categories = (axis === "yaxis") === lying;
    out[axis] = { automargin: true, showgrid: !categories, gridcolor: grid, zeroline: false, showline: false,
                  ticklabelstandoff: categories ? 6 : 0, ...(layout[axis] || {}) };
  }
  out.autosize = true;
  delete out.width;
  return out;
}
export default function ({ parentElement, data, setTriggerValue }) {
  const loading = bundle();
  if (!data) return;  // the preload: only fetch the bundle
  let div = parentElement.querySelector(".nl-plot");
  if (!div) {
    div = document.createElement("div");
    div.className = "nl-plot";
    div.style.width = "100%";
    parentElement.appendChild(div);
  }
  const figure = JSON.parse(data.figure);
  div.style.height = ((figure.layout || {}).height || 450) + "px";
  let alive = true;
  loading.then((Plotly) => {
    if (!alive) return;
    Plotly.react(div, figure.data || [], themed(figure, parentElement), { ...data.config, responsive: true });
    if (!div.__nlResize) {  // a chart drawn in a hidden tab has no width until the tab opens
      div.__nlResize = new ResizeObserver(() => { if (div.offsetWidth) Plotly.Plots.resize(div); });
      div.__nlResize.observe(div);
    }
    if (data.pickable && !div.__nlClick) {
      div.__nlClick = true;
      div.on("plotly_click", (event) => {
        const p = event.points[0];
        setTriggerValue("pick", { x: p.x, y: p.y, curve_number: p.curveNumber, point_number: p.pointNumber });
      });
    }
  }).catch((error) => { div.textContent = String(error); });
  return () => {
    alive = false;
    if (div.__nlResize) div.__nlResize.disconnect();
    if (window.Plotly) window.Plotly.purge(div);
    div.remove();
  };
}
""".replace("__COLOURS__", repr(_COLOURS))


@cache
def _component() -> Callable[..., Any]:
    return st.components.v2.component("nl_plotly_basic", js=_JS, isolate_styles=False)


def available() -> bool:
    """Whether the browser can fetch the bundle: static serving on and the file beside the app."""
    return bool(st.get_option("server.enableStaticServing")) and BUNDLE.is_file()


def preload() -> None:
    """Draw the element that starts the bundle's download (call it first in every run, before the heavy imports:
    the same element in the same place each run, which a browser tab that has the bundle does nothing for)."""
    _component()(data=None)


def show(
    fig: go.Figure,
    *,
    key: str,
    config: dict[str, Any] | None = None,
    on_pick: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """Draw ``fig``; a click on a point calls ``on_pick({"x", "y", …})`` before the rerun draws the page.

    ``fig`` is only read (the dashboard's figures are kept and shared between sessions)."""
    if not available():
        _fallback(fig, key=key, config=config, on_pick=on_pick)
        return

    def picked() -> None:
        point = st.session_state[key].get("pick")
        if point and on_pick is not None:
            on_pick(point)

    _component()(
        data={"figure": figure_json(fig), "config": config or {}, "pickable": on_pick is not None},
        key=key,
        on_pick_change=picked if on_pick is not None else None,
    )


def figure_json(fig: go.Figure) -> str:
    """The figure as plotly.js reads it, without plotly.py's default template (the component themes the chart;
    the template is 3.7 of a bar chart's 3.9 kB)."""
    from plotly.io.json import to_json_plotly

    spec = fig.to_dict()
    spec["layout"].pop("template", None)
    return to_json_plotly(spec)


def _fallback(fig: go.Figure, *, key: str, config: dict[str, Any] | None, on_pick: Callable[[dict[str, Any]], None] | None) -> None:
    if on_pick is None:
        st.plotly_chart(fig, key=key, config=config)
        return

    def selected() -> None:
        points = st.session_state[key].selection.points
        if points:
            on_pick(points[0])

    st.plotly_chart(fig, key=key, config=config, on_select=selected, selection_mode="points")
