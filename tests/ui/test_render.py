"""Safe RTL rendering: escaping and highlight segmentation from offsets."""

from __future__ import annotations

import re

from analysis.records import Entity, Quote
from ui.render import legend_html, metadata_html, render_article, speaker_colour

TAG = re.compile(r"<[^>]+>")


def _visible(fragment: str) -> str:
    import html

    return html.unescape(TAG.sub("", fragment))


def test_text_is_escaped_and_kept() -> None:
    text = 'قال <script>alert(1)</script> و<img src=x onerror=alert(2)> "نعم" & لا'
    out = render_article(text)
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out
    assert _visible(out) == text


def test_quotes_and_entities_from_offsets() -> None:
    text = "وقال الوزير أحمد: سنواصل العمل في تونس"
    quote_start = text.index("سنواصل")
    quote = Quote("a", text[quote_start:], "direct", quote_start, len(text), speaker="أحمد")
    place = text.index("تونس")
    entities = [
        Entity("a", "أحمد", "PERS", text.index("أحمد"), text.index("أحمد") + 4, "أحمد"),
        Entity("a", "تونس", "LOC", place, place + 4, "تونس"),
    ]
    out = render_article(text, [quote], entities)
    assert _visible(out) == text
    assert out.count('<mark class="nl-quote"') == 2  # the quote is cut where the nested entity starts
    assert f"background:{speaker_colour('أحمد')}" in out
    assert out.count('class="nl-ent"') == 2
    # the entity inside the quote is nested in the mark, not the other way round
    assert re.search(r'<mark[^>]*><span class="nl-ent"[^>]*>تونس</span></mark>', out)


def test_overlapping_spans_and_bad_offsets() -> None:
    text = "abcdefghij"
    spans = [{"start": 2, "end": 6, "speaker": "x"}, {"start": 4, "end": 8, "speaker": "y"}]
    out = render_article(text, spans, [{"start": -5, "end": 3, "label": "ORG"}, {"start": 9, "end": 99}, {"start": 5}])
    assert _visible(out) == text
    # every cut point produces balanced markup
    assert out.count("<mark") == out.count("</mark>")
    assert out.count("<span") == out.count("</span>")


def test_paragraphs_and_quotes_across_them() -> None:
    text = "أول\n\nثان «يمتد\nإلى الثالث»"
    start = text.index("يمتد")
    out = render_article(text, [{"start": start, "end": text.index("»"), "speaker": None}])
    assert out.count("<p>") == 3
    assert out.count("<mark") == 2  # reopened in the next paragraph


def test_legend_and_metadata_escape() -> None:
    assert "<b>x" not in legend_html(["<b>x", None], ["PERS"])
    out = metadata_html([("t", "<script>"), ("empty", ""), ("nan", float("nan"))])
    assert "&lt;script&gt;" in out and "empty" not in out and "nan" not in out
