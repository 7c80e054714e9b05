"""Corpus page: upload or paste articles, list and delete them, cleaning report, switch corpus."""

from __future__ import annotations

from ui.routing import enter_page

enter_page()  # first: a page started without the router runs the router instead

import streamlit as st

from ui import data, state
from ui.export import downloads
from ui.i18n import t
from ui.ingest import IngestResult, ingest_files, ingest_text
from ui.page import start
from ui.render import show_table

UPLOAD_TYPES = ["txt", "html", "htm", "csv", "tsv", "jsonl", "json", "zip"]
TABLE_COLUMNS = ["id", "title", "source", "date", "byline", "n_removed", "arabic_share"]
_FLASH = "_nl_flash"
_NONCE = "_nl_upload_nonce"

ctx = start("corpus")
store = data.get_store()


def _finish(result: IngestResult) -> None:
    """Remember the outcome for the next run, clear the uploader, show the (possibly new) corpus."""
    messages = [("error", t("load_failed", source=f.source, message=f.message)) for f in result.failures]
    messages.append(("success", t("added", n=result.added)) if result.added else ("info", t("nothing_new")))
    st.session_state[_FLASH] = messages
    st.session_state[_NONCE] = st.session_state.get(_NONCE, 0) + 1
    state.update(corpus=result.corpus_id, article="")
    st.rerun()


for level, message in st.session_state.pop(_FLASH, []):
    getattr(st, level)(message)

listing = data.corpora()
names = {row.id: f"{row.name} · {row.n_articles} · {row.id[:6]}" for row in listing.itertuples()}
if ctx.corpus_id == data.sample_id():
    names[ctx.corpus_id] = f"{t('sample_corpus')} · {names.get(ctx.corpus_id, '')}"
chosen = st.selectbox(t("switch_corpus"), list(names), format_func=names.get, key=state.seed("corpus", ctx.corpus_id))
if chosen != ctx.corpus_id:
    state.update(corpus=chosen, article="", speaker="", entity="", term="")
    st.rerun()

upload_col, paste_col = st.columns(2)
with upload_col:
    files = st.file_uploader(
        t("upload"),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        help=t("upload_help"),
        key=f"uploader_{st.session_state.get(_NONCE, 0)}",
    )
    if files:
        bar = st.progress(0.0, text=t("analysing"))
        _finish(
            ingest_files(
                store,
                ctx.corpus_id,
                [(f.name, f.getvalue()) for f in files],
                sample_id=data.sample_id(),
                name=t("new_corpus_name"),
                progress=lambda share, name: bar.progress(min(share, 1.0), text=f"{t('analysing')} {name}"),
            )
        )
with paste_col, st.form("paste", clear_on_submit=True):
    title = st.text_input(t("paste_title"))
    text = st.text_area(t("paste"), height=140)
    if st.form_submit_button(t("add_text")) and text.strip():
        with st.spinner(t("analysing")):
            _finish(ingest_text(store, ctx.corpus_id, text, sample_id=data.sample_id(), title=title))

articles = data.articles(ctx.key)
st.subheader(f"{t('articles')} ({len(articles)})")
if articles.empty:
    st.info(t("empty_corpus"))
table = articles[TABLE_COLUMNS]
picked = show_table(
    table,
    on_select="rerun",
    selection_mode="multi-row",
    key="articles_table",
    column_config={"arabic_share": st.column_config.ProgressColumn(t("arabic_share"), min_value=0.0, max_value=1.0)},
)
downloads(articles.drop(columns=["raw_text"]), "articles")
rows = list(picked.selection.rows) if picked else []
selected = [table.iloc[i]["id"] for i in rows if i < len(table)]
left, right = st.columns(2)
if len(selected) == 1 and left.button(t("open_reader"), key="open_reader"):
    state.go("reader", article=selected[0])
if selected and not ctx.is_sample and right.button(t("delete_selected"), type="primary", key="delete"):
    deleted = sum(store.delete_article(ctx.corpus_id, article_id) for article_id in selected)
    st.session_state[_FLASH] = [("success", t("deleted", n=deleted))]
    state.update(article="")
    st.rerun()

with st.expander(t("cleaning_report")):
    removed = data.removals(ctx.key)
    if removed.empty:
        st.caption(t("no_removals"))
    else:
        show_table(removed)
        downloads(removed, "removals")

failed = data.failures(ctx.key)
if not failed.empty:
    with st.expander(f"{t('failures')} ({len(failed)})"):
        show_table(failed)
        downloads(failed, "failures")
