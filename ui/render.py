"""Safe right-to-left rendering of article text.

Every string taken from an article (text, speaker, entity, title) goes through :func:`html.escape`
before it reaches ``st.html`` / ``unsafe_allow_html``. Highlights are built from integer offsets:
the text is cut at every span boundary (and at newlines), so nested or overlapping quotes and
entities become a flat, non-overlapping sequence of segments, each wrapped in the spans covering it.
"""

from __future__ import annotations

import hashlib
import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import streamlit as st

from ui.i18n import headers

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CSS",
    "ENTITY_COLOURS",
    "inject_css",
    "legend_html",
    "metadata_html",
    "render_article",
    "rtl_block",
    "show_html",
    "show_table",
    "speaker_colour",
]

PALETTE: tuple[str, ...] = (
    "#ffe08a",
    "#b8e1ff",
    "#c7f0bd",
    "#ffc9de",
    "#e0ccff",
    "#ffd3b0",
    "#b5ead7",
    "#f9f3a1",
    "#d4d8ff",
    "#f2c6c2",
)
UNKNOWN_SPEAKER_COLOUR = "#e4e4e4"
ENTITY_COLOURS: dict[str, str] = {"PERS": "#d62728", "LOC": "#1f77b4", "ORG": "#2ca02c", "MISC": "#9467bd"}

CSS = """
<style>
.nl-rtl { direction: rtl; unicode-bidi: plaintext; text-align: right;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", sans-serif; line-height: 2; font-size: 1.1rem; }
.nl-rtl p { margin: 0 0 .8em 0; unicode-bidi: plaintext; }
.nl-meta bdi { overflow-wrap: anywhere; }
.nl-rtl mark { padding: 0 .1em; border-radius: .2em; color: inherit; }
.nl-rtl .nl-ent { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: .35em; }
.nl-legend { display: flex; flex-wrap: wrap; gap: .4em .8em; direction: rtl; unicode-bidi: plaintext;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", sans-serif; }
.nl-legend span { padding: 0 .3em; border-radius: .2em; }
</style>
"""


def _text(value: Any) -> str:
    """``value`` as text; ``None`` and NaN (missing cells of a DataFrame) become ``""``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def speaker_colour(speaker: str | None) -> str:
    """A stable colour per speaker (grey when unknown): the same speaker is the same colour on every page."""
    speaker = _text(speaker)
    if not speaker:
        return UNKNOWN_SPEAKER_COLOUR
    digest = hashlib.sha1(speaker.encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def _field(span: Any, name: str, default: Any = None) -> Any:
    if isinstance(span, Mapping):
        return span.get(name, default)
    return getattr(span, name, default)


def _valid(start: Any, end: Any, size: int) -> tuple[int, int] | None:
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return None
    start, end = max(0, start), min(size, end)
    return (start, end) if start < end else None


def _spans(items: Iterable[Any], size: int, kind: str) -> list[tuple[int, int, str, Any]]:
    spans = []
    for item in items:
        bounds = _valid(_field(item, "start"), _field(item, "end"), size)
        if bounds:
            spans.append((bounds[0], bounds[1], kind, item))
    return spans


def _open_tags(covering: list[tuple[int, int, str, Any]], focus: tuple[int, int] | None) -> tuple[str, str]:
    """Opening and closing tags for one segment: quotes (outermost first) as <mark>, entities as <span>."""
    opens: list[str] = []
    closes: list[str] = []
    for start, end, kind, item in sorted(covering, key=lambda s: (s[2] != "quote", s[0], -s[1])):
        if kind == "quote":
            speaker = _text(_field(item, "speaker"))
            title = html.escape(f"{speaker or '?'} · {_text(_field(item, 'kind'))}", quote=True)
            outline = "outline: 2px solid #333;" if focus == (start, end) else ""
            opens.append(
                f'<mark class="nl-quote" style="background:{speaker_colour(speaker)};{outline}" title="{title}">'
            )
            closes.append("</mark>")
        else:
            label = _text(_field(item, "label")) or "MISC"
            colour = ENTITY_COLOURS.get(label, "#7f7f7f")
            name = _text(_field(item, "canonical")) or _text(_field(item, "text"))
            title = html.escape(f"{label} · {name}", quote=True)
            opens.append(f'<span class="nl-ent" style="text-decoration-color:{colour}" title="{title}">')
            closes.append("</span>")
    return "".join(opens), "".join(reversed(closes))


def render_article(
    text: str,
    quotes: Iterable[Any] = (),
    entities: Iterable[Any] = (),
    *,
    focus: tuple[int, int] | None = None,
) -> str:
    """Escaped HTML of ``text`` with quotes as <mark> coloured by speaker and entities underlined.

    ``quotes`` / ``entities`` are records or mappings with integer ``start``/``end`` offsets into
    ``text`` (plus ``speaker``/``kind`` or ``label``/``canonical``); invalid offsets are ignored.
    ``focus`` outlines the quote with those offsets. Paragraphs (newlines) become ``<p>`` blocks.
    """
    size = len(text)
    spans = _spans(quotes, size, "quote") + _spans(entities, size, "entity")
    cuts = {0, size}
    for start, end, _kind, _item in spans:
        cuts.update((start, end))
    for index, char in enumerate(text):
        if char == "\n":
            cuts.update((index, index + 1))
    bounds = sorted(cuts)
    paragraphs: list[str] = []
    current: list[str] = []
    for start, end in itertools.pairwise(bounds):
        piece = text[start:end]
        if piece == "\n":
            if current:
                paragraphs.append("".join(current))
                current = []
            continue
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        opening, closing = _open_tags(covering, focus)
        current.append(f"{opening}{html.escape(piece)}{closing}")
    if current:
        paragraphs.append("".join(current))
    body = "".join(f"<p>{p}</p>" for p in paragraphs if p.strip())
    return f'<div class="nl-rtl" dir="auto">{body}</div>'


def rtl_block(text: str) -> str:
    """Escaped plain text in the RTL class, one ``<p>`` per line."""
    return render_article(text)


def legend_html(
    speakers: Sequence[str | None],
    labels: Iterable[str] = (),
    *,
    label_names: Mapping[str, str] | None = None,
    unknown: str = "?",
) -> str:
    """Legend: speaker colours and entity underline colours (escaped); ``label_names`` words the labels
    (``{"PERS": "شخص"}``), ``unknown`` the quotes nobody is credited with."""
    label_names = label_names or {}
    items = []
    for speaker in dict.fromkeys(_text(s) for s in speakers):
        name = html.escape(speaker or unknown)
        items.append(f'<span style="background:{speaker_colour(speaker)}"><bdi>{name}</bdi></span>')
    for label in labels:
        colour = ENTITY_COLOURS.get(label, "#7f7f7f")
        items.append(
            f'<span class="nl-ent" style="text-decoration: underline 2px {colour}">{html.escape(label_names.get(label, label))}</span>'
        )
    return f'<div class="nl-legend">{"".join(items)}</div>'


def _value_html(value: str) -> str:
    """``value`` escaped; an http(s) address as a link (any other scheme, ``javascript:`` included, stays text)."""
    parts = urlsplit(value)
    if parts.scheme.lower() in {"http", "https"} and parts.netloc and not any(c.isspace() for c in value):
        address = html.escape(value, quote=True)
        return f'<a href="{address}" target="_blank" rel="noopener noreferrer">{address}</a>'
    return html.escape(value)


def metadata_html(pairs: Iterable[tuple[str, object]]) -> str:
    """An escaped label/value list (empty values skipped) in the RTL class; values are bidi-isolated, and wrap
    anywhere (a long address has no spaces). A value that is an http(s) address is a link that opens a new tab."""
    items = "".join(
        f"<p><b>{html.escape(_text(label))}:</b> <bdi>{_value_html(_text(value))}</bdi></p>"
        for label, value in pairs
        if _text(value)
    )
    return f'<div class="nl-rtl nl-meta" dir="auto">{items}</div>'


def inject_css() -> None:
    """Add the scoped CSS (only ``.nl-rtl`` / ``.nl-legend`` blocks are affected)."""
    st.html(CSS)


def show_html(fragment: str) -> None:
    """Show HTML built by this module (already escaped) in the page."""
    st.html(fragment)


def show_table(frame: pd.DataFrame, *, column_config: Mapping[str, Any] | None = None, **options: Any) -> Any:
    """``frame`` as every page's tables are drawn: full width, without the index, its columns headed in the interface's
    language (:func:`ui.i18n.headers`; ``column_config`` adds to them). ``options`` go to ``st.dataframe`` (a key, a
    selection mode…); returns what it returns."""
    return st.dataframe(
        frame, hide_index=True, width="stretch", column_config={**headers(frame.columns), **(column_config or {})}, **options
    )
