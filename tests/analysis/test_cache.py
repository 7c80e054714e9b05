"""The package's cache folder and its files: where they go, written whole or not at all, strings in them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from analysis.cache import cache_dir, strings_array, strings_from, write_npz


def test_the_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWS_LENS_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("NEWS_LENS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x" / "news-lens"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert cache_dir() == tmp_path / "h" / ".cache" / "news-lens"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache_dir() is None  # no cache: each process builds what it needs


@pytest.mark.parametrize(
    "strings",
    [
        [],
        [""],
        ["وزير", "الخارجية", "w=وزير|p=ال"],
        ["a\0b", "\0"],  # a NUL inside a string
        ["\ud83d", "x\udc00y"],  # lone surrogates (a text decoded with surrogateescape)
        ["🇹🇳", "ـ", "\n\t"],
    ],
)
def test_strings_come_back_as_they_went_in(strings: list[str]) -> None:
    array = strings_array(strings)
    assert array.dtype == np.uint8
    assert strings_from(array) == strings


@pytest.mark.parametrize("raw", [b"", b"{}", b'["a", 1]', b"\xff"])
def test_other_bytes_are_not_strings(raw: bytes) -> None:
    with pytest.raises(ValueError):
        strings_from(np.frombuffer(raw, dtype=np.uint8))


def test_an_npz_is_written_whole_and_replaces_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "kept.npz"  # the folder is made
    write_npz(path, {"a": np.arange(3), "s": strings_array(["وزير"])})
    write_npz(path, {"a": np.arange(5), "s": strings_array(["سفير"])})
    with np.load(path, allow_pickle=False) as kept:
        assert kept["a"].tolist() == [0, 1, 2, 3, 4] and strings_from(kept["s"]) == ["سفير"]
    assert [p.name for p in path.parent.iterdir()] == ["kept.npz"]


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kept.npz"
    write_npz(path, {"a": np.arange(3)})

    def full_disk(file, **arrays) -> None:
        file.write(b"PK\x03\x04 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_npz(path, {"a": np.arange(5)})
    with np.load(path, allow_pickle=False) as kept:
        assert kept["a"].tolist() == [0, 1, 2]
    assert [p.name for p in tmp_path.iterdir()] == ["kept.npz"]


def test_a_failed_rename_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def refused(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(PermissionError):
        write_npz(tmp_path / "kept.npz", {"a": np.arange(3)})
    assert list(tmp_path.iterdir()) == []


def test_only_the_files_used_last_are_kept(tmp_path: Path) -> None:
    import os

    from analysis.cache import keep_latest, used

    files = []
    for n in range(5):  # written 5 … 1 hours ago
        path = tmp_path / f"t{n}.npz"
        path.write_bytes(b"")
        os.utime(path, (0, 1_000_000 + 3600 * n))
        files.append(path)
    (tmp_path / "other.txt").write_text("x")  # another pattern: untouched
    used(files[0])  # the oldest, read just now
    keep_latest(tmp_path, "t*.npz", keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt", "t0.npz", "t4.npz"]
    used(tmp_path / "gone.npz")  # a file deleted meanwhile: nothing to do
    keep_latest(tmp_path / "missing", "*.npz", keep=1)  # no folder: nothing to do
