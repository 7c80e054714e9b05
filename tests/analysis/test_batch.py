"""The streamed, multi-process pipeline gives the same per-article results as one process."""

from __future__ import annotations

import pytest

from analysis.batch import analyse_documents
from analysis.records import RawDocument
from analysis.tokens import is_word, tokens_frame

TEXTS = [
    "إشترك في النسخة الرقمية\nقال وزير الصحة إن الحكومة ستدعم المستشفيات في كل الجهات.",
    "وأكدت الوزيرة أن الحملة متواصلة، مشيرة إلى أن الإقبال كان كبيرا في تونس وصفاقس.",
    "No Arabic here at all, just an English line.",
]


def _docs(n: int) -> list[RawDocument]:
    return [RawDocument(id=f"d{i}", source="s", text=TEXTS[i % len(TEXTS)]) for i in range(n)]


def test_two_workers_equal_one_and_keep_order() -> None:
    docs = _docs(25)
    one = list(analyse_documents(docs, quotes=False, entities=False, workers=1, chunk_size=4))
    two = list(analyse_documents(docs, quotes=False, entities=False, workers=2, chunk_size=4))
    assert [r.article.id for r in two] == [d.id for d in docs]
    assert [(r.article, r.n_words, r.term_counts) for r in one] == [(r.article, r.n_words, r.term_counts) for r in two]


def test_workers_that_tag_give_what_one_process_gives() -> None:
    """Pool workers load the NER tagger's compiled loops at start (one process uses numpy's for its first tokens):
    the same quotes and entities either way."""
    docs = _docs(6)
    one = list(analyse_documents(docs, workers=1, chunk_size=2))
    two = list(analyse_documents(docs, workers=2, chunk_size=2))
    assert [(r.quotes, r.entities) for r in one] == [(r.quotes, r.entities) for r in two]
    assert any(r.quotes for r in one) and any(r.entities for r in one)


@pytest.mark.parametrize(("tags", "compiled"), [(True, True), (False, False)])
def test_a_pool_worker_that_tags_starts_with_the_compiled_loops(tags: bool, compiled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from analysis import batch
    from analysis.entities import crf

    monkeypatch.setattr(crf, "_COMPILED_FROM_START", threading.Event())  # this test process stays as it was
    batch._start_worker(tags)
    assert crf._COMPILED_FROM_START.is_set() is compiled


def test_term_counts_match_token_table() -> None:
    result = next(analyse_documents(_docs(1), quotes=False, entities=False, workers=1))
    table = tokens_frame([result.article])
    words = table[table["form"].map(is_word)]
    assert result.n_words == len(words)
    assert dict(result.term_counts) == words["form"].value_counts().to_dict()
    assert "اشترك" not in result.term_counts  # the banner was cleaned away


def test_a_bug_on_one_article_keeps_the_batch_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected error in one article's quote extraction leaves its other analyses and the other articles."""
    import analysis.quotes as quotes

    real = quotes.extract_quotes

    def flaky(article, **kwargs):
        if article.id == "bad":
            raise IndexError("list index out of range")
        return real(article, **kwargs)

    monkeypatch.setattr(quotes, "extract_quotes", flaky)
    docs = [RawDocument(id=i, source="t", text='قال الوزير سامي الحمدي: "سنواصل العمل".') for i in ("bad", "good")]
    bad, good = analyse_documents(docs, workers=1, entities=False)
    assert bad.quotes == () and bad.n_words > 0
    assert bad.article.warnings == ("quotes: not analysed (IndexError: list index out of range)",)
    assert [q.speaker for q in good.quotes] == ["سامي الحمدي"] and good.article.warnings == ()


def test_a_missing_model_still_stops_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.entities as entities

    def missing(text: str, *, backend: str = "shipped", sentences: object = None) -> dict:
        raise entities.EntityModelMissingError("no model")

    monkeypatch.setattr(entities, "tag_sentences", missing)
    with pytest.raises(entities.EntityModelMissingError):
        list(analyse_documents([RawDocument(id="a", source="t", text="قال الوزير إن العمل متواصل.")], workers=1))
