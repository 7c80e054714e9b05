"""Analysis in a separate process: the same analyses, in input order; a failing process says why."""

from __future__ import annotations

import subprocess

import pytest

from analysis.batch import analyse_documents
from analysis.records import RawDocument
from analysis.store import analysis_to_json
from analysis.worker import WorkerError, analyse_elsewhere

DOCS = [
    RawDocument(id=f"d{i}", source="s", text=f"وقالت الوزيرة ليلى بن عمار: «الجملة رقم {i}».", warnings=("w",) * (i % 2))
    for i in range(5)
]


def test_the_worker_analyses_as_this_process_does_in_input_order() -> None:
    here = [analysis_to_json(a) for a in analyse_documents(DOCS, workers=1)]
    there = [analysis_to_json(a) for a in analyse_elsewhere(DOCS, workers=2)]
    assert there == here
    assert [a.article.id for a in analyse_elsewhere(iter(DOCS[:2]), workers=1)] == ["d0", "d1"]


def test_a_failing_worker_raises_with_its_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = subprocess.Popen

    def broken(command: list[str], **kwargs: object) -> subprocess.Popen[str]:
        return real([command[0], "-c", "import sys; sys.stderr.write('no model here\\n'); sys.exit(3)"], **kwargs)

    monkeypatch.setattr(subprocess, "Popen", broken)
    with pytest.raises(WorkerError, match=r"\(3\): no model here"):
        list(analyse_elsewhere(DOCS))


def test_analyse_many_sends_large_batches_to_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.worker as worker

    sent: list[int] = []
    monkeypatch.setattr(worker, "analyse_elsewhere", lambda docs: sent.append(len(docs)) or analyse_documents(docs, workers=1))
    monkeypatch.setattr(worker, "POOL_FROM", 3)
    assert [a.article.id for a in worker.analyse_many(DOCS[:2])] == ["d0", "d1"] and sent == []
    assert [a.article.id for a in worker.analyse_many(iter(DOCS[:3]))] == ["d0", "d1", "d2"] and sent == [3]
