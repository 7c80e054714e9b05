"""Cleaning removes boilerplate and repetition, never a genuine paragraph."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cleaning import clean_document, clean_text
from analysis.records import RawDocument
from tests.conftest import ROOT

P1 = "قال وزير الصحة إن الحملة الوطنية للتلقيح ستتواصل حتى نهاية الشهر الجاري في كل الولايات."
P2 = 'وأضاف أن "الإقبال كان كبيرا" في الأيام الأولى، مشيرا إلى توفير مليون جرعة إضافية.'
P3 = "من جهتها، قالت مديرة الرعاية الصحية الأساسية إن الفرق الطبية جاهزة لاستقبال المواطنين."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("إشترك في النسخة الرقمية من الجريدة بـ 5 دنانير فقط", "banner"),
        ("اشترك الآن في نشرتنا الإخبارية", "banner"),
        ("Abonnez-vous à notre newsletter", "banner"),
        ("شارك المقال", "share"),
        ("شارك على فيسبوك", "share"),
        ("طباعة", "share"),
        ("تابعونا على فيسبوك وتويتر", "share"),
        ("إقرأ أيضا: الحكومة تعلن عن إجراءات جديدة", "share"),
        ("Lire aussi", "share"),
        ("© جميع الحقوق محفوظة لجريدة الصباح 2024", "copyright"),
        ("جميع الحقوق محفوظة", "copyright"),
        ("All rights reserved", "copyright"),
        ("تصوير: محمد علي", "credit"),
        ("*****", "no_text"),
        ("(وات)", "byline"),
        ("المصدر: وكالات", "byline"),
        ("أ ف ب", "byline"),
        ("القاهرة - رويترز", "byline"),
    ],
)
def test_boilerplate_line_removed(line: str, reason: str) -> None:
    result = clean_text(f"{P1}\n{line}\n{P2}")
    assert result.text == f"{P1}\n{P2}"
    assert [(r.text, r.reason) for r in result.removed] == [(line, reason)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "شارك المئات من الشبان في مسيرة سلمية وسط العاصمة للمطالبة بالتشغيل والتنمية في الجهات الداخلية.",
        "وقال رئيس الجمعية إن الاشتراك في النسخة الجديدة من المهرجان مفتوح أمام كل الفرق الهاوية هذا العام.",
        "وأكدت الوكالة أن جميع الحقوق المالية للعمال ستصرف قبل نهاية السنة، وفق ما أعلنته الوزارة.",
        "تابع الوزير قائلا إن الإصلاحات ستشمل كل القطاعات دون استثناء خلال الأشهر القادمة.",
        "وقالت وكالة رويترز إن المفاوضات توقفت مساء أمس دون التوصل إلى اتفاق نهائي.",
        "وات: انطلاق الموسم الفلاحي في ولايات الشمال الغربي وسط توقعات بصابة قياسية من الحبوب.",
    ],
)
def test_genuine_paragraph_kept(paragraph: str) -> None:
    result = clean_text(f"{P1}\n{paragraph}\n{P2}")
    assert result.text == f"{P1}\n{paragraph}\n{P2}"
    assert result.removed == ()


def test_latin_lines_outside_the_body_are_furniture_inside_kept() -> None:
    raw = f"Home | Politique | Economie\n{P1}\nGradins : 15 DT\n{P2}\nAll about Tunisia news portal"
    result = clean_text(raw)
    assert result.text == f"{P1}\nGradins : 15 DT\n{P2}"
    assert [r.reason for r in result.removed] == ["latin_furniture", "latin_furniture"]


def test_repeated_body_counts_once() -> None:
    body = f"{P1}\n{P2}\n{P3}"
    raw = f"إشترك في النسخة الرقمية\n{body}\nشارك المقال\n{body}\n© جميع الحقوق محفوظة"
    result = clean_text(raw)
    assert result.text == body
    reasons = [r.reason for r in result.removed]
    assert reasons == ["banner", "share", "duplicate_body", "duplicate_body", "duplicate_body", "copyright"]
    assert all(raw[r.start : r.end] == r.text for r in result.removed)


def test_body_pasted_twice_on_one_line() -> None:
    result = clean_text(f"{P1} {P1}")
    assert result.text == P1
    assert [r.reason for r in result.removed] == ["duplicate_body"]


def test_byline_from_dateline_keeps_paragraph() -> None:
    result = clean_text(f"تونس (وات) - {P1}\n{P2}")
    assert result.byline == "وات"
    assert result.text.startswith("تونس (وات) - ")
    assert clean_text(f"{P1}\n{P2} (أ ف ب)").byline == "أ ف ب"


def test_clean_document_raw_and_fallback() -> None:
    doc = RawDocument(id="x", source="x", text=f"شارك المقال\n{P1}")
    assert clean_document(doc, raw=True).text == doc.text
    assert clean_document(doc).text == P1
    only_furniture = clean_document(RawDocument(id="y", source="y", text="شارك المقال\nطباعة"))
    assert only_furniture.text == "شارك المقال\nطباعة"
    assert "cleaning removed every line" in only_furniture.warnings[0]
    latin = clean_document(RawDocument(id="z", source="z", text="Hello world, nothing Arabic here at all."), raw=True)
    assert "no Arabic text" in latin.warnings


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from([P1, P2, P3, "شارك المقال", "طباعة", "(وات)", "© جميع الحقوق محفوظة", "Lire aussi", "", "  "]),
        max_size=12,
    )
)
def test_cleaning_is_idempotent_and_offsets_hold(lines: list[str]) -> None:
    raw = "\n".join(lines)
    first = clean_text(raw)
    assert clean_text(first.text).text == first.text
    assert all(raw[r.start : r.end] == r.text for r in first.removed)
    for paragraph in (P1, P2, P3):
        assert (paragraph in first.text) == (paragraph in raw)
        assert first.text.count(paragraph) <= 1


def _expectations() -> dict[str, dict]:
    path = ROOT / "tests" / "fixtures" / "sample_expectations.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_sample_articles_keep_every_genuine_paragraph(sample_articles) -> None:
    expectations = _expectations()
    by_id = {a.id: a for a in sample_articles}
    assert set(expectations) <= set(by_id)
    for article_id, expected in expectations.items():
        article = by_id[article_id]
        for paragraph in expected["paragraphs"]:
            assert article.text.count(paragraph.strip()) == 1, (article_id, paragraph[:40])
        for line in expected["boilerplate"]:
            assert line.strip() not in article.text.split("\n"), (article_id, line)
        if expected.get("byline"):
            assert expected["byline"] in article.byline, (article_id, article.byline)
        if expected.get("date"):
            assert article.date == expected["date"], article_id


def test_sample_duplicated_body_removed(sample_articles) -> None:
    duplicated = [k for k, v in _expectations().items() if v.get("duplicated_body")]
    assert duplicated, "sample_data must include a page carrying its body twice"
    by_id = {a.id: a for a in sample_articles}
    for article_id in duplicated:
        reasons = {r.reason for r in by_id[article_id].removed}
        assert "duplicate_body" in reasons
        assert reasons & {"banner", "copyright"}
