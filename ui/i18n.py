"""Bilingual labels (Arabic / English) and :func:`t` to look them up in the current language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

__all__ = ["LABELS", "LANG_NAMES", "column_names", "current_lang", "headers", "set_lang", "t", "value_label"]

LANG_NAMES: dict[str, str] = {"ar": "العربية", "en": "English"}
_LANG_KEY = "_nl_lang"

# key: (ar, en)
LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("عدسة الأخبار العربية", "Arabic News Lens"),
    "language": ("اللغة", "Language"),
    "share_link": ("رابط المشاركة", "Share link"),
    "copy": ("نسخ", "Copy"),
    "copied": ("تم النسخ", "Copied"),
    "share_help": ("انسخ هذا الرابط لإعادة فتح العرض نفسه", "Copy this link to reopen this exact view"),
    "page_corpus": ("المدونة", "Corpus"),
    "page_frequencies": ("التكرارات", "Frequencies"),
    "page_quotes": ("الاقتباسات", "Quotes"),
    "page_entities": ("الكيانات", "Entities"),
    "page_reader": ("القارئ", "Reader"),
    "corpus": ("المدونة", "Corpus"),
    "corpora": ("المدونات المحفوظة", "Stored corpora"),
    "switch_corpus": ("التبديل إلى مدونة", "Switch corpus"),
    "sample_corpus": ("مدونة العيّنة", "Sample corpus"),
    "n_articles": ("عدد المقالات", "Articles"),
    "n_failures": ("ملفات تعذّر تحميلها", "Load failures"),
    "upload": ("رفع ملفات", "Upload files"),
    "upload_help": (
        "txt, html, csv, tsv, jsonl, json, zip — UTF-8 / UTF-16 / windows-1256",
        "txt, html, csv, tsv, jsonl, json, zip — UTF-8 / UTF-16 / windows-1256",
    ),
    "paste": ("لصق نص", "Paste text"),
    "paste_title": ("العنوان (اختياري)", "Title (optional)"),
    "add_text": ("إضافة النص", "Add text"),
    "analysing": ("جارٍ التحليل…", "Analysing…"),
    "counting": ("جارٍ عدّ المصطلحات…", "Counting terms…"),
    "searching": ("جارٍ البحث في النصوص…", "Searching the texts…"),
    "added": ("أضيفت {n} مقالة", "{n} article(s) added"),
    "nothing_new": ("لا مقالات جديدة", "No new articles"),
    "load_failed": ("تعذّر تحميل {source}: {message}", "Could not load {source}: {message}"),
    "articles": ("المقالات", "Articles"),
    "delete_selected": ("حذف المقالات المحددة", "Delete selected articles"),
    "deleted": ("حُذفت {n} مقالة", "{n} article(s) deleted"),
    "cleaning_report": ("تقرير التنظيف", "Cleaning report"),
    "no_removals": ("لم يُحذف شيء", "Nothing was removed"),
    "failures": ("أخطاء التحميل", "Load failures"),
    "empty_corpus": (
        "المدونة فارغة: ارفع ملفات من صفحة المدونة",
        "The corpus is empty: upload files on the Corpus page",
    ),
    "normalization": ("التطبيع", "Normalisation"),
    "norm_help": (
        "ما يوحَّد قبل العدّ: حذف التشكيل والتطويل، توحيد صور الألف، الألف المقصورة ياءً، التاء المربوطة هاءً، "
        "وتنظيف الحروف بجدول arclean من CAMeL",
        "What is unified before counting: diacritics and tatweel removed, alef forms, alef maksura as yeh, teh "
        "marbuta as heh, and characters cleaned with CAMeL's arclean map",
    ),
    "clitics": ("فصل السوابق (و ف ب ل ك ال)", "Split clitics (و ف ب ل ك ال)"),
    "keep_stopwords": ("الإبقاء على كلمات التوقف", "Keep stopwords"),
    "ngram": ("طول العبارة (n-gram)", "N-gram size"),
    "top": ("أعلى N", "Top N"),
    "term_frequencies": ("تكرار المصطلحات", "Term frequencies"),
    "term": ("مصطلح", "Term"),
    "count": ("العدد", "Count"),
    "doc_count": ("عدد المقالات", "Documents"),
    "pick_term": ("اختر مصطلحًا", "Pick a term"),
    "kwic": ("الكلمة في سياقها", "Keyword in context"),
    "kwic_help": ("اكتب مصطلحًا أو اختره من القائمة", "Type a term or pick one from the list"),
    "no_matches": ("لا نتائج", "No matches"),
    "trends": ("التوزيع حسب التاريخ والمصدر", "Breakdown by date and source"),
    "by_date": ("حسب التاريخ", "By date"),
    "by_source": ("حسب المصدر", "By source"),
    "no_dates": ("لا تواريخ في هذه المدونة", "No dates in this corpus"),
    "kind": ("النوع", "Kind"),
    "speaker": ("المتحدث", "Speaker"),
    "all": ("الكل", "All"),
    "speaker_entities": ("المتحدثون والكيانات المطابقة لهم", "Speakers and their person entities"),
    "ner_backend": ("محرّك التعرّف على الكيانات", "NER backend"),
    "shipped": ("المدمج (CRF)", "Shipped (CRF)"),
    "camel": ("CAMeL BERT", "CAMeL BERT"),
    "camel_missing": (
        "نموذج CAMeL غير مثبّت: ثبّته بالأمر camel_data -i ner-arabert لاستعماله",
        "CAMeL's NER model is not installed: `camel_data -i ner-arabert` makes it available here",
    ),
    "by": ("حسب", "By"),
    "matrix_help": ("أكثر المتحدثين اقتباسا وأكثر الأعمدة نشاطا؛ التنزيل يحوي كل الأزواج", "Most quoted speakers and busiest columns; the download holds every pair"),
    "refreshing": ("تحديث التحليل بعد ترقية الأداة…", "Updating analyses made by an older version…"),
    "none": ("لا شيء", "None"),
    "unattributed": ("(دون نسبة)", "(unattributed)"),
    "source": ("المصدر", "Source"),
    "article": ("المقالة", "Article"),
    "quotes": ("الاقتباسات", "Quotes"),
    "quotes_per_speaker": ("الاقتباسات لكل متحدث", "Quotes per speaker"),
    "click_bar": ("انقر على عمود لاختيار المتحدث", "Click a bar to pick the speaker"),
    "quote_context": ("الاقتباس في سياقه", "Quote in context"),
    "select_row": ("حدّد صفًا لعرض الاقتباس في سياقه", "Select a row to see the quote in context"),
    "speaker_article": ("المتحدثون × المقالات", "Speakers × articles"),
    "no_quotes": ("لا اقتباسات", "No quotes"),
    "open_reader": ("فتح في القارئ", "Open in reader"),
    "label": ("الفئة", "Label"),
    "entities": ("الكيانات", "Entities"),
    "per_label": ("الإشارات لكل فئة", "Mentions per label"),
    "top_entities": ("أبرز الكيانات", "Top entities"),
    "cooccurrence": ("الظهور المشترك (في الجملة نفسها)", "Co-occurrence (same sentence)"),
    "mentions": ("الإشارات", "Mentions"),
    "pick_entity": ("اختر كيانًا لعرض إشاراته", "Pick an entity to see its mentions"),
    "no_entities": ("لا كيانات", "No entities"),
    "metadata": ("البيانات الوصفية", "Metadata"),
    "title": ("العنوان", "Title"),
    "date": ("التاريخ", "Date"),
    "byline": ("الوكالة", "Byline"),
    "url": ("الرابط", "URL"),
    "legend": ("مفتاح الألوان", "Legend"),
    "show_removed": ("إظهار ما حذفه التنظيف", "Show what cleaning removed"),
    "reason": ("السبب", "Reason"),
    "text": ("النص", "Text"),
    "no_article": ("لا مقالة", "No article"),
    "download_csv": ("تنزيل CSV", "Download CSV"),
    "download_json": ("تنزيل JSON", "Download JSON"),
    "unknown_corpus": ("المدونة غير موجودة؛ عُرضت مدونة العيّنة", "Unknown corpus; showing the sample corpus"),
    "role": ("الصفة", "Role"),
    "cue": ("فعل القول", "Cue"),
    "arabic_share": ("نسبة العربية", "Arabic share"),
    "n_removed": ("مقاطع محذوفة", "Removed spans"),
    "warnings": ("تحذيرات", "Warnings"),
    "new_corpus_name": ("مدونة مرفوعة", "Uploaded corpus"),
    # the tables' other column headers (:func:`headers`)
    "id": ("المعرّف", "ID"),
    "start": ("البداية", "Start"),
    "end": ("النهاية", "End"),
    "canonical": ("الاسم الموحّد", "Canonical name"),
    "mention": ("الإشارة", "Mention"),
    "left": ("قبل", "Before"),  # KWIC's and a mention's text before the match (records.KWIC_COLUMNS)
    "right": ("بعد", "After"),
    "a": ("الكيان الأول", "Entity A"),
    "b": ("الكيان الثاني", "Entity B"),
    "entity": ("الكيان", "Entity"),
    "n_quotes": ("عدد الاقتباسات", "Quotes"),
    "entity_count": ("إشارات الكيان", "Entity mentions"),
    "entity_doc_count": ("مقالات الكيان", "Entity articles"),
    "error": ("الخطأ", "Error"),
    "message": ("الرسالة", "Message"),
    # values shown in widgets and table cells (:func:`value_label`); the data keep the codes
    "kind.direct": ("مباشر", "Direct"),
    "kind.partial": ("جزئي", "Partial"),
    "kind.indirect": ("غير مباشر", "Indirect"),
    "kind.term": ("مصطلح بين علامتين", "Quoted term"),
    "label.PERS": ("شخص", "Person"),
    "label.LOC": ("مكان", "Place"),
    "label.ORG": ("منظمة", "Organisation"),
    "label.MISC": ("أخرى", "Other"),
    "norm.dediac": ("التشكيل", "Diacritics"),
    "norm.alef": ("أ إ آ ← ا", "أ إ آ → ا"),
    "norm.alef_maksura": ("ى ← ي", "ى → ي"),
    "norm.teh_marbuta": ("ة ← ه", "ة → ه"),
    "norm.tatweel": ("التطويل", "Tatweel"),
    "norm.arclean": ("arclean", "arclean"),
}


def current_lang() -> str:
    """The interface language of this session (``ar`` by default)."""
    return st.session_state.get(_LANG_KEY, "ar")


def set_lang(lang: str) -> None:
    st.session_state[_LANG_KEY] = lang if lang in LANG_NAMES else "ar"


def t(key: str, **values: object) -> str:
    """The label ``key`` in the current language, formatted with ``values``; the key itself if unknown."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    text = pair[0] if current_lang() == "ar" else pair[1]
    return text.format(**values) if values else text


def value_label(column: str, value: str) -> str:
    """How a code of ``column`` reads in the current language: ``value_label("kind", "direct")`` → «مباشر»; an
    unknown code reads as itself."""
    return t(f"{column}.{value}") if f"{column}.{value}" in LABELS else value


def _codes(column: str) -> list[str]:
    prefix = f"{column}."
    return [key.removeprefix(prefix) for key in LABELS if key.startswith(prefix)]


def headers(columns: Iterable[str]) -> dict[str, Any]:
    """``st.dataframe``'s ``column_config`` for a table's columns in the current language: headers «المتحدث»,
    «الصفة»…, and a code column (``kind``, ``label``) showing its codes' words («مباشر», «شخص»). Only the display
    changes: the frame, its row selections and its downloads keep the analysis's column names and codes."""
    config: dict[str, Any] = {}
    for column in columns:
        if column not in LABELS:
            continue
        codes = _codes(column)
        config[column] = (
            st.column_config.SelectboxColumn(
                t(column), options=codes, format_func=lambda code, column=column: value_label(column, code)
            )
            if codes
            else t(column)
        )
    return config


def column_names() -> dict[str, str]:
    """The words for the tables' columns in the current language, for the charts' axes and hover labels
    (:mod:`ui.charts`)."""
    return {column: t(column) for column in ("term", "count", "doc_count", "speaker", "label", "date", "source")}
