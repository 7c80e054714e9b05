"""The one adapter between this project and camel-tools.

Everything the project needs from camel-tools goes through here:

* :func:`simple_word_tokenize` / :func:`token_spans` — camel's ``simple_word_tokenize``
  semantics (split on whitespace, every punctuation/symbol character is its own token,
  emoji sequences kept whole) implemented with one precompiled regex, several times
  faster and token-for-token identical (camel's own function stays the reference:
  :func:`camel_simple_word_tokenize`, used by the tests and the benchmark); camel's symbol
  regex and set are written out, so tokenising does not build camel's Unicode tables,
* normalisation (:func:`normalize`, :func:`dediacritize`, ``arclean``; camel's diacritics written out, so that
  normalising does not build camel's Unicode tables),
* CAMeL's data-backed morphological tokenizer when the user has installed CAMeL data
  (:func:`morph_tokenizer`, :func:`camel_data_status`). Importing ``camel_tools.data``
  without a catalogue triggers a download, so nothing data-backed is imported until
  :func:`camel_data_status` has confirmed the catalogue is on disk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import regex

from analysis.errors import AnalysisError

if TYPE_CHECKING:
    from camel_tools.utils.charmap import CharMapper

__all__ = [
    "CamelDataMissingError",
    "arclean",
    "camel_data_dir",
    "camel_data_status",
    "camel_simple_word_tokenize",
    "dediacritize",
    "morph_tokenizer",
    "normalize",
    "simple_word_tokenize",
    "token_spans",
    "tokenize_lines",
]


class CamelDataMissingError(AnalysisError):
    """CAMeL Tools data (morphology DB, NER model) is not installed on this machine."""


@cache
def _camel() -> SimpleNamespace:
    """camel-tools' word tokenizer, imported on first use: importing it builds camel's Unicode tables (0.35 s; a
    second on a slow machine), which a dashboard reading stored analyses never needs."""
    from camel_tools.tokenizers.word import simple_word_tokenize

    return SimpleNamespace(simple_word_tokenize=simple_word_tokenize)


@cache
def _normalizers() -> SimpleNamespace:
    """camel-tools' letter normalisers (a cheap import: no Unicode tables)."""
    from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar

    return SimpleNamespace(
        normalize_alef_ar=normalize_alef_ar,
        normalize_alef_maksura_ar=normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar=normalize_teh_marbuta_ar,
    )


# --------------------------------------------------------------------------- tokenisation

# camel-tools 1.6.0's symbol regex (``camel_tools.tokenizers.word._SYMBOLS_RE``: emoji sequences after UTS #51,
# keycaps, Unicode symbols and punctuation), written out: importing that module builds camel's Unicode tables by
# visiting all 1.1 M code points (0.35 s on a fast machine, 0.8 s on the 2-core one; a third of a one-file CLI run).
# A test checks this pattern against camel's and :func:`_symbol_chars` against camel's ``_SYMBOLS_ALL``.
_CAMEL_SYMBOLS_PATTERN = (
    r"(?:(?:\p{RI}\p{RI}|\p{Emoji}(?:\p{EMod}|\uFE0F\u20E3?|[\U000E0020-\U000E007E]+\U000E007F)?(?:\u200D(?:\p{RI}"
    r"\p{RI}|\p{Emoji}(?:\p{EMod}|\uFE0F\u20E3?|[\U000E0020-\U000E007E]+\U000E007F)?))*)|(?:[0-9*#]\u20e3)|\p{S}|\p{P})"
)


@cache
def _symbols_re() -> regex.Pattern[str]:
    return regex.compile(_CAMEL_SYMBOLS_PATTERN)


@cache
def _symbol_chars(limit: int = 0x110000) -> frozenset[str]:
    """camel's ``_SYMBOLS_ALL``: the characters of Unicode categories P and S, and the emoji of the ``emoji``
    package camel-tools reads; of its single characters only those below ``limit``. The fast path needs the BMP's
    (65,536 code points, 15 ms), camel's per-word algorithm all of it (0.2 s, for texts with emoji or astral
    characters)."""
    import unicodedata

    from emoji import EMOJI_DATA

    chars = {chr(i) for i in range(limit) if unicodedata.category(chr(i))[0] in "PS"}
    return frozenset(chars | {e for e in EMOJI_DATA if len(e) > 1 or ord(e) < limit})


def _char_class(chars: Sequence[str]) -> str:
    """A compact regex character class (ranges) for a set of single characters."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"


@cache
def _tokenizer_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Build (token regex, 'needs camel's slow path' regex, whitespace-word regex) once.

    A character splits off as its own token exactly when camel would split it when it
    is not part of an emoji sequence: it is in camel's symbol set and camel's symbol
    regex matches it alone. Words holding emoji machinery (non-ASCII Emoji characters,
    VS16, keycap, ZWJ) or any astral character (skin tones, tags, regional indicators,
    pictographs) take camel's own per-word algorithm, so output stays identical.
    """
    symbols_re = _symbols_re()
    split_chars = [
        c for c in _symbol_chars(0x10000) if len(c) == 1 and (m := symbols_re.match(c)) is not None and m[0] == c
    ]
    # Only BMP characters in the classes: sre then compiles them to a bitmap (O(1) per
    # character); astral characters are rare in news and take the exact slow path.
    split_class = _char_class(split_chars)
    token_re = re.compile(rf"{split_class}|[^\s{split_class[1:-1]}]+")
    emoji = regex.compile(r"\p{Emoji}")
    complex_chars = [chr(i) for i in range(128, 0x10000) if (i < 0xD800 or i > 0xDFFF) and emoji.match(chr(i))]
    complex_chars += ["\ufe0f", "\u20e3", "\u200d"]
    complex_re = re.compile(_char_class(complex_chars)[:-1] + "\U00010000-\U0010ffff]")
    word_re = re.compile(r"\S+")
    return token_re, complex_re, word_re


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of camel-style tokens: ``text[s:e]`` for each span is a token.

    >>> [ "قال: «نعم»"[s:e] for s, e in token_spans("قال: «نعم»") ]
    ['قال', ':', '«', 'نعم', '»']
    """
    token_re, complex_re, word_re = _tokenizer_regexes()
    if complex_re.search(text) is None:
        return [m.span() for m in token_re.finditer(text)]
    spans: list[tuple[int, int]] = []
    for word in word_re.finditer(text):
        w_start = word.start()
        if complex_re.search(word[0]) is None:
            spans.extend((w_start + s, w_start + e) for s, e in (m.span() for m in token_re.finditer(word[0])))
        else:
            spans.extend((w_start + s, w_start + e) for s, e in _camel_word_spans(word[0]))
    return spans


def _camel_word_spans(word: str) -> list[tuple[int, int]]:
    """camel-tools' per-word algorithm (1.6.0), returning spans instead of strings."""
    symbols_re, symbols_all = _symbols_re(), _symbol_chars()
    spans: list[tuple[int, int]] = []
    n, i, start = len(word), 0, 0
    while i < n:
        m = symbols_re.match(word, pos=i)
        if m is not None and m[0] in symbols_all:
            if i != start:
                spans.append((start, i))
            spans.append((i, m.end()))
            i = start = m.end()
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    return spans


def simple_word_tokenize(text: str) -> list[str]:
    """camel-tools' ``simple_word_tokenize``, identical output, one regex pass.

    >>> simple_word_tokenize("وقال الوزير: «سنواصل».")
    ['وقال', 'الوزير', ':', '«', 'سنواصل', '»', '.']
    """
    token_re, complex_re, _ = _tokenizer_regexes()
    if complex_re.search(text) is None:
        return token_re.findall(text)
    return [text[s:e] for s, e in token_spans(text)]


@cache
def _line_token_re() -> re.Pattern[str]:
    return re.compile("\n|" + _tokenizer_regexes()[0].pattern)


def tokenize_lines(text: str) -> list[str]:
    """:func:`simple_word_tokenize` line by line, with a ``"\\n"`` token after each line (the last one too).

    >>> tokenize_lines("قال: نعم\\nلا")
    ['قال', ':', 'نعم', '\\n', 'لا', '\\n']
    """
    if _tokenizer_regexes()[1].search(text) is None:
        return _line_token_re().findall(text + "\n")  # a line break is whitespace: no other token holds one
    tokens: list[str] = []
    for line in text.split("\n"):
        tokens += simple_word_tokenize(line)
        tokens.append("\n")
    return tokens


def camel_simple_word_tokenize(text: str) -> list[str]:
    """The reference: camel-tools' own implementation (slow; tests and benchmarks)."""
    return _camel().simple_word_tokenize(text)


# --------------------------------------------------------------------------- normalisation

_TATWEEL_RE = re.compile("\u0640")


@cache
def _arclean() -> CharMapper:
    from camel_tools.utils.charmap import CharMapper

    return CharMapper.builtin_mapper("arclean")


def arclean(text: str) -> str:
    """CAMeL's ``arclean`` character map (unifies presentation forms, drops odd characters)."""
    return _arclean().map_string(text)


# camel-tools' ``dediac_ar`` removes ``camel_tools.utils.charsets.AR_DIAC_CHARSET`` (the harakat, tanwin, shadda,
# sukun and the dagger alef). The characters are written out here, and a test checks them against camel's set,
# because importing ``dediac`` builds camel's Unicode tables (0.35 s; a second on a slow machine): the dashboard's
# first view of a page that only normalises words paid it.
_DIACRITICS_RE = re.compile("[\u064b-\u0652\u0670]")


def dediacritize(text: str) -> str:
    """Remove Arabic diacritics as camel-tools' ``dediac_ar`` does: «إنّ» → «إن»."""
    return _DIACRITICS_RE.sub("", text)


def normalize(
    text: str,
    *,
    alef: bool = True,
    alef_maksura: bool = True,
    teh_marbuta: bool = False,
    dediac: bool = True,
    tatweel: bool = True,
    clean: bool = False,
) -> str:
    """Orthographic normalisation with camel-tools' letter normalisers and its diacritics; the length may change.

    >>> normalize("أعلنَ الرئيسُ")
    'اعلن الرئيس'
    """
    ct = _normalizers()
    if clean:
        text = arclean(text)
    if dediac:
        text = dediacritize(text)
    if tatweel:
        text = _TATWEEL_RE.sub("", text)
    if alef:
        text = ct.normalize_alef_ar(text)
    if alef_maksura:
        text = ct.normalize_alef_maksura_ar(text)
    if teh_marbuta:
        text = ct.normalize_teh_marbuta_ar(text)
    return text


# --------------------------------------------------------------------------- CAMeL data


def camel_data_dir() -> Path:
    """Where camel-tools looks for its data: ``$CAMELTOOLS_DATA`` or ``~/.camel_tools``."""
    env = os.environ.get("CAMELTOOLS_DATA")
    return Path(env).expanduser().absolute() if env else Path.home() / ".camel_tools"


def camel_data_status() -> str | None:
    """``None`` when CAMeL's catalogue is installed (data-backed parts may load), else why not.

    Never downloads anything and never raises.
    """
    catalogue = camel_data_dir() / "catalogue.json"
    if not catalogue.is_file():
        return f"CAMeL Tools data is not installed (no {catalogue}); run `camel_data -i light` to install it"
    return None


@cache
def morph_tokenizer(scheme: str = "d3tok") -> Callable[[list[str]], list[str]]:
    """CAMeL's morphological tokenizer (MLE disambiguator) for ``d3tok``/``atbtok``/… schemes.

    Raises :class:`CamelDataMissingError` when the morphology data is not installed.
    """
    reason = camel_data_status()
    if reason is not None:
        raise CamelDataMissingError(reason)
    try:
        from camel_tools.disambig.mle import MLEDisambiguator
        from camel_tools.tokenizers.morphological import MorphologicalTokenizer

        tokenizer = MorphologicalTokenizer(MLEDisambiguator.pretrained(), scheme=scheme, split=True)
    except Exception as exc:  # camel raises a zoo of errors for missing/partial data
        raise CamelDataMissingError(f"CAMeL morphology data could not be loaded: {exc}") from exc
    return tokenizer.tokenize
