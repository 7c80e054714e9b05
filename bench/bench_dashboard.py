"""Dashboard responsiveness on a large corpus, and time to first chart after a server start.

    python -m bench.bench_dashboard ../shared/data/jawharafm/articles.jsonl.xz [--limit 10000] [--browser]

1. Stores ``--limit`` articles of the corpus as one corpus (full analysis on two processes; skipped when the data
   dir already holds it) and times opening it from the store.
2. Drives the real app with streamlit's AppTest on that corpus and times reruns after filter changes (speaker,
   kind, top N, a KWIC term, bigrams, entity label, picking an entity): what an analyst waits for after a click.
   The first run of each page fills the caches and is reported apart. Each change is made in three rounds: the
   first computes what is new (a KWIC term's rows, the bigram table), the later two find it cached; every change
   of the first round is also reported on its own. ``--pause S`` waits S seconds before each change, as an analyst
   reads the page: what the page starts in the background (numbering the tokens for KWIC) is then ready.
3. Times the corpus's token stream (what n-gram tables and KWIC search): built, written, and read back as a new
   server process reads the one an earlier process kept; and, in a fresh process, the frequencies page opened by a
   share link holding a KWIC term, before anything numbered the corpus's tokens. Then each page's first view in two
   fresh processes after one another (``restart_view``): the second reads the tables the first kept, and tells
   whether it decoded the stored analyses all the same (``analyses_read``; the frequencies page does, on the
   background thread that numbers the corpus's tokens once the page is drawn).
4. With ``--browser``: in Debian chromium, clicks on the speaker bars of the corpus's quotes page (each filters the
   page to that speaker), timed until the page stops changing (``browser_click``; the first click after the page
   loaded apart; ``--clicks-only`` runs just these on the stored corpus). Then starts ``streamlit run`` on an empty
   data dir and times the first plotly chart of the quotes page from the server start (the sample corpus is
   analysed on that first visit).

Prints one JSON object per measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.run import corpus_chunks

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
SHARED_TERM = "الحكومة"  # the KWIC term of the share link and of the reruns
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def emit(**row: object) -> None:
    print(json.dumps(row, ensure_ascii=False), flush=True)


def build_corpus(corpus: Path, data_dir: Path, limit: int) -> str:
    """The benchmark corpus in the store under ``data_dir`` (analysed once, then reused)."""
    from analysis.batch import analyse_documents
    from analysis.loading import load_bytes
    from analysis.store import add_documents, open_store, refresh_stale

    marker = data_dir / f"bench_corpus_{limit}.id"
    store = open_store(data_dir=data_dir)
    if marker.exists() and store.corpus_exists(marker.read_text().strip()):
        corpus_id = marker.read_text().strip()
        start = time.perf_counter()
        refreshed = refresh_stale(store, corpus_id, analyse=lambda d: analyse_documents(d, workers=2))
        if refreshed:  # stored by an older version of the analysis code: what a user waits once after an upgrade
            emit(measure="refresh_after_upgrade", articles=refreshed, seconds=round(time.perf_counter() - start, 1))
        return corpus_id
    corpus_id = store.create_corpus(f"bench {limit}")
    documents = []
    for i, chunk in enumerate(corpus_chunks(corpus, limit=limit, multiply=1)):
        documents += load_bytes(f"chunk{i}.jsonl", chunk).documents
    start = time.perf_counter()
    added = add_documents(store, corpus_id, documents, analyse=lambda d: analyse_documents(d, workers=2))
    emit(measure="store_corpus", articles=added, seconds=round(time.perf_counter() - start, 1))
    marker.write_text(corpus_id)
    start = time.perf_counter()
    store.load_analyses(corpus_id)
    emit(measure="open_corpus_from_store", articles=added, seconds=round(time.perf_counter() - start, 2))
    return corpus_id


def _app(corpus_id: str, page: str):  # -> AppTest
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest, app_test

    class ServerLike(PagesManager):  # as a running server: st.navigation, not the legacy pages/ mode
        def __init__(self, *args: object, **kwargs: object) -> None:
            PagesManager.uses_pages_directory = False
            super().__init__(*args, **kwargs)

    app_test.PagesManager = ServerLike
    at = AppTest.from_file(str(APP), default_timeout=900)
    at.query_params["corpus"] = corpus_id
    at.query_params["page"] = page
    return at


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def time_token_stream(corpus_id: str) -> None:
    """The corpus's token stream built, kept in a file and read back (:func:`analysis.frequencies.save_token_stream`)."""
    from analysis.frequencies import load_token_stream, save_token_stream, token_stream
    from analysis.store import open_store

    articles = [a.article for a in open_store().load_analyses(corpus_id)]
    start = time.perf_counter()
    stream = token_stream(articles)
    built = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stream.npz"
        start = time.perf_counter()
        save_token_stream(stream, path)
        saved = time.perf_counter() - start
        start = time.perf_counter()
        kept = load_token_stream(path, articles)
        read = time.perf_counter() - start
        size = path.stat().st_size
    emit(measure="token_stream", articles=len(articles), tokens=len(stream.codes), build_ms=round(built * 1000),
         save_ms=round(saved * 1000), read_ms=round(read * 1000), mb=round(size / 2**20, 1), read_back=kept is not None)


def time_share_link(corpus_id: str, term: str = SHARED_TERM) -> None:
    """In this (fresh) process: the frequencies page opened by a share link holding a KWIC term, before anything
    numbered the corpus's tokens; the whole first view and the search in it."""
    import ui.data

    search = ui.data.kwic_rows
    spent: list[float] = []

    def timed(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return search(*args, **kwargs)
        finally:
            spent.append((time.perf_counter() - start) * 1000)

    ui.data.kwic_rows = timed  # the page looks the function up in the module when it runs
    try:
        at = _app(corpus_id, "frequencies")
        at.query_params["term"] = term
        first = _timed(at.run)
    finally:
        ui.data.kwic_rows = search
    if at.exception:
        emit(measure="share_link_kwic", error=[e.message for e in at.exception])
        return
    emit(measure="share_link_kwic", page="frequencies", term=term, first_view_ms=round(first),
         search_ms=round(spent[0]) if spent else None, rows=len(at.dataframe[-1].value) if at.dataframe else 0)


def time_restart_view(corpus_id: str, page: str) -> None:
    """In this (fresh) process: a page's first view of the stored corpus, as after a server restart, and whether it
    decoded every stored analysis or read the tables an earlier process kept (``ui.data._kept_frame``)."""
    import ui.data

    read = ui.data._analyses
    calls: list[object] = []

    def counted(k: object) -> object:
        calls.append(k)
        return read(k)

    ui.data._analyses = counted  # the page's tables look the function up in the module when they run
    try:
        at = _app(corpus_id, page)
        first = _timed(at.run)
    finally:
        ui.data._analyses = read
    emit(measure="restart_view", page=page, ms=round(first), analyses_read=bool(calls),
         error=[e.message for e in at.exception] or None)


def _in_fresh_process(*options: str, data_dir: Path) -> None:
    """Run one measurement in a new interpreter (nothing imported, nothing cached), its JSON on this stdout."""
    subprocess.run([sys.executable, "-m", "bench.bench_dashboard", *options, "--data-dir", str(data_dir)],
                   cwd=ROOT, check=True)


def time_reruns(corpus_id: str, *, pause: float = 0.0) -> None:
    """Milliseconds per rerun after widget changes, per page, with warm caches. ``pause``: seconds an analyst
    looks at the page before each change (what the page starts in the background meanwhile is then ready)."""
    plans: dict[str, list[tuple[str, Callable]]] = {
        "quotes": [
            ("speaker", lambda at: at.selectbox(key="nl_w_speaker").select_index(1)),
            ("kind", lambda at: at.multiselect(key="nl_w_kind").set_value(["direct"])),
            ("speaker_all", lambda at: at.selectbox(key="nl_w_speaker").select_index(0)),
            ("kind_all", lambda at: at.multiselect(key="nl_w_kind").set_value([])),
        ],
        "frequencies": [
            ("top_n", lambda at: at.number_input(key="nl_w_top").set_value(50)),
            ("top_n_back", lambda at: at.number_input(key="nl_w_top").set_value(30)),
            ("kwic_term", lambda at: at.text_input(key="nl_w_term").set_value(SHARED_TERM)),
            ("kwic_clear", lambda at: at.text_input(key="nl_w_term").set_value("")),
            ("bigrams", lambda at: at.slider(key="nl_w_ngram").set_value(2)),
            ("unigrams", lambda at: at.slider(key="nl_w_ngram").set_value(1)),
        ],
        "entities": [
            ("label", lambda at: at.multiselect(key="nl_w_label").set_value(["PERS"])),
            ("entity", lambda at: at.selectbox(key="nl_w_entity").select_index(1)),
            ("entity_none", lambda at: at.selectbox(key="nl_w_entity").select_index(0)),
            ("label_all", lambda at: at.multiselect(key="nl_w_label").set_value([])),
        ],
    }
    from analysis.cache import cache_dir

    folder = cache_dir()  # a stream an earlier process kept is read, not built (ui.data._token_stream)
    kept = bool(folder) and any((folder / "token-streams").glob(f"{corpus_id}-*.npz"))
    for page, steps in plans.items():
        at = _app(corpus_id, page)
        first = _timed(at.run)
        if at.exception:
            emit(measure="rerun", page=page, error=[e.message for e in at.exception])
            continue
        emit(measure="first_view", page=page, ms=round(first))
        times: list[float] = []
        later: list[float] = []  # rounds 2 and 3: what was computed in round 1 is cached
        first_round: dict[str, int] = {}
        for round_ in range(3):
            for name, change in steps:
                try:
                    widget = change(at)
                except (KeyError, IndexError) as exc:
                    emit(measure="rerun", page=page, change=name, error=f"widget not found: {exc}")
                    continue
                time.sleep(pause)
                ms = _timed(widget.run)
                times.append(ms)
                if round_ == 0:
                    first_round[name] = round(ms)
                else:
                    later.append(ms)
                if at.exception:
                    emit(measure="rerun", page=page, change=name, error=[e.message for e in at.exception])
        if times:
            emit(measure="filter_change", page=page, reruns=len(times), median_ms=round(statistics.median(times)), max_ms=round(max(times)),
                 later_rounds_max_ms=round(max(later, default=0)), first_round_ms=first_round,
                 **({"token_stream_kept": kept} if page == "frequencies" else {}))


def time_first_chart() -> None:
    """Server start → first plotly chart on the quotes page, in one chromium profile that is already running
    (an analyst's browser is open before the server starts; its launch is reported on its own):

    1. empty data dir, empty browser cache — the sample corpus is analysed on that first visit;
    2. after a server restart on the same data dir (the sample is stored), the browser cache as the first visit
       left it — how an analyst reopens a share link after a restart;
    3. the same with the browser cache emptied (a colleague's first visit).

    Each step is timestamped inside the page (``_MARKS``): ``first_chart_s`` is the frame after the chart's bars
    are laid out and visible, what the analyst sees, free of playwright's polling and round trips.
    """
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        start = time.perf_counter()
        context = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", args=FLAGS)
        emit(measure="browser_launch", seconds=round(time.perf_counter() - start, 2))
        try:
            for store, cache in (("empty_store", "cold"), ("stored_sample", "warm"), ("stored_sample", "cold")):
                if cache == "cold":
                    session = context.new_cdp_session(context.pages[0] if context.pages else context.new_page())
                    session.send("Network.clearBrowserCache")
                    session.detach()
                _first_chart(context, data_dir, store=store, cache=cache)
        finally:
            context.close()


# In-page timestamps (epoch ms, the clock time.time() reads) of the first frame showing each step; «chart» waits one
# frame more after the bars are laid out and visible, so the frame that paints them has been produced.
_MARKS = """
window.__nlMarks = {};
(() => {
  const marks = window.__nlMarks;
  const steps = [["shell", "[data-testid='stApp']"], ["heading", "[data-testid='stHeading'], [data-testid='stMarkdownContainer']"],
                 ["element", ".nl-plot, [data-testid='stPlotlyChart']"]];
  const drawn = () => [...document.querySelectorAll(".js-plotly-plot .bars, .js-plotly-plot .plot")].some((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility === "visible";
  });
  const poll = () => {
    for (const [name, selector] of steps) {
      if (!(name in marks) && document.querySelector(selector)) marks[name] = Date.now();
    }
    if (drawn()) { requestAnimationFrame(() => { marks.chart = Date.now(); }); return; }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
"""


@contextmanager
def _server(data_dir: str | Path, port: int) -> Iterator[str]:
    """``streamlit run`` on ``data_dir``; yields its URL once it answers its health check, stops it after."""
    env = {**os.environ, "NEWS_LENS_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a server still closing its sessions must not end the benchmark
            proc.kill()
            proc.wait()


def _first_chart(context, data_dir: str, *, store: str, cache: str) -> None:
    wall_start = time.time()  # the clock the page's Date.now() reads
    start = time.perf_counter()
    with _server(data_dir, 8765) as url:
        healthy = time.perf_counter() - start
        page = context.new_page()
        page.add_init_script(_MARKS)
        page.goto(url + "/quotes")
        page.wait_for_function("() => 'chart' in window.__nlMarks", timeout=120_000)
        marks = {name: ms / 1000 - wall_start for name, ms in page.evaluate("window.__nlMarks").items()}
        page.close()
        emit(measure="first_chart", store=store, browser_cache=cache, server_ready_s=round(healthy, 2),
             app_shell_s=round(marks["shell"], 2), heading_s=round(marks["heading"], 2),
             chart_element_s=round(marks["element"], 2), first_chart_s=round(marks["chart"], 2))


# After a click: when the page's main area last changed (epoch ms), and the browser's long tasks (ms) since.
_WATCH = """() => {
  window.__nlChanged = Date.now();
  window.__nlLong = [];
  if (window.__nlWatching) return;
  window.__nlWatching = true;
  new MutationObserver(() => { window.__nlChanged = Date.now(); })
    .observe(document.querySelector("[data-testid='stMain']"), {subtree: true, childList: true, characterData: true, attributes: true});
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__nlLong.push(Math.round(e.duration))))
    .observe({type: "longtask"});
}"""


def time_browser_clicks(corpus_id: str, data_dir: Path, *, clicks: int = 4, quiet: float = 2.5) -> None:
    """In chromium, the corpus's quotes page: click the speaker chart's bars one after another (each click
    filters the page to that speaker) and report, per click, when the page last changed (``settled_s``: nothing
    changed for ``quiet`` s after it) and the browser's long tasks meanwhile. The first click after the page
    loaded is reported apart: anything the page's first run draws differently from later runs is drawn again
    then. The mouse leaves the chart right after each click, so its hover label settles at once."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p, _server(data_dir, 8766) as url:
        context = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", args=FLAGS,
                                                       viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.add_init_script(_MARKS)
            page.goto(f"{url}/quotes?corpus={corpus_id}")
            page.wait_for_function("() => 'chart' in window.__nlMarks", timeout=300_000)
            page.wait_for_selector("[data-testid='stDataFrame'] canvas", timeout=300_000)
            time.sleep(quiet)
            for n in range(clicks):
                bar = page.locator(".js-plotly-plot .bars path").nth(n)
                bar.scroll_into_view_if_needed()
                box = bar.bounding_box()
                page.evaluate(_WATCH)
                clicked = time.time()
                page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                page.mouse.move(1, 1)
                time.sleep(quiet)
                changed = page.evaluate("window.__nlChanged") / 1000
                emit(measure="browser_click", page="quotes", click=n + 1, settled_s=round(changed - clicked, 2),
                     long_tasks_ms=page.evaluate("window.__nlLong"))
        finally:
            context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="JSON lines (optionally .xz); omit with --browser-only")
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "news-lens-bench")
    parser.add_argument("--browser", action="store_true", help="also time clicks and the first chart in chromium")
    parser.add_argument("--browser-only", action="store_true", help="only time the first chart (no corpus needed)")
    parser.add_argument("--clicks-only", action="store_true", help="only time clicks in chromium on the stored corpus")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds before each change (an analyst reading)")
    parser.add_argument("--share-link", metavar="CORPUS_ID", help=argparse.SUPPRESS)  # the fresh process's part
    parser.add_argument("--restart-view", nargs=2, metavar=("PAGE", "CORPUS_ID"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.browser_only:
        time_first_chart()
        return
    os.environ["NEWS_LENS_DATA_DIR"] = str(args.data_dir)
    os.environ.pop("DATABASE_URL", None)
    if args.share_link:
        time_share_link(args.share_link)
        return
    if args.restart_view:
        time_restart_view(args.restart_view[1], args.restart_view[0])
        return
    if args.corpus is None:
        parser.error("a corpus is needed unless --browser-only")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    corpus_id = build_corpus(args.corpus, args.data_dir, args.limit)
    if args.clicks_only:
        time_browser_clicks(corpus_id, args.data_dir)
        return
    time_token_stream(corpus_id)
    _in_fresh_process("--share-link", corpus_id, data_dir=args.data_dir)
    for page in ("quotes", "frequencies", "entities"):  # twice: the second process finds the tables the first kept
        for _ in range(2):
            _in_fresh_process("--restart-view", page, corpus_id, data_dir=args.data_dir)
    time_reruns(corpus_id, pause=args.pause)
    if args.browser:
        time_browser_clicks(corpus_id, args.data_dir)
        time_first_chart()


if __name__ == "__main__":
    main()
