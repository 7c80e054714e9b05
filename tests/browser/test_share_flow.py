"""End to end in real chromium: upload through the browser, open the quotes page, share the link, reopen it.

Needs Debian's chromium and Playwright (no `playwright install`); `.ci/run` requires it (REQUIRE_BROWSER=1).
Screenshots go to the test's tmp dir, or to $SCREENSHOT_DIR when set.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

ARTICLE = """<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>بلدية صفاقس تطلق مشروع النقل الذكي</title>
<script>window.__pwned = 1; alert('script ran');</script></head>
<body><article><h1>بلدية صفاقس تطلق مشروع النقل الذكي</h1>
<p>أطلقت بلدية صفاقس، الإثنين، مشروعا تجريبيا للنقل الذكي في وسط المدينة بتمويل من الاتحاد الأوروبي.</p>
<p>وقالت رئيسة البلدية وفاء الكراي في ندوة صحفية: «نريد مدينة يتنقل فيها الناس دون زحام ودون تلوث».</p>
<p>وأضافت أن المشروع سيشمل خمسين حافلة كهربائية قبل نهاية السنة.</p>
<img src="x" onerror="window.__pwned = 2; alert('onerror ran')">
</article></body></html>
"""
SPEAKER = "وفاء الكراي"


def _shots(tmp_path: Path) -> Path:
    target = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    target.mkdir(parents=True, exist_ok=True)
    return target


def _wait_idle(page) -> None:
    """Until streamlit has finished the current run (no running indicator) and the page has settled."""
    page.wait_for_selector("[data-testid='stSidebar']", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000)
    page.wait_for_timeout(1500)


def test_upload_quotes_share_and_reopen(server: str, browser, tmp_path: Path) -> None:
    shots = _shots(tmp_path)
    upload = tmp_path / "sfax_transport.html"
    upload.write_text(ARTICLE, encoding="utf-8")
    dialogs: list[str] = []

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ar")
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
    page.goto(server + "/")  # the corpus page is the app's default page
    page.wait_for_url(re.compile(r".*corpus=.*"), timeout=120_000)  # first run analyses the sample corpus
    _wait_idle(page)
    # the corpus page draws no chart, yet the browser has fetched plotly's basic bundle for the pages that do
    assert any(url.endswith("/app/static/plotly-basic.min.js") for url in scripts), "plotly's bundle was not preloaded"
    sample_corpus = re.search(r"corpus=([A-Za-z0-9_-]{22})", page.url)
    assert sample_corpus, page.url

    # upload through the browser's file input
    page.set_input_files("[data-testid='stFileUploader'] input[type=file]", str(upload))
    page.wait_for_function(
        "(old) => new URLSearchParams(location.search).get('corpus') && !location.search.includes(old)",
        arg=sample_corpus.group(1),
        timeout=120_000,
    )
    _wait_idle(page)
    assert "أضيفت 1 مقالة" in page.inner_text("body")  # tables are canvas: check the message and the corpus box
    page.screenshot(path=str(shots / "corpus_after_upload.png"))

    # the quotes page of the new corpus
    page.get_by_role("link", name="الاقتباسات").click()
    page.wait_for_url(re.compile(r".*page=quotes.*"), timeout=60_000)
    _wait_idle(page)
    page.wait_for_selector("text=" + SPEAKER, timeout=60_000)  # the speaker's bar in the plotly chart
    body = page.inner_text("body")
    assert "(2)" in body  # the direct quote and the reported «وأضافت أن …»
    assert page.get_by_role("button", name="Deploy").count() == 0  # an analyst's app, not a developer's toolbar
    page.screenshot(path=str(shots / "quotes.png"))
    # the quotes table's CSV and JSON are written when their buttons are clicked, not on every rerun
    with page.expect_download(timeout=60_000) as csv_download:
        page.locator(".st-key-dl_csv_quotes button").click()
    table = list(csv.DictReader(Path(csv_download.value.path()).read_text(encoding="utf-8-sig").splitlines()))
    assert [r["speaker"] for r in table] == [SPEAKER, SPEAKER]
    assert csv_download.value.suggested_filename == "quotes.csv"
    with page.expect_download(timeout=60_000) as json_download:
        page.locator(".st-key-dl_json_quotes button").click()
    rows = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert sorted(r["kind"] for r in rows) == ["direct", "indirect"] and {r["speaker"] for r in rows} == {SPEAKER}
    # a click on the speaker's bar picks the speaker (the chart is plotly.js's basic bundle, see ui/plot.py)
    bar = page.locator(".nl-plot .bars .point path").first.bounding_box()
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)  # plotly's drag layer takes the click
    page.wait_for_url(re.compile(r".*speaker=.*"), timeout=60_000)
    _wait_idle(page)
    assert parse_qs(urlsplit(page.url).query)["speaker"] == [SPEAKER]
    assert not any("/PlotlyChart." in url for url in scripts), "Streamlit's full plotly chunk was loaded too"
    share = page.locator("[data-testid='stSidebar'] .nl-share-url").input_value().strip()
    assert "page=quotes" in share and "corpus=" in share and "speaker=" in share
    new_corpus = re.search(r"corpus=([A-Za-z0-9_-]{22})", share).group(1)
    assert new_corpus != sample_corpus.group(1)

    # a colleague opens the link in a fresh browser context: same corpus, same page, same quotes
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    second = other.new_page()
    second.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    second.goto(share)
    second.wait_for_selector("text=" + SPEAKER, timeout=60_000)
    _wait_idle(second)
    assert f"corpus={new_corpus}" in second.url
    assert second.locator("h2, h1").filter(has_text="الاقتباسات").count() >= 1
    second_body = second.inner_text("body")
    assert "(2)" in second_body
    assert "Page not found" not in second_body
    second.screenshot(path=str(shots / "shared_view.png"))

    # the uploaded page's script and event handlers never ran
    assert dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    assert second.evaluate("() => window.__pwned") is None
    context.close()
    other.close()
