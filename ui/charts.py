"""The dashboard's plotly figures, built once per table and kept (``st.cache_resource``).

Plotly express spends about 70 ms building a bar chart on the 2-core machine, and the frequencies page draws three:
most of a filter change that computes nothing new. A kept figure is only serialised on a rerun (about 4 ms).
``st.plotly_chart`` copies a figure before writing it out, so the shared figures are never modified. Each
function is keyed by its table's content and its options: a rerun that changes nothing in a chart reuses it.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st
from plotly.graph_objects import Figure

from ui.render import ENTITY_COLOURS, speaker_colour

__all__ = ["breakdown_bars", "label_bars", "speaker_bars", "term_bars"]

_MARGIN = {"l": 10, "r": 10, "t": 10, "b": 10}
_KEPT = 64  # figures per function: each is a few kilobytes


@st.cache_resource(show_spinner=False, max_entries=_KEPT)
def term_bars(table: pd.DataFrame, *, count_label: str) -> Figure:
    """Horizontal bars of a term table (``term, count, doc_count``), its first row on top."""
    shown = table.iloc[::-1]  # plotly draws the first row at the bottom
    fig = px.bar(shown, x="count", y="term", orientation="h", hover_data=["doc_count"], text="count")
    fig.update_layout(height=max(320, 22 * len(shown)), margin=_MARGIN)
    fig.update_traces(textposition="outside", textangle=0, cliponaxis=False)
    fig.update_yaxes(title=None, type="category")
    fig.update_xaxes(title=count_label)
    return fig


@st.cache_resource(show_spinner=False, max_entries=_KEPT)
def breakdown_bars(frame: pd.DataFrame, *, by: str) -> Figure:
    """Grouped bars of a breakdown (``term, <by>, count``): by date upright, by source lying down."""
    if by == "date":
        return px.bar(frame, x="date", y="count", color="term", barmode="group")
    fig = px.bar(frame, x="count", y=by, color="term", orientation="h", barmode="group")
    fig.update_yaxes(title=None, type="category")
    return fig


@st.cache_resource(show_spinner=False, max_entries=_KEPT)
def speaker_bars(counts: pd.DataFrame, *, selected: str, unknown: str) -> Figure:
    """Horizontal bars of quotes per speaker (``speaker, count``), first row on top, each speaker in its colour
    (``unknown`` — the unattributed quotes — in grey) and ``selected`` outlined."""
    chart = counts.iloc[::-1]
    fig = px.bar(chart, x="count", y="speaker", orientation="h", text="count")
    fig.update_traces(marker_color=[speaker_colour(s if s != unknown else None) for s in chart["speaker"]])
    fig.update_traces(marker_line_width=[3 if s == selected else 0 for s in chart["speaker"]], marker_line_color="#333")
    fig.update_traces(textposition="outside", textangle=0, cliponaxis=False)
    fig.update_layout(height=max(300, 26 * len(chart)), margin=_MARGIN)
    fig.update_yaxes(title=None, type="category")
    return fig


@st.cache_resource(show_spinner=False, max_entries=_KEPT)
def label_bars(per_label: pd.DataFrame) -> Figure:
    """Mentions per entity label (``label, count``), each label in its colour."""
    fig = px.bar(per_label, x="label", y="count", color="label", color_discrete_map=ENTITY_COLOURS, text="count")
    fig.update_layout(showlegend=False, height=320, margin=_MARGIN)
    return fig
