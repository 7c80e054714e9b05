"""Annotators' helper: append one article's quote drafts, checking every copied string.

Used by the readers who annotate real news for ``bench/gold_news`` (see ``bench/gold_news/ANNOTATING.md``)::

    import os; os.environ.update(TEXTS="texts_20.jsonl", DRAFTS="drafts_20.jsonl")
    from bench.annotate_draft import Q, T, add
    add("jf-123", [Q("direct", "…", speaker="قيس سعيد", mention="رئيس الجمهورية قيس سعيد", cue="وقال"),
                   T("الأمل")])

Articles must be added in the order of the texts file; a string that is not in the article stops the script.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench.news_gold import read_jsonl

_KINDS = ("direct", "partial", "indirect", "term")


def Q(
    kind: str,
    text: str | None = None,
    *,
    speaker: str | None = None,
    mention: str | None = None,
    cue: str | None = None,
    nth: int | None = None,
    frm: str | None = None,
    to: str | None = None,
) -> dict:
    """One quote draft: its exact words (``text``) or its first and last words (``frm`` … ``to``)."""
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
    draft: dict = {"kind": kind}
    if text is not None:
        draft["text"] = text
    elif frm and to:
        draft["from"], draft["to"] = frm, to
    else:
        raise ValueError("give the quote's text, or both frm and to")
    speech = kind != "term"
    draft["speaker"] = speaker if speech else None
    draft["speaker_mention"] = mention if speech else None
    draft["cue"] = cue if speech else None
    if nth:
        draft["nth"] = nth
    return draft


def T(text: str, *, nth: int | None = None) -> dict:
    """A quoted term (a name, not speech)."""
    return Q("term", text, nth=nth)


def add(article_id: str, quotes: list[dict]) -> None:
    """Append the drafts of the next article of ``$TEXTS`` to ``$DRAFTS``."""
    texts, drafts = Path(os.environ["TEXTS"]), Path(os.environ["DRAFTS"])
    rows = read_jsonl(texts)
    done = [row["id"] for row in (read_jsonl(drafts) if drafts.exists() else [])]
    if article_id in done:
        raise SystemExit(f"{article_id} is already in {drafts}")
    expected = rows[len(done)]["id"]
    if article_id != expected:
        raise SystemExit(f"next article is {expected}, not {article_id}")
    text = rows[len(done)]["text"]
    for quote in quotes:
        for key in ("text", "from", "to", "speaker_mention", "cue"):
            value = quote.get(key)
            if value and value.replace("ـ", "").strip() not in text.replace("ـ", ""):
                raise SystemExit(f"{article_id}: {key} {value!r} is not in the article")
    with drafts.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"id": article_id, "quotes": quotes}, ensure_ascii=False) + "\n")
    print("added", article_id, len(quotes), f"({len(done) + 1}/{len(rows)})")
