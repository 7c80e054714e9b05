"""Files the package keeps between processes: where (:func:`cache_dir`), how (:func:`write_npz`, whole or not at
all, with strings as :func:`strings_array`) and how many (:func:`keep_latest`).

Three kinds live there: the shipped NER tagger's tables (:func:`analysis.entities.crf.load_tagger`), the
dashboard's token streams (:func:`analysis.frequencies.save_token_stream`), each checked when read back (a digest of
what it was made from), and the dashboard's tables of large corpora (:func:`write_parquet`), named by the version of
the corpus they were made from. Deleting the folder, or any file in it, is always safe.

>>> strings_from(strings_array(["وزير", "الخارجية", ""]))
['وزير', 'الخارجية', '']
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["cache_dir", "keep_latest", "strings_array", "strings_from", "used", "write_npz", "write_parquet"]


def cache_dir() -> Path | None:
    """``$NEWS_LENS_CACHE_DIR``, else ``$XDG_CACHE_HOME/news-lens``, else ``~/.cache/news-lens`` (None, no cache,
    when there is no home directory)."""
    if os.environ.get("NEWS_LENS_CACHE_DIR"):
        return Path(os.environ["NEWS_LENS_CACHE_DIR"]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "news-lens"
    try:
        return Path.home() / ".cache" / "news-lens"
    except RuntimeError:  # no $HOME and no password entry (some containers)
        return None


def write_npz(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """``arrays`` as one ``.npz`` at ``path``, written whole or not at all: into a temporary file beside it, then
    renamed over it (another process may be reading the previous one); the temporary file is deleted when writing
    fails. Raises what writing raised (``OSError`` for a read-only or full disk)."""
    _write_whole(path, lambda handle: np.savez(handle, **arrays))


def _write_whole(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as handle:
            part = Path(handle.name)
            write(handle)
        os.replace(part, path)
    except BaseException:
        if part is not None:
            part.unlink(missing_ok=True)
        raise


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    """``frame`` (its index left out) as one Parquet file at ``path``, written whole or not at all, as
    :func:`write_npz`."""
    _write_whole(path, lambda handle: frame.to_parquet(handle, index=False))


def strings_array(strings: Iterable[str]) -> np.ndarray:
    """Strings as one array of UTF-8 bytes (a JSON list: any character, lone surrogates included), for ``.npz``
    files read without pickle."""
    encoded = json.dumps(list(strings), ensure_ascii=False).encode("utf-8", "surrogatepass")
    return np.frombuffer(encoded, dtype=np.uint8)


def strings_from(array: np.ndarray) -> list[str]:
    """The strings :func:`strings_array` wrote (raises ``ValueError`` for other bytes)."""
    strings = json.loads(array.tobytes().decode("utf-8", "surrogatepass"))
    if not isinstance(strings, list) or not all(isinstance(s, str) for s in strings):
        raise ValueError("not a list of strings")
    return strings


def used(path: Path) -> None:
    """Mark ``path`` as just used (its modification time), so :func:`keep_latest` keeps it; a file that cannot be
    touched is left as it is."""
    with contextlib.suppress(OSError):
        os.utime(path)


def keep_latest(folder: Path, pattern: str, *, keep: int) -> None:
    """Delete all but the ``keep`` files of ``folder`` matching ``pattern`` written or :func:`used` last."""
    found = sorted(folder.glob(pattern), key=_modified, reverse=True)
    for old in found[keep:]:
        old.unlink(missing_ok=True)


def _modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # deleted meanwhile by another process
        return 0
