"""Build ``analysis/data/ner/clusters.tsv``: distributional word clusters for the NER tagger.

Each frequent normalised word gets cluster ids at several granularities (k-means on SVD-reduced
PPMI vectors of its left/right neighbours), so the CRF generalises from names it saw in training
to names used alike («بنفيكا» near «سلتيك»). Deterministic (fixed seeds).

Unlabelled text: the JawharaFM articles (ANT corpus, Apache-2.0; Chouigui, Ben Khiroun & Elayeb)
and the words of the ANERcorp training part (its last 10% of sentences, the NER dev split, is left
out). Only word → cluster-id pairs are written, never text.

Usage: python -m train.build_word_clusters ../shared/data/jawharafm/articles.jsonl.xz ../shared/data/anercorp/train.txt
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD

from analysis.camel import simple_word_tokenize
from analysis.entities.features import cluster_key
from train.train_ner import read_bio, split_dev

OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "ner" / "clusters.tsv"
_WORDISH = re.compile(r"\w")


def iter_sentences(corpus: Path, anercorp: Path) -> Iterator[list[str]]:
    """Token lists: JawharaFM title and paragraph lines, then ANERcorp training sentences."""
    with lzma.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for para in f"{row.get('title', '')}\n{row.get('text') or ''}".splitlines():
                tokens = simple_word_tokenize(para)
                if tokens:
                    yield tokens
    train, _dev = split_dev(read_bio(anercorp))
    for words, _tags in train:
        yield words


def build(sentences: list[list[str]], *, min_count: int, n_context: int, dims: int, ks: list[int]) -> dict[str, list[int]]:
    """word → cluster id per k."""
    counts = Counter(w for s in sentences for w in s)
    vocab = [w for w, c in counts.most_common() if c >= min_count and _WORDISH.search(w)]
    index = {w: i for i, w in enumerate(vocab)}
    context = {w: i for i, w in enumerate(w for w, _ in counts.most_common(n_context))}
    rows: list[int] = []
    cols: list[int] = []
    for s in sentences:
        padded = ["<s>", *s, "</s>"]
        for i in range(1, len(padded) - 1):
            row = index.get(padded[i])
            if row is None:
                continue
            for offset, shift in ((-1, 0), (1, n_context + 1), (-2, 2 * n_context + 2), (2, 3 * n_context + 3)):
                j = i + offset
                if 0 <= j < len(padded):
                    c = context.get(padded[j], n_context)  # n_context: any rarer word / boundary
                    rows.append(row)
                    cols.append(shift + c)
    data = np.ones(len(rows), dtype=np.float32)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(vocab), 4 * (n_context + 1)))
    matrix.sum_duplicates()
    # PPMI
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    col_sums = col_sums / col_sums.sum() * total
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)
    vectors = TruncatedSVD(n_components=dims, random_state=0, algorithm="randomized", n_iter=7).fit_transform(ppmi)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    out: dict[str, list[int]] = {w: [] for w in vocab}
    for k in ks:
        labels = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3, max_iter=200).fit_predict(vectors)
        for w, label in zip(vocab, labels, strict=True):
            out[w].append(int(label))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("anercorp", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--n-context", type=int, default=3000)
    parser.add_argument("--dims", type=int, default=150)
    parser.add_argument("--ks", default="128,512,2048")
    args = parser.parse_args()
    start = time.perf_counter()
    sentences = [[cluster_key(w) for w in s] for s in iter_sentences(args.corpus, args.anercorp)]
    print(f"{len(sentences)} sentences, {sum(map(len, sentences))} tokens read in {time.perf_counter() - start:.0f} s")
    ks = [int(k) for k in args.ks.split(",")]
    clusters = build(sentences, min_count=args.min_count, n_context=args.n_context, dims=args.dims, ks=ks)
    header = (
        f"# clitic-stripped normalised word\tcluster ids (k={','.join(map(str, ks))}) — distributional clusters from JawharaFM "
        "(ANT corpus, Apache-2.0) and ANERcorp's training part (CC BY-SA 4.0); built by train/build_word_clusters.py\n"
    )
    lines = "".join(f"{w}\t{' '.join(map(str, ids))}\n" for w, ids in sorted(clusters.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(header + lines, encoding="utf-8")
    print(f"{len(clusters)} words -> {args.out} in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
