"""Loading: every format and encoding; bad files fail alone with a clear typed error."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from analysis.errors import BinaryFileError, DecodingError, EmptyFileError
from analysis.loading import Limits, decode_bytes, load_bytes, load_paths

BODY = "قال وزير الصحة إن الحملة الوطنية للتلقيح ستتواصل حتى نهاية الشهر الجاري في كل الولايات."


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("cp1256", b""),
        ("iso8859_6", b""),
    ],
)
def test_decode_encodings(encoding: str, prefix: bytes) -> None:
    assert decode_bytes(prefix + BODY.encode(encoding)) == BODY


def test_decode_cp1256_with_latin_and_digits() -> None:
    text = "تونس في 15 مارس 2024 (وات) - أعلنت وزارة الصحة عن حملة جديدة ضد كوفيد COVID-19 بنسبة 85%."
    assert decode_bytes(text.encode("cp1256")) == text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyFileError),
        (b"   \n\t ", EmptyFileError),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryFileError),
        (b"%PDF-1.7\n" + bytes(range(256)), BinaryFileError),
        (b"abc\x00\x01\x02def" * 20, BinaryFileError),
        (bytes(range(128, 256)) * 8 + bytes(range(1, 32)) * 8, (BinaryFileError, DecodingError)),
    ],
    ids=["empty", "blank", "png", "pdf", "nul-bytes", "control-garbage"],
)
def test_decode_rejects_bad_bytes(data: bytes, error: type[Exception] | tuple[type[Exception], ...]) -> None:
    with pytest.raises(error):
        decode_bytes(data)


def test_decode_error_is_typed_for_garbage() -> None:
    garbage = bytes([0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E]) * 50
    with pytest.raises((DecodingError, BinaryFileError)):
        decode_bytes(garbage)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_formats_and_ids(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "batch.csv").write_text(
        'title,date,source,text\nعنوان,2024-03-15,جريدة,"سطر أول\nسطر ثان"\nعنوان 2,,جريدة,' + BODY + "\n", encoding="utf-8"
    )
    rows = [{"title": "أ", "content": BODY, "date": "2023-01-02T10:00:00Z", "url": "http://x"}, {"body": BODY}]
    (tmp_path / "batch.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps({"articles": rows}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "pack.zip").write_bytes(_zip({"in/a.txt": BODY.encode("cp1256"), "b.jsonl": json.dumps(rows[0], ensure_ascii=False).encode()}))
    (tmp_path / "page.html").write_text(
        "<html><head><title>عنوان الصفحة</title><meta property='article:published_time' content='2024-05-01'></head>"
        f"<body><nav>الرئيسية | رياضة</nav><article><h1>عنوان المقال</h1><p>{BODY}</p><p>{BODY[::-1]}</p></article>"
        "<script>alert('x')</script><footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8",
    )
    result = load_paths(sorted(tmp_path.iterdir()))
    assert result.failures == ()
    by_id = {d.id: d for d in result.documents}
    assert set(by_id) == {
        "one.txt", "batch.csv#1", "batch.csv#2", "batch.jsonl#1", "batch.jsonl#2",
        "list.json#1", "list.json#2", "pack.zip/in/a.txt", "pack.zip/b.jsonl#1", "page.html",
    }  # fmt: skip
    assert by_id["batch.csv#1"].text == "سطر أول\nسطر ثان"
    assert by_id["batch.csv#1"].date == "2024-03-15"
    assert by_id["batch.jsonl#1"].date == "2023-01-02"
    assert by_id["batch.jsonl#1"].url == "http://x"
    assert by_id["pack.zip/in/a.txt"].text == BODY
    page = by_id["page.html"]
    assert page.title == "عنوان المقال"
    assert page.date == "2024-05-01"
    assert BODY in page.text and "alert" not in page.text and "الرئيسية" not in page.text


def test_bad_files_fail_alone(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "broken.csv": b'title,text\n"unclosed,' + BODY.encode() + b"\n" + b'a,b,c,d\n',
        "broken.json": b'{"text": "' + BODY.encode() + b'"',
        "nocol.csv": b"a,b\n1,2\n",
        "big.txt": b"a" * 2_000_001,
        "traversal.zip": _zip({"../../etc/passwd": BODY.encode()}),
        "bomb.zip": _zip({"bomb.txt": b"\x20" * 5_000_000}),
        "notes.docx": b"PK\x03\x04 not really",
        "file.exe": b"MZ\x90\x00",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    result = load_paths(sorted(tmp_path.iterdir()), limits=Limits(max_file_bytes=2_000_000, max_compression_ratio=100))
    assert [d.id for d in result.documents] == ["good.txt"]
    errors = {f.source: f.error for f in result.failures}
    assert errors == {
        "big.txt": "too_large",
        "bomb.zip": "unsafe_archive",
        "broken.csv": "malformed",
        "broken.json": "malformed",
        "empty.txt": "empty",
        "file.exe": "unsupported_format",
        "image.txt": "binary",
        "nocol.csv": "malformed",
        "notes.docx": "unsupported_format",
        "traversal.zip": "unsafe_archive",
    }
    assert all(f.message.startswith(f.source) for f in result.failures)


def test_jsonl_bad_line_fails_alone() -> None:
    data = (json.dumps({"text": BODY}, ensure_ascii=False) + "\n{oops\n" + json.dumps({"text": BODY}, ensure_ascii=False)).encode()
    result = load_bytes("feed.jsonl", data)
    assert [d.id for d in result.documents] == ["feed.jsonl#1", "feed.jsonl#3"]
    assert [(f.source, f.error) for f in result.failures] == [("feed.jsonl#2", "malformed")]


def test_upload_name_is_reduced_to_basename() -> None:
    result = load_bytes("../../x/evil.txt", BODY.encode())
    assert [d.id for d in result.documents] == ["evil.txt"]


def test_text_date_found() -> None:
    result = load_bytes("a.txt", ("تونس، الأربعاء 18 جانفي 2017 (وات) - " + BODY).encode())
    assert result.documents[0].date == "2017-01-18"
