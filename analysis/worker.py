"""Analysis in a separate process tree: documents in, stored-format analyses out, as JSON lines.

A server that runs threads (the dashboard) cannot safely fork worker processes, and spawned ones re-run its
``__main__`` (under Streamlit, the app script). :func:`analyse_elsewhere` starts ``python -m analysis.worker``,
which analyses on every core with :func:`~analysis.batch.analyse_documents` (forking is safe there: nothing else
runs), and streams the analyses back in input order, in the store's own JSON (:func:`~analysis.store.analysis_to_json`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from analysis.batch import ArticleAnalysis, analyse_documents
from analysis.errors import AnalysisError
from analysis.records import RawDocument

__all__ = ["POOL_FROM", "WorkerError", "analyse_elsewhere", "analyse_many"]

# From this many documents :func:`analyse_many` sends them to the worker process: starting it costs about 2 s.
# JawharaFM articles on the 2-core machine, in the calling process against the worker's: 1,000 in 6.7–7.4 s against
# 6.1–7.2 s, 3,000 in 19.1–19.3 s against 12.3–13.4 s.
POOL_FROM = 1_000


class WorkerError(AnalysisError):
    """The analysis process failed (its last error lines are the message)."""

    code = "worker_failed"


def analyse_elsewhere(documents: Iterable[RawDocument], *, workers: int | None = None) -> Iterator[ArticleAnalysis]:
    """:func:`~analysis.batch.analyse_documents` of ``documents`` run by ``python -m analysis.worker`` (``workers``
    processes there, default one per core), yielded as each comes back."""
    from analysis.store import analysis_from_json

    command = [sys.executable, "-m", "analysis.worker", *(["--workers", str(workers)] if workers else [])]
    root = str(Path(__file__).resolve().parents[1])  # wherever the server was started from
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8", env=env
    )
    errors: list[str] = []
    threads = [
        threading.Thread(target=_feed, args=(process, documents), daemon=True),
        threading.Thread(target=lambda: errors.extend(process.stderr), daemon=True),  # never blocks the child
    ]
    for thread in threads:
        thread.start()
    try:
        for line in process.stdout:
            yield analysis_from_json(line)
        for thread in threads:
            thread.join()
    finally:
        if process.poll() is None:  # the caller stopped early, or reading failed
            process.kill()
        process.wait()
    if process.returncode != 0:
        raise WorkerError(f"the analysis process failed ({process.returncode}): {''.join(errors[-5:]).strip()}")


def analyse_many(documents: Iterable[RawDocument]) -> Iterator[ArticleAnalysis]:
    """Analyses of ``documents`` for a process that runs threads (the dashboard's server): in this process, or from
    :data:`POOL_FROM` documents on in the worker process, which leaves this one responsive meanwhile."""
    documents = list(documents)
    if len(documents) < POOL_FROM:
        return analyse_documents(documents, workers=1)
    return analyse_elsewhere(documents)


def _feed(process: subprocess.Popen[str], documents: Iterable[RawDocument]) -> None:
    with contextlib.suppress(OSError, ValueError):  # the child died (a broken pipe): its exit status says why
        try:
            for document in documents:
                process.stdin.write(json.dumps(asdict(document), ensure_ascii=False) + "\n")
        finally:
            process.stdin.close()  # the child's end of input, whatever happened


def _documents(lines: Iterable[str]) -> Iterator[RawDocument]:
    for line in lines:
        data = json.loads(line)
        data["warnings"] = tuple(data.get("warnings", ()))
        yield RawDocument(**data)


def main(argv: list[str] | None = None) -> int:
    """Read documents (JSON lines of :class:`RawDocument` fields) on stdin, write analyses on stdout."""
    from analysis.store import analysis_to_json

    parser = argparse.ArgumentParser(prog="python -m analysis.worker", description=main.__doc__)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    for analysis in analyse_documents(_documents(sys.stdin), workers=args.workers):
        sys.stdout.write(analysis_to_json(analysis) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
