"""Lazy loading of the lexicons shipped as data files under ``analysis/data``.

Files are UTF-8 text, one entry per line, ``#`` starts a comment; ``.tsv`` files carry
tab-separated columns. Each file is read once, on first use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from analysis.errors import AnalysisError

__all__ = ["DATA_DIR", "LexiconError", "load_counts", "load_lines", "load_words"]

DATA_DIR = Path(__file__).resolve().parent / "data"


class LexiconError(AnalysisError):
    """A lexicon data file is missing or malformed."""


def _read(name: str) -> list[str]:
    path = DATA_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"lexicon {name!r} cannot be read from {path}: {exc}") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Entries of ``analysis/data/<name>`` in file order."""
    return tuple(_read(name))


@cache
def load_words(name: str) -> frozenset[str]:
    """Entries of ``analysis/data/<name>`` as a set."""
    return frozenset(_read(name))


@cache
def load_counts(name: str) -> dict[str, int]:
    """A ``word<TAB>count`` file as a dict."""
    counts: dict[str, int] = {}
    for line in _read(name):
        word, _, count = line.partition("\t")
        try:
            counts[word] = int(count)
        except ValueError as exc:
            raise LexiconError(f"lexicon {name!r}: bad count in line {line!r}") from exc
    return counts
