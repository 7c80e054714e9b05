"""Typed exceptions raised inside ``analysis``. The UI catches them and renders them kindly."""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "BinaryFileError",
    "DecodingError",
    "EmptyFileError",
    "LoadError",
    "MalformedBatchError",
    "TooLargeError",
    "UnsafeArchiveError",
    "UnsupportedFormatError",
]


class AnalysisError(Exception):
    """Base class of every error raised by the analysis package."""


class LoadError(AnalysisError):
    """A file could not be turned into articles."""

    code = "load_error"


class EmptyFileError(LoadError):
    code = "empty"


class BinaryFileError(LoadError):
    code = "binary"


class DecodingError(LoadError):
    code = "undecodable"


class MalformedBatchError(LoadError):
    code = "malformed"


class TooLargeError(LoadError):
    code = "too_large"


class UnsafeArchiveError(LoadError):
    code = "unsafe_archive"


class UnsupportedFormatError(LoadError):
    code = "unsupported_format"
