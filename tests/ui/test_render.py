"""Safe RTL rendering: escaping and highlight segmentation from offsets."""

from __future__ import annotations

import html
import re

import pytest

from analysis.records import Entity, Quote
from ui.render import legend_html, metadata_html, render_article, speaker_colour

TAG = re.compile(r"<[^>]+>")


def _visible(fragment: str) -> str:
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


@pytest.mark.parametrize(
    ("value", "link"),
    [
        ("http://www.jawharafm.net/ar/article/مخرج-غدوة-حي/95/76326", True),
        ("https://example.org/a?b=1&c=2", True),
        ('https://example.org/"><script>alert(1)</script>', True),  # a link, its quote escaped
        ("javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("http:/no-host", False),
        ("https://example.org/a b", False),
        ("وكالات", False),
    ],
)
def test_metadata_links_only_web_addresses(value: str, link: bool) -> None:
    out = metadata_html([("url", value)])
    assert ("<a href=" in out) is link
    assert "<script>" not in out and _visible(out).endswith(value)
    if link:
        assert 'target="_blank" rel="noopener noreferrer"' in out
        assert re.search(r'href="([^"]*)"', out).group(1) == html.escape(value, quote=True)


def test_legend_words_labels_and_the_unattributed() -> None:
    out = legend_html(["سامي", None], ["PERS", "MISC"], label_names={"PERS": "شخص"}, unknown="(دون نسبة)")
    assert _visible(out) == "سامي(دون نسبة)شخصMISC"
    assert _visible(legend_html([None], ["PERS"])) == "?PERS"
