"""The shipped two-stage (stacked) CRF tagger, scored with numpy from the crfsuite models' weights.

Stage 1 is a CRF over :func:`~analysis.entities.features.sentence_features`; stage 2 sees the same
features plus training-label lexicon features and, per token, what stage 1 tagged the same word as
elsewhere in the article (:func:`~analysis.entities.features.doc_codes`). crfsuite trains both models;
tagging does not go through crfsuite's string interface: every feature of a word is summed once into
per-label score vectors (one for the word itself, one per window offset), cached per distinct word, so
a sentence's emission scores are a few array gathers and Viterbi runs vectorised over the sentences of
an article. The per-word sums, emission sums and Viterbi run as numpy loops for a process's first
:data:`COMPILED_AFTER` tokens, then compiled by numba (the same operations in the same order: the same scores,
to the bit). Same features and model (crfsuite has
no start/end transitions); weights are read from crfsuite's text dump (6 decimals), and the tags equal crfsuite's on
every ANERcorp dev sentence.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import tempfile
import threading
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.cache import keep_latest, strings_array, strings_from, used, write_npz
from analysis.entities.features import (
    _BOS,
    _EOS,
    DOC_CODES,
    Lexicon,
    doc_codes,
    doc_feature_strings,
    keyed_word_features,
    lexicon_features,
)

__all__ = ["COMPILED_AFTER", "CRFWeights", "StackedTagger", "load_lexicon", "load_tagger", "model_paths", "use_compiled_kernels"]

_SLOTS = (-2, -1, 1, 2)  # table slot 1..4; slot 0 is the word's own features


class CRFWeights:
    """Labels, transition matrix and attribute → per-label weight vectors of a crfsuite model."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        self.labels: list[str] = list(tagger.labels())
        with tempfile.TemporaryDirectory() as tmp:  # crfsuite's text dump (what Tagger.info() parses, slowly)
            dump = Path(tmp) / "model.txt"
            tagger.dump(str(dump))
            text = dump.read_text(encoding="utf-8")
        tagger.close()
        index = {label: i for i, label in enumerate(self.labels)}
        n = len(self.labels)
        self.transitions = np.zeros((n, n))
        rows: dict[str, int] = {}
        attr_rows: list[int] = []
        label_ids: list[int] = []
        weights: list[float] = []
        section = ""
        for line in text.splitlines():
            if line.endswith(" = {"):
                section = line[:-4]
                continue
            if section not in ("TRANSITIONS", "STATE_FEATURES") or not line.startswith("  ("):
                continue
            head, _, weight = line.rpartition(": ")
            source, _, label = head[line.index(") ") + 2 :].rpartition(" --> ")
            if section == "TRANSITIONS":
                self.transitions[index[source], index[label]] = float(weight)
            else:
                attr_rows.append(rows.setdefault(source, len(rows)))
                label_ids.append(index[label])
                weights.append(float(weight))
        matrix = np.zeros((len(rows), n))
        matrix[attr_rows, label_ids] = weights
        self.index = rows
        self.matrix = matrix
        self.vectors: dict[str, np.ndarray] = dict(zip(rows, matrix, strict=False))
        self.zero = np.zeros(n)

    def score(self, features: Sequence[str]) -> np.ndarray:
        """Sum of the weight vectors of ``features`` (unknown ones count zero)."""
        vectors = self.vectors
        found = [v for v in map(vectors.get, features) if v is not None]
        return np.add.reduce(found) if found else self.zero.copy()

    def reorder(self, labels: Sequence[str]) -> None:
        """Use ``labels``' order (so two models share label ids)."""
        perm = [self.labels.index(label) for label in labels]
        self.transitions = self.transitions[np.ix_(perm, perm)]
        self.matrix = self.matrix[:, perm]
        self.vectors = dict(zip(self.index, self.matrix, strict=False))
        self.labels = list(labels)


def load_lexicon(path: Path) -> dict[str, dict[str, int]]:
    """``form<TAB>tag:count …`` lines → lexicon."""
    out: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        form, _, rest = line.partition("\t")
        out[form] = {tag: int(n) for tag, _, n in (item.rpartition(":") for item in rest.split())}
    return out


COMPILED_AFTER = 20_000
"""Tokens a tagger tags with numpy's kernels before it switches to numba's. Loading numba and its cached machine code
costs a new process 0.6–0.9 s; numpy's kernels lose about 16 µs a token, so a CLI call on a few files, the first
launch's sample or a small upload (a few thousand tokens) never loads numba, and a process that goes on past this
many tokens pays at most about 0.3 s for having started with numpy (a pipeline worker starts with numba:
:func:`use_compiled_kernels`)."""


@dataclass(frozen=True, slots=True)
class _Kernels:
    """The three loops of tagging: per-word sums (``word_rows``), emission sums and Viterbi. Both sets compute the
    same floating-point operations in the same order, so their scores are the same to the bit."""

    word_rows: Callable[..., None]
    emissions: Callable[..., np.ndarray]
    viterbi: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


@functools.cache
def _compiled_kernels() -> _Kernels:
    """numba's machine code of the three kernels, compiled once and then cached on disk by numba."""
    from numba import njit

    jit = njit(cache=True, nogil=True)
    return _Kernels(jit(_word_rows_kernel), jit(_emissions_kernel), jit(_viterbi_kernel))


_COMPILED_FROM_START = threading.Event()  # set by use_compiled_kernels: this process tags a corpus


def use_compiled_kernels() -> None:
    """Load numba's kernels now and let every tagger in this process use them from its first token: for a process
    that will tag a corpus (a pipeline worker), numpy's first :data:`COMPILED_AFTER` tokens cost more than the load."""
    _compiled_kernels()
    _COMPILED_FROM_START.set()


def _word_rows_numpy(
    weights: np.ndarray, idx: np.ndarray, bounds: np.ndarray, first: int, slot: int, table1: np.ndarray, table2: np.ndarray
) -> None:
    """:func:`_word_rows_kernel` with numpy: every word's k-th feature is added at once, k = 0, 1, …"""
    words = len(bounds) - 1
    counts = np.diff(bounds)
    word_of = np.repeat(np.arange(words), counts)
    rank = np.arange(len(idx)) - np.repeat(bounds[:-1], counts)  # a feature's place in its word's list
    keep = np.flatnonzero(idx >= 0)
    order = keep[np.argsort(rank[keep], kind="stable")]
    steps = np.cumsum(np.bincount(rank[order], minlength=1))
    a = np.zeros((words, *weights.shape[2:]))
    b = np.zeros_like(a)
    for lo, hi in zip([0, *steps[:-1].tolist()], steps.tolist(), strict=True):
        chosen = order[lo:hi]  # one feature per word at most: no index repeats
        a[word_of[chosen]] += weights[idx[chosen], 0]
        b[word_of[chosen]] += weights[idx[chosen], 1]
    width = weights.shape[2]
    table1[first : first + words, slot : slot + width] = a
    table2[first : first + words, slot : slot + width] = b


def _emissions_numpy(table: np.ndarray, rows: np.ndarray, pos: np.ndarray, lens: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """:func:`_emissions_kernel` with numpy, one window slot at a time."""
    e = table[rows, 0].copy()
    last = max(len(rows) - 1, 0)
    at = np.arange(len(rows))
    for slot, off in enumerate(_SLOTS):
        inside = ((pos + off >= 0) & (pos + off < lens))[:, None]
        e += np.where(inside, table[rows[np.clip(at + off, 0, last)], slot + 1], edges[slot])
    return e


def _viterbi_numpy(emissions: np.ndarray, bounds: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """:func:`_viterbi_kernel` with numpy: the sentences step together, position by position, longest first (those
    still going at a position are a prefix)."""
    n, labels = emissions.shape
    out = np.empty(n, np.int64)
    lengths = np.diff(bounds)
    order = np.argsort(-lengths, kind="stable")
    order = order[lengths[order] > 0]
    if not len(order):
        return out
    starts, lengths = bounds[:-1][order], lengths[order]
    going = np.searchsorted(-lengths, -np.arange(int(lengths[0])), side="left")  # how many are longer than p
    back = np.empty((n, labels), np.int64)
    delta = emissions[starts]
    for p in range(1, int(lengths[0])):
        k = going[p]
        t = starts[:k] + p
        scores = delta[:k, :, None] + transitions  # (sentence, from, to)
        back[t] = scores.argmax(axis=1)  # ties: the lower label id, as the kernel's strict «>»
        delta[:k] = scores.max(axis=1) + emissions[t]
    out[starts + lengths - 1] = delta.argmax(axis=1)
    for p in range(int(lengths[0]) - 1, 0, -1):
        t = starts[: going[p]] + p
        out[t - 1] = back[t, out[t]]
    return out


_NUMPY_KERNELS = _Kernels(_word_rows_numpy, _emissions_numpy, _viterbi_numpy)


def _word_rows_kernel(  # pragma: no cover - compiled
    weights: np.ndarray, idx: np.ndarray, bounds: np.ndarray, first: int, slot: int, table1: np.ndarray, table2: np.ndarray
) -> None:
    """Word ``w``'s score vectors: the sum of ``weights[idx[bounds[w]:bounds[w + 1]]]`` (``(R, 2, S, L)``: per stage,
    per slot; an index below zero is a feature without weights), written to ``table1``/``table2`` rows ``first + w``,
    slots ``slot`` to ``slot + S``. Summed one feature after another from zero, as ``np.add.reduceat`` did, so the
    scores are the same to the bit."""
    slots = weights.shape[2]
    labels = weights.shape[3]
    for w in range(len(bounds) - 1):
        row = first + w
        for k in range(slots):
            for j in range(labels):
                a = 0.0
                b = 0.0
                for f in range(bounds[w], bounds[w + 1]):
                    r = idx[f]
                    if r < 0:
                        continue
                    a += weights[r, 0, k, j]
                    b += weights[r, 1, k, j]
                table1[row, slot + k, j] = a
                table2[row, slot + k, j] = b


def _emissions_kernel(table: np.ndarray, rows: np.ndarray, pos: np.ndarray, lens: np.ndarray, edges: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Emission scores ``(n_tokens, L)``: each token's own row of ``table`` plus, per window slot of
    :data:`_SLOTS`, the neighbour's slot row, or the sentence-edge vector ``edges[slot]`` past either end.
    Added in the same order as the numpy version it replaces, so the scores are the same to the bit."""
    n = rows.shape[0]
    labels = table.shape[2]
    e = np.empty((n, labels), table.dtype)
    for t in range(n):
        r = rows[t]
        for j in range(labels):
            e[t, j] = table[r, 0, j]
        for slot in range(4):
            off = slot - 2 if slot < 2 else slot - 1  # _SLOTS[slot]
            q = pos[t] + off
            if 0 <= q < lens[t]:
                r2 = rows[t + off]
                for j in range(labels):
                    e[t, j] += table[r2, slot + 1, j]
            else:
                for j in range(labels):
                    e[t, j] += edges[slot, j]
    return e


def _viterbi_kernel(emissions: np.ndarray, bounds: np.ndarray, transitions: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Best label ids of every sentence: ``emissions`` is ``(n_tokens, L)`` for the sentences one after the other,
    sentence ``s`` spans rows ``bounds[s]:bounds[s + 1]``. Ties go to the lower label id (numpy's argmax)."""
    n, labels = emissions.shape
    out = np.empty(n, np.int64)
    back = np.empty((n, labels), np.int64)
    delta = np.empty(labels)
    step = np.empty(labels)
    for s in range(len(bounds) - 1):
        a, b = bounds[s], bounds[s + 1]
        if b <= a:
            continue
        for j in range(labels):
            delta[j] = emissions[a, j]
        for t in range(a + 1, b):
            for j in range(labels):
                best = delta[0] + transitions[0, j]
                arg = 0
                for i in range(1, labels):
                    v = delta[i] + transitions[i, j]
                    if v > best:
                        best = v
                        arg = i
                step[j] = best + emissions[t, j]
                back[t, j] = arg
            for j in range(labels):
                delta[j] = step[j]
        arg = 0
        for j in range(1, labels):
            if delta[j] > delta[arg]:
                arg = j
        out[b - 1] = arg
        for t in range(b - 1, a, -1):
            arg = back[t, arg]
            out[t - 1] = arg
    return out


class StackedTagger:
    """Two-stage tagger: ``tag(sentences)`` treats the sentences as one document (an article)."""

    def __init__(self, stage1: Path, stage2: Path, lexicon: Lexicon, *, limit: int = 300_000) -> None:
        self.m1 = CRFWeights(stage1)
        self.m2 = CRFWeights(stage2)
        self.m2.reorder(self.m1.labels)
        self.labels = self.m1.labels
        self.lexicon = lexicon
        self.limit = limit
        n = len(self.labels)
        # document feature tables: combo = stage-1 label id * DOC_CODES + code
        combos = [(t, c) for t in self.labels for c in range(DOC_CODES)]
        strings = [doc_feature_strings(t, c) for t, c in combos]
        self.doc_own = np.array([self.m2.score(fs) for fs in strings]).reshape(-1, n)
        self.doc_prev = np.array([self.m2.score(["-1:" + f for f in fs]) for fs in strings]).reshape(-1, n)
        self.doc_next = np.array([self.m2.score(["1:" + f for f in fs]) for fs in strings]).reshape(-1, n)
        # bigram features of both models under one key «prev|next»: (b-= of m1, b+= of m1, b-= of m2, b+= of m2)
        bigrams: dict[str, list[np.ndarray]] = {}
        zero = np.zeros(n)
        for k, model in enumerate((self.m1, self.m2)):
            for attr, v in model.vectors.items():
                if attr.startswith(("b-=", "b+=")):
                    slot = 2 * k + (attr[1] == "+")
                    bigrams.setdefault(attr[3:], [zero, zero, zero, zero])[slot] = v
        self.bigrams = {key: np.array(vs) for key, vs in bigrams.items()}
        bounds = {m: {off: m.score(fs) for off, fs in (*_BOS.items(), *_EOS.items())} for m in (self.m1, self.m2)}
        self.edges = {m: np.array([bounds[m][off] for off in _SLOTS]) for m in (self.m1, self.m2)}  # (4, L) per model
        self._index_features()
        self.tagged = 0  # tokens tagged so far (see _kernels)
        self.clear()

    def _index_features(self) -> None:
        """One lookup per feature for both models and all five slots of a new word: ``own_rows[f]`` is a row of
        ``own_weights`` (``(2, L)``: f as the word's own feature in stage 1 and 2) and ``context_rows[f]`` a row of
        ``context_weights`` (``(2, 4, L)``: «k:f» at the slots of :data:`_SLOTS`). Features a model lacks weigh zero."""
        n = len(self.labels)
        models = (self.m1, self.m2)
        prefixes = tuple(f"{off}:" for off in _SLOTS)
        own = sorted({a for m in models for a in m.index if not a.startswith(prefixes) and not a.startswith(("b-=", "b+="))})
        self.own_rows = {a: r for r, a in enumerate(own)}
        self.own_weights = np.zeros((len(own) + 1, 2, n))  # the last row stays zero: every word's first row
        for k, m in enumerate(models):
            for a, v in m.vectors.items():
                r = self.own_rows.get(a)
                if r is not None:
                    self.own_weights[r, k] = v
        bases = sorted({a.split(":", 1)[1] for m in models for a in m.index if a.startswith(prefixes)})
        self.context_rows = {b: r for r, b in enumerate(bases)}
        self.context_weights = np.zeros((len(bases) + 1, 2, len(_SLOTS), n))  # last row zero, as above
        for k, m in enumerate(models):
            for a, v in m.vectors.items():
                if a.startswith(prefixes):
                    off, _, base = a.partition(":")
                    self.context_weights[self.context_rows[base], k, _SLOTS.index(int(off))] = v

    # ------------------------------------------------------------------ the tables, kept on disk

    def tables(self) -> dict[str, np.ndarray]:
        """Everything tagging reads of the two models, as arrays (see :func:`load_tagger`)."""
        return {
            "labels": np.array(self.labels),
            "transitions1": self.m1.transitions,
            "transitions2": self.m2.transitions,
            "edges1": self.edges[self.m1],
            "edges2": self.edges[self.m2],
            "doc_own": self.doc_own,
            "doc_prev": self.doc_prev,
            "doc_next": self.doc_next,
            "own_keys": strings_array(self.own_rows),
            "own_weights": self.own_weights,
            "context_keys": strings_array(self.context_rows),
            "context_weights": self.context_weights,
            "bigram_keys": strings_array(self.bigrams),
            "bigram_weights": np.array(list(self.bigrams.values())).reshape(-1, 4, len(self.labels)),
        }

    @classmethod
    def from_tables(cls, tables: Mapping[str, np.ndarray], lexicon: Lexicon, *, limit: int = 300_000) -> StackedTagger:
        """The tagger :meth:`tables` describes (raises ``KeyError``/``ValueError`` for tables of another layout)."""
        tagger = cls.__new__(cls)
        tagger.labels = [str(label) for label in tables["labels"]]
        tagger.m1, tagger.m2 = CRFWeights.__new__(CRFWeights), CRFWeights.__new__(CRFWeights)
        tagger.m1.labels = tagger.m2.labels = tagger.labels
        tagger.m1.transitions, tagger.m2.transitions = tables["transitions1"], tables["transitions2"]
        tagger.edges = {tagger.m1: tables["edges1"], tagger.m2: tables["edges2"]}
        tagger.doc_own, tagger.doc_prev, tagger.doc_next = tables["doc_own"], tables["doc_prev"], tables["doc_next"]
        tagger.own_weights, tagger.context_weights = tables["own_weights"], tables["context_weights"]
        own, context, bigrams = (strings_from(tables[name]) for name in ("own_keys", "context_keys", "bigram_keys"))
        weights = tables["bigram_weights"]
        if (len(own) + 1, len(context) + 1, len(bigrams)) != (len(tagger.own_weights), len(tagger.context_weights), len(weights)):
            raise ValueError("NER tables: keys and weights disagree")
        tagger.own_rows = {a: r for r, a in enumerate(own)}
        tagger.context_rows = {b: r for r, b in enumerate(context)}
        tagger.bigrams = dict(zip(bigrams, weights, strict=True))
        tagger.lexicon = lexicon
        tagger.limit = limit
        tagger.tagged = 0
        tagger.clear()
        return tagger

    # ------------------------------------------------------------------ per-word cache

    def clear(self) -> None:
        """Forget the cached per-word score vectors."""
        self.cache: dict[str, tuple[int, str, str]] = {}
        n = len(self.labels)
        self.table1 = np.zeros((1024, 5, n))
        self.table2 = np.zeros((1024, 5, n))

    def _add(self, words: Sequence[str]) -> None:
        """Score vectors of new words, all at once: the rows of every word's features are listed, then one compiled
        loop sums them per word (per word, numpy's call overhead cost more than the arithmetic). Stage 2 also sees
        the training-label features (own and ±1; stage 1 and the ±2 slots have no weights for them, so they add
        zeros)."""
        lexicon_get = self.lexicon.get
        own: list[str] = []
        context: list[str] = []
        own_bounds = [0]
        context_bounds = [0]
        info: list[tuple[str, str]] = []
        for word in words:
            norm, key, word_own, word_context = keyed_word_features(word)
            lex = lexicon_features(lexicon_get(key))
            own += word_own
            own += lex
            own_bounds.append(len(own))
            context += word_context
            context += lex
            context_bounds.append(len(context))
            info.append((norm, key))
        first = len(self.cache)
        need = first + len(words)
        while need > len(self.table1):
            self.table1 = np.concatenate([self.table1, np.zeros_like(self.table1)])
            self.table2 = np.concatenate([self.table2, np.zeros_like(self.table2)])
        sums = self._kernels().word_rows
        for weights, rows, features, bounds, slot in (
            (self.own_weights[:, :, None], self.own_rows, own, own_bounds, 0),
            (self.context_weights, self.context_rows, context, context_bounds, 1),
        ):
            idx = np.fromiter(map(rows.get, features, itertools.repeat(-1)), np.intp, len(features))  # -1: no weights
            sums(weights, idx, np.array(bounds, np.intp), first, slot, self.table1, self.table2)
        for row, (word, (norm, key)) in enumerate(zip(words, info, strict=True), first):
            self.cache[word] = (row, norm, key)

    # ------------------------------------------------------------------ scoring

    def _emissions(self, table: np.ndarray, model: CRFWeights, rows: np.ndarray, pos: np.ndarray, lens: np.ndarray) -> np.ndarray:
        return self._kernels().emissions(table, rows, pos, lens, self.edges[model])

    def _bigrams(self, norms: list[str], pos: np.ndarray) -> tuple[list[int], np.ndarray | None]:
        """Token indices ``i`` whose pair (i-1, i) is a known bigram, and their ``(k, 4, L)`` weight stacks."""
        get = self.bigrams.get
        found_i: list[int] = []
        found_v: list[np.ndarray] = []
        prev = None
        for i, (norm, p) in enumerate(zip(norms, pos.tolist(), strict=True)):
            if p:
                v = get(prev + "|" + norm)
                if v is not None:
                    found_i.append(i)
                    found_v.append(v)
            prev = norm
        return found_i, (np.array(found_v) if found_v else None)

    def _decode(self, model: CRFWeights, e: np.ndarray, starts: list[int]) -> np.ndarray:
        return self._kernels().viterbi(np.ascontiguousarray(e), np.array([*starts, len(e)], dtype=np.int64), model.transitions)

    def _kernels(self) -> _Kernels:
        """numpy's kernels until this tagger has tagged :data:`COMPILED_AFTER` tokens, numba's after (from the start
        in a process that called :func:`use_compiled_kernels`)."""
        if self.tagged >= COMPILED_AFTER or _COMPILED_FROM_START.is_set():
            return _compiled_kernels()
        return _NUMPY_KERNELS

    def tag(self, sentences: Sequence[Sequence[str]], *, window: int | None = None) -> list[list[str]]:
        """BIO tags of every sentence (empty sentences give ``[]``).

        The sentences are one document (``window=None``) or each sentence's document is the ±``window``
        sentences around it (how training saw ANERcorp, which has no article boundaries).
        """
        kept = [s for s in sentences if s]
        if not kept:
            return [[] for _ in sentences]
        if len(self.cache) + sum(map(len, kept)) > self.limit:  # never mid-document: rows would go stale
            self.clear()
        cache = self.cache
        new = [w for w in dict.fromkeys(w for s in kept for w in s) if w not in cache]
        if new:
            self._add(new)
        entries = [cache[w] for s in kept for w in s]
        rows = np.fromiter((e[0] for e in entries), dtype=np.intp, count=len(entries))
        norms = [e[1] for e in entries]
        lens_s = np.array([len(s) for s in kept])
        sent = np.repeat(np.arange(len(kept)), lens_s)
        starts = np.cumsum(lens_s) - lens_s
        pos = np.arange(len(entries)) - starts[sent]
        lens = lens_s[sent]
        big_i, big_v = self._bigrams(norms, pos)
        e1 = self._emissions(self.table1, self.m1, rows, pos, lens)
        if big_v is not None:
            bi = np.array(big_i)
            np.add.at(e1, bi, big_v[:, 0])
            np.add.at(e1, bi - 1, big_v[:, 1])
        starts_l = starts.tolist()
        y1 = self._decode(self.m1, e1, starts_l)
        labels = self.labels
        tags1 = [labels[k] for k in y1.tolist()]
        keys, tags, start = [], [], 0
        for n in lens_s.tolist():
            keys.append([e[2] for e in entries[start : start + n]])
            tags.append(tags1[start : start + n])
            start += n
        codes = np.fromiter(
            (c for cs in doc_codes(keys, tags, window=window) for c in cs), dtype=np.intp, count=len(entries)
        )
        combo = y1 * DOC_CODES + codes
        e2 = self._emissions(self.table2, self.m2, rows, pos, lens)
        if big_v is not None:
            np.add.at(e2, bi, big_v[:, 2])
            np.add.at(e2, bi - 1, big_v[:, 3])
        e2 += self.doc_own[combo]
        n = len(entries)
        idx = np.arange(n)
        has_prev = (pos > 0)[:, None]
        has_next = (pos + 1 < lens)[:, None]
        e2 += np.where(has_prev, self.doc_prev[combo[np.clip(idx - 1, 0, n - 1)]], 0.0)
        e2 += np.where(has_next, self.doc_next[combo[np.clip(idx + 1, 0, n - 1)]], 0.0)
        y2 = self._decode(self.m2, e2, starts_l).tolist()
        self.tagged += n
        result: list[list[str]] = []
        start = 0
        for s in sentences:
            if not s:
                result.append([])
                continue
            result.append([labels[k] for k in y2[start : start + len(s)]])
            start += len(s)
        return result


_TABLES_LAYOUT = b"news-lens NER tables 2"
_TABLES_KEPT = 2  # versions of the tables kept (22 MB each): the one in use and one other


def load_tagger(stage1: Path, stage2: Path, lexicon: Path, *, cache_dir: Path | None = None) -> StackedTagger:
    """The :class:`StackedTagger` of these model files. With ``cache_dir``, its tables are kept there, one ``.npz``
    per version of the two models: a new process (a CLI call, a pipeline worker, the dashboard's first analysis)
    reads them in about 0.1 s instead of parsing crfsuite's dumps (1.2 s). A missing, partial or unreadable file is
    rebuilt; a cache that cannot be written is skipped. Of the versions there, the two written or read last stay."""
    words = load_lexicon(lexicon)
    if cache_dir is None:
        return StackedTagger(stage1, stage2, words)
    digest = hashlib.sha256(_TABLES_LAYOUT)
    for path in (stage1, stage2):
        digest.update(path.read_bytes())
    kept = cache_dir / f"ner-tables-{digest.hexdigest()[:20]}.npz"
    try:
        with np.load(kept, allow_pickle=False) as tables:
            tagger = StackedTagger.from_tables(tables, words)
        used(kept)
        return tagger
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass
    tagger = StackedTagger(stage1, stage2, words)
    with contextlib.suppress(OSError):  # a read-only or full disk: tag without the cache
        write_npz(kept, tagger.tables())
        keep_latest(cache_dir, "ner-tables-*.npz", keep=_TABLES_KEPT)  # an upgrade's new tables replace the old
    return tagger


def model_paths(model: Path) -> Mapping[str, Path]:
    """The three files of a shipped model: ``stage1``, ``stage2`` (``model`` itself) and ``lexicon``."""
    return {
        "stage1": model.with_name(model.stem + "_stage1.crfsuite"),
        "stage2": model,
        "lexicon": model.with_name(model.stem + "_lexicon.tsv"),
    }
