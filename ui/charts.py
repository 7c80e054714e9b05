"""The dashboard's plotly figures, drawn with ``plotly.graph_objects`` and kept (``st.cache_resource``).

On the 2-core machine plotly express spends 50–75 ms building a bar chart, the same figure from graph objects about
10 ms, and a kept figure is only serialised on a rerun (about 4 ms); the frequencies page draws three. Each
function is keyed by its table's content and its options, so a rerun that changes nothing in a chart reuses it, and
``st.plotly_chart`` copies a figure before writing it out: the shared figures are never modified.

Axis titles, legend titles and hover labels name the table's columns; ``names`` gives their words in the page's
language (:func:`ui.i18n.column_names`: «العدد» for ``count``), and the column name itself stands for any it lacks.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.render import ENTITY_COLOURS, UNKNOWN_SPEAKER_COLOUR, speaker_colour

__all__ = ["breakdown_bars", "label_bars", "speaker_bars", "term_bars"]

_MARGIN = {"l": 10, "r": 10, "t": 10, "b": 10}
_KEPT = 64  # figures per function: each is a few kilobytes
_OUTSIDE = {"textposition": "outside", "textangle": 0, "cliponaxis": False}  # counts written past the bar's end


class _Named(dict[str, str]):
    """Column → its word in ``names``; a column ``names`` lacks stands for itself."""

    def __missing__(self, column: str) -> str:
        return column


def _named(names: Mapping[str, str] | None) -> _Named:
    return _Named(names or {})


@st.cache_resource(show_spinner=False, max_entries=_KEPT)
def term_bars(table: pd.DataFrame, *, names: Mapping[str, str] | None = None) -> go.Figure:
    """Horizontal bars of a term table (``term, count, doc_count``), its first row on top."""
    n = _named(names)
    shown = table.iloc[::-1]  # plotly draws the first category at the bottom
    bars = go.Bar(
        x=shown["count"],
        y=shown["term"],
        orientation="h",
        text=shown["count"],
        customdata=shown[["doc_count"]],
        hovertemplate=f"{n['term']}=%{{y}}<br>{n['count']}=%{{x}}<br>{n['doc_count']}=%{{customdata[0]}}<extra></extra>",
        **_OUTSIDE,
    )
    fig = go.Figure(bars)
    fig.update_layout(height=max(320, 22 * len(shown)), margin=_MARGIN)
    fig.update_yaxes(title=None, type="category")
    fig.update_xaxes(title=n["count"])
    return fig


@st.cache_resource(show_spinner=False, max_entries=_KEPT)
def breakdown_bars(frame: pd.DataFrame, *, by: str, names: Mapping[str, str] | None = None) -> go.Figure:
    """Grouped bars of a breakdown (``term, <by>, count``), a colour per term: by date upright, by source lying
    down."""
    n = _named(names)
    fig = go.Figure()
    for term, rows in frame.groupby("term", sort=False):  # terms in the order the table first names them
        if by == "date":
            place = {"x": rows[by], "y": rows["count"], "hovertemplate": f"{n[by]}=%{{x}}<br>{n['count']}=%{{y}}"}
        else:
            place = {"x": rows["count"], "y": rows[by], "orientation": "h", "hovertemplate": f"{n[by]}=%{{y}}<br>{n['count']}=%{{x}}"}
        fig.add_trace(go.Bar(name=str(term), showlegend=True, **place))  # a legend even for one term
    fig.update_layout(barmode="group", legend_title_text=n["term"])
    if by == "date":
        fig.update_xaxes(title=n[by])
        fig.update_yaxes(title=n["count"])
    else:
        fig.update_xaxes(title=n["count"])
        fig.update_yaxes(title=None, type="category")
    return fig


@st.cache_resource(show_spinner=False, max_entries=_KEPT)
def speaker_bars(counts: pd.DataFrame, *, selected: str, unknown: str, names: Mapping[str, str] | None = None) -> go.Figure:
    """Horizontal bars of quotes per speaker (``speaker, count``), first row on top, each speaker in its colour
    (``unknown`` — the unattributed quotes — in grey) and ``selected`` outlined."""
    n = _named(names)
    chart = counts.iloc[::-1]
    speakers = chart["speaker"].tolist()
    bars = go.Bar(
        x=chart["count"],
        y=speakers,
        orientation="h",
        text=chart["count"],
        marker={
            "color": [UNKNOWN_SPEAKER_COLOUR if s == unknown else speaker_colour(s) for s in speakers],
            "line": {"width": [3 if s == selected else 0 for s in speakers], "color": "#333"},
        },
        hovertemplate=f"{n['speaker']}=%{{y}}<br>{n['count']}=%{{x}}<extra></extra>",
        **_OUTSIDE,
    )
    fig = go.Figure(bars)
    fig.update_layout(height=max(300, 26 * len(chart)), margin=_MARGIN)
    fig.update_yaxes(title=None, type="category")
    fig.update_xaxes(title=n["count"])
    return fig


@st.cache_resource(show_spinner=False, max_entries=_KEPT)
def label_bars(
    per_label: pd.DataFrame, *, names: Mapping[str, str] | None = None, label_names: Mapping[str, str] | None = None
) -> go.Figure:
    """Mentions per entity label (``label, count``), each label in its colour and worded by ``label_names``
    (``{"PERS": "شخص"}``; a label without a word shows its code)."""
    n = _named(names)
    labels = per_label["label"].tolist()
    label_names = label_names or {}
    bars = go.Bar(
        x=[label_names.get(label, label) for label in labels],
        y=per_label["count"],
        text=per_label["count"],
        marker_color=[ENTITY_COLOURS.get(label, UNKNOWN_SPEAKER_COLOUR) for label in labels],
        hovertemplate=f"{n['label']}=%{{x}}<br>{n['count']}=%{{y}}<extra></extra>",
    )
    fig = go.Figure(bars)
    fig.update_layout(showlegend=False, height=320, margin=_MARGIN)
    fig.update_xaxes(title=n["label"])
    fig.update_yaxes(title=n["count"])
    return fig
