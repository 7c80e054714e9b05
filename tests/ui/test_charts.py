"""Figures: built once per table and options (a rerun reuses them), and drawn as the pages mean them."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.charts as charts
from ui.render import ENTITY_COLOURS, UNKNOWN_SPEAKER_COLOUR, speaker_colour


@pytest.fixture(autouse=True)
def fresh_figures() -> Iterator[None]:
    for kept in (charts.term_bars, charts.breakdown_bars, charts.speaker_bars, charts.label_bars):
        kept.clear()
    yield


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every figure the charts build."""
    made: list[object] = []
    real = charts.go.Figure

    def figure(*args: object, **kwargs: object) -> object:
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(charts.go, "Figure", figure)
    return made


def _terms(counts: list[int]) -> pd.DataFrame:
    terms = ["الحكومة", "تونس", "وزير"][: len(counts)]
    return pd.DataFrame({"term": terms, "count": counts, "doc_count": [1] * len(counts)})


def _page() -> None:
    import pandas as pd

    from ui import charts, plot

    table = pd.DataFrame({"term": ["الحكومة", "تونس"], "count": [9, 4], "doc_count": [1, 1]})  # new each run
    plot.show(charts.term_bars(table, names={"count": "العدد"}), key="terms")


def test_a_rerun_builds_no_figure(builds: list[object]) -> None:
    at = AppTest.from_function(_page)
    at.run()
    at.run()
    assert not at.exception
    assert [el.proto.component_name for el in at.get("bidi_component")] == ["nl_plotly_basic"]
    assert len(builds) == 1


def test_a_changed_table_or_option_builds_a_new_figure(builds: list[object]) -> None:
    first = charts.term_bars(_terms([9, 4]), names={"count": "العدد"})
    assert charts.term_bars(_terms([9, 4]), names={"count": "العدد"}) is first
    changed = charts.term_bars(_terms([9, 5]), names={"count": "العدد"})
    relabelled = charts.term_bars(_terms([9, 4]), names={"count": "Count"})
    assert len(builds) == 3
    assert list(changed.data[0].x) == [5, 9]
    assert relabelled.layout.xaxis.title.text == "Count"


ARABIC = {"term": "مصطلح", "count": "العدد", "doc_count": "عدد المقالات", "speaker": "المتحدث", "label": "الفئة", "date": "التاريخ", "source": "المصدر"}


def _titles_and_hovers(fig) -> list[str]:
    layout = fig.layout
    shown = [layout.xaxis.title.text, layout.yaxis.title.text, layout.legend.title.text]
    return [text for text in shown if text] + [trace.hovertemplate for trace in fig.data]


@pytest.mark.parametrize(
    ("draw", "words"),
    [
        (lambda names: charts.term_bars(_terms([9, 4]), names=names), ["العدد", "مصطلح", "عدد المقالات"]),
        (lambda names: charts.speaker_bars(pd.DataFrame({"speaker": ["سامي"], "count": [2]}), selected="", unknown="?", names=names), ["العدد", "المتحدث"]),
        (lambda names: charts.label_bars(pd.DataFrame({"label": ["PERS"], "count": [2]}), names=names), ["العدد", "الفئة"]),
        (lambda names: charts.breakdown_bars(pd.DataFrame({"term": ["تونس"], "date": ["2017-05-01"], "count": [2]}), by="date", names=names), ["العدد", "التاريخ", "مصطلح"]),
        (lambda names: charts.breakdown_bars(pd.DataFrame({"term": ["تونس"], "source": ["jfm"], "count": [2]}), by="source", names=names), ["العدد", "المصدر", "مصطلح"]),
    ],
)
def test_axes_legends_and_hover_labels_speak_the_pages_language(draw, words: list[str]) -> None:
    """In Arabic every axis, legend and hover label names its column in Arabic; without names, the column itself."""
    arabic = " ".join(_titles_and_hovers(draw(ARABIC)))
    assert all(word in arabic for word in words)
    assert not any(column in arabic for column in ("count", "term", "speaker", "label", "date", "source"))
    plain = " ".join(_titles_and_hovers(draw(None)))
    assert "count" in plain and not any(word in plain for word in words)


def test_term_bars_put_the_first_row_on_top() -> None:
    fig = charts.term_bars(_terms([9, 4, 2]), names={"count": "العدد"})
    assert list(fig.data[0].y) == ["وزير", "تونس", "الحكومة"]  # plotly draws the first category at the bottom
    assert fig.layout.yaxis.type == "category"


def test_speaker_bars_colour_speakers_grey_the_unattributed_and_outline_the_selected() -> None:
    counts = pd.DataFrame({"speaker": ["نور الدين الطبوبي", "(غير منسوب)"], "count": [7, 3]})
    fig = charts.speaker_bars(counts, selected="نور الدين الطبوبي", unknown="(غير منسوب)")
    bars = fig.data[0]
    assert list(bars.y) == ["(غير منسوب)", "نور الدين الطبوبي"]
    assert list(bars.marker.color) == [UNKNOWN_SPEAKER_COLOUR, speaker_colour("نور الدين الطبوبي")]
    assert list(bars.marker.line.width) == [0, 3]


@pytest.mark.parametrize(("by", "places", "category_axis"), [("date", "x", None), ("source", "y", "category")])
def test_breakdown_bars_by_date_stand_and_by_source_lie(by: str, places: str, category_axis: str | None) -> None:
    frame = pd.DataFrame({"term": ["تونس", "الحكومة", "تونس"], by: ["a", "a", "b"], "count": [2, 1, 5]})
    fig = charts.breakdown_bars(frame, by=by)
    assert [trace.name for trace in fig.data] == ["تونس", "الحكومة"]  # a colour per term, in the table's order
    assert list(getattr(fig.data[0], places)) == ["a", "b"]
    assert fig.layout.yaxis.type == category_axis
    assert fig.layout.barmode == "group"
    alone = charts.breakdown_bars(frame[frame["term"] == "تونس"], by=by)
    assert alone.data[0].showlegend  # the legend names the term even when it is the only one


def test_drawing_a_kept_figure_leaves_it_as_it_was(builds: list[object]) -> None:
    fig = charts.term_bars(_terms([9, 4]), names={"count": "العدد"})
    before = fig.to_json()
    at = AppTest.from_function(_page)
    at.run()
    at.run()
    assert not at.exception
    assert len(builds) == 1  # the page drew this very figure, twice
    assert fig.to_json() == before


def test_label_bars_word_their_labels_and_keep_their_colours() -> None:
    per_label = pd.DataFrame({"label": ["LOC", "PERS", "XYZ"], "count": [5, 3, 1]})
    fig = charts.label_bars(per_label, label_names={"LOC": "مكان", "PERS": "شخص"})
    assert list(fig.data[0].x) == ["مكان", "شخص", "XYZ"]  # a label without a word shows its code
    assert list(fig.data[0].marker.color) == [ENTITY_COLOURS["LOC"], ENTITY_COLOURS["PERS"], UNKNOWN_SPEAKER_COLOUR]
