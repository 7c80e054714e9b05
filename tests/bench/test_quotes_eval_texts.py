"""Selection of real articles for quote annotation sets (bench/quotes_eval_texts.py)."""

from __future__ import annotations

from bench.quotes_eval_texts import select_rows

SPEECH = "وقال الوزير إن العمل متواصل. " * 20  # two speech signals or more, 400+ characters
PLAIN = "نص بلا أي تصريح. " * 40


def test_takes_the_first_article_with_speech_at_or_after_each_step() -> None:
    texts = [PLAIN, SPEECH, PLAIN, PLAIN, SPEECH, SPEECH, PLAIN, SPEECH]
    assert select_rows(texts, start=0, step=3, count=3, exclude=set()) == [1, 4, 7]


def test_skips_excluded_rows_and_rows_already_taken() -> None:
    texts = [SPEECH, SPEECH, SPEECH, SPEECH]
    assert select_rows(texts, start=0, step=1, count=3, exclude={0}) == [1, 2, 3]
    assert select_rows(texts, start=0, step=0, count=2, exclude=set()) == [0, 1]


def test_stops_at_the_end_of_the_corpus() -> None:
    assert select_rows([PLAIN, SPEECH, PLAIN], start=0, step=2, count=5, exclude=set()) == [1]


def test_wider_filters_take_longer_articles_and_fewer_signals() -> None:
    long_speech = SPEECH * 8  # about 4,600 characters
    one_signal = "وقال الوزير إن العمل متواصل. " + PLAIN
    texts = [long_speech, one_signal, SPEECH]
    assert select_rows(texts, start=0, step=1, count=3, exclude=set()) == [2]
    assert select_rows(texts, start=0, step=1, count=3, exclude=set(), max_chars=8000) == [0, 2]
    assert select_rows(texts, start=0, step=1, count=3, exclude=set(), max_chars=8000, min_signals=1) == [0, 1, 2]
