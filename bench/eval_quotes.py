"""Score quote extraction against a gold file in the project's JSON-lines format.

    python -m bench.eval_quotes tests/gold/quotes_gold.jsonl            # runs the extractor
    python -m bench.eval_quotes GOLD --jsonl predictions.jsonl          # scores saved predictions
    python -m bench.eval_quotes bench/gold_news/dev.jsonl --corpus ../shared/data/jawharafm/articles.jsonl.xz

Gold lines: ``{"id", "text", "quotes": [{"text", "kind", "speaker", "start", "end", …}]}``; predictions are
quote objects with ``"article"`` (= gold id), ``"start"``, ``"end"``, ``"kind"``, ``"speaker"`` (the CLI's
output). A predicted quote matches a gold quote (one-to-one, best overlap first) when their spans overlap by at
least half of the longer one; "exact" needs identical spans. Speaker accuracy is over matched quotes whose gold
speaker is not null, comparing normalised names; the lenient figure also accepts a name that is a contiguous run
of the other's words (a surname for the full name, «حزب حركة نداء تونس» for «حركة نداء تونس»). Reported for
speech (direct, partial, indirect) and per kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from analysis.camel import normalize
from bench.news_gold import build_gold, read_jsonl

SPEECH = ("direct", "partial", "indirect")


def _overlap(a: dict, b: dict) -> float:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    longest = max(a["end"] - a["start"], b["end"] - b["start"], 1)
    return max(inter, 0) / longest


def match_quotes(gold: Sequence[dict], pred: Sequence[dict], *, threshold: float = 0.5) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching by decreasing overlap (ties: same kind first)."""
    pairs = sorted(
        ((_overlap(g, p), g["kind"] == p["kind"], gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for ov, _, gi, pi in pairs:
        if ov < threshold:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], pred[pi]))
    return out


_MARKS = str.maketrans({mark: " " for mark in '"«»“”'})


def _name_words(name: str) -> list[str]:
    """A name's normalised words. Quotation marks are typography («مراسل "الجوهرة"» = «مراسل الجوهرة»), and so
    is a «و» written apart from the word it joins («هيئة الحقيقة و الكرامة» = «هيئة الحقيقة والكرامة»)."""
    words = normalize(name.translate(_MARKS)).split()
    out: list[str] = []
    for word in words:
        if out and out[-1] == "و":
            out[-1] += word
        else:
            out.append(word)
    return out


def _same_speaker(a: str | None, b: str | None) -> bool:
    """Same normalised words (:func:`_name_words`)."""
    if a is None or b is None:
        return a is b
    return _name_words(a) == _name_words(b)


def _overlapping_speaker(a: str | None, b: str | None) -> bool:
    """Lenient: one name's words are a contiguous run of the other's («خماخم» / «منصف خماخم», «حزب حركة
    نداء تونس» / «حركة نداء تونس») — the same entity named more or less fully."""
    if a is None or b is None:
        return a is b
    x, y = _name_words(a), _name_words(b)
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return bool(short) and any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def score(gold_docs: Iterable[dict], predictions: dict[str, list[dict]]) -> dict:
    """Scores for every subset: ``speech`` (direct+partial+indirect), ``all`` and each kind."""
    subsets = {"speech": set(SPEECH), "all": {*SPEECH, "term"}, **{k: {k} for k in (*SPEECH, "term")}}
    totals: dict[str, dict[str, int]] = {name: defaultdict(int) for name in subsets}
    errors: list[dict] = []
    for doc in gold_docs:
        pred_all = predictions.get(doc["id"], [])
        for name, kinds in subsets.items():
            gold = [q for q in doc["quotes"] if q["kind"] in kinds]
            pred = [q for q in pred_all if q["kind"] in kinds]
            t = totals[name]
            # a subset's gold quotes against its predictions: for one kind, a span found under another kind
            # is a miss of this kind (and shows in that kind's precision and in kind_accuracy of "all")
            matched = matched_p = match_quotes(gold, pred)
            t["tp_recall"] += len(matched)
            t["tp_precision"] += len(matched_p)
            t["exact_recall"] += sum(1 for g, p in matched if (g["start"], g["end"]) == (p["start"], p["end"]))
            t["exact_precision"] += sum(1 for g, p in matched_p if (g["start"], g["end"]) == (p["start"], p["end"]))
            t["pred"] += len(pred)
            t["gold"] += len(gold)
            t["kind_ok"] += sum(1 for g, p in matched if g["kind"] == p["kind"])
            spk = [(g, p) for g, p in matched if g.get("speaker")]
            t["spk_n"] += len(spk)
            t["spk_ok"] += sum(1 for g, p in spk if _same_speaker(g["speaker"], p.get("speaker")))
            t["spk_lenient"] += sum(1 for g, p in spk if _overlapping_speaker(g["speaker"], p.get("speaker")))
            if name == "speech":
                errors += [{"id": doc["id"], "type": "speaker", "gold": g["speaker"], "pred": p.get("speaker"), "text": g["text"][:60]}
                           for g, p in spk if not _same_speaker(g["speaker"], p.get("speaker"))]
                got = {id(g) for g, _ in matched}
                errors += [{"id": doc["id"], "type": "missed", "kind": g["kind"], "text": g["text"][:60]} for g in gold if id(g) not in got]
                hit = {id(p) for _, p in matched}
                errors += [{"id": doc["id"], "type": "spurious", "kind": p["kind"], "text": p["text"][:60]} for p in pred if id(p) not in hit]
    report = {}
    for name, t in totals.items():
        p = t["tp_precision"] / t["pred"] if t["pred"] else 0.0
        r = t["tp_recall"] / t["gold"] if t["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        ep = t["exact_precision"] / t["pred"] if t["pred"] else 0.0
        er = t["exact_recall"] / t["gold"] if t["gold"] else 0.0
        exact_f1 = 2 * ep * er / (ep + er) if ep + er else 0.0
        report[name] = {
            "gold": t["gold"], "predicted": t["pred"],
            "precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1),
            "exact_f1": round(100 * exact_f1, 1),
            "kind_accuracy": round(100 * t["kind_ok"] / t["tp_recall"], 1) if t["tp_recall"] else 0.0,
            "speaker_accuracy": round(100 * t["spk_ok"] / t["spk_n"], 1) if t["spk_n"] else 0.0,
            "speaker_accuracy_lenient": round(100 * t["spk_lenient"] / t["spk_n"], 1) if t["spk_n"] else 0.0,
        }
    report["errors"] = errors
    return report


def predict(gold_docs: Iterable[dict]) -> dict[str, list[dict]]:
    from analysis.quotes import extract_quotes_from_text

    out: dict[str, list[dict]] = {}
    for doc in gold_docs:
        out[doc["id"]] = [
            {
                "start": q.start, "end": q.end, "kind": q.kind, "speaker": q.speaker, "text": q.text,
                "speaker_mention": q.speaker_mention, "rule": q.rule,
            }
            for q in extract_quotes_from_text(doc["text"], article_id=doc["id"])
        ]
    return out


class MissingCorpusError(ValueError):
    """Text-free annotations were given without the corpus their rows index."""


def read_gold(path: Path, corpus: Path | None) -> list[dict]:
    """The gold documents of ``path``; text-free annotations (``bench/gold_news``) take their texts from ``corpus``."""
    rows = read_jsonl(path)
    if rows and "text" not in rows[0]:
        if corpus is None:
            raise MissingCorpusError(f"{path} holds offsets only: give --corpus (the corpus its rows index)")
        rows = build_gold(rows, corpus)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--jsonl", type=Path, help="predictions (CLI output); default: run the extractor")
    parser.add_argument("--errors", action="store_true", help="list misses, spurious quotes and wrong speakers")
    parser.add_argument("--corpus", type=Path, help="for text-free annotations (bench/gold_news): the corpus they index")
    parser.add_argument(
        "--against", type=Path,
        help="a second annotation of the same articles, scored as predictions: agreement between annotators",
    )
    args = parser.parse_args(argv)

    try:
        gold = read_gold(args.gold, args.corpus)
        second = {doc["id"]: doc["quotes"] for doc in read_gold(args.against, args.corpus)} if args.against else {}
    except MissingCorpusError as exc:
        parser.error(str(exc))
    if args.against:
        gold = [doc for doc in gold if doc["id"] in second]  # the articles both annotated
        predictions = dict(second)
    elif args.jsonl:
        predictions: dict[str, list[dict]] = defaultdict(list)
        for row in read_jsonl(args.jsonl):
            predictions[row["article"]].append(row)
    else:
        predictions = predict(gold)
    print_report(score(gold, predictions), errors=args.errors)
    return 0


def print_report(report: dict, *, errors: bool) -> None:
    """One JSON line per subset of a :func:`score` report on stdout; with ``errors``, its errors on stderr."""
    listed = report.pop("errors")
    for name, row in report.items():
        print(json.dumps({"subset": name, **row}, ensure_ascii=False))
    if errors:
        for e in listed:
            print(json.dumps(e, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
