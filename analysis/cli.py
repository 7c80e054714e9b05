"""Headless CLI: ``python -m analysis SUBCOMMAND FILE… [options]`` prints JSON lines.

One JSON object per row on stdout; load failures and errors go to stderr (one JSON object
per failure) and the exit status is non-zero (1: some files failed, 2: usage or fatal error).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

import pandas as pd

from analysis.errors import AnalysisError
from analysis.pipeline import load_articles
from analysis.records import Article, LoadFailure

__all__ = ["main"]

Rows = Iterator[dict[str, Any]]
_NORMALIZATIONS = "dediac,alef,alef_maksura,teh_marbuta,tatweel,arclean"
_DEFAULT_NORMALIZATION = "dediac,alef,alef_maksura,tatweel"


def _normalization(args: argparse.Namespace):  # -> Normalization (import kept lazy)
    from analysis.tokens import Normalization

    names = [n.strip() for n in args.normalize.split(",") if n.strip()]
    try:
        return Normalization.from_names(names)
    except ValueError as exc:
        raise AnalysisError(str(exc)) from exc


def _cmd_clean(articles: list[Article], args: argparse.Namespace) -> Rows:
    for a in articles:
        yield {
            "article": a.id,
            "title": a.title,
            "date": a.date,
            "byline": a.byline,
            "text": a.text,
            "removed": [{"text": r.text, "reason": r.reason, "start": r.start, "end": r.end} for r in a.removed],
            "warnings": list(a.warnings),
        }


def _cmd_tokens(articles: list[Article], args: argparse.Namespace) -> Rows:
    from analysis.tokens import iter_tokens

    norm = _normalization(args)
    tokens = [t for a in articles for t in iter_tokens(a, normalization=norm, clitics=args.clitics)]
    morph: dict[str, str] = {}
    if args.morph:
        from analysis.tokens import morph_forms

        morph = morph_forms((t.text for t in tokens), scheme=args.morph)
    for t in tokens:
        row = {"article": t.article, "token": t.text, "start": t.start, "end": t.end, "form": t.form, "index": t.index, "sentence": t.sentence}
        if args.morph:
            row["morph"] = morph.get(t.text, t.text)
        yield row


def _cmd_freq(articles: list[Article], args: argparse.Namespace) -> Rows:
    from analysis.frequencies import term_frequencies
    from analysis.tokens import stopwords, tokens_frame

    norm = _normalization(args)
    tokens = tokens_frame(articles, normalization=norm, clitics=args.clitics)
    stops = frozenset() if args.keep_stopwords else stopwords(norm)
    table = term_frequencies(tokens, n=args.ngram, top=args.top, stopwords=stops, min_count=args.min_count)
    for row in table.itertuples(index=False):
        yield {"term": row.term, "count": int(row.count), "doc_count": int(row.doc_count)}


def _cmd_kwic(articles: list[Article], args: argparse.Namespace) -> Rows:
    from analysis.frequencies import kwic

    table = kwic(articles, args.term, window=args.window, normalization=_normalization(args), clitics=args.clitics)
    for row in table.itertuples(index=False):
        yield {"article": row.article, "left": row.left, "term": row.term, "right": row.right, "start": int(row.start), "end": int(row.end)}


def _cmd_quotes(articles: list[Article], args: argparse.Namespace) -> Rows:
    from analysis.quotes import quotes_frame

    table = quotes_frame(articles)
    for row in table.to_dict(orient="records"):
        yield {
            "article": row["article"],
            "text": row["text"],
            "kind": row["kind"],
            "speaker": row["speaker"],
            "speaker_mention": row["speaker_mention"],
            "role": row["role"],
            "cue": row["cue"],
            "start": int(row["start"]),
            "end": int(row["end"]),
            "rule": row["rule"],
        }


def _cmd_entities(articles: list[Article], args: argparse.Namespace) -> Rows:
    from analysis.entities import entities_frame

    table = entities_frame(articles, backend=args.backend)
    for row in table.itertuples(index=False):
        yield {"article": row.article, "text": row.text, "label": row.label, "canonical": row.canonical, "start": int(row.start), "end": int(row.end)}


def _cmd_entity_counts(articles: list[Article], args: argparse.Namespace) -> Rows:
    from analysis.entities import count_entities, entities_frame

    table = count_entities(entities_frame(articles, backend=args.backend))
    for row in table.itertuples(index=False):
        yield {"label": row.label, "canonical": row.canonical, "count": int(row.count), "doc_count": int(row.doc_count)}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Arabic news analysis, headless. Prints JSON lines (one object per row) on stdout.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Callable[[list[Article], argparse.Namespace], Rows], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("files", nargs="+", metavar="FILE", help=".txt .html .csv .jsonl .json .zip")
        p.add_argument("--raw", action="store_true", help="analyse the text as given (no cleaning); offsets refer to the input text")
        p.set_defaults(handler=handler)
        return p

    def add_forms(p: argparse.ArgumentParser) -> None:
        p.add_argument("--normalize", default=_DEFAULT_NORMALIZATION, help=f"comma list of {_NORMALIZATIONS}, 'all' or 'none' (default: %(default)s)")
        p.add_argument("--clitics", action="store_true", help="split proclitics (و ف ب ل ك ال) off the counting form")

    add(name="clean", handler=_cmd_clean, help_="cleaned text, byline and what cleaning removed, per article")
    p = add("tokens", _cmd_tokens, "one row per token with offsets and counting form")
    add_forms(p)
    p.add_argument("--morph", choices=("d3tok", "atbtok", "d2tok", "d1tok"), help="add CAMeL's morphological stem (needs CAMeL data)")
    p = add("freq", _cmd_freq, "top terms or n-grams with document frequency")
    add_forms(p)
    p.add_argument("--top", type=int, default=50)
    p.add_argument("--ngram", type=int, default=1)
    p.add_argument("--min-count", type=int, default=1)
    p.add_argument("--keep-stopwords", action="store_true")
    p = add("kwic", _cmd_kwic, "keyword in context for a term")
    add_forms(p)
    p.add_argument("--term", required=True)
    p.add_argument("--window", type=int, default=8, help="context tokens each side")
    add("quotes", _cmd_quotes, "quotes and reported speech with speakers")
    for name, handler, help_ in (
        ("entities", _cmd_entities, "named-entity mentions"),
        ("entity-counts", _cmd_entity_counts, "entity counts per canonical form"),
    ):
        add(name, handler, help_).add_argument("--backend", default="shipped", choices=("shipped", "camel"))
    return parser


def _json_value(value: Any) -> Any:
    """pandas' missing values (NaN, NA, NaT) → JSON null; numpy scalars → Python."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes, list, dict)) else value


def _write_rows(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False, allow_nan=False))
        out.write("\n")


def _report(failures: Sequence[LoadFailure], err: TextIO) -> None:
    for f in failures:
        err.write(json.dumps({"error": f.error, "source": f.source, "message": f.message}, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _build_parser().parse_args(argv)
    try:
        articles, failures = load_articles(args.files, raw=args.raw)
        _report(failures, err)
        _write_rows(args.handler(articles, args), out)
    except AnalysisError as exc:
        err.write(json.dumps({"error": type(exc).__name__, "message": str(exc)}, ensure_ascii=False) + "\n")
        return 2
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        return 0
    return 1 if failures else 0
