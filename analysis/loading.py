"""Files → :class:`RawDocument` records. Every format, every encoding, bad files fail alone.

Formats: ``.txt``; ``.html``/``.htm`` (main text by trafilatura, title/date/author from the
page metadata); ``.csv``, ``.jsonl``, ``.json`` batches (columns mapped from common names:
text/content/body, title, date, source, url, byline/author); ``.zip`` of any of these.
Encodings: UTF-8 (with or without BOM), UTF-16/32 (BOM or detectable), windows-1256,
ISO-8859-6, CP720/CP864 and other legacy encodings (charset-normalizer, with an Arabic-aware
check of its guess). A bad file (binary, empty, undecodable, malformed batch, oversized,
zip bomb, unsafe archive) becomes a :class:`LoadFailure`; the rest of the batch loads.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from analysis.dates import find_date, parse_date
from analysis.errors import (
    BinaryFileError,
    DecodingError,
    EmptyFileError,
    LoadError,
    MalformedBatchError,
    TooLargeError,
    UnsafeArchiveError,
    UnsupportedFormatError,
)
from analysis.records import LoadFailure, RawDocument

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Limits",
    "LoadResult",
    "decode_bytes",
    "load_bytes",
    "load_paths",
]

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".zip")


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety bounds for one load call (bytes)."""

    max_file_bytes: int = 20_000_000
    max_archive_bytes: int = 200_000_000
    max_archive_members: int = 5_000
    max_compression_ratio: int = 200


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Documents that loaded and failures (one per bad file or batch row)."""

    documents: tuple[RawDocument, ...] = ()
    failures: tuple[LoadFailure, ...] = ()

    def __add__(self, other: LoadResult) -> LoadResult:
        return LoadResult(self.documents + other.documents, self.failures + other.failures)


@dataclass(slots=True)
class _Collector:
    documents: list[RawDocument] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)

    def fail(self, source: str, exc: LoadError) -> None:
        self.failures.append(LoadFailure(source, exc.code, str(exc)))

    def result(self) -> LoadResult:
        return LoadResult(tuple(self.documents), tuple(self.failures))


# --------------------------------------------------------------------------- entry points


def load_paths(paths: Iterable[str | Path], *, limits: Limits = Limits()) -> LoadResult:
    """Load files from disk; ids are the file names (``name#row`` for batch rows)."""
    out = _Collector()
    for path in map(Path, paths):
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                raise TooLargeError(f"{path.name}: {size:,} bytes is over the {limits.max_file_bytes:,}-byte limit")
            data = path.read_bytes()
        except LoadError as exc:
            out.fail(path.name, exc)
            continue
        except OSError as exc:
            out.fail(path.name, LoadError(f"{path.name}: cannot be read ({exc.strerror or exc})"))
            continue
        _load_into(out, path.name, data, limits)
    return out.result()


def load_bytes(name: str, data: bytes, *, limits: Limits = Limits()) -> LoadResult:
    """Load one uploaded file given its name and content."""
    out = _Collector()
    _load_into(out, PurePosixPath(name).name or "upload", data, limits)
    return out.result()


def _load_into(out: _Collector, name: str, data: bytes, limits: Limits, *, depth: int = 0) -> None:
    try:
        if len(data) > limits.max_file_bytes:
            raise TooLargeError(f"{name}: {len(data):,} bytes is over the {limits.max_file_bytes:,}-byte limit")
        suffix = PurePosixPath(name).suffix.lower()
        if suffix == ".zip":
            if depth > 0:
                raise UnsupportedFormatError(f"{name}: archives inside archives are not opened")
            _load_zip(out, name, data, limits)
            return
        if suffix not in SUPPORTED_SUFFIXES:
            raise UnsupportedFormatError(
                f"{name}: unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED_SUFFIXES)}"
            )
        if suffix in (".html", ".htm"):
            out.documents.append(_load_html(name, data))
        elif suffix in (".csv", ".tsv"):
            _load_rows(out, name, _read_csv(name, decode_bytes(data, name=name), tsv=suffix == ".tsv"))
        elif suffix in (".jsonl", ".ndjson"):
            _load_rows(out, name, _read_jsonl(out, name, decode_bytes(data, name=name)))
        elif suffix == ".json":
            _load_rows(out, name, _read_json(name, decode_bytes(data, name=name)))
        else:
            out.documents.append(_load_text(name, decode_bytes(data, name=name)))
    except LoadError as exc:
        out.fail(name, exc)


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (Office document?)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
)
_ARABIC_LEGACY = ("cp1256", "iso8859_6", "cp720", "cp864")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def decode_bytes(data: bytes, *, name: str = "file") -> str:
    """Decode file bytes to text, detecting the encoding; raise a typed :class:`LoadError`.

    >>> decode_bytes("قال".encode("cp1256"))
    'قال'
    """
    if not data.strip():
        raise EmptyFileError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise DecodingError(f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding}") from exc
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return _check_text(data.decode(utf16), name)
        except UnicodeDecodeError:
            pass
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryFileError(f"{name}: this is {what}, not text")
    if b"\x00" in data[:4096]:
        raise BinaryFileError(f"{name}: binary content (NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    return _check_text(_decode_legacy(data, name), name)


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: every other byte is NUL (ASCII) or 0x06 (Arabic block)."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if sum(b in (0, 6) for b in high) > 0.9 * len(high):
            return encoding
    return None


def _decode_legacy(data: bytes, name: str) -> str:
    """Pick the legacy decoding that reads most like text; Arabic code pages checked first."""
    from charset_normalizer import from_bytes

    candidates: list[tuple[float, str]] = []
    for encoding in _ARABIC_LEGACY:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_arabic_score(text), text))
    guess = from_bytes(data).best()
    if guess is not None:
        text = str(guess)
        candidates.append((_arabic_score(text) if _ARABIC_RE.search(text) else 0.5 * (1 - guess.chaos), text))
    if not candidates:
        raise DecodingError(f"{name}: the bytes are not valid in any supported text encoding")
    score, text = max(candidates, key=lambda c: c[0])
    if len(text) > 100 and sum(c.isspace() for c in text) < 0.02 * len(text):
        score = 0.0  # no word breaks: bytes that merely happen to be valid in a code page
    if score < 0.5:
        raise DecodingError(f"{name}: the encoding could not be detected reliably (not UTF-8, windows-1256 or another known encoding)")
    return text


def _arabic_score(text: str) -> float:
    """Share of non-ASCII letters that are Arabic: high for the right Arabic code page."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 0.0
    arabic = sum(1 for c in non_ascii if "\u0621" <= c <= "\u064a")
    return arabic / len(non_ascii)


def _check_text(text: str, name: str) -> str:
    """Reject decodes that are mostly control characters or replacement characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyFileError(f"{name}: the file holds no text")
    sample = text[:20000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\t\f\v") or c == "\ufffd")
    if bad > 0.01 * len(sample) + 2:
        raise BinaryFileError(f"{name}: {bad} control/undecodable characters — this does not look like a text file")
    return text


# --------------------------------------------------------------------------- formats


def _load_text(name: str, text: str) -> RawDocument:
    return RawDocument(id=name, source=name, text=text, date=find_date(text))


def _load_html(name: str, data: bytes) -> RawDocument:
    import trafilatura

    html = _decode_html(data, name)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # lxml/trafilatura raise many parser errors on broken pages
        raise MalformedBatchError(f"{name}: the HTML page could not be parsed ({type(exc).__name__})") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise EmptyFileError(f"{name}: no article text found in the HTML page")
    title = (getattr(doc, "title", None) or "").strip()
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title:
        text = "\n".join(lines[1:]).strip() or text
    date = parse_date(getattr(doc, "date", None) or "") or find_date(text)
    return RawDocument(
        id=name,
        source=name,
        text=text,
        title=title,
        date=date,
        url=getattr(doc, "url", None) or "",
        byline=(getattr(doc, "author", None) or "").strip(),
    )


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, name: str) -> str:
    declared = _META_CHARSET_RE.search(data[:4096])
    if declared is not None and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return _check_text(data.decode(declared.group(1).decode("ascii")), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, name=name)


# Column names (lower-cased) mapped to RawDocument fields, first match wins.
_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "article_text", "full_text", "النص", "نص", "المحتوى"),
    "title": ("title", "headline", "heading", "العنوان", "عنوان"),
    "date": ("date", "published", "published_at", "pubdate", "time", "datetime", "created_at", "التاريخ", "تاريخ"),
    "source": ("source", "src", "site", "outlet", "publisher", "newspaper", "المصدر", "مصدر"),
    "url": ("url", "link", "href", "الرابط"),
    "byline": ("byline", "author", "agency", "الكاتب", "الوكالة"),
}


def _map_row(row: Mapping[str, object]) -> dict[str, str]:
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    mapped: dict[str, str] = {}
    for target, names in _COLUMNS.items():
        for column in names:
            value = lowered.get(column)
            if value is not None and str(value).strip():
                mapped[target] = str(value).strip()
                break
    return mapped


def _load_rows(out: _Collector, name: str, rows: Iterable[tuple[int, Mapping[str, object]]]) -> None:
    n_before = len(out.documents) + len(out.failures)
    for number, row in rows:
        row_id = f"{name}#{number}"
        mapped = _map_row(row)
        text = mapped.get("text", "").replace("\r\n", "\n")
        if not text:
            out.fail(row_id, EmptyFileError(f"{row_id}: row has no text (expected a column named one of {', '.join(_COLUMNS['text'][:5])})"))
            continue
        out.documents.append(
            RawDocument(
                id=row_id,
                source=mapped.get("source", name),
                text=text,
                title=mapped.get("title", ""),
                date=parse_date(mapped.get("date", "")) or find_date(text),
                url=mapped.get("url", ""),
                byline=mapped.get("byline", ""),
            )
        )
    if len(out.documents) + len(out.failures) == n_before:
        raise EmptyFileError(f"{name}: the batch holds no rows")


def _read_csv(name: str, text: str, *, tsv: bool) -> list[tuple[int, dict[str, str]]]:
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab if tsv else csv.Sniffer().sniff(text[:8192], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise MalformedBatchError(f"{name}: malformed CSV near line {reader.line_num}: {exc}") from exc
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if not any(f in _COLUMNS["text"] for f in fields):
        raise MalformedBatchError(
            f"{name}: no text column; found columns {fields[:10]}, expected one of {', '.join(_COLUMNS['text'])}"
        )
    if any(None in row for row in rows):
        bad = next(i for i, row in enumerate(rows, 1) if None in row)
        raise MalformedBatchError(f"{name}: row {bad} has more fields than the header")
    return list(enumerate(rows, 1))


def _read_jsonl(out: _Collector, name: str, text: str) -> Iterator[tuple[int, Mapping[str, object]]]:
    good = 0
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.fail(f"{name}#{number}", MalformedBatchError(f"{name}: line {number} is not valid JSON ({exc.msg})"))
            continue
        if not isinstance(obj, dict):
            out.fail(f"{name}#{number}", MalformedBatchError(f"{name}: line {number} is not a JSON object"))
            continue
        good += 1
        yield number, obj
    if not good:
        raise MalformedBatchError(f"{name}: no line is a valid JSON object")


def _read_json(name: str, text: str) -> list[tuple[int, Mapping[str, object]]]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedBatchError(f"{name}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    if isinstance(obj, dict):
        for key in ("articles", "data", "items", "documents", "records"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
        else:
            obj = [obj]
    if not isinstance(obj, list) or not all(isinstance(o, dict) for o in obj):
        raise MalformedBatchError(f"{name}: expected a JSON object or a list of objects")
    return list(enumerate(obj, 1))


# --------------------------------------------------------------------------- zip


def _load_zip(out: _Collector, name: str, data: bytes, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise MalformedBatchError(f"{name}: not a readable zip archive ({exc})") from exc
    if len(members) > limits.max_archive_members:
        raise TooLargeError(f"{name}: {len(members):,} files is over the {limits.max_archive_members:,}-file limit")
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", member.filename):
            raise UnsafeArchiveError(f"{name}: refused — member {member.filename!r} has an unsafe path (path traversal)")
    declared = sum(m.file_size for m in members)
    if declared > limits.max_archive_bytes:
        raise TooLargeError(f"{name}: unpacks to {declared:,} bytes, over the {limits.max_archive_bytes:,}-byte limit")
    total = 0
    for member in members:
        inner = f"{name}/{member.filename}"
        if PurePosixPath(member.filename).name.startswith((".", "__MACOSX")) or "__MACOSX" in member.filename:
            continue
        try:
            content = _read_member(archive, member, name, limits, budget=limits.max_archive_bytes - total)
        except UnsafeArchiveError:
            raise
        except LoadError as exc:
            out.fail(inner, exc)
            continue
        total += len(content)
        _load_into(out, inner, content, limits, depth=1)


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limits: Limits, *, budget: int) -> bytes:
    """Read one member in chunks, never past the limits whatever its header claims."""
    cap = min(limits.max_file_bytes, budget)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(member) as handle:
            while chunk := handle.read(1 << 16):
                size += len(chunk)
                if member.compress_size and size > limits.max_compression_ratio * max(member.compress_size, 1024):
                    raise UnsafeArchiveError(f"{name}: refused — {member.filename!r} expands over {limits.max_compression_ratio}× (zip bomb)")
                if size > cap:
                    raise UnsafeArchiveError(f"{name}: refused — {member.filename!r} unpacks past the size limit (zip bomb)")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise MalformedBatchError(f"{name}: member {member.filename!r} cannot be read ({exc})") from exc
    return b"".join(chunks)
