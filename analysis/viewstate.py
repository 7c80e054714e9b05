"""The dashboard view carried in share URLs: which page, corpus, filters and options.

:func:`encode_view` writes only the fields that differ from the defaults;
:func:`decode_view` never raises on user input — a missing, malformed or out-of-range
parameter falls back to that field's default, unknown parameters are ignored.

>>> state = ViewState(page="frequencies", term="الحكومة", ngram=2)
>>> encode_view(state)
{'page': 'frequencies', 'term': 'الحكومة', 'ngram': '2'}
>>> decode_view(encode_view(state)) == state
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit, urlunsplit

from analysis.store import InvalidCorpusIdError, validate_corpus_id
from analysis.tokens import Normalization

__all__ = [
    "BACKEND_RE",
    "ENTITY_LABELS",
    "LANGS",
    "MAX_TEXT",
    "NGRAM_RANGE",
    "NORMALIZATIONS",
    "PAGES",
    "QUOTE_KINDS",
    "TOP_RANGE",
    "TRENDS",
    "ViewState",
    "decode_view",
    "encode_view",
    "view_from_url",
    "view_url",
]

PAGES: tuple[str, ...] = ("corpus", "frequencies", "quotes", "entities", "reader")
LANGS: tuple[str, ...] = ("ar", "en")
QUOTE_KINDS: frozenset[str] = frozenset({"direct", "partial", "indirect", "term"})
ENTITY_LABELS: frozenset[str] = frozenset({"PERS", "LOC", "ORG", "MISC"})
NORMALIZATIONS: frozenset[str] = frozenset(f.name for f in fields(Normalization))
DEFAULT_NORMALIZATION: frozenset[str] = frozenset(
    name for name in NORMALIZATIONS if getattr(Normalization(), name) is True
)
NGRAM_RANGE: tuple[int, int] = (1, 4)
TOP_RANGE: tuple[int, int] = (5, 500)
TRENDS: tuple[str, ...] = ("date", "source")  # the frequencies page's breakdown tabs
MAX_TEXT = 200
BACKEND_RE = re.compile(r"[a-z][a-z0-9_-]{0,39}")

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT_RE = re.compile(r"\d{1,6}")
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_NO_MEMBERS = "none"  # how an empty set is written where empty is not the default (norm)


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything a share link restores. Empty ``kind``/``label`` sets mean "all"."""

    page: str = "corpus"
    corpus: str | None = None
    lang: str = "ar"
    term: str = ""
    ngram: int = 1
    top: int = 30
    clitics: bool = True
    keep_stopwords: bool = False
    norm: frozenset[str] = field(default=DEFAULT_NORMALIZATION)
    speaker: str = ""
    kind: frozenset[str] = frozenset()
    label: frozenset[str] = frozenset()
    entity: str = ""
    article: str = ""
    backend: str = "shipped"
    source: str = ""
    date_from: str = ""
    date_to: str = ""
    trend: str = "date"

    @property
    def normalization(self) -> Normalization:
        """The :class:`~analysis.tokens.Normalization` that ``norm`` names."""
        return Normalization(**{name: name in self.norm for name in NORMALIZATIONS})


_DEFAULT = ViewState()


# --------------------------------------------------------------------------- parsers (None = invalid)


def _parse_text(value: str) -> str:
    return value[:MAX_TEXT]


def _parse_choice(choices: tuple[str, ...]) -> Callable[[str], str | None]:
    return lambda value: value if value in choices else None


def _parse_int(bounds: tuple[int, int]) -> Callable[[str], int | None]:
    def parse(value: str) -> int | None:
        value = value.strip()
        if not _INT_RE.fullmatch(value):
            return None
        number = int(value)
        return number if bounds[0] <= number <= bounds[1] else None

    return parse


def _parse_bool(value: str) -> bool | None:
    lowered = value.strip().lower()
    return True if lowered in _TRUE else False if lowered in _FALSE else None


def _parse_set(allowed: frozenset[str]) -> Callable[[str], frozenset[str] | None]:
    def parse(value: str) -> frozenset[str] | None:
        value = value.strip()
        if value == _NO_MEMBERS:
            return frozenset()
        if not value:
            return None
        members = frozenset(part.strip() for part in value.split(",") if part.strip())
        return members if members <= allowed else None

    return parse


def _parse_corpus(value: str) -> str | None:
    try:
        return validate_corpus_id(value.strip())
    except InvalidCorpusIdError:
        return None


def _parse_backend(value: str) -> str | None:
    value = value.strip()
    return value if BACKEND_RE.fullmatch(value) else None


def _parse_date(value: str) -> str | None:
    value = value.strip()
    if not _DATE_RE.fullmatch(value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return value


_PARSERS: dict[str, Callable[[str], Any]] = {
    "page": _parse_choice(PAGES),
    "corpus": _parse_corpus,
    "lang": _parse_choice(LANGS),
    "term": _parse_text,
    "ngram": _parse_int(NGRAM_RANGE),
    "top": _parse_int(TOP_RANGE),
    "clitics": _parse_bool,
    "keep_stopwords": _parse_bool,
    "norm": _parse_set(NORMALIZATIONS),
    "speaker": _parse_text,
    "kind": _parse_set(QUOTE_KINDS),
    "label": _parse_set(ENTITY_LABELS),
    "entity": _parse_text,
    "article": _parse_text,
    "backend": _parse_backend,
    "source": _parse_text,
    "date_from": _parse_date,
    "date_to": _parse_date,
    "trend": _parse_choice(TRENDS),
}


# --------------------------------------------------------------------------- public API


def _encode_value(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, frozenset):
        return ",".join(sorted(value)) or _NO_MEMBERS
    return str(value)


def encode_view(state: ViewState) -> dict[str, str]:
    """URL parameters for ``state``: only non-default fields; sets comma-joined and sorted, bools ``1``/``0``."""
    params: dict[str, str] = {}
    for f in fields(ViewState):
        value = getattr(state, f.name)
        if value != getattr(_DEFAULT, f.name) and value is not None:
            params[f.name] = _encode_value(value)
    return params


def decode_view(params: Mapping[str, str | list[str]]) -> ViewState:
    """The view that URL parameters describe; never raises: bad values fall back to their field's default."""
    values: dict[str, Any] = {}
    for name, parse in _PARSERS.items():
        raw = params.get(name)
        if isinstance(raw, list | tuple):
            raw = raw[-1] if raw else None
        if not isinstance(raw, str):
            continue
        try:
            parsed = parse(raw[: MAX_TEXT * 4])
        except (ValueError, TypeError):  # pragma: no cover - parsers return None on bad input
            parsed = None
        if parsed is not None:
            values[name] = parsed
    return ViewState(**values)


def view_url(base: str, state: ViewState) -> str:
    """A link to the view: the app at ``base``, the page as the path, the view's parameters as the query.

    >>> view_url("http://127.0.0.1:8501/corpus?x=1", ViewState(page="quotes", term="نفط"))
    'http://127.0.0.1:8501/quotes?page=quotes&term=%D9%86%D9%81%D8%B7'
    """
    scheme, netloc, path, _query, _fragment = urlsplit(base)
    root = path.rstrip("/")
    last = root.rsplit("/", 1)[-1]
    if last in PAGES:  # the base is a page of the app: keep the app's own prefix only
        root = root[: len(root) - len(last)].rstrip("/")
    page_path = f"{root}/{state.page}" if state.page != PAGES[0] else f"{root}/"
    query = urlencode(encode_view(state), quote_via=quote, safe=",")
    return urlunsplit((scheme, netloc, page_path, query, ""))


def view_from_url(url: str) -> ViewState:
    """The view a share URL (or just its query string) describes."""
    query = urlsplit(url).query if "?" in url or "://" in url else url
    return decode_view(parse_qs(query, keep_blank_values=True))
