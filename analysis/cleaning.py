"""Cleaning scraped news text: boilerplate, repeated paragraphs/bodies, agency bylines.

:func:`clean_text` keeps genuine paragraphs verbatim and reports everything it removed
with a reason (``banner``, ``share``, ``copyright``, ``credit``, ``latin_furniture``,
``byline``, ``duplicate_paragraph``, ``duplicate_body``, ``no_text``) and offsets into the
input, so the UI can show it. Cleaning is idempotent: cleaning cleaned text changes nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cache

from analysis.camel import normalize
from analysis.lexicons import load_lines
from analysis.records import Article, RawDocument, Removal

__all__ = ["CleanResult", "clean_document", "clean_text", "script_shares"]


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Cleaned text, the agency byline found (``""`` if none) and what was removed."""

    text: str
    byline: str
    removed: tuple[Removal, ...]


_LINE_RE = re.compile(r"[^\n]+")
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-zÀ-ÿ]")
_LETTER_OR_DIGIT_RE = re.compile(r"[^\W_]")
_ARABIC_RUN_RE = re.compile(r"[\u0621-\u064A]+")
_LATIN_RUN_RE = re.compile(r"[A-Za-zÀ-ÿ]+")
_ANY_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_SPACE_RE = re.compile(r"\s+")
_DEDUP_DROP_RE = re.compile(r"[^\w]+")
_MIN_DUPLICATE_CHARS = 25
_MAX_BOILERPLATE_WORDS = 30  # no boilerplate rule (boilerplate.tsv "max words") goes above this


@cache
def _boilerplate_rules() -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    rules = []
    for line in load_lines("boilerplate.tsv"):
        reason, max_words, pattern = line.split("\t", 2)
        rules.append((reason, int(max_words), re.compile(pattern, re.IGNORECASE)))
    return tuple(rules)


@cache
def _agency_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = sorted({normalize(a) for a in load_lines("agencies.txt")}, key=len, reverse=True)
    agency = "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s*") for n in names) + ")"
    agencies = rf"{agency}(?:\s*[/،,و]\s*{agency})*"
    dash = r"[-–—:]"
    # A whole line that is only a byline: «(أ ف ب)», «المصدر: وكالات», «تونس - رويترز», «وات».
    line_re = re.compile(
        rf"^\W*(?:(?:المصدر|مصدر|عن|source)\s*{dash}?\s*)?(?:[\w ]{{2,25}}?\s*{dash}\s*)?\(?\s*(?P<agency>{agencies})\s*\)?\W*$",
        re.IGNORECASE,
    )
    # A dateline opening a paragraph: «تونس (وات) -», «(أ ف ب) -», «القاهرة - رويترز:».
    prefix_re = re.compile(
        rf"^\W{{0,3}}(?:[\w ]{{2,25}}?\s*)?(?:\(\s*(?P<agency>{agencies})\s*\)\s*{dash}|{dash}\s*(?P<agency2>{agencies})\s*{dash})",
        re.IGNORECASE,
    )
    # A credit closing the text: «… (وكالات)».
    suffix_re = re.compile(rf"\(\s*(?P<agency>{agencies})\s*\)\W*$", re.IGNORECASE)
    return line_re, prefix_re, suffix_re


_DATELINE_CHARS = 80  # a dateline «تونس (وات) -» opens a paragraph: only its head is matched


def _classify_line(line: str, key: str, n_words: int) -> str | None:
    """Why a line is boilerplate, or None when it is article text."""
    if not _LETTER_OR_DIGIT_RE.search(line):
        return "no_text"
    for reason, max_words, pattern in _boilerplate_rules():
        if n_words <= max_words and (pattern.search(line) or pattern.search(key)):
            return reason
    if not _ARABIC_LETTER_RE.search(line) and _LATIN_LETTER_RE.search(line):
        return "latin_furniture"
    return None


def _dedup_key(key: str) -> str:
    return _DEDUP_DROP_RE.sub(" ", key).strip()


def clean_text(text: str) -> CleanResult:
    """Remove boilerplate and repetition from scraped article text.

    >>> r = clean_text("إشترك في النسخة الرقمية\\nقال الوزير إن العمل متواصل في كل الجهات.\\n(وات)")
    >>> r.text, r.byline, [x.reason for x in r.removed]
    ('قال الوزير إن العمل متواصل في كل الجهات.', 'وات', ['banner', 'byline'])
    """
    line_re, prefix_re, suffix_re = _agency_regexes()
    removed: list[Removal] = []
    kept: list[tuple[int, int, str]] = []  # (start, end, dedup key)
    bylines: list[str] = []
    seen: dict[str, int] = {}
    # Latin-only lines are site furniture outside the Arabic body, content inside it
    # (a price list, a French quote between Arabic paragraphs).
    first_ar = m.start() if (m := _ARABIC_LETTER_RE.search(text)) else len(text)
    last_ar = len(text) - m.end() if (m := _ARABIC_LETTER_RE.search(text[::-1])) else -1
    for m in _LINE_RE.finditer(text):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        line = text[start:end]
        n_words = len(line.split())
        # Boilerplate rules only look at short lines; long ones skip normalisation (hot path).
        key = normalize(_SPACE_RE.sub(" ", line)) if n_words <= _MAX_BOILERPLATE_WORDS else ""
        if key and n_words <= 8 and (bm := line_re.match(key)) is not None:
            bylines.append(_surface(line, bm.group("agency")))
            removed.append(Removal(line, "byline", start, end))
            continue
        reason = _classify_line(line, key, n_words)
        if reason == "latin_furniture" and first_ar < start < last_ar:
            reason = None
        if reason is not None:
            removed.append(Removal(line, reason, start, end))
            continue
        for half in _repeated_halves(line):
            removed.append(Removal(text[start + half[0] : start + half[1]], "duplicate_body", start + half[0], start + half[1]))
            end = start + half[0]
            while end > start and text[end - 1].isspace():
                end -= 1
            line = text[start:end]
        dkey = _dedup_key(line)
        if len(dkey) >= _MIN_DUPLICATE_CHARS and dkey in seen:
            removed.append(Removal(line, "duplicate_paragraph", start, end))
            continue
        seen.setdefault(dkey, len(kept))
        kept.append((start, end, dkey))
        if not bylines and (pm := prefix_re.match(key or normalize(line[:_DATELINE_CHARS]))) is not None:
            bylines.append(_surface(line[:_DATELINE_CHARS], pm.group("agency") or pm.group("agency2")))
    if kept and not bylines:
        last = text[kept[-1][0] : kept[-1][1]]
        if (sm := suffix_re.search(normalize(last))) is not None:
            bylines.append(_surface(last, sm.group("agency")))
    removed = _relabel_repeated_body(removed, kept)
    cleaned = "\n".join(text[s:e] for s, e, _ in kept)
    return CleanResult(cleaned, " / ".join(dict.fromkeys(b for b in bylines if b)), tuple(sorted(removed, key=lambda r: r.start)))


def _surface(line: str, normalized_agency: str) -> str:
    """The agency as written in the line when it can be found, else its normalised form."""
    pattern = re.compile(r"\s*".join(map(re.escape, normalized_agency.split())), re.IGNORECASE)
    for candidate in (line, normalize(line)):
        if m := pattern.search(normalize(candidate)):
            return line[m.start() : m.end()] if len(normalize(line)) == len(line) else m.group()
    return normalized_agency


def _repeated_halves(line: str) -> list[tuple[int, int]]:
    """A body pasted twice on one line («X X») → the span of the second copy."""
    n = len(line)
    if n < 2 * _MIN_DUPLICATE_CHARS:
        return []
    mid = n // 2
    for cut in range(max(mid - 3, 1), min(mid + 4, n)):
        first, second = line[:cut].strip(), line[cut:].strip()
        if first and first == second:
            return [(cut + (len(line[cut:]) - len(line[cut:].lstrip())), n)]
    return []


def _relabel_repeated_body(removed: list[Removal], kept: list[tuple[int, int, str]]) -> list[Removal]:
    """Duplicates forming a run of 2+ consecutive copies are a repeated body, not stray repeats."""
    dup = [i for i, r in enumerate(removed) if r.reason == "duplicate_paragraph"]
    if len(dup) < 2:
        return removed
    out = list(removed)
    run: list[int] = [dup[0]]
    for prev, cur in itertools.pairwise(dup):
        between = [r for r in removed[prev + 1 : cur] if r.reason not in ("no_text",)]
        if not between and not any(removed[prev].end < s < removed[cur].start for s, _, _ in kept):
            run.append(cur)
            continue
        _mark(out, run)
        run = [cur]
    _mark(out, run)
    return out


def _mark(out: list[Removal], run: list[int]) -> None:
    if len(run) >= 2:
        for i in run:
            out[i] = replace(out[i], reason="duplicate_body")


def script_shares(text: str) -> tuple[float, float]:
    """(Arabic share, Latin share) of the letters in ``text``."""
    arabic = sum(map(len, _ARABIC_RUN_RE.findall(text)))
    latin = sum(map(len, _LATIN_RUN_RE.findall(text)))
    letters = sum(map(len, _ANY_LETTER_RUN_RE.findall(text)))
    if letters <= 0:
        return 0.0, 0.0
    return round(arabic / letters, 4), round(latin / letters, 4)


def clean_document(document: RawDocument, *, raw: bool = False) -> Article:
    """A loaded document → :class:`Article`; with ``raw=True`` the text is kept as given."""
    warnings = list(document.warnings)
    if raw:
        text, byline, removed = document.text, document.byline, ()
    else:
        result = clean_text(document.text)
        text, removed = result.text, result.removed
        byline = document.byline or result.byline
        if not text.strip():
            warnings.append("cleaning removed every line; showing the raw text")
            text, removed = document.text, ()
    arabic, latin = script_shares(text)
    if arabic < 0.2:
        warnings.append("little or no Arabic text" if arabic > 0 else "no Arabic text")
    title = document.title or _guess_title(text)
    return Article(
        id=document.id,
        source=document.source,
        text=text,
        raw_text=document.text,
        title=title,
        date=document.date,
        url=document.url,
        byline=byline,
        removed=removed,
        warnings=tuple(dict.fromkeys(warnings)),  # re-cleaning a stored article adds nothing twice
        arabic_share=arabic,
        latin_share=latin,
    )


def _guess_title(text: str) -> str:
    """The first line when it reads like a headline (short, no final full stop)."""
    first = text.split("\n", 1)[0].strip()
    if first and len(first.split()) <= 20 and not first.endswith((".", "؟", "?", "!", ":", "،")) and "\n" in text:
        return first
    return ""
