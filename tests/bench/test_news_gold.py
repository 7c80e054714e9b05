"""Real-news annotations: drafts are placed on the text, kept without text, rebuilt identically."""

from __future__ import annotations

import json
import lzma

import pytest

from analysis.cleaning import clean_text
from bench import news_gold
from bench.news_gold import PlacementError, build_article, place_article, place_quote, strip_article

TEXT = (
    'وأكد وزير الصحة سامي بن علي أن الوضع الوبائي "مستقر" في كامل الولايات.\n'
    'وأضاف: "سنواصل حملة التلقيح". وقال بن علي إن حملة "صحتك أمانة" ستتواصل.'
)


@pytest.mark.parametrize(
    ("draft", "content"),
    [
        ({"kind": "direct", "text": '"سنواصل حملة التلقيح"'}, "سنواصل حملة التلقيح"),
        ({"kind": "direct", "text": "سنواصل حملة التلقيح"}, "سنواصل حملة التلقيح"),
        ({"kind": "indirect", "from": "الوضع الوبائي", "to": "الولايات."}, 'الوضع الوبائي "مستقر" في كامل الولايات'),
        ({"kind": "partial", "text": "مستقر"}, "مستقر"),
        ({"kind": "term", "text": "«صحتك أمانة»".replace("«", '"').replace("»", '"')}, "صحتك أمانة"),
        ({"kind": "direct", "text": "حملة", "nth": 2}, "حملة"),
    ],
)
def test_place_quote_finds_the_content_without_marks(draft: dict, content: str) -> None:
    start, end = place_quote(TEXT, draft)
    assert TEXT[start:end] == content


def test_place_quote_nth_counts_occurrences() -> None:
    first = place_quote(TEXT, {"kind": "direct", "text": "حملة"})
    second = place_quote(TEXT, {"kind": "direct", "text": "حملة", "nth": 2})
    assert first[0] < second[0]


@pytest.mark.parametrize(
    "draft",
    [{"kind": "direct", "text": "لم يقلها أحد"}, {"kind": "indirect", "from": "الوضع", "to": "غير موجود"}, {"kind": "direct"}],
)
def test_place_quote_refuses_words_not_in_the_text(draft: dict) -> None:
    with pytest.raises(PlacementError):
        place_quote(TEXT, draft)


def test_place_article_reports_problems_and_keeps_the_rest() -> None:
    draft = {"id": "a1", "quotes": [
        {"kind": "direct", "text": "سنواصل حملة التلقيح", "speaker": "سامي بن علي", "speaker_mention": None, "cue": "وأضاف"},
        {"kind": "direct", "text": "كلام غير موجود", "speaker": "x"},
        {"kind": "speech", "text": "حملة"},
    ]}
    gold, problems = place_article(TEXT, draft)
    assert [q["text"] for q in gold["quotes"]] == ["سنواصل حملة التلقيح"]
    assert len(problems) == 2


def test_strip_keeps_no_text_and_build_restores_the_gold() -> None:
    draft = {"id": "a1", "quotes": [
        {"kind": "indirect", "from": "الوضع الوبائي", "to": "الولايات", "speaker": "سامي بن علي",
         "speaker_mention": "وزير الصحة سامي بن علي", "cue": "وأكد"},
        {"kind": "direct", "text": "سنواصل حملة التلقيح", "speaker": "سامي بن علي", "speaker_mention": None, "cue": "وأضاف"},
        {"kind": "indirect", "from": "حملة", "to": "ستتواصل", "nth": 2, "speaker": "وزير بن علي", "speaker_mention": "بن علي", "cue": "وقال"},
        {"kind": "term", "text": "صحتك أمانة", "speaker": None, "speaker_mention": None, "cue": None},
    ]}
    gold, problems = place_article(TEXT, draft)
    assert not problems
    stripped = strip_article(gold, row=7, docno="d7")
    serialised = json.dumps(stripped, ensure_ascii=False)
    assert not any(word in serialised for word in ("الوبائي", "سامي", "حملة"))
    rebuilt = build_article(stripped, TEXT)
    assert rebuilt == gold  # a name the text writes apart («وزير بن علي») is rebuilt from its words


def test_build_refuses_a_changed_text() -> None:
    gold, _ = place_article(TEXT, {"id": "a1", "quotes": [{"kind": "term", "text": "صحتك أمانة"}]})
    with pytest.raises(PlacementError, match="changed"):
        build_article(strip_article(gold, row=0), TEXT + " ")


def test_cli_round_trip_through_a_corpus(tmp_path) -> None:
    raw = TEXT + "\n\nجميع الحقوق محفوظة"
    corpus = tmp_path / "corpus.jsonl.xz"
    with lzma.open(corpus, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"docno": "x"}) + "\n" + json.dumps({"docno": "d1", "text": raw}, ensure_ascii=False) + "\n")
    cleaned = clean_text(raw).text
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": "jfm1", "row": 1, "docno": "d1", "text": cleaned}, ensure_ascii=False) + "\n", encoding="utf-8")
    drafts = tmp_path / "drafts.jsonl"
    drafts.write_text(json.dumps({"id": "jfm1", "quotes": [{"kind": "direct", "text": "سنواصل حملة التلقيح", "speaker": "سامي بن علي", "cue": "وأضاف"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    gold, stripped, rebuilt = tmp_path / "gold.jsonl", tmp_path / "stripped.jsonl", tmp_path / "rebuilt.jsonl"
    assert news_gold.main(["place", str(texts), str(drafts), "--out", str(gold)]) == 0
    assert news_gold.main(["strip", str(gold), "--texts", str(texts), "--out", str(stripped)]) == 0
    assert news_gold.main(["build", str(stripped), str(corpus), "--out", str(rebuilt)]) == 0
    assert rebuilt.read_text(encoding="utf-8") == gold.read_text(encoding="utf-8")


def test_eval_quotes_scores_text_free_annotations_from_the_corpus(tmp_path, capsys) -> None:
    from bench import eval_quotes

    raw = TEXT
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"docno": "d0", "text": raw}, ensure_ascii=False) + "\n", encoding="utf-8")
    gold, _ = place_article(clean_text(raw).text, {"id": "jfm0", "quotes": [
        {"kind": "direct", "text": "سنواصل حملة التلقيح", "speaker": "سامي بن علي", "cue": "وأضاف"}]})
    stripped = tmp_path / "dev.jsonl"
    stripped.write_text(json.dumps(strip_article(gold, row=0), ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        eval_quotes.main([str(stripped)])  # offsets only and no corpus: refused
    assert eval_quotes.main([str(stripped), "--corpus", str(corpus)]) == 0
    speech = json.loads(capsys.readouterr().out.splitlines()[0])
    assert speech["subset"] == "speech" and speech["gold"] == 1


def test_eval_quotes_against_a_second_annotation_scores_agreement(tmp_path, capsys) -> None:
    from bench import eval_quotes

    text = clean_text(TEXT).text

    def write(name: str, speaker: str) -> str:
        gold, _ = place_article(text, {"id": "jfm0", "quotes": [
            {"kind": "direct", "text": "سنواصل حملة التلقيح", "speaker": speaker, "cue": "وأضاف"},
            {"kind": "partial", "text": "مستقر", "speaker": "سامي بن علي", "cue": "وأكد"}]})
        path = tmp_path / name
        path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
        return str(path)

    first, second = write("first.jsonl", "سامي بن علي"), write("second.jsonl", "وزير الصحة")
    assert eval_quotes.main([first, "--against", second]) == 0
    speech = json.loads(capsys.readouterr().out.splitlines()[0])
    assert (speech["f1"], speech["speaker_accuracy"]) == (100.0, 50.0)


def test_draft_helper_takes_a_span_by_its_ends_as_annotating_md_shows() -> None:
    """``Q("indirect", frm=…, to=…)`` (the form ANNOTATING.md gives) needs no text argument."""
    from bench.annotate_draft import Q

    draft = Q("indirect", frm="الوضع الوبائي", to="الولايات.", speaker="سامي بن علي", cue="وأكد")
    assert (draft["from"], draft["to"]) == ("الوضع الوبائي", "الولايات.")
    start, end = place_quote(TEXT, draft)
    assert TEXT[start:end] == 'الوضع الوبائي "مستقر" في كامل الولايات'
