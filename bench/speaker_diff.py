"""Quote-by-quote dumps of a gold set, and the difference between two of them: which speakers a change fixed or broke.

    python -m bench.speaker_diff dump bench/gold_news/dev.jsonl /tmp/dev_before.jsonl \\
        --corpus ../shared/data/jawharafm/articles.jsonl.xz
    python -m bench.speaker_diff dump bench/gold_news/anercorp_second_half.jsonl /tmp/anc_before.jsonl \\
        --anercorp ../shared/data/anercorp/train.txt --mined-from ../shared/data/jawharafm/articles.jsonl.xz
    python -m bench.speaker_diff compare /tmp/dev_before.jsonl /tmp/dev_after.jsonl

A dump holds one JSON line per gold speech quote (its offsets, kind, text and the annotators' speaker and mention,
with the matched prediction's kind, speaker, mention and rule, and whether the speaker is right strictly and
leniently, as :mod:`bench.eval_quotes` scores them) and one per spurious prediction. ``--anercorp`` scores ANERcorp
windows the way :mod:`bench.anercorp_heldout` does (the held-out tagger, person words and word counts; with
``--mined-from``, the mined lists too). ``compare`` prints the totals of both dumps and every quote whose match or
speaker changed, marked FIX (now right), BRK (now wrong) or CHG.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from bench.eval_quotes import (
    SPEECH,
    MissingCorpusError,
    _overlapping_speaker,
    _same_speaker,
    match_quotes,
    predict,
    read_gold,
)
from bench.news_gold import read_jsonl


def dump_rows(gold_docs: Iterable[dict], predictions: dict[str, list[dict]]) -> list[dict]:
    """One row per gold speech quote (matched or missed) and one per spurious speech prediction."""
    rows: list[dict] = []
    for doc in gold_docs:
        gold = [q for q in doc["quotes"] if q["kind"] in SPEECH]
        pred = [q for q in predictions.get(doc["id"], []) if q["kind"] in SPEECH]
        matched = {id(g): p for g, p in match_quotes(gold, pred)}
        for g in gold:
            p = matched.get(id(g))
            row = {
                "id": doc["id"], "start": g["start"], "end": g["end"], "kind": g["kind"], "text": g["text"][:70],
                "gold": g.get("speaker"), "gold_mention": g.get("speaker_mention"), "matched": p is not None,
                "pred_kind": None if p is None else p["kind"], "pred": None if p is None else p.get("speaker"),
                "pred_mention": None if p is None else p.get("speaker_mention"), "rule": None if p is None else p.get("rule"),
            }
            if p is not None and g.get("speaker"):
                row["ok"] = _same_speaker(g["speaker"], p.get("speaker"))
                row["lenient"] = _overlapping_speaker(g["speaker"], p.get("speaker"))
            rows.append(row)
        hit = {id(p) for p in matched.values()}
        rows += [
            {"id": doc["id"], "start": p["start"], "end": p["end"], "spurious": True, "pred_kind": p["kind"],
             "pred": p.get("speaker"), "text": p.get("text", "")[:70]}
            for p in pred if id(p) not in hit
        ]
    return rows


def totals(rows: Iterable[dict]) -> dict[str, int]:
    """Speakers scored, right strictly and leniently, gold quotes matched and spurious predictions."""
    rows = list(rows)
    return {
        "speakers": sum("ok" in r for r in rows), "strict": sum(bool(r.get("ok")) for r in rows),
        "lenient": sum(bool(r.get("lenient")) for r in rows), "matched": sum(bool(r.get("matched")) for r in rows),
        "spurious": sum(bool(r.get("spurious")) for r in rows),
    }


def compare_rows(base: Sequence[dict], new: Sequence[dict]) -> list[tuple[str, dict | None, dict | None]]:
    """Every quote whose match, predicted kind or speaker differs between two dumps, as (mark, base row, new row):
    FIX (the speaker is right now, not before), BRK (the reverse) or CHG."""

    def key(r: dict) -> tuple:
        return r["id"], r["start"], r["end"], bool(r.get("spurious"))

    before, after = {key(r): r for r in base}, {key(r): r for r in new}
    out = []
    for k in sorted(before.keys() | after.keys()):
        a, b = before.get(k), after.get(k)
        if a and b and all(a.get(f) == b.get(f) for f in ("matched", "pred_kind", "pred", "ok")):
            continue
        mark = "CHG"
        if a and b and "ok" in a and "ok" in b and a["ok"] != b["ok"]:
            mark = "FIX" if b["ok"] else "BRK"
        out.append((mark, a, b))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dump = sub.add_parser("dump", help="score a gold set quote by quote")
    dump.add_argument("gold", type=Path)
    dump.add_argument("out", type=Path)
    dump.add_argument("--corpus", type=Path, help="for text-free annotations: the corpus they index")
    dump.add_argument("--anercorp", type=Path, help="ANERcorp's train.txt: score windows with held-out models")
    dump.add_argument("--mined-from", type=Path, help="with --anercorp: the news corpus to mine the lists from again")
    comp = sub.add_parser("compare", help="the quotes two dumps disagree on")
    comp.add_argument("base", type=Path)
    comp.add_argument("new", type=Path)
    args = parser.parse_args(argv)

    if args.command == "dump":
        if args.anercorp:
            from bench.anercorp_heldout import heldout_gold

            gold = heldout_gold(read_jsonl(args.gold), args.anercorp, mined_from=args.mined_from)
        else:
            try:
                gold = read_gold(args.gold, args.corpus)
            except MissingCorpusError as exc:
                parser.error(str(exc))
        predictions = predict(gold)
        rows = dump_rows(gold, predictions)
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(json.dumps(totals(rows)))
        return 0

    base, new = read_jsonl(args.base), read_jsonl(args.new)
    print(json.dumps({"base": totals(base), "new": totals(new)}))
    changes = compare_rows(base, new)
    for mark, a, b in changes:
        row = b or a
        print(
            mark, row["id"], row["start"], "|", (a or {}).get("gold"), "|", (a or {}).get("pred"), "->", (b or {}).get("pred"),
            "|", row.get("text", "")[:50],
        )
    print(json.dumps({"fixed": sum(m == "FIX" for m, _, _ in changes), "broken": sum(m == "BRK" for m, _, _ in changes)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
