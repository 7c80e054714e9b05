"""ui.data: the garbage-collector pause while a corpus's analyses are read; a large corpus's kept tables."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from ui.data import _CollectorPause


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_is_off_while_reading_then_on_and_the_objects_frozen(collector: None) -> None:
    gc.unfreeze()
    pause = _CollectorPause()
    with pause():
        assert not gc.isenabled()
        made = [{"quote": i} for i in range(1_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() > len(made)
    assert not any(obj is made for obj in gc.get_objects())  # out of every generation the collector walks


def test_overlapping_reads_turn_the_collector_on_when_the_last_ends(collector: None) -> None:
    pause = _CollectorPause()
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        first_in.wait()
        with pause():
            seen.append(gc.isenabled())
        second_done.set()

    thread = threading.Thread(target=second)
    thread.start()
    with pause():
        first_in.set()
        second_done.wait()
        seen.append(gc.isenabled())  # the other read ended, this one goes on: still off
    thread.join()
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector: None) -> None:
    gc.disable()
    with _CollectorPause()():
        pass
    assert not gc.isenabled()


def test_a_failed_read_turns_the_collector_back_on(collector: None) -> None:
    with pytest.raises(ValueError), _CollectorPause()():
        raise ValueError("store gone")
    assert gc.isenabled()


def test_a_large_corpus_tables_are_kept_and_read_back_without_its_analyses(
    fresh_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new server process reads a large corpus's tables from the cache folder, not from every stored analysis; a
    write to the corpus (a new fingerprint) makes them again."""
    import streamlit as st

    import ui.data as data
    from analysis.store import open_store
    from tests.analysis.test_store import realistic_analysis, simple_analysis

    monkeypatch.setenv("NEWS_LENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(data, "_FRAMES_FROM", 2)  # two articles count as a large corpus here
    store = open_store(data_dir=fresh_data_dir)
    corpus = store.create_corpus("kept")
    store.add_analyses(corpus, [realistic_analysis("a.txt"), simple_analysis("b.txt")])

    def tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, list[str]]:
        st.cache_data.clear()
        st.cache_resource.clear()
        k = data.key(corpus)
        index = data._term_index(k)
        return data.article_index(k), data.quotes(k), data.entities(k), [*index.forms, *map(str, index.count)]

    built = tables()
    kept = sorted(p.name.rsplit("-", 1)[1] for p in (tmp_path / "cache" / "frames").iterdir())
    assert kept == ["entities.parquet", "index.parquet", "quotes.parquet", "terms.npz"]
    read = data._analyses
    monkeypatch.setattr(data, "_analyses", lambda k: pytest.fail("the analyses were read"))
    again = tables()
    for made, back in zip(built[:3], again[:3], strict=True):
        pd.testing.assert_frame_equal(made, back)
    assert again[3] == built[3]

    monkeypatch.setattr(data, "_analyses", read)
    store.add_analyses(corpus, [simple_analysis("c.txt", "نص آخر")])
    assert len(tables()[0]) == 3
    assert len(list((tmp_path / "cache" / "frames").iterdir())) == 8  # both versions' tables, the old ones kept too


def test_a_small_corpus_keeps_no_tables(fresh_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit as st

    import ui.data as data
    from analysis.store import open_store
    from tests.analysis.test_store import simple_analysis

    monkeypatch.setenv("NEWS_LENS_CACHE_DIR", str(tmp_path / "cache"))
    store = open_store(data_dir=fresh_data_dir)
    corpus = store.create_corpus("small")
    store.add_analyses(corpus, [simple_analysis("a.txt")])
    st.cache_data.clear()
    st.cache_resource.clear()
    assert len(data.quotes(data.key(corpus))) == 0
    assert not (tmp_path / "cache" / "frames").exists()
