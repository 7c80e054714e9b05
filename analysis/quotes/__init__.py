"""Quote extraction and speaker attribution for Arabic news.

>>> from analysis.quotes import extract_quotes_from_text
>>> [(q.kind, q.speaker) for q in extract_quotes_from_text('قالت الوزيرة ليلى بن عمار: «لن نقطع الماء».')]
[('direct', 'ليلى بن عمار')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.records import QUOTE_COLUMNS, Article, Quote

__all__ = [
    "SPEAKER_COLUMNS",
    "count_speakers",
    "extract_quotes",
    "extract_quotes_from_text",
    "filter_quotes",
    "merge_speakers",
    "quotes_frame",
    "speaker_matrix",
    "speaker_pairs",
    "speaker_table",
]


def __getattr__(name: str) -> object:
    """``extract_quotes_from_text`` on first use: the extractor's module builds its rule tables as it is imported
    (about 0.2 s), which the dashboard's tables (speaker_matrix, …) never need (merge_speakers reads only the quote
    lexicon)."""
    if name == "extract_quotes_from_text":
        from analysis.quotes.extract import extract_quotes_from_text

        return extract_quotes_from_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SPEAKER_COLUMNS: tuple[str, ...] = ("speaker", "n_quotes", "n_articles", "roles", "mentions", "kinds")


def extract_quotes(article: Article, *, ner_tags: Mapping[int, list[str]] | None = None) -> list[Quote]:
    """Quotes of an article; offsets refer to ``article.text``.

    ``ner_tags`` (:func:`analysis.entities.tag_sentences` of the text) saves tagging the article again when the
    extractor asks the NER tagger about a name; without them it tags the article itself on first need.
    """
    from analysis.quotes.extract import extract_quotes_from_text

    return extract_quotes_from_text(article.text, article_id=article.id, ner_tags=ner_tags)


def quotes_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per quote over many articles (columns :data:`QUOTE_COLUMNS`), speakers merged across articles."""
    rows = [tuple(getattr(q, c) for c in QUOTE_COLUMNS) for a in articles for q in extract_quotes(a)]
    return merge_speakers(pd.DataFrame.from_records(rows, columns=list(QUOTE_COLUMNS)))


def merge_speakers(frame: pd.DataFrame) -> pd.DataFrame:
    """Across articles, one name per speaker. The input is not modified.

    - Spellings of one name («مصدر أمني» / «مصدر امني», «راشد الغنّوشي» / «راشد الغنوشي», «ناجى جلول», «الباجي
      قايد السبسي» / «الباجي قائد السبسي») meet on :func:`analysis.entities.canonical_key`, as entity names do,
      and take the spelling most of their quotes have.
    - A person's name written with and without the article on a given name («الهادي مجدوب» / «هادي مجدوب») is one
      speaker, under the form more of its quotes have.
    - A name of one or two words that is the tail of exactly one longer name takes that name: «بوتين» in one
      article and «فلاديمير بوتين» in another count as one speaker. Only a longer name that extends it counts
      (:func:`analysis.quotes.lexicon.extends_name`): not «وزير البيئة والشؤون المحلية في حكومة يوسف الشاهد» for
      «يوسف الشاهد».
    """
    from analysis.entities import canonical_key
    from analysis.quotes.lexicon import extends_name, lexicon

    out = frame.copy()
    if out.empty:
        return out
    named = out["speaker"][out["speaker"].map(lambda s: isinstance(s, str))]
    quotes_per_spelling = named.value_counts()
    key_of = {name: canonical_key(name) for name in quotes_per_spelling.index}
    quotes_per_key = Counter[str]()
    for name, n in quotes_per_spelling.items():
        quotes_per_key[key_of[name]] += n
    with_article: dict[str, str] = {}  # «هادي مجدوب» → «الهادي مجدوب», when that has more quotes
    for key in quotes_per_key:
        first, _, rest = key.partition(" ")
        bare = first.removeprefix("ال")
        partner = " ".join([bare if first.startswith("ال") else f"ال{first}", rest]).strip()
        if rest and quotes_per_key[partner] > quotes_per_key[key] and lexicon().first_name(bare):
            with_article[key] = partner
    key_of = {name: with_article.get(key, key) for name, key in key_of.items()}
    spelling: dict[str, str] = {}  # key → its most frequent spelling (ties: the first in code-point order)
    for name, _ in sorted(quotes_per_spelling.items(), key=lambda item: (-item[1], item[0])):
        spelling.setdefault(key_of[name], name)
    longer_by_tail: dict[tuple[str, ...], list[str]] = {}
    for key, name in spelling.items():  # index every name under the one- and two-word tails it extends (linear)
        words = tuple(key.split())
        for size in (1, 2):
            if len(words) > size and extends_name(name, size):
                longer_by_tail.setdefault(words[-size:], []).append(key)
    longer = {key: found[0] for key in spelling if len(found := longer_by_tail.get(tuple(key.split()), [])) == 1}
    mapping = {name: spelling[longer.get(key, key)] for name, key in key_of.items()}
    out["speaker"] = out["speaker"].map(lambda s: mapping.get(s, s) if isinstance(s, str) else s)
    return out


def speaker_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per-speaker aggregates of a quotes frame: quote and article counts, roles, mentions, kinds."""
    speech = quotes[quotes["speaker"].notna() & (quotes["kind"] != "term")]
    if speech.empty:
        return pd.DataFrame(columns=list(SPEAKER_COLUMNS))

    def joined(values: pd.Series) -> str:
        return " | ".join(dict.fromkeys(v for v in values if isinstance(v, str) and v))

    table = speech.groupby("speaker", sort=False).agg(
        n_quotes=("text", "size"),
        n_articles=("article", "nunique"),
        roles=("role", joined),
        mentions=("speaker_mention", joined),
        kinds=("kind", joined),
    )
    table = table.reset_index().sort_values(["n_quotes", "speaker"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)[list(SPEAKER_COLUMNS)]


def filter_quotes(
    quotes: pd.DataFrame, *, kinds: Iterable[str] = (), source: str = "", article: str = "", speaker: str = ""
) -> pd.DataFrame:
    """The quotes of any of ``kinds``, from ``source``, in ``article`` and by ``speaker``; an empty filter keeps all.

    ``source`` needs the quotes joined with their articles (a ``source`` column). The input is not modified.
    """
    mask = pd.Series(True, index=quotes.index)
    kinds = tuple(kinds)
    if kinds:
        mask &= quotes["kind"].isin(kinds)
    for column, value in (("source", source), ("article", article), ("speaker", speaker)):
        if value:
            mask &= quotes[column] == value
    return quotes[mask]


def count_speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes per speaker, terms left out, most quoted first: columns speaker, count.

    Quotes without a speaker are left out too; label them first to count them (the dashboard's «غير منسوب»).
    """
    speech = quotes[quotes["speaker"].notna() & (quotes["kind"] != "term")]
    counts = speech.groupby("speaker").size().rename("count").reset_index()
    return counts.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


def speaker_pairs(quotes: pd.DataFrame, *, by: str = "article") -> pd.DataFrame:
    """Tidy counts of attributed quotes per (speaker, ``by``) pair: columns speaker, ``by``, count.

    Only pairs that occur are listed, so this stays small on corpora of any size.
    """
    speech = quotes[quotes["speaker"].notna() & (quotes["kind"] != "term")]
    pairs = speech.groupby(["speaker", by], sort=False).size().rename("count").reset_index()
    return pairs.sort_values(["count", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def speaker_matrix(quotes: pd.DataFrame, *, by: str = "article", top_speakers: int = 25, top_columns: int = 25) -> pd.DataFrame:
    """Speaker × ``by`` (article, source, date) counts for the most quoted speakers and the busiest columns.

    Bounded on purpose: a 10,000-article corpus has thousands of speakers; the full counts are
    :func:`speaker_pairs`.
    """
    pairs = speaker_pairs(quotes, by=by)
    if pairs.empty:
        return pd.DataFrame()
    speakers = pairs.groupby("speaker")["count"].sum().nlargest(top_speakers).index
    columns = pairs[pairs["speaker"].isin(speakers)].groupby(by)["count"].sum().nlargest(top_columns).index
    kept = pairs[pairs["speaker"].isin(speakers) & pairs[by].isin(columns)]
    matrix = kept.pivot_table(index="speaker", columns=by, values="count", aggfunc="sum", fill_value=0)
    order = matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return matrix.loc[order, [c for c in columns if c in matrix.columns]]
