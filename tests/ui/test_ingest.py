"""The upload handler, called directly with bytes (no streamlit)."""

from __future__ import annotations

import pytest

from analysis.batch import analyse_documents
from analysis.store import open_store
from ui.ingest import ingest_files, ingest_text

TEXT = "قال الوزير اليوم إن الحكومة ستواصل العمل في كل المناطق.\n".encode()


def _light(documents):
    return analyse_documents(documents, quotes=False, entities=False, workers=1)


@pytest.fixture
def store(tmp_path):
    with open_store(data_dir=tmp_path) as opened:
        yield opened


def test_upload_into_the_sample_creates_a_new_corpus(store) -> None:
    sample = store.create_corpus("sample")
    progress: list[float] = []
    result = ingest_files(
        store,
        sample,
        [("a.txt", TEXT), ("bad.json", b"{oops"), ("b.txt", TEXT + TEXT)],
        sample_id=sample,
        analyse=_light,
        progress=lambda share, _name: progress.append(share),
    )
    assert result.corpus_id != sample and result.added == 2
    assert [f.source for f in result.failures] == ["bad.json"]
    assert store.article_ids(result.corpus_id) == {"a.txt", "b.txt"}
    assert store.article_ids(sample) == set()
    assert [f.source for f in store.load_failures(result.corpus_id)] == ["bad.json"]
    assert progress and progress[-1] == 1.0


def test_only_new_articles_are_analysed(store) -> None:
    corpus = store.create_corpus("mine")
    seen: list[str] = []

    def counting(documents):
        documents = list(documents)
        seen.extend(d.id for d in documents)
        return _light(documents)

    ingest_files(store, corpus, [("a.txt", TEXT)], sample_id="x" * 22, analyse=counting)
    again = ingest_files(store, corpus, [("a.txt", TEXT), ("c.txt", TEXT)], sample_id="x" * 22, analyse=counting)
    assert again.corpus_id == corpus and again.added == 1
    assert seen == ["a.txt", "c.txt"]


def test_all_files_failing_adds_nothing(store) -> None:
    sample = store.create_corpus("sample")
    result = ingest_files(store, sample, [("empty.txt", b"")], sample_id=sample, analyse=_light)
    assert result.corpus_id == sample and result.added == 0 and len(result.failures) == 1
    assert len(store.list_corpora()) == 1


def test_pasted_text(store) -> None:
    sample = store.create_corpus("sample")
    assert ingest_text(store, sample, "   ", sample_id=sample).added == 0
    result = ingest_text(store, sample, TEXT.decode(), sample_id=sample, title="عنوان", analyse=_light)
    assert result.added == 1 and result.corpus_id != sample
    (analysis,) = store.load_analyses(result.corpus_id)
    assert analysis.article.title == "عنوان" and analysis.article.id.startswith("pasted-")


def test_progress_follows_the_analysis(store) -> None:
    corpus = store.create_corpus("mine")
    reports: list[tuple[float, str]] = []
    files = [(f"n{i}.txt", TEXT) for i in range(25)]
    ingest_files(store, corpus, files, sample_id="", analyse=_light, progress=lambda share, label: reports.append((share, label)))
    analysed = [label for _share, label in reports if "/" in label]
    assert analysed == ["10/25", "20/25", "25/25"]
    assert reports[-1][0] == 1.0


def test_a_large_upload_is_analysed_in_the_worker_process_as_in_this_one(store, monkeypatch) -> None:
    """From ``POOL_FROM`` new articles the upload is analysed by ``python -m analysis.worker``: the same analyses."""
    import analysis.worker as worker
    from analysis.store import analysis_to_json

    files = [(f"w{i}.txt", f"وقال الوزير سامي الحمدي: «الجملة رقم {i} هنا».\n".encode()) for i in range(3)]
    here = store.create_corpus("here")
    ingest_files(store, here, files, sample_id="")
    calls: list[int] = []
    real = worker.analyse_elsewhere
    monkeypatch.setattr(worker, "analyse_elsewhere", lambda docs: calls.append(len(docs)) or real(docs))
    monkeypatch.setattr(worker, "POOL_FROM", 3)
    there = store.create_corpus("there")
    ingest_files(store, there, files, sample_id="")
    assert calls == [3]
    assert [analysis_to_json(a) for a in store.load_analyses(there)] == [analysis_to_json(a) for a in store.load_analyses(here)]
