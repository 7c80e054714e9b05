"""ANERcorp as news texts for quote annotation: runs of consecutive sentences, detokenised.

ANERcorp (``../shared/data/anercorp/train.txt``, one ``token TAG`` per line) is wire news from several Arab outlets,
unlike the Tunisian JawharaFM articles the development file comes from. It has no article boundaries, so a
"document" here is a window of ``size`` consecutive sentences (row ``n`` = sentences ``n*size`` … ``n*size+size-1``),
one sentence per line, with the tokeniser's spaces around punctuation and quote marks taken out again:

>>> detokenise(["وقال", "الوزير", ":", '"', "نحن", "هنا", '"', "."])
'وقال الوزير: "نحن هنا".'
>>> detokenise(["أعلن", "(", "رويترز", ")", "،", "«", "لا", "»", "!"])
'أعلن (رويترز)، «لا»!'

The texts are derived from ANERcorp (CC BY-SA 4.0): like the JawharaFM sets, they live beside the corpus, never in the
project, whose gold files keep offsets only.
"""

from __future__ import annotations

from pathlib import Path

DOC_SENTENCES = 8

_NO_SPACE_BEFORE = frozenset({".", "،", ",", ":", "؛", ";", "؟", "?", "!", ")", "]", "»", "%", "..", "…"})
_NO_SPACE_AFTER = frozenset({"(", "[", "«"})
_TOGGLING = frozenset({'"', "'", "''"})  # straight marks: opening and closing alternate within a sentence


def detokenise(tokens: list[str]) -> str:
    """One sentence as written: no space before closing punctuation and marks, none after opening ones."""
    out: list[str] = []
    glue_next = False  # the previous token opens: the next one follows without a space
    open_marks: set[str] = set()
    for token in tokens:
        if token in _TOGGLING:
            closing = token in open_marks
            open_marks ^= {token}
        else:
            closing = token in _NO_SPACE_BEFORE
        if out and not closing and not glue_next:
            out.append(" ")
        out.append(token)
        glue_next = token in _NO_SPACE_AFTER or (token in _TOGGLING and not closing)
    return "".join(out)


def anercorp_documents(path: Path, *, size: int = DOC_SENTENCES) -> list[dict[str, str]]:
    """``{"docno", "text"}`` per window of ``size`` sentences, in corpus order (the row is the list index)."""
    from train.train_ner import read_bio  # the reader the NER trainer uses for the same file

    sentences = [words for words, _ in read_bio(path)]
    return [
        {
            "docno": f"anercorp:{start}-{min(start + size, len(sentences)) - 1}",
            "text": "\n".join(detokenise(s) for s in sentences[start : start + size]),
        }
        for start in range(0, len(sentences), size)
    ]
