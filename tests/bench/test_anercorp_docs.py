"""ANERcorp windows as texts for quote annotation (bench/anercorp_docs.py) and their use by the gold tools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.anercorp_docs import anercorp_documents, detokenise
from bench.anercorp_heldout import counts_without, other_half, use_models
from bench.news_gold import build_gold, read_corpus, strip_article
from bench.quotes_eval_texts import main as texts_main
from train.train_ner import read_bio


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["وقال", "الوزير", ":", '"', "نحن", "هنا", '"', "."], 'وقال الوزير: "نحن هنا".'),
        (["أعلن", "(", "رويترز", ")", "،", "«", "لا", "»", "!"], "أعلن (رويترز)، «لا»!"),
        # two straight-quoted stretches in one sentence: the marks pair up in order
        (["بين", '"', "أ", '"', "و", '"', "ب", "ج", '"', "؟"], 'بين "أ" و "ب ج"؟'),
        # an unbalanced mark opens and stays open
        (["قال", '"', "لن", "نعود"], 'قال "لن نعود'),
        (["نسبة", "20", "%", "،", "أي", "6.3", "مليون"], "نسبة 20%، أي 6.3 مليون"),
    ],
)
def test_detokenise_writes_the_sentence_as_printed(tokens: list[str], text: str) -> None:
    assert detokenise(tokens) == text


BIO = """وقال O
الوزير O
سامي B-PERS
الحمدي I-PERS
: O
" O
نحن O
هنا O
" O

وأضاف O
أن O
العمل O
مستمر O
. O

ثم O
غادر O
. O
"""


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "train.txt"
    path.write_text(BIO, encoding="utf-8")
    return path


def test_documents_are_windows_of_consecutive_sentences_one_per_line(tmp_path: Path) -> None:
    path = _corpus(tmp_path)
    assert [len(words) for words, _ in read_bio(path)] == [9, 5, 3]
    docs = anercorp_documents(path, size=2)
    assert docs == [
        {"docno": "anercorp:0-1", "text": 'وقال الوزير سامي الحمدي: "نحن هنا"\nوأضاف أن العمل مستمر.'},
        {"docno": "anercorp:2-2", "text": "ثم غادر."},
    ]


def test_the_gold_tools_read_anercorp_rows_like_corpus_rows(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    # five more sentences of distinct words: one window of eight sentences, 400+ characters
    sentences = "\n".join(
        "".join(
            f"{word} O\n"
            for word in f"وناقش المجلس الملف رقم {n} في جلسة مطولة يوم {n + 3} مارس بحضور الأعضاء والخبراء .".split()
        )
        for n in range(5)
    )
    path.write_text(BIO + "\n" + sentences, encoding="utf-8")
    rows = read_corpus(path)
    assert len(rows) == 1 and rows[0]["text"].startswith("وقال الوزير سامي الحمدي")
    out = tmp_path / "texts.jsonl"
    assert texts_main([str(path), "--start", "0", "--step", "1", "--count", "5", "--out", str(out)]) == 0
    (line,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (line["id"], line["row"], line["docno"]) == ("anc0", 0, "anercorp:0-7")
    text = rows[0]["text"]
    assert line["text"] == text
    start = text.index("نحن هنا")
    gold = {
        "id": "anc0",
        "text": text,
        "quotes": [{"kind": "direct", "start": start, "end": start + 7, "speaker": "سامي الحمدي"}],
    }
    stripped = strip_article(gold, row=0, docno=rows[0]["docno"])
    (built,) = build_gold([stripped], path)
    assert built["text"] == text
    assert built["quotes"][0]["text"] == "نحن هنا"
    assert built["quotes"][0]["speaker"] == "سامي الحمدي"


@pytest.mark.parametrize(
    ("rows", "half"),
    [([248, 300, 494], (0, 1981)), ([0, 5, 246], (1981, 3962))],
)
def test_held_out_models_learn_from_the_half_no_window_touches(rows: list[int], half: tuple[int, int]) -> None:
    assert other_half(rows, 3962) == half


def test_windows_across_both_halves_have_no_held_out_half() -> None:
    with pytest.raises(SystemExit, match="straddle"):
        other_half([10, 247], 3962)  # window 247 is sentences 1976-1983, across the cut at 1981


def test_held_out_models_replace_the_shipped_ones_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.entities as entities
    import analysis.quotes.lexicon as quote_lexicon

    monkeypatch.setattr(entities, "MODEL_PATH", entities.MODEL_PATH)  # restored after the test
    monkeypatch.setattr(quote_lexicon, "load_lines", quote_lexicon.load_lines)
    (tmp_path / "person_words.tsv").write_text("# word\tB-PERS\tI-PERS\ttotal\nزيد\t5\t0\t5\n", encoding="utf-8")
    try:
        use_models(tmp_path)
        assert tmp_path / "ner_crf.crfsuite" == entities.MODEL_PATH
        assert quote_lexicon.lexicon().person_words == {"زيد": (5, 0, 5)}
        assert quote_lexicon.lexicon().cues  # the other word lists are the shipped ones
        assert "قرطاس" not in quote_lexicon.lexicon().first_names
        (tmp_path / "given_names_mined.tsv").write_text("# mined again\nقرطاس\tM\t9\n", encoding="utf-8")
        use_models(tmp_path)  # given names mined with the held-out tagger are read only when asked for
        assert "قرطاس" not in quote_lexicon.lexicon().first_names
        use_models(tmp_path, mined=True)
        assert quote_lexicon.lexicon().first_names["قرطاس"] == "M"
        assert quote_lexicon.lexicon().person_words == {"زيد": (5, 0, 5)}
    finally:
        quote_lexicon.lexicon.cache_clear()
        entities._shipped_tagger.cache_clear()


def test_word_counts_leave_the_scored_windows_out(tmp_path: Path) -> None:
    """Window 0 is sentences 0-7: its words are not counted; the rest is counted as build_known_words does
    (normalised, Arabic letters only, at least twice)."""
    sentence = "أحمد B-PERS\nأحمد I-PERS\nأحمد O"
    corpus = "\n\n".join([sentence] * 8) + "\n\nوقال O\nعمرو B-PERS\nعمرو B-PERS\nأحمد B-PERS\nReuters O\n"
    path = tmp_path / "train.txt"
    path.write_text(corpus, encoding="utf-8")
    assert counts_without(path, []) == {"احمد": 25, "عمرو": 2}
    assert counts_without(path, [0]) == {"عمرو": 2}  # «احمد» once, «وقال» once: under the minimum


def test_held_out_word_counts_replace_the_shipped_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.entities as entities
    import analysis.quotes.lexicon as quote_lexicon
    import analysis.tokens as tokens

    for module in (quote_lexicon, tokens):
        monkeypatch.setattr(module, "load_counts", module.load_counts)
    monkeypatch.setattr(quote_lexicon, "load_lines", quote_lexicon.load_lines)
    monkeypatch.setattr(entities, "MODEL_PATH", entities.MODEL_PATH)
    (tmp_path / "person_words.tsv").write_text("# word\tB-PERS\tI-PERS\ttotal\n", encoding="utf-8")
    assert tokens.split_clitics("لروسيا") == ("ل", "روسيا")  # «روسيا» is a known word
    try:
        use_models(tmp_path, known_words={"زيد": 40})
        assert quote_lexicon.lexicon().word_counts == {"زيد": 40}
        assert tokens.split_clitics("لروسيا") == ("", "لروسيا")  # no longer
    finally:
        quote_lexicon.lexicon.cache_clear()
        tokens._known.cache_clear()
        tokens._splits.cache_clear()
        entities._shipped_tagger.cache_clear()
