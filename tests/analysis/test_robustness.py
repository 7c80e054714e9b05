"""Bad inputs from the wild: each yields a clear per-file error or loads safely; the batch goes on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from analysis.cleaning import clean_text
from analysis.loading import load_paths
from analysis.pipeline import load_articles
from analysis.tokens import tokenize_article

GOOD = "قال رئيس الحكومة إن الإصلاحات ستتواصل رغم الصعوبات الاقتصادية التي تمر بها البلاد."


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_INPUTS: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16, "binary"),
    ("undecodable.txt", bytes([0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E]) * 60, "undecodable"),
    ("huge.txt", ("كلمة " * 10_500_000).encode("utf-8")[:52_000_000], "too_large"),
    ("bomb.zip", _zip({"a.txt": b"\x20" * 40_000_000}), "unsafe_archive"),
    ("escape.zip", _zip({"../../../../tmp/owned.txt": GOOD.encode()}), "unsafe_archive"),
    ("abs.zip", _zip({"/etc/cron.d/x.txt": GOOD.encode()}), "unsafe_archive"),
    ("broken.csv", b'title,text\n"never closed,' + GOOD.encode() + b"\n", "malformed"),
    ("broken.json", b'[{"text": "' + GOOD.encode() + b'"},', "malformed"),
    ("scalar.json", b"42", "malformed"),
    ("not-a.zip", b"PK\x03\x04garbage", "malformed"),
]


@pytest.mark.parametrize(("name", "data", "error"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_fails_alone(tmp_path: Path, name: str, data: bytes, error: str) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    articles, failures = load_articles([tmp_path / name, tmp_path / "good.txt"])
    assert [a.id for a in articles] == ["good.txt"]
    assert [(f.source, f.error) for f in failures] == [(name, error)]
    assert failures[0].message.startswith(name) and len(failures[0].message) < 300


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("legacy.txt", GOOD.encode("cp1256")),
        ("utf16.txt", b"\xff\xfe" + GOOD.encode("utf-16-le")),
        ("bom.txt", b"\xef\xbb\xbf" + GOOD.encode("utf-8")),
    ],
)
def test_encodings_load(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    articles, failures = load_articles([tmp_path / name])
    assert failures == [] and articles[0].text == GOOD


def test_html_payloads_never_reach_the_text(tmp_path: Path) -> None:
    page = (
        "<html><head><title>x</title><script>document.cookie</script></head><body>"
        f"<article><p>{GOOD}</p><p>{GOOD[::-1]} <img src=x onerror=\"alert('xss')\"></p>"
        "<p><a href=\"javascript:alert(1)\">رابط</a> &lt;script&gt;alert(3)&lt;/script&gt;</p></article>"
        "<script>alert('payload')</script></body></html>"
    )
    (tmp_path / "evil.html").write_text(page, encoding="utf-8")
    articles, failures = load_articles([tmp_path / "evil.html"])
    assert failures == []
    text = articles[0].text
    assert GOOD in text
    assert "onerror" not in text and "document.cookie" not in text and "javascript:" not in text
    # escaped markup in the page stays as literal text: rendering must escape it (ui/ does)
    assert "<script>alert(3)</script>" in text


def test_no_arabic_text_loads_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "english.txt").write_text("The minister said the reforms will continue.\n" * 3, encoding="utf-8")
    articles, failures = load_articles([tmp_path / "english.txt"])
    assert failures == []
    assert "no Arabic text" in articles[0].warnings


def test_extremely_long_line(tmp_path: Path) -> None:
    line = " ".join(f"{GOOD} {i}" for i in range(20_000))  # one 1.9 MB line, no newline
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    articles, failures = load_articles([tmp_path / "long.txt"])
    assert failures == []
    tokens = tokenize_article(articles[0])
    assert len(tokens) == 20_000 * 15
    assert all(articles[0].text[t.start : t.end] == t.text for t in tokens[:1000])


@pytest.mark.parametrize("text", ['قال: "لم ينته', "«« »» «", "”“ ” “", '""""', "«قال» «", "\"'«“”»'\""])
def test_unbalanced_quote_marks_are_harmless(text: str) -> None:
    result = clean_text(text + "\n" + GOOD)
    assert GOOD in result.text


def test_many_files_one_call(tmp_path: Path) -> None:
    for i in range(300):
        (tmp_path / f"a{i:03d}.txt").write_text(f"{GOOD} {i}", encoding="utf-8")
    result = load_paths(sorted(tmp_path.iterdir()))
    assert len(result.documents) == 300 and result.failures == ()
