"""The headless CLI prints JSON lines; failures go to stderr with a non-zero exit."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from tests.conftest import ROOT

BODY = "قال وزير الصحة إن الحكومة ستدعم المستشفيات.\nوأكد وزير الصحة أن للحكومة خطة واضحة."
PAGE = f"إشترك في النسخة الرقمية\n{BODY}\nشارك المقال\n{BODY}\n© جميع الحقوق محفوظة"


def run(*argv: str) -> tuple[int, list[dict], list[dict]]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    parse = lambda s: [json.loads(line) for line in s.getvalue().splitlines()]  # noqa: E731
    return code, parse(out), parse(err)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_clean(page: Path) -> None:
    code, rows, errors = run("clean", str(page))
    assert code == 0 and errors == []
    assert rows[0]["article"] == "page.txt"
    assert rows[0]["text"] == BODY
    assert [r["reason"] for r in rows[0]["removed"]] == ["banner", "share", "duplicate_body", "duplicate_body", "copyright"]
    assert set(rows[0]) >= {"article", "title", "byline", "text", "removed"}


def test_tokens_offsets_refer_to_cleaned_or_raw_text(page: Path) -> None:
    _, rows, _ = run("tokens", str(page))
    assert all(BODY[r["start"] : r["end"]] == r["token"] for r in rows)
    _, raw_rows, _ = run("tokens", str(page), "--raw")
    assert all(PAGE[r["start"] : r["end"]] == r["token"] for r in raw_rows)
    assert len(raw_rows) > len(rows)


def test_tokens_clitics_and_normalize(page: Path) -> None:
    _, rows, _ = run("tokens", str(page), "--clitics", "--normalize", "all")
    forms = {r["token"]: r["form"] for r in rows}
    assert forms["للحكومة"] == "حكومه"
    assert forms["المستشفيات."[:-1]] == "مستشفيات"


def test_freq_counts_once_despite_repeated_body(page: Path) -> None:
    _, rows, _ = run("freq", str(page), "--top", "3")
    assert rows[:2] == [{"term": "الصحة", "count": 2, "doc_count": 1}, {"term": "وزير", "count": 2, "doc_count": 1}]
    _, bigrams, _ = run("freq", str(page), "--ngram", "2", "--top", "1")
    assert bigrams == [{"term": "وزير الصحة", "count": 2, "doc_count": 1}]


def test_kwic(page: Path) -> None:
    _, rows, _ = run("kwic", str(page), "--term", "الحكومة", "--clitics", "--window", "2")
    assert [r["term"] for r in rows] == ["الحكومة", "للحكومة"]
    assert all(BODY[r["start"] : r["end"]] == r["term"] for r in rows)
    assert set(rows[0]) == {"article", "left", "term", "right", "start", "end"}


def test_bad_file_reported_on_stderr(page: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, rows, errors = run("clean", str(page), str(bad))
    assert code == 1
    assert [r["article"] for r in rows] == ["page.txt"]
    assert errors == [{"error": "binary", "source": "bad.txt", "message": "bad.txt: this is a PNG image, not text"}]


def test_bad_option_is_an_error(page: Path) -> None:
    code, rows, errors = run("tokens", str(page), "--normalize", "bogus")
    assert code == 2 and rows == [] and "unknown normalisation" in errors[0]["message"]


def test_module_entry_point(page: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "freq", str(page), "--top", "1"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["count"] == 2


def test_morph_without_camel_data_is_a_clear_error(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis import camel

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "none"))
    camel.morph_tokenizer.cache_clear()
    code, rows, errors = run("tokens", str(page), "--morph", "d3tok")
    assert code == 2 and rows == []
    assert errors[0]["error"] == "CamelDataMissingError"
