"""AppTest helpers: the dashboard against a store in a temporary data directory."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "streamlit_app.py"
TIMEOUT = 60


class _ServerLikePagesManager(PagesManager):
    """AppTest resets ``PagesManager.uses_pages_directory`` before every run, so with a ``pages/``
    folder each run starts in Streamlit's legacy multipage mode. A running server leaves that mode
    for good at the first ``st.navigation`` call; this manager does the same for AppTest."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


@pytest.fixture(autouse=True)
def server_like_navigation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Apply :class:`_ServerLikePagesManager` unless a test is marked ``legacy_pages``."""
    if request.node.get_closest_marker("legacy_pages") is None:
        monkeypatch.setattr(app_test, "PagesManager", _ServerLikePagesManager)


@pytest.fixture(autouse=True)
def project_config() -> Iterator[None]:
    """The options of the project's ``.streamlit/config.toml``, which ``streamlit run streamlit_app.py`` reads from
    any directory but AppTest only from the working directory: tests see what the app sees wherever pytest runs."""
    options = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    wanted = {f"{section}.{name}": value for section, values in options.items() for name, value in values.items()}
    previous = {key: config.get_option(key) for key in wanted}
    for key, value in wanted.items():
        config.set_option(key, value)
    yield
    for key, value in previous.items():
        config.set_option(key, value)


@pytest.fixture(scope="session")
def shared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data directory for read-only tests, so the sample corpus is analysed once."""
    return tmp_path_factory.mktemp("news-lens-data")


@pytest.fixture
def data_dir(shared_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The store the app opens: the shared temporary directory, never ~/.local or $DATABASE_URL."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWS_LENS_DATA_DIR", str(shared_data_dir))
    return shared_data_dir


@pytest.fixture
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of its own, for tests that upload or delete."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWS_LENS_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def make_app() -> Callable[..., AppTest]:
    """``make_app(page=..., **params)`` → an AppTest of streamlit_app.py with those URL parameters, run once."""

    def make(run: bool = True, **params: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        for name, value in params.items():
            at.query_params[name] = value
        if run:
            at.run()
        return at

    return make


def html_bodies(at: AppTest) -> list[str]:
    """Bodies of every st.html / markdown element (main and sidebar)."""
    bodies = [element.proto.body for element in at.get("html")]
    bodies += [element.value for element in at.markdown]
    bodies += [element.value for element in at.sidebar.markdown]
    return bodies
