"""Token features for the shipped CRF named-entity tagger, shared by training and tagging.

Features are lists of strings (crfsuite treats each as a binary feature). Everything that depends
on one word only is computed once per distinct word and cached — news vocabularies are Zipfian —
including that word's context features for each window offset (already prefixed with the offset),
so a sentence's features are list concatenations plus two bigram strings per token.

>>> feats = sentence_features(["وقال", "الرئيس", "فلاديمير", "بوتين"])
>>> "-1:g=title" in feats[2] and "s=فلاديمير" in feats[2]
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache

from analysis.lexicons import DATA_DIR, load_lines, load_words
from analysis.tokens import Normalization, clitic_forms, normalize_word, strip_clitics

__all__ = [
    "DOC_CODES",
    "DOC_WINDOW",
    "FEATURE_VERSION",
    "FeatureExtractor",
    "clear_cache",
    "cluster_key",
    "compute_word_features",
    "doc_codes",
    "doc_feature_strings",
    "gazetteers",
    "keyed_word_features",
    "lexicon_features",
    "sentence_features",
    "stage2_features",
    "word_clusters",
    "word_features",
]

FEATURE_VERSION = "4"
"""Bumped whenever features change: a model is only valid with the features it was trained on."""

_NORMALIZATION = Normalization()
_OFFSETS = (-2, -1, 1, 2)
_CACHE_LIMIT = 300_000

_ARABIC_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_DIGIT_RE = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]")
_DIACRITIC_RE = re.compile(r"[\u064B-\u0652]")


def _key(word: str) -> str:
    return normalize_word(word, _NORMALIZATION)


def cluster_key(word: str) -> str:
    """The form word clusters are keyed on: normalised, proclitics off, article kept («لأمريكا» → «امريكا»)."""
    return strip_clitics(_key(word), article=False)


@cache
def word_clusters() -> dict[str, tuple[str, ...]]:
    """``clusters.tsv``: normalised word → cluster ids (coarse to fine); empty when the file is absent."""
    path = DATA_DIR / "ner" / "clusters.tsv"
    if not path.is_file():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for line in load_lines("ner/clusters.tsv"):
        word, _, ids = line.partition("\t")
        out[word] = tuple(ids.split())
    return out


def _variants(form: str) -> set[str]:
    """A normalised entry and its forms without the article: «الرئيس» → {«الرئيس», «رئيس»}."""
    out = {form}
    if form.startswith("ال") and len(form) > 4:
        out.add(form[2:])
    return out


@cache
def gazetteers() -> dict[str, frozenset[str]]:
    """Normalised gazetteers: name → set of single tokens (multi-word entries give ``*_part`` sets).

    Country, region, city, language and currency names come from babel's Arabic locale data;
    titles, organisation and place cue words and first names from ``analysis/data/ner/``.
    """
    import babel

    locale = babel.Locale("ar")
    sources: dict[str, list[str]] = {
        "country": list(locale.territories.values()),
        "city": [str(v["city"]) for v in locale._data["time_zones"].values() if v.get("city")],
        "lang": list(locale.languages.values()),
        "currency": list(locale.currencies.values()),
        "title": list(load_words("ner/titles.txt")),
        "org": list(load_words("ner/org_cues.txt")),
        "loc": list(load_words("ner/loc_cues.txt")),
        "fname": list(load_words("ner/first_names.txt")),
    }
    sets: dict[str, frozenset[str]] = {}
    for name, entries in sources.items():
        whole: set[str] = set()
        parts: set[str] = set()
        for entry in entries:
            entry = re.sub(r"[()\-–،,0-9]+", " ", entry)
            tokens = [_key(t) for t in entry.split()]
            if len(tokens) == 1:
                whole |= _variants(tokens[0])
            elif len(tokens) > 1:
                for t in tokens:
                    if len(t) > 2:
                        parts |= _variants(t)
        sets[name] = frozenset(whole)
        if parts:
            sets[name + "_part"] = frozenset(parts - whole)
    return sets


def _shape(word: str) -> str:
    if _ARABIC_RE.search(word):
        return "A" if not _DIGIT_RE.search(word) else "AD"
    if _LATIN_RE.search(word):
        if word.isupper():
            return "LU"
        return "LC" if word[:1].isupper() else "Ll"
    if _DIGIT_RE.search(word):
        return "D" if word.isdigit() else "Dx"
    return "P"


def _length_bucket(n: int) -> str:
    return str(n) if n <= 6 else ("7-9" if n <= 9 else "10+")


_Cached = tuple[str, list[str], dict[int, list[str]]]


def _forms(word: str) -> tuple[str, str, str]:
    """``(normalised, clitic-stripped keeping ال, stem without ال)``: «والجزائر» → (والجزائر, الجزائر, جزائر)."""
    norm = _key(word)
    return norm, *clitic_forms(norm)


def _form_features(word: str, norm: str, stripped: str, stem: str) -> list[str]:
    """Identity features without duplicates: ``s=`` always (shared by clitic variants), others when they differ."""
    feats = ["s=" + stripped]
    if norm != stripped:
        feats.append("n=" + norm)
    if stem != stripped:
        feats.append("t=" + stem)
    return feats


LEXICON_SHARE = 0.3
"""A lexicon label feature fires when the word carried that tag at least this share of the times."""

Lexicon = Mapping[str, Mapping[str, int]]
"""Training-label lexicon: :func:`cluster_key` form → ``{BIO tag: count}`` (stage-2 features only)."""


def lexicon_features(counts: Mapping[str, int] | None) -> list[str]:
    """``L=<tag>`` for each entity tag a word carried in ≥ 30% of its training occurrences, ``L=O``, or ``L=unk``.

    >>> lexicon_features({"B-LOC": 3, "O": 1}), lexicon_features({"O": 5}), lexicon_features(None)
    (['L=B-LOC'], ['L=O'], ['L=unk'])
    """
    if not counts:
        return ["L=unk"]
    total = sum(counts.values())
    feats = ["L=" + tag for tag, n in sorted(counts.items()) if tag != "O" and n / total >= LEXICON_SHARE]
    return feats or ["L=O"]


def compute_word_features(word: str, lexicon: Lexicon | None = None) -> _Cached:
    """``(normalised form, own features, {offset: context features})`` of one word (uncached).

    With ``lexicon`` (the stacked second stage) the word's training-label features are added to its
    own features and to its ±1 context features.
    """
    norm, key, feats, context_base = keyed_word_features(word)
    context = {off: [f"{off}:{f}" for f in context_base] for off in _OFFSETS}
    if lexicon is not None:
        lex = lexicon_features(lexicon.get(key))  # the key StackedTagger looks the lexicon up with
        feats.extend(lex)
        for off in (-1, 1):
            context[off] = context[off] + [f"{off}:{f}" for f in lex]
    return norm, feats, context


def keyed_word_features(word: str) -> tuple[str, str, list[str], list[str]]:
    """``(normalised form, cluster_key, own features, context features)`` of one word (uncached): as a neighbour at
    offset ``k`` the word contributes each context feature as ``"k:<feature>"`` (see :func:`compute_word_features`);
    the :func:`cluster_key` (the training-label lexicon's key) is computed on the way."""
    gaz = gazetteers()
    norm, stripped, stem = _forms(word)
    shape = _shape(word)
    forms = _form_features(word, norm, stripped, stem)
    feats = ["b", *forms, "sh=" + shape, "len=" + _length_bucket(len(stem))]
    if word != norm:
        feats.append("w=" + word)
    if len(norm) > len(stripped):
        feats.append("pc=" + norm[: len(norm) - len(stripped)])
    if stripped.startswith("ال"):
        feats.append("al")
    if _DIACRITIC_RE.search(word):
        feats.append("diac")
    if _DIGIT_RE.search(word):
        feats.append("dig")
    if _LATIN_RE.search(word):
        feats.append("lat")
    for n in (1, 2, 3, 4):
        if len(stem) > n:
            feats.append(f"p{n}=" + stem[:n])
            feats.append(f"x{n}=" + stem[-n:])
    tags = [name for name, members in gaz.items() if norm in members or stripped in members or stem in members]
    feats.extend("g=" + t for t in tags)
    clusters = word_clusters()
    ids = clusters.get(stripped) or clusters.get(norm) or clusters.get(stem) or ()
    cluster_feats = [f"c{i}=" + c for i, c in enumerate(ids)] or ["c=none"]
    feats.extend(cluster_feats)
    context_base = [*forms, "sh=" + shape, *("g=" + t for t in tags), *cluster_feats]
    return norm, stripped, feats, context_base


_BOS = {-1: ["-1:BOS"], -2: ["-2:BOS"]}
_EOS = {1: ["1:EOS"], 2: ["2:EOS"]}


class FeatureExtractor:
    """Per-word feature cache and sentence feature builder.

    With ``known`` (the attributes a trained model has weights for) every feature the model
    ignores is dropped once, when the word is first seen: tagging gets the same scores and
    crfsuite converts far fewer strings.
    """

    def __init__(
        self, known: frozenset[str] | None = None, *, limit: int = _CACHE_LIMIT, lexicon: Lexicon | None = None
    ) -> None:
        self.known = known
        self.limit = limit
        self.lexicon = lexicon
        self.cache: dict[str, _Cached] = {}

    def word(self, word: str) -> _Cached:
        """Cached features of one word (see :func:`compute_word_features`)."""
        entry = self.cache.get(word)
        if entry is None:
            if len(self.cache) >= self.limit:
                self.cache.clear()
            norm, own, context = compute_word_features(word, self.lexicon)
            known = self.known
            if known is not None:
                own = [f for f in own if f in known]
                context = {off: [f for f in fs if f in known] for off, fs in context.items()}
            entry = self.cache[word] = (norm, own, context)
        return entry

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """Feature lists of one sentence's tokens (window ±2 plus normalised bigrams)."""
        cache = self.cache
        entries = [cache.get(w) or self.word(w) for w in words]
        known = self.known
        n = len(entries)
        out: list[list[str]] = []
        for i in range(n):
            norm, own, _ = entries[i]
            feats = own.copy()
            if i >= 1:
                prev = entries[i - 1]
                feats += prev[2][-1]
                bigram = "b-=" + prev[0] + "|" + norm
                if known is None or bigram in known:
                    feats.append(bigram)
                feats += entries[i - 2][2][-2] if i >= 2 else _BOS[-2]
            else:
                feats += _BOS[-1]
                feats += _BOS[-2]
            if i + 1 < n:
                nxt = entries[i + 1]
                feats += nxt[2][1]
                bigram = "b+=" + norm + "|" + nxt[0]
                if known is None or bigram in known:
                    feats.append(bigram)
                feats += entries[i + 2][2][2] if i + 2 < n else _EOS[2]
            else:
                feats += _EOS[1]
                feats += _EOS[2]
            out.append(feats)
        return out


_DEFAULT = FeatureExtractor()


def clear_cache() -> None:
    """Forget the default extractor's cached per-word features."""
    _DEFAULT.cache.clear()


def word_features(word: str) -> _Cached:
    """``(normalised form, own features, {offset: context features})`` of one word, cached.

    >>> word_features("لروسيا")[0]
    'لروسيا'
    >>> "s=روسيا" in word_features("لروسيا")[1]
    True
    """
    return _DEFAULT.word(word)


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """Unfiltered feature lists of one sentence (what training uses)."""
    return _DEFAULT.sentence(words)


# --------------------------------------------------------------------------- document features (stage 2)

DOC_WINDOW = 15
"""Training: the «document» of an ANERcorp sentence is the ±15 sentences around it (the corpus has no article
boundaries). Tagging: the document is the article (every sentence passed in one call)."""

_DOC_LABELS = ("LOC", "MISC", "ORG", "PERS")
_DOC_BITS = {label: 1 << i for i, label in enumerate(_DOC_LABELS)}
DOC_CODES = 2 + 15
"""Codes of :func:`doc_codes`: 0 — the word occurs nowhere else in the document; 1 — elsewhere only outside
entities; ``1 + mask`` — elsewhere inside entities of the labels in ``mask`` (bit i: ``_DOC_LABELS[i]``)."""


def _occurrences(keys: Sequence[str], tags: Sequence[str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for key, tag in zip(keys, tags, strict=True):
        counts = out.get(key)
        if counts is None:
            out[key] = {tag: 1}
        else:
            counts[tag] = counts.get(tag, 0) + 1
    return out


def _code(total: Mapping[str, int] | None, own: str) -> int:
    if not total:
        return 0
    mask = 0
    seen_o = False
    for tag, n in total.items():
        if tag == own:
            n -= 1
        if n <= 0:
            continue
        if tag == "O":
            seen_o = True
        else:
            mask |= _DOC_BITS[tag[2:]]
    return 1 + mask if mask else (1 if seen_o else 0)


def doc_codes(
    keys: Sequence[Sequence[str]], stage1: Sequence[Sequence[str]], *, window: int | None = None
) -> list[list[int]]:
    """Per token, what the first stage tagged the same word (:func:`cluster_key` form) elsewhere in the document.

    ``keys`` and ``stage1`` are per-sentence token keys and first-stage tags; ``window=None`` makes the whole
    input one document, an int the ±``window`` sentences around each sentence.

    >>> doc_codes([["تونس", "قال"], ["تونس"]], [["B-LOC", "O"], ["O"]])
    [[1, 0], [2]]
    """
    if window is None:
        total = _occurrences([k for ks in keys for k in ks], [t for ts in stage1 for t in ts])
        return [[_code(total[k], t) for k, t in zip(ks, ts, strict=True)] for ks, ts in zip(keys, stage1, strict=True)]
    occ = [_occurrences(k, t) for k, t in zip(keys, stage1, strict=True)]
    out: list[list[int]] = []
    for i, (ks, ts) in enumerate(zip(keys, stage1, strict=True)):
        near = occ[max(0, i - window) : i + window + 1]
        codes = []
        for k, t in zip(ks, ts, strict=True):
            merged: Counter[str] = Counter()
            for o in near:
                if k in o:
                    merged.update(o[k])
            codes.append(_code(merged, t))
        out.append(codes)
    return out


@cache
def doc_feature_strings(tag: str, code: int) -> tuple[str, ...]:
    """A token's stage-2 document features from its first-stage tag and :func:`doc_codes` code (unprefixed)."""
    feats = ["p1=" + tag]
    if code == 1:
        feats.append("d=O")
    elif code > 1:
        feats.extend("d=" + label for i, label in enumerate(_DOC_LABELS) if (code - 1) >> i & 1)
    return tuple(feats)


def stage2_features(base: Sequence[list[str]], stage1: Sequence[str], codes: Sequence[int]) -> list[list[str]]:
    """Stage-2 feature lists of one sentence: its (lexicon-augmented) features plus document features of
    the token and its ±1 neighbours."""
    n = len(base)
    doc = [doc_feature_strings(t, c) for t, c in zip(stage1, codes, strict=True)]
    out = []
    for i in range(n):
        feats = [*base[i], *doc[i]]
        if i > 0:
            feats.extend("-1:" + f for f in doc[i - 1])
        if i + 1 < n:
            feats.extend("1:" + f for f in doc[i + 1])
        out.append(feats)
    return out
