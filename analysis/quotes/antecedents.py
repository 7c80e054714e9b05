"""Who an implicit speaker is: a learned ranker over the people and bodies the text named before the cue.

«وأضاف أن …», «مضيفا أن …», «وتابعت:» name nobody. The rules in :mod:`analysis.quotes.extract` pick the latest
compatible speaker; this module scores every candidate the text offers (speakers of earlier quotes, the NER
tagger's persons and organisations, the rules' index of titled names) with a logistic model over recency,
position, gender agreement and what kind of mention it is, and the best one speaks. The weights
(``analysis/data/quotes/antecedents.json``) are learned from the development annotations of real news
(``python -m train.train_antecedents``); the rules' own choice is one of the features, so the model changes it only
when the evidence is clear. A quote whose speaker the model chose carries ``+ranked`` in its rule.

>>> from analysis.quotes import extract_quotes_from_text
>>> text = ('وعبر الناصر، في بيان أصدره البرلمان، عن تمنياته بالشفاء للجرحى. وجدد رئيس المجلس محمد الناصر '
...         'دعمه للأمن مؤكدا "ثقته في الشعب".')
>>> [(q.speaker, q.rule) for q in extract_quotes_from_text(text)]
[('محمد الناصر', 'cue_that_quote+implicit+ranked')]
"""

from __future__ import annotations

import bisect
import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.errors import AnalysisError
from analysis.quotes.lexicon import key_of, lexicon
from analysis.records import Quote

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "quotes" / "antecedents.json"
FEATURE_VERSION = 4  # bump when a feature changes: the shipped weights then no longer fit and must be retrained

_PREPOSITIONS = frozenset(key_of(w) for w in ["من", "عن", "مع", "إلى", "على", "في", "ل", "ب", "و"])


class AntecedentModelError(AnalysisError):
    """The antecedent model file is unreadable or was trained on other features."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text naming a candidate speaker. ``source``: ``speaker`` (an earlier quote's speaker phrase),
    ``PERS``/``ORG`` (the NER tagger) or ``person`` (the rules' index of names)."""

    start: int
    end: int
    name: str
    source: str


@dataclass(frozen=True, slots=True)
class Person:
    """A named person mentioned anywhere in the text, as the rules' index finds them: «وزيرة الشؤون الثقافية درة
    المستيري» at ``position``, with ``role`` and ``gender`` M/F/""."""

    position: int
    name: str
    role: str | None
    gender: str


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic weights: ``probability`` is how likely a candidate is the speaker."""

    weights: Mapping[str, float]
    intercept: float = 0.0

    def score(self, features: Mapping[str, float]) -> float:
        return self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        score = self.score(features)
        return 1.0 / (1.0 + math.exp(-score)) if score >= 0 else math.exp(score) / (1.0 + math.exp(score))


def read_model(path: Path, *, feature_version: int, error: type[AnalysisError], what: str, trainer: str) -> Model | None:
    """Logistic weights written by a trainer in ``train/``; None when the file is absent. ``error`` is raised, naming
    ``what`` model it is, when the file is unreadable, and naming its ``trainer`` when it was trained on another
    ``feature_version`` than the code computes."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        version = data.get("feature_version")
        model = Model({str(k): float(v) for k, v in data["weights"].items()}, float(data.get("intercept", 0.0)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as problem:
        raise error(f"cannot read the {what} model {path}: {problem!r}") from problem
    if version != feature_version:
        raise error(
            f"{path} was trained on features version {version}, the code computes version "
            f"{feature_version}: retrain it with python -m {trainer}"
        )
    return model


@cache
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The shipped weights; None when the file is absent (the rules' choice then stands)."""
    return read_model(path, feature_version=FEATURE_VERSION, error=AntecedentModelError, what="antecedent", trainer="train.train_antecedents")


def _words(name: str) -> list[str]:
    return [key_of(w) for w in name.replace('"', " ").split()]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return n > 0 and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def collect_mentions(
    quotes: Sequence[Quote],
    entities: Sequence[tuple[int, int, str, str]],
    persons: Sequence[Person],
    *,
    subjects: Sequence[tuple[int, int, str]] = (),
) -> list[Mention]:
    """Every mention of a candidate, each under the name the text's quotes use for it when they share words
    («الحمدي» → the speaker «سامي الحمدي»), else a person's fullest name ending in its words, else its own.

    ``entities``: (start, end, label, canonical form) of the tagger's PERS and ORG mentions; ``subjects``: (start,
    end, name) of speakers the rules registered where no quote names them (source ``subject``)."""
    speakers = list(dict.fromkeys(q.speaker for q in quotes if q.speaker))
    speaker_words = [(s, _words(s)) for s in speakers]
    raw = [(a, b, name, label) for a, b, label, name in entities if label in ("PERS", "ORG")]
    raw += [(p.position, p.position + len(p.name), p.name, "person") for p in persons]
    full_names = [_words(name) for _, _, name, label in raw if label != "ORG"]
    full_text = {tuple(_words(name)): name for _, _, name, label in raw if label != "ORG"}
    mentions = [Mention(q.speaker_start, q.speaker_end, q.speaker, "speaker") for q in quotes if q.speaker and q.speaker_start >= 0]
    mentions += [Mention(a, b, name, "subject") for a, b, name in subjects]
    for a, b, name, label in raw:
        words = _words(name)
        canonical = next((s for s, sw in speaker_words if _contains(sw, words) or _contains(words, sw)), None)
        if canonical is None and label != "ORG":
            longer = [f for f in full_names if len(f) > len(words) and f[-len(words) :] == words]
            canonical = full_text[tuple(max(longer, key=len))] if longer else name
        mentions.append(Mention(a, b, canonical or name, label))
    return mentions


@dataclass(frozen=True, slots=True)
class Context:
    """What the features read besides the mentions: the text, its sentence and paragraph starts, the spans of its
    speech quotes and the persons' genders."""

    text: str
    sentence_starts: Sequence[int]
    paragraph_starts: Sequence[int]
    quote_spans: Sequence[tuple[int, int]]
    genders: Mapping[str, str]

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1


def _gender(name: str, sources: set[str], genders: Mapping[str, str]) -> str:
    if (known := genders.get(key_of(name))) is not None and known:
        return known
    words = name.split()
    if not words:
        return ""
    if "ORG" in sources or lexicon().is_organisation(name):
        return "F" if key_of(words[0]).endswith("ة") else "M"
    return lexicon().first_name(words[0]) or ""


def candidate_features(quote: Quote, anchor: int, mentions: Sequence[Mention], context: Context) -> dict[str, dict[str, float]]:
    """Features of every candidate speaker of the implicit ``quote`` whose cue stands at offset ``anchor``."""
    text = context.text
    cue = lexicon().cue(quote.cue) if quote.cue else None
    cue_gender, cue_kind = (cue.gender, cue.kind) if cue is not None else ("-", "none")
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_name[m.name].append(m)
    if quote.speaker and quote.speaker not in by_name:
        by_name[quote.speaker] = []
    last_speaker: dict[str, int] = {}
    last_any: dict[str, int] = {}
    for m in mentions:
        if m.end <= anchor:
            last_any[m.name] = max(last_any.get(m.name, -1), m.end)
            if m.source == "speaker":
                last_speaker[m.name] = max(last_speaker.get(m.name, -1), m.end)
    speaker_rank = {name: n for n, name in enumerate(sorted(last_speaker, key=lambda c: -last_speaker[c]), 1)}
    any_rank = {name: n for n, name in enumerate(sorted(last_any, key=lambda c: -last_any[c]), 1)}
    anchor_sentence, anchor_paragraph = context.sentence(anchor), context.paragraph(anchor)
    words_of = {name: name.split() for name in by_name}
    in_longer = {  # «جولي» beside «جولي آن جيمس»: a short form of a fuller candidate
        name for name, words in words_of.items()
        if any(len(other) > len(words) and all(w in other for w in words) for other in words_of.values())
    }
    out: dict[str, dict[str, float]] = {}
    for name, ms in by_name.items():
        sources = {m.source for m in ms}
        gender = _gender(name, sources, context.genders)
        if name != quote.speaker and {cue_gender, gender} in ({"f", "M"}, {"m", "F"}):
            continue  # «وأضافت» is no man's, «وأضاف» no woman's
        if name != quote.speaker and cue_gender == "p" and {"PERS", "person"} & sources and " و" not in name:
            continue  # «وأضافوا» is no one person's
        before = [m for m in ms if m.end <= anchor]
        f: dict[str, float] = {"rule": float(name == quote.speaker), "has_before": float(bool(before))}
        if before:
            last = max(before, key=lambda m: m.end)
            gap = anchor_sentence - context.sentence(last.start)
            f["dchar"] = math.log1p(anchor - last.end)
            f[f"dsent={min(gap, 4)}"] = 1.0
            f[f"cue={cue_kind},dsent={min(gap, 2)}"] = 1.0
            f["same_paragraph"] = float(anchor_paragraph == context.paragraph(last.start))
            f["inside_quote"] = float(any(a <= last.start < b for a, b in context.quote_spans))
            f[f"last_source={last.source}"] = 1.0
            f["n_before"] = math.log1p(len(before))
            words_before = text[context.sentence_starts[context.sentence(last.start)] : last.start].split()
            previous = words_before[-1] if words_before else ""
            f["after_preposition"] = float(key_of(previous) in _PREPOSITIONS or text[last.start : last.start + 1] in "لب")
            f["after_cue"] = float(bool(previous) and lexicon().cue(previous) is not None)
            f["after_title"] = float(bool(previous) and lexicon().role_gender(previous) is not None)
            f["opens_sentence"] = float(len(words_before) <= 2)
        else:
            f["dchar"] = 8.0
        after = [m.start for m in ms if m.start > anchor and context.sentence(m.start) == anchor_sentence]
        if after:  # «وأكد في السياق ذاته الوزير …»: a subject after the cue that the rules did not reach
            f["after_in_sentence"] = 1.0
            f["dchar_after"] = math.log1p(min(after) - anchor)
        rank = speaker_rank.get(name, 0)
        f[f"speaker_rank={min(rank, 4)}"] = 1.0
        f[f"any_rank={min(any_rank.get(name, 0), 5)}"] = 1.0
        f[f"cue={cue_kind},latest_speaker={int(rank == 1)}"] = 1.0
        for source in sorted(sources):  # a fixed order: the sums over features come out the same in every run
            f[f"source={source}"] = 1.0
        f[f"gender={cue_gender}/{gender or '-'}"] = 1.0
        words = words_of[name]
        f[f"words={min(len(words), 4)}"] = 1.0
        f["everyday_words"] = sum(key_of(w) in lexicon().everyday for w in words) / max(len(words), 1)
        f["given_name_first"] = float(bool(words) and lexicon().first_name(words[0]) is not None)
        f["in_longer_candidate"] = float(name in in_longer)
        if len(words) == 1 and f["given_name_first"] and name not in in_longer:
            f["lone_given_name"] = 1.0  # «يقول منصف، وهو متقاعد»: a passer-by named by a given name alone
        f["n_mentions"] = math.log1p(len(ms))
        f["rule_found_none"] = float(quote.speaker is None)
        out[name] = f
    return out


def may_speak(features: Mapping[str, float]) -> bool:
    """Whether a candidate may be chosen: named before the cue, or the rules' own choice. A name first met after the
    quote is not: implicit speech points back, not ahead."""
    return bool(features.get("has_before") or features.get("rule"))


def choose_speaker(features: Mapping[str, Mapping[str, float]], model: Model, *, rule_speaker: str | None) -> str | None:
    """The best-scoring candidate (ties: the first). Where the rules found nobody (``rule_speaker`` None), only a
    candidate more likely right than wrong: an unknown speaker misleads an analyst less than a wrong one."""
    best, best_score = None, -math.inf
    for name, f in features.items():
        if not may_speak(f):
            continue
        score = model.score(f)
        if score > best_score:
            best, best_score = name, score
    if rule_speaker is None and best is not None and model.probability(features[best]) < 0.5:
        return None
    return best
