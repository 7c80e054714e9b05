"""The corpus store: exact round trips, unguessable ids, atomic writes, concurrent writers, restarts."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from analysis.batch import ArticleAnalysis, analyse_documents
from analysis.errors import AnalysisError
from analysis.records import Article, Entity, LoadFailure, Quote, RawDocument, Removal
from analysis.store import (
    CorpusInfo,
    InvalidCorpusIdError,
    Store,
    UnknownCorpusError,
    add_documents,
    analysis_from_json,
    analysis_to_json,
    ensure_sample_corpus,
    open_store,
    sample_corpus_id,
    validate_corpus_id,
)

TEXT = 'وقال وزير الصحة: "سنواصل دعم المستشفيات في تونس"، مؤكدا أن الحملة متواصلة.'
RAW = TEXT + "\nاشترك في النسخة الرقمية"


def realistic_analysis(article_id: str = "news.txt#1") -> ArticleAnalysis:
    quote_start = TEXT.index("سنواصل")
    quote_end = TEXT.index('"،')
    speaker_start = TEXT.index("وزير")
    article = Article(
        id=article_id,
        source="news.txt",
        text=TEXT,
        raw_text=RAW,
        title="الحكومة تدعم المستشفيات",
        date="2024-03-01",
        url="https://example.org/ar/1",
        byline="وات",
        removed=(Removal("اشترك في النسخة الرقمية", "banner", len(TEXT) + 1, len(RAW)),),
        warnings=("decoded as windows-1256",),
        arabic_share=0.97,
        latin_share=0.01,
    )
    quote = Quote(
        article=article_id,
        text=TEXT[quote_start:quote_end],
        kind="direct",
        start=quote_start,
        end=quote_end,
        speaker="وزير الصحة",
        speaker_mention="وزير الصحة",
        speaker_start=speaker_start,
        speaker_end=speaker_start + len("وزير الصحة"),
        role="وزير",
        cue="قال",
        sentence=0,
        paragraph=0,
        rule="cue_colon_quote",
    )
    tunis = TEXT.index("تونس")
    entity = Entity(article_id, "تونس", "LOC", tunis, tunis + 4, "تونس", 0)
    counts = Counter({"وزير": 1, "الصحة": 1, "سنواصل": 1, "تونس": 1, "الحملة": 1})
    return ArticleAnalysis(article, sum(counts.values()), counts, (quote,), (entity,))


def simple_analysis(article_id: str, text: str = "نص قصير عن تونس") -> ArticleAnalysis:
    article = Article(id=article_id, source="batch.jsonl", text=text, raw_text=text)
    return ArticleAnalysis(article, len(text.split()), Counter(text.split()))


def analyse_plain(documents: Iterable[RawDocument]) -> Iterator[ArticleAnalysis]:
    """The real pipeline without the quote and entity extractors."""
    return analyse_documents(documents, quotes=False, entities=False, workers=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(data_dir=tmp_path) as opened:
        yield opened


# --------------------------------------------------------------------------- serialisation


def test_json_round_trip_is_exact_and_compact() -> None:
    analysis = realistic_analysis()
    text = analysis_to_json(analysis)
    assert "الحكومة" in text and ", " not in text.split('"text"')[0]  # readable Arabic, compact separators
    restored = analysis_from_json(text)
    assert restored == analysis
    assert isinstance(restored.article.removed, tuple) and isinstance(restored.article.removed[0], Removal)
    assert isinstance(restored.quotes, tuple) and isinstance(restored.entities, tuple)
    assert isinstance(restored.term_counts, Counter)
    quote = restored.quotes[0]
    assert restored.article.text[quote.start : quote.end] == quote.text


def test_json_written_by_a_newer_version_keeps_the_fields_this_one_knows() -> None:
    payload = json.loads(analysis_to_json(realistic_analysis()))
    payload["quotes"]["fields"].append("confidence")  # a field a later version might add
    payload["quotes"]["rows"][0].append(0.9)
    payload["article"]["language"] = "ar"
    assert analysis_from_json(json.dumps(payload, ensure_ascii=False)) == realistic_analysis()


# what analysis_to_json wrote until the forty-third round: every quote and entity a dict of all its fields
V1_PAYLOAD = (
    '{"v":1,"analysis":"a8ea58d06b556f59","article":{"id":"news.txt#1","source":"news.txt","text":"وقال وزير الصحة: '
    '\\"سنواصل دعم المستشفيات في تونس\\"، مؤكدا أن الحملة متواصلة.","raw_text":"وقال وزير الصحة: \\"سنواصل دعم '
    'المستشفيات في تونس\\"، مؤكدا أن الحملة متواصلة.\\nاشترك في النسخة الرقمية","title":"الحكومة تدعم المستشفيات",'
    '"date":"2024-03-01","url":"https://example.org/ar/1","byline":"وات","removed":[{"text":"اشترك في النسخة الرقمية",'
    '"reason":"banner","start":75,"end":98}],"warnings":["decoded as windows-1256"],"arabic_share":0.97,'
    '"latin_share":0.01},"n_words":5,"term_counts":{"وزير":1,"الصحة":1,"سنواصل":1,"تونس":1,"الحملة":1},"quotes":'
    '[{"article":"news.txt#1","text":"سنواصل دعم المستشفيات في تونس","kind":"direct","start":18,"end":47,'
    '"speaker":"وزير الصحة","speaker_mention":"وزير الصحة","speaker_start":5,"speaker_end":15,"role":"وزير",'
    '"cue":"قال","sentence":0,"paragraph":0,"rule":"cue_colon_quote"}],"entities":[{"article":"news.txt#1",'
    '"text":"تونس","label":"LOC","start":43,"end":47,"canonical":"تونس","sentence":0}]}'
)


def test_json_of_the_first_layout_is_still_read() -> None:
    """Corpora stored before the layout changed load as they were written (until a refresh writes them again)."""
    assert analysis_from_json(V1_PAYLOAD) == realistic_analysis()


def test_json_takes_quote_and_entity_texts_from_the_article() -> None:
    """Each quote's and entity's text is the span of the article's text it points at: stored once, in the article,
    and the raw text only when cleaning removed something from it."""
    analysis = realistic_analysis()
    payload = json.loads(analysis_to_json(analysis))
    for block in (payload["quotes"], payload["entities"]):
        assert "text" not in block["fields"] and "article" not in block["fields"]
    assert "raw_text" in payload["article"]
    clean = simple_analysis("b.txt")
    text = analysis_to_json(clean)
    assert "raw_text" not in json.loads(text)["article"]
    assert analysis_from_json(text) == clean


def test_json_keeps_a_record_text_or_article_id_the_article_does_not_give() -> None:
    """A record whose text is not its span of the article's text (or that names another article) keeps its own."""
    analysis = realistic_analysis()
    quote = analysis.quotes[0]
    odd = replace(quote, text="سنواصل الدعم")  # not TEXT[start:end]
    elsewhere = replace(analysis.entities[0], article="other.txt")
    changed = replace(analysis, quotes=(quote, odd), entities=(elsewhere,))
    payload = json.loads(analysis_to_json(changed))
    assert payload["quotes"]["fields"][0] == "text" and payload["entities"]["fields"][0] == "article"
    assert analysis_from_json(analysis_to_json(changed)) == changed


def test_store_round_trip(store: Store) -> None:
    corpus = store.create_corpus("أخبار تونس")
    analyses = [realistic_analysis("a.txt"), simple_analysis("b.jsonl#2")]
    assert store.add_analyses(corpus, analyses) == 2
    assert store.load_analyses(corpus) == analyses
    assert store.article_ids(corpus) == {"a.txt", "b.jsonl#2"}
    failure = LoadFailure("bad.bin", "binary", "bad.bin: looks like a binary file")
    store.add_failures(corpus, [failure, failure])
    assert store.load_failures(corpus) == [failure]
    [info] = store.list_corpora()
    assert info == CorpusInfo(corpus, "أخبار تونس", 2, info.created_at, info.updated_at, 1)
    assert info.created_at.tzinfo is not None


# --------------------------------------------------------------------------- ids


def test_ids_are_22_urlsafe_chars_and_unique(store: Store) -> None:
    ids = {store.create_corpus(f"c{i}") for i in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 22 and validate_corpus_id(i) == i for i in ids)


@pytest.mark.parametrize(
    "bad", ["../x", "", "a" * 22 + "'", "a" * 21, "short", "a" * 23, "a" * 21 + "/", "a" * 22 + "\n", "ا" * 22, None, 7]
)
def test_validate_rejects_malformed_ids(bad: object) -> None:
    with pytest.raises(InvalidCorpusIdError) as info:
        validate_corpus_id(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, AnalysisError) and info.value.code == "invalid_corpus_id"


def test_every_method_validates_and_checks_existence(store: Store) -> None:
    calls = [
        lambda cid: store.corpus_exists(cid),
        lambda cid: store.rename_corpus(cid, "x"),
        lambda cid: store.delete_corpus(cid),
        lambda cid: store.add_analyses(cid, [simple_analysis("a")]),
        lambda cid: store.add_failures(cid, []),
        lambda cid: store.article_ids(cid),
        lambda cid: store.load_analyses(cid),
        lambda cid: store.load_failures(cid),
        lambda cid: store.delete_article(cid, "a"),
        lambda cid: store.fingerprint(cid),
        lambda cid: store.get_corpus(cid),
    ]
    for call in calls:
        with pytest.raises(InvalidCorpusIdError):
            call("../etc/passwd")
    unknown = "A" * 22
    assert store.corpus_exists(unknown) is False
    for call in calls[1:]:
        with pytest.raises(UnknownCorpusError):
            call(unknown)


# --------------------------------------------------------------------------- writes


def test_add_is_all_or_nothing(store: Store) -> None:
    corpus = store.create_corpus("atomic")
    store.add_analyses(corpus, [simple_analysis("kept")])
    before = store.fingerprint(corpus)

    def exploding() -> Iterator[ArticleAnalysis]:
        yield simple_analysis("first")
        yield simple_analysis("kept", "بديل لن يحفظ")
        raise RuntimeError("analysis crashed mid-way")

    with pytest.raises(RuntimeError, match="mid-way"):
        store.add_analyses(corpus, exploding())
    assert store.article_ids(corpus) == {"kept"}
    assert store.load_analyses(corpus) == [simple_analysis("kept")]
    assert store.fingerprint(corpus) == before


def test_readding_an_article_replaces_it_in_place(store: Store) -> None:
    corpus = store.create_corpus("upsert")
    store.add_analyses(corpus, [simple_analysis("a"), simple_analysis("b")])
    replacement = simple_analysis("a", "نص جديد")
    store.add_analyses(corpus, [replacement, simple_analysis("c"), simple_analysis("c", "آخر نسخة")])
    assert [a.article.id for a in store.load_analyses(corpus)] == ["a", "b", "c"]
    assert store.load_analyses(corpus)[0] == replacement
    assert store.load_analyses(corpus)[2].article.text == "آخر نسخة"


def test_fingerprints_tell_apart_copies_that_reached_the_same_revision_by_other_writes(tmp_path: Path) -> None:
    """A restored backup written to again has the revision the original had, not its contents: kept tables are
    named by the fingerprint, so it must differ."""
    import shutil

    with open_store(data_dir=tmp_path / "a") as original:
        corpus = original.create_corpus("نسخة")
        original.add_analyses(corpus, [simple_analysis("a.txt")])
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    with open_store(data_dir=tmp_path / "a") as original, open_store(data_dir=tmp_path / "b") as copy:
        original.add_analyses(corpus, [simple_analysis("b.txt")])
        copy.add_analyses(corpus, [simple_analysis("c.txt")])
        first, second = original.fingerprint(corpus), copy.fingerprint(corpus)
    assert first.split(":")[:2] == second.split(":")[:2]  # the same revision
    assert first != second


def test_fingerprint_changes_on_every_write(store: Store) -> None:
    corpus = store.create_corpus("fp")
    seen = [store.fingerprint(corpus)]
    store.add_analyses(corpus, [simple_analysis("a"), simple_analysis("b")])
    seen.append(store.fingerprint(corpus))
    store.add_analyses(corpus, [simple_analysis("a", "تعديل")])
    seen.append(store.fingerprint(corpus))
    assert store.delete_article(corpus, "a") is True
    seen.append(store.fingerprint(corpus))
    store.add_failures(corpus, [LoadFailure("x.txt", "empty", "x.txt: empty")])
    seen.append(store.fingerprint(corpus))
    assert len(set(seen)) == len(seen)
    assert store.delete_article(corpus, "missing") is False
    assert store.add_analyses(corpus, []) == 0
    assert store.fingerprint(corpus) == seen[-1]


def test_rename_and_delete(store: Store) -> None:
    corpus = store.create_corpus("old")
    other = store.create_corpus("other")
    store.add_analyses(corpus, [simple_analysis("a")])
    store.add_failures(corpus, [LoadFailure("x", "empty", "x: empty")])
    store.rename_corpus(corpus, "  جديد  ")
    assert store.get_corpus(corpus).name == "جديد"
    store.delete_corpus(corpus)
    assert not store.corpus_exists(corpus)
    assert [c.id for c in store.list_corpora()] == [other]
    with pytest.raises(UnknownCorpusError):
        store.load_analyses(corpus)


def test_survives_restart(tmp_path: Path) -> None:
    with open_store(data_dir=tmp_path) as first:
        corpus = first.create_corpus("persisted")
        first.add_analyses(corpus, [realistic_analysis()])
        fingerprint = first.fingerprint(corpus)
    assert (tmp_path / "corpora.sqlite").exists()
    with open_store(data_dir=tmp_path) as second:  # a new server process
        assert second.load_analyses(corpus) == [realistic_analysis()]
        assert second.fingerprint(corpus) == fingerprint


def test_concurrent_writers_on_one_file(tmp_path: Path) -> None:
    stores = [open_store(data_dir=tmp_path), open_store(data_dir=tmp_path)]
    corpus = stores[0].create_corpus("shared")
    errors: list[BaseException] = []
    start = threading.Barrier(len(stores))

    def write(worker: int) -> None:
        start.wait()
        try:
            for i in range(50):
                stores[worker].add_analyses(corpus, [simple_analysis(f"w{worker}-{i}")])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    expected = {f"w{w}-{i}" for w in range(2) for i in range(50)}
    assert stores[1].article_ids(corpus) == expected
    assert len(stores[0].load_analyses(corpus)) == 100
    assert stores[0].fingerprint(corpus).startswith(f"{corpus}:100:")  # every write counted
    for opened in stores:
        opened.close()


def test_sqlite_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_open_store_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWS_LENS_DATA_DIR", str(tmp_path / "env-dir"))
    with open_store() as opened:
        opened.create_corpus("x")
    assert (tmp_path / "env-dir" / "corpora.sqlite").exists()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'url.sqlite'}")
    with open_store(data_dir=tmp_path / "ignored") as opened:
        assert opened.list_corpora() == []
    assert (tmp_path / "url.sqlite").exists() and not (tmp_path / "ignored").exists()


# --------------------------------------------------------------------------- documents


DOCS = [
    RawDocument("d1.txt", "d1.txt", "قال وزير الصحة إن الحكومة ستدعم المستشفيات."),
    RawDocument("d2.txt", "d2.txt", "أكدت الوزيرة أن الحملة متواصلة في تونس وصفاقس."),
]


def test_add_documents_analyses_only_new_ones(store: Store) -> None:
    seen: list[str] = []

    def counting(documents: Iterable[RawDocument]) -> Iterator[ArticleAnalysis]:
        documents = list(documents)
        seen.extend(d.id for d in documents)
        return analyse_plain(documents)

    corpus = store.create_corpus("docs")
    assert add_documents(store, corpus, DOCS, analyse=counting) == 2
    third = RawDocument("d3.txt", "d3.txt", "وصل الرئيس إلى باريس.")
    assert add_documents(store, corpus, [*DOCS, third, third], analyse=counting) == 1
    assert add_documents(store, corpus, DOCS, analyse=counting) == 0
    assert seen == ["d1.txt", "d2.txt", "d3.txt"]
    assert [a.article.id for a in store.load_analyses(corpus)] == ["d1.txt", "d2.txt", "d3.txt"]


def test_ensure_sample_corpus_is_deterministic_and_loads_once(tmp_path: Path) -> None:
    files = tmp_path / "sample"
    files.mkdir()
    (files / "a.txt").write_text(DOCS[0].text, encoding="utf-8")
    (files / "b.txt").write_text(DOCS[1].text, encoding="windows-1256")
    (files / "empty.txt").write_bytes(b"")
    paths = sorted(files.iterdir())
    calls: list[int] = []

    def counting(documents: Iterable[RawDocument]) -> Iterator[ArticleAnalysis]:
        calls.append(1)
        return analyse_plain(documents)

    with open_store(data_dir=tmp_path / "db") as first:
        corpus = ensure_sample_corpus(first, paths, analyse=counting)
        assert corpus == sample_corpus_id(reversed(paths)) and validate_corpus_id(corpus) == corpus
        assert ensure_sample_corpus(first, paths, analyse=counting) == corpus
    with open_store(data_dir=tmp_path / "db") as restarted:
        assert ensure_sample_corpus(restarted, paths, analyse=counting) == corpus
        assert calls == [1]
        assert [a.article.id for a in restarted.load_analyses(corpus)] == ["a.txt", "b.txt"]
        assert [f.source for f in restarted.load_failures(corpus)] == ["empty.txt"]
        assert restarted.get_corpus(corpus).name == "sample_data"
    (files / "a.txt").write_text(DOCS[0].text + " تعديل", encoding="utf-8")
    assert sample_corpus_id(paths) != corpus


def test_stale_analyses_are_refreshed_from_raw_text(tmp_path, monkeypatch) -> None:
    """An analysis made by another version of the code is recomputed once; current ones are left alone."""
    import analysis.store as store_module
    from analysis.batch import analyse_documents
    from analysis.store import add_documents, open_store, refresh_stale

    store = open_store(data_dir=tmp_path)
    cid = store.create_corpus("versions")
    docs = [RawDocument(id=f"d{i}", source="s", text=f"وقال الوزير سامي الحمدي: «الجملة رقم {i} هنا».") for i in range(3)]
    analyse = lambda d: analyse_documents(d, workers=1, entities=False)  # noqa: E731
    monkeypatch.setattr(store_module, "analysis_version", lambda: "old")
    add_documents(store, cid, docs, analyse=analyse)
    monkeypatch.setattr(store_module, "analysis_version", lambda: "new")
    assert store.stale_article_ids(cid, "new") == ["d0", "d1", "d2"]
    assert refresh_stale(store, cid, analyse=analyse) == 3
    assert store.stale_article_ids(cid, "new") == []
    assert refresh_stale(store, cid, analyse=analyse) == 0
    refreshed = store.load_analyses(cid)
    assert [a.article.id for a in refreshed] == ["d0", "d1", "d2"]
    assert refreshed[1].quotes[0].speaker == "سامي الحمدي"


def test_the_version_check_reads_each_payloads_head_and_decodes_other_layouts_whole(tmp_path, monkeypatch) -> None:
    """``stale_article_ids`` reads the version from the start of what ``analysis_to_json`` writes; a payload written
    in another layout (keys in another order) is decoded whole, and never taken for stale when it is current."""
    from sqlalchemy import update

    from analysis.batch import analysis_version
    from analysis.store import articles_table

    store = open_store(data_dir=tmp_path)
    cid = store.create_corpus("heads")
    docs = [RawDocument(id=f"d{i}", source="s", text=f"قال الوزير: «الجملة {i}».") for i in range(3)]
    add_documents(store, cid, docs, analyse=lambda d: analyse_documents(d, workers=1, entities=False))
    head = analysis_to_json(store.load_analyses(cid)[0])[:64]
    assert analysis_version() in head  # the real version (16 hex digits) sits in the head the check reads
    decoded: list[str] = []
    loads = json.loads
    monkeypatch.setattr(json, "loads", lambda text, **kw: decoded.append(text) or loads(text, **kw))
    assert store.stale_article_ids(cid, analysis_version()) == []
    assert decoded == []  # no payload decoded
    reordered = {"article": {"id": "d1"}, "analysis": "other", "v": 1}
    with store._engine.begin() as conn:
        conn.execute(
            update(articles_table).where(articles_table.c.article_id == "d1").values(payload=json.dumps(reordered))
        )
    assert store.stale_article_ids(cid, analysis_version()) == ["d1"]
    assert decoded == [json.dumps(reordered)]  # only the one in another layout
    assert store.stale_article_ids(cid, "other") == ["d0", "d2"]
