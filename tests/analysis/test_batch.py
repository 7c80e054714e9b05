"""The streamed, multi-process pipeline gives the same per-article results as one process."""

from __future__ import annotations

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


def test_term_counts_match_token_table() -> None:
    result = next(analyse_documents(_docs(1), quotes=False, entities=False, workers=1))
    table = tokens_frame([result.article])
    words = table[table["form"].map(is_word)]
    assert result.n_words == len(words)
    assert dict(result.term_counts) == words["form"].value_counts().to_dict()
    assert "اشترك" not in result.term_counts  # the banner was cleaned away
