"""Term frequencies, n-grams, document frequencies, breakdowns and keyword-in-context.

The token-table functions read :func:`analysis.tokens.tokens_frame` (one row per token); the dashboard's sums read
per-article counts instead (stored with each analysis, or :func:`ngram_counts`) and give the same tidy tables.
"""

from __future__ import annotations

import hashlib
import re
import threading
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import camel
from analysis.cache import strings_array, strings_from, write_npz
from analysis.records import KWIC_COLUMNS, Article
from analysis.tokens import (
    Normalization,
    is_word,
    normalize_text,
    normalize_word,
    strip_all_clitics,
    strip_clitics,
)

__all__ = [
    "FREQ_COLUMNS",
    "CountingForms",
    "KwicView",
    "NgramCounts",
    "TermIndex",
    "TokenStream",
    "articles_with",
    "index_terms",
    "kwic",
    "kwic_terms",
    "load_term_index",
    "load_token_stream",
    "ngram_breakdown",
    "ngram_counts",
    "ngrams_frame",
    "save_term_index",
    "save_token_stream",
    "sum_term_breakdown",
    "sum_term_counts",
    "term_breakdown",
    "term_frequencies",
    "token_stream",
    "top_ngrams",
]

FREQ_COLUMNS: tuple[str, ...] = ("term", "count", "doc_count")
_WORD_PATTERN = r"[^\W_]"


def ngrams_frame(tokens: pd.DataFrame, *, n: int = 1, stopwords: frozenset[str] = frozenset()) -> pd.DataFrame:
    """One row per n-gram occurrence: ``article, term, start, end``.

    N-grams never cross punctuation or sentences. Unigrams that are stopwords are dropped;
    longer n-grams are dropped when they start or end with a stopword («في تونس» goes,
    «وزير الصحة» stays).
    """
    if n < 1:
        raise ValueError(f"n-gram size must be ≥ 1, got {n}")
    if tokens.empty:
        return pd.DataFrame(columns=["article", "term", "start", "end"])
    is_word = tokens["form"].str.contains(_WORD_PATTERN, regex=True)
    segment = (~is_word).cumsum()
    words = tokens.loc[is_word, ["article", "sentence", "form", "start", "end"]].assign(segment=segment[is_word])
    words = words[words["form"] != ""]
    groups = words.groupby(["article", "sentence", "segment"], sort=False)
    parts = [words["form"]]
    for k in range(1, n):
        parts.append(groups["form"].shift(-k))
    ends = groups["end"].shift(-(n - 1)) if n > 1 else words["end"]
    frame = pd.DataFrame({"article": words["article"], "start": words["start"], "end": ends})
    valid = ends.notna()
    for part in parts:
        valid &= part.notna()
    first, last = parts[0], parts[-1]
    if stopwords:
        valid &= ~first.isin(stopwords) & ~last.isin(stopwords)
    frame = frame[valid].copy()
    term = parts[0][valid]
    for part in parts[1:]:  # vectorised: a row-wise " ".join took 25 s for the bigrams of 1.2 M tokens, this 0.2 s
        term = term + " " + part[valid]
    frame["term"] = term
    frame["end"] = frame["end"].astype("int64")
    return frame[["article", "term", "start", "end"]].reset_index(drop=True)


def _stopword_edged(term: str, stopwords: frozenset[str]) -> bool:
    """Whether ``term`` starts or ends with a stopword: «في تونس» does, «وزير الصحة» does not."""
    return bool(stopwords) and (term.partition(" ")[0] in stopwords or term.rpartition(" ")[2] in stopwords)


_WORD_FORM = re.compile(_WORD_PATTERN)


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and how often each occurs: ``np.unique(values, return_counts=True)`` by a sort
    (numpy 2.4's hash-based ``unique`` took a second for a million integers here; a sort, 15 ms)."""
    ordered = np.sort(values)
    first = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1]))) if len(ordered) else ordered[:0]
    return ordered[first], np.diff(np.append(first, len(ordered)))


def _articles_holding(article: np.ndarray, item: np.ndarray, items: int) -> np.ndarray:
    """How many distinct articles hold each of ``items`` items, from one row per occurrence (``article[r]`` holds
    ``item[r]``): each (article, item) pair is counted once."""
    size = max(items, 1)
    return np.bincount(_distinct(article * size + item)[0] % size, minlength=items)


@dataclass(frozen=True, eq=False)
class NgramCounts:
    """The n-grams of a corpus, held column-wise: a few arrays, not a ``Counter`` per article.

    N-gram ``g`` is the words ``words[i] for i in grams[g]``; occurrence ``r`` is n-gram ``gram[r]`` in article
    ``ids[article[r]]`` (occurrences in the order of the text). Counts are sums over occurrences; a document count
    is only worked out for the n-grams a table shows (:meth:`doc_counts`).
    """

    n: int
    ids: tuple[str, ...]
    words: tuple[str, ...]
    grams: np.ndarray  # (number of n-grams, n) indices into words
    article: np.ndarray
    gram: np.ndarray

    @cached_property
    def totals(self) -> np.ndarray:
        """How often each n-gram occurs."""
        return np.bincount(self.gram, minlength=len(self.grams))

    def doc_counts(self, chosen: np.ndarray) -> np.ndarray:
        """How many articles hold each of the n-grams ``chosen`` (indices into :attr:`grams`)."""
        held = self.occurrences_of(chosen)
        return _articles_holding(self.article[held], self.gram[held], len(self.grams))[chosen]

    def occurrences_of(self, grams: np.ndarray | list[int]) -> np.ndarray:
        """Which occurrences are one of the n-grams ``grams`` (a mask over :attr:`gram`), by a lookup table indexed by
        n-gram: one step per occurrence, however many are wanted."""
        picked = np.zeros(len(self.grams), dtype=bool)
        picked[grams] = True
        return picked[self.gram]

    @cached_property
    def word_index(self) -> dict[str, int]:
        """Word → its index in :attr:`words`."""
        return {word: i for i, word in enumerate(self.words)}

    def terms(self, grams: np.ndarray) -> list[str]:
        """The text of n-grams ``grams`` (indices into :attr:`grams`): words joined by a space."""
        words = np.asarray(self.words, dtype=object)
        text = words[self.grams[grams, 0]]
        for k in range(1, self.n):
            text = text + " " + words[self.grams[grams, k]]
        return list(text)


_FORMS_KEPT = 4  # option sets whose counting forms a stream keeps


@dataclass(frozen=True, eq=False)
class CountingForms:
    """A :class:`TokenStream`'s distinct surfaces as counted under one set of options: ``forms[c]`` is surface
    ``c``'s :func:`~analysis.tokens.counting_form` (a line end's is ``""``)."""

    forms: tuple[str, ...]

    @cached_property
    def words(self) -> tuple[np.ndarray, tuple[str, ...]]:
        """``(word_of, words)``: surface ``c`` counts as word ``words[word_of[c]]``, or as no word when
        ``word_of[c]`` is -1 (no letter or digit: punctuation, a line end)."""
        index: dict[str, int] = {}
        word_of = np.fromiter(
            (index.setdefault(f, len(index)) if _WORD_FORM.search(f) else -1 for f in self.forms),
            dtype=np.int64,
            count=len(self.forms),
        )
        return word_of, tuple(index)


@dataclass(frozen=True, eq=False)
class KwicView:
    """A :class:`TokenStream` without its line ends: token ``i`` is surface ``codes[i]`` at ``starts[i]:ends[i]`` of
    article ``article[i]``; article ``a``'s tokens are the ``held[a]`` from ``first[a]``."""

    codes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    article: np.ndarray
    first: np.ndarray
    held: np.ndarray


@dataclass(frozen=True, eq=False)
class TokenStream:
    """The tokens of a corpus as numbers, to count n-grams and search terms under several options without
    tokenising again.

    Token ``i`` is ``surfaces[codes[i]]``, at ``starts[i]`` in its article's text; article ``ids[j]`` (text
    ``texts[j]``) has the next ``lengths[j]`` tokens. Every line ends with a ``"\\n"`` token
    (:func:`analysis.camel.tokenize_lines`; the last one lies just past the text).
    """

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    lengths: np.ndarray
    codes: np.ndarray
    starts: np.ndarray
    surfaces: tuple[str, ...]
    _counted: dict[tuple[Normalization, bool], CountingForms] = field(default_factory=dict, repr=False)
    _counting: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @cached_property
    def ends(self) -> np.ndarray:
        """Where each token ends in its article's text."""
        sizes = np.fromiter(map(len, self.surfaces), dtype=np.int64, count=len(self.surfaces))
        return self.starts + sizes[self.codes]

    @cached_property
    def kwic_view(self) -> KwicView:
        """The tokens KWIC matches and counts its windows in: all but the line ends (derived once, not per search)."""
        line_end = self.surfaces.index("\n") if "\n" in self.surfaces else -1
        words = np.flatnonzero(self.codes != line_end)
        article = np.repeat(np.arange(len(self.ids), dtype=np.int64), self.lengths)[words]
        held = np.bincount(article, minlength=len(self.ids))
        return KwicView(
            codes=self.codes[words],
            starts=self.starts[words],
            ends=self.ends[words],
            article=article,
            first=np.cumsum(held) - held,
            held=held,
        )

    def counted(self, normalization: Normalization, clitics: bool) -> CountingForms:
        """The surfaces' :class:`CountingForms` under these options, kept for the last few option sets: the n-gram
        tables and KWIC searches of one set share them (a thread asking for forms another is computing waits)."""
        key = (normalization, clitics)
        with self._counting:
            if key not in self._counted:
                if len(self._counted) >= _FORMS_KEPT:
                    self._counted.pop(next(iter(self._counted)))
                surfaces = [s if s != "\n" else "" for s in self.surfaces]
                self._counted[key] = CountingForms(tuple(_counting_forms(surfaces, normalization, clitics)))
            return self._counted[key]


def _numbered(strings: list[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """``(codes, vocabulary)`` with ``vocabulary[codes[i]] == strings[i]``, by pyarrow's dictionary encoding (C++,
    no Python code per string)."""
    import pyarrow as pa

    encoded = pa.array(strings, type=pa.large_string()).dictionary_encode()
    return encoded.indices.to_numpy().astype(np.int64), tuple(encoded.dictionary.to_pylist())


@cache
def _whitespace() -> np.ndarray:
    """Per code point, whether the tokenizer drops it (``\\s``: :meth:`str.isspace`; none lies past U+3000)."""
    table = np.zeros(0x110000, dtype=bool)
    table[[c for c in range(0x3001) if chr(c).isspace()]] = True
    return table


def _token_starts(texts: list[str], sizes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each token's offset in its text, with no Python step per token. Tokens cover every character but whitespace,
    in order, and a line end («\\n») is a token, one more past each text's end; so the token after ``m`` such
    characters starts at the ``m``-th of them. ``sizes``: the tokens' lengths; ``lengths``: tokens per text."""
    corpus = "\n".join(texts) + "\n" if texts else ""
    chars = np.frombuffer(corpus.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    held = np.flatnonzero(~_whitespace()[chars] | (chars == ord("\n")))
    if len(held) != int(sizes.sum()):
        raise RuntimeError(f"tokens cover {int(sizes.sum())} characters, the texts hold {len(held)} outside whitespace")
    spans = np.fromiter((len(text) + 1 for text in texts), dtype=np.int64, count=len(texts))  # each with its «\n»
    return held[np.cumsum(sizes) - sizes] - np.repeat(np.cumsum(spans) - spans, lengths)


def token_stream(articles: Iterable[Article]) -> TokenStream:
    """The :class:`TokenStream` of ``articles``: their tokens numbered once (:func:`_numbered`) and placed in their
    texts (:func:`_token_starts`)."""
    ids: list[str] = []
    texts: list[str] = []
    lengths: list[int] = []
    surfaces: list[str] = []
    for article in articles:
        tokens = camel.tokenize_lines(article.text)
        surfaces += tokens
        ids.append(article.id)
        texts.append(article.text)
        lengths.append(len(tokens))
    codes, vocabulary = _numbered(surfaces)
    sizes = np.fromiter(map(len, vocabulary), dtype=np.int64, count=len(vocabulary))
    counts = np.asarray(lengths, dtype=np.int64)
    return TokenStream(
        ids=tuple(ids),
        texts=tuple(texts),
        lengths=counts,
        codes=codes,
        starts=_token_starts(texts, sizes[codes], counts),
        surfaces=vocabulary,
    )


def save_token_stream(stream: TokenStream, path: Path) -> None:
    """Keep ``stream``'s numbers and surfaces in ``path`` (one ``.npz``, written whole or not at all), with the
    digest of its articles and of the tokenising code, so that :func:`load_token_stream` gives it back only for the
    same articles tokenised the same way. The texts are not written: the caller has them."""
    write_npz(
        path,
        {
            "digest": np.array(_stream_digest(stream.ids, stream.texts)),
            "lengths": stream.lengths,
            "codes": stream.codes.astype(np.int32),
            "starts": stream.starts,
            "surfaces": strings_array(stream.surfaces),
        },
    )


def load_token_stream(path: Path, articles: Sequence[Article]) -> TokenStream | None:
    """The :func:`token_stream` of ``articles`` that :func:`save_token_stream` kept in ``path``; None when there is
    none, it is unreadable, or it was made from other articles or by other tokenising code.

    Reading the 9,977-article bench corpus's stream takes 0.03 s and checking its digest 0.1 s, against about 1 s
    to build it."""
    ids, texts = tuple(a.id for a in articles), tuple(a.text for a in articles)
    try:
        with np.load(path, allow_pickle=False) as kept:
            if str(kept["digest"]) != _stream_digest(ids, texts):
                return None
            lengths, codes, starts = kept["lengths"], kept["codes"].astype(np.int64), kept["starts"]
            surfaces = tuple(strings_from(kept["surfaces"]))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    return TokenStream(ids=ids, texts=texts, lengths=lengths, codes=codes, starts=starts, surfaces=surfaces)


def _stream_digest(ids: Sequence[str], texts: Sequence[str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for module in (__file__, camel.__file__):  # the code that numbers the tokens
        digest.update(Path(module).read_bytes())
    for article_id, text in zip(ids, texts, strict=True):
        digest.update(f"{len(article_id)}:{article_id}{len(text)}:".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def ngram_counts(
    corpus: Iterable[Article] | TokenStream,
    *,
    n: int = 1,
    normalization: Normalization = Normalization(),
    clitics: bool = False,
) -> NgramCounts:
    """Per article, the counts of the n-grams :func:`ngrams_frame` lists for its tokens (never across punctuation
    or sentences), counted without building the token table. Stopwords are kept; :func:`top_ngrams` leaves them
    out and :func:`ngram_breakdown` looks terms up. ``corpus``: articles, or their :func:`token_stream`.

    A run of words ends at every token that holds no letter or digit, and at a line's end: every other sentence end
    (:func:`analysis.segment.split_sentences`) is a punctuation token. Each distinct token is normalised once and
    the n-grams are counted with numpy and pandas' hashing: no Python code runs per token.

    >>> a = Article(id="a", source="s", text="قال وزير الصحة إن وزير الصحة، سافر.", raw_text="")
    >>> top_ngrams(ngram_counts([a], n=2), top=2)["term"].tolist()
    ['وزير الصحة', 'الصحة ان']
    """
    if n < 1:
        raise ValueError(f"n-gram size must be ≥ 1, got {n}")
    stream = corpus if isinstance(corpus, TokenStream) else token_stream(corpus)
    word_of, words = stream.counted(normalization, clitics).words
    token_word = word_of[stream.codes]
    starts = np.flatnonzero(token_word[: max(len(token_word) - n + 1, 0)] >= 0)
    for k in range(1, n):  # every article ends with a "\n", so a run never crosses articles
        starts = starts[token_word[starts + k] >= 0]
    size = max(len(words), 1)
    key = token_word[starts]
    for k in range(1, n):  # the n-gram as a number in base len(words); renumbered densely before it could overflow
        if len(key) and key.max() >= 2**62 // size:
            key = pd.factorize(key)[0].astype(np.int64)
        key = key * size + token_word[starts + k]
    gram, keys = pd.factorize(key)
    gram = gram.astype(np.int64)
    occurrence = np.empty(len(keys), dtype=np.int64)  # where each n-gram occurs (its last occurrence)
    occurrence[gram] = starts
    grams = token_word[occurrence[:, None] + np.arange(n)]
    article_of = np.repeat(np.arange(len(stream.ids), dtype=np.int64), stream.lengths)[starts]
    return NgramCounts(n=n, ids=stream.ids, words=words, grams=grams, article=article_of, gram=gram)


def _counting_forms(surfaces: list[str], normalization: Normalization, clitics: bool) -> list[str]:
    """:func:`~analysis.tokens.counting_form` of each of ``surfaces`` (tokens: no whitespace), normalised in one
    pass over them all: normalisation maps characters one by one (:func:`normalize_text`)."""
    forms = normalize_text("\n".join(surfaces), normalization).split("\n")
    if len(forms) != len(surfaces):  # a character normalised to a line break: token by token
        forms = [normalize_word(surface, normalization) for surface in surfaces]
    if clitics:
        distinct = list(dict.fromkeys(forms))
        stems = dict(zip(distinct, strip_all_clitics(distinct, article=True), strict=True))
        forms = [stems[f] for f in forms]
    return forms


def top_ngrams(counts: NgramCounts, *, top: int | None = 50, stopwords: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Top n-grams (``term, count, doc_count``, by count then term) of :func:`ngram_counts`: the table
    :func:`term_frequencies` gives. An n-gram is left out when its first or last word is one of ``stopwords``."""
    total = counts.totals
    keep = np.ones(len(counts.grams), dtype=bool)
    if stopwords:
        stop = np.fromiter((w in stopwords for w in counts.words), dtype=bool, count=len(counts.words))
        keep = ~stop[counts.grams[:, 0]] & ~stop[counts.grams[:, -1]]
    chosen = np.flatnonzero(keep)
    if top is not None and len(chosen) > top > 0:  # name and sort only those counted at least as often as the top-th
        counted = total[chosen]
        chosen = chosen[counted >= np.partition(counted, len(counted) - top)[len(counted) - top]]
    table = pd.DataFrame({"term": counts.terms(chosen), "count": total[chosen], "doc_count": counts.doc_counts(chosen)})
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    if top is not None:
        table = table.head(top)
    return table[list(FREQ_COLUMNS)].reset_index(drop=True)


def ngram_breakdown(counts: NgramCounts, articles: pd.DataFrame, *, by: str, terms: Iterable[str]) -> pd.DataFrame:
    """:func:`term_breakdown` from :func:`ngram_counts`: counts of ``terms`` per ``by`` (``term, <by>, count``)."""
    index = counts.word_index
    wanted: list[int] = []
    for term in set(terms):
        words = term.split(" ")
        if len(words) == counts.n and all(w in index for w in words):
            match = np.flatnonzero(counts.grams[:, 0] == index[words[0]])
            for k in range(1, counts.n):
                match = match[counts.grams[match, k] == index[words[k]]]
            wanted.extend(match.tolist())
    rows = counts.occurrences_of(wanted)
    size = max(len(counts.grams), 1)
    pairs, held = _distinct(counts.article[rows] * size + counts.gram[rows])  # per article
    found = pd.DataFrame(
        {
            "term": counts.terms(pairs % size),
            "article": np.asarray(counts.ids, dtype=object)[pairs // size],
            "count": held,
        }
    )
    return _sum_by(found, articles, by=by)


def _sum_by(found: pd.DataFrame, articles: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Sum ``found`` (``term, article, count``) per term and value of ``articles[by]``."""
    merged = found.merge(articles[["id", by]], left_on="article", right_on="id", how="left")
    return merged.groupby(["term", by], dropna=False)["count"].sum().rename("count").reset_index()


def term_frequencies(
    tokens: pd.DataFrame,
    *,
    n: int = 1,
    top: int | None = 50,
    stopwords: frozenset[str] = frozenset(),
    min_count: int = 1,
) -> pd.DataFrame:
    """Top terms: ``term, count, doc_count`` sorted by count then term."""
    grams = ngrams_frame(tokens, n=n, stopwords=stopwords)
    if grams.empty:
        return pd.DataFrame(columns=list(FREQ_COLUMNS))
    table = grams.groupby("term").agg(count=("article", "size"), doc_count=("article", "nunique")).reset_index()
    table = table[table["count"] >= min_count].sort_values(["count", "term"], ascending=[False, True])
    if top is not None:
        table = table.head(top)
    return table[list(FREQ_COLUMNS)].reset_index(drop=True)


def sum_term_counts(
    per_article: Iterable[Mapping[str, int]] | TermIndex,
    *,
    clitics: bool = False,
    top: int | None = 50,
    stopwords: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Top terms (``term, count, doc_count``) from per-article counts (those stored with the analyses), or from
    their :func:`index_terms` (then no count is added up in Python). A term is left out when its first or last word
    is one of ``stopwords`` (for a single word: when it is one).

    The stored counts are of normalised forms (default :class:`~analysis.tokens.Normalization`); with ``clitics``
    each form is mapped to its clitic-stripped stem, which gives the same table as :func:`term_frequencies` over
    ``tokens_frame(..., clitics=True)`` without re-tokenising.

    >>> sum_term_counts([{"للحكومة": 2, "قال": 1}, {"الحكومة": 1}], clitics=True)["term"].tolist()
    ['حكومة', 'قال']
    """
    if isinstance(per_article, TermIndex):
        index = per_article
    else:
        index = index_terms((str(i), counts) for i, counts in enumerate(per_article))
    term_of = np.repeat(np.arange(len(index.forms), dtype=np.int64), np.diff(index.bounds))  # each row's form
    terms = index.forms
    if clitics:  # each distinct form stemmed once per index
        stem_of, terms = index.stemmed
        term_of = stem_of[term_of]
    counts = np.bincount(term_of, weights=index.count, minlength=len(terms)).astype(np.int64)
    docs = _articles_holding(index.article, term_of, len(terms))
    keep = np.fromiter((not _stopword_edged(term, stopwords) for term in terms), dtype=bool, count=len(terms))
    table = pd.DataFrame({"term": np.asarray(terms, dtype=object)[keep], "count": counts[keep], "doc_count": docs[keep]})
    if top is not None and len(table) > top > 0:  # sort only the terms counted at least as often as the top-th
        counted = table["count"].to_numpy()
        table = table[counted >= np.partition(counted, len(counted) - top)[len(counted) - top]]
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    if top is not None:
        table = table.head(top)
    return table.reset_index(drop=True)


def term_breakdown(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str,
    terms: Iterable[str],
    n: int = 1,
) -> pd.DataFrame:
    """Counts of ``terms`` per value of an article column (``source`` or ``date``): ``term, <by>, count``."""
    grams = ngrams_frame(tokens, n=n)
    grams = grams[grams["term"].isin(list(terms))]
    merged = grams.merge(articles[["id", by]], left_on="article", right_on="id", how="left")
    return merged.groupby(["term", by], dropna=False).size().rename("count").reset_index()


@dataclass(frozen=True, eq=False)
class TermIndex:
    """The per-article counts stored with the analyses, inverted: form ``forms[f]`` is held by article
    ``ids[article[r]]`` ``count[r]`` times, for the rows ``r`` from ``bounds[f]`` to ``bounds[f + 1]``."""

    ids: tuple[str, ...]
    forms: tuple[str, ...]
    bounds: np.ndarray
    article: np.ndarray
    count: np.ndarray

    @cached_property
    def form_index(self) -> dict[str, int]:
        """Form → its index in :attr:`forms`."""
        return {form: i for i, form in enumerate(self.forms)}

    @cached_property
    def stemmed(self) -> tuple[np.ndarray, tuple[str, ...]]:
        """``(stem_of, stems)``: form ``forms[f]`` without its proclitics and article (:func:`strip_clitics`) is
        ``stems[stem_of[f]]``, stems in the order their first form comes; each distinct form stemmed once per index."""
        stems: dict[str, int] = {}
        stem_of = np.fromiter(
            (stems.setdefault(stem, len(stems)) for stem in strip_all_clitics(self.forms, article=True)),
            dtype=np.int64,
            count=len(self.forms),
        )
        return stem_of, tuple(stems)

    @cached_property
    def _stem_forms(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """``(stem → its number, forms ordered by stem, where each stem's forms start)`` for :meth:`counting_as`."""
        stem_of, stems = self.stemmed
        order = np.argsort(stem_of, kind="stable")
        starts = np.concatenate([[0], np.cumsum(np.bincount(stem_of, minlength=len(stems)))])
        return {stem: i for i, stem in enumerate(stems)}, order, starts

    def counting_as(self, wanted: Iterable[str], *, clitics: bool) -> dict[str, str]:
        """The stored forms that count as one of ``wanted``: form → wanted term (with ``clitics``, every form whose
        stem it is: «للحكومة» and «الحكومة» count as «حكومة»)."""
        if not clitics:
            return {term: term for term in wanted}
        number, order, starts = self._stem_forms
        found: dict[str, str] = {}
        for stem in wanted:
            if (i := number.get(stem)) is not None:
                found.update((self.forms[f], stem) for f in order[starts[i] : starts[i + 1]].tolist())
        return found

    def postings(self, form: str) -> tuple[np.ndarray, np.ndarray]:
        """``(article indices, counts)`` of the articles holding ``form`` (empty arrays when none does)."""
        f = self.form_index.get(form)
        if f is None:
            return self.article[:0], self.count[:0]
        return self.article[self.bounds[f] : self.bounds[f + 1]], self.count[self.bounds[f] : self.bounds[f + 1]]


def index_terms(per_article: Iterable[tuple[str, Mapping[str, int]]]) -> TermIndex:
    """:class:`TermIndex` of ``(article id, counts)`` pairs (the stored counts, :func:`analysis.tokens.count_terms`):
    a term's articles are then looked up, not searched for in every article's counts.

    >>> index = index_terms([("a", {"قال": 2, "وزير": 1}), ("b", {"قال": 1})])
    >>> [index.ids[i] for i in index.postings("قال")[0]], index.postings("قال")[1].tolist()
    (['a', 'b'], [2, 1])
    """
    ids: list[str] = []
    lengths: list[int] = []
    forms: list[str] = []
    counts: list[int] = []
    for article_id, article_counts in per_article:
        ids.append(article_id)
        lengths.append(len(article_counts))
        forms += article_counts.keys()
        counts += article_counts.values()
    codes, vocabulary = _numbered(forms)
    order = np.argsort(codes, kind="stable")  # each form's rows together, in article order
    return TermIndex(
        ids=tuple(ids),
        forms=vocabulary,
        bounds=np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=len(vocabulary)))]).astype(np.int64),
        article=np.repeat(np.arange(len(ids), dtype=np.int64), lengths)[order],
        count=np.asarray(counts, dtype=np.int64)[order],
    )


def save_term_index(index: TermIndex, path: Path) -> None:
    """Keep ``index`` in ``path`` (one ``.npz``, written whole or not at all) for :func:`load_term_index`."""
    write_npz(
        path,
        {
            "ids": strings_array(index.ids),
            "forms": strings_array(index.forms),
            "bounds": index.bounds,
            "article": index.article.astype(np.int32),  # (no corpus holds 2**31 articles, nor an article that many
            "count": index.count.astype(np.int32),  # of a word)
        },
    )


def load_term_index(path: Path) -> TermIndex | None:
    """The :class:`TermIndex` :func:`save_term_index` kept in ``path``; None when there is none or it is unreadable.
    What it was made from is the caller's to name (the path)."""
    try:
        with np.load(path, allow_pickle=False) as kept:
            ids, forms = tuple(strings_from(kept["ids"])), tuple(strings_from(kept["forms"]))
            bounds, article, count = kept["bounds"], kept["article"].astype(np.int64), kept["count"].astype(np.int64)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    if len(bounds) != len(forms) + 1 or len(article) != len(count) or (len(bounds) and bounds[-1] != len(article)):
        return None
    return TermIndex(ids=ids, forms=forms, bounds=bounds, article=article, count=count)


def articles_with(index: TermIndex, term: str, *, clitics: bool = False) -> np.ndarray | None:
    """Indices into ``index.ids`` of the articles whose stored counts hold every word of ``term`` (the default
    normalisation; with ``clitics``, a form whose stem is the word), ascending: the only articles where :func:`kwic`
    under the same options can find the term, so a search may tokenise just those. None when the counts cannot
    tell: they leave out punctuation («،»), which KWIC finds.

    >>> index = index_terms([("a", {"وزير": 1, "الصحة": 1}), ("b", {"وزير": 2}), ("c", {"للصحة": 1, "وزير": 1})])
    >>> articles_with(index, "وزير الصحة").tolist(), articles_with(index, "وزير الصحة", clitics=True).tolist()
    ([0], [0, 2])
    >>> articles_with(index, "وزير ،") is None
    True
    """
    words = list(dict.fromkeys(kwic_terms(term, clitics=clitics)))
    if not all(map(is_word, words)):  # what analysis.tokens.count_terms keeps
        return None
    held: np.ndarray | None = None
    for word in words:
        forms = index.counting_as({word}, clitics=clitics)
        found = np.unique(np.concatenate([index.article[:0], *(index.postings(form)[0] for form in forms)]))
        held = found if held is None else np.intersect1d(held, found, assume_unique=True)
    return index.article[:0] if held is None else held


def sum_term_breakdown(
    index: TermIndex,
    articles: pd.DataFrame,
    *,
    by: str,
    terms: Iterable[str],
    clitics: bool = False,
) -> pd.DataFrame:
    """:func:`term_breakdown` from the stored counts (:func:`index_terms`): ``term, <by>, count``. ``clitics`` maps
    stored forms to their stems, as in :func:`sum_term_counts`."""
    parts = [
        (stem, *index.postings(form)) for form, stem in index.counting_as(set(terms), clitics=clitics).items()
    ]
    if not parts:
        return _sum_by(pd.DataFrame(columns=["term", "article", "count"]), articles, by=by)
    found = pd.DataFrame(
        {
            "term": [stem for stem, held, _ in parts for _ in range(len(held))],
            "article": np.asarray(index.ids, dtype=object)[np.concatenate([held for _, held, _ in parts])],
            "count": np.concatenate([n for _, _, n in parts]),
        }
    )
    return _sum_by(found, articles, by=by)


def kwic_terms(term: str, *, normalization: Normalization = Normalization(), clitics: bool = False) -> list[str]:
    """The counting forms :func:`kwic` looks for, one per word of ``term``: «وزارة الصحّة» → «وزارة», «الصحة»."""
    target = [normalize_word(w, normalization) for w in term.split()]
    return [strip_clitics(w, article=True) for w in target] if clitics else target


def kwic(
    corpus: Iterable[Article] | TokenStream,
    term: str,
    *,
    window: int = 8,
    normalization: Normalization = Normalization(),
    clitics: bool = False,
) -> pd.DataFrame:
    """Keyword-in-context rows for every occurrence of ``term`` (one or more words) in ``corpus``: articles, or
    their :func:`token_stream` (then no text is tokenised again).

    The term is compared on counting forms, so «الحكومة» finds «للحكومة» when clitics are on; its words may
    stand on two lines. ``left``/``right`` are ``window`` tokens of the article text around the match (line ends
    are not tokens here); ``start``/``end`` are the match's offsets in the article text.

    >>> a = Article(id="a", source="s", text="قال وزير الصحةِ إن الوضع مستقر.", raw_text="")
    >>> kwic([a], "وزير الصحة", window=2)[["left", "term", "right"]].values.tolist()
    [['قال', 'وزير الصحةِ', 'إن الوضع']]
    """
    target = kwic_terms(term, normalization=normalization, clitics=clitics)
    if not target:
        raise ValueError("KWIC needs a non-empty term")
    stream = corpus if isinstance(corpus, TokenStream) else token_stream(corpus)
    forms = stream.counted(normalization, clitics).forms
    wanted = {word: np.zeros(len(forms), dtype=bool) for word in target}
    for code, form in enumerate(forms):
        if form in wanted:
            wanted[form][code] = True
    view = stream.kwic_view
    codes, article = view.codes, view.article
    size = len(target)
    hits = np.flatnonzero(wanted[target[0]][codes])
    for k in range(1, size):
        hits = hits[hits + k < len(codes)]
        hits = hits[wanted[target[k]][codes[hits + k]] & (article[hits + k] == article[hits])]
    of = article[hits]
    last = hits + size - 1
    left = np.maximum(view.first[of], hits - window)
    right = np.minimum(view.first[of] + view.held[of] - 1, last + window)
    places = (view.starts[left], view.starts[hits], view.ends[last], view.ends[right])
    spans = zip(of.tolist(), *(place.tolist() for place in places), strict=True)
    rows = []
    for a, before, start, end, after in spans:
        text = stream.texts[a]
        context = text[before:start].replace("\n", " ").strip(), text[end:after].replace("\n", " ").strip()
        rows.append((stream.ids[a], context[0], text[start:end], context[1], start, end))
    return pd.DataFrame.from_records(rows, columns=list(KWIC_COLUMNS))
