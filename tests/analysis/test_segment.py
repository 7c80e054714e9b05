"""Sentence and paragraph spans."""

from __future__ import annotations

import pytest

from analysis.segment import split_paragraphs, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("قال الوزير: نعم. وأضاف: لا!\nفقرة ثانية", ["قال الوزير: نعم.", "وأضاف: لا!", "فقرة ثانية"]),
        # scraped text: no space after the period, or the space before it
        ("عن تفاصيل أكثر تحديدا.لكن التحقيقات ستكون ضد مجهول", ["عن تفاصيل أكثر تحديدا.", "لكن التحقيقات ستكون ضد مجهول"]),
        ("زيارة تدوم يومين .بدعوة من نظيره", ["زيارة تدوم يومين .", "بدعوة من نظيره"]),
        # numbers, abbreviations and dotted acronyms are no sentence ends
        ("وقال لقناة آي.بي.سي الأميركية إن النسبة 3.5 بالمائة", ["وقال لقناة آي.بي.سي الأميركية إن النسبة 3.5 بالمائة"]),
        ("U.N. said so", ["U.N.", "said so"]),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


def test_sentences_never_cross_paragraphs() -> None:
    text = "الفقرة الأولى بلا نقطة\n\n  الفقرة الثانية. جملة أخرى  "
    assert [text[a:b] for a, b in split_paragraphs(text)] == ["الفقرة الأولى بلا نقطة", "الفقرة الثانية. جملة أخرى"]
    assert [text[a:b] for a, b in split_sentences(text)] == ["الفقرة الأولى بلا نقطة", "الفقرة الثانية.", "جملة أخرى"]
