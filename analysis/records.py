"""Records shared by every analysis: frozen dataclasses with integer character offsets.

All offsets are Python string indices into ``Article.text`` (the cleaned text, or the raw
text when an analysis runs with ``raw=True``): ``article.text[start:end] == record.text``.
Table column names are declared here once and reused by every DataFrame builder.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ARTICLE_COLUMNS",
    "ENTITY_COLUMNS",
    "KWIC_COLUMNS",
    "MENTION_CONTEXT_COLUMNS",
    "QUOTE_COLUMNS",
    "REMOVAL_COLUMNS",
    "TOKEN_COLUMNS",
    "Article",
    "Entity",
    "LoadFailure",
    "Quote",
    "RawDocument",
    "Removal",
    "Token",
]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read from a file, before cleaning.

    ``id`` is stable and derived from the file: ``name`` for a single file,
    ``name#row`` (1-based) for a row of a CSV/JSONL batch, ``archive.zip/member`` inside zips.
    """

    id: str
    source: str
    text: str
    title: str = ""
    date: str | None = None
    url: str = ""
    byline: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Removal:
    """A span of the raw text that cleaning removed, and why (e.g. ``"banner"``)."""

    text: str
    reason: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``text`` is what every analysis reads; ``raw_text`` what was loaded."""

    id: str
    source: str
    text: str
    raw_text: str
    title: str = ""
    date: str | None = None
    url: str = ""
    byline: str = ""
    removed: tuple[Removal, ...] = ()
    warnings: tuple[str, ...] = ()
    arabic_share: float = 0.0
    latin_share: float = 0.0


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A file (or batch row) that could not be loaded; the rest of the batch still loads."""

    source: str
    error: str
    message: str


@dataclass(frozen=True, slots=True)
class Token:
    """A token: ``text`` is the surface form, ``form`` the normalised / clitic-split counting form."""

    article: str
    text: str
    start: int
    end: int
    form: str
    index: int
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or reported speech with its speaker.

    ``start``/``end`` span the quote content without its marks. ``kind`` is one of
    ``direct``, ``partial``, ``indirect``, ``term``. Speaker offsets are -1 when unknown.

    Example: in «وقال الوزير: "سنواصل العمل"» the quote is «سنواصل العمل», speaker «الوزير», cue «قال».
    """

    article: str
    text: str
    kind: str
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int = -1
    speaker_end: int = -1
    role: str | None = None
    cue: str | None = None
    sentence: int = 0
    paragraph: int = 0
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention: label is PERS, LOC, ORG or MISC; ``canonical`` is what counts merge on."""

    article: str
    text: str
    label: str
    start: int
    end: int
    canonical: str
    sentence: int = 0


ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "title",
    "date",
    "url",
    "byline",
    "text",
    "raw_text",
    "arabic_share",
    "latin_share",
    "n_removed",
    "warnings",
)
REMOVAL_COLUMNS: tuple[str, ...] = ("article", "text", "reason", "start", "end")
TOKEN_COLUMNS: tuple[str, ...] = ("article", "text", "start", "end", "form", "index", "sentence")
KWIC_COLUMNS: tuple[str, ...] = ("article", "left", "term", "right", "start", "end")
# an entity mention in context: ``left`` is the text before it and ``right`` the text after (KWIC's names); ``right``
# comes first, so that a table drawn left to right reads right to left, as Arabic does
MENTION_CONTEXT_COLUMNS: tuple[str, ...] = ("article", "right", "mention", "left", "label", "start", "end")
QUOTE_COLUMNS: tuple[str, ...] = (
    "article",
    "text",
    "kind",
    "start",
    "end",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "role",
    "cue",
    "sentence",
    "paragraph",
    "rule",
)
ENTITY_COLUMNS: tuple[str, ...] = ("article", "text", "label", "start", "end", "canonical", "sentence")
