"""Whether a short quoted fragment is someone's words (``partial``) or a name in marks (``term``): a learned check.

The rules in :mod:`analysis.quotes.extract` tell a partial quote from a quoted term by where the marks stand: after
a cue in the same sentence the fragment is speech, with nothing around it a name. Real news blur that line — a
statement's «… مخدّر القنب الهندي "الزطلة"» is a name inside speech, «تقدمت الشركة بالاعتذار عن "الإزعاج الذي
لحقهم"» is words quoted in narration — and the annotators of the development set disagree with the rules on one such
span in six. This module scores a span with a logistic model over what it is made of (how many words, how
name-like, an indefinite accusative «محظوظاً», a possessive «بسلوكها», Latin letters), what stands around it (the
word before the marks, a gloss in brackets after them, a cue in the sentence) and how the article uses it (quoted
again, written without marks elsewhere); the rules' own choice is one of the features, so the model overrules it
only when the evidence is clear (:data:`TO_TERM`, :data:`TO_PARTIAL`). The weights
(``analysis/data/quotes/span_kinds.json``) are learned from the development annotations
(``python -m train.train_span_kinds``). A span the model relabels carries ``+learned`` in its rule.

>>> features = span_features('تم حجز 17 كلغ من مخدّر القنب الهندي "زطلة" في حوزة الموقوفين', 37, 41, rule="partial_in_speech")
>>> features["words=1"], features["prev=الهندي"]
(1.0, 1.0)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from analysis.errors import AnalysisError
from analysis.quotes.antecedents import Model, read_model
from analysis.quotes.lexicon import key_of, lexicon

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "quotes" / "span_kinds.json"
FEATURE_VERSION = 3  # bump when a feature changes: the shipped weights then no longer fit and must be retrained
# how sure the model must be that a span is a term (a partial quote) to overrule the rules' partial (term)
TO_TERM = 0.55
TO_PARTIAL = 0.7

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_PREPOSITIONS = frozenset(key_of(w) for w in ["من", "عن", "مع", "إلى", "على", "في", "ل", "ب", "بـ", "حول", "و", "ك"])
_COMPLEMENTISERS = frozenset(key_of(w) for w in ["أن", "إن", "أنه", "أنها", "أنهم", "إنه", "إنها", "إنهم"])
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "كم", "نا", "ه")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "سي", "ست", "سن")


class SpanKindModelError(AnalysisError):
    """The span-kind model file is unreadable or was trained on other features."""


@cache
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The shipped weights; None when the file is absent (the rules' kind then stands)."""
    return read_model(path, feature_version=FEATURE_VERSION, error=SpanKindModelError, what="span-kind", trainer="train.train_span_kinds")


def span_key(content: str) -> str:
    """The normalised words of a quoted span, the key under which an article counts its quoted spans:
    «"الزطلة "» → «الزطلة»."""
    return " ".join(key_of(w) for w in _WORD.findall(content))


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-5" if n <= 5 else "6-8" if n <= 8 else "9+"


def _words_before(text: str, offset: int, floor: int, n: int) -> list[str]:
    """The keys of up to ``n`` words right before ``offset`` (nearest first), not before ``floor``."""
    found = _WORD.findall(text[max(floor, offset - 80) : offset])
    return [key_of(w) for w in reversed(found[-n:])]


def span_features(
    text: str,
    start: int,
    end: int,
    *,
    rule: str,
    sentence: tuple[int, int] | None = None,
    cue_before: bool = False,
    quoted_counts: Mapping[str, int] | None = None,
) -> dict[str, float]:
    """Features of the quoted span ``text[start:end]`` (the content, without its marks).

    ``sentence``: its sentence's (start, end); ``cue_before``: whether a speech cue stands before it in that
    sentence; ``quoted_counts``: how often each normalised content is quoted in the article.
    """
    lex = lexicon()
    s_start, s_end = sentence or (0, len(text))
    content = text[start:end]
    words = [key_of(w) for w in _WORD.findall(content)]
    f: dict[str, float] = {f"rule={rule.partition('+')[0]}": 1.0, f"words={_bucket(len(content.split()))}": 1.0}
    if cue_before:
        f["cue_before"] = 1.0
    open_at = start
    while open_at > s_start and not text[open_at - 1].isspace() and not text[open_at - 1].isalnum():
        open_at -= 1  # back over the opening mark
    before = _words_before(text, open_at, s_start, 1)
    if before:
        prev = before[0]
        f[f"prev={prev}"] = 1.0
        f["prev_preposition"] = float(prev in _PREPOSITIONS)
        f["prev_role"] = float(lex.role_gender(prev) is not None)
        f["prev_definite"] = float(prev.startswith(("ال", "وال", "بال", "لل")))
        # «برنامج "…"» names a thing; «قرار البنك "حذر ومفهوم"»: a definite one before speech much less often
        term_noun = prev in lex.term_nouns or prev.removeprefix("ال") in lex.term_nouns
        f["prev_term_noun"] = float(term_noun and not prev.startswith("ال"))
        f["prev_term_noun_definite"] = float(term_noun and prev.startswith("ال"))
        f["prev_cue"] = float(lex.cue(prev) is not None)
        glued = text[open_at - 1] if open_at > s_start else ""
        if glued in "بلوكـ" and glued:
            f["glued=" + glued] = 1.0  # «بـ"…"», «و"…"»: a preposition or «و» written onto the mark
    else:
        f["opens_sentence"] = 1.0
    after = text[end : min(s_end + 1, end + 40)].lstrip("\"'«»“”‘’ \u00a0")
    if after[:1] in ("(", "["):
        f["gloss_after"] = 1.0  # «زراعات "الهندي" (التين الشوكي)»
    elif after[:1] in ("،", ",", ".", ":", "؛", ";", "!", "؟"):
        f["punct_after=" + after[:1]] = 1.0
    elif (m := _WORD.match(after)) is not None:
        following = key_of(m.group())
        if following.removeprefix("ب").removeprefix("ل") in _COMPLEMENTISERS:
            f["next_complementiser"] = 1.0  # «لـ"الشروق" بأن …»: the clause starts after the span
        elif following in _PREPOSITIONS:
            f["next_preposition"] = 1.0
        elif following.startswith(("ال", "وال")):
            f["next_definite"] = 1.0
        else:
            f["next_word"] = 1.0
    if not words:
        f["no_letters"] = 1.0
        return f
    f[f"first={words[0]}"] = 1.0
    for w in words[:8]:
        f[f"w={w}"] = 1.0
    f[f"text={' '.join(words)}"] = 1.0
    f[f"last={words[-1]}"] = 1.0
    f["first_definite"] = float(words[0].startswith(("ال", "وال", "بال", "لل")))
    f["first_b"] = float(words[0].startswith("ب") and not words[0].startswith("بو"))
    n = len(words)
    f["name_like"] = sum(lex.in_name(w) for w in words) / n
    f["everyday"] = sum(w in lex.everyday for w in words) / n
    f["given_name"] = float(any(lex.first_name(w) is not None for w in words))
    f["role_inside"] = float(any(lex.role_gender(w) is not None for w in words))
    f["organisation"] = float(lex.is_organisation(content))
    # «محظوظاً», «دفعا جديدا»: an indefinite accusative (not the pronoun of «بسلوكها», not the verb of «قالوا»)
    f["accusative"] = float(any(w.endswith("ا") and not w.endswith(("ها", "نا", "وا")) and not w.startswith("ال") and len(w) >= 4 for w in words))
    f["pronoun"] = float(any(w.endswith(_PRONOUN_ENDINGS) and len(w) >= 5 for w in words))
    f["present_verb"] = float(any(w.startswith(_PRESENT_PREFIXES) and not w.startswith("ال") and len(w) >= 5 for w in words))
    f["latin"] = float(bool(_LATIN.search(content)))
    f["digits"] = float(bool(_DIGIT.search(content)))
    f["cue_inside"] = float(any(lex.cue(w) is not None for w in words))
    if quoted_counts is not None and quoted_counts.get(" ".join(words), 0) > 1:
        f["quoted_again"] = 1.0
    plain = text.count(content.strip()) if len(content.strip()) >= 3 else 0
    if plain > 1:
        f["repeated_in_text"] = 1.0
    return f


def relabel(features: Mapping[str, float], model: Model, *, kind: str) -> str:
    """The kind the span should have: ``kind`` unless the model is sure of the other (``partial`` ↔ ``term``)."""
    p_partial = model.probability(features)
    if kind == "partial" and 1.0 - p_partial > TO_TERM:
        return "term"
    if kind == "term" and p_partial > TO_PARTIAL:
        return "partial"
    return kind
