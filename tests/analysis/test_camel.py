"""The fast tokenizer must equal camel-tools' simple_word_tokenize token for token."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.camel import (
    camel_simple_word_tokenize,
    dediacritize,
    normalize,
    simple_word_tokenize,
    token_spans,
    tokenize_lines,
)
from analysis.loading import decode_bytes
from tests.conftest import JAWHARA, ROOT, iter_jawhara, sample_files

CASES = [
    "قال الوزير: «سنواصل العمل».",
    'وأضاف أن "الإصلاح ضروري"، مشيرا إلى أنّ الحكومة...',
    "“نعم” قالت المديرة؛ ثم غادرت!",
    "العدد 3.5% من 1,200 دينار (2024)",
    "تونس-وات/ أ.ف.ب",
    "وزير الخارجية ـــ التونسي",
    "emoji 😀👍🏽 and flags 🇹🇳 keycap 1️⃣ zwj 👩‍💻",
    "©2024 ™ ‼ § ¶ • … ‹› —",
    "tabs\tand\nnewlines\u00a0nbsp\u2003em\u200bzwsp\u200czwnj",
    "𝐁old math 𐀀 linear-b ٣٤٥ ۶۷",
    "",
    "   ",
]


@pytest.mark.parametrize("text", CASES)
def test_tokens_equal_camel(text: str) -> None:
    assert simple_word_tokenize(text) == camel_simple_word_tokenize(text)


@pytest.mark.parametrize("text", CASES)
def test_spans_point_at_tokens(text: str) -> None:
    assert [text[s:e] for s, e in token_spans(text)] == camel_simple_word_tokenize(text)


def test_tokens_equal_camel_on_sample_data() -> None:
    files = sample_files()
    assert len(files) >= 5, "sample_data/ must hold the demo corpus"
    for path in files:
        text = decode_bytes(path.read_bytes(), name=path.name)
        assert simple_word_tokenize(text) == camel_simple_word_tokenize(text), path.name


@pytest.mark.shared
@pytest.mark.skipif(not JAWHARA.exists(), reason="../shared/data/jawharafm not present")
def test_tokens_equal_camel_on_jawhara() -> None:
    mismatches = [i for i, text in enumerate(iter_jawhara(2000)) if simple_word_tokenize(text) != camel_simple_word_tokenize(text)]
    assert mismatches == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_tokens_equal_camel_on_any_text(text: str) -> None:
    assert simple_word_tokenize(text) == camel_simple_word_tokenize(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("قال وزير «»\"“”.،:؛!؟ 123\nـًٌٍَُِّْ😀👍🏽‍️⃣#*")), max_size=80))
def test_tokens_equal_camel_on_arabic_like_text(text: str) -> None:
    spans = token_spans(text)
    assert [text[s:e] for s, e in spans] == camel_simple_word_tokenize(text)
    assert all(s < e for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def _camel_lines(text: str) -> list[str]:
    return [token for line in text.split("\n") for token in [*camel_simple_word_tokenize(line), "\n"]]


@pytest.mark.parametrize("text", [*CASES, "سطر\n\nسطر 😀\n", "\n"])
def test_line_tokens_are_camel_tokens_with_line_ends(text: str) -> None:
    assert tokenize_lines(text) == _camel_lines(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("قال وزير «».،\n\r 12😀‍️")), max_size=60))
def test_line_tokens_always_are_camel_tokens_with_line_ends(text: str) -> None:
    assert tokenize_lines(text) == _camel_lines(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أعلنَ", "اعلن"),
        ("إلى", "الي"),
        ("مصطفى", "مصطفي"),
        ("آمال", "امال"),
        ("جـــديد", "جديد"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_options_are_independent() -> None:
    assert normalize("مدرسةُ", teh_marbuta=True) == "مدرسه"
    assert normalize("أعلنَ", alef=False) == "أعلن"
    assert normalize("أعلنَ", dediac=False) == "اعلنَ"
    assert dediacritize("إنّ") == "إن"


@pytest.mark.parametrize(
    "text",
    [
        "إنَّ الحكومةَ قرّرتْ",
        "كِتَابٌ وكتابًا وكتابٍ",
        "هٰذا رحمٰن",  # the dagger alef
        "ٱلْحَمْدُ لِلَّهِ ۖ ۚ ۗ",  # Quranic marks and alef wasla are no harakat
        "جـــديد ، 3.5% 😀",
        "",
    ],
)
def test_dediacritize_removes_what_camels_dediac_ar_removes(text: str) -> None:
    from camel_tools.utils.dediac import dediac_ar

    assert dediacritize(text) == dediac_ar(text)


def test_the_diacritics_are_camels_set() -> None:
    from camel_tools.utils.charsets import AR_DIAC_CHARSET

    from analysis.camel import _DIACRITICS_RE

    assert {chr(c) for c in range(0x10000) if _DIACRITICS_RE.fullmatch(chr(c))} == set(AR_DIAC_CHARSET)


def test_normalising_and_tokenising_build_no_unicode_tables() -> None:
    """Normalising and tokenising (what the dashboard's first views, the KWIC stream and the CLI do) never import
    camel's ``charsets`` module, whose Unicode tables cost 0.35–1 s to build; camel's reference tokenizer does, and
    so does text with emoji, through camel's per-word algorithm's full symbol set (written out, not imported)."""
    import subprocess
    import sys

    probe = (
        "import sys; from analysis.camel import normalize, simple_word_tokenize, camel_simple_word_tokenize; "
        "normalize('أعلنَ الرئيسُ'); print('camel_tools.utils.charsets' in sys.modules); "
        "simple_word_tokenize('قال: «نعم» 👍🏽'); print('camel_tools.utils.charsets' in sys.modules); "
        "camel_simple_word_tokenize('قال'); print('camel_tools.utils.charsets' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert shown.stdout.split() == ["False", "False", "True"]


def test_the_symbol_regex_and_set_are_camels() -> None:
    """The tokenizer's written-out copies of camel-tools' symbol regex and set (a camel-tools upgrade that changes
    either fails here; the token-by-token comparisons above would then disagree too)."""
    from camel_tools.tokenizers.word import _SYMBOLS_ALL, _SYMBOLS_RE

    from analysis.camel import _CAMEL_SYMBOLS_PATTERN, _symbol_chars

    assert _SYMBOLS_RE.pattern == _CAMEL_SYMBOLS_PATTERN
    assert _symbol_chars() == _SYMBOLS_ALL
    assert _symbol_chars(0x10000) == {c for c in _SYMBOLS_ALL if len(c) > 1 or ord(c) < 0x10000}
