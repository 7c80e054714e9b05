"""Tokens with offsets, normalised counting forms and conservative clitic splitting.

A :class:`Token` keeps its surface ``text`` and offsets into ``Article.text``; ``form`` is
what frequencies count: normalised (see :class:`Normalization`) and, when asked, with
proclitics removed («وبالحكومة» → «حكومة», «لروسيا» → «روسيا») — never on protected or
unknown stems («بيلاروس», «لبنان», «وزير» stay whole).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from analysis import camel
from analysis.lexicons import load_counts, load_words
from analysis.records import TOKEN_COLUMNS, Article, Token
from analysis.segment import sentence_index, split_sentences

__all__ = [
    "CONJUNCTIONS",
    "PROCLITICS",
    "Normalization",
    "clitic_forms",
    "count_terms",
    "counting_form",
    "is_word",
    "keeps_proclitics",
    "morph_forms",
    "normalize_text",
    "normalize_word",
    "split_clitics",
    "stem_of_segments",
    "stopwords",
    "strip_clitics",
    "tokenize_article",
    "tokens_frame",
]


@dataclass(frozen=True, slots=True)
class Normalization:
    """Which orthographic normalisations the counting form applies.

    >>> normalize_word("أعلنَت", Normalization())
    'اعلنت'
    """

    dediac: bool = True
    alef: bool = True
    alef_maksura: bool = True
    teh_marbuta: bool = False
    tatweel: bool = True
    arclean: bool = False

    @classmethod
    def from_names(cls, names: Iterable[str]) -> Normalization:
        """Only the named options on: ``{"dediac", "alef"}`` → dediacritise + alef. ``all`` → every one."""
        chosen = set(names)
        if "all" in chosen:
            chosen = set(cls.__dataclass_fields__)
        unknown = chosen - set(cls.__dataclass_fields__) - {"none"}
        if unknown:
            raise ValueError(f"unknown normalisation(s) {sorted(unknown)}; choose from {sorted(cls.__dataclass_fields__)}")
        return cls(**{name: name in chosen for name in cls.__dataclass_fields__})


NO_NORMALIZATION = Normalization(False, False, False, False, False, False)

_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
_WORD_RE = re.compile(r"\w", re.UNICODE)


_FORM_CACHE_LIMIT = 500_000


@cache
def _form_cache(normalization: Normalization) -> dict[str, str]:
    return {}


def normalize_word(word: str, normalization: Normalization) -> str:
    """The normalised form of one token; Latin script is lower-cased. Cached: news vocabularies repeat."""
    forms = _form_cache(normalization)
    form = forms.get(word)
    if form is None:
        if len(forms) >= _FORM_CACHE_LIMIT:
            forms.clear()
        form = forms[word] = _normalize_word(word, normalization)
    return form


def normalize_text(text: str, normalization: Normalization) -> str:
    """A whole text normalised as :func:`normalize_word` normalises a token. Every step maps characters one by one,
    so the normalised text holds every token's normalised form: «قالَ أعلنت» → «قال اعلنت»."""
    return _normalize_word(text, normalization)


def _normalize_word(word: str, normalization: Normalization) -> str:
    form = camel.normalize(
        word,
        alef=normalization.alef,
        alef_maksura=normalization.alef_maksura,
        teh_marbuta=normalization.teh_marbuta,
        dediac=normalization.dediac,
        tatweel=normalization.tatweel,
        clean=normalization.arclean,
    )
    return form.lower()


@lru_cache(maxsize=500_000)
def is_word(token: str) -> bool:
    """True for tokens holding a letter or digit (not punctuation/symbols)."""
    return _WORD_RE.search(token) is not None


def count_terms(text: str, *, normalization: Normalization = Normalization()) -> Counter[str]:
    """Counts of the normalised word forms of ``text`` (punctuation left out), in one pass.

    Normalises the whole text first, then tokenises: the same forms as normalising token
    by token, several times faster on long texts.

    >>> count_terms("قالَ، قال وقال")
    Counter({'قال': 2, 'وقال': 1})
    """
    counts = Counter(camel.simple_word_tokenize(_normalize_word(text, normalization)))
    for key in [k for k in counts if not k.isalnum() and not is_word(k)]:
        del counts[key]
    return counts


# --------------------------------------------------------------------------- clitics

CONJUNCTIONS: tuple[str, ...] = ("و", "ف")
_PREP = ("ب", "ك", "ل")
PROCLITICS: frozenset[str] = frozenset({*CONJUNCTIONS, *_PREP, *(c + p for c in CONJUNCTIONS for p in _PREP)})
"""What may stand before a stem (and its article): a conjunction, a preposition, or a conjunction then a preposition
(«وبـ», «فلـ»); two prepositions never stack («بل» is no proclitic)."""
_MIN_STEM = 3
# A bare proclitic splits when the stem is known and at least 1/4 as frequent as the whole form.
_KNOWN_RATIO = 4


@cache
def _protected() -> frozenset[str]:
    return frozenset(camel.normalize(w) for w in load_words("protected_words.txt"))


@cache
def _known() -> dict[str, int]:
    return load_counts("known_words.tsv")


def _lookup(word: str) -> str:
    """The matching key of a word: normalised so lexicon look-ups ignore spelling variants."""
    return camel.normalize(word)


def split_clitics(word: str, *, article: bool = True) -> tuple[str, str]:
    """Split proclitics off a word: ``(proclitics, stem)``; conservative.

    * conjunction و/ف, preposition ب/ك/ل and the article ال are split when the article
      is present (the article makes the analysis near certain): «وبالحكومة» → ("وبال", "حكومة"),
      «للحكومة» → ("لل", "حكومة");
    * a bare single-letter proclitic is split only when the remaining stem is a known word
      (ANERcorp counts) at least a quarter as frequent as the whole form:
      «لروسيا» → ("ل", "روسيا"), «وقال» → ("و", "قال"), «وزير» stays;
    * protected words («بيلاروس», «لبنان», «الله») and stems shorter than 3 letters never split.

    With ``article=False`` the article stays on the stem: «للحكومة» → ("ل", "الحكومة").
    """
    article_off, article_kept = _splits(word)
    return article_off if article else article_kept


@lru_cache(maxsize=131_072)
def _splits(word: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """:func:`split_clitics` of ``word`` with the article split off and kept, from one analysis of the word. Cached
    (at most about 40 MB: 77,500 words took 24 MB): the dashboard strips a corpus's vocabulary again for each table
    it counts on stems, and a 10,000-article corpus has about 80,000 distinct forms."""
    return _splits_of(word, _lookup(word))


def _splits_of(word: str, key: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """:func:`_splits` of ``word``, whose lexicon key (:func:`_lookup`) is ``key``."""
    if len(key) <= _MIN_STEM or key in _protected() or not _ARABIC_LETTER_RE.match(key):
        return ("", word), ("", word)
    prefix_len = _article_prefix(key)
    if prefix_len:
        cut = _in_word(word, key, prefix_len)
        clitics, stem = word[:cut], word[cut:]
        if key[:prefix_len].endswith("لل"):
            return (clitics, stem), (word[: _in_word(word, key, prefix_len - 1)], "ال" + stem)
        kept = _in_word(word, key, prefix_len - 2)
        return (clitics, stem), (word[:kept], word[kept:])
    bare = _bare_prefix(word, key)
    return bare, bare


def _in_word(word: str, key: str, n: int) -> int:
    """Where the first ``n`` letters of ``word``'s lexicon key end in ``word`` itself, the marks written on the last
    of them included: the key drops diacritics and tatweel («وَقال» → «وقال»: 1 → 2)."""
    if len(word) == len(key):
        return n
    kept = 0
    for i, char in enumerate(word):
        if _lookup(char):
            if kept == n:
                return i
            kept += 1
    return len(word)


def _article_prefix(key: str) -> int:
    """Length of a (conj)(prep)ال / (conj)لل prefix when what follows is a plausible stem."""
    i = 1 if key[:1] in CONJUNCTIONS else 0
    if key.startswith("لل", i) and len(key) - i - 2 >= _MIN_STEM and key[i:] not in _protected():
        return i + 2
    j = i + 1 if key[i : i + 1] in _PREP else i
    if key.startswith("ال", j) and len(key) - j - 2 >= _MIN_STEM and key[j:] not in _protected():
        return j + 2
    return 0


def _bare_prefix(word: str, key: str) -> tuple[str, str]:
    known = _known()
    best = ("", word)
    for n in (1, 2):
        head, rest = key[:n], key[n:]
        if head not in PROCLITICS or len(rest) < _MIN_STEM:
            continue
        if rest in _protected() or known.get(rest, 0) * _KNOWN_RATIO >= max(known.get(key, 0), _KNOWN_RATIO):
            cut = _in_word(word, key, n)
            best = (word[:cut], word[cut:])
    return best


def keeps_proclitics(word: str) -> bool:
    """Whether the first letters of ``word`` belong to it though they look like proclitics or the article
    (``protected_words.txt``): «وحدة» is no «و» + «حدة», «بيلاروس» no «ب» + «يلاروس»."""
    return _lookup(word) in _protected()


def strip_clitics(word: str, *, article: bool = False) -> str:
    """The word without its proclitics: «لروسيا» → «روسيا», «والجزائر» → «الجزائر»; «بيلاروس» unchanged."""
    return split_clitics(word, article=article)[1]


def strip_all_clitics(words: Sequence[str], *, article: bool = False) -> list[str]:
    """:func:`strip_clitics` of each of ``words`` (tokens: no whitespace), their lexicon keys normalised in one pass
    over them all: a corpus's vocabulary, each distinct form once (77,456 forms: 0.58 s one by one).

    >>> strip_all_clitics(["للحكومة", "لروسيا", "وزير"], article=True)
    ['حكومة', 'روسيا', 'وزير']
    """
    keys = camel.normalize("\n".join(words)).split("\n") if words else []
    if len(keys) != len(words):  # a character normalised to a line break: word by word
        return [strip_clitics(word, article=article) for word in words]
    side = 0 if article else 1
    return [_splits_of(word, key)[side][1] for word, key in zip(words, keys, strict=True)]


def clitic_forms(word: str) -> tuple[str, str]:
    """``(strip_clitics(word), strip_clitics(word, article=True))`` with one analysis of the word.

    >>> clitic_forms("والجزائر"), clitic_forms("للحكومة"), clitic_forms("لروسيا")
    (('الجزائر', 'جزائر'), ('الحكومة', 'حكومة'), ('روسيا', 'روسيا'))
    """
    (_, stem), (_, kept) = _splits(word)
    return kept, stem


# --------------------------------------------------------------------------- stopwords


@cache
def stopwords(normalization: Normalization = Normalization()) -> frozenset[str]:
    """stopwords-iso Arabic list plus ``stopwords_overrides.txt`` (``+word`` adds, ``-word`` removes), normalised."""
    import stopwordsiso

    words = set(stopwordsiso.stopwords("ar"))
    for entry in load_words("stopwords_overrides.txt"):
        if entry.startswith("-"):
            words.discard(entry[1:])
        else:
            words.add(entry.removeprefix("+"))
    forms = {normalize_word(w, normalization) for w in words}
    return frozenset(forms | {strip_clitics(f, article=True) for f in forms if len(f) > 4} - {""})


# --------------------------------------------------------------------------- tokens


def stem_of_segments(segments: Iterable[str]) -> str:
    """The stem among CAMeL morphological segments: ``["و+", "ب+", "ال+", "حكومة"]`` → «حكومة».

    Proclitics end with ``+`` and enclitics start with it (d3tok/atbtok ``split=True`` output);
    the stem is the longest segment carrying neither mark (the whole word when all do).
    """
    segments = list(segments)
    bare = [s for s in segments if not s.startswith("+") and not s.endswith("+")]
    if not bare:
        return "".join(s.strip("+") for s in segments)
    return max(bare, key=len)


def morph_forms(words: Iterable[str], *, scheme: str = "d3tok") -> dict[str, str]:
    """Counting forms from CAMeL's morphological tokenizer (needs CAMeL data installed).

    Raises :class:`analysis.camel.CamelDataMissingError` when the data is not installed.
    """
    tokenize = camel.morph_tokenizer(scheme)
    distinct = list(dict.fromkeys(words))
    forms: dict[str, str] = {}
    for word in distinct:
        forms[word] = stem_of_segments(tokenize([word])) or word
    return forms


def tokenize_article(
    article: Article,
    *,
    normalization: Normalization = Normalization(),
    clitics: bool = False,
) -> list[Token]:
    """Tokens of ``article.text`` with offsets, sentence index and counting form.

    >>> a = Article(id="a", source="a", text="قال لروسيا.", raw_text="")
    >>> [(t.text, t.form) for t in tokenize_article(a, clitics=True)]
    [('قال', 'قال'), ('لروسيا', 'روسيا'), ('.', '.')]
    """
    return list(iter_tokens(article, normalization=normalization, clitics=clitics))


def iter_tokens(
    article: Article,
    *,
    normalization: Normalization = Normalization(),
    clitics: bool = False,
) -> Iterator[Token]:
    """Lazy :func:`tokenize_article`."""
    text = article.text
    sentences = split_sentences(text)
    forms: dict[str, str] = {}
    for index, (start, end) in enumerate(camel.token_spans(text)):
        surface = text[start:end]
        form = forms.get(surface)
        if form is None:
            form = forms[surface] = counting_form(surface, normalization, clitics)
        yield Token(article.id, surface, start, end, form, index, max(sentence_index(sentences, start), 0))


def counting_form(surface: str, normalization: Normalization, clitics: bool) -> str:
    """What frequencies count a token as: its normalised form, without proclitics and the article when ``clitics``
    («وللحكومة» → «حكومة»). The result is part of :func:`normalize_text` of the token."""
    form = normalize_word(surface, normalization)
    return strip_clitics(form, article=True) if clitics else form


def tokens_frame(
    articles: Iterable[Article],
    *,
    normalization: Normalization = Normalization(),
    clitics: bool = False,
) -> pd.DataFrame:
    """One row per token of every article (columns :data:`TOKEN_COLUMNS`).

    Built column-wise (no per-token objects): the same rows as :func:`iter_tokens`.
    """
    columns: dict[str, list] = {name: [] for name in TOKEN_COLUMNS}
    forms: dict[str, str] = {}
    for article in articles:
        text = article.text
        spans = camel.token_spans(text)
        if not spans:
            continue
        starts = [s for s, _ in spans]
        surfaces = [text[s:e] for s, e in spans]
        for surface in surfaces:
            if surface not in forms:
                forms[surface] = counting_form(surface, normalization, clitics)
        sentence_starts = [s for s, _ in split_sentences(text)] or [0]
        sentence = np.searchsorted(np.asarray(sentence_starts), np.asarray(starts), side="right") - 1
        columns["article"].extend([article.id] * len(spans))
        columns["text"].extend(surfaces)
        columns["start"].extend(starts)
        columns["end"].extend(e for _, e in spans)
        columns["form"].extend(forms[s] for s in surfaces)
        columns["index"].extend(range(len(spans)))
        columns["sentence"].extend(np.maximum(sentence, 0).tolist())
    return pd.DataFrame(columns, columns=list(TOKEN_COLUMNS)).astype(
        {"start": "int64", "end": "int64", "index": "int64", "sentence": "int64"}
    )
