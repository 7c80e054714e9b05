"""CAMeL Tools' BERT named-entity recognizer as an optional backend (needs CAMeL NER data installed).

``camel_tools.ner`` imports ``camel_tools.data``, which downloads a catalogue when none is on disk,
so nothing from it is imported until :func:`analysis.camel.camel_data_status` has confirmed the
catalogue is installed and the model directory exists. Nothing is ever downloaded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from analysis.camel import CamelDataMissingError, camel_data_dir, camel_data_status

__all__ = ["CAMEL_LABELS", "camel_model_dir", "tag_sentences"]

CAMEL_LABELS: frozenset[str] = frozenset(
    ("B-LOC", "B-MISC", "B-ORG", "B-PERS", "I-LOC", "I-MISC", "I-ORG", "I-PERS", "O")
)
_COMPONENT = "NamedEntityRecognition"
_LOCK = threading.Lock()


def _catalogue_model_paths(data_dir: Path) -> list[Path]:
    """Model directories the catalogue names for the NER component (default dataset first)."""
    try:
        catalogue = json.loads((data_dir / "catalogue.json").read_text(encoding="utf-8"))
        component = catalogue["components"][_COMPONENT]
        datasets = component["datasets"]
        names = [component.get("default"), *datasets]
        return [data_dir / "data" / datasets[n]["path"] for n in dict.fromkeys(names) if n in datasets]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def camel_model_dir() -> Path | None:
    """The installed CAMeL NER model directory (``<data>/data/ner/arabert``), or ``None``.

    Never downloads and never raises.
    """
    if camel_data_status() is not None:
        return None
    data_dir = camel_data_dir()
    candidates = [*_catalogue_model_paths(data_dir), data_dir / "data" / "ner" / "arabert", data_dir / "ner" / "arabert"]
    for path in candidates:
        if (path / "config.json").is_file():
            return path
    return None


@cache
def _recognizer(model_dir: str) -> Any:
    try:
        from camel_tools.ner import NERecognizer

        return NERecognizer(model_dir, use_gpu=False)
    except Exception as exc:  # camel/transformers raise many kinds of errors for broken data
        raise CamelDataMissingError(f"CAMeL NER model in {model_dir} could not be loaded: {exc}") from exc


def _require_model_dir() -> Path:
    reason = camel_data_status()
    if reason is not None:
        raise CamelDataMissingError(reason)
    path = camel_model_dir()
    if path is None:
        raise CamelDataMissingError(
            f"CAMeL NER model is not installed under {camel_data_dir()}; run `camel_data -i ner-arabert` to install it"
        )
    return path


def tag_sentences(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """CAMeL BIO labels for each token of each sentence (one label per token, always).

    Tokens BERT's tokenizer reduces to nothing (control characters, some symbols) are dropped by
    ``NERecognizer.predict``; they get ``O`` here so labels stay aligned with the tokens.
    Raises :class:`analysis.camel.CamelDataMissingError` when the model is not installed.
    """
    recognizer = _recognizer(str(_require_model_dir()))
    kept: list[list[int]] = []
    inputs: list[list[str]] = []
    for words in sentences:
        keep = [i for i, w in enumerate(words) if recognizer.tokenizer.tokenize(w)]
        kept.append(keep)
        inputs.append([words[i] for i in keep])
    with _LOCK:
        predicted = recognizer.predict(inputs) if inputs else []
    out: list[list[str]] = []
    for words, keep, labels in zip(sentences, kept, predicted, strict=True):
        row = ["O"] * len(words)
        for i, label in zip(keep, labels, strict=False):
            row[i] = label if label in CAMEL_LABELS else "O"
        out.append(row)
    return out
