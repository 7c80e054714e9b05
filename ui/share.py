"""The sidebar's share link: a read-only field with a copy button.

``st.code`` did this before, but it pulls in Streamlit's syntax highlighter, whose chunk costs the first
page about 0.35 s in the browser (bench.bench_dashboard --browser: first chart 4.1 s → 3.7 s on this
machine). The link is set as the input's ``value`` property, never parsed as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import streamlit as st

from ui.i18n import t

__all__ = ["share_link"]

_HTML = """
<div class="nl-share">
  <input class="nl-share-url" type="text" readonly dir="ltr" spellcheck="false">
  <button class="nl-share-copy" type="button"></button>
</div>
"""
_CSS = """
.nl-share { display: flex; gap: 0.25rem; align-items: stretch; }
.nl-share-url { flex: 1; min-width: 0; font: 0.8rem monospace; padding: 0.35rem 0.5rem; color: inherit;
  border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 0.5rem; background: rgba(128, 128, 128, 0.08); }
.nl-share-copy { border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 0.5rem; background: transparent;
  color: inherit; cursor: pointer; padding: 0 0.6rem; white-space: nowrap; }
"""
_JS = """
export default function({ parentElement, data }) {
    const input = parentElement.querySelector(".nl-share-url");
    const button = parentElement.querySelector(".nl-share-copy");
    input.value = data.url;
    button.textContent = data.copy;
    input.onfocus = () => input.select();
    button.onclick = async () => {
        input.select();
        try {
            await navigator.clipboard.writeText(data.url);
        } catch (err) {
            document.execCommand("copy");
        }
        button.textContent = data.copied;
        setTimeout(() => { button.textContent = data.copy; }, 1500);
    };
}
"""


@cache
def _component() -> Callable[..., object]:
    return st.components.v2.component("nl_share_link", html=_HTML, css=_CSS, js=_JS)


def share_link(url: str) -> None:
    """Draw ``url`` in a copyable field (in the current container)."""
    _component()(data={"url": url, "copy": t("copy"), "copied": t("copied")}, key="nl_share_link")
