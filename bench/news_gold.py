"""Real-news quote annotations: place drafts on the text, keep them in the project without article text, rebuild.

    python -m bench.news_gold place TEXTS DRAFTS --out GOLD      # drafts (quote words) → offsets; lists failures
    python -m bench.news_gold strip GOLD --out bench/gold_news/dev.jsonl   # offsets only, no article text
    python -m bench.news_gold build bench/gold_news/dev.jsonl CORPUS --out GOLD   # text back from the corpus

``CORPUS`` is the JawharaFM JSON lines, or ANERcorp's ``train.txt`` (see :func:`read_corpus`).

``TEXTS`` comes from ``bench.quotes_eval_texts`` (``{"id", "row", "docno", "text"}``). A draft line is
``{"id", "quotes": [{"kind", "text" | "from"+"to", "speaker", "speaker_mention", "cue", "nth"?}]}``: the quote is
its exact words (``text``) or its first and last words (``from`` … ``to``), the ``nth`` occurrence (default 1).
``GOLD`` is the format ``bench.eval_quotes`` scores (``tests/gold/README.md``). The stripped file keeps only
offsets into the cleaned text, its SHA-256 and the corpus row — the project never holds article text — and
``build`` refuses a row whose cleaned text has changed (the offsets would point elsewhere).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.cleaning import clean_text

_OPEN = "\"«“”'"
_CLOSE = "\"»”“'"
_MARKED = {"direct", "partial", "term"}
KINDS = ("direct", "partial", "indirect", "term")


class PlacementError(ValueError):
    """A draft quote whose words are not in the article text."""


def _nth_find(text: str, needle: str, nth: int, start: int = 0) -> int:
    at = start - 1
    for _ in range(nth):
        at = text.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def place_quote(text: str, draft: dict) -> tuple[int, int]:
    """Character span of a draft quote's content in ``text``, marks at its edges left out.

    >>> place_quote('قال: "نحن هنا" ثم خرج', {"kind": "direct", "text": '"نحن هنا"'})
    (6, 13)
    """
    nth = int(draft.get("nth") or 1)
    if draft.get("text"):
        needle = draft["text"].strip()
        start = _nth_find(text, needle, nth)
        if start < 0:
            raise PlacementError(f"not in the text: {needle[:60]!r}")
        end = start + len(needle)
    elif draft.get("from") and draft.get("to"):
        head, tail = draft["from"].strip(), draft["to"].strip()
        start = _nth_find(text, head, nth)
        if start < 0:
            raise PlacementError(f"start words not in the text: {head[:60]!r}")
        tail_at = text.find(tail, start)
        if tail_at < 0:
            raise PlacementError(f"end words not after the start: {tail[:60]!r}")
        end = tail_at + len(tail)
    else:
        raise PlacementError("a draft quote needs 'text' or both 'from' and 'to'")
    if draft["kind"] in _MARKED:
        while start < end and text[start] in _OPEN:
            start += 1
        while end > start and text[end - 1] in _CLOSE:
            end -= 1
    if draft["kind"] == "indirect":
        while end > start and text[end - 1] in ".":
            end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise PlacementError(f"empty span for {draft!r}")
    return start, end


def _nearest(text: str, needle: str | None, around: int) -> tuple[int, int] | None:
    if not needle:
        return None
    hits, at = [], text.find(needle)
    while at >= 0:
        hits.append(at)
        at = text.find(needle, at + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - around))
    return best, best + len(needle)


def place_article(text: str, draft: dict) -> tuple[dict, list[str]]:
    """One gold line from a draft, and the messages of the quotes that could not be placed."""
    quotes, problems = [], []
    for q in draft.get("quotes", []):
        if q.get("kind") not in KINDS:
            problems.append(f"{draft['id']}: unknown kind {q.get('kind')!r}")
            continue
        try:
            start, end = place_quote(text, q)
        except PlacementError as err:
            problems.append(f"{draft['id']}: {err}")
            continue
        speech = q["kind"] != "term"
        mention = q.get("speaker_mention") if speech else None
        if mention and _nearest(text, mention, start) is None:
            problems.append(f"{draft['id']}: speaker_mention not in the text: {mention!r}")
            mention = None
        quotes.append({
            "article": draft["id"], "text": text[start:end], "kind": q["kind"],
            "speaker": (q.get("speaker") or None) if speech else None,
            "speaker_mention": mention or None, "cue": (q.get("cue") or None) if speech else None,
            "start": start, "end": end,
        })
    quotes.sort(key=lambda q: (q["start"], -q["end"]))
    return {"id": draft["id"], "text": text, "quotes": quotes}, problems


def _speaker_spans(text: str, speaker: str, around: int) -> list:
    """Where a speaker name is written: one span, else a span per word; a word the text lacks stays a string."""
    whole = _nearest(text, speaker, around)
    if whole:
        return [list(whole)]
    out: list = []
    for word in speaker.split():
        span = _nearest(text, word, around)
        out.append(list(span) if span else word)
    return out


def strip_article(gold: dict, *, row: int, docno: str = "") -> dict:
    """The text-free form of a gold line: offsets, kinds, speaker spans, the text's SHA-256."""
    text = gold["text"]
    quotes = []
    for q in gold["quotes"]:
        mention = _nearest(text, q.get("speaker_mention"), q["start"])
        cue = _nearest(text, q.get("cue"), q["start"])
        quotes.append({
            "kind": q["kind"], "start": q["start"], "end": q["end"],
            "speaker": _speaker_spans(text, q["speaker"], q["start"]) if q.get("speaker") else None,
            "mention": list(mention) if mention else None, "cue": list(cue) if cue else None,
        })
    return {"id": gold["id"], "row": row, "docno": docno, "sha256": hashlib.sha256(text.encode()).hexdigest(), "quotes": quotes}


def build_article(stripped: dict, text: str) -> dict:
    """A gold line from its text-free form and the article's cleaned text (checked against the hash)."""
    if hashlib.sha256(text.encode()).hexdigest() != stripped["sha256"]:
        raise PlacementError(f"{stripped['id']}: the cleaned text changed since it was annotated (row {stripped['row']})")

    def spell(spans: list | None) -> str | None:
        if spans is None:
            return None
        return " ".join(text[s[0]:s[1]] if isinstance(s, list) else s for s in spans)

    quotes = [{
        "article": stripped["id"], "text": text[q["start"]:q["end"]], "kind": q["kind"], "speaker": spell(q["speaker"]),
        "speaker_mention": spell([q["mention"]]) if q["mention"] else None,
        "cue": spell([q["cue"]]) if q["cue"] else None, "start": q["start"], "end": q["end"],
    } for q in stripped["quotes"]]
    return {"id": stripped["id"], "text": text, "quotes": quotes}


def build_gold(stripped: Sequence[dict], corpus: Path) -> list[dict]:
    """Gold lines of text-free annotations, their texts cleaned from the corpus rows they index."""
    records = read_corpus(corpus)
    return [build_article(s, clean_text(records[s["row"]].get("text") or "").text) for s in stripped]


def read_corpus(path: Path) -> list[dict]:
    """The rows of a corpus: JSON lines with a ``text`` field (``.xz`` too), or ANERcorp's ``token TAG`` file, whose
    rows are windows of consecutive sentences (:mod:`bench.anercorp_docs`)."""
    if path.suffix == ".txt":
        from bench.anercorp_docs import anercorp_documents

        return anercorp_documents(path)
    return read_jsonl(path)


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSON-lines file (``.xz`` too), blank lines skipped."""
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("place", help="drafts → gold offsets")
    p.add_argument("texts", type=Path)
    p.add_argument("drafts", type=Path, nargs="+")
    p.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("strip", help="gold → text-free annotations")
    s.add_argument("gold", type=Path, nargs="+")
    s.add_argument("--texts", type=Path, nargs="+", required=True, help="the texts files (for row and docno)")
    s.add_argument("--out", type=Path, required=True)
    b = sub.add_parser("build", help="text-free annotations + corpus → gold")
    b.add_argument("stripped", type=Path)
    b.add_argument("corpus", type=Path)
    b.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    if args.command == "place":
        texts = {r["id"]: r["text"] for r in read_jsonl(args.texts)}
        gold, problems = [], []
        for path in args.drafts:
            for draft in read_jsonl(path):
                if draft["id"] not in texts:
                    problems.append(f"{draft['id']}: no such article in {args.texts}")
                    continue
                line, issues = place_article(texts[draft["id"]], draft)
                gold.append(line)
                problems += issues
        _write(args.out, gold)
        for message in problems:
            print(message, file=sys.stderr)
        print(json.dumps({"articles": len(gold), "quotes": sum(len(g["quotes"]) for g in gold), "unplaced": len(problems)}))
        return 1 if problems else 0
    if args.command == "strip":
        meta = {r["id"]: r for path in args.texts for r in read_jsonl(path)}
        rows = [strip_article(g, row=meta[g["id"]]["row"], docno=meta[g["id"]].get("docno", "")) for path in args.gold for g in read_jsonl(path)]
        _write(args.out, rows)
        print(json.dumps({"articles": len(rows), "quotes": sum(len(r["quotes"]) for r in rows)}))
        return 0
    rows = build_gold(read_jsonl(args.stripped), args.corpus)
    _write(args.out, rows)
    print(json.dumps({"articles": len(rows), "quotes": sum(len(r["quotes"]) for r in rows)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
