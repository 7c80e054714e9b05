"""The dashboard view (:class:`analysis.viewstate.ViewState`) bound to ``st.query_params``.

Each run the router calls :func:`load_view`: the URL is decoded with
:func:`~analysis.viewstate.decode_view`. When the URL changed from outside (a share link, a
hand-edited parameter, a page switch that dropped the query string), widgets are re-seeded from
the view; otherwise they keep their session values. Pages read widgets seeded with :func:`seed`
and report the values back with :func:`update`, which writes
:func:`~analysis.viewstate.encode_view` to the URL — so the address bar always reproduces the view.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from analysis.viewstate import ViewState, decode_view, encode_view, view_url

__all__ = ["current_params", "go", "load_view", "reseeding", "seed", "share_url", "update", "view", "widget_key"]

_VIEW = "_nl_view"
VIEW_KEY = _VIEW  # present in the session once a view was loaded
_WRITTEN = "_nl_written"
_SEED = "_nl_seed"
_DIRTY = "_nl_dirty"
_NO_DEFAULT = object()  # seed(): the widget's own default is unknown


def current_params() -> dict[str, str]:
    """The URL's query parameters (last value of repeated keys)."""
    return {key: st.query_params[key] for key in st.query_params}


def load_view() -> ViewState:
    """Decode the URL into the session's view; decide whether widgets must be re-seeded from it."""
    params = current_params()
    last: ViewState | None = st.session_state.get(_VIEW)
    written: dict[str, str] | None = st.session_state.get(_WRITTEN)
    if last is None:
        state, reseed = decode_view(params), True
    elif params == written:
        state, reseed = last, False
    else:
        # Changed from outside; parameters missing from the URL keep their session value.
        state, reseed = decode_view({**encode_view(last), **params}), True
    st.session_state[_VIEW] = state
    st.session_state[_SEED] = reseed
    return state


def view() -> ViewState:
    """The current view (as loaded and updated during this run)."""
    state = st.session_state.get(_VIEW)
    return state if isinstance(state, ViewState) else load_view()


def _write_url(state: ViewState) -> None:
    params = encode_view(state)
    if params != current_params():
        st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params


def _same(widget_value: Any, field_value: Any) -> bool:
    if isinstance(widget_value, list | tuple | set | frozenset):
        return frozenset(widget_value) == frozenset(field_value or ())
    return bool(widget_value == field_value)


def update(**changes: Any) -> ViewState:
    """Replace view fields (unknown names raise ``TypeError``) and write the view to the URL."""
    before = view()
    state = dataclasses.replace(before, **changes) if changes else before
    dirty: set[str] = st.session_state.setdefault(_DIRTY, set())
    for name in changes:
        key = widget_key(name)
        if key in st.session_state and _same(st.session_state[key], getattr(state, name)) is False:
            dirty.add(name)  # changed from elsewhere: its widget must show the new value next run
    st.session_state[_VIEW] = state
    _write_url(state)
    return state


def reseeding() -> bool:
    """Whether this run seeds widgets from the URL: the session's first run, or the URL changed from outside."""
    return bool(st.session_state.get(_SEED, True))


def widget_key(name: str) -> str:
    """The session-state key of the widget bound to view field ``name``."""
    return f"nl_w_{name}"


def seed(name: str, value: Any, *, default: Any = _NO_DEFAULT) -> str:
    """Seed the widget bound to ``name`` with ``value`` when needed and return its key.

    Needed on the first run, after an outside URL change, after :func:`update` changed the field
    (e.g. a click elsewhere picked a speaker), or when the widget was not rendered in the previous
    run (Streamlit drops the state of widgets it did not draw).

    ``default`` is what the widget shows when it is new (a select box's first option, ``""`` for «all»). A new
    widget that would show ``value`` anyway, or a widget already holding it, is left alone: for a value set
    through the session state the browser rebuilds the widget, in that run and in the next (whose element no
    longer carries the value): 0.2–0.3 s each for a select box of 10,000 articles.
    """
    key = widget_key(name)
    dirty: set[str] = st.session_state.setdefault(_DIRTY, set())
    if key in st.session_state:
        needed = name in dirty or (reseeding() and not _same(st.session_state[key], value))
    else:
        needed = default is _NO_DEFAULT or not _same(default, value)
    if needed:
        st.session_state[key] = value
    dirty.discard(name)
    return key


def go(page: str, **changes: Any) -> None:
    """Update the view and switch to ``page`` (its parameters carried in the URL)."""
    state = update(page=page, **changes)
    st.switch_page(f"pages/{page}.py", query_params=encode_view(state))


def share_url(state: ViewState | None = None) -> str:
    """A URL that reopens ``state`` (the current view by default)."""
    base = st.context.url or "http://localhost:8501/"
    return view_url(base, state or view())
