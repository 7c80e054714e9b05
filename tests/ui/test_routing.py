"""A page draws the same elements in the same places in its first run as in the runs after it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from analysis.viewstate import PAGES

MakeApp = Callable[..., AppTest]


def _shape(at: AppTest) -> list[tuple[str, str]]:
    """(place, element kind) of everything drawn, in order: ``("main/2/0/0", "Selectbox")``."""
    shape: list[tuple[str, str]] = []

    def walk(node: object, place: str) -> None:
        shape.append((place, type(node).__name__))
        for index, child in getattr(node, "children", {}).items():
            walk(child, f"{place}/{index}")

    walk(at.main, "main")
    walk(at.sidebar, "sidebar")
    return shape


@pytest.mark.parametrize("legacy", [pytest.param(True, marks=pytest.mark.legacy_pages), False], ids=["page-url", "routed"])
@pytest.mark.parametrize("page", PAGES)
def test_the_first_run_draws_what_the_next_runs_draw(data_dir, make_app: MakeApp, page: str, legacy: bool) -> None:
    """An element only the first run drew (the plotly preload once was) shifts every later element, and the
    browser mounts the whole page again on the first click. Legacy mode: Streamlit runs the page file itself
    (a server's first run on a page URL), which hands over to the router (:func:`ui.routing.enter_page`)."""
    at = make_app(page=page)
    assert not at.exception
    first = _shape(at)
    at.run()
    assert not at.exception
    assert _shape(at) == first
    assert "nl_plotly" in at.main.children[0].proto.component_name, "the plotly preload comes first (ui.preload)"
