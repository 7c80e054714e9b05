"""BIO label sequences ↔ entity chunks (conlleval semantics), shared by tagging and evaluation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["LABELS", "Chunk", "ChunkScores", "decode_bio", "score_chunks"]

LABELS: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")


@dataclass(frozen=True, slots=True)
class Chunk:
    """Tokens ``start`` (inclusive) to ``end`` (exclusive) of one sentence form an entity of ``label``."""

    start: int
    end: int
    label: str


def _split(tag: str) -> tuple[str, str]:
    if tag == "O" or not tag:
        return "O", ""
    prefix, _, label = tag.partition("-")
    if not label:  # a bare type ("PERS") counts as inside
        return "I", prefix
    return prefix.upper(), label.upper()


def decode_bio(tags: Sequence[str]) -> list[Chunk]:
    """Entity chunks of a BIO/IOB2 tag sequence; an I- without a matching B- starts an entity.

    >>> decode_bio(["O", "B-PERS", "I-PERS", "I-LOC", "O", "I-ORG"])
    [Chunk(start=1, end=3, label='PERS'), Chunk(start=3, end=4, label='LOC'), Chunk(start=5, end=6, label='ORG')]
    """
    chunks: list[Chunk] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        prefix, kind = _split(tag)
        continues = prefix in ("I", "E") and kind == label and start >= 0
        if not continues and start >= 0:
            chunks.append(Chunk(start, i, label))
            start, label = -1, ""
        if prefix in ("B", "S") or (prefix in ("I", "E") and not continues):
            start, label = i, kind
    if start >= 0:
        chunks.append(Chunk(start, len(tags), label))
    return chunks


@dataclass(frozen=True, slots=True)
class ChunkScores:
    """Entity-level precision/recall/F1 (exact span and label) per label and micro-averaged."""

    per_label: dict[str, tuple[float, float, float, int]]
    micro: tuple[float, float, float]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_chunks(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> ChunkScores:
    """conlleval-style scores of predicted against gold tag sequences (sentence by sentence).

    >>> score_chunks([["B-LOC", "O"]], [["B-LOC", "O"]]).micro
    (1.0, 1.0, 1.0)
    """
    tp: dict[str, int] = {}
    n_gold: dict[str, int] = {}
    n_pred: dict[str, int] = {}
    for g_tags, p_tags in zip(gold, predicted, strict=True):
        g = set(decode_bio(g_tags))
        p = set(decode_bio(p_tags))
        for c in g:
            n_gold[c.label] = n_gold.get(c.label, 0) + 1
        for c in p:
            n_pred[c.label] = n_pred.get(c.label, 0) + 1
        for c in g & p:
            tp[c.label] = tp.get(c.label, 0) + 1
    labels = sorted(set(n_gold) | set(n_pred))
    per_label = {
        label: (*_prf(tp.get(label, 0), n_pred.get(label, 0), n_gold.get(label, 0)), n_gold.get(label, 0))
        for label in labels
    }
    micro = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return ChunkScores(per_label, micro)
