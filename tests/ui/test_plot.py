"""Charts drawn by plotly.js's basic bundle: the bundle the app serves, the figure the component receives, and the
``st.plotly_chart`` fallback where the bundle cannot be served."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import plotly
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from ui import plot

ROOT = Path(__file__).resolve().parents[2]


def _version(bundle: Path) -> str:
    header = bundle.read_text(encoding="utf-8")[:300]
    found = re.search(r"plotly\.js(?: \(basic - minified\))? v(\d+\.\d+\.\d+)", header)
    assert found, header
    return found.group(1)


def test_the_served_bundle_is_plotly_basic_of_the_version_plotly_py_writes_for() -> None:
    """Figures are written by plotly.py for the plotly.js it bundles: the basic bundle must be that version (a
    plotly upgrade without a new bundle fails here, not in an analyst's browser)."""
    assert "(basic - minified)" in plot.BUNDLE.read_text(encoding="utf-8")[:200]
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert _version(plot.BUNDLE) == _version(full)
    assert (plot.BUNDLE.parent / "plotly-basic.LICENSE.txt").read_text(encoding="utf-8").startswith("MIT License")


def test_the_app_config_serves_the_static_folder() -> None:
    options = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert options["server"]["enableStaticServing"] is True
    assert plot.BUNDLE.parent == ROOT / "static"  # Streamlit serves the folder beside the app's script


def _page() -> None:
    import pandas as pd
    import streamlit as st

    from ui import charts, plot

    table = pd.DataFrame({"term": ["الحكومة", "تونس"], "count": [9, 4], "doc_count": [3, 2]})
    plot.show(charts.term_bars(table, names={"count": "العدد"}), key="terms", config={"displaylogo": False},
              on_pick=lambda point: st.session_state.update(picked=point["y"]))
    plot.show(charts.label_bars(pd.DataFrame({"label": ["PERS"], "count": [2]})), key="labels")


def _components(at: AppTest) -> list[dict]:
    """What each chart component received (the preload's element carries no data)."""
    return [json.loads(el.proto.json) for el in at.get("bidi_component")
            if el.proto.component_name == "nl_plotly_basic" and json.loads(el.proto.json or "null")]


def test_a_figure_reaches_the_component_as_plotly_json_without_plotly_py_template() -> None:
    at = AppTest.from_function(_page).run()
    assert not at.exception
    assert not at.get("plotly_chart")
    sent = _components(at)
    assert len(sent) == 2
    terms = json.loads(sent[0]["figure"])
    assert terms["data"][0]["type"] == "bar" and terms["data"][0]["y"] == ["تونس", "الحكومة"]  # first row on top
    assert "template" not in terms["layout"] and terms["layout"]["xaxis"]["title"]["text"] == "العدد"
    assert sent[0]["config"] == {"displaylogo": False} and sent[0]["pickable"] is True
    assert sent[1]["pickable"] is False  # no callback: a click on it does not rerun the page


def test_the_figure_json_keeps_everything_but_the_template() -> None:
    import pandas as pd

    from ui import charts

    fig = charts.term_bars(pd.DataFrame({"term": ["وزير"], "count": [5], "doc_count": [2]}), names={"count": "n"})
    full, sent = json.loads(fig.to_json()), json.loads(plot.figure_json(fig))
    assert "template" in full["layout"]
    full["layout"].pop("template")
    assert sent == full


@pytest.fixture
def no_static_serving() -> None:
    config.set_option("server.enableStaticServing", False)  # the project_config fixture restores it


def test_without_static_serving_the_charts_fall_back_to_st_plotly_chart(no_static_serving: None) -> None:
    assert not plot.available()
    at = AppTest.from_function(_page).run()
    assert not at.exception
    assert not _components(at)
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    assert json.loads(charts[0].proto.spec)["data"][0]["y"] == ["تونس", "الحكومة"]
