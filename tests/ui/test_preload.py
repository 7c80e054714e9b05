"""The plotly preload finds the chunk the installed Streamlit lazy-loads for st.plotly_chart."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.preload import plotly_chunk


def test_the_installed_streamlit_ships_the_plotly_chunk() -> None:
    """If a Streamlit upgrade renames the chunk, the preload would silently stop: this test says so."""
    chunk = plotly_chunk()
    assert chunk is not None and chunk.startswith("PlotlyChart.") and chunk.endswith(".js")
    assert (Path(st.__file__).parent / "static" / "static" / "js" / chunk).stat().st_size > 1_000_000
