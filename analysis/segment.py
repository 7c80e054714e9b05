"""Paragraph and sentence spans (integer offsets into the text they were computed on)."""

from __future__ import annotations

import re

__all__ = ["sentence_index", "split_paragraphs", "split_sentences"]

_PARAGRAPH_RE = re.compile(r"[^\n]*\S[^\n]*")
# A sentence ends at . ! ? ؟ … (with any closing quotes/brackets right after) followed by
# whitespace, or at the end of a line. «3.5» and «U.N.» never split: whitespace must follow. Scraped text also
# drops the space after a period between two Arabic words of three letters or more («تحديدا.لكن») or puts it
# before the period («يومين .بدعوة»); «آي.بي.سي» (short pieces) stays one word.
_SENTENCE_END_RE = re.compile(
    r"""(?:[.!?؟…]+[\"'»”’)\]]*)(?=\s)|(?<=[\u0621-\u064A]{3})\.(?=[\u0621-\u064A]{3})|(?<=\s)\.(?=[\u0621-\u064A])|\n"""
)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``, stripped of surrounding spaces.

    >>> split_paragraphs("أ\\n\\n ب ")
    [(0, 1), (4, 5)]
    """
    spans = []
    for m in _PARAGRAPH_RE.finditer(text):
        s, e = m.span()
        while text[s].isspace():
            s += 1
        while text[e - 1].isspace():
            e -= 1
        spans.append((s, e))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, never crossing a paragraph; whitespace trimmed.

    >>> t = "قال الوزير: نعم. وأضاف: لا!\\nفقرة ثانية"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['قال الوزير: نعم.', 'وأضاف: لا!', 'فقرة ثانية']
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in split_paragraphs(text):
        start = p_start
        for m in _SENTENCE_END_RE.finditer(text, p_start, p_end):
            end = m.end() if m.group() != "\n" else m.start()
            _append_trimmed(text, start, end, spans)
            start = m.end()
        _append_trimmed(text, start, p_end, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the span holding ``offset`` (or the last one starting before it); -1 if none."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1
