"""Quotation-mark pairing for Arabic news: «…», "…", “…”, ”…”, ”…“, '…', nested, multi-paragraph, unbalanced.

:func:`find_quoted_spans` never raises: unbalanced marks are recovered as a careful reader would
(an unclosed quote runs to the end of its paragraph, unless the next paragraph reopens or closes it, or it goes on
through up to two paragraphs without marks to one that closes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedSpan", "find_quoted_spans"]

_OPEN_ONLY = {"«": "»", "“": "”"}
_AMBIGUOUS = {'"', "”", "'"}
_ALL_MARKS = set("«»“”\"'")
_CLOSERS = {"»", "”", '"', "“"}
_MARKLESS_PARAGRAPHS = 2  # an open quote goes on through this many paragraphs without marks to the one closing it
_SCAN_RE = re.compile("[\n" + "".join(sorted(_ALL_MARKS)) + "]")  # where find_quoted_spans stops; all else is skipped


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A quoted stretch: ``open``/``close`` are mark offsets (``close`` = end of paragraph when unbalanced);
    ``start``/``end`` the content, trimmed of spaces; ``depth`` 0 for outermost."""

    open: int
    close: int
    start: int
    end: int
    mark: str
    depth: int
    balanced: bool


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _apostrophe_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(:ـ،") and _is_letter(after)


def _apostrophe_closes(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (_is_letter(before) or before in ".!?؟") and not _is_letter(after)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span, outer ones before the spans they contain, in text order.

    >>> t = 'وقال: «نعم "لا" نعم»'
    >>> [(s.mark, t[s.start : s.end]) for s in find_quoted_spans(t)]
    [('«', 'نعم "لا" نعم'), ('"', 'لا')]
    """
    spans: list[QuotedSpan] = []
    stack: list[tuple[int, str]] = []  # (offset, mark)
    i, n = 0, len(text)
    while i < n:
        found = _SCAN_RE.search(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch == "\n":
            i = _end_paragraph(text, i, stack, spans)
            continue
        top = stack[-1][1] if stack else None
        if ch == '"' and top != '"' and _straight_closes(text, i) and not _straight_closes(text, _next_straight(text, i)):
            i += 1  # «وللبنوك".وصرح أن "…"»: a stray closing mark; pairing it would shift every later pair
            continue
        if ch == '"' and top == '"' and _straight_opens(text, i):
            end = _reporting_sentence_before(text, stack[-1][0], i)
            if end >= 0:  # «أن "الاحتجاج … المعاملة. وأشار إلى أنه "يتعيّن …"»: the first quote was never closed
                spans.append(_span(text, stack[-1][0], end, ch, len(stack) - 1, balanced=False))
                stack.pop()
                stack.append((i, ch))
                i += 1
                continue
            if _count_straight(text, i) >= 2 and len(text[stack[-1][0] + 1 : i].split()) >= _NESTING_AFTER_WORDS:
                # «"نعلن اليوم عن "خطة وطنية" للإنقاذ"»: a quote inside an open one, closed before the outer (after
                # one or two words, « "السقيفة الكحلة "بالمهدية» is a closing mark typed after a space)
                stack.append((i, ch))
                i += 1
                continue
        if ch == "'" and not (top == "'" and _apostrophe_closes(text, i)) and not _apostrophe_opens(text, i):
            i += 1  # an apostrophe inside a word (transliterations, «ما'»)
            continue
        if ch == "«" or (ch == "“" and top not in ("“", "”")):
            stack.append((i, ch))
        elif ch == "»":
            # close the nearest «; a mismatched «…" pairs with whatever is open
            idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == "«"), len(stack) - 1 if stack else -1)
            if idx >= 0:
                _close(text, stack, idx, i, spans)
        elif top is not None and _closes(ch, top, text, i):
            _close(text, stack, len(stack) - 1, i, spans)
        elif ch in _AMBIGUOUS and top == "«" and ch == '"' and not _opens_here(text, i):
            _close(text, stack, len(stack) - 1, i, spans)  # «…" mismatched pair
        else:
            stack.append((i, ch))
        i += 1
    _end_paragraph(text, n, stack, spans)
    spans.sort(key=lambda s: (s.open, -s.close))
    return spans


_PROCLITICS = frozenset("وفبلك")


def _straight_opens(text: str, i: int) -> bool:
    """A straight mark with a space (or «(», «:», «ـ», a comma, a one-letter proclitic) before it and a letter after
    it opens a quote: « "نعم», «بـ"…», «و"الحياة"»."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if not _is_letter(after):
        return False
    if before in _PROCLITICS and (i < 2 or not _is_letter(text[i - 2])):
        return True
    return before.isspace() or before in "(:ـ،,"


def _straight_closes(text: str, i: int) -> bool:
    """A straight mark after a letter or a sentence mark and before a space, punctuation or the end closes one."""
    if i < 0:
        return False
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (_is_letter(before) or before in ".!?؟") and not _is_letter(after) and after not in '"«“'


_NESTING_AFTER_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?؟]\s+(?:و|ف|كما\s)")


def _reporting_sentence_before(text: str, open_: int, i: int) -> int:
    """Where the open quote at ``open_`` ends if a new sentence opening with و/ف/كما («. وأشار», «. كما نقلت») comes
    before the mark at ``i``: the end of the last sentence before it (its period left out), else -1."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text, open_ + 1, i)]
    return ends[-1] if ends else -1


def _paragraph_end(text: str, i: int) -> int:
    """Offset of the first line break at or after ``i``, else the end of the text."""
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _count_straight(text: str, i: int) -> int:
    """Straight marks after ``i`` in its paragraph."""
    return text.count('"', i + 1, _paragraph_end(text, i + 1))


def _next_straight(text: str, i: int) -> int:
    """Offset of the next straight mark in ``i``'s paragraph, or -1."""
    return text.find('"', i + 1, _paragraph_end(text, i + 1))


def _opens_here(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(:ـ") and not after.isspace()


def _closes(ch: str, top: str, text: str, i: int) -> bool:
    if ch == "'":
        return top == "'"
    if top == "'":
        return False
    if ch in ("”", '"', "“"):
        if top in ("“", "”"):
            return ch in ("”", "“")
        if top == '"':
            return ch == '"'
    return False


def _close(text: str, stack: list[tuple[int, str]], idx: int, close: int, spans: list[QuotedSpan]) -> None:
    open_, mark = stack[idx]
    # inner marks left open are unbalanced: drop them (their text stays inside the outer quote)
    del stack[idx:]
    spans.append(_span(text, open_, close, mark, idx, balanced=True))


def _span(text: str, open_: int, close: int, mark: str, depth: int, *, balanced: bool) -> QuotedSpan:
    start, end = open_ + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuotedSpan(open_, close, start, end, mark, depth, balanced)


def _end_paragraph(text: str, at: int, stack: list[tuple[int, str]], spans: list[QuotedSpan]) -> int:
    """At a line break: carry an open quote into the next paragraph when it continues there, else end it.

    Returns where scanning resumes (after a reopening mark when the next paragraph repeats it).
    """
    if not stack:
        return at + 1
    nxt = at + 1
    while nxt < len(text) and text[nxt] in " \t\r\n":
        nxt += 1
    following = text[nxt : _paragraph_end(text, nxt)]
    for _ in range(_MARKLESS_PARAGRAPHS):  # «: "من الواضح …\nومن الواضح بالمثل …\nفإنه لا أحد … التعهد ".»
        if not following or any(m in following for m in _ALL_MARKS):
            break
        nxt = _paragraph_end(text, nxt) + 1
        while nxt < len(text) and text[nxt] in " \t\r\n":
            nxt += 1
        following = text[nxt : _paragraph_end(text, nxt)]
    open_, mark = stack[0]
    closer = _OPEN_ONLY.get(mark, mark)
    if at < len(text) and following:
        if following[0] == mark and mark in "«“":
            # typographic convention: each paragraph of a long quote reopens with the mark
            stack[:] = [stack[0]]
            return nxt + 1
        first_close = following.find(closer)
        if mark == "“":
            first_close = min((p for p in (following.find("”"), following.find("“")) if p >= 0), default=-1)
        closes_there = first_close >= 0 and not any(m in following[:first_close] for m in ("«", "“") if m != closer)
        # a straight/same-sided mark continues only if the next paragraph holds an odd number of them
        if closes_there and (mark in _OPEN_ONLY or following.count(mark) % 2 == 1):
            stack[:] = [stack[0]]
            return at + 1
    # unbalanced: the outermost open quote runs to the end of its paragraph (without a final period)
    end = at
    while end > open_ + 1 and text[end - 1] in " \t\r.":
        end -= 1
    spans.append(_span(text, open_, end, mark, 0, balanced=False))
    stack.clear()
    return at + 1
