"""Download buttons: the files are written when a button is clicked, not on every rerun of the page."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.export as export


def _page() -> None:
    import pandas as pd

    from ui.export import downloads

    downloads(pd.DataFrame({"speaker": ["وفاء الكراي"], "text": ["نريد مدينة دون زحام"]}), "quotes")


def test_a_rerun_writes_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    monkeypatch.setattr(export, "to_csv", lambda frame: written.append("csv") or b"")
    monkeypatch.setattr(export, "to_json", lambda frame: written.append("json") or b"")
    at = AppTest.from_function(_page)
    at.run()
    at.run()
    assert not at.exception
    assert len(at.get("download_button")) == 2
    assert written == []  # (before, the two files were written on every run: 0.37 s for 30,661 quotes)


def test_the_files_keep_arabic_readable() -> None:
    frame = pd.DataFrame({"speaker": ["وفاء الكراي"], "text": ["نريد مدينة دون زحام"]})
    assert export.to_csv(frame).decode("utf-8-sig").splitlines() == ["speaker,text", "وفاء الكراي,نريد مدينة دون زحام"]
    assert json.loads(export.to_json(frame)) == [{"speaker": "وفاء الكراي", "text": "نريد مدينة دون زحام"}]
