"""Quote-by-quote dumps of a gold set and their comparison (bench.speaker_diff)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.speaker_diff import compare_rows, dump_rows, main, totals

TEXT = "قال الوزير سامي الطرابلسي إن الوضع صعب. وأضاف أن الحل قريب."


def _gold() -> list[dict]:
    first = TEXT.index("الوضع صعب")
    second = TEXT.index("الحل قريب")
    return [
        {
            "id": "a",
            "text": TEXT,
            "quotes": [
                {"kind": "indirect", "start": first, "end": first + 9, "text": "الوضع صعب", "speaker": "سامي الطرابلسي",
                 "speaker_mention": "الوزير سامي الطرابلسي"},
                {"kind": "indirect", "start": second, "end": second + 9, "text": "الحل قريب", "speaker": "سامي الطرابلسي"},
                {"kind": "term", "start": 0, "end": 3, "text": "قال", "speaker": None},
            ],
        }
    ]


def _pred(first_speaker: str | None, *, extra: bool = False) -> dict[str, list[dict]]:
    first = TEXT.index("الوضع صعب")
    quotes = [{"kind": "indirect", "start": first, "end": first + 9, "speaker": first_speaker, "text": "الوضع صعب"}]
    if extra:
        quotes.append({"kind": "direct", "start": 0, "end": 10, "speaker": "x", "text": TEXT[:10]})
    return {"a": quotes}


@pytest.mark.parametrize(
    ("speaker", "strict", "lenient"),
    [("سامي الطرابلسي", 1, 1), ("الطرابلسي", 0, 1), ("الوزير", 0, 0), (None, 0, 0)],
)
def test_dump_scores_each_gold_speech_quote(speaker: str | None, strict: int, lenient: int) -> None:
    rows = dump_rows(_gold(), _pred(speaker))
    assert len(rows) == 2  # the term is no speech quote; the second quote is missed
    assert totals(rows) == {"speakers": 1, "strict": strict, "lenient": lenient, "matched": 1, "spurious": 0}
    assert rows[1]["matched"] is False and "ok" not in rows[1]
    assert rows[0]["gold_mention"] == "الوزير سامي الطرابلسي"


def test_a_spurious_prediction_is_its_own_row() -> None:
    rows = dump_rows(_gold(), _pred("سامي الطرابلسي", extra=True))
    assert [r.get("spurious", False) for r in rows] == [False, False, True]
    assert totals(rows)["spurious"] == 1


def test_compare_marks_fixed_broken_and_changed() -> None:
    wrong, right = dump_rows(_gold(), _pred("الوزير")), dump_rows(_gold(), _pred("سامي الطرابلسي"))
    assert [m for m, _, _ in compare_rows(wrong, right)] == ["FIX"]
    assert [m for m, _, _ in compare_rows(right, wrong)] == ["BRK"]
    assert compare_rows(right, right) == []
    extra = dump_rows(_gold(), _pred("سامي الطرابلسي", extra=True))
    assert [(m, a is None) for m, a, _ in compare_rows(right, extra)] == [("CHG", True)]


def test_cli_dump_and_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in _gold()), encoding="utf-8")
    assert main(["dump", str(gold), str(tmp_path / "a.jsonl")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["speakers"] == 2 and printed["matched"] == 2  # the extractor finds both quotes
    assert main(["compare", str(tmp_path / "a.jsonl"), str(tmp_path / "a.jsonl")]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == {"fixed": 0, "broken": 0}
