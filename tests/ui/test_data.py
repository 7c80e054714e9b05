"""ui.data's garbage-collector pause while a corpus's analyses are read."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

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
