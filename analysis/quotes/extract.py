"""Rule-based extraction of quotes and reported speech with speaker attribution.

The extractor works on one text in three steps:

1. quoted spans are paired (:mod:`analysis.quotes.marks`) and each is classified: ``term`` (a quoted
   name after «تنظيم، برنامج، فيلم …»), ``direct`` (after a colon, a complementiser or a cue verb, or a
   paragraph opening with a quote) or ``partial`` (a fragment inside someone's reported speech);
2. reported speech without marks is found from a cue (verb, participle or nominal cue) followed by
   أن/إن/بأن/فإن: ``indirect``;
3. speakers are resolved in text order: the noun phrase after the cue («وقال وزير الخارجية
   الموريتاني محمد ولد السالك») gives a role and a name; an implicit subject («وأضافت أن …»,
   «مضيفا») takes the speaker of the same sentence or the most recent speaker of the same gender;
   aliases («بوتين», «الرئيس الروسي») merge into the fullest name seen in the text.

Every :class:`~analysis.records.Quote` carries character offsets into the text, the cue and the
rule that fired, so the dashboard can show the evidence.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from analysis.camel import token_spans
from analysis.quotes.antecedents import (
    Context,
    Model,
    Person,
    candidate_features,
    choose_speaker,
    collect_mentions,
    load_model,
)
from analysis.quotes.lexicon import Cue, Lexicon, key_of, lexicon, phrase_key
from analysis.quotes.marks import QuotedSpan, find_quoted_spans
from analysis.quotes.span_kinds import load_model as load_span_model
from analysis.quotes.span_kinds import relabel, span_features, span_key
from analysis.records import Quote
from analysis.segment import split_paragraphs, split_sentences
from analysis.tokens import keeps_proclitics

__all__ = ["extract_quotes_from_text"]

_COMPLEMENTISERS = frozenset(
    key_of(w)
    for w in ["أن", "إن", "بأن", "فإن", "وأن", "وإن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "أنهما", "أننا", "إننا", "أنني", "إنني", "بأنه", "بأنها", "بأنهم", "فإنه", "فإنها",
              "أنهن", "إنهن", "بأنهن", "بأنهما", "فإنهم"]
)
_NOT_SPEECH_BEFORE_AN = frozenset(key_of(w) for w in ["قبل", "بعد", "دون", "يجب", "يمكن", "ينبغي", "حتى", "منذ", "بعدما", "لا", "إلا", "بما", "رغم", "ورغم", "برغم", "شأنه", "شأنها", "والحال",
                                                           "أي", "كما", "بيد", "حيث", "خاصة", "سيما", "لاسيما"])
# («أي أنها», «كما أن», «بيد أن», «حيث إن», «خاصة وأن», «لا سيما أن»: «that is», «moreover», «however», «since»,
# «especially as»)
_KHASSA = key_of("خاصة")


def _no_speech_before_an(toks: Sequence[_Tok], k: int) -> bool:
    """Whether token ``k``, right before «أن/إن», makes the clause no reported speech («بعد أن», «خاصة أن»); not the
    adjective of «ونقلت قناة الجزيرة عن مصادر خاصة أن …»."""
    key = toks[k].key
    return key in _NOT_SPEECH_BEFORE_AN and not (key == _KHASSA and k > 0 and toks[k - 1].key in _SOURCE_NOUNS)


# cues written like a preposition without the shadda («بيّن»/«بين», «عبّر»/«عبر»): a cue only before these words
_BAYYANA = frozenset(key_of(w) for w in ["بين", "وبين", "فبين"])  # «بيّن» (explained)
_ABBARA = frozenset(key_of(w) for w in ["عبر", "وعبر", "فعبر"])
_FROM_SOURCE = key_of("عن")  # «عبّر عن», and the source of «نقل X عن Y»
_PREPOSITION_CUES = {
    **{key: _COMPLEMENTISERS for key in _BAYYANA},
    **{key: _COMPLEMENTISERS | {_FROM_SOURCE} for key in _ABBARA},
}
_GHAYR = key_of("غير")
_FAQAD = key_of("فقد")  # «فَقَد» before a verb («بحسب X فقد تم …»), or the verb «فَقَدَ» (lost): never in a name
_LA = key_of("لا")
_QAD_BEFORE = frozenset(key_of(w) for w in ["قد", "فقد", "وقد"])
_BEFORE_A_VERB = _QAD_BEFORE | {key_of("كما")}  # «فقد بين الشابي أنه»: «بين» is a verb
_BARE_PREPOSITION_CUES = frozenset(key_of(w) for w in ["بين", "عبر"])
_CLAUSE_BREAKERS = frozenset(key_of(w) for w in ["لكن", "لكنه", "لكنها", "لكنهم", "غير", "بينما"])
_AND_THAT, _IN, _ALLUSION = key_of("وذلك"), key_of("في"), key_of("إشارة")
_HONORIFICS = frozenset(
    key_of(w)
    for w in ["السيد", "السيدة", "الدكتور", "الدكتورة", "الشيخ", "الأستاذ", "الأستاذة", "المهندس", "الحاج", "د.",
              "البروفسور", "البروفيسور", "البروفيسورة",
              "العقيد", "العميد", "الرائد", "المقدم", "اللواء", "الملازم", "الجنرال", "الأميرال"]  # ranks: «العقيد الوسلاتي»
)
_STYLES = frozenset(key_of(w) for w in ["فخامة", "جلالة", "سمو", "سعادة", "معالي", "حضرة"])  # «His Excellency» …
_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه", "نا")  # «أفادنا به مراسلنا»: «informed us»
# «among them»; «فسرها المترجم بمراعاة …» (explained it by …) describes, it does not report
_NOT_CUE_WITH_PRONOUN = frozenset(
    key_of(w) for w in ["بينهم", "بينها", "بينه", "بينهما", "وبينهم", "وبينها", "فسرها", "فسره", "وفسرها", "وفسره"]
)
_GAP_START = frozenset(".،,؛;:!?؟")
_MAX_NP = 14
_WINDOW = 30  # tokens allowed between a speaker phrase and أن/إن (circumstantials)
_TERM_MAX_WORDS = 4
_WING = frozenset(key_of(w) for w in ["الجناح", "الذراع"])
_AFFILIATED_TO = frozenset(
    key_of(w) for w in ["التابع", "التابعة", "التابعين", "التابعتين", "التابعتان", "التابعون", "المنتمي", "المنتمية", "المنتمين", "المنتمون",
                        "المنتسب", "المنتسبة", "المنتسبين", "المنتسبون"]
)
_WHOLE_CLAUSE_WORDS = 12  # a quote this long right after أن/إن is direct (development: 32 direct, 1 partial)
_TERM_MAX_PHRASE = 10  # a quoted phrase after a word, with no cue in its sentence, is a term up to this length


_NAME_PARTICLES_LATIN = frozenset(["فان", "فون"])  # van, von


@dataclass(slots=True)
class _Tok:
    """A token of the text (treated as immutable; not frozen because frozen construction is slow)."""

    start: int
    end: int
    text: str
    key: str
    word: bool


@dataclass(frozen=True, slots=True)
class _Word:
    """What the extractor asks of a token's surface form, computed once per distinct form (see :class:`_Words`)."""

    key: str
    word: bool
    cue: Cue | None  # the cue the word is (punctuation: None)
    pronoun_cue: Cue | None  # «وصفه», «اعتبرته»: the cue under an object pronoun
    nominal_head: bool  # may start a nominal cue («بحسب», «وفي تصريح»)
    speech: bool  # a cue or a nominal head: the only tokens whose cue()/nominal_at() can be set
    boundary: bool  # :func:`_is_boundary`
    role: str | None  # ``lex.role_gender``
    given_name: bool  # :func:`_is_given_name`
    unknown: bool  # an unknown word that may be a given name after a role (:func:`_name_after_role`)
    may_name: bool  # may start a person's name (given name, or an unknown word after a role)


class _Words:
    """Surface form → :class:`_Word` for one lexicon, memoised (news vocabulary is Zipfian)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.forms: dict[str, _Word] = {}

    def __call__(self, text: str) -> _Word:
        found = self.forms.get(text)
        if found is None:
            found = self._compute(text)
            if len(self.forms) < _WORD_CACHE_LIMIT:
                self.forms[text] = found
        return found

    def _compute(self, text: str) -> _Word:
        lex = self.lex
        key = key_of(text)
        heads = _nominal_heads()
        nominal_head = key in heads or (key[:1] in "وف" and key[1:] in heads)
        boundary = _boundary_key(lex, key) and not _imam(text, key)
        role = lex.role_gender(text)
        if not (text[0].isalnum() or text[0] == "ـ"):  # punctuation: no cue, no name
            return _Word(
                key=key,
                word=False,
                cue=None,
                pronoun_cue=None,
                nominal_head=nominal_head,
                speech=nominal_head,
                boundary=boundary,
                role=role,
                given_name=False,
                unknown=False,
                may_name=False,
            )
        cue = lex.cue(text)
        pronoun_cue = None
        if key not in _NOT_CUE_WITH_PRONOUN:
            for suffix in _PRONOUN_SUFFIXES:  # «وصفه», «اعتبرته»: a cue with an object pronoun
                if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                    stem = text[: len(text) - len(suffix)]
                    pronoun_cue = lex.cue(stem) or lex.cue(stem[:-1] + "ت" if stem.endswith("ت") else stem)
                    if pronoun_cue is None and stem.endswith("و"):
                        pronoun_cue = lex.cue(stem + "ا")  # «اعتبروه»: the plural's alif drops before the pronoun
                    if pronoun_cue is None and stem.endswith("ا"):
                        pronoun_cue = lex.cue(stem[:-1] + "ى")  # «نفاه», «ادعاه»: «نفى», «ادعى» write «ى» as «ا»
                    if pronoun_cue is not None and pronoun_cue.present:
                        pronoun_cue = None  # «تنقله» (his trip), not «تنقل» + pronoun; «وصفه», «اعتبرته» are past
                    if pronoun_cue is not None:
                        break
        given_name = _given_name(lex, text, key, True)
        # what _name_after_role asks of the word itself: no role, cue, boundary, number or everyday word
        unknown = (
            not key.startswith(("ال", "وال", "ل", "ب"))
            and lexicon().word_counts.get(key, 0) < _COMMON  # everyday words («دفع», «مشروع») are not names
            and not (key[:1] in "وف" and lexicon().word_counts.get(key[1:], 0) >= _COMMON)  # «وجريمة»
            and not text.isdigit()
            and role is None
            and not boundary
            and cue is None
        )
        return _Word(
            key=key,
            word=True,
            cue=cue,
            pronoun_cue=pronoun_cue,
            nominal_head=nominal_head,
            speech=cue is not None or pronoun_cue is not None or nominal_head,
            boundary=boundary,
            role=role,
            given_name=given_name,
            unknown=unknown,
            may_name=key not in _COMPLEMENTISERS and (given_name or unknown),
        )


_WORD_CACHE_LIMIT = 200_000
_WORD_TABLES: dict[int, _Words] = {}  # by id(lexicon); each table holds its lexicon, so ids are not reused


def _words_for(lex: Lexicon) -> _Words:
    table = _WORD_TABLES.get(id(lex))
    if table is None:
        table = _WORD_TABLES[id(lex)] = _Words(lex)
    return table


_ALI_FORMS = frozenset(p + "علي" for p in ("", "و", "ف"))
_YA_SPELT = frozenset(p + w for p in ("", "و", "ف") for w in ("إلي", "الي", "حتي", "لدي"))
_MAQSURA_SPELT = frozenset(p + w for p in ("", "و", "ف") for w in ("إلى", "الى", "حتى", "لدى"))


def _writes_maqsura_as_ya(forms: Sequence[str]) -> bool:
    """Whether a text writes the final «ى» as «ي» («إلي», «حتي», as many Egyptian papers do): there «علي» before a
    word that is no part of a name is «على» (elsewhere only before an everyday word, :func:`_ala_misspelt`)."""
    ya = sum(f in _YA_SPELT for f in forms)
    return ya > 0 and ya > sum(f in _MAQSURA_SPELT for f in forms)


@dataclass(slots=True)
class _Speaker:
    name: str | None
    role: str | None
    label: str
    gender: str  # "M", "F" or ""
    parent: _Speaker | None = None
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    aliases: list[tuple[str, ...]] = field(default_factory=list)  # «الهايكا» for «الهيئة العليا … "الهايكا"»

    def root(self) -> _Speaker:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


@dataclass(slots=True)
class _Attribution:
    speaker: _Speaker | None
    mention: tuple[int, int] | None
    cue: str | None
    rule: str


@dataclass(slots=True)
class _Pending:
    kind: str
    start: int
    end: int
    rule: str
    cue_index: int | None = None  # token index of the cue
    np_span: tuple[int, int] | None = None  # token range of a cue-less speaker phrase («X: "…"»)
    continuation: bool = False


class _Doc:
    def __init__(self, text: str, lex: Lexicon, ner_tags: Mapping[int, list[str]] | None = None) -> None:
        self.text = text
        self.ner_tags = ner_tags  # analysis.entities.tag_sentences of this text (computed on first need)
        self.lex = lex
        spans = token_spans(text)
        forms = [text[s:e] for s, e in spans]
        info = _words_for(lex)
        known = info.forms.get
        self.words = [known(f) or info(f) for f in forms]  # parallel to toks
        self.toks = [_Tok(s, e, f, w.key, w.word) for (s, e), f, w in zip(spans, forms, self.words, strict=True)]
        for k in [k for k, f in enumerate(forms) if f in _NAME_PARTICLES_LATIN]:
            if self._name_particle(k):  # «لويس فان غال», «الممثل فان ديزل»: not «فإن» written without its hamza
                self.words[k] = dataclasses.replace(self.words[k], key=key_of(forms[k]) + "·", boundary=False, may_name=True, given_name=True)
                self.toks[k] = _Tok(spans[k][0], spans[k][1], forms[k], self.words[k].key, True)
        if _writes_maqsura_as_ya(forms):
            for k in [k for k, f in enumerate(forms) if f in _ALI_FORMS]:
                if k + 1 >= len(forms) or not self.toks[k + 1].word or not lex.in_name(forms[k + 1]):
                    self.words[k] = info(forms[k][:-1] + "ى")  # «علي هامش المؤتمر», «قادرة علي خلق»: the preposition
        self.starts = [s for s, _ in spans]
        self.speech_at = [i for i, w in enumerate(self.words) if w.speech]  # candidate cue tokens, in order
        self.sentences = split_sentences(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraphs = split_paragraphs(text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self._nominal: dict[int, int] = {}
        self._ner: dict[int, list[str]] = {}  # sentence's first token → NER tags (see person_in)
        self._quoted: list[tuple[int, int]] = []
        self._quoted_starts: list[int] = []
        self.fuller: dict[str, str] = {}  # phrase → its fuller form in the text (see _fuller_in_text)
        self.tagged_name_start: dict[int, int] = {}  # end of a title phrase → where the tagged name in it starts

    @cached_property
    def name_key_counts(self) -> Counter[str]:
        """How many words of the text have each key, as written and without their first letter (a prefix: «والزرقوني»),
        «ئ» read as «ي» as :func:`_name_key` does (see :func:`_usual_spelling`)."""
        return Counter(key for tok in self.toks if tok.word for key in {tok.key.replace("ئ", "ي"), tok.key[1:].replace("ئ", "ي")})

    @cached_property
    def named_correspondent(self) -> str | None:
        """See :func:`_named_correspondent`."""
        return _named_correspondent(self)

    def _sentence_tags(self, i: int) -> tuple[int, list[str]]:
        """(first token, NER tags) of the sentence holding token ``i``."""
        _, s_start, s_end = self.sentence_of(self.toks[i].start)
        lo, hi = self.tok_at(s_start), self.tok_at(s_end)
        tags = self._ner.get(lo)
        if tags is None:
            if self.ner_tags is None:  # the whole article at once: the tagger's document features see all of it
                self.ner_tags = _article_tags(self)
            given = self.ner_tags.get(self.toks[lo].start) if lo < hi else None
            tags = self._ner[lo] = given if given is not None and len(given) == hi - lo else ["O"] * (hi - lo)
        return lo, tags

    def _name_word(self, k: int) -> bool:
        """A word that may be part of a person's name: no article, role, boundary or everyday word."""
        tok, info = self.toks[k], self.words[k]
        return tok.word and not tok.key.startswith(("ال", "لل")) and info.role is None and not info.boundary and self.lex.in_name(tok.text)

    def tagged_entity(self, start: int, end: int) -> bool:
        """Whether the NER tagger tags every word in [start, end) as part of one named entity."""
        a, b = self.tok_at(start), self.tok_at(end)
        words = [k for k in range(a, b) if self.toks[k].word]
        if not words:
            return False
        lo, tags = self._sentence_tags(words[0])
        if any(k - lo >= len(tags) for k in words):
            return False
        return tags[words[0] - lo].startswith("B-") and all(tags[k - lo].startswith("I-") for k in words[1:])

    def tagged_names(self, key: str, *, first: bool = False) -> set[str]:
        """Multi-word person names the NER tagger finds anywhere in the text ending (or, with ``first``,
        starting) with the word ``key``: «خماخم» → «منصف خماخم», «تميم» → «تميم بن حمد آل ثاني»."""
        names: set[str] = set()
        for k, tok in enumerate(self.toks):
            if tok.key != key:
                continue
            lo, tags = self._sentence_tags(k)
            if k - lo >= len(tags):
                continue
            a = b = k
            if first:
                if tags[k - lo] != "B-PERS":
                    continue
                while b + 1 - lo < len(tags) and tags[b + 1 - lo] == "I-PERS":
                    b += 1
            else:
                if tags[k - lo] != "I-PERS" or (k + 1 - lo < len(tags) and tags[k + 1 - lo] == "I-PERS"):
                    continue
                while a > lo and tags[a - lo] == "I-PERS":
                    a -= 1
                if tags[a - lo] != "B-PERS":
                    continue
            while a < b and (self.words[a].role is not None or _possessed_relation(self.lex, self.toks[a].key)):
                a += 1  # «الأميرال كيفندونيكان», «زميلها الهادي»: the tagger's span may open with a title or a relation
            if a < b and a > 0 and self.toks[a - 1].word and _adjective_after_title([t.text for t in self.toks[a - 1 : a + 2]]):
                a += 1  # «الإمام الجليل حبيب»: or with a title's adjective, the title before it
            while a < b and a > 0 and self.toks[a - 1].key in _GOVERNING and not self.words[a].given_name and not self.lex.in_name(self.toks[a].text):
                a += 1  # «من أراء هيرمان»: or with a preposition's everyday noun, which can be no part of a name
            while b > a and (
                (self.words[b].boundary and not self.words[b].given_name and self.toks[b - 1].key not in _BOUND_PARTICLES)
                or _imperfect_verb(self.lex, self.toks[b].key)  # «فاطمة تتحدث»: the verb after the name
            ):
                b -= 1  # «محمد البالغ من العمر»: or close on a word that ends any name (not «آل الشيخ»)
            if b > a:
                # «وكريم بنزيما», «دعم فرنسا لخافيير سولانا»: without the «و» or the preposition
                first = self.toks[a].start + _clitic_given_name(self.lex, self.toks[a])
                names.add(self.text[first : self.toks[b].end])
        return names

    def tagged_place(self, key: str) -> bool:
        """Whether the NER tagger reads the word ``key`` (normalised) as a place somewhere in the text: «جندوبة»."""
        for k, tok in enumerate(self.toks):
            if tok.key == key:
                lo, tags = self._sentence_tags(k)
                if k - lo < len(tags) and tags[k - lo].endswith("-LOC"):
                    return True
        return False

    def person_in(self, i: int, j: int) -> tuple[int, int] | None:
        """Token range of the last two-word-or-longer person name the NER tagger finds in tokens [i, j), if any.

        The shipped tagger sees the whole sentence; without its model the extractor keeps to its word lists.
        """
        lo, tags = self._sentence_tags(i)
        found = None
        k = i
        while k < j:
            if tags[k - lo] == "B-PERS":
                end = k + 1
                while end < j and tags[end - lo] == "I-PERS":
                    end += 1
                if end == j and end - k == 1 and k - 1 > i and self._name_word(k - 1):
                    k -= 1  # «… راضية النصراوي»: the tagger marked only the surname; the given name precedes it
                elif end - k >= 2 and k - 1 >= i and self.toks[k - 1].word and not self.toks[k - 1].key.startswith("ال") and (
                    self.toks[k].key in _NAME_TAILS  # «شرف الدين القليل»: the first half of a compound name
                    or (self.toks[k].key in _COMPOUND_HEADS and self.lex.first_name(self.toks[k - 1].text) is not None)  # «أميرة عبد اللطيف»
                ):
                    k -= 1
                while end - k > 2 and self.toks[k].key.startswith("ال") and self.toks[k].key.endswith("ي") and self.toks[k].key in self.lex.everyday:
                    k += 1  # «… للاتصال السمعي البصري النوري اللجمي»: the institution's adjectives before the name
                on_behalf = self.toks[k].key in _ON_BEHALF_OF and k > i and self.words[k - 1].role is not None
                if end - k >= 2 and end == j and not on_behalf:  # (not «متحدثة باسم الجيش»: on behalf of)
                    found = (k, end)
                k = end
            else:
                k += 1
        return found

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def _body_then_an(self, i: int) -> bool:
        """«عبّر حزب المؤتمر من أجل الجمهورية عن رفضه …»: after «عبر» at token ``i``, an organisation, then «عن» within
        its name's reach and before a comma — «expressed», not «through»."""
        if self.words[i].key not in _ABBARA or i + 1 >= len(self.toks) or not self.lex.is_organisation(self.toks[i + 1].text):
            return False
        if self.toks[i + 1].key.removeprefix("ال") in _MEDIA_TYPES:
            return False  # «عبر موقع تويتر», «عبر قناة …»: through a medium
        for m in range(i + 2, min(i + 10, len(self.toks))):
            if self.toks[m].key == _FROM_SOURCE:
                return True
            if not self.toks[m].word:
                return False
        return False

    def _name_particle(self, k: int) -> bool:
        """«فان»/«فون» at token ``k`` goes on a name: a name-like word follows, and a given name or a title comes
        before, or a complementiser right after the next word («فان ديزل إنه …»)."""
        toks, words = self.toks, self.words
        if k == 0 or k + 1 >= len(toks) or not toks[k + 1].word or toks[k + 1].key.startswith("ال") or words[k + 1].boundary:
            return False
        if not self.lex.name_like(toks[k + 1].text):
            return False
        return words[k - 1].given_name or words[k - 1].role is not None or (
            k + 2 < len(toks) and toks[k + 2].key in _COMPLEMENTISERS
        )

    def sentence_of(self, offset: int) -> tuple[int, int, int]:
        """``(index, start, end)`` of the sentence holding ``offset``."""
        return self._span_of(self.sentences, self.sentence_starts, offset)

    def paragraph_of(self, offset: int) -> tuple[int, int, int]:
        """``(index, start, end)`` of the paragraph holding ``offset``."""
        return self._span_of(self.paragraphs, self.paragraph_starts, offset)

    def _span_of(self, spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int, int]:
        if not spans:
            return 0, 0, len(self.text)
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        s, e = spans[i]
        return i, s, e

    def set_quoted(self, spans: list[QuotedSpan]) -> None:
        """Words inside quotation marks are what someone said, never cues of the surrounding text."""
        self._quoted = sorted((s.start, s.end) for s in spans if s.depth == 0)
        self._quoted_starts = [a for a, _ in self._quoted]

    def quoted(self, offset: int) -> bool:
        return self.quoted_span(offset) is not None

    def quoted_span(self, offset: int) -> tuple[int, int] | None:
        """The quoted span (content offsets) holding ``offset``, if any."""
        k = bisect.bisect_right(self._quoted_starts, offset) - 1
        return self._quoted[k] if k >= 0 and self._quoted[k][0] <= offset < self._quoted[k][1] else None

    def cue(self, i: int) -> Cue | None:
        """The cue token ``i`` is; a quoted word is a cue only with an object pronoun («وصفه»)."""
        w = self.words[i]
        if w.cue is not None and not self.quoted(self.starts[i]):
            if w.key in _PREPOSITION_CUES and not (
                i + 1 < len(self.toks)
                and (
                    self.toks[i + 1].key in _PREPOSITION_CUES[w.key] or self.words[i + 1].given_name or self.words[i + 1].role is not None
                    or self._body_then_an(i)
                )
            ) and not self._shows_that(i):
                return None  # «موزعة بين 800 قرص …», «عبر الشارع»: the preposition, not «بيّن», «عبّر فيليب مورو عن»
            if (
                w.key in _BARE_PREPOSITION_CUES and i > 0 and self.toks[i - 1].word and self.toks[i - 1].key.startswith("ال")
                and self.toks[i - 1].key not in _RELATIVES  # «أشرف بن يوسف الذي عبّر عن إعجابه»
            ):
                return None  # «في الخلاف القائم بين وزير التربية ونقابات التعليم»: between, after a definite noun
            if i > 0 and self.toks[i - 1].key in _MASDAR_GOVERNORS | _NOUN_GOVERNORS and w.cue.kind == "verb" and not w.cue.present:
                # «على ضرورة كشف حقيقة الاغتيال», «في بيان حول تعهّد القضاء العسكري بفتح تحقيق»: the verbal noun
                # (كَشْف, تعهُّد), not the verb — a preposition governs no verb
                return None
            if w.cue.lemma == _NAQALA and w.cue.kind == "verb" and not self._relays(i):
                return None  # «شاحنة نقل محروقات»: transport; the verb relays speech «عن» someone, or «أن …»
            if (
                w.key in _AFFILIATED and i > 0 and self.toks[i - 1].word and i + 1 < len(self.toks)
                and self.toks[i + 1].key[:1] == "ل" and not self.toks[i + 1].key.startswith("ال")
            ):
                return None  # «مسؤول تابع للحكومة المؤقتة»: affiliated to, not «وتابع» (he went on)
            if w.key in _SPOKE and i > 0 and self.toks[i - 1].word and self.toks[i - 1].key not in ("و", "ف"):
                return None  # «مسؤول قطري تحدث مشترطا عدم نشر اسمه»: who spoke describes the source; «وتحدث» is a cue
            if i + 2 < len(self.toks) and self.toks[i + 1].key == _FROM and self.toks[i + 2].key == _THE_AGE:
                return None  # «طفلة تبلغ من العمر 22 شهرا»: reaches the age of, not «أبلغ» (informed)
            if w.cue.kind == "participle" and i + 1 < len(self.toks) and _title_adjective(self.toks[i + 1].key):
                return None  # «اختارت ضياء الدين مورو كاتبا عاما للهيئة», «انتدبت عادل معلقا رياضيا»: a title, not «writing»
            if w.cue.lemma == _AQARRA and w.cue.kind == "participle" and i + 1 < len(self.toks) and self.toks[i + 1].key in _FOR_IT:
                return None  # «يتخذ من بيروت مقرا له»: its headquarters, not «مقرا بأن» (acknowledging)
            if w.cue.kind == "participle" and i > 1 and self.toks[i - 1].key == _GHAYR and self.toks[i - 2].key != _LA:
                # «وأشارت تقارير غير مؤكدة إلى أن»: unconfirmed, an adjective, not «مؤكدة أن» (confirming); but «… لا
                # غير مشيرا إلى أن» (nothing else) ends a clause
                return None
            if w.key.removeprefix("و") == _ABRAZ and i + 1 < len(self.toks) and self._superlative_before(i + 1):
                return None  # «الذي حضره ابرز المستثمرين التونسيين»: the most prominent of, not «أبرز» (highlighted)
            if (
                w.cue.kind == "participle" and i > 0 and self.toks[i - 1].key in _IN_A_DOCUMENT
                and w.key.removeprefix("و").removeprefix("ف") in self.lex.documents
            ):
                return None  # «وقال الاتحاد في مذكرة قدمها …»: a memorandum after a preposition, not «مذكّرة» (reminding)
            return w.cue
        if (
            w.pronoun_cue is not None and w.pronoun_cue.lemma == _NAQALA and i + 1 < len(self.toks)
            and (self.toks[i + 1].key[:1] == "ل" or self.toks[i + 1].key in _TO)
        ):
            return None  # «استوجب نقلهم لمستشفى فرحات حشاد»: moving them somewhere, not relaying what they said
        return w.pronoun_cue

    def _superlative_before(self, k: int) -> bool:
        """Whether token ``k`` after «أبرز» is a definite plural that names no one who speaks («أبرز الأحداث», «أبرز
        المستثمرين»): «أبرز» is then the superlative «the most prominent of»; «وأبرز الوزير أن» keeps the verb."""
        tok, word = self.toks[k], self.words[k]
        if not (tok.word and tok.key.startswith("ال")) or word.role is not None or word.given_name or self.lex.is_organisation(tok.text):
            return False
        bare = tok.key.removeprefix("ال")
        return bare not in self.lex.documents and (bare.endswith(("ين", "ون", "ات")) or tok.key in _BROKEN_PLURALS_AFTER_ABRAZ)

    def _names_a_source(self, k: int) -> bool:
        """Token ``k`` names a statement or who made it: «بيان», «تقرير», «صحيفة», «وزارة» (ال and ل/ب taken off)."""
        if k + 1 < len(self.toks) and (self.toks[k].key in _SAME or self.toks[k].key in _DEMONSTRATIVES):
            k += 1  # «جاء في نفس الوثيقة», «جاء في هذا البيان»
        if k >= len(self.toks) or not self.toks[k].word:
            return False
        return any(
            key.removeprefix("ال") in self.lex.documents or key.removeprefix("ال") in _NAME_ONLY_TYPES or self.lex.is_organisation(self.toks[k].text)
            for key in (self.toks[k].key, _without_li(self.toks[k].key))
        )

    def _shows_that(self, i: int) -> bool:
        """«وبين العروي أن …», «وبين بن جمعة من جهة أخرى أنه»: «بين» (explained) whose complementiser follows within
        six words, none of them «و…» («بين الحكومة والنقابات أن» is between). :meth:`cue` asks it of a token whose
        word is a cue written like a preposition."""
        if self.toks[i].key not in _BAYYANA:
            return False  # («عبر» keeps to its next word: «عبّر عن»)
        if self.toks[i].key in _BARE_PREPOSITION_CUES and not (i == 0 or not self.toks[i - 1].word or self.toks[i - 1].key in _BEFORE_A_VERB):
            return False  # «من بين الحضور», «بعد جولته بين عدد من المعاهد»: a bare «بين» after a word is «between»
        for k in range(i + 1, min(i + 8, len(self.toks))):
            tok = self.toks[k]
            if tok.key in _COMPLEMENTISERS:
                return k > i + 1 and not _no_speech_before_an(self.toks, k - 1)
            if not tok.word or tok.key.startswith("و") or self.cue(k) is not None:
                return False
        return False

    def _relays(self, i: int) -> bool:
        """«نقلت الوكالة عن الوزير …», «نقلت الصحيفة أن …», «حسب ما نقلت وكالة تاس»: «نقل» relays speech
        (not «شاحنة نقل محروقات، احتجاجا على ما أسموه "…"», however near the quote): «عن», a complementiser
        or a colon within ten tokens of its sentence."""
        if i > 0 and self.toks[i - 1].key.endswith("ما"):
            return True
        # «مدير التحكم في نظام الإنتاج ونقل الكهرباء إن»: a verbal noun joined to the definite noun before it; the
        # verb then needs «عن»
        coordinated = self.toks[i].key == "و" + _NAQALA and i > 0 and self.toks[i - 1].word and self.toks[i - 1].key.startswith("ال")
        _, _, s_end = self.sentence_of(self.starts[i])
        for k in range(i + 1, min(i + 11, len(self.toks))):
            tok = self.toks[k]
            if tok.start >= s_end:
                return False
            if tok.key == _FROM_SOURCE or (not coordinated and (tok.text == ":" or (tok.key in _COMPLEMENTISERS and not _no_speech_before_an(self.toks, k - 1)))):
                return True  # (not «نقل 17 عاملة إلى المستشفى … بعد أن»)
        return False

    def speech_in(self, lo: int, hi: int) -> list[int]:
        """Indices in [lo, hi) of the tokens that may be cues (every token whose cue or nominal_at can be set)."""
        return self.speech_at[bisect.bisect_left(self.speech_at, lo) : bisect.bisect_left(self.speech_at, hi)]

    def nominal_at(self, i: int) -> int:
        """Length in tokens of a nominal cue («بحسب», «على لسان») starting at token ``i``, else 0."""
        if not self.words[i].nominal_head:
            return 0
        found = self._nominal.get(i)
        if found is None:
            found = self._nominal[i] = self._nominal_at(i)
        return found

    def _nominal_at(self, i: int) -> int:
        for phrase in _nominal_phrases(self.toks[i].key):
            n = len(phrase)
            if i + n > len(self.toks):
                continue
            keys = [self.toks[i + k].key for k in range(n)]
            first = keys[0]
            if first[:1] in "وف" and first[1:] == phrase[0]:
                keys[0] = first[1:]
            if tuple(keys) == phrase:
                if (
                    phrase[-1] == _IN and phrase[0].removeprefix("و") in _CAME and not self.toks[i].key.startswith("و")
                    and i > 0 and self.toks[i - 1].word and not self._names_a_source(i + n)
                ):
                    # «أنه جاء في زيارة لعائلته», «رئيس حكومة جاء في مهمة»: someone came; «وجاء في بيان/هذا العرض»
                    # (opening its clause) or «… جاء في بيان» is what a text says
                    continue
                if phrase[-1] == _IN and phrase[0].removeprefix("و") in _CAME and i + n < len(self.toks) and self.toks[i + n].key in _AT_A_TIME:
                    continue  # «"جاء في وقت مشبوه"»: it came at a time, no text speaks
                return n
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if _according_to(self.toks[i].key) and nxt is not None and nxt.word and nxt.key.startswith("ل") and len(nxt.key) > 3:
            return 1  # «وفقا لصحيفة الشروق»: the ل is written on the source's first word
        return 0


@cache
def _nominal_heads() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in lexicon().nominal)


@cache
def _nominal_phrases(first: str) -> tuple[tuple[str, ...], ...]:
    """The nominal cues (longest first) a token with key ``first`` can open, bare or after و/ف."""
    return tuple(p for p in lexicon().nominal if p[0] == first or (first[:1] in "وف" and first[1:] == p[0]))


# --------------------------------------------------------------------------- speaker phrases


def _is_boundary(doc: _Doc, tok: _Tok) -> bool:
    return _boundary_key(doc.lex, tok.key)


_AMAM = key_of("أمام")


def _imam(text: str, key: str) -> bool:
    """«إمام» (imam, a title), which normalises like the boundary «أمام» (in front of): told apart by its «إ».

    >>> _imam("إمام", key_of("إمام")), _imam("وإمام", key_of("وإمام")), _imam("أمام", key_of("أمام"))
    (True, True, False)
    """
    if key == _AMAM:
        return text.startswith("إ")
    return key[:1] in "وف" and key[1:] == _AMAM and text[1:].startswith("إ")


def _boundary_key(lex: Lexicon, key: str) -> bool:
    b = lex.boundaries
    if key in b:
        return True
    # «وفي», «فإن» are boundaries; «والي» (governor) is not «و + إلى»
    return key[:1] in "وف" and len(key) > 2 and key[1:] in b and key not in lex.roles


def _parse_np(doc: _Doc, i: int, limit: int, *, transitive: bool = False) -> tuple[int, int]:
    """Token range [i, j) of the speaker phrase starting at token ``i`` (stops before ``limit`` offset).

    ``transitive``: the cue takes an object («وصف», «طالب» …), so an everyday indefinite noun after a definite
    word opens it («ووصفت الرئاسة الفلسطينية حكم محكمة إسرائيلية بـ…»)."""
    j = i
    n = len(doc.toks)
    if transitive and i < n and _oblique_plural(doc, i):
        return i, i  # «ودعا الفاعلين الاقتصاديين إلى …»: a sound plural in ين right after the verb is its object
    if transitive and i + 1 < n and doc.toks[i].key in _ALL_OF and doc.toks[i + 1].key != "من":
        return i, i  # «ودعت جميع الأطراف إلى …», «وطالب كافة الأحزاب بـ…»: whom it called on (not «كل من X وY»)
    while j < n and j - i < _MAX_NP and doc.toks[j].start < limit:
        tok = doc.toks[j]
        if (
            tok.text.endswith("ـ") and tok.text.startswith("ل") and j > i and j + 1 < n and doc.toks[j + 1].text in _OPENING_MARKS
            and any(doc.lex.is_organisation(doc.toks[m].text) for m in range(max(i, j - 2), j))  # not «والد الطفلة لـ"جريدة"»
        ):
            j += 1  # «الكاتب العام للنقابة الأساسية لـ"ستيب" رضا ساسي»: the quoted name follows (not «وصفته الهيئة بـ"…"»)
            continue
        if not tok.word and tok.text in _OPENING_MARKS and (k := _quoted_name_end(doc, j, limit, max_words=_quoted_subject_words(doc, i, j))) and (
            (j > i and (_names_follow(doc, j - 1) or _has_title(doc, i, j) or doc.words[j + 1].given_name))  # «المواطن "هشام"»
            # «الموقع الإلكتروني "ساينس ديلي"», «الموقع الكندي "Le Métro"»: an outlet's kind and adjectives, then its name
            or (1 < j - i <= 3 and _outlet_kind(doc.toks[i].key))
            or (j == i and _before_clause(doc, i - 1, j, doc.toks[k - 1].start, limit))
            # «بحسب ما نقلت "أسوشيتد برس"», «وفق ما أوردته "العربية"»: the outlet, named in marks after «ما» + verb
            or (j == i and _reported_by_outlet(doc, i))
        ) and not (
            # «وانتقد المسؤول النقابي "عدم جدية" الحكومة»: after a definite phrase, a quoted everyday word opens the object
            transitive and j > i and doc.toks[j - 1].key.startswith(("ال", "وال")) and j + 1 < n and doc.toks[j + 1].word
            and not doc.words[j + 1].may_name and doc.words[j + 1].role is None
        ):
            # «المدير التنفيذي لشركة «إنستا ديليفري» الناشئة», «زعيم كوريا الشمالية "كيم جونغ أون"»,
            # «اعتبرت "هيومن رايتس ووتش" إن»: a quoted name inside (or as) the phrase
            if j == i + 1 and doc.toks[i].key in _CORRESPONDENTS and k < n and _object_after_station(doc, k):
                j = k
                break  # «أكد مراسل "الجوهرة أف أم" دخول الولاية في إضراب»: the station, then the verb's object
            j = k
            continue
        if (
            j > i and tok.key in _TO and any(doc.toks[m].key.removeprefix("ال") in _ENVOY_TITLES for m in range(i, j))
            and j + 1 < n and doc.toks[j + 1].start < limit and _place_name(doc.toks[j + 1].text, whole=True)
            and not (j + 2 < n and doc.toks[j + 2].word and doc.toks[j + 2].key not in _COMPLEMENTISERS)
        ):
            j += 2  # «المبعوث الأممي إلى ليبيا، …»: where the envoy is sent is part of the title
            break
        if j == i + 1 and _bracketed_outlet(doc, i):
            j = _bracketed_end(doc, j)  # «وذكرت صحيفة (التايمز) أن»: the outlet's name in brackets
            continue
        if (
            j == i + 1 and tok.key.startswith("ل") and not tok.key.startswith("لل") and doc.toks[i].key.removeprefix("و") in doc.lex.documents
            and doc.lex.is_organisation(tok.text[1:])
        ):
            j += 1  # «تقرير لصحيفة "تشونغتشينغ مورنينغ بوست"»: a document and the body that issued it, not whom it was for
            continue
        if j > i and tok.key == "ال" and j + 1 < n and doc.toks[j + 1].key.isdigit() and doc.toks[j + 1].start < limit:
            j += 2  # «القناة الاسرائيلية الـ 10»: an ordinal written with its number
            continue
        if not tok.word and j > i and tok.text in "-–." and _inside_word(doc.text, tok.start, tok.end):
            j += 1  # «المحافظ في منطقة سان-إي-مارن», «وكالة آي.بي.سي»: a hyphen or dot inside one name
            continue
        if not tok.word:
            if tok.text in "،," and j > i and not _has_name(doc, i, j):
                k = _apposition(doc, j + 1, limit)
                m = j
                for _ in range(2):  # «قائد القوات …، قائد الأسطول الخامس في البحرين، نائب الأميرال كيفن دونيكان»
                    if k or not (m + 1 < n and doc.words[m + 1].role is not None):
                        break
                    m = next((c for c in range(m + 2, min(m + 10, n)) if not doc.toks[c].word), n)
                    if m >= n or doc.toks[m].text not in "،," or doc.toks[m].start >= limit or any(
                        doc.cue(c) is not None or doc.toks[c].key in _COMPLEMENTISERS for c in range(j + 1, m)
                    ):
                        break
                    k = _apposition(doc, m + 1, limit)
                if k:
                    j = k
            break
        if (
            j > i and _addressee(doc, tok.key) and _has_title(doc, i, j) and not _has_name(doc, i, j)
            and _without_li(tok.key) in _MEDIA_TYPES and (k := _name_ahead(doc, j + 1, limit))
        ):
            j = k  # «المدير العام لإذاعة شمس اف ام لطفي زڤدانة»: the station he heads, then his name
            continue
        if j > i and _addressee(doc, tok.key) and not _of_organisation(doc, i, j):
            break  # «مصدر أمني لمراسلة الجوهرة», «لوكالة تونس افريقيا للأنباء»: who was spoken to
        if (
            j - i >= 2 and tok.key.startswith("ل") and not tok.key.startswith("لل") and doc.lex.is_organisation(tok.text)
            and all(doc.toks[m].word and not doc.toks[m].key.startswith("ال") and doc.words[m].role is None for m in range(i, j))
        ):
            break  # «روبرتو مارتينيز لهيئة الإذاعة البريطانية»: after a name, the body he spoke to
        if j > i and (
            (doc.toks[j - 1].key.startswith(("ال", "لل", "وال")) and (_verb_with_object(tok.key) or tok.key in _ISSUED_VERBS))
            # «تقرير صدر مؤخرا»: no issuer named («بيان صدر أمس عن وزارة …» names one)
            or (
                tok.key in _ISSUED_VERBS and doc.toks[j - 1].key.removeprefix("ال") in doc.lex.documents
                and not any(doc.toks[m].key == _FROM_SOURCE for m in range(j + 1, min(j + 6, n)))
            )
            # «دراسة أمريكية حديثة نشرت نتائجها مجلة …», «بيان تم نشره»: a document, its adjectives, then the verb
            # of a relative clause without «الذي»
            # («بيان نشر على موقع الحكومة الروسية»: the site's owner issued it)
            or (
                doc.toks[i].key.removeprefix("ال") in doc.lex.documents and tok.key in _DOCUMENT_VERBS
                and not any(doc.toks[m].text == "على" for m in range(j + 1, min(j + 3, n)))  # «تم نشره على الصفحة …»
            )
        ):
            break  # «في بيان للرئاسة نشرته وكالة الأنباء», «بيان للهيئة صدر مساء»: a relative clause without «الذي»
        if (
            j > i and _masdar(tok.key) and not doc.words[j].given_name and doc.toks[j - 1].key not in _GROUP_HEADS
            and tok.key not in _NAME_PARTICLE_KEYS  # «ليلى أولاد علي»: a family's «أولاد» has a verbal noun's shape
            and doc.toks[j - 1].key not in _QUANTIFIERS  # «أحد أعضاء مجلس الوزراء»: a plural of that shape, counted
            # «نائب رئيس اتحاد الصناعة», «وكالة أنباء فارس»: an indefinite title or institution governs the noun
            # after it («الوزير تكثيف» does not)
            and (
                (
                    doc.words[j - 1].role is None and not doc.lex.is_organisation(doc.toks[j - 1].text)
                    # «مدير عام هيئة الرقابة بوزارة أملاك الدولة»: an institution after «ب» governs it too
                    and not (doc.toks[j - 1].key[:1] == "ب" and doc.lex.is_organisation(doc.toks[j - 1].text[1:]))
                )
                or doc.toks[j - 1].key.startswith(("ال", "وال", "لل"))
            )
            # «مدير دائرة تطوير الحكام»: after a title's indefinite everyday noun the verbal noun is its genitive
            and not (
                j - i >= 2 and doc.words[j - 2].role is not None and not doc.toks[j - 1].key.startswith(("ال", "وال", "لل"))
                and not doc.words[j - 1].may_name and doc.toks[j - 1].key in doc.lex.everyday
            )
        ):
            break  # «ودعا الوزير تكثيف الرقابة»: the object, not more of the speaker («وسائل إعلام» is one phrase)
        if (
            j > i and tok.key.startswith("ب") and doc.toks[j - 1].key not in _GROUP_HEADS and doc.words[j - 1].role is None
            and (
                _masdar(tok.key[1:])
                # «بالتأكيد»; not «بالأخلاق», «بالأعمال» (a plural has the shape of إفعال) nor «بالاتحاد العام …»
                or (tok.key.startswith("بال") and _masdar(tok.key[3:]) and not (len(tok.key) == 8 and tok.key[3] == tok.key[6] == "ا"))
            )
            and not doc.lex.is_organisation(tok.text[1:])
        ):
            break  # «دعا السياسي محمود البارودي بتغيير نظام الحكم», «وردت عليه الهيئة بالتأكيد أنه»: a ب-object («المكلف بإنتاج» is a role)
        if (
            transitive and (j - i >= 2 or (doc.toks[j - 1].key.endswith("ون") and tok.key.startswith("ال")))  # «وطالب المتضرّرون السلطات»
            and doc.toks[j - 1].key.startswith(("ال", "وال")) and tok.word
            and doc.words[j].role is None and not doc.words[j].may_name and not tok.key.isdigit()
            and not _is_boundary(doc, tok) and not doc.lex.is_organisation(tok.text)
            and (
                not tok.key.startswith(("ال", "وال", "لل"))  # «الرئاسة الفلسطينية حكم محكمة …»
                # «بيان الرئاسة الحكم»; not the adjectives «الوطني», «المستقلة», «المعنيين»
                or (tok.key.startswith("ال") and not tok.key.endswith(("ي", "ة", "ين", "ون")))
                # «أعضاء الوفد البرلماني التونسي الزيارة»: after a masculine nisba, a feminine everyday noun that is
                # neither a nisba nor a participle agrees with nothing before it
                or (
                    tok.key.startswith("ال") and tok.key.endswith("ة") and not tok.key.endswith("ية") and not tok.key.startswith("الم")
                    and tok.key in doc.lex.everyday
                    # (or after a masculine noun, a feminine one no adjective's shape: «وصفت وسائل الإعلام الصورة»)
                    and (doc.toks[j - 1].key.endswith("ي") or (not doc.toks[j - 1].key.endswith("ة") and not _adjective_shape(tok.key)))
                )
            )
        ):
            break  # the object of «وصف», «طالب» …: the subject phrase ends before it
        if (
            transitive and j - i >= 2
            and all(
                doc.words[m].may_name and not doc.toks[m].key.startswith("ال") and not _masdar(doc.toks[m].key)
                and not doc.lex.is_organisation(doc.toks[m].text)
                for m in range(i, j)
            )  # (not «دعا مرصد استقلال القضاء»: an institution's genitive)
            and tok.word and tok.key.startswith("ال") and tok.key in doc.lex.everyday and not tok.key.endswith(_ADJECTIVE_ENDINGS)
            and not tok.key.startswith("الم") and doc.words[j].role is None and not doc.lex.in_name(tok.text)
        ):
            break  # «ووصفت هيومن رايتس ووتش السماح بمحاكمة …»: a name takes no everyday definite noun; the object starts
        if j == i + 1 and doc.toks[i].key.startswith("ال") and doc.toks[i].key.endswith(("ون", "ين")) and _indefinite_object(doc, j):
            break  # «وهتف المتظاهرون شعارات تدعو إلى …»: after a definite sound plural, what the group chanted
        if j > i and tok.key in _HIS_COUNTERPART:
            break  # «وأطلع وزير الخارجية الفلسطيني نظيره البريطاني …»: his counterpart is the verb's object
        if (
            j > i and tok.word and doc.toks[j - 1].word and not doc.toks[j - 1].key.startswith(("ال", "وال", "لل", "بال"))
            and not doc.words[j - 1].given_name and not doc.words[j].given_name and doc.cue(j) is None
            and _plural_past_verb(doc, j)
        ):
            break  # «شهود عاينوا الحادث»: a plural verb after an indefinite noun opens a relative clause
        if j > i and tok.key in _WING and doc.lex.is_organisation(doc.toks[i].text):
            break  # «سرايا القدس الجناح العسكري لحركة الجهاد الإسلامي»: whose wing it is, in apposition
        if j > i and tok.word and tok.key in _AFFILIATED_TO and _has_title(doc, i, j) and (k := _name_ahead(doc, j + 1, limit)):
            j = k  # «مدير عام العقارات الفلاحية التابعة لكتابة الدولة …، نور الدين بن نصر»: a title, then the name
            continue
        if j > i and tok.word and (
            tok.key in _AFFILIATED_TO or (_circumstantial_participle(doc, j) and _derived_participle(tok.key)) or _plain_participle(doc, j)
            or _anonymity_end(doc, j) is not None  # «مصدر أمني طلب عدم الكشف عن هويته»
            or (tok.key[:1] == "ب" and tok.key[1:] in _MANNER_NOUNS)
        ):
            # «دائرة الزلازل التابعة لرئاسة الوزراء»: what a body belongs to is no part of its name; «ريكس تيلرسون
            # متحدثا للصحفيين», «جمال البدر شارحا», «الإمام بحزن شديد»: how he spoke
            break
        if (
            j > i and tok.word and doc.words[j - 1].role is None and not tok.key.startswith(("ال", "و", "لل", "بال"))
            and (stem := _pronoun_stem(tok.key)) and _masdar(stem)
        ):
            break  # «أعلنت حركة حماس تأييدها إقامة دولة …»: a verbal noun with its pronoun after a name is the object
        if (
            j > i and doc.toks[j - 1].key.startswith(("ال", "وال")) and tok.word and tok.key.endswith(_PRONOUN_SUFFIXES)
            and not tok.key.startswith(("ال", "و", "لل", "بال", "كال", "فال")) and doc.words[j].role is None
            and (len(tok.key) >= 5 or (len(tok.key) == 4 and tok.key[:3] in doc.lex.everyday))  # «رفضه»: his rejection
            and not doc.words[j].given_name and doc.cue(j) is None and not _and_relative(tok.key)
            and (not tok.key.endswith("نا") or _possessed_noun(doc, j))  # not «… الألمانيات ريجينا سايدل»: a name in «نا»
        ):
            # «وأوضح النائب الديمقراطي دوافعه، قائلا:», «وأوضح الوزير موقفه»: a noun with its pronoun is the object
            # (not «معدة البرنامج ومقدمته»: a second title joined by «و»)
            break
        if (
            transitive and j - i == 1 and doc.toks[i].key.startswith("ال") and not doc.toks[i].key.endswith(("ون", "ين", "ات"))
            and tok.key.startswith("ال") and doc.words[j].role is None
            and (
                tok.key.endswith(("ين", "ون")) or _masdar(tok.key.removeprefix("ال"))
                # «ودعا الاتحاد الحكومة …»: a definite noun that has no adjective's shape (nisba, participle)
                or (not _adjective_like(tok.key) and not doc.words[j].may_name)
            )
        ):
            # «وطالبت الوزارة المواطنين الموجودين …»: a plural after a singular head is no adjective of it;
            # «ودعا … الحكومة الإسراع»: nor is a verbal noun
            break
        if (
            j > i and doc.toks[j - 1].key.startswith(("ال", "وال")) and tok.word and not tok.key.startswith(("ال", "و", "لل"))
            and tok.key.endswith(("ته", "تها", "تهم")) and len(tok.key) >= 4 and not doc.words[j].given_name
            and doc.words[j].role is None
        ):
            break  # «وأبدى رئيس الوزراء الإسرائيلي ثقته بأن»: a noun with a possessive pronoun is the verb's object
            # (not a coordinated role: «معدة البرنامج ومقدمته، إيمان الرزقي»)
        if (
            j > i and tok.word and tok.key in doc.lex.everyday
            and (doc.toks[j - 1].key.startswith("ال") or (doc.toks[j - 1].key.startswith("وال") and doc.words[j - 1].role is None))  # not «والي»
            and doc.toks[j - 1].key.removeprefix("و") in doc.lex.everyday  # not a foreign name's «الديلي ميل»
            and not tok.key.startswith("ال") and tok.key[:1] not in "وبلكف" and tok.key not in _STATION_TAILS and doc.words[j].role is None and not doc.words[j].given_name
            and not doc.lex.is_organisation(tok.text) and not tok.key.isdigit() and not _is_boundary(doc, tok)
            and tok.key not in _TIME_WORDS and tok.key not in _WHEN_NOUNS  # «وتابع الرئيس الأمريكي غداة تنصيبه "…"»
            and not doc.words[j].may_name
            and not (  # «رئيسة جمعية المحبة والأمان سعيدة حقي»: a given name no list knows, before its surname
                j + 1 < n and doc.toks[j + 1].word and not doc.toks[j + 1].key.startswith("ال")
                and doc.lex.in_name(doc.toks[j + 1].text) and doc.toks[j + 1].key not in doc.lex.everyday
            )
            and not (j + 1 < n and doc.toks[j + 1].key in _NAME_TAILS)  # «الوزير خير الدين الصوابني»
        ):
            break  # «وزارة الشؤون الدينية ضرورة تقيد …», «المرصد العراقي للحريات الصحفية مقتل صحفية»: no everyday
            # indefinite noun follows a definite one inside a phrase; it opens the verb's object
        if (
            j - i >= 2 and doc.toks[i].key.removeprefix("و") in _SOURCE_HEADS and (tok.key in _CORRESPONDENTS or tok.key in _MEDIA_TYPES)
            and doc.toks[j - 1].key not in _FILLER_KEYS  # (not «مصدر من وكالة الأنباء»)
        ):
            break  # «أفاد به مصدر أمني مراسل "الجوهرة"», «… مصدر امني وكالة تونس افريقيا»: whom the source told
        if j > i and _as_capacity(doc, j):
            break  # «عبيد البريكي كشاهد», «سامية عبو كشاهدة»: in what capacity, not more of the name
        if j > i and _and_relative(tok.key):
            break  # «زوج خالة الضحية وشقيقته»: a relative of the speaker joins in, the speaker is the one named first
        if (
            j > i and doc.toks[j - 1].key.startswith(("ال", "وال")) and doc.words[j - 1].role is None and tok.word
            and not tok.key.startswith(("ال", "و")) and doc.lex._possessed(tok.key) and doc.words[j].role is None
        ):
            break  # «وأعلنت الهيئة العليا قرارها»: an everyday noun with its possessive pronoun is the verb's object
        if j > i and tok.key in _CIRCUMSTANTIAL_WA:
            break  # «المركز الأوروبي … ومقره لشبونة»: a circumstantial clause about the speaker
        if j > i and tok.key == _THROUGH and j + 1 < n and doc.toks[j + 1].key in _CHANNELS:
            break  # «الناطق باسم حماس عبر الهاتف لزميلنا …», «المغني إنريكي عبر حسابه»: through what, not who
        if j > i and (tok.key == _TITLED or (tok.key == _UNDER and j + 1 < n and doc.toks[j + 1].key == _TITLE)):
            break  # «دراسة للمرصد الوطني للاقتصاد بعنوان "…"», «مقالا تحت عنوان "…"»: the title of a document
        if j > i and tok.key in _TIME_SPANS and j + 1 < n and doc.toks[j + 1].key in _SPANNED_TIMES:
            break  # «وأعلنت واشنطن نهاية الأسبوع الماضي أنها …»: when, not more of the speaker
        if j > i and tok.key in _GUESTS:
            break  # «إيناس بن عثمان ضيفة بوليتيكا»: a programme's guest (the phrase may open with it: «ضيف "بوليتيكا"، X»)
        if j > i and not tok.key.endswith(("ها", "هما")) and _indefinite_accusative(doc, j):  # (not «نشرها», «أحدهما»)
            break  # «ما اعتبره وزير التجارة مؤشرا على …»: an accusative (the tanwin's alif) is no part of a subject
        if (
            transitive and j - i >= 3 and (doc.words[j].role is not None or doc.lex.is_organisation(tok.text))
            and not tok.key.startswith(("ال", "وال"))
            and doc.toks[j - 1].key.startswith("ال") and doc.toks[j - 1].key.endswith(_ADJECTIVE_ENDINGS)
            and doc.lex.is_organisation(doc.toks[i].text)
        ):
            break  # «دعت النقابة الوطنية للصحفيين التونسيين وزير الداخلية إلى …», «… البصري رئاسة الحكومة»: the object
        if (
            transitive and j - i == 1 and _surname_named_before(doc, i)
            and (
                (tok.key.startswith("ال") and (doc.words[j].role is None or doc.lex.is_organisation(tok.text)))
                or (not tok.key.startswith("ال") and doc.words[j].may_name and doc.words[j].role is None)
            )
        ):
            # a surname the text gave before, then the verb's object: a definite noun or institution («ودعت الخلفاوي
            # المجتمع المدني إلى …» after «بسمة الخلفاوي», «ودعا الصدر الحكومة العراقية إلى …») or another name
            # («ودعا ترامب بوتين للتخلي …» after «دونالد ترامب»)
            break
        if transitive and j > i and _everyday_indefinite(doc, j) and _names_before_object(doc, i, j):
            break  # «وانتقد نجاد مساعي الولايات المتحدة», «وقدّم الأستاذ حاتم سليمان مداخلة …»: the verb's object
        if (
            transitive and j - i == 1 and doc.toks[i].key.startswith("ال") and tok.word and not tok.key.startswith(("ال", "وال", "لل"))
            and (doc.words[j].role is not None or doc.lex.is_organisation(tok.text)) and doc.lex.is_organisation(doc.toks[i].text)
        ):
            break  # «ودعت النقابة وزارة الداخلية إلى …»: an institution, then another as the object
        if (
            transitive and j > i and doc.toks[j - 1].key.startswith(("ال", "لل")) and tok.key.startswith("ال")
            and doc.lex.is_organisation(doc.toks[i].text) and doc.lex.is_organisation(tok.text)
        ):
            # «وطالب الاتحاد الحكومة بـ…», «ودعت الرابطة التونسية للتسامح الحكومة إلى …»: a definite institution after
            # a definite institution's phrase is the object
            break
        if (
            j - i >= 2 and doc.lex.is_organisation(doc.toks[i].text) and tok.key.startswith("ال") and tok.key in doc.lex.everyday
            and doc.toks[j - 1].key.startswith("ال") and doc.toks[j - 1].key.endswith(_NISBA_ENDINGS)
            and not tok.key.endswith(_ADJECTIVE_ENDINGS) and not tok.key.startswith("الم") and tok.key not in _ORGANISATION_ADJECTIVES
            and not _adjective_shape(tok.key) and doc.words[j].role is None and not doc.words[j].may_name
        ):
            # «وأعلنت وزارة الدفاع الروسية العثور على …»: after a nisba adjective only adjectives go on the name (not
            # after a genitive with لل: «اللجنة الدولية للصليب الأحمر», «الشركة الفدرالية للسكك الحديد»)
            break
        if (
            transitive and j - i >= 2 and tok.word and not tok.key.startswith(("ال", "وال", "لل", "و")) and doc.words[j].may_name
            and doc.toks[j - 1].key.startswith("ال") and doc.toks[j - 1].key.endswith(_NISBA_ENDINGS)
            and not any(doc.words[m].role is not None or doc.words[m].given_name for m in range(i, j))
        ):
            break  # «ووصفت التقارير الإسرائيلية فريدمان بأنه …»: a name after a phrase that names no person is the object
        if transitive and j > i and doc.toks[j - 1].key.startswith(("ال", "وال", "لل")) and _everyday_indefinite(doc, j):
            break  # «كما اتهم الاتحاد جهات وزارية …», «دعا الحزب كل الأطراف»: an everyday indefinite noun opens the object
        if (
            j - i >= 2 and doc.toks[j - 1].key.startswith("ال") and doc.toks[j - 1].key.endswith(_NISBA_ENDINGS)
            and doc.words[j - 1].role is None and _everyday_indefinite(doc, j) and len(tok.key) > 2  # (not «السي آي ايه»)
            and not tok.key.endswith(("ته", "تها"))  # «الرئيس الفرنسي المنتهية ولايته»: the adjective's own subject
        ):
            break  # «كما أكد أعضاء الوفد التونسي وحدة مصير البلدين»: after a nisba adjective, an indefinite noun is the object
        if (
            transitive and j - i == 1 and doc.toks[i].key.startswith(("ال", "وال")) and doc.toks[i].key.endswith(("ون", "ين"))
            and len(doc.toks[i].key) >= 7 and doc.words[i].role is None  # a plural, not «الأمين»
            and tok.word and tok.key.startswith("ال") and not tok.key.endswith(("ون", "ين"))
        ):
            break  # «واتهم المحتجون القاضية بـ…»: a sound plural's adjective is plural too; anything else is the object
        boundary = doc.words[j].boundary and not (j > i and _of_organisation(doc, i, j))
        boundary = boundary or (j > i and tok.key == _FAQAD)  # «ووفقا لصحيفة إنديبندنت فقد …»: no part of the name
        if boundary and j > i and tok.text.endswith("ي") and doc.toks[j - 1].key in _NAME_PARTICLE_KEYS:
            boundary = False  # «السيد بن علي شريف»: the name «علي», not «على»
        if boundary and j > i and tok.key == _SABAH and j + 1 < n and doc.words[j + 1].given_name and doc.words[j - 1].role is not None:
            boundary = False  # «الشيخ صباح خالد الحمد الصباح»: the given name Sabah, not «صباح اليوم» (this morning)
        if (
            boundary and (j == i or doc.words[j - 1].given_name or doc.toks[j - 1].key == _HAJJ) and tok.text.endswith("ي")
            and tok.key == _ALA and j + 1 < n
            and (doc.lex.in_name(doc.toks[j + 1].text) or (j > i and doc.toks[j + 1].key in _COMPLEMENTISERS))
        ):
            # «أفاد علي كلثوم بأن», «محمد علي النصري»: «علي» before a surname is a name, not «على»; so it is after a
            # given name, closing the phrase before «أن» («مراسل الجوهرة أف أم محمد علي أن», «سامية الحاج علي أن»)
            boundary = False
        if boundary and j > i and tok.key == _FROM_SOURCE and _takes_an(doc.toks[j - 1].key) and j + 1 < n and doc.toks[j + 1].word:
            # «منظمة الدفاع عن المستهلك», «هيئة الدفاع عن الشهيد»: what the body defends is part of its name; so is
            # what a participle governs («جماعات مدافعة عن حقوق الإنسان», «الإدارة المسؤولة عن الجسر»)
            j += 1
            continue
        if (
            boundary and j > i and tok.key == "من" and j + 1 < n and doc.toks[j + 1].start < limit
            and _from_head(doc.toks[j - 1].key) and (doc.lex.is_organisation(doc.toks[j + 1].text) or doc.toks[j + 1].key == _INSIDE)
        ):
            j += 1  # «مصدر موثوق من القناة», «باحثون من جامعة بريستول»: the body the source or researchers belong to
            continue
        if (
            boundary and j > i and (tok.key in _ROLE_LINKS or tok.key == "من") and (
                tok.key != _FROM_SOURCE or _has_title(doc, i, j) or (j + 1 < n and doc.words[j + 1].given_name)
            )
            and (k := _name_ahead(doc, j + 1, limit))
        ):
            # «الخبير في الشؤون الأمنية فيصل الزغلامي», «النائب عن كتلة الإصلاح منير الصغير»; not «أعلن نادي برشلونة
            # عن إقالة مدير العلاقات … بير غراتاكوس»: with no title before it, «عن» opens the verb's complement
            j = k
            continue
        if (
            boundary and j > i and tok.key == _AT_THE_REGION and j + 1 < n and doc.words[j + 1].given_name
            and _has_title(doc, i, j) and (k := _name_ahead(doc, j + 1, limit))
        ):
            j = k  # «كاتب عام نقابة التعليم الثانوي بالجهة منجي المخلوفي»: the title says where, the name follows
            continue
        if boundary and j > i and tok.key in _TO and _named_after_place(doc, i, j) and (k := _name_ahead(doc, j + 1, limit)):
            j = k  # «المبعوث الأممي إلى ليبيا غسان سلامة», «مبعوثة الجوهرة "اف ام" إلى تطاوين هاجر النوالي»
            continue
        if (
            boundary and j == i + 1 and tok.key in _NATIVE_OF and not doc.toks[i].key.startswith(("ال", "وال"))
            and not doc.words[i].given_name and not doc.lex.is_organisation(doc.toks[i].text)
        ):
            # «مواطن أصيل أكودة», «امرأة أصيلة مدينة غار الدماء»: someone unnamed is known by where they come from
            # (after a name the origin is left out: «منجي كدوسي أصيل معتمدية الرقاب»)
            k = j + 1
            while (
                k < n and k - j <= 3 and doc.toks[k].word and doc.toks[k].start < limit and not doc.words[k].boundary
                and doc.cue(k) is None and doc.toks[k].key not in _COMPLEMENTISERS and not (k > j + 1 and doc.toks[k].key.startswith("و"))
            ):
                k += 1
            if k > j + 1:
                j = k
            break
        correspondent = doc.toks[i].key in _CORRESPONDENTS
        if boundary and j > i and correspondent and tok.key == _AT_THE_REGION:
            j += 1  # «مراسل "الجوهرة أف أم" بالجهة»: where the correspondent reports from
            break
        if (
            boundary and 0 < j - i <= 3 + 3 * correspondent and tok.key in _COMPLEMENT_LINKS
            # «على» completes a phrase after a participle («الباحثون القائمون على الدراسة», «الموقعون على البيان»);
            # after a bare head it opens the verb's object («وشدد البيان على حرص الاتحاد»). The text, not the key:
            # «الصياد علي الجربي» is a name (علي and على normalise alike)
            and (tok.text != "على" or j - i >= 2 or doc.toks[i].key.endswith(("ون", "ين")))
            # «وشدد المكتب التنفيذي على وجوب»: after an adjective «على» opens the object (a participle keeps it:
            # «الدول الممضية على البيان»)
            and not (tok.text == "على" and doc.toks[j - 1].key.endswith(("ي", "ية")) and not doc.toks[j - 1].key.startswith("الم"))
            and (
                doc.words[i].role is None or correspondent or doc.toks[i].key in _MEMBER_TITLES
                # «مسؤول في البيت الأبيض», «مسؤول أمريكي في …»: an indefinite title says where it belongs, not
                # «الوزير في …» or «وزير الخارجية في …»
                or all(not doc.toks[m].key.startswith(("ال", "وال", "لل")) for m in range(i, j))
            )
            and not _has_name(doc, i, j) and (k := _complement_ahead(doc, j + 1, limit))
        ):
            j = k  # «مصادر مقربة من التحقيق», «النيابة العامة في بروكسل», «مراسلنا في سيدي بوزيد»: where they belong
            break
        if (
            boundary and j > i and tok.key == _AT and (_has_title(doc, i, j) or doc.lex.is_organisation(doc.toks[i].text))
            and not _has_name(doc, i, j) and not doc.toks[j + 1].key.endswith(_PRONOUN_SUFFIXES) and (k := _complement_ahead(doc, j + 1, limit))
        ):
            j = k  # «وكيل الجمهورية لدى المحكمة الابتدائية بتونس», «السفيرة الأمريكية لدى الأمم المتحدة»: where the
            break  # title serves (not «الوزير لدى زيارته»: when)
        if boundary or (j > i and ((doc.cue(j) is not None and doc.toks[j - 1].key not in _NAME_PARTICLE_KEYS) or doc.nominal_at(j))):
            break  # (after «بن» a cue word is a name: «صدري بن طالب»)
        if tok.key == "و" and j > i and _and_apart(doc, j, limit):
            j += 2  # «كاتب الدولة لأملاك الدولة و الشؤون العقارية»: «و» written apart from the word it joins
            continue
        if tok.key in _COMPLEMENTISERS or (len(tok.key.rstrip("ـ")) <= 1 and not tok.key.isdigit()) or tok.text.endswith("ـ"):
            break  # «المعهد الثانوي 2» goes on
        j += 1
    if j > i and _has_title(doc, i, j) and not _has_name(doc, i, j) and (k := _tagged_name_ahead(doc, i, j, limit)):
        j = k  # «رئيس جامعة المعلومات والاتصال (منظمة الاعراف) قيس سلامي»: the tagger finds the name past the title
    elif j > i and _describes_someone(doc, i, j) and not _has_name(doc, i, j) and (k := _set_off_name_ahead(doc, j, limit)):
        j = k  # «رئيس بعثة صندوق النقد الدولي الى تونس، أمين ماتي، إن»: the name set off by commas past the title
    elif j > i and _has_title(doc, i, j) and not _has_name(doc, i, j) and (k := _closing_name_ahead(doc, j, limit)):
        j = k  # «المتحدث باسم مكتب التحقيقات في ميسيسيبي وارين سترين إن»: the name closes the phrase
    return i, j


def _closing_name_ahead(doc: _Doc, j: int, limit: int) -> int:
    """End of a name no list knows that closes the speaker phrase past a title phrase ending at token ``j``: two or
    three rare words right before «أن», the limit, a comma, the setting or whom it was said to, with only more of the
    title before them (no cue or other title): «المتحدث باسم أجهزة الأمن في قرغيزستان رخات سليمانوف أن»; else 0."""
    toks = doc.toks
    k = j
    while k < len(toks) and k - j < 12:
        tok = toks[k]
        if tok.start >= limit or tok.text in "،," or (
            tok.word and (tok.key in _COMPLEMENTISERS or doc.nominal_at(k) or _addressee(doc, tok.key))
        ):
            m = k
            while m > j and k - m < 3 and _unknown_name_word(doc, m - 1):
                m -= 1
            if m > 0 and toks[m - 1].key in _PLACE_LINKS:
                m += 1  # «… في قرغيزستان رخات سليمانوف»: the word after «في» is a place, the name follows it
            return k if k - m >= 2 else 0
        if tok.word and (doc.cue(k) is not None or (k > j and doc.words[k].role is not None)):
            return 0
        if not tok.word and tok.text != "(" and tok.text != ")":
            return 0
        k += 1
    return 0


_PLACE_LINKS = frozenset(key_of(w) for w in ["في", "من", "إلى", "الى", "لدى", "عن"])


def _unknown_name_word(doc: _Doc, k: int) -> bool:
    """Token ``k`` may be a word of a foreign name no list knows: rare, no article, no title, place or body."""
    tok = doc.toks[k]
    return (
        tok.word and not tok.key.startswith(("ال", "لل", "وال", "بال")) and doc.words[k].role is None
        and tok.text != "على" and tok.key not in _SETTINGS  # «وزارة الداخلية على تويتر»
        # «و» + a word is another one joined, but for names that start so: «وارين سترين»
        and (tok.key[:1] != "و" or doc.words[k].given_name or (tok.key[1:] not in doc.lex.everyday and tok.key[1:] not in doc.lex.first_names))
        and (doc.lex.in_name(tok.text) or doc.words[k].given_name) and not _place_name(tok.text)
        and not doc.lex.is_organisation(tok.text) and doc.cue(k) is None and not doc.quoted(tok.start)
    )


def _describes_someone(doc: _Doc, i: int, j: int) -> bool:
    """The phrase [i, j) has a title, is «one of …», or goes on with «و» + a title or «أحد» (also after a comma):
    «رجل الأعمال، وأحد المشرفين على …»."""
    if _has_title(doc, i, j) or doc.toks[i].key in _ONE_OF:
        return True
    after = j + 1 if j < len(doc.toks) and doc.toks[j].text in "،," else j
    return any(_and_another_title(doc, m) for m in range(i + 1, min(after + 1, len(doc.toks))))


def _set_off_name_ahead(doc: _Doc, j: int, limit: int) -> int:
    """End of a name in apposition after a comma (within 16 tokens) past a title phrase ending at token ``j``, when
    only more of the title stands before that comma (no person, other title, cue or complementiser; a second title
    joined by «، و…» may) and the clause goes on right after the name (a comma, «أن», the limit, the setting or
    whom it was said to): «أحد منسقي اعتصام الكامور، منجي معيز، أن»; else 0."""
    k = j
    while k < len(doc.toks) and k - j < 16 and doc.toks[k].start < limit:
        tok = doc.toks[k]
        if tok.text == "(" and (close := _bracketed_end(doc, k)):
            k = close  # an acronym in brackets
            continue
        if tok.word and _in_town_name(doc, k):
            k += 1  # the title's town: «ببئر علي بن خليفة»
            continue
        if tok.text in "،," and k + 2 < len(doc.toks) and _and_another_title(doc, k + 1):
            k += 2  # «رجل الأعمال، وأحد المشرفين على زيارة الغريبة، روني الطرابلسي»: a second title of the same man
            continue
        if tok.text in "،,":
            e = _apposition(doc, k + 1, limit)
            if not e or not any(doc.words[m].may_name for m in range(k + 1, e)) or not all(
                (doc.lex.in_name(doc.toks[m].text) or _is_given_name(doc.lex, doc.toks[m]) or _title_before_name(doc.lex, doc.toks[m]))
                and (m == k + 1 or doc.toks[m].key[:1] != "و" or _is_given_name(doc.lex, doc.toks[m]))
                for m in range(k + 1, e)
                if doc.toks[m].word  # (the marks of «، "بورج براند"،»)
            ):
                # a name, maybe after a title («، العقيد لطفي الحامدي،»), not «، منجي معيز وآخرون حضروا،» nor two
                # people («، محمد أنور بيوض ومرافقته،»)
                return 0
            closes = e >= len(doc.toks) or doc.toks[e].start >= limit or doc.toks[e].text in "،," or doc.toks[e].key in _COMPLEMENTISERS
            # «…، التيجاني الحداد في تصريح لـ…», «…، منجي معيز لمراسلة الجوهرة»: where and to whom he said it
            return e if closes or doc.nominal_at(e) or _addressee(doc, doc.toks[e].key) else 0
        if tok.word and (
            tok.key in _COMPLEMENTISERS or doc.cue(k) is not None or doc.nominal_at(k) or _addressee(doc, tok.key)
            or doc.words[k].role is not None or doc.words[k].given_name
        ):
            return 0
        if not tok.word and tok.text not in _OPENING_MARKS and tok.text not in '»"':
            return 0
        k += 1
    return 0


_PRONOUNS = frozenset(key_of(w) for w in ["هو", "هي", "هم", "هما", "هن", "نحن", "أنا"])


def _everyday_indefinite(doc: _Doc, j: int) -> bool:
    """Token ``j`` is an everyday word without the article (nor ب/ل) that names nobody: no boundary, name word,
    title or institution («جهات», «وحدة»). After a speaker phrase such a word opens the verb's object."""
    tok = doc.toks[j]
    return (
        tok.word and not tok.key.startswith(("ال", "وال", "ب", "ل")) and tok.key in doc.lex.everyday
        and not doc.words[j].boundary and not doc.lex.in_name(tok.text) and doc.words[j].role is None
        and not doc.lex.is_organisation(tok.text)
    )


def _adjective_like(key: str) -> bool:
    """A definite word that may be an adjective: a nisba («التونسية»), a participle («المنتهية»), an institution's
    adjective («العليا») or an elative («الأكبر», «الأول»; not «الآفاق», a plural أفعال)."""
    return (
        key.endswith(_NISBA_ENDINGS) or key.startswith("الم") or key in _ORGANISATION_ADJECTIVES
        or (len(key) == 6 and key.startswith("الا") and key[4] != "ا")
    )


def _adjective_shape(key: str) -> bool:
    """A definite word shaped like an adjective: فاعل(ة) («العاشرة», «الحاكم»), فعيل(ة) («الجديدة»), أفعل («الأعلى»).

    >>> [_adjective_shape(key_of(w)) for w in ("العاشرة", "الجديدة", "الأكبر", "العثور", "الحكومة", "الآفاق")]
    [True, True, True, False, False, False]
    """
    stem = key.removeprefix("ال").removesuffix("ة")
    return key.startswith("ال") and len(stem) == 4 and (stem[1] == "ا" or stem[2] == "ي" or (stem[0] == "ا" and stem[2] != "ا"))


def _oblique_plural(doc: _Doc, k: int) -> bool:
    """Token ``k`` is a definite sound masculine plural in its object form («الفاعلين», «المستثمرين»; the subject
    would be «الفاعلون»), not a name («العابدين») or a title («الأمين»)."""
    key, word = doc.toks[k].key, doc.words[k]
    return key.startswith("ال") and key.endswith("ين") and len(key) >= 7 and word.role is None and not word.given_name and key in doc.lex.everyday


def _and_apart(doc: _Doc, j: int, limit: int) -> bool:
    """Whether the lone «و» at token ``j`` joins the word after it to the phrase: a word, neither a cue nor a
    boundary, pronoun or complementiser, as definite as the word before it («تقارير إسبانية و أنقليزية»,
    «لاستغلال و توزيع المياه»; not «الوزير و أكد», «الوزير و هو …»)."""
    k = j + 1
    if k >= len(doc.toks) or not doc.toks[j - 1].word or not doc.toks[k].word or doc.toks[k].start >= limit:
        return False
    tok = doc.toks[k]
    definite = ("ال", "لل")
    return (
        len(tok.key) >= 3 and tok.key not in _PRONOUNS
        # a definite word joins a definite one, an indefinite an indefinite (not «المريض و ستُعيد»); a title joins
        # either («الدولي و لاعب النجم الساحلي …»)
        and (doc.toks[j - 1].key.startswith(definite) == tok.key.startswith(definite) or doc.words[k].role is not None)
    ) and not (
        doc.words[k].boundary or doc.cue(k) is not None or doc.nominal_at(k) or tok.key in _COMPLEMENTISERS
        or _boundary_key(doc.lex, "و" + tok.key)
    )


def _as_capacity(doc: _Doc, k: int) -> bool:
    """«كشاهد», «كشاهدة», «كمستشار»: ك (as) and an everyday noun, the capacity someone speaks in — not a name word
    («كمال», «كلثوم»)."""
    key = doc.toks[k].key
    stem = key[1:]
    return (
        key.startswith("ك") and len(key) > 4 and (stem in doc.lex.everyday or (stem.endswith("ة") and stem[:-1] in doc.lex.everyday))
        and not doc.words[k].given_name and doc.lex.first_name(doc.toks[k].text) is None
    )


def _and_given_name(lex: Lexicon, tok: _Tok) -> bool:
    """«وفوزي»: «و» and a given name, which starts another person's name (not «وليد», «وداد», names themselves, nor
    «وحدة», a word whose «و» is its own though «حدة» is a given name)."""
    return tok.key[:1] == "و" and _clitic_given_name(lex, tok)


def _clitic_given_name(lex: Lexicon, tok: _Tok) -> bool:
    """«وكريم», «لخافيير», «بمحمد»: a conjunction or preposition written onto a given name (not «لطفي», «بسمة», «فتحي»,
    names themselves)."""
    return (
        tok.key[:1] in "ولبف" and lex.first_name(tok.text[1:]) is not None and lex.first_name(tok.text) is None
        and not keeps_proclitics(tok.text)
    )


def _and_relative(key: str) -> bool:
    """«وشقيقه», «وزوجته», «ووالدها»: «and his/her …», a relative with a possessive pronoun."""
    return key.startswith("و") and _possessed_relation(lexicon(), key[1:], kin_only=True)


def _surname_named_before(doc: _Doc, i: int) -> bool:
    """Whether the word at token ``i`` is a surname the text gave earlier after a given name («بسمة الخلفاوي»)."""
    key = doc.toks[i].key
    return any(doc.toks[k].key == key and doc.words[k - 1].given_name for k in range(1, i))


def _tagged_name_ahead(doc: _Doc, i: int, j: int, limit: int) -> int:
    """End of the person's name the NER tagger finds within 12 tokens after a title phrase [i, j) that names nobody,
    past what may stand between a title and its holder's name: more of the title, a place after «في/لدى/عن», a
    bracketed or quoted acronym, a comma and another title («المتحدث باسم وزارة الدفاع الأمريكية (البنتاغون)
    آدم ستامب», «السفير … لدى الجامعة، وداوى سيدى هيبة»); 0 when a verb, a complementiser, a date, whom it was
    said to or another title comes first, or the name is quoted. The tagger runs only when a word that may start
    a name (a given name, a word no list knows) lies within reach."""
    if _walk_to_name(doc, j, limit, None, 0) == 0:
        return 0
    lo, tags = doc._sentence_tags(i)
    if any(k - lo < len(tags) and tags[k - lo].endswith("PERS") for k in range(i, j)):
        return 0
    return _walk_to_name(doc, j, limit, tags, lo)


def _walk_to_name(doc: _Doc, j: int, limit: int, tags: list[str] | None, lo: int) -> int:
    """See :func:`_tagged_name_ahead`; without ``tags``, 1 when some word within reach may start a name, else 0."""
    k = j
    while k < len(doc.toks) and k - j < 12 and doc.toks[k].start < limit:
        tok = doc.toks[k]
        if tags is None:
            if tok.word and (doc.words[k].may_name or doc.lex.in_name(tok.text)) and not doc.quoted(tok.start):
                return 1
            t = "O"
        else:
            t = tags[k - lo] if k - lo < len(tags) else "O"
        if tags is not None and tok.word and _in_town_name(doc, k):
            k += 1  # «عضو التنسيقية المحلية ببئر علي بن خليفة، العوني بن مسعود»: the title's town, not its holder
            continue
        if t == "B-PERS" and tok.word and not doc.quoted(tok.start) and not _addressee(doc, tok.key):  # not «لفرانس برس»
            e = k + 1
            while e - lo < len(tags) and tags[e - lo] == "I-PERS" and doc.toks[e].start < limit:
                e += 1
            doc.tagged_name_start[e] = k
            return e
        if tok.text == "(" and (close := _bracketed_end(doc, k)):
            k = close
            continue
        if (
            tok.word and k >= 2 and k > j and doc.toks[k - 1].text in _OPENING_MARKS and doc.toks[k - 2].key in _LINKS_BEFORE_NAME
            and (span := doc.quoted_span(tok.start)) is not None
        ):
            k = doc.tok_at(span[1]) + 1  # «مسؤول الناشرين في "مؤسسة المعارض الثقافية" …»: where he works, and its mark
            continue
        if tok.word:
            if tok.key in _COMPLEMENTISERS or doc.cue(k) is not None or doc.nominal_at(k) or _addressee(doc, tok.key) or tok.key == _THROUGH:
                return 0
            # «التابعة لوزارة الإرشاد والثقافة الإيرانية محمد …»: a coordinated genitive in an institution's name
            coordinated = (
                tok.key.startswith("وال") and doc.toks[k - 1].key.startswith("ال")
                and any(doc.lex.is_organisation(_without_li(doc.toks[m].text)) for m in range(max(j, k - 3), k))
            )
            if (
                _is_boundary(doc, tok) and tok.key not in _LINKS_BEFORE_NAME and not coordinated
                and not (tok.text.endswith("ـ") and doc.quoted(doc.toks[k + 1].end if k + 1 < len(doc.toks) else tok.end))
            ):
                return 0
            if (
                doc.words[k].role is not None and not coordinated and not (doc.toks[k - 1].text in "،," or doc.words[k - 1].role is not None)
                # «الخبير في الشؤون الليبية في معهد المجلس الاوروبي للعلاقات الخارجية ماتييا توالدو»: a definite
                # role word after «في/لدى/عن», or after a لل-noun as its adjective, completes the title, no other title
                and not (tok.key.startswith("ال") and (doc.toks[k - 1].key in _LINKS_BEFORE_NAME or doc.toks[k - 1].key.startswith("لل")))
            ):
                return 0
        elif tok.text not in "،," and tok.text not in _OPENING_MARKS and tok.text not in '»"':
            return 0
        k += 1
    return 0


_LINKS_BEFORE_NAME = frozenset(key_of(w) for w in ["في", "لدى", "عن"])


_TO = frozenset(key_of(w) for w in ["إلى", "الى"])
_ON_TO = _TO | {key_of("على")}
_MEMBER_TITLES = frozenset(key_of(w) for w in ["القيادي", "القيادية", "قيادي", "قيادية"])  # «القيادي في حركة النهضة»: where he leads


def _has_title(doc: _Doc, i: int, j: int) -> bool:
    """A title or a correspondent among tokens [i, j): «مبعوثة الجوهرة …», «الناطق الرسمي …»."""
    return any(doc.words[m].role is not None or doc.toks[m].key in _CORRESPONDENTS for m in range(i, j))


_ENVOY_TITLES = frozenset(key_of(w) for w in ["مبعوث", "مبعوثة", "سفير", "سفيرة", "موفد", "موفدة", "مندوب", "مندوبة"])


def _named_after_place(doc: _Doc, i: int, j: int) -> bool:
    """A title in [i, j) and, after «إلى» (token ``j``), one or two words naming a place, then a given name: where an
    envoy or ambassador is sent, not the verb's complement («دعا الوزير إلى …», «أشار المصدر إلى أن …»)."""
    if not _has_title(doc, i, j):
        return False
    for m in range(j + 1, min(j + 4, len(doc.toks))):
        tok = doc.toks[m]
        if m > j + 1 and _is_given_name(doc.lex, tok):
            return True
        if not tok.word or tok.key in _COMPLEMENTISERS or doc.cue(m) is not None or doc.words[m].role is not None or _masdar(tok.key.removeprefix("ال")):
            return False
    return False


def _opens_construct(word: _Tok, nxt: _Tok) -> bool:
    """An indefinite word before a definite one («سعي الوزارة», «تكثيف عمليات الرقابة» is caught as a verbal noun):
    a construct state, which after a complete name is the verb's object, never more of the name («نور الدين» and
    the like are compound names)."""
    return (
        word.word and nxt.word and not word.key.startswith(("ال", "وال", "لل")) and word.key not in _NAME_PARTICLE_KEYS
        and nxt.key.startswith("ال") and nxt.key not in _NAME_TAILS
    )


# a past verb that describes a document before it (who published, drew up or carried it out; with its object
# pronoun, «نشرته الوزارة», the subject after it issued the document)
_DOCUMENT_VERBS = frozenset(key_of(w) for w in ["نشر", "نشرت", "أصدر", "أصدرت", "وضع", "وضعت", "أعد", "أعدت", "أجرى", "أجرت", "نقل", "نقلت", "بث", "بثت", "تم"])


def _verb_with_object(key: str) -> bool:
    """«نشرته», «بثتها», «أوردته»: a past verb with its object pronoun."""
    return key.endswith(("ته", "تها")) and 5 <= len(key) <= 6 and not key.startswith(("ال", "و", "ب", "ل"))


_AFFILIATED = frozenset(key_of(w) for w in ["تابع", "تابعة", "التابع", "التابعة"])


def _name_between_titles(lex: Lexicon, words: Sequence[_Tok], roles: Sequence[str | None]) -> int | None:
    """Where a name starts that an honorific stands right before and a title right after: the title is in
    apposition to the name («الشيخ الخراساني أمين المجمع»), and a name inside that apposition is another person's
    («الدكتور برادران رفيعي مساعد آية الله طبسي»: his superior)."""
    for k in range(1, len(words) - 1):
        if roles[k - 1] is None or words[k - 1].key not in _HONORIFICS or roles[k] is not None:
            continue
        m = k
        while m < len(words) and m - k < 3 and roles[m] is None and lex.in_name(words[m].text) and not words[m].key.startswith(("بال", "لل", "وال")):
            m += 1
        if m > k and m < len(words) and roles[m] is not None and not words[m].key.startswith(("ال", "وال")):
            return k
    return None


def _construct_plural(key: str) -> bool:
    """A participle's sound plural in construct, its «ن» dropped before the genitive: «متمردو», «موقعو», «مسؤولو».

    >>> [_construct_plural(key_of(w)) for w in ("متمردو", "محامو", "مسؤولو", "مارسيلو", "ميترو", "مدير")]
    [True, True, True, False, False, False]
    """
    return key.startswith("م") and key.endswith("و") and 5 <= len(key) <= 7 and key[1] not in "اي" and key[-2] not in "يا"


def _names_before_object(doc: _Doc, i: int, j: int) -> bool:
    """The phrase [i, j) before an everyday indefinite noun at ``j`` is a person's name, so the noun is the verb's
    object: one word the text used before and never with that noun after it («كما اكد نجاد … وانتقد نجاد مساعي
    …», not «هيومن رايتس»), or a given name then a name word without the article («الأستاذ حاتم سليمان مداخلة»)."""
    toks = doc.toks
    if j - i == 1:
        return (
            not doc.words[i].given_name and doc.words[i].may_name and any(toks[k].key == toks[i].key for k in range(i))
            and not any(toks[k].key == toks[i].key and toks[k + 1].key == toks[j].key for k in range(i))
        )
    return (
        doc.lex.in_name(toks[j - 1].text) and not toks[j - 1].key.startswith(("ال", "وال", "لل"))
        and any(doc.words[m].given_name for m in range(i, j - 1))
    )


def _plural_past_verb(doc: _Doc, k: int) -> bool:
    """«عاينوا», «شاهدوا», «أكدوا»: token ``k`` has the shape of a past verb with the plural «وا» whose singular is an
    everyday word, and no list knows it as a name or a title."""
    key = doc.toks[k].key.removeprefix("و")
    return (
        key.endswith("وا") and len(key) >= 5 and not key.startswith(("ال", "لل")) and doc.words[k].role is None
        and key[:-2] in doc.lex.everyday  # the verb's past singular is a word («عاين»), not «بيداوا» (Baidoa)
        and not doc.lex.is_organisation(doc.toks[k].text) and doc.lex.person_words.get(key, (0, 0, 0))[:2] == (0, 0)
    )


def _imperfect_verb(lex: Lexicon, key: str) -> bool:
    """An everyday word with the imperfect prefix «ت»/«ي» that names nobody in ANERcorp: after a name it is the verb
    of the clause («كانت السيدة منوبية تتحدث إلينا», «لم تكن هاجر ترغب في …»), not a surname.

    >>> [_imperfect_verb(lexicon(), key_of(w)) for w in ("تتحدث", "ترغب", "تعمل", "يوسف", "تونسي")]
    [True, True, True, False, False]
    """
    if key[:1] not in ("ت", "ي") or len(key) < 4 or key not in lex.everyday or key in lex.first_names:
        return False
    if key.endswith(_NISBA_ENDINGS):
        return False  # «تونسي», «تركية»: adjectives
    begin, inside, _ = lex.person_words.get(key, (0, 0, 0))
    return begin + inside == 0


def _masdar_with_pronoun(key: str) -> bool:
    """A verbal noun with a possessive pronoun («إعجابه», «استعدادها», «ترحيبهم»): right after a verb, its object;
    not a title of the same shape («أستاذها عبد الرزاق»: her teacher)."""
    return any(
        key.endswith(p) and _masdar(stem := key[: -len(p)]) and lexicon().role_gender(stem) is None for p in _POSSESSIVES
    )


_POSSESSIVES = ("هما", "هم", "ها", "ه")  # longest first: «زوجهما» is «زوج» + «هما»


def _masdar(key: str) -> bool:
    """An indefinite verbal noun of a derived verb (تفعيل, إفعال, افتعال, انفعال, استفعال; plurals in ات): after a
    speaker phrase it opens the verb's object («ودعا الوزير تكثيف الرقابة», «طالب سامي الغابي إرسال تعزيزات»).

    >>> [_masdar(key_of(w)) for w in ("تكثيف", "إرسال", "استخدام", "ترامب", "الرقابة")]
    [True, True, True, False, False]
    """
    stem = key[:-2] if key.endswith("ات") and len(key) > 6 else key
    if stem.startswith("ال") or not stem.isalpha():
        return False
    n = len(stem)
    return (
        (n == 5 and stem[0] == "ت" and stem[3] == "ي" and stem[4] != "ة")  # تكثيف, not «تركية»
        or (n == 5 and stem[0] == "ا" and stem[3] == "ا")  # إرسال (hamza normalised)
        or (n == 6 and stem[0] == "ا" and stem[2] == "ت" and stem[4] == "ا")  # اعتماد
        or (n == 6 and stem[:2] == "ان" and stem[4] == "ا")  # انسحاب
        or (n == 7 and stem[:3] == "است" and stem[5] == "ا")  # استخدام
    )


_ROLE_LINKS = frozenset(key_of(w) for w in ["في", "عن", "لدى", "مع", "بهذه", "بهذا", "بتلك"])  # «وزير العلاقة مع الهيئات الدستورية … مهدي بن غربية»
_COMPLEMENT_LINKS = frozenset(key_of(w) for w in ["من", "في", "على"])
_AT = key_of("لدى")
_AT_THE_REGION = key_of("بالجهة")
_THE_REGION = key_of("الجهة")
_HERE = frozenset({_AT_THE_REGION, key_of("بالمنطقة")})  # a source «in the region»: no place named
_NATIVE_OF = frozenset(key_of(w) for w in ["أصيل", "أصيلة"])
_FROM, _THE_AGE = key_of("من"), key_of("العمر")
_FOR_IT = frozenset(key_of(w) for w in ["له", "لها", "لهم"])
_AQARRA = key_of("أقر")
_ALA = key_of("على")
_TONGUE = key_of("لسان")
_HIS_TONGUE = frozenset(key_of(w) for w in ["لسانه", "لسانها", "لسانهم"])
# what a statement was made in or on, not where its speaker belongs: «قال الجيش في بيان», «في مؤتمر صحفي»
_SETTINGS = frozenset(
    key_of(w)
    for w in ["مؤتمر", "ندوة", "لقاء", "مقابلة", "حوار", "حديث", "كلمة", "جلسة", "اجتماع", "صفحة", "موقع", "وقت", "إطار",
              "سياق", "رد", "اتصال", "برنامج", "تصريح", "تصريحات", "خطاب", "تغريدة", "منشور", "حين", "أثناء", "هامش", "ختام",
              "افتتاح", "مداخلة", "زيارة", "حفل", "ذلك", "هذا", "هذه", "جهته", "جهتها", "جانبه", "جانبها", "نفس", "ذات",
              "خبر", "إذاعة", "قناة", "تلفزيون", "حصة", "فيسبوك", "فايسبوك", "تويتر", "تعقيب", "تدوينة", "تعليق",
              "مقابل", "أخير", "المقابل", "فيديو", "تسجيل", "شريط", "مقطع"]  # «وأشارت الدراسة في المقابل إلى أن»: on the other hand
)


def _complement_ahead(doc: _Doc, k: int, limit: int) -> int:
    """End of a prepositional complement starting at token ``k`` that says where an unnamed speaker belongs
    («من التحقيق», «في بروكسل», «على الدراسة», «من جامعة مانشستر البريطانية»), or 0: never a statement's setting
    («في بيان», «في مؤتمر صحفي»), a time, a pronoun's object or a clause."""
    toks, info = doc.toks, doc.words
    if k >= len(toks) or toks[k].start >= limit or not toks[k].word or doc.quoted(toks[k].start):
        return 0
    if toks[k].key in _COMPLEMENTISERS or info[k].boundary:  # «وشدد المزوغي على أن …»
        return 0
    head = toks[k].key.removeprefix("ال")
    link = toks[k - 1].key if k > 0 else ""
    # «في بيان» is a statement's setting; «القائمون على الدراسة», «الممضية على البيان» say who they are, and so do
    # the meeting and the study of «المشاركون في المؤتمر», «الحاضرين في الجلسة», «أحد المشاركين في الدراسة»
    attendance = k >= 2 and toks[k].key.startswith("ال") and _attendees(toks[k - 2].key)
    document = head in doc.lex.documents and not ((link in _MEMBERSHIP_LINKS or attendance) and toks[k].key.startswith("ال"))
    if (head in _SETTINGS and not attendance) or document or toks[k].key in _TIME_WORDS or head.isdigit() or info[k].cue is not None:
        return 0
    for suffix in ("ها", "هم", "ه"):  # «في تقريره», «على صفحتها»: the speaker's own statement or page
        if head.endswith(suffix) and (suffix != "ه" or head[:-1] in doc.lex.documents or head[:-1] in _SETTINGS):
            return 0
    place = False
    if (
        not toks[k].key.startswith("ال") and not doc.lex.name_like(toks[k].text) and not doc.lex.is_organisation(toks[k].text)
        and not (k + 1 < len(toks) and doc.lex.name_like(toks[k + 1].text))
    ):
        place = _place_name(toks[k].text)  # «في كوريا الشمالية», «في بروكسل»: CLDR's countries and cities
        construct = k + 1 < len(toks) and toks[k + 1].word and toks[k + 1].start < limit and (
            toks[k + 1].key.startswith("ال") or _place_name(toks[k + 1].text)
        )  # «مصادر في مطار القاهرة الدولي»: an indefinite noun and its genitive
        if not (place or construct):
            return 0  # «مصادر مقربة من جهات عديدة»: an indefinite everyday word
    institution = doc.lex.is_organisation(toks[k].text) and not toks[k].key.startswith("ال")
    m = k + 1
    while True:
        if m + 1 < len(toks) and toks[m].text in "-–" and _inside_word(doc.text, toks[m].start, toks[m].end):
            m += 2  # «في منطقة سان-إي-مارن»: the hyphens of one name
            continue
        if end := _at_town(doc, m, limit):
            return end  # «مصدر مسؤول من الحماية المدنية بقابس»: the town the body serves
        if not (
            m < len(toks) and m - k < 4 and toks[m].start < limit and toks[m].word and not info[m].boundary
            and info[m].cue is None and toks[m].key not in _COMPLEMENTISERS and not doc.nominal_at(m)
            and toks[m].key not in _CORRESPONDENTS  # «مصدر من الحرس الوطني مراسل "الجوهرة"»: whom it was told
            and toks[m].key not in _GUESTS  # «القيادي في حركة النهضة الجلاصي ضيف بولتيكا»: a programme's guest
            # «باحث في أكاديمية العلوم الروسية ورئيس المختبر …»: «و» and a title open a second title of the speaker
            and not (toks[m].key.startswith("و") and not toks[m].key.startswith("وال") and info[m].role is not None)
            and (
                toks[m].key.startswith("ال") or doc.lex.name_like(toks[m].text)
                or (  # «من جامعة مانشستر البريطانية»: a name after the institution noun (the tagger asked only here)
                    institution and m == k + 1 and not info[m].boundary and info[m].role is None
                    and (info[m].unknown or doc.tagged_entity(toks[m].start, toks[m].end) or doc.tagged_entity(toks[k].start, toks[m].end))
                )
                # «في كوريا الشمالية»; «خبراء في شؤون كوريا الشمالية»: a place as the genitive, with the rest of its name
                or ((place or m == k + 1) and _place_name(toks[m].text))
                # «عقيد في شرطة محافظة الأنبار», «ضابط في شرطة ولاية نيويورك»: a governorate or state and its name
                or (toks[m].key in _PLACE_NOUNS and m + 1 < len(toks) and toks[m + 1].word and toks[m + 1].start < limit)
                or toks[m - 1].key in _PLACE_NOUNS
            )
            and not (  # «… البريطانية الحالة»: a noun after the nisba adjective is the verb's object
                m > k + 1 and toks[m - 1].key.startswith("ال") and toks[m - 1].key.endswith(("ي", "ية"))
                and toks[m].key.startswith("ال") and not toks[m].key.endswith(("ي", "ية"))
            )
            and not (  # «… بشمالي الصين»: ب/ل open another phrase (not «باكستان», «بنزرت», names that start so)
                toks[m].key[:1] in "بل" and not toks[m].key.startswith(("ال", "بن", "بو"))
                and not _one_word_place(doc, toks[m].text, toks[m].key)
                # «مصدر من النقابة العامة للتعليم الأساسي»: an institution's «لل» genitive is part of its name
                and not (toks[m].key.startswith("لل") and doc.lex.is_organisation(toks[k].text) and not _addressee(doc, toks[m].key))
            )
            and toks[m].key.removeprefix("ال") not in _SETTINGS and toks[m].key not in _TIME_WORDS
        ):
            break
        m += 1
    return m


def _at_town(doc: _Doc, m: int, limit: int) -> int:
    """End of «ب» + a town at token ``m`` («بقابس», «بالمنستير», «بسيدي بوزيد»; CLDR's or ``places.txt``), else 0 —
    not a correspondent's «here» («بالجهة»)."""
    toks = doc.toks
    if m >= len(toks) or toks[m].start >= limit or not toks[m].word or not toks[m].key.startswith("ب") or toks[m].key in _HERE:
        return 0
    rest = toks[m].key[1:]
    if m + 1 < len(toks) and toks[m + 1].word and toks[m + 1].start < limit and (rest, toks[m + 1].key) in doc.lex.places:
        return m + 2
    return m + 1 if len(rest) >= 3 and _one_word_place(doc, toks[m].text[1:], rest) else 0


def _dateline(doc: _Doc, colon: int, close: int) -> bool:
    """The colon at token ``colon`` closes a dateline (a place, no cue before it in the sentence) and the quoted
    words after it, running on into the text without a stop, name the paper or agency that filed it: «لندن ـ دبي:
    «الشرق الأوسط» طرح في دبي …»."""
    if colon < 1 or not doc.toks[colon - 1].word or not _one_word_place(doc, doc.toks[colon - 1].text, doc.toks[colon - 1].key):
        return False
    _, s_start, _ = doc.sentence_of(doc.toks[colon].start)
    if _cue_before(doc, colon, s_start) is not None:
        return False  # «وقال الوزير في لندن: «نحن جاهزون» وغادر»: a speaker's words after all
    k = doc.tok_at(close)
    while k < len(doc.toks) and not doc.toks[k].word and doc.toks[k].text in _MARK_CHARS:
        k += 1  # past the closing mark
    return k < len(doc.toks) and doc.toks[k].word and all(c.isspace() or c in _MARK_CHARS for c in doc.text[close : doc.toks[k].start])


def _one_word_place(doc: _Doc, word: str, key: str) -> bool:
    """``word`` (normalised ``key``) is a whole place name of one word: CLDR's («تونس», «لندن») or ``places.txt``'s
    («قابس»)."""
    return _place_name(word, whole=True) or (key,) in doc.lex.places


def _place_name(word: str, *, whole: bool = False) -> bool:
    """A country or city name, or a word of one («كوريا», «الشمالية»), in babel's CLDR Arabic names; with ``whole``,
    only a whole name («فرنسا», «تونس»; not «إقليم»)."""
    from analysis.entities.features import _key, gazetteers

    gaz = gazetteers()
    key = _key(word)
    return key in gaz["country"] or key in gaz["city"] or (not whole and (key in gaz["country_part"] or key in gaz["city_part"]))


_MEMBERSHIP_LINKS = frozenset(key_of(w) for w in ["على", "من"])


def _attendees(key: str) -> bool:
    """«المشاركون», «الحاضرين», «المشاركات»: those who took part in or attended something, named by it.

    >>> [_attendees(key_of(w)) for w in ("المشاركون", "الحاضرين", "المشاركات", "المشارك", "الحاضر")]
    [True, True, True, False, False]
    """
    return key.startswith(_ATTENDING) and key.endswith(("ون", "ين", "ات"))


_ATTENDING = tuple(key_of(w) for w in ["المشارك", "الحاضر", "المتدخل"])
_CIRCUMSTANTIAL_WA = frozenset(key_of(w) for w in ["ومقره", "ومقرها", "وهو", "وهي", "وهم"])  # «الذي/التي» are boundaries
_OPENING_MARKS = frozenset('«"“”')


_ADDRESSEES = frozenset(
    key_of(w)
    for w in ["مراسل", "مراسلة", "مراسلنا", "مراسلتنا", "وكالة", "صحيفة", "جريدة", "إذاعة", "قناة", "موقع", "برنامج", "الجوهرة", "جوهرة", "أعضاء", "الصحفيين",
              "صحفيين", "الصحافة", "الإعلام", "وسائل",
              "محطة", "المحطة", "موفد", "موفدة", "مبعوث", "مبعوثة", "زميلنا", "زميلتنا",  # «لزميلنا أشرف بن عبد السلام»: our colleague
              "شبكات", "تلفزيون", "التلفزيون", "مجلة", "يومية", "صحف", "الصحف",  # «لشبكات التلفزيون المحلية»
              "الصحافيين", "صحافيين", "المراسلين", "مراسلين", "الوفد", "وفد",  # «وقال الرئيس السنيورة للوفد الدولي إن»
              "راديو", "تلفزة", "التلفزة"]  # «وزير الدولة جدعون عيزرا لراديو إسرائيل»
)

# «بحزن شديد», «بلهجة حادة», «بصوت خافت»: how someone spoke, never part of who spoke
_MANNER_NOUNS = frozenset(
    key_of(w)
    for w in ["حزن", "غضب", "صوت", "نبرة", "لهجة", "حماس", "مرارة", "فخر", "ثقة", "وضوح", "صراحة", "هدوء", "أسف", "حسرة",
              "سخرية", "دهشة", "ابتسامة", "لغة", "انفعال", "تأثر"]
)


# a quoted name after these is the name alone: «صحيفة "آس"» → «آس», «تنظيم "داعش"» → «داعش» (annotators keep
# the type of associations and parties: «جمعية "فورزا تونس"», «منظمة "أنا يقظ"»)
_MEDIA_TYPES = frozenset(key_of(w) for w in ["وكالة", "صحيفة", "جريدة", "يومية", "أسبوعية", "مجلة", "إذاعة", "قناة", "موقع", "شبكة", "محطة"])
_NAME_ONLY_TYPES = _MEDIA_TYPES | frozenset(key_of(w) for w in ["تنظيم", "شركة", "مجموعة"])


def _outlet_kind(key: str, kinds: frozenset[str] = _MEDIA_TYPES) -> bool:
    """Whether ``key`` is one of ``kinds`` with or without «و», «ل», «ال» («والصحيفة», «لصحيفة», «الموقع»)."""
    return _without_li(_without_wa(key, kinds)).removeprefix("ال") in kinds


_THROUGH = key_of("عبر")
_CHANNELS = frozenset(  # what a statement went through: «عبر الهاتف», «عبر صفحته الرسمية», «عبر حسابه على تويتر»
    key_of(w)
    for w in ["الهاتف", "هاتف", "صفحته", "صفحتها", "حسابه", "حسابها", "موقعه", "موقعها", "تدوينة", "الفيسبوك", "فيسبوك",
              "الفايسبوك", "فايسبوك", "تويتر", "رسالة", "بيان", "بلاغ", "شريط", "فيديو", "مواقع", "الموقع", "الصفحة", "الحساب",
              "البريد"]  # «عبر البريد الإلكتروني»
)


_CORRESPONDENTS = frozenset(key_of(w) for w in ["مراسل", "مراسلة", "مراسلنا", "مراسلتنا"])
_ENVOYS = frozenset(key_of(w) for w in ["موفد", "موفدة"])
_NAMED_ADDRESSEES = _CORRESPONDENTS | _ENVOYS  # a name right after them is theirs (see _after_addressee)
_OUR_SOURCES = frozenset(key_of(w) for w in ["مصادرنا", "مصدرنا"])


def _our_source(phrase: str | None) -> bool:
    """«مصدرنا», «مصادرنا الأمنية»: the outlet's own source(s), named before."""
    rk = _role_key(phrase or "")
    return bool(rk) and rk[0] in _OUR_SOURCES
_SOURCE_HEADS = frozenset(key_of(w) for w in ["مصادر", "مصدر"])
_STATION_TAILS = frozenset(key_of(w) for w in ["أف", "أم", "اف", "ام", "FM", "fm"])
_OUR_CORRESPONDENT = frozenset(key_of(w) for w in ["مراسلنا", "مراسلتنا"])
_CORRESPONDENT_KEY = key_of("مراسل")
_GUESTS = frozenset(key_of(w) for w in ["ضيف", "ضيفة"])  # «ضيف "صباح الورد"»: the quoted name is the programme (not «الضيف», a surname too)


def _addressee(doc: _Doc, key: str) -> bool:
    """«لمراسل», «لوكالة», «للجوهرة», «لرويترز»: the ل of the one a statement was made to; after a speaker phrase,
    also a bare «مراسلة» («أفاد به مصدر أمني مراسلة (وات)»)."""
    if key in _CORRESPONDENTS:
        return True
    return key.startswith("ل") and ((bare := _without_li(key)) in _ADDRESSEES or bare in doc.lex.agencies)


def _own_addressee(doc: _Doc, k: int) -> bool:
    """«لزملائه», «لأنصارها», «لجمهوره»: ل + an everyday noun + a possessive pronoun, the people a statement was
    made to."""
    key = doc.toks[k].key
    if not key.startswith("ل") or key.startswith("لل") or doc.words[k].role is not None:
        return False
    stem = next((key[1 : -len(p)] for p in ("هم", "ها", "ه") if key.endswith(p)), None)
    # (a hamza on its seat before the pronoun stands for the final one: «زملائه» → «زملاء»)
    return stem is not None and len(stem) >= 3 and (stem in doc.lex.everyday or (stem.endswith("ائ") and stem[:-1] + "ء" in doc.lex.everyday))


def _of_organisation(doc: _Doc, i: int, j: int) -> bool:
    """Token ``j`` («للصحفيين») is the genitive of an institution just named, with its adjective after it: «عضو
    المكتب التنفيذي للنقابة الوطنية للصحفيين التونسيين», not whom a statement was made to."""
    toks = doc.toks
    if not (_genitive_with_adjective(doc, j) and any(doc.lex.is_organisation(toks[m].text) for m in range(max(i, j - 3), j))):
        return False
    # and the phrase ends there or goes on to a name: not «استنكرت النقابة الوطنية للصحفيين التونسيين منع بث …»
    k = j + 2
    return k >= len(toks) or not toks[k].word or doc.words[k].boundary or doc.words[k].given_name or doc.words[k].role is not None or doc.cue(k) is not None


def _opens_quote(doc: _Doc, k: int) -> bool:
    """Whether the mark at token ``k`` opens quoted words other than a station's name («"اف ام"»)."""
    m = k + 1
    return m < len(doc.toks) and doc.toks[m].word and doc.toks[m].key not in _STATION_TAILS and doc.quoted(doc.toks[m].start)


def _after_addressee(doc: _Doc, k: int, limit: int) -> int:
    """Token after whom a statement was made to (token ``k``, «لوكالة», «لصحيفة», «لمراسل»), when the subject
    follows it: a comma, a title or a given name within six words («لوكالة تونس إفريقيا للأنباء وزيرة السياحة
    سلمى اللومي», «لوكالة "وات"، الكاتب العام …»); else ``k`` (the subject is implicit: «وقال لصحيفة الشروق إن»)."""
    toks = doc.toks
    # a name right after a correspondent is the correspondent's («وأوضح لمراسل الجوهرة اف أم عمر التيس أن»), also
    # set off by commas when a relative clause describes him («…، عمر التيس، الذي واكب الزيارة، أن»); after a comma
    # and without one it is the speaker («بحسب ما صرح به لمراسل الجوهرة أف أم، عماد العباسي المشرف على …»)
    named_addressee = _without_li(toks[k].key) in _NAMED_ADDRESSEES

    def subject(m: int, *, after_comma: bool = False) -> bool:
        tok = toks[m]
        if not tok.word or doc.cue(m) is not None:
            return False
        if doc.words[m].role is not None or tok.key in _SOURCE_HEADS:
            return True
        if m + 1 < len(toks) and toks[m + 1].key == _EYEWITNESS:
            return True  # «كما أكد لوكالة فرانس برس شاهد عيان أن …»
        if not _is_given_name(doc.lex, tok):
            return False
        return not named_addressee or (after_comma and not _described_by_relative(doc, m))

    m = k + 1
    while m < len(toks) and m - k <= 6 and toks[m].start < limit:
        tok = toks[m]
        if tok.text in "،," and m + 1 < len(toks) and subject(m + 1, after_comma=True):
            return m + 1  # not «حسب ما ذكر لوكالة تونس إفريقيا للأنباء، ولفت إلى …»
        if tok.key in _STATION_TAILS:  # «لمراسل الجوهرة اف ام»: «ام» is no «أم»
            m += 1
            continue
        if subject(m):
            return m
        if tok.key in _COMPLEMENTISERS or doc.cue(m) is not None or (not tok.word and tok.text not in _MARK_CHARS and tok.text not in "()"):
            return k
        m += 1
    return k


def _described_by_relative(doc: _Doc, m: int) -> bool:
    """Whether the name at token ``m`` is followed, within four words and a comma, by «الذي/التي»."""
    for n in range(m + 1, min(m + 6, len(doc.toks) - 1)):
        if doc.toks[n].text in "،,":
            return doc.toks[n + 1].key in _RELATIVES
        if not doc.toks[n].word:
            return False
    return False


def _names_follow(doc: _Doc, k: int) -> bool:
    """The word before a quotation mark introduces a name («لشركة «…»», «حركة "…"»)."""
    key = doc.toks[k].key
    for candidate in _strip_prefixes(key):
        if candidate in doc.lex.term_nouns or candidate in doc.lex.organisations:
            return True
    return False


def _reported_by_outlet(doc: _Doc, m: int) -> bool:
    """The quote mark at token ``m`` opens the name of the outlet that reported something: «بحسب ما نقلت
    "أسوشيتد برس"», «وفق ما أوردته "العربية"» (a verb of reporting right after «ما»; not «ما اعتبره "…"»)."""
    if m < 2:
        return False
    # «بحسب تقرير نشرته اليوم "دويتشه فيله"»: a document, the verb that published it and a time (_quoted_publisher)
    a = next((k for k in range(m - 1, max(m - 5, 0) - 1, -1) if doc.toks[k].key.removeprefix("ال") in doc.lex.documents), None)
    if a is not None and doc.toks[m].text in _OPENING_MARKS and _quoted_publisher(doc, a, m) is not None:
        return True
    if not doc.toks[m - 2].key.endswith("ما"):
        return False
    cue = doc.cue(m - 1) or doc.words[m - 1].pronoun_cue
    return cue is not None and cue.lemma in _REPORTING


_REPORTING = frozenset(key_of(w) for w in ["نقل", "أورد", "أوردت", "ذكر", "نشر", "روى", "أفاد", "أفادت", "كتب"])  # (cues.tsv lists «أوردت», «أفادت» alone too)


def _in_acronym(doc: _Doc, k: int) -> bool:
    """Token ``k`` is a letter group of a dotted acronym: the «ان» of «(سي.ان.ان ترك)» is no «أن»."""
    tok = doc.toks[k]
    return (k > 0 and doc.toks[k - 1].text == "." and _inside_word(doc.text, doc.toks[k - 1].start, doc.toks[k - 1].end)) or (
        k + 1 < len(doc.toks) and doc.toks[k + 1].text == "." and _inside_word(doc.text, doc.toks[k + 1].start, doc.toks[k + 1].end)
        and tok.end == doc.toks[k + 1].start
    )


def _next_word(doc: _Doc, k: int) -> int:
    """The index of the first word token at or after token ``k`` (``len(doc.toks)`` when there is none)."""
    while k < len(doc.toks) and not doc.toks[k].word:
        k += 1
    return k


def _opens_with_complementiser(doc: _Doc, k: int) -> bool:
    """Whether the first word at or after token ``k`` (inside a quote) is أن/إن, with or without its pronoun."""
    k = _next_word(doc, k)
    return k < len(doc.toks) and doc.toks[k].key in _COMPLEMENTISERS


def _quoted_name_end(doc: _Doc, j: int, limit: int, *, max_words: int = _TERM_MAX_WORDS) -> int:
    """Token index after a short quoted name (≤ ``max_words`` words) opening at token ``j``, else 0."""
    mark = doc.toks[j].text
    closer = "»" if mark == "«" else ("”" if mark == "“" else mark)
    words = 0
    for k in range(j + 1, len(doc.toks)):
        tok = doc.toks[k]
        if tok.start >= limit:
            return 0
        if tok.text == closer or (mark == "“" and tok.text == "“"):
            return k + 1 if k > j + 1 else 0
        if not tok.word and not _inside_word(doc.text, tok.start, tok.end):
            return 0
        words += tok.word
        if words > max_words:  # («سي.إن.إن»: the dots inside an acronym are no words)
            return 0
    return 0


def _inside_word(text: str, start: int, end: int) -> bool:
    """Punctuation with a letter right before and right after it («آي.بي.سي»)."""
    return start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


def _complementiser_next(doc: _Doc, close: int) -> bool:
    """«أشارت «الإدارة الوطنية للمحيطات والغلاف الجوي» NOAA أن»: أن/إن right after the closing mark, past at most
    a Latin acronym or a parenthesis."""
    k = doc.tok_at(close + 1)
    for m in range(k, min(k + 4, len(doc.toks))):
        tok = doc.toks[m]
        if tok.key in _COMPLEMENTISERS:
            return True
        if _ARABIC_LETTER.search(tok.text) or tok.text in "،,.":
            return False
    return False


def _quoted_subject_words(doc: _Doc, i: int, j: int) -> int:
    """How many words a quoted name opening the speaker phrase at token ``j`` may have: a long one right after
    the cue when its clause follows at once (see :func:`_complementiser_next`)."""
    if j != i:
        return _TERM_MAX_WORDS
    span = doc.quoted_span(doc.toks[j].end)
    return _TERM_MAX_PHRASE if span is not None and _complementiser_next(doc, span[1]) else _TERM_MAX_WORDS


def _name_ahead(doc: _Doc, i: int, limit: int) -> int:
    """End of a given name (+ surname) within 12 tokens of ``i``, with nothing but role words before it; else 0."""
    k = i - 1
    while k + 1 < min(i + 12, len(doc.toks)):
        k += 1
        tok = doc.toks[k]
        if tok.text in "،," and k > i and k + 1 < len(doc.toks) and _is_given_name(doc.lex, doc.toks[k + 1]):
            continue  # «المسؤول الكبير في قسم خدمات العملاء بشركة أمازون، توم ويلاند»
        if tok.text in "،," and k > i and (end := _apposition(doc, k + 1, limit)):
            return end  # «نائب حركة النهضة عن ولاية سوسة، العجمي الوريمي، إن»: a name no list knows, set off by commas
        if tok.text == "(" and (close := _bracketed_end(doc, k)):
            k = close - 1  # «… بالصندوق الوطني للتأمين على المرض (كنام)، رفيق الدخلي»: an acronym in brackets
            continue
        if (
            k > i and tok.text in _OPENING_MARKS and (end := _quoted_name_end(doc, k, limit, max_words=3)) and end - k >= 4
            and all(doc.toks[m].word and doc.lex.in_name(doc.toks[m].text) for m in range(k + 1, end - 1))
        ):
            return end  # «الخبيرة الأمريكية في وسائل الإعلام الرقمية "أيمي ويب"»: the name in marks
        if not tok.word or doc.toks[k].start >= limit or tok.key in _COMPLEMENTISERS or doc.cue(k) is not None:
            return 0
        if tok.key.removeprefix("ال") in _SETTINGS or _addressee(doc, tok.key):
            return 0  # «بونجاح في تصريح لمراسل … هشام فريد»: the setting and whom he spoke to, not more of the speaker
        if _is_given_name(doc.lex, tok):
            j = k + 1
            while (
                j < len(doc.toks) and j - k < 4 and doc.toks[j].word and not _is_boundary(doc, doc.toks[j])
                and doc.toks[j].key not in _COMPLEMENTISERS and doc.toks[j].key not in _GUESTS  # «… الجلاصي ضيف بولتيكا»
            ):
                j += 1
            return j
        if _is_boundary(doc, tok) and tok.key not in _ROLE_LINKS and not (tok.text == "على" and k > i) and not (tok.key in _TO and k > i):
            # («للتأمين على المرض»: part of an institution's name; «لجنة التحقيق في شبكات تسفير الشباب إلى بؤر
            # التوتر بمجلس نواب الشعب ليلى الشتاوي»: a committee's remit)
            return 0
    return 0


def _title_before_name(lex: Lexicon, tok: _Tok) -> bool:
    """A title or a nationality that may stand before a name in apposition: «العقيد», «الإنجليزي»."""
    return lex.role_gender(tok.text) is not None or (
        tok.key.startswith("ال") and tok.key.endswith(("ي", "ية")) and tok.key in lex.everyday and not lex.in_name(tok.text)
    )


def _apposition(doc: _Doc, i: int, limit: int) -> int:
    """End of an appositive name after a comma («المدير العام للشركة، هشام بن عمر», «…، "بورج براند"،») or 0."""
    if i < len(doc.toks) and doc.toks[i].text in _OPENING_MARKS and (end := _quoted_name_end(doc, i, limit, max_words=3)):
        # a name in marks set off by commas: name words only, and the clause goes on right after it
        closes = end >= len(doc.toks) or doc.toks[end].start >= limit or doc.toks[end].text in "،," or doc.toks[end].key in _COMPLEMENTISERS
        inside = [t for t in doc.toks[i + 1 : end - 1] if t.word]
        return end if closes and len(inside) >= 2 and all(doc.lex.in_name(t.text) for t in inside) else 0
    if i >= len(doc.toks) or not doc.toks[i].word or doc.toks[i].key in _RELATIVES:
        return 0  # «جماعة زنكي، التي تصنف ضمن …»: a relative clause
    first = i
    while i < len(doc.toks) and doc.toks[i].word and doc.toks[i].start < limit and (
        _title_before_name(doc.lex, doc.toks[i]) or (i > first and doc.toks[i].key in _RANK_GRADES)  # «الملازم أول»
    ):
        i += 1  # «…، العقيد الحبيب الفرجاني،», «…، الإنجليزي مارك كلاتنبرغ،»
    if i >= len(doc.toks) or not doc.toks[i].word:
        return 0
    head = doc.toks[i]
    if head.key[:1] == "ل" and not _is_given_name(doc.lex, head):
        return 0  # «مصدر بالشرطة الفرنسية، لرويترز، إن …»: whom it was said to, not a name («بورج براندي» is)
    if head.key in _SET_OFF_ADVERBS:
        return 0  # «ودعت الحركة، بالمقابل، إلى …»: an adverb set off by commas
    if not _is_given_name(doc.lex, head):
        # an unknown name between commas: «المتحدثة باسم المفوضية الأوروبية، آنا بيرغ، إن …»
        j = i
        while (
            j < len(doc.toks) and j - i < 4 and doc.toks[j].word and doc.toks[j].key not in _COMPLEMENTISERS
            and not _is_boundary(doc, doc.toks[j]) and not _addressee(doc, doc.toks[j].key)
        ):
            j += 1
        closes = (
            j >= len(doc.toks)
            or doc.toks[j].text in "،,:"
            or doc.toks[j].start >= limit
            or doc.toks[j].key in _COMPLEMENTISERS
            or _is_boundary(doc, doc.toks[j])
            or _addressee(doc, doc.toks[j].key)  # «…، ناظم بلحاج لمراسلة الجوهرة»
        )
        segment = doc.toks[i:j]
        definite = head.key.startswith(("ال", "لل", "وال"))
        plausible = all(doc.lex.in_name(t.text) and not _is_boundary(doc, t) and doc.lex.cue(t.text) is None for t in segment)
        # «كاتبها العام، الأسعد الماجري،»: a definite given name needs a surname beside it
        if j - i == 1 and head.key.endswith(("ه", "ها", "هم")) and len(head.key) >= 5:
            return 0  # «استنكر الحزب الدستوري الحر، إقصاءه من …»: a noun with its pronoun is the object
        if plausible and closes and (1 <= j - i <= 3 if not definite else 2 <= j - i <= 3):
            return j
        return 0
    j = i
    while j < len(doc.toks) and j - i < 4 and doc.toks[j].word and doc.toks[j].start < limit and not _is_boundary(doc, doc.toks[j]):
        j += 1
    return j


_RANK_GRADES = frozenset(key_of(w) for w in ["أول", "أولى", "ثان", "ثاني", "ثانية"])  # «الملازم أول», «رقيب أول»
_SET_OFF_ADVERBS = frozenset(
    key_of(w) for w in ["بالمقابل", "وبالمقابل", "بدوره", "بدورها", "بدورهم", "أيضا", "كذلك", "مجددا", "بالتالي"]
)
_NAQALA = key_of("نقل")
# «نقل X عن Y أن»: Y speaks, relayed by X; «نسب X إلى Y أن»: X attributes the words to Y
_RELAY_MARKERS = {_NAQALA: frozenset({_FROM_SOURCE}), key_of("نسب"): frozenset(key_of(w) for w in ["إلى", "الى"])}
_CAME = frozenset(key_of(w) for w in ["جاء", "ورد"])  # «جاء في بيان …», «ورد في تقرير …»
_AT_A_TIME = frozenset(key_of(w) for w in ["وقت", "الوقت", "توقيت", "ظرف", "ظل", "فترة", "لحظة", "سياق", "إطار"])
_NAMING_CUES = frozenset(key_of(w) for w in ["اعتبر", "وصف"])  # «ما اعتبره "…"»: what he called it
_ABRAZ = key_of("أبرز")
_BROKEN_PLURALS_AFTER_ABRAZ = frozenset(key_of(w) for w in ["الأحداث", "الأخبار", "النقاط", "الوجوه", "المحاور", "الأسماء", "الأسباب", "المشاكل", "القضايا", "العناوين"])
_IN_A_DOCUMENT = frozenset(key_of(w) for w in ["في", "عبر", "ضمن", "وفي"])
_MASDAR_GOVERNORS = frozenset(key_of(w) for w in ["ضرورة", "بضرورة", "عدم", "بعدم", "وجوب", "بوجوب"])  # a verbal noun follows
_NOUN_GOVERNORS = frozenset(key_of(w) for w in ["حول", "إثر", "عقب", "خلال", "إلى", "الى", "عن"])  # prepositions
_CLERIC_HEADS = frozenset(key_of(w) for w in ["عالم", "علماء", "رجل", "رجال"])  # «عالم الدين», «رجال الدين»: clerics
_COMPOUND_HEADS = frozenset(key_of(w) for w in ["عبد", "أبو"])  # «عبد اللطيف» after a given name is its surname
_NAME_TAILS = frozenset(key_of(w) for w in ["الله", "الدين", "الرحمن", "الرحيم"])  # second halves of compound names
_BOUND_PARTICLES = frozenset(key_of(w) for w in ["عبد", "بن", "ابن", "ولد", "أولاد", "أبو", "آل"])  # never end a name: «آل الشيخ»
_NAME_PARTICLE_KEYS = frozenset(key_of(w) for w in ["بن", "ابن", "بنت", "أبو", "ولد", "أولاد", "آل", "عبد", "بو"])
# kin after a name, of someone named next: «زعرة السلطاني والدة الشهيد …», «نسيم السلطاني ابن عم الشهيد …»
_EYEWITNESS = key_of("عيان")
_KIN = frozenset(key_of(w) for w in ["والد", "والدة", "شقيق", "شقيقة", "زوج", "زوجة", "أرملة", "نجل", "نجلة", "حفيد", "حفيدة"])
_KIN_AFTER_CHILD = frozenset(key_of(w) for w in ["عم", "عمة", "خال", "خالة", "أخ", "أخت", "أخي", "أخيه", "أخته", "شقيق", "شقيقة"])
_CHILD = frozenset(key_of(w) for w in ["ابن", "ابنة", "بنت"])


def _kin_of_other_gender(lex: Lexicon, kin: Sequence[_Tok], name: Sequence[_Tok]) -> bool:
    """Whether the kin phrase ``kin`` («والدة الشهيد») is the kin of the one named after it (``name``), not that
    person's title, by gender: «والدة … خليفة السلطاني» (but «شقيق الشهيد عبد الستار الغزلاني» is the brother's own
    name, as «عم الضحية سالم بالطيب» is the uncle's).

    >>> from analysis.quotes.extract import _quoted_doc
    >>> doc, _ = _quoted_doc("والدة الشهيد خليفة السلطاني شقيق الشهيد عبد الستار", None)
    >>> t = doc.toks
    >>> _kin_of_other_gender(doc.lex, t[0:2], t[2:4]), _kin_of_other_gender(doc.lex, t[4:6], t[6:8])
    (True, False)
    """
    if not kin or not name or not (kin[0].key in _KIN or kin[0].key.removeprefix("و") in _KIN):  # «والدة», «ووالدة»
        return False
    return _name_gender(lex, list(name)) == ("M" if kin[0].key.endswith("ة") else "F")


def _balanced(text: str, a: int, b: int) -> str:
    """``text[a:b]``, with the closing mark that follows when the span opens a quoted name («… لـ"ستيب"»)."""
    span = text[a:b]
    if b < len(text) and ((text[b] == '"' and span.count('"') % 2) or (text[b] == "»" and span.count("«") > span.count("»"))):
        return text[a : b + 1]
    return span


def _has_name(doc: _Doc, i: int, j: int) -> bool:
    """Whether the phrase [i, j) holds a person's given name (not a town's: «معتمد سيدي بوعلي»)."""
    return any(_is_given_name(doc.lex, doc.toks[k]) and not _in_town_name(doc, k) for k in range(i, j))


def _in_town_name(doc: _Doc, k: int) -> bool:
    """Token ``k`` is in a town's name after a title that holds a given name: «سيدي بوعلي», «بئر علي بن خليفة»,
    «منزل تميم», «سيدي علي بن عون» (the head, the word after it, and «بن X» after that)."""
    toks = doc.toks
    for h in range(max(0, k - 3), k + 1):
        if _town_head(toks[h].key) and (k - h <= 1 or (h + 2 < len(toks) and toks[h + 2].key in _SON_OF and toks[h + 1].word)):
            return True
    return False


def _and_another_title(doc: _Doc, k: int) -> bool:
    """Token ``k`` joins a second title with «و»: «ورئيس قسم …», «وأحد المشرفين …»."""
    key = doc.toks[k].key
    return key[:1] == "و" and len(key) > 2 and (doc.lex.role_gender(doc.toks[k].text[1:]) is not None or key[1:] in _ONE_OF)


def _apart(doc: _Doc, a: _Tok, b: _Tok) -> bool:
    """Words ``a`` and ``b`` belong to different phrases: a comma between them, or ``a`` ends a town's name
    («بئر علي بن خليفة، عبد الله بن سالم»)."""
    return any(c in doc.text[a.end : b.start] for c in "،,") or _in_town_name(doc, doc.tok_at(a.start))


def _town_head(key: str) -> bool:
    """«سيدي», «بئر», «منزل», also with «ب/ل/و» before it («ببئر علي بن خليفة»)."""
    return key in _TOWN_HEADS or (key[:1] in "بلو" and key[1:] in _TOWN_HEADS)


_SIDI = key_of("سيدي")
_TOWN_HEADS = frozenset(key_of(w) for w in ["سيدي", "بئر", "منزل"])  # Tunisian towns named after a person
_SON_OF = frozenset(key_of(w) for w in ["بن", "ابن"])


def _unknown_name_end(doc: _Doc, tail: list[_Tok]) -> int:
    """How many words (2) end ``tail`` as a name no list knows after a title's place complement: neither is an
    everyday word, a title or a place, the first has no article and is no known word."""
    lex = doc.lex
    if len(tail) < 3:
        return 0
    name = tail[-2:]
    if any(
        not w.word or w.key.startswith(("وال", "لل")) or w.key in lex.everyday
        or lex.role_gender(w.text) is not None or _names_a_place(doc, doc.tok_at(w.start)) or not lex.in_name(w.text)
        for w in name
    ) or name[0].key.startswith("ال"):
        return 0  # (a surname may take the article: «القيادي بحزب النهضة عجمي الوريمي»)
    return 2 if name[0].key[:1] not in "بل" and lex.word_counts.get(name[0].key, 0) < _COMMON else 0


def _split_phrase(doc: _Doc, i: int, j: int) -> tuple[str | None, str | None, str]:
    """(name, role, gender) of the speaker phrase tokens [i, j)."""
    name, role, gender = _name_and_role(doc, i, j)
    if name is not None and _speaks_for(doc, i, j, name):
        words = [doc.toks[k] for k in range(i, j) if doc.toks[k].word]
        return None, doc.text[words[0].start : words[-1].end], gender
    return name, role, gender


def _speaks_for(doc: _Doc, i: int, j: int, name: str) -> bool:
    """Whether the name in the phrase [i, j) is whom a spokesman speaks for: right after «باسم», or after «باسم» and
    titles only («متحدث باسم أولمرت», «المتحدث باسم الرئيس دونالد ترامب»), not after an institution («المتحدث باسم
    وزارة الداخلية ياسر مصباح») or a comma («الناطق باسم الوزارة، العقيد لطفي الحامدي»): the spokesman is unnamed."""
    at = doc.text.find(name, doc.toks[i].start, doc.toks[j - 1].end)
    if at < 0:
        return False
    k = doc.tok_at(at) - 1
    while (
        k >= i and doc.toks[k].word and doc.toks[k].key not in _ON_BEHALF_OF and doc.words[k].role is not None
        and not doc.lex.is_organisation(doc.toks[k].text) and not doc.toks[k].key.endswith("ية")  # «باسم الخارجية»
    ):
        k -= 1
    return k >= i and doc.toks[k].key in _ON_BEHALF_OF


def _possessed_relation(lex: Lexicon, key: str, *, kin_only: bool = False) -> bool:
    """«زميلها», «صديقه», «محاميه», «زميلته» (its «ة» written «ت»): a relation or role noun with a possessive pronoun,
    which names nobody itself; with ``kin_only``, a relative only («شقيقه», «زوجته»).

    >>> [_possessed_relation(lexicon(), key_of(w)) for w in ("زميلها", "صديقه", "محاميه", "زميلته", "طه", "وجيه")]
    [True, True, True, True, False, False]
    >>> [_possessed_relation(lexicon(), key_of(w), kin_only=True) for w in ("زوجته", "زميلها")]
    [True, False]
    """
    for suffix in _POSSESSIVES:
        stem = key.removesuffix(suffix)
        if stem != key and len(stem) >= 2:
            stems = (stem, stem[:-1] + "ة") if stem.endswith("ت") else (stem,)
            return any(
                s in _RELATIONS or (not kin_only and len(s) >= 3 and (s in _COMPANIONS or lex.role_gender(s) is not None)) for s in stems
            )
    return False


_COMPANIONS = frozenset(key_of(w) for w in ["زميل", "زميلة", "رفيق", "رفيقة", "جار", "جارة"])


def _compound_tail(lex: Lexicon, words: Sequence[_Tok], m: int) -> bool:
    """Word ``m`` is a compound name's second half after a name-like word: «اللواء وديعة الله»."""
    return m > 0 and words[m].key in _NAME_TAILS and lex.in_name(words[m - 1].text) and not words[m - 1].key.startswith(("ال", "وال", "لل"))


def _name_and_role(doc: _Doc, i: int, j: int) -> tuple[str | None, str | None, str]:
    """(name, role, gender) of the speaker phrase tokens [i, j), before :func:`_speaks_for` is asked."""
    words = [doc.toks[k] for k in range(i, j) if doc.toks[k].word]
    if not words:
        return None, None, ""
    if len(words) == 2 and words[0].key in _SAME and words[1].key.startswith("ال"):
        words = words[1:]  # «نفس الصحيفة», «ذات الوزارة»: the one named before, as «الصحيفة ذاتها» is
    if len(words) >= 2 and words[0].key in _STYLES and (words[1].key.startswith("ال") or doc.lex.role_gender(words[1].text) is not None):
        # «فخامة الرئيس», «سعادة رئيس مجلس الادارة»: a style of address, no part of name or title (but «سعادة بن
        # علي» is a woman's name)
        words = words[1:]
    lex = doc.lex
    gender = ""
    roles = [None if _title_as_given_name(lex, words, n) else lex.role_gender(w.text) for n, w in enumerate(words)]
    if next((r for r in roles if r is not None), None) == "F":
        gender = "F"  # the head title tells: «رئيسة لجنة …», not «رئيس الهيئة المديرة …» (its adjective)
    if words[0].key in _CORRESPONDENTS and not _has_name(doc, i, j):  # «مراسلنا في سيدي بوزيد»: a place, no name
        last = len(words)
        if last > 1 and words[-1].key in (_AT_THE_REGION, _THE_REGION):  # «… بالجهة», «… في الجهة»: «here», no place
            last -= 2 if words[-1].key == _THE_REGION and last > 2 and words[-2].key == key_of("في") else 1
        # the head tells the gender: «مراسل الجوهرة "اف ام"» is a man («ام» reads as «أم», mother)
        return None, _balanced(doc.text, words[0].start, words[last - 1].end), "F" if words[0].key.endswith(("ة", "تنا")) else "M"
    if words[0].key in _SOURCE_HEADS and any(_at_town(doc, k, doc.toks[j - 1].end) == j for k in range(i + 1, j)):
        return None, _balanced(doc.text, words[0].start, words[-1].end), gender  # «مصدر أمني بسيدي بوزيد»: a town, no name
    if words[0].key in _SOURCE_HEADS and not _has_name(doc, i, j):
        # «مصدر أمني لجوهرة أف أم», «مصدر أمني بالمنطقة»: whom the source spoke to, and «here», are no part of it
        last = next(
            (
                n for n, w in enumerate(words)
                if n and w.key[:1] == "ل" and not w.key.startswith("ال") and not w.key.endswith(_ADJECTIVE_ENDINGS)
                and not lex.is_organisation(_without_li(w.key))  # not «مصادر أمنية لبنانية», «مصادر للشرطة»
                and all(v.key[:1] not in "بلف" and v.key not in _COMPLEMENT_LINKS for v in words[1:n])  # «مصدر بالديوان الوطني للطيران»
            ),
            len(words),
        )
        if last > 1 and words[last - 1].key in _HERE:
            last -= 1
        if last < len(words):
            return None, _balanced(doc.text, words[0].start, words[last - 1].end), gender
    if len(words) > 2 and words[1].key in _NATIVE_OF and not _is_given_name(lex, words[0]):
        # «مواطن أصيل أكودة» (see _parse_np): the whole description, the head's gender
        return None, doc.text[words[0].start : words[-1].end], "F" if words[0].key.endswith("ة") else gender
    if len(words) == 2 and words[1].key == _EYEWITNESS:
        return None, doc.text[words[0].start : words[1].end], gender  # «شاهد عيان»: an eyewitness, not a man named Shahed
    start = next(
        (
            k for k, w in enumerate(words)
            if (_is_given_name(lex, w) or _title_as_given_name(lex, words, k)) and not (k and _in_town_name(doc, doc.tok_at(w.start)))
            and not (k and words[k - 1].key in _RELATIVES)  # «الطبيب الذي أشرف على …»: the relative clause's verb
        ),
        None,
    )
    if start is None and (tagged := doc.tagged_name_start.get(j)) is not None and i < tagged < j:
        start = next((n for n, w in enumerate(words) if w.start >= doc.toks[tagged].start), None)  # see _tagged_name_ahead
    if start and words[start].key in _NAME_TAILS and (roles[start - 1] is not None or words[start - 1].key in _CLERIC_HEADS):
        # «عالم الدين الإسلامي عبد الحكيم أورغي», «رجل الدين»: the title's genitive, not the second half of a name
        start = next((k for k in range(start + 1, len(words)) if _is_given_name(lex, words[k])), None)
    if start is not None and _names_the_place(doc, i, doc.tok_at(words[start].start)):
        start = None  # «مدينة الملك عبد العزيز للعلوم والتقنية»: a person's name naming a place or body
    if start and lex.is_organisation(words[0].text) and all(r is None and w.key not in _FILLER_KEYS for r, w in zip(roles[:start], words, strict=False)):
        # «وكالة أنباء فارس», «مؤسسة محمد بن راشد»: no title or link («الوكالة عن كيم») before the name, which
        # names the body
        start = None
    if (
        start and start <= 2 and all(r is None and not w.key.startswith(("ال", "لل")) for r, w in zip(roles[:start], words, strict=False))
        and doc.tagged_entity(words[0].start, words[start].end) and _tagged_as(doc, doc.tok_at(words[0].start), "B-PERS")
        and not _possessed_relation(lex, words[0].key)  # «زميلها الهادي», «صديقه سامي»: her colleague, then his name
    ):
        start = 0  # «باباك يوسف زادة»: a given name no list knows, which the tagger reads as the name's start
    while start and words[start - 1].key in _NAME_PARTICLE_KEYS:
        start -= 1  # «بن عائشة»: a particle before the given name belongs to the name
    if start and start >= 2 and words[start - 1].key == _SABAH and roles[start - 2] is not None:
        start -= 1  # «الشيخ صباح خالد الحمد الصباح»: «صباح» is his given name after a title (see _parse_np)
    if (
        start and words[start].key in _NAME_PARTICLE_KEYS and words[start - 1].key.startswith("ال")
        and lex.first_name(words[start - 1].text) is not None and roles[start - 1] is None
    ):
        start -= 1  # «الجامعي والباحث الهادى بن منصور»: a given name with the article before «بن»
    commas = [k for k in range(i, j) if doc.toks[k].text in "،,"]
    while len(commas) > 1 and doc.lex.role_gender(doc.toks[commas[0] + 1].text) is not None:
        commas = commas[1:]  # «قائد القوات …، قائد الأسطول …، نائب الأميرال كيفن دونيكان»: past the roles in apposition
    comma = commas[0] if commas else None
    if comma is not None and start is not None and words[start].start > doc.toks[comma].start:
        # «النائب بمجلس الشعب، عن حزب صوت الفلاحين، فيصل التبيني»: the name stands after the last comma before it
        comma = max(k for k in commas if doc.toks[k].start < words[start].start)
    if comma is not None and (start is None or words[start].start > doc.toks[comma].start):
        # «الناطق الرسمي باسم الوزارة، العقيد لطفي الحامدي»: the name follows the comma (a name before it keeps its
        # role after it: «سفيان السليطي، مساعد وكيل الجمهورية»)
        after = [n for n, w in enumerate(words) if w.start > doc.toks[comma].start]
        while after and (roles[after[0]] is not None or _title_before_name(lex, words[after[0]])):
            after = after[1:]
            while (  # «، رئيس المجلس نانا ايفا»: the title's definite genitive, then the name
                len(after) > 1 and words[after[0]].key.startswith(("ال", "لل", "وال")) and roles[after[0]] is None
                and not _is_given_name(lex, words[after[0]]) and (words[after[0]].key in lex.everyday or lex.is_organisation(words[after[0]].text))
            ):
                after = after[1:]
        if after:
            start = after[0]
    first_role = next((k for k, r in enumerate(roles) if r is not None), None)
    kin_named = first_role is not None and start is not None and start > first_role and words[first_role].key in _KIN
    if start is None and (split := _name_then_apposition(doc, words, roles)):
        # «البدري مدير الكرة», «ارجون جين احد مسؤولي المفوضية»: a name no list knows, then his title without a comma
        return doc.text[words[0].start : words[split - 1].end], doc.text[words[split].start : words[-1].end], gender
    if kin_named and first_role == 0 and (start == 1 or _kin_of_other_gender(lex, words[:start], words[start:])):
        # «والد سلمان العبيدي», «شقيق محمد علي النصري», «والدة الشهيد خليفة السلطاني»: the kin of the one named, who
        # is not the speaker
        return None, doc.text[words[0].start : words[-1].end], "F" if words[0].key.endswith("ة") else "M"
    if (start is None or kin_named) and first_role is not None and 1 <= first_role <= 3 and not lex.is_organisation(words[0].text) and (
        all(
            lex.in_name(w.text) and (
                not w.key.startswith(("ال", "لل", "وال")) or (n == 0 and _is_given_name(lex, w))
                # «رحاب المهذبي الناطقة الرسمية …»: a surname with the article after a name word no list knows
                or (n == first_role - 1 and n >= 1 and w.key.startswith("ال") and w.key not in lex.everyday and not words[0].key.startswith(("ال", "لل", "وال")))
            )
            for n, w in enumerate(words[:first_role])
        )
        or (first_role >= 2 and doc.tagged_entity(words[0].start, words[first_role - 1].end))  # «العربي الحناشي المندوب …»
        or (  # «مباركة عواينية أرملة الشهيد محمد البراهمي»: the name before the kin word is the speaker's, the one after
            # it her relative's
            kin_named and first_role >= 2
            and all(lex.name_like(w.text) and not w.key.startswith(("ال", "وال", "لل")) for w in words[:first_role])
        )
        or (  # «هاشمي لوزير مدير معهد باستور»: a name word, then name-like words («لوزير» here is no «ل + وزير»)
            first_role >= 2 and lex.in_name(words[0].text)
            and all(lex.name_like(w.text) and not w.key.startswith(("ال", "وال", "لل")) for w in words[:first_role])
        )
    ):
        # name first, role after: «بيورن روثر ممثل صندوق النقد الدولي»
        name = doc.text[words[0].start : words[first_role - 1].end]
        role = doc.text[words[first_role].start : words[-1].end].rstrip("، ,")
        return name, role, gender or _name_gender(lex, words[:first_role])
    link = next((n for n, w in enumerate(words) if w.key in _COMPLEMENT_LINKS), None)
    if start is None and link in (2, 3) and all(
        roles[n] is None and lex.name_like(w.text) and w.key not in lex.everyday and not w.key.startswith(("ال", "وال", "لل"))
        for n, w in enumerate(words[:link])
    ) and doc.tagged_entity(words[0].start, words[link - 1].end):
        # «ديمتريس كليتو من مختبر أبحاث البيئة»: names no list knows (the tagger reads a person), then where the
        # person works
        return doc.text[words[0].start : words[link - 1].end], None, gender
    if start is None:
        if (
            all(r is None for r in roles)
            and len(words) <= 3
            and not _looks_group(words)
            and words[0].key not in _QUANTIFIERS  # «أحد الإرهابيين الليبيين» is nobody's name
            and words[0].key not in _DEMONSTRATIVES and words[0].key not in _SAME  # «هذا العرض», «ذات المصدر»
            and not lex.is_organisation(words[0].text)
            and not _prepositional(lex, words[0])  # «بكونه تحالفا», «عنه» are no names
            and not (words[0].key.endswith("ه") and lex.role_gender(words[0].key[:-1]) is not None)  # «محاميه»: a role
        ):
            start = 0  # «زروقي», «بن عمار»: a bare name («إدارة الإطفاء والإنقاذ» is an institution)
            if (
                len(words) > 1 and _construct_plural(words[0].key) and lex.first_name(words[0].text) is None
                and (words[1].key.startswith("ال") or _place_name(words[1].text) or doc.tagged_place(words[1].key))
                and not words[1].key.endswith("ي")  # «مونتيلو الإيطالي»: a name and a nisba adjective
            ):
                # «متمردو دارفور», «موقعو النداء»: a participle's plural in construct (its «ن» dropped) heads a
                # description of a group, which stays whole
                return None, doc.text[words[0].start : words[-1].end], "P"
            if (
                len(words) >= 3 and words[0].key.startswith("ال") and words[0].key in lex.everyday and not lex.in_name(words[0].text)
                and all(not w.key.startswith(("ال", "و")) and w.key not in lex.everyday and lex.name_like(w.text) for w in words[1:])
            ):
                # «المواطنة هناء عباس»: a definite everyday noun (no title on the lists), then a name no list knows
                return doc.text[words[1].start : words[-1].end], doc.text[words[0].start : words[0].end], gender
            if (
                len(words) > 1 and words[0].key in lex.everyday and not lex.in_name(words[0].text) and lex.first_name(words[0].text) is None
                and not words[0].key.startswith("ال") and not _place_name(words[0].text)
                and all(w.key in lex.everyday or w.key.startswith("ال") or doc.words[doc.tok_at(w.start)].boundary for w in words[1:])
            ):
                # «دراسات سابقة», «تشريح جثة القتيل», «عاملون في المحمية»: an everyday noun no name starts with
                # heads a description, which stays whole
                return None, doc.text[words[0].start : words[-1].end], gender
            if len(words) > 1 and (
                words[0].key.startswith("ال")  # «البيت الأبيض»: a definite phrase stays whole
                # «خفر السواحل», «محضر الجلسة», «أهالي الجهة»: an everyday noun and its definite genitive (not a
                # given name and a surname with the article: «سندة التونسي»)
                or (
                    (words[0].key in lex.everyday or words[0].key in _RELATIONS)  # «خال المتضررة»
                    and not _place_name(words[0].text)  # not «ونفت قطر الاتهامات»
                    and all(w.key.startswith(("ال", "لل")) for w in words[1:])
                )
            ):
                return doc.text[words[0].start : words[-1].end], None, gender
        else:
            last_role = max((k for k, r in enumerate(roles) if r is not None), default=-1)
            first = last_role + 1
            if last_role >= 0 and words[last_role].key not in _HONORIFICS:
                while first < len(words) and words[first].key.startswith(("ال", "لل", "وال")):
                    first += 1  # «النائب الأوروبي ماركو فيتي»: skip the role's adjectives and complements
                surname = len(words) - 2  # «القيادي في حركة النهضة العجمي الوريمي»: a name whose words both take ال
                if surname > last_role + 1 and all(
                    w.key.startswith("ال") and lex.in_name(w.text) and w.key not in lex.everyday and lex.role_gender(w.text) is None
                    for w in words[surname:]
                ) and not lex.is_organisation(words[surname].text):
                    first = surname
            tail = words[first:]
            if first < len(words) and (_names_the_place(doc, i, doc.tok_at(words[first].start)) or _in_town_name(doc, doc.tok_at(words[first].start))):
                tail = []  # «مطار الملك فهد»: the name is the airport's; «معتمد سيدي بوعلي»: the town's
            if tail and (tail[0].key.startswith(("لل", "بال", "كال")) or (tail[0].key[:1] in "بل" and lex.word_counts.get(tail[0].key[1:], 0) >= _COMMON)):
                # «مديرة المدرسة بحي الزهور»: a place complement, not a name; but two unknown name words may end it
                # («الناطق باسم النقابة الجهوية لقوات الأمن بالقيروان حمدة بوقلة»)
                n = _unknown_name_end(doc, tail)
                first, tail = (len(words) - n, tail[-n:]) if n else (first, [])
            if tail and (len(tail) > 3 or not all(lex.in_name(w.text) or _compound_tail(lex, tail, m) for m, w in enumerate(tail))):
                # keep the name-like words that end the phrase: «قائد شرطة باريس ميشال كادو» → «ميشال كادو»;
                # «متحدث عسكري» (an everyday adjective) keeps nothing
                n = 0
                while n < min(len(tail), 3) and (
                    (lex.in_name(tail[-1 - n].text) and not tail[-1 - n].key.startswith(("ال", "وال", "لل", "بال")))
                    or _compound_tail(lex, tail, len(tail) - 1 - n)
                ):
                    n += 1
                if n == 3 and len(words) > n and words[-n - 1].key in _PLACE_LINKS and not _is_given_name(lex, tail[-n]):
                    n -= 1  # «… في قرغيزستان رخات سليمانوف»: the word after «في» is the place
                first, tail = (len(words) - n, tail[-n:]) if n >= 2 else (first, [])
            if (
                not tail and last_role >= 0 and len(words) == last_role + 2 and words[last_role].key != _STATE
                and words[last_role].key not in _PLACE_NOUNS  # «مسؤول في محافظة الأنبار»: the governorate, no woman governor
                and _surname_after_title(doc, words[-1])
            ):
                start = last_role + 1  # «الرئيس السنيورة»: a title and a surname with the article
            elif (last_role >= 0 and 0 < len(tail) <= 3 and (len(tail) > 1 or not tail[0].key.startswith(("ب", "ل", "ال", "وال")))) or (
                last_role >= 0 and words[last_role].key in _HONORIFICS and 0 < len(tail) <= 3
            ):
                start = first
            if (between := _name_between_titles(lex, words, roles)) is not None:
                start = between  # «الشيخ الخراساني أمين المجمع», «الدكتور برادران رفيعي مساعد آية الله طبسي»
    if start is not None:
        before = words[0] if start == 1 else None  # only first in the phrase: «والي سوسة فتحي بديرة» is a role's
        if (
            before is not None
            and roles[0] is None
            and not before.key.startswith(("ال", "ب", "ل"))
            and lex.in_name(before.text)
            and not _names_a_place(doc, doc.tok_at(before.start))
            and doc.tagged_entity(before.start, words[start].end)
            and not _possessed_relation(lex, before.key)  # (not «زميلها الهادي»: her colleague)
        ):
            start -= 1  # «جوسيب ماريا بارتوميو»: the tagger reads an unknown word before the given name as its start
        elif start and not words[start - 1].key.startswith(("ال", "ب", "ل")) and not _apart(doc, words[start - 1], words[start]) and (
            (words[start].key in _NAME_TAILS and roles[start - 1] is None and (lex.in_name(words[start - 1].text) or start == 1 or roles[start - 2] is not None))  # «شرف الدين القليل», «(الوزير) خير الدين الصوابني»
            # «الناشطة أميرة عبد اللطيف»: a given name (also a title here) before «عبد …»
            or (words[start].key in _COMPOUND_HEADS and lex.first_name(words[start - 1].text) is not None)
        ):
            start -= 1
        name_words = words[start:]
        if (
            2 < len(name_words) <= 4 and not _is_given_name(lex, name_words[0])
            and (span := doc.quoted_span(name_words[1].start)) is not None and span == (name_words[1].start, name_words[-1].end)
        ):  # «رئيس بلدية لينييفيل "كريتسوف ديتريش"»: the quoted words that close the phrase are the name
            start += 1
            name_words = name_words[1:]
        titled = False  # «الباجي قائد السبسي»: the word after the title is the surname
        for n, w in enumerate(name_words[1:], 1):
            # «غادة والي», «محمد أمين»: a bare title word closing the phrase right after a given name is a name word
            closing_title = (
                n == len(name_words) - 1 == 1 and lex.role_gender(w.text) is not None and not w.key.startswith(("ال", "لل"))
                and _is_given_name(lex, name_words[0])
            )
            name_like = (
                lex.in_name(w.text) or (n == 1 and _is_given_name(lex, name_words[0]) and lex.name_like(w.text)) or (n == 2 and titled)
                or closing_title or _compound_tail(lex, name_words, n)
            )
            ends = not name_like or (lex.role_gender(w.text) is not None and not closing_title) or _masdar(w.key)  # «رضا مامي مترجم», «… ممثل الصندوق»
            ends = ends or _imperfect_verb(lex, w.key)  # «السيدة فاطمة تتحدث»
            ends = ends or (n >= 2 and w.key.startswith("الم") and w.key.endswith("ة"))  # «سلمى العمدوني المتحصلة …»: a participle
            # «دعا … عبد المالك سلال الجزائريات إلى»: a definite feminine plural is the verb's object, no surname
            ends = ends or (n >= 2 and w.key.startswith("ال") and w.key.endswith("ات") and len(w.key) > 5)
            # «تشارلز جنكينز بشرطة منطقة فريدريك»: ب + an institution after the name is where he works
            ends = ends or (n >= 2 and w.key[:1] == "ب" and not w.key.startswith("بال") and lex.is_organisation(w.text[1:]))
            ends = ends or _object_after_name(lex, w)  # «رحب القرضاوي بجواز …», «قالت كيلي لشبكة فوكس»
            if n >= 2 and n + 1 < len(name_words) and _opens_construct(w, name_words[n + 1]):
                ends = True  # «سمير بالطيب سعي الوزارة …»: a name takes no «noun + definite noun» after it
            kin = n + 1 < len(name_words) and (
                w.key in _KIN or (w.key in _CHILD and name_words[n + 1].key in _KIN_AFTER_CHILD)
            )
            if kin:  # «فاطمة الزهراء شقيقة الضحية»: kin of someone, even when the tagger runs the name into it
                name_words = name_words[:n]
                break
            titled = titled or (  # «الباجي قائد السبسي», «هالة شيخ روحه»: a title word between a given name and a surname
                n == 1 and n + 1 < len(name_words) and lex.role_gender(w.text) is not None
                and not w.key.startswith(("ال", "وال")) and _is_given_name(lex, name_words[0])
                and lex.role_gender(name_words[2].text) is None
                and (lex.in_name(name_words[2].text) or (lex.name_like(name_words[2].text) and not name_words[2].key.startswith("ال")))
            )
            if ends and (
                titled
                or (
                    n == len(name_words) - 1 and n == 1 and w.key.startswith("ال") and _is_given_name(lex, name_words[0])
                    # (a title after a person word of unknown gender is his title: «كافو المحترف في فريق ميلان»)
                    and (lex.role_gender(w.text) is None or bool(lex.first_name(name_words[0].text)))
                )
                # «المحامي عبد العزيز الصيد»: the same after a compound given name («عبد …», «… الدين»)
                or (n == len(name_words) - 1 and n == 2 and w.key.startswith("ال") and lex.role_gender(w.text) is None
                    and (name_words[0].key in _COMPOUND_HEADS or name_words[1].key in _NAME_TAILS))
                or (  # «علياء عودة مديرة مؤسسة أبعاد»: between a given name and a title, the surname; also a
                    # surname that is a title word with the article («سامية القاضي رئيسة الدائرة»)
                    n == 1 and n + 1 < len(name_words) and lex.role_gender(name_words[2].text) is not None
                    and (lex.role_gender(w.text) is None or w.key.startswith("ال")) and _is_given_name(lex, name_words[0])
                )
                # the tagger may run a name into a title with its article («فاضل الطرابلسي الناشط»): that still ends it
                or (
                    doc.tagged_entity(name_words[0].start, w.end)
                    and not (
                        n >= 2 and lex.role_gender(w.text) is not None
                        # (a title word between name words stays: «علي رضا شيخ جعفري»)
                        and (w.key.startswith("ال") or w.key in _GUESTS or n + 1 >= len(name_words) or not lex.in_name(name_words[n + 1].text)
                             or lex.role_gender(name_words[n + 1].text) is not None or name_words[n + 1].key in lex.everyday)
                    )
                )
            ):
                ends = False  # «…، شوقي الطبيب إن»: a given name and a last word that is an everyday word
            if n >= 2 and _adverbial(doc, doc.tok_at(w.start)):
                ends = True  # «خالد الأطرش تعقيبا على …»: an adverbial accusative, however the tagger reads it
            if any(m in doc.text[name_words[n - 1].end : w.start] for m in _MARK_CHARS) and doc.quoted_span(w.start) != (w.start, name_words[-1].end):
                # «القاضي نيكولاس فرنسيس "بحزن شديد"», «والد الطفل "يوسف" المصاب»: a name does not run across a
                # quote mark, but for quoted words that close it («رضا "ك"», a surname's initial)
                ends = True
            if ends and name_words[n - 1].key not in _BOUND_PARTICLES:
                name_words = name_words[:n]  # «آمال بن حمدة الوضع …»: the name ends before an everyday word
                break
        rest = words[start + len(name_words) :]
        if (
            start > 0 and len(name_words) >= 2 and 2 <= len(rest) <= 3 and lex.first_name(rest[0].text) is not None
            and not rest[0].key.startswith(("ال", "و")) and all(lex.in_name(w.text) and lex.role_gender(w.text) is None for w in rest[1:])
        ):
            # «وزير التربية الأسبق في حكومة مهدي جمعة فتحي الجراي»: two names after a title — the first completes
            # the title, the second, closing the phrase, is the speaker's
            start += len(name_words)
            name_words = rest
        first_gender = _name_gender(lex, name_words)
        if first_gender and not gender:
            gender = first_gender
        name = _balanced(doc.text, name_words[0].start, name_words[-1].end)  # «رضا "ك"»
        role_words = words[:start]
        after = words[start + len(name_words) :]
        if not role_words and after and lex.role_gender(after[0].text) is not None and not after[0].key.startswith(("ال", "وال")):
            role_words = after  # «محمد صالح الأحمدي موظف سابق بالسفارة التونسية»: the title follows the name
        role = _balanced(doc.text, role_words[0].start, role_words[-1].end).rstrip("، ,") if role_words else None
        return name, role, gender
    tagged = doc.person_in(i, j) if len(words) >= 3 else None
    if tagged is not None and doc.toks[tagged[0]].key[:1] in "بل" and (
        doc.toks[tagged[0]].key[1:] in _NAME_PARTICLE_KEYS or doc.toks[tagged[0]].key[1:] in _TOWN_HEADS
        or (doc.lex.first_name(doc.toks[tagged[0]].text) is None and doc.lex.first_name(doc.toks[tagged[0]].text[1:]) is not None)
    ):
        # «الاتحاد المحلي للشغل ببن قردان», «… بسيدي بوزيد»: a preposition before «بن» or a town's head — the place,
        # not a person; «المرصد السوري لحقوق الإنسان المعارض لبشار الأسد»: a person after a preposition, no speaker
        tagged = None
    if tagged is not None and _names_the_place(doc, i, tagged[0]):
        tagged = None  # «مدير المستشفى الجامعي فرحات حشاد»: the name is the hospital's
    if tagged is not None:  # «رئيسة المنظمة التونسية لمناهضة التعذيب راضية النصراوي»: a name no list knows
        a, b = tagged
        role = doc.text[words[0].start : doc.toks[a - 1].end].rstrip("، ,") if doc.toks[a].start > words[0].start else None
        return doc.text[doc.toks[a].start : doc.toks[b - 1].end], role, gender
    return None, doc.text[words[0].start : words[-1].end], gender


def _body_name(label: str) -> list[str] | None:
    """The name words after the noun saying what kind of body a phrase names, when they are a name on their own:
    «منظمة هيومن رايتس ووتش» → «هيومن رايتس ووتش», «قناة نسمة» → «نسمة»; not «وزارة الداخلية» or «هيئة
    الحقيقة» (an everyday word alone after the head).

    >>> _body_name("صحيفة الديلي ميل"), _body_name("وزارة الصحة")
    (['الديلي', 'ميل'], None)
    """
    if not lexicon().is_organisation(label):
        return None
    words = _name_key(label)[1:]
    if not words or (len(words) == 1 and (words[0].startswith("ال") or words[0] in lexicon().everyday)):
        return None
    return words


def _organisation_short_name(label: str) -> str | None:
    """The word after an organisation's head noun, without ال: «حزب المسار الديمقراطي» → «مسار», «حركة النهضة» →
    «نهضة», «وزارة الداخلية» → «داخلية»; what the news calls it for short. None for anything else, or when that word
    is an adjective-like everyday word («الوطني», «التونسية») of anything but a two-word ministry."""
    if not lexicon().is_organisation(label):
        return None
    words = _name_key(label)
    if len(words) < 2 or not words[1].startswith("ال"):
        return None
    short = words[1].removeprefix("ال")
    if words[0] == _MINISTRY and len(words) == 2:
        return short  # «الداخلية» for «وزارة الداخلية», «الصحة» for «وزارة الصحة»
    return short if len(short) >= 3 and lexicon().word_counts.get(words[1], 0) < _COMMON and not short.endswith(("ي", "ية")) else None


_MINISTRY = key_of("وزارة")


def _object_after_name(lex: Lexicon, word: _Tok) -> bool:
    """A word after a name that is no name word but what the verb governs or whom the speaker addressed: ب/ل + an
    everyday noun («بجواز», «بلقاء», «لشبكة»). Such words are rare enough in ANERcorp to pass for name words."""
    key = word.key
    if key in _NAME_PARTICLE_KEYS or lex.first_name(word.text) is not None:
        return False
    return key[:1] in "بل" and not key.startswith(("بال", "لل", "بن", "بو")) and len(key) >= 4 and key_of(word.text[1:]) in lex.everyday


def _name_then_apposition(doc: _Doc, words: list[_Tok], roles: list[str | None]) -> int | None:
    """Where the title set beside a name without a comma starts: a surname with the article right before an
    indefinite title («البدري مدير الكرة»: a definite word takes no genitive, so the title is in apposition), or
    name words before «أحد/إحدى» and a title («ارجون جين احد مسؤولي المفوضية»). The name must be one: a list's
    name word or the NER tagger's; None otherwise."""
    lex = doc.lex

    def named(a: int, b: int) -> bool:
        return all(lex.in_name(w.text) for w in words[a:b]) or doc.tagged_entity(words[a].start, words[b - 1].end)

    first = words[0]
    if (
        len(words) >= 2 and roles[1] is not None and roles[0] is None and first.key.startswith("ال")
        and first.key not in lex.everyday and not words[1].key.startswith(("ال", "لل", "وال"))
        and not lex.is_organisation(first.text) and not _place_name(first.text) and named(0, 1)
    ):
        return 1
    one_of = next((n for n, w in enumerate(words) if n and w.key in _ONE_OF), None)
    if (
        one_of is not None and one_of <= 3 and one_of + 1 < len(words)
        and all(
            roles[n] is None and lex.name_like(w.text) and not w.key.startswith(("ال", "لل", "وال")) and w.key not in lex.everyday
            for n, w in enumerate(words[:one_of])
        )
        and named(0, one_of)
    ):
        return one_of
    described = next((n for n, w in enumerate(words) if w.key.startswith("ال")), None)
    if (
        described in (2, 3) and all(r is None for r in roles)
        and all(lex.in_name(w.text) and w.key not in lex.everyday and lex.first_name(w.text) is None for w in words[1:described])
        and lex.in_name(first.text) and first.key not in lex.everyday
        and words[described].key in lex.everyday and not lex.in_name(words[described].text)
        and not lex.is_organisation(first.text) and not _place_name(first.text)
        and not any(_place_name(w.text) or doc.tagged_place(w.key) for w in words[:described])
    ):
        return described  # «شارلز مورفي السياسي الإنجليزي»: names no list knows, then a definite everyday noun describing him
    return None


def _title_as_given_name(lex: Lexicon, words: list[_Tok], n: int) -> bool:
    """«أمين» before a name word is a given name, not the title it also is: «أمين محفوظ», «أمين الغرياني» (but
    «أمين عام الحزب», «أمين المال», «الأمين العام»)."""
    if words[n].key not in _GIVEN_TITLES or n + 1 >= len(words):
        return False
    after = words[n + 1]
    return (
        after.word and not after.key.startswith(("وال", "لل")) and after.key not in lex.everyday
        and lex.role_gender(after.text) is None and lex.name_like(after.text)
    )


_GIVEN_TITLES = frozenset(key_of(w) for w in ["أمين"])


def _is_given_name(lex: Lexicon, tok: _Tok) -> bool:
    """A given name that is not also a role word («باسم» in «المتحدث باسم …» is not a name)."""
    return _given_name(lex, tok.text, tok.key, tok.word)


def _given_name(lex: Lexicon, text: str, key: str, word: bool) -> bool:
    if key.endswith("·"):
        return True  # «فان ديزل»: a name particle that opens the name (see _Doc._name_particle)
    if text.endswith("ى") and key.endswith("ي") and text.removeprefix("و") == "على":
        return False  # the preposition «على» normalises like the name «علي»
    return word and lex.first_name(text) is not None and lex.role_gender(text) is None


def _name_gender(lex: Lexicon, words: list[_Tok]) -> str:
    """«نور الدين», «عبد …» are men's names whatever the first word alone says."""
    if len(words) > 1 and (words[1].key == "الدين" or words[0].key == "عبد"):
        return "M"
    return lex.first_name(words[0].text) or ""


_RESUMPTIVE_IN = frozenset(key_of(w) for w in ["فيه", "فيها", "خلاله", "خلالها"])
_PREPOSITION_PRONOUNS = frozenset(
    key_of(w) for w in ["عنه", "عنها", "عنهم", "له", "لها", "لهم", "منه", "منها", "فيه", "فيها", "عليه", "عليها", "إليه", "إليها", "إليهم", "به", "بها",
                        "خلاله", "خلالها"]
)


def _prepositional(lex: Lexicon, word: _Tok) -> bool:
    """«بكونه», «لذلك», «عنه»: a preposition (with its object) cannot start a bare name."""
    if word.key in _PREPOSITION_PRONOUNS:
        return True
    return word.key[:1] in "بلك" and not word.key.startswith(("بن", "بو")) and lex.first_name(word.text) is None and not lex.in_name(word.text[1:])


# kin and counsel: «والد التلميذ», «محامي العائلة» speak for someone the text names, they are not that person
_RELATIONS = _KIN | _KIN_AFTER_CHILD | _CHILD | frozenset(
    key_of(w) for w in ["أب", "أم", "جد", "جدة", "محامي", "محامية", "عائلة", "أهل", "صديق", "صديقة", "جار", "جارة", "خطيب", "خطيبة"]
)
_QUANTIFIERS = frozenset(
    key_of(w)
    for w in ["بعض", "عدد", "عدة", "عديد", "أحد", "إحدى", "مختلف", "جميع", "كل",
              "اثنان", "اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"]  # «ثلاثة مسؤولين أميركيين»
)
_ABOUT_WHAT = frozenset(key_of(w) for w in ["عما", "عمن"])
_RELATIVE_MA = frozenset(key_of(w) for w in ["ما", "لما", "بما", "عما", "مما", "فيما"])
_ONE_OF_M = frozenset([key_of("أحد")])
_ONE_OF_F = frozenset([key_of("إحدى")])
_SOME_OF = frozenset(key_of(w) for w in ["عدد", "بعض"])


def _no_agent(doc: _Doc, k: int) -> bool:
    """Token ``k`` alone cannot be a speaker: an everyday word without the article that is no title, body, group,
    source, document or name («دائما», «ضرورة», «تقديره», «نظركم»)."""
    tok, info, lex = doc.toks[k], doc.words[k], doc.lex
    key = tok.key.removeprefix("و")
    return (
        tok.word and not key.startswith(("ال", "لل")) and key in lex.everyday and not any(c.isdigit() for c in key)
        and info.role is None and not info.given_name and not info.may_name and not lex.is_organisation(tok.text)
        and key not in _GROUP_HEADS and key not in _PLURAL_ROLES and key not in lex.documents and key not in lex.anaphoric
        and doc.quoted_span(tok.start) is None and not lex.name_like(tok.text) and key not in _ANOTHER and key not in _ONE_OF_THEM
        and not doc.tagged_entity(tok.start, tok.end)  # «واعتبرت تركيا أن»: a country the tagger knows
    )


_ANOTHER = frozenset(key_of(w) for w in ["آخر", "أخرى", "آخرون", "آخرين"])  # «وقال آخر»: another one said
_ONE_OF_THEM = frozenset(key_of(w) for w in ["أحدهما", "إحداهما", "أحدهم", "إحداهن", "أحدهن"])  # «واعترف أحدهما بأنه»


def _looks_group(words: list[_Tok]) -> bool:
    if len(words) > 1 and words[0].key in _QUANTIFIERS:
        words = words[1:]  # «بعض المصادر المقربة»
    head = words[0].key.removeprefix("ال")
    # «مسؤولو المخابرات», «منتقدو الدستور»: the construct form of a plural in ون drops its ن
    return head in _GROUP_HEADS or (len(words) > 1 and head.endswith("و") and head + "ن" in _GROUP_HEADS | _PLURAL_ROLES)


_PLURAL_ROLES = frozenset(key_of(w) for w in ["ممثلون", "منتقدون", "مواطنون", "موظفون", "مستثمرون", "مهنيون", "معارضون", "مؤيدون"])
_GROUP_HEADS = frozenset(
    key_of(w)
    for w in ["مصادر", "مصدر", "سكان", "شهود", "مشاركون", "مشاركين", "متظاهرون", "محتجون", "وزارة", "لجنة", "هيئة", "مجلس",
              "وسائل", "مواقع", "تقارير", "صحف", "وكالات", "أوساط", "جهات", "دوائر", "خبراء", "باحثون", "علماء", "مسؤولون",
              "نشطاء", "ناشطون", "مراقبون", "محللون"]
)


_COMMON = 5



def _verb_before_title(doc: _Doc, k: int) -> bool:
    """A given name that opens its sentence with a title right after it is the verb: «أشرف وزير العدل، عمر منصور،
    على تدشين …» (supervised), not a man named Ashraf (a name alone is not followed by a title: «أشرف الحاجي»)."""
    return (
        k + 1 < len(doc.toks) and doc.words[k + 1].role is not None and doc.toks[k + 1].word
        and doc.sentence_of(doc.toks[k].start)[1] == doc.toks[k].start
    )


def _ala_misspelt(doc: _Doc, k: int) -> bool:
    """«علي» at token ``k`` is «على» written with ي, not the name «علي»: an everyday word no name has follows
    («علي هامش الندوة», «علي إثر»)."""
    nxt = doc.toks[k + 1] if k + 1 < len(doc.toks) else None
    return (
        doc.toks[k].key == _ALA and nxt is not None and nxt.word and nxt.key in doc.lex.everyday
        and not doc.lex.in_name(nxt.text) and not nxt.key.startswith("ال")
    )


def _article_name_after_title(doc: _Doc, k: int) -> bool:
    """«النائب العجمي الوريمي من حركة النهضة»: right after a title word, two name words that both take the article
    (neither an everyday word, a title nor an institution), and no third."""
    toks, info, lex, n = doc.toks, doc.words, doc.lex, len(doc.toks)
    if k < 1 or k + 1 >= n or not toks[k - 1].word or info[k - 1].role is None:
        return False
    if not all(
        toks[m].word and toks[m].key.startswith("ال") and lex.in_name(toks[m].text) and toks[m].key not in lex.everyday
        and info[m].role is None and not info[m].boundary and not lex.is_organisation(toks[m].text)
        for m in (k, k + 1)
    ):
        return False
    return k + 2 >= n or not toks[k + 2].word or not toks[k + 2].key.startswith("ال") or toks[k + 2].key in lex.everyday


def _name_after_role(doc: _Doc, k: int) -> bool:
    """«وزيرة الشؤون الثقافية درة المستيري»: an unknown given name right after a role phrase, with a surname."""
    toks, lex = doc.toks, doc.lex
    if not doc.words[k].unknown or doc.words[k].pronoun_cue is not None:
        return False  # (not «غرامة مالية قدرها 30 ألف»: a verb with its object pronoun)
    key = toks[k].key
    if key.endswith(("ته", "تها")) and key[: -2 if key.endswith("ته") else -3] + "ة" in lex.everyday:
        return False  # «الرئيس الأميركي المنتهية ولايته باراك أوباما»: «ولاية» + his, no given name
    if (key.endswith(("ها", "هم")) and key[:-2] in lex.everyday) or (key.endswith("ه") and key[:-1] in lex.everyday):
        return False  # «غرامة مالية قدرها 30 ألف ريال»: «قدر» + its; «الوزير الفرنسي السابق رفضه»: no given name
    if key[:1] == "و" and key[1:] in lex.everyday:
        return False  # «على هذه المؤسسة وتفادي مغادرتها»: «و» + an everyday word, no given name
    if k + 1 >= len(toks) or not toks[k + 1].word or doc.words[k + 1].boundary or toks[k + 1].key in _COMPLEMENTISERS:
        return False
    if doc.words[k + 1].cue is not None:  # a word's lex.cue
        return False
    if lexicon().word_counts.get(toks[k + 1].key, 0) >= _COMMON:
        return False  # everyday words («دفع», «مشروع») are not names
    if toks[k + 1].key.startswith("ال") and not lex.in_name(toks[k + 1].text):
        return False  # «رئيس تيار المحبة الهاشمي الحامدي»: a noun and its genitive name an institution, not a person
    end = k - 1
    if end >= 0 and toks[end].text in "،,":  # «رئيسة الجمعية، منية القاسمي،»
        after = k + 2
        while after < len(toks) and after - k < 4 and toks[after].word:
            after += 1
        if after >= len(toks) or toks[after].text not in "،,":
            return False
        end -= 1
    back = toks[max(end - 2, 0) : end + 1]
    if end < k - 1:  # set off by commas, the role may end on where it serves: «سفير دولة فلسطين في تونس، هائل الفاهوم،»
        start = end
        while start > max(end - 7, 0) and toks[start - 1].word and doc.cue(start - 1) is None:
            start -= 1
        back = toks[start : end + 1]
    if not back or not back[-1].word or _is_boundary(doc, back[-1]):
        return False
    if not (back[-1].key.startswith(("ال", "لل")) or lex.role_gender(back[-1].text) is not None or end < k - 1):
        return False
    return any(t.word and lex.role_gender(t.text) is not None for t in back)


_ALL_OF = frozenset(key_of(w) for w in ["جميع", "كافة", "كل", "مختلف"])  # quantifiers that open a transitive cue's object
_DEFENCE = frozenset(key_of(w) for w in ["الدفاع", "للدفاع", "دفاع"])  # «منظمة الدفاع عن …»: «عن» goes on after these
_INSIDE = key_of("داخل")
_FROM_HEADS = tuple(key_of(w) for w in ["مصدر", "مصادر", "باحث", "علماء", "خبراء", "البحث"])


def _from_head(key: str) -> bool:
    """A word after which «من» + an institution says where the speakers come from: a source, researchers, scientists,
    experts, or «فريق البحث», right before «من» (after an adjective «من» may say whom they are close to: «مصادر
    مقربة من …», which the complement rule reads)."""
    return key.removeprefix("و").removeprefix("ال").startswith(_FROM_HEADS) or key in _FROM_HEADS


_AN_PARTICIPLES = tuple(key_of(w) for w in ["مدافع", "مسؤول", "مسئول", "منبثق"])  # and after these participles


def _takes_an(key: str) -> bool:
    """A word «عن» goes on after inside a speaker phrase: «الدفاع», or a participle that governs it, in any number or
    gender («مدافعة», «ومدافعون», «المسؤولة», «المنبثقة»).

    >>> [_takes_an(key_of(w)) for w in ("للدفاع", "ومدافعون", "المسؤولة", "المنبثقة", "نقلا")]
    [True, True, True, True, False]
    """
    if key in _DEFENCE:
        return True
    stem = key.removeprefix("و").removeprefix("ال")
    return stem.startswith(_AN_PARTICIPLES)


# regions and towns: «مصدر محلي في محافظة نينوى» is where the source is
_PLACE_NOUNS = frozenset(key_of(w) for w in ["محافظة", "ولاية", "معتمدية", "قرية", "بلدة", "إقليم"])


def _quoted_place(doc: _Doc, a: int, b: int) -> bool:
    """The first quote mark in the phrase [a, b) follows a place noun that is not the phrase's head («عمدة بلدة
    "كافيورد"», «والي مدينة "…"»): the quoted words name the place."""
    opening = next((m for m in range(a, b) if doc.toks[m].text in _OPENING_MARKS), None)
    return opening is not None and opening - 1 > a and doc.toks[opening - 1].key in _QUOTED_PLACE_NOUNS


_QUOTED_PLACE_NOUNS = _PLACE_NOUNS | {key_of("مدينة")}
_NAMED_PLACES = _PLACE_NOUNS | frozenset(
    key_of(w) for w in ["مستشفى", "المستشفى", "الجامعي", "مدرسة", "المدرسة", "معهد", "المعهد", "شارع", "نهج", "ساحة", "جامع", "مسجد", "مطار", "ملعب", "قاعة", "دار", "مركز", "جامعة", "ثانوية", "حي",
     "سيدي", "منزل", "قصر", "برج", "وادي",  # Tunisian towns: «سيدي بوعلي», «منزل تميم», «قصر هلال»
     "مدينة", "جائزة", "مؤسسة", "مكتبة",  # «مدينة الملك عبد العزيز للعلوم والتقنية»
     "حديقة", "متحف", "كلية", "مصحة", "مستوصف", "روضة"]  # «حديقة حسان بالخوجة»
)


_ROYAL = frozenset(key_of(w) for w in ["الملك", "الأمير"])
_NAMED_BODIES = frozenset(key_of(w) for w in ["حكومة", "إدارة", "نظام", "عهد"])  # «وزير البيئة في حكومة يوسف الشاهد»


def _names_the_place(doc: _Doc, lo: int, k: int) -> bool:
    """The name starting at token ``k`` is a place's or body's, not a person speaking: right after an indefinite
    «مطار/مستشفى/شارع …» («مطار الملك فهد») or «حكومة/إدارة/نظام» («في حكومة يوسف الشاهد»), or after such a place
    word and its nisba adjective («المستشفى الجامعي فرحات حشاد»); not after «مدير المستشفى» («مدير المستشفى قيس
    الفرجاوي» is the director)."""
    prev = k - 1
    if prev >= lo and doc.toks[prev].key in _ROYAL:
        prev -= 1  # «مطار الملك فهد»
    if prev < lo:
        return False
    key = doc.toks[prev].key
    if (key in _NAMED_PLACES or key in _NAMED_BODIES) and not key.startswith("ال"):
        return True
    return key.startswith("ال") and key.endswith("ي") and prev - 1 >= lo and doc.toks[prev - 1].key in _NAMED_PLACES


def _names_a_place(doc: _Doc, k: int) -> bool:
    """«المستشفى الجامعي الهادي شاكر», «نهج الحبيب بورقيبة», «سيدي بوعلي»: a person's name naming a place (a region
    is named in one word: «النائب عن ولاية جندوبة منجي الرحوي»)."""
    return any(doc.toks[b].key in _NAMED_PLACES and (b == k - 1 or doc.toks[b].key not in _PLACE_NOUNS) for b in range(max(k - 2, 0), k))


def _index_persons(doc: _Doc) -> list[Person]:
    """Every «(role) given-name surname…» in the text, cue or not, in order."""
    lex = doc.lex
    toks, info = doc.toks, doc.words
    persons: list[Person] = []
    n = len(toks)
    resume = 0  # tokens before this belong to the previous name
    # only these can pass the test below: name-like words, and words with the article after a title
    for k in [k for k, w in enumerate(info) if w.may_name or (k and info[k - 1].role is not None and toks[k].key.startswith("ال"))]:
        tok = toks[k]
        if k < resume or not (
            info[k].given_name or (not doc.quoted(tok.start) and (_name_after_role(doc, k) or _article_name_after_title(doc, k)))
        ) or _names_a_place(doc, k):
            continue
        if _and_relative(tok.key) or (k > 0 and toks[k - 1].key in _RELATIVES):
            continue  # «… وشقيقته»: a relative, named by whose relative they are; «الذي أشرف على»: a verb
        if _verb_before_title(doc, k) or _in_town_name(doc, k):
            continue  # (a name does not start with «سيدي»: «والي سيدي بوزيد مراد محجوبي» names the town, then him)
        if not info[k].given_name and k + 1 < n and info[k + 1].given_name and toks[k + 1].key not in _NAME_TAILS:
            continue  # «والي مدنين الطاهر المطماطي»: the title's place, then the name from its given name on
        j = k + 1
        while (
            j < n
            and (j - k < 4 or (j - k < 5 and any(t.key in _NAME_PARTICLE_KEYS for t in toks[k:j])))  # «عبد العزيز بن علي شريف»
            and toks[j].word
            and not (toks[j].key in _CHILD and j + 1 < n and toks[j + 1].key in _KIN_AFTER_CHILD)  # «… ابن عم الشهيد»
            and (
                toks[j - 1].key in _NAME_PARTICLE_KEYS  # «محمود بن رمضان», «عبد الله»: a particle's word is a name
                or toks[j].key in _NAME_TAILS  # «حبيب الله سياري», «رضا شرف الدين»
                or toks[j].key.endswith("·") or toks[j - 1].key.endswith("·")  # «لويس فان غال»
                or (
                    (not info[j].boundary or info[j].given_name)  # «محمد علي الرواحي»: «علي», not «على»
                    and info[j].role is None
                    and toks[j].key not in _COMPLEMENTISERS
                    and info[j].cue is None  # lex.cue of a word
                    and not _addressee(doc, toks[j].key)  # «أحمد الهيشري لمراسلة …»
                    and (
                        lex.in_name(toks[j].text)
                        # an everyday word only after a given name the lists give a gender (a person word of
                        # unknown gender may be a surname: «وانتقد لاريجاني مساعي الولايات المتحدة»)
                        or (j == k + 1 and lex.name_like(toks[j].text) and (toks[j].key not in lex.everyday or lex.first_name(toks[k].text)))
                    )
                    and not _masdar(toks[j].key)  # «سامي الغابي إرسال تعزيزات»
                    and not _imperfect_verb(lex, toks[j].key)  # «كانت السيدة منوبية تتحدث إلينا»
                    and not (toks[j].key[:1] in "بل" and len(toks[j].key) > 4 and toks[j].key[1:] in lex.everyday)  # «ترامب بجهود»
                    and not _as_capacity(doc, j)  # «عبيد البريكي كشاهد»
                    and not _adverbial(doc, j)  # «خالد الأطرش تعقيبا على …»
                    and not _plain_participle(doc, j)  # «جمال ناصر البدر شارحا إن …»
                    and not (j - k >= 2 and _indefinite_accusative(doc, j))  # «مهدي جمعة نفيا قاطعا»
                    and not (_circumstantial_participle(doc, j) and _derived_participle(toks[j].key))  # «جاك لانغ مخاطبا»
                    and not _ala_misspelt(doc, j)  # «محمد الطرابلسي علي هامش الندوة»
                    and not _and_relative(toks[j].key)  # «عماد الدايمي وشقيقه»: another person
                    and not _and_given_name(lex, toks[j])  # «ياسين ابراهيم وفوزي عبد الرحمان»: two people
                    and not (j - k >= 2 and j + 1 < n and _opens_construct(toks[j], toks[j + 1]))  # «… بالطيب سعي الوزارة»
                    and toks[j].key not in lex.documents  # «سمير ديلو تدوينة»
                    and toks[j].key not in _AFFILIATED_TO  # «رياض المؤخر المنتسب إلى …»: whose member he is
                    and not (j - k >= 2 and toks[j].key.startswith("الم") and toks[j].key.endswith("ة"))  # «… المتحصلة»
                    and not (j - k >= 2 and _possessed_noun(doc, j))  # «عبيد البريكي علمه بما روّج»
                    and not _and_possessed_noun(lex, toks[j].key)  # «الرئيس شافيز ومواقفنا قريبة»
                )
            )
        ):
            j += 1
        words = toks[k:j]
        r = k - 1
        if r >= 0 and toks[r].text in "،,":
            r -= 1
        role_start = r + 1
        # (not into the name before: «رئيس الحركة راشد الغنوشي ورئيس الجمهورية الباجي»)
        while r >= resume and k - r <= 8 and toks[r].word and (not info[r].boundary or toks[r].key in _ROLE_LINKS) and info[r].cue is None:
            role_start = r
            r -= 1
        role_words = [t for t in toks[role_start:k] if t.word]
        if k > 0 and toks[k - 1].key in _NAMED_BODIES:
            role_words = []  # «وزير البيئة في حكومة يوسف الشاهد»: the title is another's, in his government
        role_genders = [lex.role_gender(t.text) for t in role_words]
        while role_words and role_genders[0] is None:  # the role phrase starts at a role word
            role_words, role_genders = role_words[1:], role_genders[1:]
        if _kin_of_other_gender(lex, role_words, words):
            role_words, role_genders = [], []  # «والدة الشهيد خليفة السلطاني»: his mother's title, not his
        role = doc.text[role_words[0].start : role_words[-1].end] if role_words else None
        if role is None:
            role, role_genders = _role_after(doc, j)  # «رياض الحاج سعيد، المتفقد الجهوي للتراث بالساحل»
        last_f = max((n for n, g in enumerate(role_genders) if g == "F"), default=None)
        # «أول زعيمة أجنبية تزور الرئيس الأمريكي دونالد ترامب»: a man's title nearer the name than the woman's
        feminine = last_f is not None and not any(_masculine_title(lex, w.text) for w in role_words[last_f + 1 :])
        gender = "F" if feminine else _name_gender(lex, words)
        first = words[0].start + _and_given_name(lex, words[0])  # «وكريم بنزيما»: «و» is no part of the name
        persons.append(Person(first, doc.text[first : words[-1].end], role, gender))
        resume = j
    persons += _quoted_persons(doc)
    persons.sort(key=lambda p: p.position)
    return persons


def _pronoun_stem(key: str) -> str | None:
    """``key`` without its pronoun suffix («تأييدها» → «تأييد»), or None when it has none."""
    return next((key[: -len(p)] for p in _PRONOUN_SUFFIXES if key.endswith(p)), None)


def _possessed_noun(doc: _Doc, j: int) -> bool:
    """«علمه», «رفضها», «تأييدهم»: an everyday noun or a verbal noun with a possessive pronoun, never a name word."""
    key = doc.toks[j].key
    if key.startswith(("ال", "و")) or doc.words[j].given_name:
        return False
    stem = _pronoun_stem(key)
    return stem is not None and len(stem) >= 3 and (stem in doc.lex.everyday or _masdar(stem))


def _and_possessed_noun(lex: Lexicon, key: str) -> bool:
    """«ومواقفنا», «ومواقفه»: «و», then an everyday noun with a possessive pronoun, which continues no name.

    >>> [_and_possessed_noun(lexicon(), key_of(w)) for w in ("ومواقفنا", "ومحمد", "مواقفه")]
    [True, False, False]
    """
    stem = _pronoun_stem(key[1:]) if key[:1] == "و" else None
    return stem is not None and len(stem) >= 3 and stem in lex.everyday


def _quoted_persons(doc: _Doc) -> list[Person]:
    """«اعتقلت الشرطة المتهم "رافيندر كومار"»: a title right before a quoted name of two or three name words."""
    lex, toks = doc.lex, doc.toks
    out = []
    for start, end in doc._quoted:
        k = doc.tok_at(start)  # the content's first token; the mark is just before it
        if k < 2 or toks[k - 1].word or not toks[k - 2].word:
            continue
        r = next((m for m in (k - 2, k - 3) if m >= 0 and toks[m].word and doc.words[m].role is not None), None)
        if r is None:  # «المتهم "…"», «والد الطفلة "بلال ووك"»: a title, or a title and its complement
            continue
        e = doc.tok_at(end)
        words = [t for t in toks[k:e] if t.word]
        if not 2 <= len(words) <= 3 or len(words) != e - k or not all(lex.in_name(t.text) and doc.words[m].role is None for m, t in enumerate(toks[k:e], k)):
            continue
        conj = toks[r].text.startswith("و") and lex.role_gender(toks[r].text[1:]) is not None  # «ووالد الطفلة»
        role = doc.text[toks[r].start + conj : toks[k - 2].end]
        gender = "F" if lex.role_gender(toks[r].text) == "F" else _name_gender(lex, words)
        out.append(Person(words[0].start, doc.text[words[0].start : words[-1].end], role, gender))
    return out


def _masculine_title(lex: Lexicon, word: str) -> bool:
    """«الرئيس», «وزير»: a title whose feminine form is a title too (not «الشؤون» in «وزيرة الشؤون الثقافية»)."""
    bare = word.removeprefix("ال")
    return lex.role_gender(word) == "" and lex.role_gender(bare + "ة") == "F"


def _role_after(doc: _Doc, j: int) -> tuple[str | None, list[str | None]]:
    """An appositive role right after a name (token ``j``): «X، المدير الجهوي …» or «X وهو سائق حافلة …»."""
    toks, info, lex = doc.toks, doc.words, doc.lex
    k = j
    if k < len(toks) and toks[k].text in "،,":
        k += 1
    if k < len(toks) and toks[k].key in ("وهو", "وهي"):
        k += 1
    if k >= len(toks) or not toks[k].word or info[k].role is None:
        return None, []
    end = k
    while end < len(toks) and end - k < 8 and toks[end].word and (not info[end].boundary or toks[end].key in _ROLE_LINKS) and info[end].cue is None:
        end += 1
    words = [t for t in toks[k:end] if t.word]
    if not words:  # the role word is itself a boundary or a cue («…، الناطق» is fine; «…، مضيفة» is a verb)
        return None, []
    return doc.text[words[0].start : words[-1].end], [lex.role_gender(t.text) for t in words]


# --------------------------------------------------------------------------- speakers


class _Registry:
    """Speakers of one text in order of mention, with alias merging."""

    def __init__(self, doc: _Doc, clauses: list[tuple[int, int]] | None = None) -> None:
        self.clauses = sorted(clauses or [])  # spans of quotes and reported clauses
        self.clause_starts = [a for a, _ in self.clauses]
        self.last_issuer: _Speaker | None = None
        self._state_bodies: list[str] | None = None  # see _country_issuer
        self.history: list[_Speaker] = []
        self.positions: list[int] = []
        self.doc = doc

    @cached_property
    def persons(self) -> list[Person]:
        """The text's named persons, indexed on first need."""
        return _index_persons(self.doc)

    def mention(self, name: str | None, role: str | None, label: str, gender: str, position: int = 0) -> _Speaker:
        if not gender and not name and lexicon().is_organisation(label) and key_of(label.split()[0]).endswith("ة"):
            gender = "F"  # «جريدة "الخبر"», «منظمة الشفافية الدولية»: «وأضافت» refers back to it
        aliased = self._aliased(name or role or label)
        if aliased is not None:  # «الهايكا»: the institution keeps its full name
            self.history.append(aliased)
            self.positions.append(position)
            return aliased
        found = self._match(name, role)
        if found is not None and _our_source(role or name):
            self.history.append(found)  # «مصدرنا» adds no name to the source it stands for
            self.positions.append(position)
            return found
        if found is None:
            speaker = _Speaker(name, role, label, gender)
        else:
            speaker = found.root()
            if gender and not speaker.gender:
                speaker.gender = gender
            if speaker.name is None and name is not None and _organisation_short_name(speaker.role or "") == _name_key(name)[0].removeprefix("ال"):
                name = None  # «المسار» for «حزب المسار الديمقراطي الاجتماعي»: the organisation keeps its full name
            if name and (speaker.name is None or len(name.split()) > len(speaker.name.split())):
                speaker.name = name
            if role and not speaker.role:
                speaker.role = role
        if name:
            speaker.names.append(name)
        if role:
            speaker.roles.append(role)
        if name and role:
            self._absorb_roles(speaker, role)
        at = self.doc.text.find(label, position, position + len(label) + 200)  # ``position`` may be the cue's
        if lexicon().is_organisation(label):
            self.last_issuer = speaker
            if at >= 0 and (alias := _alias_after(self.doc.text, at + len(label))):
                speaker.aliases.append(alias)
        elif (
            name and name == label and len(name.split()) >= 2 and lexicon().first_name(name.split()[0]) is not None and at >= 0
            and (alias := _alias_after(self.doc.text, at + len(label)))
        ):
            speaker.aliases.append(alias)  # «محمد فريد "ولد العزوزية"»: a person's nickname, in marks after the name
        elif at >= 0 and self._issues_document(at + len(label)):
            self.last_issuer = speaker  # «وقال البيت الأبيض في بيان …. وأضاف البيان أن …»
        self.history.append(speaker)
        self.positions.append(position)
        return speaker

    def _issues_document(self, end: int) -> bool:
        """Whether the speaker phrase ending at offset ``end`` goes on «في بيان», «في بلاغ لها», «ببلاغ»: it speaks
        through a document a later «البيان» stands for."""
        doc = self.doc
        k = doc.tok_at(end)
        if k < len(doc.toks) and doc.toks[k].text in "،,":
            k += 1
        if k >= len(doc.toks):
            return False
        key = doc.toks[k].key
        if key == _IN and k + 1 < len(doc.toks):
            key = doc.toks[k + 1].key
        elif key[:1] == "ب":
            key = key[1:]
        return key.removeprefix("ال") in doc.lex.documents

    def _aliased(self, phrase: str) -> _Speaker | None:
        """The institution whose short name (given in marks or brackets after its full name) ``phrase`` is."""
        key = phrase_key(phrase)
        for prior in reversed(self.history):
            root = prior.root()
            if key in root.aliases:
                return root
        return None

    def _match(self, name: str | None, role: str | None) -> _Speaker | None:
        if (phrase := name or role) and lexicon().is_organisation(phrase) and len(phrase.split()) >= 3:
            for prior in reversed(self.history):
                root = prior.root()
                if any(known and _names_institution(known, phrase) for known in [root.name, *root.names, root.role, *root.roles]):
                    return root  # «مرصد استقلال القضاء» after «المرصد التونسي لاستقلال القضاء»
        if _our_source(role or name):
            # «مصادرنا», «مصدرنا الأمني»: the sources the outlet named before («مصادر موثوقة», «مصدر أمني», which may
            # have been read as a bare name)
            return next(
                (
                    p.root() for p in reversed(self.history)
                    if any(k and _role_key(k)[:1] and _role_key(k)[0] in _SOURCE_HEADS for k in [p.root().role, *p.root().roles, p.root().name, *p.root().names])
                ),
                None,
            )
        if (phrase := name or role) and (prior_org := self._same_body(phrase)) is not None:
            return prior_org  # «هيومن رايتس ووتش» after «منظمة هيومن رايتس ووتش», and the other way round
        if name:
            words = _name_key(name)
            for prior in reversed(self.history):
                root = prior.root()
                for known in [root.name, *root.names]:
                    if known is None:
                        continue
                    kw = _name_key(known)
                    if _same_tail(kw, words) or _same_tail(words, kw):
                        return root
                    if len(words) >= 2 and kw[:-1] == words[:-1] and _misspelt(words[-1], kw[-1], same_given_name=True):
                        return root  # «حمة الهمامي» after «حمة الحمامي»
                    if len(words) == 1 and len(kw) >= 3 and words[0] == kw[-2] and not self.doc.lex.first_name(name):
                        return root  # «اللومي» after «سلمى اللومي الرقيق»: her own surname before her husband's
                if len(words) != 1:
                    continue
                head = words[0].removeprefix("ال")
                for known in [root.name, *root.names, root.role, *root.roles]:
                    if not known:
                        continue
                    if _organisation_short_name(known) == head:
                        return root  # «المسار» after «حزب المسار الديمقراطي الاجتماعي»
                    if lexicon().is_organisation(known) and head == _name_key(known)[0].removeprefix("ال"):
                        # «الصندوق» after «صندوق النقد الدولي», «الرئاسة» after «الرئاسة الفلسطينية», also an
                        # institution kept as a role («أدانت الرئاسة …»)
                        return root
                if words[0].startswith("ال") and words[0] in self.doc.lex.everyday and any(
                    _introduces(r, words[0].removeprefix("ال")) for r in [root.role, *root.roles]
                ):
                    return root  # «المواطن» after «مواطن أصيل أكودة»: the one introduced indefinitely before
            if len(words) == 1 and not self.doc.lex.first_name(name):
                # «الدرودوري» after «عصام الدردوري»: the one person whose surname it is, misspelt by one letter
                near = {
                    id(root): root for p in self.history
                    if (root := p.root()).name and len(root.name.split()) >= 2 and _misspelt(words[0], _name_key(root.name)[-1])
                }
                if len(near) == 1:
                    return next(iter(near.values()))
            return None
        if role:
            rk = _role_key(role)
            if rk[:1] and rk[0] in _OUR_CORRESPONDENT:
                rk = [_CORRESPONDENT_KEY]  # «مراسلنا» is the outlet's correspondent named before («مراسل الجوهرة أف أم»)
            for prior in reversed(self.history):
                root = prior.root()
                for known in [root.role, *root.roles]:
                    if known and _extends_role(_role_key(known), rk):
                        return root
            if len(rk) == 1 and role.startswith("ال"):
                short = _name_key(role)[0].removeprefix("ال")
                for prior in reversed(self.history):
                    root = prior.root()
                    if any(k and _organisation_short_name(k) == short for k in [root.name, *root.names, root.role, *root.roles]):
                        return root  # «الداخلية» after «وزارة الداخلية»
            if role.startswith("ال") and 1 <= len(rk) <= 3:
                return self._one_with_title(rk)
        return None

    def _same_body(self, phrase: str) -> _Speaker | None:
        """The speaker named before as the same body with or without the noun that says what kind of body it is:
        «منظمة هيومن رايتس ووتش» / «هيومن رايتس ووتش», «صحيفة الديلي ميل» / «الديلي ميل», «حزب حركة نداء تونس» /
        «حركة نداء تونس»."""
        key = _name_key(phrase)
        bare = _body_name(phrase)
        for prior in reversed(self.history):
            root = prior.root()
            for known in [root.name, *root.names, root.role, *root.roles]:
                if known and ((bare is not None and _name_key(known) == bare) or _body_name(known) == key):
                    return root
        return None

    def _one_with_title(self, rk: list[str]) -> _Speaker | None:
        """The one named speaker whose title has the head of the definite description ``rk``, its nisba adjectives
        agreeing: «الموظف التونسي» after «محمد صالح الأحمدي موظف سابق بالسفارة التونسية» (not «الوزير الفرنسي»
        after «وزير الخارجية التونسي»)."""
        if rk[0] in _OFFICIAL and len(rk) >= 2 and all(w.endswith(_NISBA_ENDINGS) for w in rk[1:]):
            # «المسؤول الجهوي» after «المدير الجهوي للحماية المدنية»: «the official» and the title's own adjectives
            # (a speaker known by a title alone too: the text may name them after it)
            found = {
                id(root): root for root in (prior.root() for prior in self.history)
                if (root.name or (root.role and lexicon().role_gender(root.role.split()[0]) is not None)) and _titles_agree(root, rk)
            }
            return next(iter(found.values())) if len(found) == 1 else None
        found = {
            id(root): root
            for root in (prior.root() for prior in self.history)
            if root.name and any(known and _role_key(known)[0] == rk[0] for known in [root.role, *root.roles])
        }
        if len(found) != 1:
            return None
        (only,) = found.values()
        return only if _titles_agree(only, rk) else None

    def known_names(self) -> set[str]:
        """Every person's name the text has given so far: speakers' names and the names in the person index."""
        names = {n for p in self.history for n in [p.root().name, *p.root().names] if n}
        return names | {p.name for p in self.persons}

    def known_name_end(self, a: int, b: int) -> int:
        """End of the phrase [a, b) when it opens with the surname (or last two names) of a person already named
        in the text and goes on with other words: what follows is the verb's object, not more of the name."""
        if b - a < 2:
            return b
        keys = [t.key for t in self.doc.toks[a:b]]
        known = {tuple(_name_key(n)) for n in self.known_names()}
        for size in (2, 1):
            head = tuple(keys[:size])
            if len(head) < size or size >= len(keys):
                continue
            nxt = a + size  # «علي الرواحي» after «محمد علي»: a name going on is not cut
            if keys[size].startswith("ال") or self.doc.words[nxt].given_name or self.doc.toks[nxt - 1].key in _NAME_PARTICLE_KEYS:
                continue
            if any(len(k) > size and k[-size:] == head for k in known):
                return nxt
        return b

    def names_tail(self, text: str) -> bool:
        """Whether ``text`` ends the name of a person already named: «قائد السبسي» after «الباجي قائد السبسي» is
        that person, though «قائد» alone is a title."""
        words = tuple(_name_key(text))
        # one word too: «لوزير» after «هاشمي لوزير» (read alone, «to the minister»), «الطبيب» after «شوقي الطبيب»
        return len(words) >= 1 and any(len(k) > len(words) and k[-len(words) :] == words for k in map(tuple, map(_name_key, self.known_names())))

    def match_role(self, role: str) -> bool:
        """Whether an earlier speaker has this role («المنظمة» after «المنظمة الدولية للهجرة» needs no antecedent)."""
        return self._match(None, role) is not None

    def _absorb_roles(self, speaker: _Speaker, role: str) -> None:
        """Earlier role-only speakers («الوزيرة») whose role this named speaker's role extends become aliases."""
        rk = _role_key(role)
        for prior in self.history:
            root = prior.root()
            if root is speaker or root.name is not None or not root.role:
                continue
            pk = _role_key(root.role)
            if pk and (_extends_role(rk, pk) or (len(rk) >= 2 and _extends_role(pk, rk))):
                root.parent = speaker  # «الأمين العام للأمم المتحدة» before «الأمين العام، أنطونيو غوتيريس»

    def latest_source(self, position: int) -> _Speaker | None:
        """The latest speaker before ``position`` named as a source («مصدر أمني», «مصادر طبية»)."""
        for pos, prior in zip(reversed(self.positions), reversed(self.history), strict=True):
            words = (prior.root().label or "").split()
            if pos < position and words and key_of(words[0]).removeprefix("و") in _SOURCE_NOUNS:
                return prior.root()
        return None

    def implicit(self, gender: str, position: int, *, tagged: bool = False) -> _Speaker | None:
        """The most recent speaker (or named person) before ``position`` compatible with a cue's gender (m, f, p);
        with ``tagged``, when the rules know nobody before it, a person the NER tagger marks."""

        def compatible(g: str) -> bool:
            return not ((gender == "f" and g != "F") or (gender == "m" and g == "F"))

        def one_person(speaker: _Speaker) -> bool:  # «وأضافوا» is no one person's
            return gender == "p" and bool(speaker.name) and " و" not in speaker.name and lexicon().first_name(speaker.name.split()[0]) is not None

        def feminine_body(speaker: _Speaker) -> bool:  # «وزارة الصحة» whose gender no verb told: «وقالت» may be it
            body = speaker.name or speaker.label
            return not speaker.gender and bool(body) and lexicon().is_organisation(body) and key_of(body.split()[0]).endswith("ة")

        best: tuple[int, _Speaker | Person] | None = None
        for pos, prior in zip(reversed(self.positions), reversed(self.history), strict=True):
            if pos < position and not one_person(prior.root()) and (compatible(prior.root().gender) or (gender == "f" and feminine_body(prior.root()))):
                best = (pos, prior.root())
                break
        if best is None:
            # nobody has spoken yet: the subject of the sentence's verb comes first («هنأ رئيس الوزراء نتنياهو الرئيس
            # ترامب، معتبرا أنه …» → نتنياهو), else the latest person named before
            _, s_start, _ = self.doc.sentence_of(position)
            candidates = [
                p for p in self.persons
                if p.position < position and compatible(p.gender) and not self._reported(p.position)
            ]
            if not candidates and tagged and gender != "f":  # names no list knows: «… "فيفا"، جوسيف بلاتر … وقال:» → the tagger's
                candidates = [p for p in self.tagged_persons if p.position < position and not self._reported(p.position)]
            if candidates and candidates[-1].position < s_start:
                # the subject of the latest sentence that names someone: «حذر … بوجمعة الرميلي … من خطورة إقحام
                # رئيس الحكومة يوسف الشاهد …. واعتبر أن» → الرميلي, named first
                _, s_start, _ = self.doc.sentence_of(candidates[-1].position)
            in_sentence = [p for p in candidates if p.position >= s_start]
            chosen = in_sentence[0] if in_sentence else None
            if chosen is not None:
                best = (chosen.position, chosen)
        if best is None:
            return None
        found = best[1]
        if isinstance(found, Person):
            return self.mention(found.name, found.role, found.name, found.gender, found.position)
        return found

    @cached_property
    def tagged_persons(self) -> list[Person]:
        """Persons of two words or more the NER tagger marks in the text, in order (gender unknown), found once."""
        doc, lex = self.doc, self.doc.lex
        known = [_name_key(p.name) for p in self.persons]
        out = []
        for a, b, label in _tagged_entities(doc):
            words = doc.text[a:b].split()
            if label != "PERS" or len(words) < 2 or not all(lex.name_like(w) for w in words):
                continue
            if key_of(words[0])[:1] in "ولب" and lex.first_name(words[0]) is None:
                continue  # «وبن عروس», «لسيدي بوزيد», «واعتقدت كارلي ماكي»: a prefixed word opens the tagger's span
            key = _name_key(doc.text[a:b])
            if any(len(k) < len(key) and _same_tail(key, k) for k in known):
                continue  # «جرجيس خليل شلندي» when the rules know «خليل شلندي»: a place before the name
            out.append(Person(a, doc.text[a:b], None, ""))
        return out

    def _reported(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quote or reported clause: a person named there is what someone said
        («… نتيجة مواقف الوزير ناجي جلول»), not the subject a later «وأضاف» continues."""
        k = bisect.bisect_right(self.clause_starts, offset) - 1
        return any(start <= offset < end for start, end in self.clauses[max(k - 8, 0) : k + 1])

    def canonical(self, speaker: _Speaker) -> str | None:
        """The fullest name for a speaker: its own, the text's person it abbreviates or whose role it names, or the
        institution it names more briefly than the text does elsewhere («الأكاديمية» → «الأكاديمية التشيكية للعلوم»)."""
        found = self._canonical(speaker)
        if not found:
            return found
        fuller = self.doc.fuller.get(found)
        if fuller is None:
            fuller = self.doc.fuller[found] = _ministry(self.doc, found) or _known_full_name(self.doc, found) or _fuller_in_text(self.doc, found)
        return _tidy_name(_without_description(self.doc, _usual_spelling(self.doc, _particle_completed(self.doc, fuller), speaker.names)))

    def _title_words(self, speaker: _Speaker) -> list[str]:
        """The words of a speaker's role when it opens with a title word and names no institution, else []."""
        role = speaker.role or ""
        words = [w for w in role.replace("،", " ").split() if w]
        if not words or self.doc.lex.role_gender(words[0]) is None or lexicon().is_organisation(role):
            return []
        return words

    def _particular_title_words(self, speaker: _Speaker) -> list[str]:
        """:meth:`_title_words` of a title that names one particular holder, else []: definite, or a construct
        ending in a definite word (not «مسؤول عسكري», «مسؤول بوزارة الدفاع», «متحدث باسم الفرع»: somebody), and
        not a group, one of them or someone's kin («الباحثون», «أحد المسؤولين», «والد التلميذ»)."""
        words = self._title_words(speaker)
        keys = [key_of(w) for w in words]
        chain = next((n for n, k in enumerate(keys) if k.startswith("ال") or k in _FILLER_KEYS or k[:1] in "بلك"), None)
        if chain is None or not keys[chain].startswith("ال"):
            return []
        if keys[0].endswith(("ون", "ين", "ات")) or any(k in _QUANTIFIERS for k in keys) or keys[0].removeprefix("ال") in _RELATIONS:
            return []
        return words

    def _person_by_role_words(self, speaker: _Speaker) -> str | None:
        """The one named person of the text whose title, written right before the name (else right after it), holds
        every content word of a definite title-only speaker: «رئيسة اللجنة الطبية» → «ليلى الماطري رئيسة اللجنة
        الطبية لمعهد …». Nobody in particular («مصدر أمني», «مسؤول في البيت الأبيض»), groups and «أحد …» link to
        nobody; nor does a title two people fit."""
        words = self._title_words(speaker)
        if not words:
            return None
        keys = [key_of(w) for w in words]
        if not keys[0].startswith("ال"):
            # «نائب مجلس الشعب»: a construct ending in a definite word; not «مسؤول في البيت الأبيض», «مسؤول عسكري»
            chain = next((n for n, k in enumerate(keys) if k.startswith(("ال", "لل")) or k in _FILLER_KEYS), None)
            if chain is None:
                if not (len(keys) > 1 and self.doc.tagged_place(keys[-1])):
                    return None  # but «عميد كلية جندوبة», ending in a place, is one dean
            elif keys[chain] in _FILLER_KEYS or keys[chain].startswith("لل"):
                return None
        if keys[0].endswith(("ون", "ين", "ات")) or any(k in _QUANTIFIERS for k in keys):
            return None  # «الباحثون», «زوجة أحد البحارة»: a group, or one of them
        need = {_content_key(w) for w in words} - {""}
        if not need:
            return None
        countries = {c for w in words if (c := _country_of_nisba(w))}
        toks, doc = self.doc.toks, self.doc
        named = {m for p in self.persons for a in [doc.tok_at(p.position)] for m in range(a, a + len(p.name.split()))}
        for step in (-1, 1):  # a title before the name («وزير التجهيز محمد صالح العرفاوي»), else after it
            found: dict[tuple[str, ...], str] = {}
            for p in self.persons:
                if {_content_key(w) for w in p.name.split()} & need:
                    continue  # «والي نابل منور الورتاني» as a role: the name is in it already
                if _genders_clash(speaker.gender, p.gender):
                    continue
                near: set[str] = set()
                country = None  # the country of the nisba nearest the name
                m = doc.tok_at(p.position) + (step if step < 0 else len(p.name.split()))
                for _ in range(10):
                    if not 0 <= m < len(toks):
                        break
                    t = toks[m]
                    if t.text in ".:؟!" or t.key in _COMPLEMENTISERS or doc.cue(m) is not None or m in named:
                        break  # (another person's name: «وزير الشؤون الدينية عبد الجليل سالم ووالي صفاقس الحبيب شواط»)
                    if t.text in "،," and near:
                        break  # a comma right beside the name sets off its title; a later one ends it
                    if t.word:
                        key = _content_key(t.text)
                        near |= {key, _content_key(t.text[1:])} if key.startswith("و") else {key}  # «ووزير»: and
                        country = country or _country_of_nisba(t.text)
                    m += step
                if countries and country is not None and country not in countries:
                    continue  # «الرئيس اللبناني» is not «للرئيس الفرنسي جاك شيراك», the words before it notwithstanding
                if need <= near:
                    found.setdefault(tuple(_name_key(p.name)), p.name)
            names = list(found)
            distinct = [k for k in names if not any(o != k and len(o) > len(k) and o[-len(k) :] == k for o in names)]
            if len(distinct) == 1:
                return found[distinct[0]]
            if distinct:
                return None
        return None

    def _person_after_honorific(self, speaker: _Speaker) -> str | None:
        """«وأضاف الملازم» → the one person the text names right after «الملازم» («الملازم قيس شرايطي»)."""
        words = (speaker.name or speaker.role or "").split()
        if len(words) != 1 or key_of(words[0]) not in _HONORIFICS or speaker.names[1:]:
            return None
        key, doc = key_of(words[0]), self.doc
        found = {
            p.name for p in self.persons
            if (a := doc.tok_at(p.position)) > 0 and doc.toks[a - 1].key.removeprefix("و") == key
        }
        return found.pop() if len(found) == 1 else None

    def _sole_person(self, speaker: _Speaker) -> str | None:
        """The one named person whose own title shares a noun (not a nisba adjective) with a definite title-only
        speaker of the same gender: «وأضاف الرئيس المدير العام لشركة المترو الخفيف» → «الرئيس المدير العام للشركة
        رشيد الزائري», «مسؤول وزارة التجهيز» → «مدير إدارة المياه … بوزارة التجهيز … نجيب بن شيخة»."""
        words = self._particular_title_words(speaker)
        if not words:
            return None
        lex = self.doc.lex
        need = {_content_key(w) for w in words if not key_of(w).endswith(_NISBA_ENDINGS)} - {""}
        nisbas = {_content_key(w) for w in words if key_of(w).endswith(_NISBA_ENDINGS)} - {""}
        names: list[list[str]] = []
        same_country: list[list[str]] = []  # of those, the ones whose title has the speaker's nisba
        for p in self.persons:
            if _genders_clash(speaker.gender, p.gender):
                continue
            own = {_content_key(w) for w in (p.role or "").split()} - {""}
            theirs = {k for w in (p.role or "").split() if key_of(w).endswith(_NISBA_ENDINGS) and (k := _content_key(w))}
            # «نظيره الروماني تارايان باسيسكو»: a counterpart holds the office the speaker's title names, in his country
            counterpart = bool(nisbas & theirs) and any(_content_key(w).startswith(_COUNTERPART) for w in (p.role or "").split())
            if not need & own and not counterpart:
                continue  # the title shares a noun with the person's own («مسؤول وزارة التجهيز» for «مدير … بوزارة التجهيز»)
            if nisbas and theirs and not nisbas & theirs:
                continue  # «الموظف الفرنسي» is not «موظف سابق بالسفارة التونسية»
            if lex.first_name(p.name.split()[0]) is None and not self.doc.tagged_entity(p.position, p.position + len(p.name)):
                continue  # «قصد تمكينه»: words after a title that name nobody
            key = _name_key(p.name)
            if len(key) < 2 or any(_same_tail(k, key) or _same_tail(key, k) for k in names):
                continue
            names.append(key)
            if nisbas & theirs:
                same_country.append(key)
        if len(names) > 1 and len(same_country) == 1:
            names = same_country  # «الرئيس الروماني»: the one president named with that country
        if len(names) != 1:
            return None
        return max((p.name for p in self.persons if _name_key(p.name) == names[0]), key=len)

    def _only_named_person(self, speaker: _Speaker) -> str | None:
        """The one person who speaks in the text, named in full (a given name, then more), that a definite
        title-only speaker no title in the text links to a name may be: «وقال رئيس الهيئة … المستقيل» → «شفيق صرصار»,
        quoted before without his title. Not for somebody («مسؤول عسكري»), a group («فريق الدراسة»), kin or «آخر»,
        a spokesman («المتحدث باسم الخارجية الفرنسية» is rarely the minister the text names), a title with a
        nationality («وزير الداخلية البلجيكي») or a name inside it; not a person of the other gender or with another
        title of his own («رئيس الوزراء البلغاري سيرغي ستانيشيف» for «وزير الدفاع»)."""
        words = self._particular_title_words(speaker)
        if not words:
            return None
        keys = [key_of(w) for w in words]
        head = keys[0].removeprefix("ال")
        if any(k in _ANOTHER for k in keys) or head in _TEAM_HEADS or any(k in _ON_BEHALF_OF for k in keys) or any(_country_of_nisba(w) for w in words):
            return None
        lex = self.doc.lex
        if any(lex.first_name(w) is not None for w in words[1:]):
            return None  # «الخبير الاقتصادي سيد ليلاز»: a name inside the title, which the rules did not read as one
        gender = speaker.gender or ("F" if keys[0].endswith("ة") else "")  # «المكلفة بالإعلام»
        title = _content_key(words[0])
        spoke = [_name_key(n) for s in self.history for n in [s.root().name, *s.root().names] if n]
        names = {
            p.name for p in self.persons
            if len(p.name.split()) >= 2 and lex.first_name(p.name.split()[0]) is not None
            and not _genders_clash(gender or "M", p.gender) and not self._reported(p.position)
            and any(_same_tail(_name_key(p.name), k) for k in spoke)  # a person who speaks in the text
            and not _other_office(lex, p.role, title)
        }
        distinct = {n for n in names if not any(o != n and _same_tail(_name_key(o), _name_key(n)) for o in names)}
        return distinct.pop() if len(distinct) == 1 else None

    def _country_issuer(self, speaker: _Speaker) -> str | None:
        """The one body of state the text says issued a statement, for a country that speaks: «استنكرت تونس، في بيان
        صادر عن رئاسة الجمهورية، …» and «وأعربت وزارة الشؤون الخارجية، في بيان، عن إدانة تونس … وأكدت تونس أن …»
        are the presidency's and the ministry's words, as the annotators attribute them."""
        label = speaker.name or speaker.label
        if speaker.role or not label or len(label.split()) != 1 or not _place_name(label, whole=True):
            return None
        if self._state_bodies is None:
            self._state_bodies = _statement_bodies(self.doc)
        return self._state_bodies[0] if len(self._state_bodies) == 1 else None

    def _titled_surname(self, role: str) -> str | None:
        """The one person of the text whose name ends in the words after the titles of ``role`` («الرئيس بري» →
        «نبيه بري»): the split left a surname the lists take for an everyday word among the title words."""
        words = role.split()
        n = 0
        while n < len(words) and lexicon().role_gender(words[n]) is not None:
            n += 1
        rest = _name_key(" ".join(words[n:])) if 0 < n < len(words) else []
        if not 1 <= len(rest) <= 2 or any(w.startswith("ال") for w in rest) or any(key_of(w) in _ON_BEHALF_OF for w in words[:n]):
            return None
        found = {p.name for p in self.persons if len(_name_key(p.name)) > len(rest) and _name_key(p.name)[-len(rest) :] == rest}
        return found.pop() if len(found) == 1 else None

    def _one_fuller(self, names: set[str]) -> str | None:
        """The one name among fuller forms of a name, spellings of one name counted once («بدرة قعلول» / «بدرة
        قْعلول»: the plainer is kept)."""
        keys = {tuple(_name_key(n)) for n in names}
        if len(keys) != 1:
            return None
        key = keys.pop()
        return min((n for n in names if tuple(_name_key(n)) == key), key=lambda n: (len(n), n))

    def _canonical(self, speaker: _Speaker) -> str | None:
        if (titled := self._person_after_honorific(speaker)) is not None:
            return titled
        if (body := self._country_issuer(speaker)) is not None:
            return body
        names = [n for n in [speaker.name, *speaker.names] if n]
        introduced = [
            r for r in [speaker.role, *speaker.roles]
            if r and not key_of(r.split()[0]).startswith("ال")
            and not any(key_of(w).startswith("ي") for w in r.split()[1:])  # not «تلميذ يدرس بالسنة الرابعة …»
            and all(len(n.split()) == 1 and _introduces(r, key_of(n).removeprefix("ال")) for n in names)
        ]
        if names and introduced:
            return _without_marks(introduced[0])  # «المواطن» is the «مواطن أصيل أكودة» introduced before
        if names:  # an institution kept as a role names it in full: «الرئاسة الفلسطينية» for a later «الرئاسة»
            heads = {_name_key(n)[0].removeprefix("ال") for n in names if len(n.split()) == 1}
            names += [
                r for r in [speaker.role, *speaker.roles]
                if r and r.startswith("ال") and len(r.split()) > 1 and lexicon().is_organisation(r)
                and _name_key(r)[0].removeprefix("ال") in heads and not any(m in r for m in _MARK_CHARS)
            ]
            best = max(names, key=lambda n: (len(n.split()), len(n)))
            words = _name_key(best)
            longer = {p.name for p in self.persons if len(_name_key(p.name)) > len(words) and _same_tail(_name_key(p.name), words)}
            labels = {
                " ".join(label.split()[-2:])
                for other in self.history
                for label in [other.root().label.replace("،", " ").replace(",", " ")]  # not «المواطن، جمال»
                if len(words) == 1 and len(label.split()) > 1 and _name_key(label)[-1:] == words
                and lexicon().in_name(label.split()[-2]) and lexicon().role_gender(label.split()[-2]) is None
                and not _possessed_relation(lexicon(), key_of(label.split()[-2]))  # «زميلها الهادي»: her colleague
                and not _adjective_after_title(label.split())
            }
            longer |= labels if not longer else set()
            if not longer and len(words) == 1:  # names no list knows, from the NER tagger
                longer = self.doc.tagged_names(words[0]) or self.doc.tagged_names(words[0], first=True)
            if not longer and len(words) == 1:  # «مرعي» → «سميرة مرعي فريعة»: a middle name, once in the text
                longer = {p.name for p in self.persons if words[0] in _name_key(p.name)[1:-1]}
            if not longer and len(words) == 1 and self.doc.lex.first_name(best) is not None:
                # «حبيب» → «حبيب الله سياري»: a given name alone, and one fuller name in the text starts with it
                longer = {p.name for p in self.persons if len(_name_key(p.name)) > 1 and _name_key(p.name)[0] == words[0]}
            if not longer and len(words) == 1:  # «بوكدوس» → «فاهم بوكدوس», after a title no list knows the given name of
                longer = _given_before(self.doc, words[0])
            if not longer and len(words) == 1:  # «بلاتر» → «جوسيف بلاتر»: the name as the text first gives it
                longer = _named_first_in_full(self.doc, words[0])
            if not longer and len(words) == 1 and self.doc.lex.first_name(best) is None:
                # «وأضاف قرتولموش» after «نعمان قورتولموش»: the person whose surname it is, misspelt by one letter
                longer = {p.name for p in self.persons if len(_name_key(p.name)) >= 2 and _misspelt(words[0], _name_key(p.name)[-1])}
            if not longer and len(words) >= 2:  # «خوسي مانويل» → «خوسي مانويل لوثيا مخيياس», named in full elsewhere
                longer = {n for n in self.known_names() if len(_name_key(n)) > len(words) and _name_key(n)[: len(words)] == words}
            return self._one_fuller(longer) or best
        if speaker.role:
            rk = _role_key(speaker.role)
            words = _name_key(speaker.role)
            if (surnamed := self._titled_surname(speaker.role)) is not None:
                return surnamed  # «الرئيس بري» → «نبيه بري»: a surname that is also an everyday word («بري», land)
            if (
                2 <= len(words) <= 3 and not any(w.startswith(("ال", "لل")) for w in words)  # not «كاتب الدولة»
                and (full := _given_name_before(self.doc, words))
            ):
                return full.pop()  # «وأبرزت شيخ روحه» → «هالة شيخ روحه»: a surname no list knows, her given name first
            if rk[:1] and rk[0] in _CORRESPONDENT_HEADS and (named := self.doc.named_correspondent):
                return named  # «مراسل "الجوهرة اف أم" في صفاقس» and, elsewhere, «لمراسلنا عبد المجيد الخروبي»
            if len(rk) == 1 and rk[0][-1:] == "ه" and self.doc.lex.role_gender(rk[0][:-1]) is not None:
                rk = [rk[0][:-1]]  # «محاميه» → the text's «المحامي أمين سيدهم»
            matches = {p.name for p in self.persons if p.role and any(_extends_role(part, rk) for part in _role_parts(p.role))}
            if len(matches) == 1:
                return matches.pop()
            if (linked := self._person_by_role_words(speaker)) is not None:
                return linked  # «المخرج» → «للمخرج هادي عباس», «وزير الخارجية المصري» → «بوزير خارجية جمهورية مصر العربية، حسن شكري»
            if (sole := self._sole_person(speaker)) is not None:
                return sole
            if (only := self._only_named_person(speaker)) is not None:
                return only
            if lexicon().is_organisation(speaker.role):  # «حزب المؤتمر» → the text's «حزب المؤتمر من أجل الجمهورية»
                fuller = {
                    r for other in self.history for r in [other.root().role, *other.root().roles]
                    if r and len(_role_key(r)) > len(rk) and _role_key(r)[: len(rk)] == rk and lexicon().is_organisation(r)
                }
                if len(fuller) == 1:
                    return _without_marks(fuller.pop())
        return _without_marks(speaker.role or speaker.label)


def _adjective_after_title(words: Sequence[str]) -> bool:
    """«الإمام الجليل حبيب»: an honorific adjective between a title and the last word, not the name's first half
    (not «الكاتب الصحفي الصافي سعيد»).

    >>> [_adjective_after_title(p.split()) for p in ("الإمام الجليل حبيب", "الكاتب الصحفي الصافي سعيد")]
    [True, False]
    """
    return len(words) >= 3 and key_of(words[-2]) in _HONORIFIC_ADJECTIVES and lexicon().role_gender(words[-3]) is not None


# honorific adjectives after a title (not «الفاضل», also a given name: «المخرج الفاضل الجزيري»)
_HONORIFIC_ADJECTIVES = frozenset(key_of(w) for w in ["الجليل", "الموقر", "المبجل", "المحترم", "الكريم", "الجليلة", "الموقرة", "المحترمة"])


_COUNTERPART = key_of("نظير")
_HIS_COUNTERPART = frozenset(key_of(w) for w in ["نظيره", "نظيرته", "نظيرها", "نظيريه", "نظراءه", "نظرائه", "نظيرتها"])
_STATE_BODIES = frozenset(key_of(w) for w in ["وزارة", "رئاسة", "الرئاسة", "الحكومة", "حكومة", "سفارة", "كتابة", "ديوان"])


def _statement_bodies(doc: _Doc) -> list[str]:
    """The distinct bodies of state the text names as issuing a statement: «بيان صادر (اليوم) عن X», «بيان أصدرته
    X», «بيان لـX», «X، في بيان» (X opening with «وزارة», «رئاسة» …)."""
    toks, found = doc.toks, {}
    for d, tok in enumerate(toks):
        key = tok.key.removeprefix("و").removeprefix("ف")
        forms = {key, key.removesuffix("ها"), key.removesuffix("ه")}  # «بيانها»
        if not tok.word or not (forms | {f[1:] for f in forms if f[:1] in "بل"}) & _STATEMENTS:
            continue
        _, _, s_end = doc.sentence_of(tok.start)
        start, li = None, False
        m = d + 1
        if m < len(toks) and toks[m].key in _ISSUED and toks[m].key != _FROM_SOURCE:
            start = _issuer_start(doc, m)  # (not a bare «عن»: «بيان عن …» may be what it is about)
        elif m < len(toks) and _published_by(toks[m].key):
            start = m + 1
        elif m < len(toks) and toks[m].key[:1] == "ل" and not toks[m].key.startswith("ال") and toks[m].key[1:] in _STATE_BODIES:
            start, li = m, True
        elif d >= 2 and toks[d - 1].key == "في":
            e = d - 2 if toks[d - 2].text in "،," else d - 1
            if (span := _subject_ending_at(doc, e)) is not None:
                start = span[0]
        if start is None or start >= len(toks) or not toks[start].word:
            continue
        first = toks[start].key[1:] if li else toks[start].key
        if first.startswith("ل") and not first.startswith("ال"):
            first = "ا" + first  # «للحكومة» → «الحكومة»
        if first not in _STATE_BODIES:
            continue
        a, b = _parse_np(doc, start, s_end)
        # (not past a mark or a clause joined by «و»: «بلاغ صادر عن وزارة الشؤون الخارجية وتلقت الجوهرة نسخة منه»)
        b = next((k for k in range(a, b) if not toks[k].word or (k > a and toks[k].key[:1] == "و" and not toks[k].key.startswith("وال"))), b)
        if b <= a:
            continue
        name = doc.text[toks[a].start + li : toks[b - 1].end]
        if li and toks[a].key.startswith("لل"):
            name = "ا" + name
        found.setdefault(tuple(key_of(w).removeprefix("ال") for w in name.split()), name)
    return list(found.values())


def _introduces(role: str | None, head: str) -> bool:
    """``role`` describes someone in several words under the head word ``head`` (the same word, so the same gender):
    «مواطن أصيل أكودة» for the «مواطن» a later «المواطن» names."""
    words = (role or "").split()
    return len(words) > 1 and key_of(words[0]) == head


_TEAM_HEADS = frozenset(key_of(w) for w in ["فريق", "فرق", "لجنة", "وفد"])  # «فريق الدراسة»: several people


def _other_office(lex: Lexicon, role: str | None, title: str) -> bool:
    """Whether a person's own ``role`` opens with a title word other than ``title`` (a :func:`_content_key`):
    «رئيس الوزراء البلغاري سيرغي ستانيشيف» is no «وزير الدفاع»."""
    first = next((w for w in (role or "").split() if lex.role_gender(w) is not None), None)
    return first is not None and _content_key(first) != title


def _genders_clash(a: str, b: str) -> bool:
    """One of two speakers is known to be a woman («F») and the other a man («M»)."""
    return {a, b} == {"F", "M"}


_CORRESPONDENT_HEADS = frozenset(key_of(w) for w in ["مراسل", "مراسلنا", "مراسلتنا"])  # as _role_key gives them


def _named_correspondent(doc: _Doc) -> str | None:
    """The one correspondent the text names («مراسلنا عبد المجيد الخروبي», «مراسلة الجوهرة أف أم بالقصرين سلوى
    العامري»): a correspondent word, then within eight tokens (the outlet, the place) a given name and its surname."""
    names: set[str] = set()
    toks = doc.toks
    for k, tok in enumerate(toks):
        if _without_li(tok.key.removeprefix("و")) not in _CORRESPONDENTS:
            continue
        for m in range(k + 1, min(k + 9, len(toks))):
            if toks[m].key in _COMPLEMENTISERS or doc.cue(m) is not None or toks[m].text in ".؟!:":
                break
            if doc.words[m].given_name:
                e = m + 1
                while e < len(toks) and e - m < 4 and toks[e].word and doc.lex.in_name(toks[e].text) and not doc.words[e].boundary and doc.words[e].role is None:
                    e += 1
                if e - m >= 2:
                    names.add(doc.text[toks[m].start : toks[e - 1].end])
                break
    return names.pop() if len(names) == 1 else None


def _given_before(doc: _Doc, key: str) -> set[str]:
    """«X بوكدوس» where the text names a surname after a title: «المدير التنفيذي للنقابة … التونسيين فاهم بوكدوس» —
    the word before the surname is a rare word (a name) right after the title's last definite word."""
    if key.startswith("ال") or doc.lex.first_name(key) is not None:
        return set()
    found: set[str] = set()
    toks = doc.toks
    for k in range(2, len(toks)):
        if toks[k].key != key:
            continue
        g, before = toks[k - 1], toks[k - 2]
        if not (g.word and before.word):
            continue
        if g.key.startswith(("ال", "و", "ل", "ب")) or doc.words[k - 1].role is not None or doc.words[k - 1].boundary or doc.cue(k - 1) is not None:
            continue
        if g.key in _COMPLEMENTISERS or not doc.lex.name_like(g.text) or g.key in doc.lex.everyday:
            continue
        if before.key.startswith(("ال", "لل")) and (doc.words[k - 2].role is not None or before.key.endswith(_ADJECTIVE_ENDINGS)):
            found.add(doc.text[g.start : toks[k].end])
    return found if len(found) == 1 else set()


def _given_name_before(doc: _Doc, keys: list[str]) -> set[str]:
    """A surname of several words as the text first names it in full, with a given name the lexicon knows right
    before it: «… هالة شيخ روحه، …» for a later «وأبرزت شيخ روحه»; empty when no such mention is found."""
    toks, n = doc.toks, len(keys)
    for k in range(1, len(toks) - n + 1):
        if [t.key for t in toks[k : k + n]] == keys:
            before = toks[k - 1]
            if before.word and doc.words[k - 1].given_name:
                first = before.start + _and_given_name(doc.lex, before)
                return {doc.text[first : toks[k + n - 1].end]}
    return set()


def _named_first_in_full(doc: _Doc, key: str) -> set[str]:
    """The name in full at the first mention of a name the text later uses alone: «… "فيفا"، جوسيف بلاتر عن
    الأنظار» … «وشدد بلاتر أن» → «جوسيف بلاتر»; «وقال مفلح الهفتاء رئيس …» … «وأكد مفلح» → «مفلح الهفتاء». The
    word before (a given name) or after it (a surname) is a rare word no list reads as a title, cue or function word;
    a given name the lexicon knows takes only the word after it."""
    if key in doc.lex.everyday:
        return set()
    toks, lex = doc.toks, doc.lex
    k = next((k for k, t in enumerate(toks) if t.key == key), -1)
    if k < 0:
        return set()
    given = lex.first_name(key) is not None
    for m in [k + 1] if given else [k - 1, k + 1]:
        if not 0 <= m < len(toks) or not toks[m].word:
            continue
        other, info = toks[m], doc.words[m]
        titled = m < k and other.key in _GIVEN_TITLES  # «أمين محفوظ»: a given name that is also a title
        if (info.role is not None and not titled) or info.boundary or info.cue is not None or doc.cue(m) is not None or other.key in _COMPLEMENTISERS:
            continue
        known = m < k and (lex.first_name(other.text) is not None or titled)  # a given name the lexicon knows
        # (a first letter و/ب/ل/ف may be a clitic, unless the rest is no word: «باسكال واليش» but not «بتونس»)
        clitic = other.key[:1] == "و" or (
            other.key[:1] in "بلف" and (other.key[1:] in lex.everyday or other.key[1:] in lex.word_counts or lex.first_name(other.text[1:]) is not None)
        )
        rare = not clitic and lex.in_name(other.text) and not _masdar(other.key) and other.key not in lex.documents
        if not (known or rare) or (m < k and not known and other.key.startswith("ال")):
            continue  # (not «السويسري بلاتر»: an adjective, not a given name)
        a, b = sorted((k, m))
        if m < k and not known and a > 0 and toks[a - 1].word and doc.words[a - 1].given_name:
            a -= 1  # «نبيهة برصالي فلفول»: a given name before the rare word
            other = toks[a]
        first = toks[a].start + (a < k and _and_given_name(lex, other))  # «حاتم بن عرفة وكريم بنزيما»: without «و»
        return {doc.text[first : toks[b].end]}
    return set()


_MINISTRY_ELLIPSES = frozenset(key_of(w) for w in ["الداخلية", "الخارجية"])  # «وأكدت الداخلية»: the ministry
_MINISTRY_WORDS = frozenset(key_of(p + "وزارة") for p in ["", "و", "ب", "ل", "وب", "ول"])


def _ministry(doc: _Doc, phrase: str) -> str | None:
    """«الداخلية» / «الخارجية السعودية» as a speaker is the ministry: «وزارة الشؤون الخارجية» as the text names it
    (one form of «وزارة» + up to two words + the phrase), else «وزارة» + the phrase."""
    words = phrase.split()
    if not 1 <= len(words) <= 2 or key_of(words[0]) not in _MINISTRY_ELLIPSES:
        return None
    keys, toks = [key_of(w) for w in words], doc.toks
    found = set()
    for k, tok in enumerate(toks):
        if tok.key not in _MINISTRY_WORDS:
            continue
        for gap in (1, 2, 3):
            if [t.key for t in toks[k + gap : k + gap + len(keys)]] == keys and all(t.word for t in toks[k + 1 : k + gap]):
                found.add(doc.text[toks[k + 1].start : toks[k + gap + len(keys) - 1].end])
                break
    return "وزارة " + (found.pop() if len(found) == 1 else phrase)


def _particle_completed(doc: _Doc, name: str) -> str:
    """A name cut after a particle that never ends one, completed by the word the text gives after it: «عبدالعزيز بن
    عبدالله آل» → «عبدالعزيز بن عبدالله آل الشيخ»."""
    words = name.split()
    if len(words) < 2 or key_of(words[-1]) not in _BOUND_PARTICLES or (at := doc.text.find(name + " ")) < 0:
        return name  # (a space after it: not the «آل» that opens «آلاء»)
    k = doc.tok_at(at + len(name))
    return name + " " + doc.toks[k].text if k < len(doc.toks) and doc.toks[k].word else name


def _fuller_in_text(doc: _Doc, phrase: str) -> str:
    """The one longer form the text gives an institution or a definite description named briefly: «الأكاديمية» /
    «الأكاديمية التشيكية» → «الأكاديمية التشيكية للعلوم» (named so in the first sentence). The longer form adds only
    adjectives («التونسي», «العام»), an institution's genitive («منظمة الهجرة») and up to two genitives with لل after
    an adjective («للعلوم»). Names of persons are left alone; two different longer forms («السلطات الألمانية»,
    «السلطات الفرنسية») leave the phrase as it is."""
    words = phrase.split()
    if not 1 <= len(words) <= 2 or any(m in phrase for m in _MARK_CHARS):
        return phrase
    keys = [key_of(w) for w in words]
    organisation = doc.lex.is_organisation(phrase)
    if not organisation and not (
        keys[0].startswith("ال") and keys[0] in doc.lex.everyday and doc.lex.first_name(words[0]) is None
        and all(k in doc.lex.everyday or k.endswith(_ADJECTIVE_ENDINGS) for k in keys[1:])
    ):
        return phrase
    keys = [k.removeprefix("ال") for k in keys]
    found: dict[tuple[str, ...], str] = {}
    toks = doc.toks
    for t, tok in enumerate(toks):
        if keys[0] not in tok.key or not tok.word or t + len(keys) > len(toks):
            continue
        first, skip, article = _unprefixed(tok.key, lambda rest: rest == keys[0])
        if first.removeprefix("ال") != keys[0] or any(toks[t + m].key.removeprefix("ال") != keys[m] for m in range(1, len(keys))):
            continue
        if not (organisation or first.startswith("ال")):
            continue  # «الفيفا» is not the «فيفا» of «نسخة فيفا الأصلية»; «المنظمة» is «منظمة الهجرة الدولية»
        j = t + len(keys)
        genitives = 0
        while j < len(toks) and j - t < _MAX_NP and toks[j].word and (
            toks[j].key in _ORGANISATION_ADJECTIVES  # «العام» is no time here
            or (
                (
                    # a nisba adjective or a participle («المستقلة»), not another noun («الحزب السلطة القائمة»), but
                    # the genitive of an institution's construct («منظمة الهجرة الدولية», «جمعية القضاة التونسيين»)
                    (toks[j].key.startswith("ال") and (
                        toks[j].key.endswith(_ADJECTIVE_ENDINGS)
                        or (toks[j].key.startswith("الم") and not toks[j].key.endswith(("ين", "ون", "ات")))
                        or (organisation and len(keys) == 1 and j == t + 1 and not first.startswith("ال"))
                    ))
                    # a لل-genitive after an adjective («المعهد الوطني للإحصاء»), not «تقييم الوزارة للمخاطر»
                    or (
                        # «للإحصاء», and with one ل before an indefinite noun: «لمناهضة التعذيب», «لكرة القدم»
                        toks[j].key.startswith("ل") and not toks[j].key.startswith("ال") and genitives < 2
                        and (toks[j - 1].key.endswith(_NISBA_ENDINGS) or toks[j - 1].key in _ORGANISATION_ADJECTIVES)
                        and _without_li(toks[j].key) not in doc.lex.agencies  # «وقالت الشرطة الماليزية لرويترز إن»
                    )
                )
                and len(toks[j].key) >= 5 and toks[j].key not in _TIME_WORDS
                and (not doc.words[j].boundary or _genitive_with_adjective(doc, j))  # «النقابة الوطنية للصحفيين التونسيين»
                and (doc.words[j].role is None or organisation)  # «وزارة الخارجية»: a ministry's domain
                and not toks[j].key.startswith(_ATTACHED)  # «النقابة العامة للإعلام التابعة لـ…»: what it belongs to follows
            )
        ):
            genitives += toks[j].key.startswith("ل")
            if toks[j].key.startswith("ل") and not toks[j].key.startswith("لل") and j + 1 < len(toks) and toks[j + 1].key.startswith("ال"):
                j += 1  # the definite noun the indefinite genitive governs: «لمناهضة | التعذيب»
            j += 1
        if (
            j > t + len(keys) and j + 1 < len(toks) and toks[j].key in (_FROM_SOURCE, _ALA) and _takes_an(toks[j - 1].key)
            and toks[j + 1].word and not doc.words[j + 1].boundary
        ):
            # «الرابطة التونسية للدفاع | عن حقوق الإنسان»: what the body defends is part of its name
            j += 2
            if not toks[j - 1].key.startswith("ال") and j < len(toks) and toks[j].word and toks[j].key.startswith("ال"):
                j += 1  # the definite genitive of an indefinite noun: «حقوق | الإنسان»
            while j < len(toks) and toks[j].word and toks[j].key.startswith("ال") and toks[j].key.endswith(_ADJECTIVE_ENDINGS):
                j += 1  # its adjective: «الحريات | الفردية»
        if j > t + len(keys) and toks[j - 1].key.startswith("ل") and not toks[j - 1].key.startswith("لل") and doc.lex.is_organisation(toks[j - 1].text):
            # «الكتلة النيابية لحركة | نداء تونس»: a party or body after ل takes its name (up to three words), or is left out
            m = j
            while (
                m < len(toks) and m - j < 3 and toks[m].word and not doc.words[m].boundary and doc.cue(m) is None
                and toks[m].key not in _TIME_WORDS and not toks[m].key.startswith(("الم", "وال")) and toks[m].key not in _COMPLEMENTISERS
            ):
                m += 1
            j = m if m > j else j - 1
        if j > t + len(keys):
            text = article + doc.text[tok.start + skip : toks[j - 1].end]
            found.setdefault(tuple(key_of(w).removeprefix("ال") for w in text.split()), text)
    if not found:
        return phrase
    longest = max(found, key=len)
    return found[longest] if all(longest[: len(k)] == k for k in found) else phrase


def _unprefixed(key: str, fits: Callable[[str], bool]) -> tuple[str, int, str]:
    """A word's key from where a name starts: without «و», «لل» read as «ال» («للمعهد» → «المعهد»), and «ل»/«ب»
    dropped when what follows ``fits`` («لوكالة», «بالهيئة»). Returns (key, characters of the prefix to skip in the
    text, the «ا» to put back when «لل» stood for «ال»)."""
    first = key.removeprefix("و")
    skip = len(key) - len(first)
    if first.startswith("لل"):
        return "ال" + first[2:], skip + 1, "ا"
    if first[:1] in ("ل", "ب") and fits(first[1:]):
        return first[1:], skip + 1, ""
    return first, skip, ""


def _known_full_name(doc: _Doc, phrase: str) -> str | None:
    """The full name the text spells out for an institution's well-known short name (``known_aliases.tsv``), as the
    text writes it: «الهايكا» → «الهيئة العليا المستقلة للاتصال السمعي البصري», «منظمة الأعراف» → «الاتحاد التونسي
    للصناعة والتجارة والصناعات التقليدية». None when the text never spells one out (the short name then stays)."""
    fulls = doc.lex.known_aliases.get(phrase_key(_without_marks(phrase)))
    if not fulls:
        return None
    toks = doc.toks
    words = [t for t, tok in enumerate(toks) if tok.word]
    for w, t in enumerate(words):
        first, skip, article = _unprefixed(toks[t].key, lambda rest: any(rest.removeprefix("ال") == full[0] for full in fulls))
        for full in fulls:
            if (
                w + len(full) <= len(words) and first.removeprefix("ال") == full[0]
                and all(toks[words[w + m]].key.removeprefix("ال") == full[m] for m in range(1, len(full)))
            ):
                return article + doc.text[toks[t].start + skip : toks[words[w + len(full) - 1]].end]
    return None


def _genitive_with_adjective(doc: _Doc, j: int) -> bool:
    """«للصحفيين التونسيين»: a لل-word that could say whom a statement was made to («قال للصحفيين») is an
    institution's genitive when a nisba adjective agrees with it."""
    toks = doc.toks
    return toks[j].key.startswith("لل") and j + 1 < len(toks) and toks[j + 1].key.startswith("ال") and toks[j + 1].key.endswith(_ADJECTIVE_ENDINGS)


_NISBA_ENDINGS = ("ي", "ية", "يه")  # «التونسي», «التونسية»
_ADJECTIVE_ENDINGS = (*_NISBA_ENDINGS, "يين", "يون", "يات")  # «التونسي», «التشيكية», «التونسيين» (nisba adjectives)
_ORGANISATION_ADJECTIVES = frozenset(key_of(w) for w in ["العام", "العامة", "الأعلى", "العليا", "الأول", "الدائم", "الدائمة", "الحر", "الحرة"])  # «الاتحاد العام», «المجلس الأعلى», «الحزب الدستوري الحر»
_ATTACHED = (key_of("التابع"), key_of("المنضوي"), key_of("المنتمي"))


_ALIAS_RE = re.compile(r'\s*[(«"“]\s*([^\s()«»"“”،,.]+(?: [^\s()«»"“”،,.]+)?)\s*[)»"”]')


def _alias_after(text: str, end: int) -> tuple[str, ...] | None:
    """The short name an institution's full name ending at ``end`` is given: «الهيئة العليا المستقلة للاتصال السمعي
    البصري "الهايكا"», «وكالة تونس إفريقيا للأنباء (وات)» → its key, else None."""
    m = _ALIAS_RE.match(text, end)
    return phrase_key(m[1]) if m else None


def _nisba_stem(key: str) -> str:
    """«تونسية» and «تونسي» alike."""
    return key[:-1] if key.endswith(("ية", "يه")) else key


_OFFICIAL = frozenset(key_of(w) for w in ["مسؤول", "مسؤولة"])  # as _role_key gives them, without ال


def _titles_agree(speaker: _Speaker, rk: list[str]) -> bool:
    """Every nisba adjective of the description ``rk`` (after its head) is a word of one of the speaker's titles, or
    names its place: «الجهوي», «البلدي» of «رئيس بلدية لينييفيل»."""
    known_words = {_nisba_stem(w) for known in [speaker.role, *speaker.roles] if known for w in _role_key(known)}
    return all(
        _nisba_stem(w) in known_words or any(_nisba_of(w, k) for k in known_words)
        for w in rk[1:] if w.endswith(_NISBA_ENDINGS)
    )


def _nisba_of(nisba: str, place: str) -> bool:
    """«النمساوي» of «النمسا», «البلجيكي» of «بلجيكا», «التونسية» of «تونس» (keys without the article)."""
    stem = _nisba_stem(nisba.removeprefix("ال"))
    place = place.removeprefix("ال")
    for suffix in ("اوي", "وي", "ي"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            root = stem[: -len(suffix)]
            return place in (root, root + "ا")
    return False


def _country_of_nisba(word: str) -> str | None:
    """The country a nisba adjective names, in babel's CLDR Arabic names: «اللبناني» → «لبنان», «الرومانية» →
    «رومانيا», «الفرنسي» → «فرنسا»; None for other words («الحالي», «الأمريكي», «الجهوي»)."""
    from analysis.entities.features import _key, gazetteers

    key = _nisba_stem(_key(word).removeprefix("لل").removeprefix("ال"))
    if not key.endswith("ي") or len(key) < 4:
        return None
    root = key[:-1]
    countries = gazetteers()["country"]
    return next((c for c in (root, root + "ا", root + "يا", "ال" + root) if c in countries), None)


def _without_marks(phrase: str) -> str:
    """«مراسل جوهرة "اف ام"» → «مراسل جوهرة اف ام»: a role or institution named with a quoted part."""
    return " ".join(phrase.translate(_MARKS_TO_SPACE).split()) if any(m in phrase for m in _MARK_CHARS) else phrase


_MARK_CHARS = '"«»“”'
_MARKS_TO_SPACE = str.maketrans({m: " " for m in _MARK_CHARS})


def _name_key(name: str) -> list[str]:
    """A name's words as look-up keys, hamza on ya written as ya: «قايد السبسي» is «قائد السبسي»."""
    return [key_of(w).replace("ئ", "ي") for w in name.split()]


def _misspelt(word: str, known: str, *, same_given_name: bool = False) -> bool:
    """Whether two surnames (without «ال») differ by two neighbours swapped (four letters or more: «زورق» /
    «زروق»), one letter added or dropped (five or more: «كورشيد» / «كرشيد») or one replaced (six or more:
    «العيادي» and «العياري» may be two people). After the same given name four letters are enough for all three
    («حمة الحمامي» / «حمة الهمامي»).

    >>> _misspelt("الدرودوري", "الدردوري"), _misspelt("زورق", "زروق"), _misspelt("العياري", "العيادي")
    (True, True, False)
    >>> _misspelt("االجهيناوي", "الجهيناوي"), _misspelt("الجهيناوي", "االجهيناوي")
    (True, True)
    """
    if (word.startswith("اال") and word[1:] == known) or (known.startswith("اال") and known[1:] == word):
        return True  # «االجهيناوي»: the alef typed twice
    a, b = word.removeprefix("ال"), known.removeprefix("ال")
    if a == b or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [m for m in range(len(a)) if a[m] != b[m]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return swapped or (len(diff) == 1 and (len(a) >= 6 or same_given_name))
    if min(len(a), len(b)) < 5 and not same_given_name:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:m] + long[m + 1 :] == short for m in range(len(long)))


def _usual_spelling(doc: _Doc, name: str, mentions: list[str]) -> str:
    """``name`` with its surname as a mention of the speaker spells it, when the text spells it so more often:
    «حسن الزروقوني» once, «الزرقوني» twice → «حسن الزرقوني»."""
    words = name.split()
    if len(words) < 2:
        return name
    surname = _name_key(words[-1])[0]
    variants = {w: _name_key(w)[0] for m in mentions if m.split() for w in m.split()[-1:]}
    bare = surname.removeprefix("ال")
    variants = {  # not «لعريض» for «العريض»: the article as spoken, a spelling of its own
        w: k for w, k in variants.items() if _misspelt(k, surname, same_given_name=True) and k.removeprefix("ال").removeprefix("ل") != bare
    }
    if not variants:
        return name
    counts = doc.name_key_counts
    best = max(variants, key=lambda w: counts[variants[w]])
    return " ".join([*words[:-1], best]) if counts[variants[best]] > counts[surname] else name


def _same_tail(name: list[str], tail: list[str]) -> bool:
    """``name`` ends with the words ``tail``; a surname matches with or without its article («الكدوسي» /
    «منجي كدوسي», «منصري» / «عبد الباسط المنصري», «لسعد يعقوبي» / «لسعد اليعقوبي»)."""
    if not tail or len(tail) > len(name):
        return False
    return name[len(name) - len(tail) : -1] == tail[:-1] and name[-1].removeprefix("ال") == tail[-1].removeprefix("ال")


_ROLE_FILLERS = frozenset(key_of(w).removeprefix("ال") for w in ["الرسمي", "باسم", "وزارة", "الحالي", "السابق"])  # as in _role_key


def _extends_role(longer: list[str], shorter: list[str]) -> bool:
    """«المتحدث باسم الخارجية المصرية المستشار» extends «المتحدث الرسمى باسم وزارة الخارجية المصرية»: the
    shorter role is a prefix of the longer, or both share the head and all the shorter's content words (one at
    least: «نقيب الموسيقيين» / «نقيب الفنانين الموسيقيين»)."""
    if longer[: len(shorter)] == shorter:
        return True
    if not shorter or not longer or shorter[0] != longer[0]:
        return False
    content = [k for k in shorter[1:] if k not in _ROLE_FILLERS]
    return len(content) >= 1 and set(content) <= set(longer[1:])


def _without_article_preposition(key: str) -> str:
    """«بالاتحاد» and «للاتحاد» as «الاتحاد»: «الأمين العام المساعد بالاتحاد» = «… المساعد للاتحاد»."""
    if key.startswith("بال") and len(key) > 5:
        return key[1:]
    if key.startswith("لل") and len(key) > 4:
        return "ا" + key[1:]
    return key


_PARTY_WORDS = frozenset(key_of(w) for w in ["حزب", "لحزب", "بحزب", "حركة", "لحركة", "بحركة"])
_ROLE_SYNONYMS = {key_of("الوزراء"): key_of("الحكومة")}  # «رئيسة الوزراء» = «رئيسة الحكومة»


def _role_parts(role: str) -> list[list[str]]:
    """The role's key and those of the roles coordinated in it: «رئيس مركز الدراسات ووزير المالية الروسي السابق»
    also gives «وزير المالية الروسي السابق» (what a later «الوزير الروسي السابق» refers to)."""
    words = role.replace("،", " ").split()
    cuts = [k for k, w in enumerate(words) if k and w.startswith("و") and lexicon().role_gender(w[1:]) is not None]
    parts = [_role_key(role)]
    for a, b in zip(cuts, [*cuts[1:], len(words)][: len(cuts)], strict=True):
        parts.append(_role_key(" ".join([words[a][1:], *words[a + 1 : b]])))
    return parts


_FILLER_KEYS = frozenset(key_of(w) for w in ["في", "من", "عن", "على", "إلى", "الى", "لدى", "مع", "باسم", "بإسم"])
_ON_BEHALF_OF = frozenset(key_of(w) for w in ["باسم", "بإسم"])


def _names_institution(full: str, short: str) -> bool:
    """«المرصد التونسي لاستقلال القضاء» names the body «مرصد استقلال القضاء» names: the same head, and the short
    name's words in order among the full name's (adjectives and articles aside)."""
    full_keys = [k for k in (_content_key(w) for w in full.split()) if k]
    short_keys = [k for k in (_content_key(w) for w in short.split()) if k]
    if len(full_keys) <= len(short_keys) or len(short_keys) < 3 or full_keys[0] != short_keys[0]:
        return False
    rest = iter(full_keys[1:])
    return all(any(k == f for f in rest) for k in short_keys[1:])


def _content_key(word: str) -> str:
    """A title word without article, preposition or nisba ending, to compare titles written apart: «بوزير» and
    «وزير», «المصري» and «مصر», «للمخرج» and «المخرج»; "" for a filler («باسم», «في»)."""
    key = key_of(word.strip('"«»“”()'))
    if key in _FILLER_KEYS:
        return ""
    if key.startswith("لل"):
        key = key[2:]
    elif key.startswith(("بال", "كال")):
        key = key[3:]
    elif key.startswith("ال"):
        key = key[2:]
    elif key[:1] in "بل" and len(key) > 4:
        key = key[1:]
    if key.endswith(("ية", "يه")):
        key = key[:-2]
    elif key.endswith(("ي", "ة", "ه")):
        key = key[:-1]
    return key if len(key) >= 2 else ""


def _role_key(role: str) -> list[str]:
    """Normalised role words, articles dropped («سائق الحافلة» = «سائق حافلة»), the head without its ة; «رئيس
    الدبلوماسية الأميركية» is «وزير الخارجية الأميركي» (a nisba after it agreeing with the minister)."""
    keys = [_ROLE_SYNONYMS.get(k, k).removeprefix("ال") for k in (_without_article_preposition(key_of(w)) for w in role.replace("،", " ").split())]
    # «القيادي في حزب نداء تونس» = «القيادي في نداء تونس»: a party's name without the word «party»
    keys = [k for n, k in enumerate(keys) if not (k in _PARTY_WORDS and 0 < n < len(keys) - 1)]
    if keys:
        keys[0] = keys[0][:-1] if keys[0].endswith("ة") else keys[0]
    if keys[:2] == _HEAD_OF_DIPLOMACY:
        keys = [*_FOREIGN_MINISTER, *(k[:-1] if k.endswith(("ية", "يه")) else k for k in keys[2:3]), *keys[3:]]
    return keys


_HEAD_OF_DIPLOMACY = [key_of("رئيس"), key_of("الدبلوماسية").removeprefix("ال")]
_FOREIGN_MINISTER = [key_of("وزير"), key_of("الخارجية").removeprefix("ال")]


# --------------------------------------------------------------------------- extraction


def extract_quotes_from_text(text: str, *, article_id: str = "", ner_tags: Mapping[int, list[str]] | None = None) -> list[Quote]:
    """Quotes, partial quotes, quoted terms and reported speech in ``text``, with speakers.

    >>> qs = extract_quotes_from_text('وقال وزير الخارجية سامي الحمدي: "سنواصل العمل". وأضاف أن الحوار مستمر.')
    >>> [(q.kind, q.text, q.speaker, q.role) for q in qs]
    [('direct', 'سنواصل العمل', 'سامي الحمدي', 'وزير الخارجية'), ('indirect', 'الحوار مستمر', 'سامي الحمدي', 'وزير الخارجية')]
    """
    quotes, problems, persons = _extract(text, article_id, ner_tags)
    model = load_model() if problems else None
    if model is None:
        return quotes
    roles = {q.speaker: q.role for q in quotes if q.speaker and q.role}
    person_roles = {p.name: p.role for p in persons if p.role}
    carried: tuple[str | None, str, int] | None = None  # (rule speaker, ranked speaker, paragraph) of the latest change
    for n, features in sorted(problems, key=lambda problem: problem[0]):
        rule_speaker = quotes[n].speaker
        chosen = choose_speaker(features, model, rule_speaker=rule_speaker)
        if chosen == rule_speaker and carried is not None and carried[0] == rule_speaker and carried[2] == quotes[n].paragraph and chosen in features:
            # «وبين أن …، مؤكدا أنه …»: the rules gave the next implicit quote of the paragraph the same speaker the
            # ranker replaced; it goes on with the ranker's choice
            chosen = carried[1] if carried[1] in features else chosen
        if chosen is not None and chosen != rule_speaker:
            carried = (rule_speaker, chosen, quotes[n].paragraph)
            role = roles.get(chosen) or person_roles.get(chosen)
            quotes[n] = dataclasses.replace(quotes[n], speaker=chosen, role=role, rule=quotes[n].rule + "+ranked")
    return quotes


def antecedent_problems(
    text: str, *, ner_tags: Mapping[int, list[str]] | None = None
) -> tuple[list[Quote], list[tuple[int, dict[str, dict[str, float]]]]]:
    """The rules' quotes of ``text`` and, by quote index, the features of each candidate speaker of those whose
    subject is implicit: what ``train/train_antecedents.py`` learns from and :func:`extract_quotes_from_text` ranks."""
    quotes, problems, _ = _extract(text, "", ner_tags)
    return quotes, problems


def _extract(
    text: str, article_id: str, ner_tags: Mapping[int, list[str]] | None
) -> tuple[list[Quote], list[tuple[int, dict[str, dict[str, float]]]], list[Person]]:
    """The rules' quotes, the candidate features of their implicit speakers (by quote index), the text's persons."""
    if not text.strip():
        return [], [], []
    doc, quoted = _quoted_doc(text, ner_tags)
    pending = _classify_spans(doc, quoted)
    if (span_model := load_span_model()) is not None:
        pending = _learned_kinds(doc, pending, span_model)
    pending += _find_indirect(doc, quoted)
    if not pending:
        return [], [], []
    attributions, registry = _attribute(doc, pending)
    clauses = [(p.start, p.end) for p in pending if p.kind in ("indirect", "direct")]
    quotes = []
    anchors: dict[tuple[str, int, int], int] = {}  # where each quote's cue stands
    for p in pending:
        att = attributions.get(id(p))
        if p.kind == "indirect" and _embedded_without_subject(doc, p, att, clauses):
            continue
        speaker = att.speaker.root() if att and att.speaker else None
        mention = att.mention if att else None
        s_idx, _, _ = doc.sentence_of(p.start)
        p_idx, _, _ = doc.paragraph_of(p.start)
        quotes.append(
            Quote(
                article=article_id,
                text=text[p.start : p.end],
                kind=p.kind,
                start=p.start,
                end=p.end,
                speaker=registry.canonical(speaker) if speaker else None,
                speaker_mention=text[mention[0] : mention[1]] if mention else None,
                speaker_start=mention[0] if mention else -1,
                speaker_end=mention[1] if mention else -1,
                role=_role(speaker),
                cue=att.cue if att else None,
                sentence=s_idx,
                paragraph=p_idx,
                rule=att.rule if att else p.rule,
            )
        )
        anchors.setdefault((p.kind, p.start, p.end), doc.toks[p.cue_index].start if p.cue_index is not None else p.start)
    quotes.sort(key=lambda q: (q.start, -q.end))
    unique: dict[tuple[str, int, int], Quote] = {}
    for q in quotes:  # two cues over one clause («قال X، في تصريح لـ…، إن …»): the first, the verb, wins
        unique.setdefault((q.kind, q.start, q.end), q)
    quotes = list(unique.values())
    return quotes, _antecedent_features(doc, registry, quotes, anchors), registry.persons


def span_kind_problems(text: str) -> list[tuple[int, int, str, dict[str, float]]]:
    """(start, end, rules' kind, features) of every quoted span the rules call a partial quote or a term and the
    learned check may relabel: what ``train/train_span_kinds.py`` learns from."""
    if not text.strip():
        return []
    doc, quoted = _quoted_doc(text)
    pending = _classify_spans(doc, quoted)
    return [(p.start, p.end, p.kind, features) for p, features, _ in _span_kind_features(doc, pending)]


_DOUBLED_APOSTROPHE = re.compile("(?<!')''(?!')")  # replaced by «" » — the same length, so offsets hold


def _quoted_doc(text: str, ner_tags: Mapping[int, list[str]] | None = None) -> tuple[_Doc, list[QuotedSpan]]:
    """The text's tokens, sentences and quoted spans, the spans marked as someone's words."""
    plain = _DOUBLED_APOSTROPHE.sub('" ', text)  # «وقال '' اثر هذه الحوادث … ''»: a straight double mark typed as two
    if plain != text:
        text, ner_tags = plain, None  # tags given for the page's own tokens: the extractor tags its reading itself
    doc = _Doc(text, lexicon(), ner_tags)
    # a "quote" opening with punctuation is the gap between mispaired marks («…"، مؤكدا أنه …»)
    quoted = [q for q in find_quoted_spans(text) if q.end > q.start and text[q.start] not in _GAP_START]
    doc.set_quoted(quoted)
    return doc, quoted


# the rules whose partial/term choice the learned check weighs: a fragment in speech or narration, and a name in
# marks only for want of speech around it — not a name after a noun that names things («برنامج "…"»), an outlet
# addressed or one that reported it, «ما وصفه "…"», a name nested in a quote or a symbol
_RELABELLED_RULES = frozenset({"partial_in_speech", "partial_in_narration", "quoted_name", "quoted_entity", "nickname"})


def _span_kind_features(doc: _Doc, pending: list[_Pending]) -> list[tuple[_Pending, dict[str, float], int | None]]:
    """The learned check's features of each span of ``pending`` it weighs, with the index of the nearest cue before
    the span in its sentence (None when there is none)."""
    weighed = [p for p in pending if p.rule in _RELABELLED_RULES]
    if not weighed:
        return []
    counts: dict[str, int] = {}
    for p in pending:
        key = span_key(doc.text[p.start : p.end])
        counts[key] = counts.get(key, 0) + 1
    out = []
    for p in weighed:
        _, s_start, s_end = doc.sentence_of(p.start)
        k = _prev_word(doc, p.start, s_start)
        cue = _cue_before(doc, k + 1, s_start) if k >= 0 else None
        features = span_features(
            doc.text, p.start, p.end, rule=p.rule, sentence=(s_start, s_end), cue_before=cue is not None, quoted_counts=counts
        )
        out.append((p, features, cue))
    return out


def _learned_kinds(doc: _Doc, pending: list[_Pending], model: Model) -> list[_Pending]:
    """The rules' partial quotes and terms, each relabelled where the learned check (:mod:`analysis.quotes.span_kinds`)
    is sure the other kind fits: a partial becomes a term, a term a partial of the sentence's cue (or, with no cue,
    of the speaker the narration goes on with, as ``partial_in_narration``)."""
    changed: dict[int, _Pending] = {}
    for p, features, cue in _span_kind_features(doc, pending):
        kind = relabel(features, model, kind=p.kind)
        if kind == p.kind:
            continue
        if kind == "term":
            changed[id(p)] = _Pending("term", p.start, p.end, p.rule + "+learned")
        elif cue is not None:
            changed[id(p)] = _Pending("partial", p.start, p.end, "partial_in_speech+learned", cue_index=cue)
        else:
            changed[id(p)] = _Pending("partial", p.start, p.end, "partial_in_narration+learned", continuation=True)
    return [changed.get(id(p), p) for p in pending] if changed else pending


def _antecedent_features(
    doc: _Doc, registry: _Registry, quotes: list[Quote], anchors: Mapping[tuple[str, int, int], int]
) -> list[tuple[int, dict[str, dict[str, float]]]]:
    """Candidate features (see :mod:`analysis.quotes.antecedents`) of every speech quote whose subject is implicit or
    carried on from the narration (:data:`_CARRIED_RULES`) with no source named in its sentence."""
    implicit = [
        n for n, q in enumerate(quotes)
        if q.kind in _SPEECH_KINDS and ("implicit" in q.rule or (q.rule.split("+")[0] in _CARRIED_RULES and q.speaker_start < 0))
    ]
    if not implicit:
        return []
    from analysis.entities import canonical_form

    entities = [(a, b, label, canonical_form(doc.text[a:b], label)) for a, b, label in _tagged_entities(doc)]
    speech = [q for q in quotes if q.kind in _SPEECH_KINDS]
    mentions = collect_mentions(speech, entities, registry.persons, subjects=_registered_subjects(doc, registry, speech))
    context = Context(
        doc.text, doc.sentence_starts, doc.paragraph_starts, [(q.start, q.end) for q in speech],
        {key_of(p.name): p.gender for p in registry.persons},
    )
    return [(n, candidate_features(quotes[n], anchors[(quotes[n].kind, quotes[n].start, quotes[n].end)], mentions, context)) for n in implicit]


_SPEECH_KINDS = frozenset({"direct", "partial", "indirect"})
_CARRIED_RULES = frozenset({"partial_in_narration", "continuation"})  # no cue: the rules carry the last speaker on


def _registered_subjects(doc: _Doc, registry: _Registry, speech: list[Quote]) -> list[tuple[int, int, str]]:
    """(start, end, speaker name) of the speakers the rules registered where no quote names them: the subject of a
    verb that is no cue, which the next implicit quote may go on with («وأدانت الصحف السعودية … واعتبرت أنها …»)."""
    named = {(q.speaker, q.speaker_start) for q in speech if q.speaker and q.speaker_start >= 0}
    names: dict[int, str | None] = {}  # a speaker is registered again at each of its mentions
    out = []
    for speaker, position in zip(registry.history, registry.positions, strict=True):
        root = speaker.root()
        if id(root) not in names:
            names[id(root)] = registry.canonical(root)
        name = names[id(root)]
        if not name:
            continue
        label = root.label or name
        start = doc.text.find(label, position, position + len(label) + 120)
        start = position if start < 0 else start
        if (name, start) not in named:
            out.append((start, start + len(label), name))
    return out


def _tagged_entities(doc: _Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of every person and organisation the NER tagger marks in the text (the article is
    tagged now if nothing has asked the tagger yet)."""
    from analysis.entities.bio import decode_bio

    out: list[tuple[int, int, str]] = []
    for s_start, s_end in doc.sentences:
        lo, hi = doc.tok_at(s_start), doc.tok_at(s_end)
        if lo >= hi:
            continue
        _, tags = doc._sentence_tags(lo)
        for chunk in decode_bio(tags):
            a, b = lo + chunk.start, lo + chunk.end
            while a < b and not doc.toks[a].word:
                a += 1
            while b > a and not doc.toks[b - 1].word:
                b -= 1
            if a < b and chunk.label in ("PERS", "ORG"):
                out.append((doc.toks[a].start, doc.toks[b - 1].end, chunk.label))
    return out


def _embedded_without_subject(doc: _Doc, p: _Pending, att: _Attribution | None, clauses: list[tuple[int, int]]) -> bool:
    """«… أن التوقعات الجوية تفيد بأن …»: a verb cue inside another quote with no subject after it has its subject
    inside that quote; the inner clause is part of what the outer speaker said, not a quote of its own."""
    if att is None or p.cue_index is None:
        return False
    cue = doc.cue(p.cue_index)
    at = doc.toks[p.cue_index].start
    if cue is None and doc.nominal_at(p.cue_index) and p.rule == "nominal_cue_that":
        # «… أنه تم التأكيد حسب آخر عملية تفقد، على أنه …»: a source inside what someone else reports
        return any(start <= at < end for start, end in clauses)
    if att.mention is not None or cue is None or cue.kind != "verb":
        return False
    return any(start <= at < end for start, end in clauses)


_WHAT = frozenset(key_of(w) for w in ["ما", "بما", "لما", "مما"])
_TO_US = frozenset(key_of(w) for w in ["لنا", "لي", "لك", "لكم"])  # (also «لي كه تشيانغ», a Chinese name)
_OBJECT_PRONOUNS = frozenset(key_of(w) for w in ["به", "بها", "عنه", "عنها"])  # «حسبما أعلن عنه البيت الأبيض»
_FRONTED_PRONOUNS = _OBJECT_PRONOUNS | frozenset(
    key_of(w) for w in ["عليه", "عليها", "عليهم", "له", "لها", "لهم", "إليه", "إليها", "إليهم"]
) | _TO_US  # «واكد لنا مصدر امني»
_CONTINUING = frozenset(key_of(w) for w in ["أضاف", "تابع", "استطرد", "واصل", "استدرك", "ختم"])


def _article_tags(doc: _Doc) -> Mapping[int, list[str]]:
    """The shipped NER model's tags per sentence of the text; none when the model is not installed. The tagger
    reads the tokens and sentences the extractor has already split."""
    from analysis.entities import EntityModelMissingError, group_sentences, tag_sentences

    try:
        return tag_sentences(doc.text, sentences=group_sentences([(t.start, t.end) for t in doc.toks], doc.sentences))
    except EntityModelMissingError:
        return {}


def _role(speaker: _Speaker | None) -> str | None:
    if speaker is None:
        return None
    roles = [r for r in [speaker.role, *speaker.roles] if r]
    return _tidy_name(max(roles, key=len)) if roles else None


_LONE_AND = re.compile(r"(?<!\S)و\s+(?=\S)")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")  # bidi marks, zero-width spaces


def _tidy_name(name: str) -> str:
    """A name as one speaker across articles: single plain spaces, no invisible marks («الطيب شلوف\u200e»), and a
    «و» written apart joined to its word («هيئة الحقيقة و\xa0الكرامة» → «هيئة الحقيقة والكرامة»)."""
    return _LONE_AND.sub("و", " ".join(_INVISIBLE.sub("", name).split()))


def _prev_word(doc: _Doc, offset: int, floor: int) -> int:
    """Index of the last token ending at or before ``offset`` (not before ``floor``), or -1."""
    k = doc.tok_at(offset) - 1
    return k if k >= 0 and doc.toks[k].start >= floor else -1


def _classify_spans(doc: _Doc, spans: list[QuotedSpan]) -> list[_Pending]:
    out: list[_Pending] = []
    directs: list[QuotedSpan] = []
    for span in spans:
        if span.end <= span.start:
            continue
        _, p_start, _ = doc.paragraph_of(span.open)
        _, s_start, s_end = doc.sentence_of(span.open)
        inside = next((d for d in directs if d.open < span.open and span.close <= d.close), None)
        k = _prev_word(doc, span.open, p_start)
        prev = doc.toks[k] if k >= 0 else None
        n_words = len(doc.text[span.start : span.end].split())
        # «المدرسة الاعدادية "لو كنت أستاذا …"»: after a noun and its adjective, only a short span is its name
        if (term := _term_rule(doc, k, p_start)) and n_words <= (_TERM_MAX_WORDS if prev is not None and prev.key.startswith("ال") else 8):
            out.append(_Pending("term", span.start, span.end, term))
            continue
        if (
            prev is not None and n_words <= 3 and k >= 1 and prev.word and doc.words[k - 1].given_name and doc.lex.in_name(prev.text)
            and doc.cue(k) is None and doc.cue(k - 1) is None
        ):
            # «قال محمد فريد "ولد العزوزية"، الفائز …»: a nickname in marks right after a given name and surname
            out.append(_Pending("term", span.start, span.end, "nickname"))
            continue
        if prev is not None and n_words <= _TERM_MAX_WORDS and _reported_by_outlet(doc, k + 1):
            # «بحسب ما نقلت "أسوشيتد برس"», «وفق ما أوردته "العربية"»: the outlet that reported it (the speaker)
            out.append(_Pending("term", span.start, span.end, "quoted_source"))
            continue
        if inside is not None:
            if prev is not None and prev.text == ":" and (cue := _cue_before(doc, k, max(inside.start, s_start))) is not None:
                out.append(_Pending("direct", span.start, span.end, "embedded_speech", cue_index=cue))
            elif n_words <= _TERM_MAX_WORDS:
                out.append(_Pending("term", span.start, span.end, "nested_name"))
            continue
        after_cue = _cue_after(doc, span.close)
        if prev is None:  # the paragraph opens with the quote
            if after_cue is not None:
                out.append(_Pending("direct", span.start, span.end, "quote_then_cue", cue_index=after_cue))
            else:
                out.append(_Pending("direct", span.start, span.end, "continuation", continuation=True))
            directs.append(span)
            continue
        if prev.text == ":" and n_words <= 3 and _dateline(doc, k, span.close):
            out.append(_Pending("term", span.start, span.end, "dateline"))
            continue
        if prev.text == ":":
            cue = _cue_before(doc, k, p_start)
            if cue is not None:
                out.append(_Pending("direct", span.start, span.end, "cue_colon_quote", cue_index=cue))
            else:
                np_start = doc.tok_at(doc.sentence_of(k and doc.toks[k].start)[1])
                if k > 0 and doc.toks[k - 1].key in _SAYING_NOUNS and (said := _opening_subject(doc, k - 1, s_start, s_end)):
                    # «وقدم المتحدث باسم الشبكة اعتذاراته بالقول: "…"», «واكتفى الوزير بالقول: "…"»: the subject of the
                    # verb the sentence opens with (no cue) said it
                    out.append(_Pending("direct", span.start, span.end, "speaker_colon_quote", np_span=said))
                elif 0 < k - np_start <= 6:
                    out.append(_Pending("direct", span.start, span.end, "speaker_colon_quote", np_span=(np_start, k)))
                else:
                    out.append(_Pending("direct", span.start, span.end, "continuation", continuation=True))
            directs.append(span)
            continue
        clause_end = _ends_clause(doc, span.close, s_end)
        if prev.text in "،," and clause_end and (cue := _cue_before(doc, k, s_start)) is not None and _speaker_then_comma(doc, cue, k, s_end):
            # «ويقول العالم ديفيد لي، "…"»: verb + speaker + comma + quote
            out.append(_Pending("direct", span.start, span.end, "cue_comma_quote", cue_index=cue))
            directs.append(span)
            continue
        if k > 0 and doc.words[k].cue is None and (c := doc.words[k].pronoun_cue) is not None and c.lemma in _NAMING_CUES and doc.toks[k - 1].key in _WHAT:
            # «احتجاجا على ما اعتبره "مماطلة"», «ما وصفوه "بالمحرقة الجماعية"»: what he called it, in his words —
            # a fragment inside the narration, not a clause of its own
            out.append(_Pending("partial", span.start, span.end, "partial_what_cue", cue_index=k))
            continue
        if (prev.key in _COMPLEMENTISERS or doc.cue(k) is not None) and (clause_end or (prev.key in _COMPLEMENTISERS and n_words >= _WHOLE_CLAUSE_WORDS)):
            # («إلى أنه "لم يتم العثور على أي سلاح بعد تفتيش كامل …" حيث كان يقف»: a long quote after «أن» is the
            # speaker's whole clause even when the sentence goes on)
            cue = k if doc.cue(k) is not None else _cue_before(doc, k, s_start)
            if cue is not None:
                out.append(_Pending("direct", span.start, span.end, "cue_that_quote", cue_index=cue))
                directs.append(span)
                continue
        if clause_end and n_words > _TERM_MAX_WORDS and (cue := _cue_before(doc, k, s_start)) is not None and _speaker_then_quote(doc, cue, k + 1):
            # «وقال السهيلي لوكالة تونس افريقيا للأنباء "…"», «وتابع "…"»: verb + speaker + circumstantials + a
            # quote that ends the sentence, without a colon
            out.append(_Pending("direct", span.start, span.end, "cue_speaker_quote", cue_index=cue))
            directs.append(span)
            continue
        if n_words >= 2 and prev.key in _SAYING_NOUNS and (cue := _cue_before(doc, k, s_start)) is not None:
            # «ونقلت الشبكة عن المسؤول قوله "…"», «وختمت بالقول "…"»: his saying is the words themselves
            out.append(_Pending("direct", span.start, span.end, "cue_saying_quote", cue_index=cue))
            directs.append(span)
            continue
        if n_words >= 2 and prev.key in _SAYING_NOUNS and (said := _opening_subject(doc, k, s_start, s_end)) is not None:
            # «واكتفى الوزير بالقول "…"»: no cue, the subject of the verb the sentence opens with said it
            out.append(_Pending("direct", span.start, span.end, "speaker_saying_quote", np_span=said))
            directs.append(span)
            continue
        if (
            n_words >= 2 and (clause_end or n_words > _TERM_MAX_WORDS) and not _complementiser_next(doc, span.close)
            and (cue := _cue_before(doc, k, s_start)) is not None and (said := doc.cue(cue)) is not None
            and said.lemma in _SAYING and _speaker_then_quote(doc, cue, k + 1)
            and not (cue > 0 and doc.toks[cue - 1].key in _WHAT)  # «مما قاله بكونه تحالفا "عفا عليه الزمن"»: his words, quoted
        ):
            # «وقال ترامب في حفل … "سوف ننسحب" واصفا …», «مضيفا "…"، الأمر الذي …»: what «قال», «أضاف» or «تابع»
            # govern with no «أن» is the utterance itself, however short and whatever follows it
            out.append(_Pending("direct", span.start, span.end, "cue_speaker_quote", cue_index=cue))
            directs.append(span)
            continue
        if after_cue is not None and n_words > _TERM_MAX_WORDS:
            out.append(_Pending("direct", span.start, span.end, "quote_then_cue", cue_index=after_cue))
            directs.append(span)
            continue
        cue = _cue_before(doc, k + 1, s_start)
        content = doc.text[span.start : span.end]
        if cue is not None and (n_words <= _TERM_MAX_WORDS or (k == cue and n_words <= _TERM_MAX_PHRASE and _complementiser_next(doc, span.close))) and (
            _before_clause(doc, cue, k + 1, span.close, s_end) or _in_speaker_phrase(doc, cue, k + 1, s_end)
        ):
            # «في تصريح لمراسل الجوهرة "اف ام" … أن», «اعتبرت "هيومن رايتس ووتش" إن»: a name in the speaker
            # phrase or its circumstantials, before the reported clause starts
            out.append(_Pending("term", span.start, span.end, "quoted_name_before_clause"))
        elif cue is not None and (len(content) <= 2 or not _ARABIC_LETTER.search(content)):
            out.append(_Pending("term", span.start, span.end, "quoted_symbol"))  # «صنف "أ"», «"HRW"»
        elif cue is not None and n_words <= 3 and doc.tagged_entity(span.start, span.end):
            # «على غرار "تالة" و"العيون"», «لمراسلة "الجوهرة أف أم"»: a quoted place, outlet or name is no speech
            out.append(_Pending("term", span.start, span.end, "quoted_entity"))
        elif cue is not None and n_words >= 5 and _opens_with_complementiser(doc, k + 1):
            # «وأضاف في مقابلة مع راديو (ار.تي.ال) "إنها مسألة عمليات …"»: the quote opens with the speaker's own
            # «إن», a whole statement (development: direct 31 times, partial 4)
            out.append(_Pending("direct", span.start, span.end, "cue_speaker_quote", cue_index=cue))
            directs.append(span)
        elif cue is not None:
            out.append(_Pending("partial", span.start, span.end, "partial_in_speech", cue_index=cue))
        elif (n_words <= _TERM_MAX_WORDS or (prev.word and n_words <= _TERM_MAX_PHRASE)) and not _opens_utterance(doc, k + 1):
            # «عديد التهم تتعلق خاصة بـ"تكوين وفاق من أجل الاعتداء على الأشخاص"»: quoted mid-sentence with no
            # speech around it, a name or a title rather than someone's words
            out.append(_Pending("term", span.start, span.end, "quoted_name"))
        elif prev.word and not prev.key.endswith(":"):
            # «وكان الوزير حمل أمس "النظام السوري … الوقوف وراء الخروقات"»: a long quote finishing a narrated clause
            # is the words of the clause's subject, quoted in part
            out.append(_Pending("partial", span.start, span.end, "partial_in_narration", continuation=True))
        else:
            out.append(_Pending("direct", span.start, span.end, "continuation", continuation=True))
            directs.append(span)
    return out


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_UTTERANCE_OPENERS = frozenset(key_of(w) for w in ["لن", "لم", "ليس", "ليست", "لست", "لسنا", "إذا", "اذا", "لو", "لقد", "سوف"])


def _opens_utterance(doc: _Doc, m: int) -> bool:
    """The quoted words at or after token ``m`` (past the opening mark) open as a sentence does, not as a name: a
    negation of a verb, a condition, «لقد», «سوف» («"لن تخيفنا ولن ترهبنا"», «"اذا لم يكفوا عن اثارة المتاعب"»,
    «"لا تتحمله"»)."""
    toks = doc.toks
    m = _next_word(doc, m)
    if m >= len(toks):
        return False
    key = toks[m].key
    if key in _UTTERANCE_OPENERS:
        return True
    nxt = toks[m + 1] if m + 1 < len(toks) else None
    return key == _LA and nxt is not None and nxt.word and len(nxt.key) >= 3 and nxt.key[0] in "يتن"  # «لا» + a present verb


_SAYING = frozenset(key_of(w) for w in ["قال", "أضاف", "تابع"])  # cue lemmas whose object is the words said


def _in_speaker_phrase(doc: _Doc, cue: int, mark: int, s_end: int) -> bool:
    """«حسب ما أكدته مراسلة الجوهرة "اف ام"»: the quoted span is part of the cue's speaker phrase."""
    nominal = doc.nominal_at(cue) if doc.cue(cue) is None else 0
    start, end = _parse_np(doc, _after_cue(doc, cue, nominal), s_end)
    return start < mark < end


def _adverbial(doc: _Doc, k: int) -> bool:
    """An indefinite verbal noun in the accusative followed by its preposition («تعقيبا على», «ردا على», «تعليقا
    على»), or any word written with the accusative's tanwin («صراحةً», «مجدداً»), which no name carries."""
    tok = doc.toks[k]
    key = tok.key
    if tok.word and tok.text.endswith("\u064b"):
        return True
    return (
        tok.word and k + 1 < len(doc.toks) and doc.toks[k + 1].key in _ADVERBIAL_LINKS and key.endswith("ا")
        and not key.endswith(("اا", "ءا")) and not key.startswith(("ال", "وال")) and len(key) >= 4
        and doc.words[k].role is None and not doc.words[k].given_name
        and (key in doc.lex.everyday or (key.startswith("ت") and len(key) >= 6))  # «تعقيبا»: a تفعيل verbal noun
    )


_ADVERBIAL_LINKS = frozenset(key_of(w) for w in ["على", "عن", "في", "ل"])


_TAMMA = key_of("تم")
_RELAYING = frozenset(key_of(w) for w in ["نقل", "نقلت", "نقله", "نقلته", "نقلها"])


def _relaying(doc: _Doc, k: int) -> bool:
    """«نقل», «نقله», «نقلته» at token ``k``: relayed (its source follows «عن»)."""
    return doc.toks[k].key in _RELAYING


def _after_cue(doc: _Doc, i: int, nominal: int) -> int:
    """Where the speaker phrase of cue token ``i`` (a nominal cue of ``nominal`` tokens, or a verb) can start."""
    after = i + max(nominal, 1)
    if nominal and after + 1 < len(doc.toks) and doc.toks[after].key in _CAME and doc.toks[after + 1].key in (_IN, _ALA):
        after += 2  # «بحسب ما جاء في بيان الهيئة», «حسب ما ورد على لسان المتحدث»: where it came, then who
        if after < len(doc.toks) and (doc.toks[after].key == _TONGUE or doc.toks[after].key in _HIS_TONGUE):
            after += 1  # («على لسانه»: his, the subject is implicit)
    elif nominal and after < len(doc.toks) and (
        doc.cue(after) is not None or (after > 0 and doc.toks[after - 1].key in _WHAT and (doc.toks[after].key in _PUBLISHING or _published_by(doc.toks[after].key)))
    ):
        after += 1  # «حسبما أفاد به بيان لوزارة الدفاع», «بحسب ما نشرته "العرب"»: the verb, then its subject
        if after < len(doc.toks) and doc.toks[after].key == _FROM_SOURCE and _relaying(doc, after - 1):
            after += 1  # «بحسب ما نقل عن ديمتريس كليتو»: relayed from the one after «عن»
    elif nominal and after + 2 < len(doc.toks) and doc.toks[after].key == _TAMMA and _relaying(doc, after + 1) and doc.toks[after + 2].key == _FROM_SOURCE:
        after += 3  # «وبحسب ما تم نقله عن ديمتريس كليتو»
    elif not nominal and i > 0 and doc.toks[i - 1].key == _TAMMA and _relaying(doc, i) and after < len(doc.toks) and doc.toks[after].key == _FROM_SOURCE:
        after += 1  # «ما تم نقله عن ديمتريس كليتو»: relayed (passive) from the one after «عن»
    while after < len(doc.toks) and (
        doc.toks[after].key in _OBJECT_PRONOUNS
        or (
            doc.toks[after].key in _FRONTED_PRONOUNS and after + 1 < len(doc.toks)
            and (_plain_subject(doc, after + 1) or doc.toks[after + 1].key in _SOME_OF)  # «وردّ عليه عدد من متابعيه»
        )
    ):
        # «أعلن عنه البيت الأبيض», «وردت عليه الهيئة»: the subject follows the verb's pronoun object (not «أكد له
        # خروجهم»: the object)
        after += 1
    if (
        not nominal and after + 1 < len(doc.toks) and doc.toks[after].text in "،,"
        and doc.toks[after + 1].word and doc.toks[after + 1].key not in _NOT_SUBJECT_OPENERS
    ):
        after += 1  # «استنكر، حزب المؤتمر، دعوة …»: a subject set off by commas
    return after


def _speaker_then_comma(doc: _Doc, cue: int, comma: int, s_end: int) -> bool:
    """Token ``comma`` closes the speaker phrase right after verb cue ``cue``."""
    c = doc.cue(cue)
    if c is None or c.kind != "verb" or comma <= cue + 1:
        return False
    start, end = _parse_np(doc, cue + 1, s_end)
    return end == comma and end > start


_CIRCUMSTANCE_OPENERS = frozenset(
    key_of(w) for w in ["في", "خلال", "عقب", "إثر", "اثر", "أمام", "لدى", "أثناء", "عبر", "ضمن", "حين", "عند", "بعد", "قبل", "مع"]
)
_GOVERNING = frozenset(key_of(w) for w in ["على", "إلى", "الى", "عن", "من", "حول", "ب", "ل", "بـ", "لـ", "في"])

# after «قال،» these open a circumstantial, a clause or a source, not a subject set off by commas
_NOT_SUBJECT_OPENERS = (
    _CIRCUMSTANCE_OPENERS | _GOVERNING | _COMPLEMENTISERS
    | frozenset(key_of(w) for w in ["حسب", "بحسب", "وفق", "وفقا", "كما", "يوم", "اليوم", "أمس", "مساء", "صباح"])
)


def _speaker_then_quote(doc: _Doc, cue: int, mark: int) -> bool:
    """Tokens ``cue + 1 .. mark - 1`` are the verb cue's speaker phrase (or none) and circumstantials, so the quote
    opening at token ``mark`` is what was said: «وقال السهيلي لوكالة تونس افريقيا للأنباء "…"», «وأضاف باخ، في
    تصريحات صحفية "…"», «وتابع "…"». Not when a preposition or an object governs the quote («أكد على "…"»)."""
    c = doc.cue(cue)
    if c is None or c.kind == "nominal" or doc.nominal_at(cue) or mark <= cue or mark - cue > _WINDOW:
        return False
    toks = doc.toks
    before = toks[mark - 1].key.rstrip("ـ")
    if mark - 1 > cue and (before in _GOVERNING or before in _CIRCUMSTANCE_OPENERS or _prepositional_object(doc, mark - 1)):
        return False  # «أكد على "…"», «وذلك إثر "…"», «طالب … بضرورة "…"»
    if any(doc.cue(m) is not None or toks[m].key in _COMPLEMENTISERS or (not toks[m].word and toks[m].text not in "،,")
           for m in range(cue + 1, mark)):
        return False
    j = _after_cue(doc, cue, 0)
    if j < mark and toks[j].key in _QAWLUHU:
        j += 1  # «وأضاف قوله "…"»
    if (skip := _anonymity_end(doc, j)) is None:
        j = max(j, _parse_np(doc, j, toks[mark].start)[1])
        while j < mark and not toks[j].word:
            j += 1
        skip = _anonymity_end(doc, j)
    if skip is not None:  # «وقال (مصدر) طالبا عدم الكشف عن هويته "…"»: the speaker asked not to be named
        j = skip
    while j < mark and not toks[j].word:
        j += 1
    if j >= mark:
        return True
    key = toks[j].key
    if j + 1 < mark and ((key == _ALA and toks[j + 1].key in _SOCIAL_MEDIA) or (key == _FROM and toks[j + 1].key == _DURING)):
        return True  # «وكتب على تويتر "…"», «وأضاف من خلال تدوينة نشرها على صفحته "…"»: where it was written
    return key in _CIRCUMSTANCE_OPENERS or key in _TIME_WORDS or (key.startswith("ل") and not key.startswith("لا"))


_DURING = key_of("خلال")
_SOCIAL_MEDIA = frozenset(
    key_of(w) for w in ["تويتر", "فيسبوك", "فايسبوك", "الفيسبوك", "الفايسبوك", "انستغرام", "صفحته", "صفحتها", "حسابه", "حسابها"]
)


def _before_clause(doc: _Doc, cue: int, mark: int, close: int, s_end: int) -> bool:
    """The quoted span (opening mark at token ``mark``) sits between the cue and its أن/إن clause."""
    if any(doc.toks[m].key in _COMPLEMENTISERS for m in range(cue + 1, mark)):
        return False
    if mark > 0 and doc.toks[mark - 1].key.rstrip("ـ") in ("ب", "ل"):
        return False  # «وصفه بـ"…"»: what the speaker called something
    j = doc.tok_at(close + 1)
    n = len(doc.toks)
    while j < n and j - mark <= _WINDOW and doc.toks[j].start < s_end:
        tok = doc.toks[j]
        if tok.key in _COMPLEMENTISERS:
            return True
        if (not tok.word and tok.text not in "،,()") or doc.cue(j) is not None:
            return False
        j += 1
    return False


def _term_rule(doc: _Doc, k: int, floor: int) -> str | None:
    """The quoted span names something: the word (or the one before it) is a term noun (``term_noun``), or the
    span is the outlet a speaker spoke to (``outlet_addressed``); else None."""
    nouns = doc.lex.term_nouns
    for back in (0, 1):
        idx = k - back
        if idx < 0 or doc.toks[idx].start < floor:
            return None
        tok = doc.toks[idx]
        if not tok.word:
            return None
        key = tok.key.rstrip("ـ")
        if back == 0 and tok.text in ("لـ", "ل") and _cue_before(doc, k, doc.sentence_of(tok.start)[1]) is not None:
            return "outlet_addressed"  # «في تصريح لـ"الجوهرة اف أم"»: the outlet spoken to
        if key in ("ب", "ل"):  # «بـ"…"»: look at the word before
            continue
        if back == 1 and not doc.toks[k].key.startswith("ال") and doc.toks[k].key.rstrip("ـ") not in ("ب", "ل"):
            return None  # only an adjective («الفيلم الوثائقي "…"») lets the noun before it count
        for candidate in _strip_prefixes(key):
            if candidate in nouns:
                # «قرار البنك "حذر ومفهوم"»: a definite noun right before the mark is weak evidence in speech
                definite = back == 0 and candidate != key and "ال" in key[: len(key) - len(candidate)]
                return None if definite and _cue_before(doc, k, doc.sentence_of(tok.start)[1]) is not None else "term_noun"
        if back == 0 and idx > 0 and doc.toks[idx - 1].key in ("ما", "بما") and _strip_prefixes(key)[-1] in nouns:
            return "term_noun"
    return None


def _strip_prefixes(key: str) -> list[str]:
    out = [key]
    for prefix in ("و", "ف", "ب", "ل", "وب", "ول", "ال", "وال", "بال", "لل", "ك"):
        if key.startswith(prefix) and len(key) - len(prefix) >= 3:
            out.append(key[len(prefix) :])
    return out


_CIRCUMSTANTIAL_NOMINALS = frozenset({key_of("في")})
_RELATIVES = frozenset(key_of(w) for w in ["التي", "الذي", "الذين", "والتي", "والذي", "والذين", "اللتي", "اللذي"])
_FEMININE_RELATIVES = frozenset(key_of(w) for w in ["التي", "والتي", "اللتي"])
_MASCULINE_RELATIVES = frozenset(key_of(w) for w in ["الذي", "والذي", "اللذي"])


def _cue_before(doc: _Doc, k: int, floor: int) -> int | None:
    """The nearest cue token before token ``k`` (inclusive) within the sentence or paragraph from ``floor``."""
    circumstantial = None
    for idx in reversed(doc.speech_in(doc.tok_at(floor), min(k, len(doc.toks) - 1) + 1)):
        if doc.cue(idx) is not None and idx > 0 and doc.toks[idx - 1].key in _RELATIVES:
            continue  # «الإجراءات التي تعتبر "موجعة"»: a verb in a relative clause says nothing of the speaker
        if _broadcast_speech(doc, idx):
            continue  # «وقال في كلمة … نقلها التلفزيون السوري "…"»: who broadcast the speech, not who spoke
        if doc.cue(idx) is not None and not doc.nominal_at(idx):
            return idx
        if doc.nominal_at(idx):
            if doc.toks[idx].key not in _CIRCUMSTANTIAL_NOMINALS:
                return idx
            if circumstantial is None:
                circumstantial = idx  # «… في تصريح إعلامي:» — a verb before it names the speaker
    return circumstantial


_AFTER_QUOTE_FILLERS = frozenset(key_of(w) for w in ["هكذا", "هذا", "ما", "وهو", "وهذا", "كما", "ذلك", "وذلك"])
_BIHI = frozenset(key_of(w) for w in ["به", "بها"])
_THAT_IS_WHAT = frozenset(key_of(w) for w in ["هذا", "وهذا", "ذلك", "وذلك", "وهو"])  # «ذلك ما أكده …»


def _cue_after(doc: _Doc, close: int) -> int | None:
    """«"…"، قال X» / «"…"، تقول X»: the cue right after a closing mark."""
    k = doc.tok_at(close + 1)
    n = len(doc.toks)
    while k < n and not doc.toks[k].word and doc.toks[k].text in "،,.\"»”":
        k += 1
    first = k
    while k < n and doc.toks[k].key in _AFTER_QUOTE_FILLERS and k - doc.tok_at(close + 1) < 4:
        k += 1  # «"…"، هكذا لخصت …», «"…"، هذا ما أكده …»
    if k >= n or doc.cue(k) is None or doc.cue(k).kind != "verb":
        return None
    # «"…" ذلك ما أكده عبد اللطيف حمام», also opening the next paragraph: «ذلك ما» points back at the words
    that_is_what = (
        k - first == 2 and doc.toks[first].key in _THAT_IS_WHAT and doc.toks[first + 1].key == "ما"
        # the verb takes «ما» back as its object: «أكده», «أعلنته», «أفاد به» (not «ذلك ما يفسر غضب الشارع»)
        and (doc.words[k].cue is None or (k + 1 < n and doc.toks[k + 1].key in _BIHI))
    )
    between = doc.text[close + 1 : doc.toks[first].start]
    if that_is_what and len(between) <= 4:
        return k
    between = doc.text[close + 1 : doc.toks[k].start]
    if doc.toks[k].start - close <= 16 and "\n" not in between and ("،" in between or "," in between):
        return k
    return None


# «"…" على حد تعبيره.», «"…"، بحسب قولها»: the writer's tag of whose words they were, then the sentence ends
_WORDS_TAG = re.compile(
    r"^[\s،,]*و?(?:على\s*حد|حسب|بحسب|وفق|وفقا\s*ل|طبقا\s*ل)\s*(?:ما\s+)?(?:تعبير|قول|وصف|كلام|رأي|راي|تأكيد|تاكيد)\w*"
    r"(?:\s+[^\s.؟!]+){0,3}\s*[.؟!…\"»”]*\s*$"  # «حسب وصف الزائري», «وفق تأكيده»
)


def _ends_clause(doc: _Doc, close: int, s_end: int) -> bool:
    """Nothing but punctuation, a comma starting a new attribution, the tag «على حد تعبيره» or the writer's own words
    (:func:`_writer_after`) follow the closing mark."""
    rest = doc.text[close + 1 : max(s_end, close + 1)].strip()
    if not rest or all(not ch.isalnum() for ch in rest):
        return True
    if _WORDS_TAG.match(rest):
        return True
    k = _next_word(doc, doc.tok_at(close + 1))
    if k >= len(doc.toks):
        return False
    if doc.toks[k].key in _CLAUSE_BREAKERS:
        return True  # «"…" لكن باخ أيضا اعترف …»: a new clause, the comma left out
    if (c := doc.cue(k)) is not None and (c.kind == "participle" or (c.kind == "verb" and doc.toks[k].key[:1] in "وف")):
        return True  # «ان "الادارة تعاني …" مشيرة الى …», «ان "…" واضاف ان»: the next attribution, the comma left out
    if rest[0] in "،," and (doc.cue(k) is not None or doc.nominal_at(k)):
        return True
    return _writer_after(doc, close, s_end)  # (also «"…"، وذلك …»)


def _writer_after(doc: _Doc, close: int, s_end: int) -> bool:
    """The writer's own words follow the closing mark at offset ``close``: a gloss («"…"، في إشارة إلى …», «"…"، في
    حين …», «"…"، ما يشير إلى …», «"…"، وذلك …»), the source («"…" وفق ذات البيان») or when it was said («"…" لدى
    لقائه به»)."""
    k = _next_word(doc, doc.tok_at(close + 1))
    if k >= len(doc.toks) or doc.toks[k].start >= s_end:
        return False
    rest = doc.text[close + 1 : doc.toks[k].start].strip()
    key = doc.toks[k].key
    nxt = doc.toks[k + 1].key if k + 1 < len(doc.toks) else ""
    if key == _IN and nxt == _ALLUSION:
        return True
    if (doc.nominal_at(k) and key.removeprefix("و") in _TAG_AFTER_QUOTE) or (key in _WHEN_SAID and nxt.endswith(("ه", "ها")) and len(nxt) >= 5):
        return True  # (not «"…" في تصريح …», which opens what someone said)
    return rest[:1] in ("،", ",") and (key in (_AND_THAT, *_WRITER_GLOSSES) or (key == _IN and nxt == _HIN))


_WHEN_SAID = frozenset(key_of(w) for w in ["لدى", "خلال", "أثناء", "اثر", "إثر"])
_HIN = key_of("حين")  # «في حين» (whereas)
_GENERAL = frozenset(key_of(w) for w in ["عاما", "عامة"])  # «كاتبا عاما»: a secretary-general
_ADVERBS_IN_YA = frozenset(
    key_of(w) for w in ["رسميا", "نهائيا", "حاليا", "شخصيا", "جزئيا", "كليا", "مبدئيا", "تلقائيا", "فعليا", "علنيا", "ضمنيا", "يوميا"]
)


def _title_adjective(key: str) -> bool:
    """«عاما», «رياضيا», «سياسيا»: an accusative adjective after a participle's shape makes it a title in the
    accusative («كاتبا عاما», «معلقا رياضيا»), not a cue (an adverb does not: «معلنا رسميا أن»)."""
    return key in _GENERAL or (key.endswith("يا") and len(key) >= 6 and not key.startswith(("ال", "و")) and key not in _ADVERBS_IN_YA)


_TAG_AFTER_QUOTE = frozenset(key_of(w) for w in ["وفق", "وفقا", "حسب", "بحسب", "طبقا", "نقلا"])
_WRITER_GLOSSES = frozenset(key_of(w) for w in ["ما", "مما", "الأمر", "فضلا", "ثم", "حيث", "فيما"])


def _find_indirect(doc: _Doc, spans: list[QuotedSpan]) -> list[_Pending]:
    """Reported speech: cue (+ speaker phrase + circumstantials) + أن/إن/فإن + clause."""
    out: list[_Pending] = []
    n = len(doc.toks)
    for i in doc.speech_at:  # every other token has no cue and no nominal cue
        cue = doc.cue(i)
        nominal = doc.nominal_at(i) if cue is None else 0
        if cue is None and not nominal:
            continue
        _, s_start, s_end = doc.sentence_of(doc.toks[i].start)
        if _relays_statement(doc, i) or (_describes_noun(doc, i) and _earlier_cue_owns(doc, i, s_start)):
            # «أوضح البنك العالمي في بيان، نقلته وكالة الأناضول، أن …»: the clause is the bank's (but with no cue
            # before it, «ألقى الرئيس كلمة أكد فيها أن …» has the clause's verb in the relative clause)
            continue
        first = i + max(nominal, 1)
        _np_start, np_end = _parse_np(doc, _skip_time(doc, first, s_end), s_end)
        j = np_end
        found = -1
        while j < n and j - np_end <= _WINDOW and doc.toks[j].start < s_end:
            tok = doc.toks[j]
            if tok.key in _COMPLEMENTISERS and not _in_acronym(doc, j):
                if not (j > 0 and _no_speech_before_an(doc.toks, j - 1)):
                    found = j
                break
            if nominal and tok.key == "فقد":
                found = j  # «وبحسب موقع "الفجر"، فقد حصل …»: the clause follows فقد as it follows فإن
                break
            if tok.text in _OPENING_MARKS and (skip := _quoted_name_end(doc, j, s_end, max_words=_TERM_MAX_PHRASE)):
                j = skip  # «أكد زعيم كوريا الشمالية "كيم جونغ أون" … أنه», «خلال ندوة حول "…" أنه»: a name or a title
                continue
            if (skip := _anonymity_end(doc, j)) is not None:
                j = skip  # «كما أكد لوكالة فرانس برس شاهد عيان طلب عدم الكشف عن هويته أن …»
                continue
            if tok.text == ":" and j + 1 < n and doc.toks[j + 1].key in _COMPLEMENTISERS:
                j += 1  # «وقال الناطق باسم الوزارة: إن …»: a colon before the complementiser
                continue
            if (
                tok.text == ":" and (j in (first, np_end) or doc.toks[j - 1].key in _SAYING_NOUNS)  # «… بالقول: …»
                and cue is not None and (not cue.present or _conjoined(doc, i))
                and (words := _unmarked_after_colon(doc, i, j, s_end))
            ):  # not a headline's present tense («مصدر أمني يوضح الجم : قطع …»)
                out.append(_Pending("direct", words[0], words[1], "cue_colon_unmarked", cue_index=i))
                break
            if not tok.word and tok.text not in "،,()" and not _inside_word(doc.text, tok.start, tok.end):
                break  # («لقناة "آي.بي.سي"»: the dots of an acronym go on)
            if (
                tok.word and j >= first and not _relays_statement(doc, j) and not _describes_noun(doc, j)
                and (doc.cue(j) is not None or (doc.nominal_at(j) and tok.key.removeprefix("و") not in _CIRCUMSTANTIAL_NOMINALS))
            ):
                break  # a nearer cue («، مضيفا أن», «، نقلا عن X، أن») owns the clause
            j += 1
        if found < 0:
            # a cue earlier in the sentence that has its own clause owns it («قال X إن …، حسب …»); one with a
            # noun object («كشفت الفرقة … عن قطعة أثرية، حسب ما صرح به مصدر أمني») does not
            lo = doc.tok_at(s_start)
            own_cue = any(
                doc.cue(k) is not None
                and doc.toks[k - 1].key not in _WHAT  # «احتجاجا على ما اعتبره "مماطلة"، وفق ما أكده مراسل …»
                and any(
                    (doc.toks[m].key in _COMPLEMENTISERS and not _no_speech_before_an(doc.toks, m - 1))  # not «بعد أن»
                    or doc.toks[m].text in _OPENING_MARKS
                    for m in range(k + 1, i)
                )
                for k in doc.speech_in(lo, i - 1)
            )  # «أكد الوزير … "حرص بلاده …"، حسب بلاغ للرئاسة»: the verb quoted its speaker already
            source = i
            if not nominal and i >= 2 and doc.toks[i - 1].key in _AS_ALSO and cue is not None and cue.kind == "verb":
                source = i - 1  # «…، كما أعلن محاميه.»: the verb's subject is the source of the sentence before
            if (nominal or source < i) and not own_cue and _trailing_source(doc, source, s_start) and _ends_sentence(doc, np_end, s_end):
                before = doc.toks[source - 1]
                if before.key == _DHALIKA and source >= 2 and doc.toks[source - 2].text in "،,":
                    before = doc.toks[source - 2]  # «…، وذلك وفق ما أفاد به مصدر أمني»: «that was» belongs to the tag
                # without a comma: keep the last word, or the closing mark of a quoted one
                start, end = s_start, before.end if before.word or before.text in _MARK_CHARS else before.start
                end = _trim_end(doc.text, s_start, end)
                out.append(_Pending("indirect", start, end, "source_after", cue_index=i))
            continue
        rule = "nominal_cue_that" if nominal else ("participle_that" if cue and cue.kind == "participle" else "cue_that")
        content: int | None = found + 1
        while content is not None and content < n:  # «قالت إن … وإن …»: one clause per complementiser
            start = doc.toks[content].start
            end, content = _indirect_end(doc, content, s_end)
            if end > start and not _wholly_quoted(doc.text, start, end, spans):
                out.append(_Pending("indirect", start, end, rule, cue_index=i))
    return out


_BYLINE_CUES = frozenset(key_of(w) for w in ["كتب", "كتبت"])  # «كتب أشرف ممتاز: …» opening a paragraph: a byline
_LIST_MARKS = frozenset("-–—*•·/")


def _unmarked_after_colon(doc: _Doc, cue: int, colon: int, s_end: int) -> tuple[int, int] | None:
    """«قال احمد المالكي: اوزبكستان منتخب قوي …», «وتابع: …»: the words after the colon of the cue at token ``cue``,
    without marks, to the end of the sentence (or a stray closing mark), when they are at least three words and open
    no list or quote, and the cue is no byline's «كتب»."""
    if colon + 1 >= len(doc.toks):
        return None
    if doc.toks[cue].key in _BYLINE_CUES and doc.paragraph_of(doc.toks[cue].start)[1] == doc.toks[cue].start:
        return None
    first = doc.toks[colon + 1]
    if first.start >= s_end or not first.word or first.text[:1] in _LIST_MARKS:
        return None  # a quote in marks («: "…"»), a list («: -عدم …») or nothing
    end = s_end
    for k in range(colon + 1, doc.tok_at(s_end)):
        if doc.toks[k].text in _MARK_CHARS:
            end = doc.toks[k].start  # «… ولا بد من أن نقبل بقانون اللعبة".»: a closing mark with no opening one
            break
    end = _trim_end(doc.text, first.start, end)
    if len(doc.text[first.start : end].split()) < 3:
        return None
    return first.start, end


def _circumstantial_participle(doc: _Doc, k: int) -> bool:
    """«مخاطبا», «متحدثا», «مبتسما»: an accusative active participle (م…ا) right after a verb describes how its
    subject spoke; it never opens the subject. Roles and names («مراد», «مصطفى») are not taken for one."""
    key = doc.toks[k].key
    return (
        key.startswith("م") and key.endswith("ا") and len(key) >= 5 and not key.endswith(("ءا", "نا"))  # not «مراسلنا»
        # a longer word of another shape is a name («وقال مينجما شيربا»), unless it ends in «ها», a possessive that
        # names nobody either («مصادرها», «مخاوفها»)
        and (len(key) == 5 or _derived_participle(key) or key.endswith("ها"))
        and doc.words[k].role is None and not doc.words[k].given_name and not doc.lex.is_organisation(doc.toks[k].text)
    )


_ASKED_FOR = frozenset(key_of(p + w + e) for p in ("", "و") for w in ["طلب", "فضل", "رفض", "اشترط", "آثر"] for e in ("", "ت", "وا", "ا")) | frozenset(
    key_of(w) for w in ["طالبا", "مفضلا", "رافضا", "مشترطا", "مؤثرا", "طالبة", "مفضلة", "رافضة", "مشترطة"]
)  # and how he spoke: «وقال طالبا عدم الكشف عن هويته»
_WITHHELD = frozenset(key_of(w) for w in ["الكشف", "ذكر", "كشف", "نشر", "الإفصاح", "إعلان"])
_IDENTITY = frozenset(key_of(w + e) for w in ["اسم", "هويت", "أسمائ", "هويات"] for e in ("ه", "ها", "هم", "هما"))  # «هويته»


def _anonymity_end(doc: _Doc, k: int) -> int | None:
    """Whether the words from token ``k`` ask for anonymity, after a source's phrase: «طلب عدم الكشف عن هويته»,
    «فضل عدم ذكر اسمه», «رفض الكشف عن اسمه». The token after them, else None."""
    toks = doc.toks
    if k >= len(toks) or toks[k].key not in _ASKED_FOR:
        return None
    m = k + 1
    if m < len(toks) and toks[m].key == _NOT:
        m += 1
    if m >= len(toks) or toks[m].key not in _WITHHELD:
        return None
    for e in range(m + 1, min(m + 3, len(toks))):
        if toks[e].key in _IDENTITY:
            return e + 1
    return None


def _surname_after_title(doc: _Doc, tok: _Tok) -> bool:
    """«السنيورة» in «الرئيس السنيورة»: a definite word after a title that ends a person's name in the text, or that
    no list knows as an everyday word, a nisba adjective or an institution («الرئيس التونسي», «الوزير الأول» are
    titles)."""
    key = tok.key
    if (
        not key.startswith("ال") or key.endswith(_NISBA_ENDINGS) or key.endswith(("ين", "ون", "ات")) or key.startswith("الم")
        or doc.lex.role_gender(tok.text) is not None
    ):
        return False  # nor a plural («نقيب الموسيقيين») or a participle («المنضم»)
    if any(t.key == key and k and doc.words[k - 1].given_name for k, t in enumerate(doc.toks)):
        return True  # «فؤاد السنيورة» elsewhere in the text
    return key not in doc.lex.everyday and doc.lex.in_name(tok.text) and not doc.lex.is_organisation(tok.text) and not _place_name(tok.text)


def _plain_participle(doc: _Doc, k: int) -> bool:
    """«شارحا», «ضاحكا», «مازحا»: the accusative active participle of a plain verb (فاعلا), right before a
    complementiser or punctuation, says how the subject spoke; a given name of that shape («رانيا») is a name."""
    key = doc.toks[k].key
    nxt = doc.toks[k + 1] if k + 1 < len(doc.toks) else None
    return (
        len(key) == 5 and key[1] == "ا" and key.endswith("ا") and not key.endswith("ءا")
        and doc.words[k].role is None and not doc.words[k].given_name and not doc.lex.is_organisation(doc.toks[k].text)
        # («شارحا امتناعه عن التصويت»: also before its object with a pronoun)
        and (nxt is None or not nxt.word or nxt.key in _COMPLEMENTISERS or ((stem := _pronoun_stem(nxt.key)) is not None and _masdar(stem)))
    )


def _derived_participle(key: str) -> bool:
    """«متحدثا», «مستشهدا», «مخاطبا», «مبتسما»: the accusative participle of a derived verb (forms III, V, VI,
    VIII, X), not a name that happens to start with م and end with ا («ميخيا»)."""
    return key.startswith(("مت", "مست")) or (len(key) == 6 and key[2] in "ات")


_ABOUT_IT = _OBJECT_PRONOUNS | frozenset(key_of(w) for w in ["عنهم", "بهم", "فيه", "فيها"])  # «كشفت عنها»


def _describes_noun(doc: _Doc, k: int) -> bool:
    """«في وثيقة سياسية جديدة كشفت عنها خلال مؤتمر صحفي أنها …»: a verb right after an indefinite word, with a
    preposition and a pronoun that refer back to it, is a relative clause describing that noun; the clause after
    it belongs to the verb before («وأكدت الحركة»)."""
    if doc.cue(k) is None or k == 0 or k + 1 >= len(doc.toks) or doc.toks[k + 1].key not in _ABOUT_IT:
        return False
    before = doc.toks[k - 1]
    if before.key in _RELATIVE_MA or before.key in _RELATIVES or len(before.key) < 3:
        return False  # «بحسب ما صرح به»: «ما» is the statement, not a noun the verb describes
    return before.word and not before.key.startswith(("ال", "وال")) and doc.cue(k - 1) is None and before.key not in _COMPLEMENTISERS and (
        doc.words[k - 1].role is None and not doc.words[k - 1].given_name and not doc.words[k - 1].may_name
    )


def _earlier_cue_owns(doc: _Doc, k: int, s_start: int) -> bool:
    """Whether a cue earlier in the sentence of token ``k``, with no complementiser or quote between, may own the
    clause after it: «وأكدت الحركة في وثيقة كشفت عنها أنها …»."""
    lo = doc.tok_at(s_start)
    for m in reversed(doc.speech_in(lo, k)):
        if doc.cue(m) is not None or doc.nominal_at(m):
            return not any(
                doc.toks[x].key in _COMPLEMENTISERS or doc.toks[x].text in _OPENING_MARKS for x in range(m + 1, k)
            )
    return False


def _relays_statement(doc: _Doc, k: int) -> bool:
    """«في بيان، نقلته وكالة الأناضول»: a verb with an object pronoun right after a statement noun (and a comma)
    says who passed the statement on; it is no attribution of its own."""
    if doc.words[k].cue is not None or doc.words[k].pronoun_cue is None:
        return False
    m = k - 1
    if m >= 0 and doc.toks[m].text in "،,":
        m -= 1
    return (m >= 0 and doc.toks[m].key.removeprefix("ال") in doc.lex.documents) or _relays_event(doc, k) or _broadcast_speech(doc, k)


def _relays_event(doc: _Doc, k: int) -> bool:
    """«في ندوة صحفية نقلها عضو النقابة …»: a verb with an object pronoun right after an indefinite «في»-phrase
    (an event, not a document: «في بيان أصدره البرلمان» names its issuer) says who broadcast the event the speaker
    spoke at; it introduces no speaker."""
    if doc.words[k].cue is not None or doc.words[k].pronoun_cue is None or k < 1:
        return False
    prev = doc.toks[k - 1]
    return (
        prev.word and not prev.key.startswith("ال") and prev.key not in _WHAT and prev.key not in doc.lex.documents
        and _IN in (t.key for t in doc.toks[max(k - 3, 0) : k - 1])
    )


def _broadcast_speech(doc: _Doc, k: int) -> bool:
    """«وقال في كلمة له أمام البرلمان الجديد نقلها التلفزيون السوري "…"»: a verb with an object pronoun a few words
    after «في» + a speech event says who broadcast what the speaker said; the quote that follows is not its."""
    if doc.words[k].cue is not None or doc.words[k].pronoun_cue is None:
        return False
    toks = doc.toks
    # (the event's words may hold a quoted name and a comma: «في حوار مع موقع "ميدل إيست آي" البريطاني، ونقله …»)
    return any(
        toks[m].key == _IN and toks[m + 1].key in _SETTINGS and toks[m + 1].key not in _DEMONSTRATIVES
        and all(toks[x].word or toks[x].text in _LINKING_MARKS for x in range(m, k))
        for m in range(max(k - 12, 0), k - 1)
    )


_LINKING_MARKS = frozenset('"«»“”،,')


_TO_ON = frozenset(key_of(w) for w in ["إلى", "على"])
_DHALIKA = key_of("وذلك")
_SOURCE_AFTER = frozenset(key_of(w) for w in ["بحسب", "حسب", "حسبما", "وفق", "وفقا", "طبقا", "كما"])


def _ends_sentence(doc: _Doc, j: int, s_end: int) -> bool:
    """Only the source's complements («لمراسلة الجوهرة بالجهة», «في الجلسة الأولى لمنتدى …») follow token ``j``
    in the sentence, or a participle that goes on with the same source («…، وفق ما أعلنه البيت الأبيض مضيفا أن»)."""
    k = j
    if k < len(doc.toks) and doc.toks[k].text in "،,":
        k += 1
    if k < len(doc.toks) and doc.toks[k].key in _RELATIVES:
        return True  # «…، بحسب الوزير الذي استدرك أن …»: the relative clause is the source's next statement
    k = j
    while k < len(doc.toks) and doc.toks[k].start < s_end:
        if k - j > 30:
            return False
        if doc.toks[k].key in _COMPLEMENTISERS:
            m = k - 1
            while m > j and not doc.toks[m].word:
                m -= 1
            cue = doc.cue(m) if m >= j else None
            prep = doc.toks[m].key in _TO_ON and m - 1 >= j and doc.cue(m - 1) is not None  # «مشيرا إلى أن»
            return (cue is not None and cue.kind == "participle") or (prep and doc.cue(m - 1).kind == "participle")
        k += 1
    return True


def _trailing_source(doc: _Doc, i: int, s_start: int) -> bool:
    """«[clause]، بحسب X.» at the start of a paragraph; without the comma only a report names the source
    («… حسب ما أكدته مراسلة الجوهرة», «… حسب بلاغ للداخلية»)."""
    if i == 0 or _without_wa(doc.toks[i].key, _SOURCE_AFTER) not in _SOURCE_AFTER:
        return False
    if _source_tag(doc, i):
        return False  # «…، وفق تعبيره»: the speaker's own words, tagged, not a source
    m = i + 1 if i + 1 < len(doc.toks) and doc.toks[i + 1].key in ("ما", "لما") else (i if doc.toks[i].key.endswith("ما") else None)
    if m is not None and (m + 1 >= len(doc.toks) or (doc.cue(m + 1) is None and doc.toks[m + 1].key not in _CAME)):
        # «حسبما أظهرت خرائط …», «وفق ما يلزمه الدستور»: what shows or requires it, nobody's words («بحسب ما جاء في
        # بيان الهيئة» is a statement's)
        return False
    _, p_start, _ = doc.paragraph_of(doc.toks[i].start)
    if s_start != p_start and doc.toks[i].key in _AS_ALSO:
        return False  # inside a paragraph only «[sentence]، حسب/وفق X.»
    if doc.toks[i - 1].text not in "،,":
        nxt = doc.toks[i + 1].key if i + 1 < len(doc.toks) else ""
        reported = doc.toks[i].key.endswith("ما") or nxt == "ما" or any(w in doc.lex.documents for w in _strip_prefixes(nxt))
        # the clause may end on a quoted word: «… من نوع "بركيزول" وفق ما أكده مصدر أمني»
        named = i + 1 < len(doc.toks) and doc.toks[i + 1].word and (
            _plain_subject(doc, i + 1) or doc.toks[i + 1].key.removeprefix("ال") in _MEDIA_TYPES
        )  # «… حسب مصدر أمني», «… حسب صحيفة "ديلي ميل"», «… وفق رئيسة المجمع وحيدة سعدي»: a source by its kind
        if not ((reported or named) and (doc.toks[i - 1].word or (doc.toks[i - 1].text in _MARK_CHARS and doc.quoted(doc.toks[i - 1].start - 1)))):
            return False
    return doc.toks[i - 1].start - s_start > 10


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,.؛;"):
        end -= 1
    return end


_CREDIT_WORDS = frozenset(key_of(w) for w in ["الفرنسية", "الأوروبية", "الألمانية", "أرشيف", "وكالات", "أ", "ف", "ب"])


def _agency_credit(doc: _Doc, k: int) -> bool:
    """The brackets opening at token ``k`` credit a news agency, as wire copy credits a photo: «(رويترز)»,
    «(الفرنسية)», «(الفرنسية - أرشيف)», «(أ ف ب)»."""
    close = _bracketed_end(doc, k)
    inside = doc.toks[k + 1 : close - 1] if close else []
    return bool(inside) and len(inside) <= 4 and all(
        t.key in _CREDIT_WORDS or t.key in doc.lex.agencies or t.text in "-–" for t in inside
    ) and any(t.word for t in inside)


def _indirect_end(doc: _Doc, k: int, s_end: int) -> tuple[int, int | None]:
    """End of a reported clause, and the token after a coordinated «وأن/وإن» that opens the next one.

    The clause runs to the sentence end, or stops at a comma opening a new attribution, at a participle
    cue with its own complementiser even without a comma («… مؤكدة أن …»), at a source tag
    («حسب تعبيره», «على حد قوله») or at «وأن/وإن», which starts a second clause of the same cue.
    """
    n = len(doc.toks)
    end = s_end
    first = k
    floor = doc.toks[k].start
    following = None
    if (
        doc.toks[k].text in _OPENING_MARKS and (span := doc.quoted_span(doc.toks[k].end)) is not None
        and span[1] < s_end and _writer_after(doc, span[1], s_end)
    ):
        # «أن "…"، في حين …», «ان "…" لدى لقائه به»: the clause is the quote; the writer goes on after it
        return span[1] + 1, None
    while k < n and doc.toks[k].start < s_end:
        tok = doc.toks[k]
        if tok.text in "،," and k + 1 < n:
            nxt = doc.toks[k + 1]
            cue = doc.cue(k + 1)
            if (cue is not None and (cue.kind == "participle" or nxt.key[:1] in "وف")) or doc.nominal_at(k + 1):
                end = tok.start
                break
            if (nxt.key in _CONNECTIVES or nxt.key in _CLAUSE_BREAKERS) and _attribution_ahead(doc, k + 2, s_end):
                end = tok.start  # «، فيما أشارت الإدارة أن …», «، إذ أكد الخبراء أن …»
                break
            if nxt.key in _AND_IT and _attribution_ahead(doc, k + 2, s_end, past_after_noun=True):
                end = tok.start  # «، وهو تعليق قال الناطق … إن …» (not «، وهو رقم يتوقع ان …»: expected to)
                break
        elif tok.text == "(" and k > first and _agency_credit(doc, k):
            end = tok.start  # «… آلاف البريطانيين المسلمين (رويترز) وفي مانشيستر …»: a photo's credit, then other copy
            break
        elif k > first and tok.word:
            cue = doc.cue(k)
            if cue is not None and cue.kind == "verb" and not cue.present and _conjoined(doc, k) and (
                _complementiser_within(doc, k + 1, 2) or _subject_then_complementiser(doc, k + 1, s_end)
                # «… تأييد النص وقال ممثل قطر جمال ناصر البدر شارحا …»: a speech verb and a subject that plainly
                # opens (a title, a name, a body, a source) start a new sentence the page ran on
                or (
                    k + 1 < n and doc.toks[k + 1].start < s_end and cue.lemma not in _OBJECT_FIRST_CUES
                    and (_plain_subject(doc, k + 1) or _place_name(doc.toks[k + 1].text, whole=True))
                )
            ):
                end = tok.start  # «… من الطرقات وأوضح أن …», «… وأخلاقية واضاف البيان ان …»: a new attribution
                break
            if cue is not None and cue.kind == "participle" and (
                cue.gender == "m" or _complementiser_within(doc, k + 1, 2)
                # «… مشددة على ضرورة …», «… مضيفة "…"»: its preposition or a quote right after it, not after an
                # indefinite feminine noun it describes («12 حالة مؤكدة على مستوى الولاية»: confirmed)
                or (
                    k + 1 < n and (doc.toks[k + 1].key in _ON_TO or (doc.toks[k + 1].text in _OPENING_MARKS and _opens_quote(doc, k + 1)))
                    and not (doc.toks[k - 1].word and not doc.toks[k - 1].key.startswith(("ال", "لل", "بال", "وال"))
                             and doc.toks[k - 1].key.endswith(("ة", "ات")))
                )
            ):
                # «… مؤكدة أن», «… داعيا التونسيين إلى»: feminine forms also name things («متابعة», «معتبرة»)
                end = tok.start
                break
            if _source_tag(doc, k):
                end = tok.start
                break
            if tok.key in _COORDINATED and k + 1 < n and doc.toks[k + 1].start < s_end and doc.toks[k - 1].key not in _SINCE and not doc.quoted(tok.start):
                end = tok.start
                following = k + 1
                break
            if (  # «… و أن ابنه تدخل»: the conjunction written apart
                tok.key == "و" and k + 2 < n and doc.toks[k + 1].key in _COMPLEMENTISERS and doc.toks[k + 2].start < s_end
                and doc.toks[k - 1].key not in _SINCE
            ):
                end = tok.start
                following = k + 2
                break
            if tok.key in _WHILE and k + 1 < n and (c := doc.cue(k + 1)) is not None and c.kind == "verb":
                end = tok.start  # «… في العراق فيما اعتبر …»: a new attribution without a comma
                break
            if (
                tok.key in _AS_ALSO and k + 1 < n and (c := doc.cue(k + 1)) is not None and c.kind == "verb" and not c.present
                and _complementiser_within(doc, k + 2, 2)
            ):
                end = tok.start  # «… وهدد بالانتحار كما أكد أنه تعرض …»: a new attribution without a comma
                break
            if (
                tok.key.removeprefix("و") in _BUT_HE and k + 1 < n and (c := doc.cue(k + 1)) is not None and c.kind == "verb"
                and _complementiser_within(doc, k + 2, 2)
            ):
                end = tok.start  # «… كأس العالم المقبلة لكنه قال إنه يأمل …»: a new attribution without a comma
                break
            if tok.key.removeprefix("و") == "في" and k + 1 < n and doc.toks[k + 1].key in _OWN_STATEMENT:
                end = tok.start  # «… منذ نهاية ديسمبر في تعليقه على شكاوى …»: the reporter's framing
                break
        k += 1
    return _trim_end(doc.text, floor, end), following


_SPOKE = frozenset(key_of(w) for w in ["تحدث", "تحدثت", "تحدثوا"])  # without و/ف: see _Doc.cue
_WARNING_CUES = frozenset(key_of(w) for w in ["حذر", "نبه"])
_TRANSITIVE_CUES = frozenset(key_of(w) for w in ["وصف", "اتهم", "طالب", "دعا", "انتقد", "حذر", "نبه", "حمل", "أدان", "دان", "أرجع", "فسر"])
_OBJECT_THEN_BA_CUES = frozenset(key_of(w) for w in ["وصف", "اتهم"])  # «وصف X بأنه …», «اتهم X بـ…»
# cues whose object may come first («وأبلغ الأمين العام احتجاجه»: whom he told), unlike «قال», «أكد» …
_OBJECT_FIRST_CUES = _TRANSITIVE_CUES | frozenset(key_of(w) for w in ["أبلغ", "أخبر", "أفاد", "ناشد", "سأل", "وعد", "طمأن", "خاطب", "هدد"])
_WHILE = frozenset(key_of(w) for w in ["فيما", "بينما", "وفيما"])
_NOT = key_of("عدم")
_STATE = key_of("دولة")  # «دولة الإمارات»: a state, though «دولة رئيس الوزراء» is an honorific
_BUT_HE = frozenset(key_of(w) for w in ["لكنه", "لكنها", "لكنهم", "لكنهما"])
_CONNECTIVES = frozenset(key_of(w) for w in ["فيما", "إذ", "حيث", "كما", "ثم", "وفيما"])
_AND_IT = frozenset(key_of(w) for w in ["وهو", "وهي"])  # «، وهو تعليق قال الناطق إن …»: a new attribution may follow


def _attribution_ahead(doc: _Doc, j: int, s_end: int, *, past_after_noun: bool = False) -> bool:
    """After «، لكنه/فيما/إذ …» at token ``j``: a cue right away («لكنه حذر»), or a short subject then a cue with
    its complementiser («فيما أشارت الإدارة أن», «إذ أكد الخبراء أن»); with ``past_after_noun``, a past verb after
    a word («وهو تعليق قال الناطق … إن»)."""
    n = len(doc.toks)
    for c in range(j, min(j + 7, n)):
        tok = doc.toks[c]
        if tok.start >= s_end or (not tok.word and tok.text not in _MARK_CHARS and tok.text not in "()"):
            return False
        cue = doc.cue(c)
        if cue is not None and past_after_noun and (c == j or cue.kind != "verb" or cue.present):
            return False
        if cue is not None and cue.kind != "nominal":
            return c == j or _complementiser_within(doc, c + 1, 2) or any(
                doc.toks[m].key in _COMPLEMENTISERS for m in range(c + 1, min(c + 8, n)) if doc.toks[m].start < s_end
            )
    return False


_COORDINATED = frozenset(key_of(w) for w in ["وأن", "وإن", "وأنه", "وإنه", "وأنها", "وإنها", "وأنهم", "وإنهم", "وبأن"])
_SINCE = frozenset(key_of(w) for w in ["خاصة", "خصوصا", "سيما", "علما"])  # «خاصة وأنه …», «علما وأن …»: «since», no new clause
_OWN_STATEMENT = frozenset(
    key_of(w) for w in ["تعليقه", "تعليقها", "تصريحه", "تصريحها", "حديثه", "حديثها", "رده", "ردها", "كلمته", "كلمتها"]
)
_SOURCE_TAG_NOUNS = frozenset(
    key_of(w)
    for w in ["تعبيره", "تعبيرها", "تعبيرهم", "قوله", "قولها", "قولهم", "وصفه", "وصفها", "تأكيده", "تأكيدها", "تقديره",
              "تقديرها", "تقديرهم", "رأيه", "رأيها", "رأيهم", "ترجيحه", "ترجيحها", "روايته", "روايتها", "اعتقاده", "اعتقادها"]
)


def _complementiser_within(doc: _Doc, k: int, width: int) -> bool:
    """«مؤكدة أن», «مشيرا إلى أن»: a complementiser within ``width`` tokens from ``k``."""
    for idx in range(k, min(k + width, len(doc.toks))):
        if doc.toks[idx].key in _COMPLEMENTISERS:
            return True
        if doc.toks[idx].key not in _LINKING_PREPOSITIONS:
            return False
    return False


def _conjoined(doc: _Doc, k: int) -> bool:
    """A cue with «و/ف» before it («وأوضح», «فقال»), not one whose stem opens with «و» («وعدت»: promised)."""
    tok = doc.toks[k]
    return tok.key[:1] in "وف" and doc.lex.cue(tok.text[1:]) is not None


def _subject_then_complementiser(doc: _Doc, k: int, s_end: int) -> bool:
    """After a cue: its subject (up to five words, no punctuation) and then a complementiser, or a colon right away:
    «واضاف البيان ان …», «وحذر الدول الثلاث من أن …», «وقال: …»."""
    if k < len(doc.toks) and doc.toks[k].text == ":":
        return True
    for idx in range(k, min(k + 6, len(doc.toks))):
        tok = doc.toks[idx]
        if tok.start >= s_end or not tok.word:
            return False
        if tok.key in _COMPLEMENTISERS:
            return idx > k
    return False


_LINKING_PREPOSITIONS = frozenset(key_of(w) for w in ["إلى", "على", "عن"])  # «مشيرا إلى أن», «مشددا على أن»


_TAGGING_NOMINALS = frozenset(key_of(w) for w in ["حسب", "بحسب", "وفق", "وفقا"])


_ACCORDING_TO = frozenset(key_of(w) for w in ["وفقا", "طبقا", "استنادا"])


def _according_to(key: str) -> bool:
    """«وفقا», «ووفقا», «طبقا», «استنادا»: a nominal cue whose source follows with ل."""
    return key in _ACCORDING_TO or (key[:1] in "وف" and key[1:] in _ACCORDING_TO)


def _without_li(text: str) -> str:
    """«لصحيفة الشروق» → «صحيفة الشروق», «للتلفزيون الرسمي» → «التلفزيون الرسمي»."""
    return "ال" + text[2:] if text.startswith("لل") else text[1:] if text.startswith("ل") else text


def _without_wa(key: str, words: frozenset[str]) -> str:
    """``key`` without a conjunction و, unless it is one of ``words`` as it stands («وفق» is no و + «فق»)."""
    return key if key in words else key.removeprefix("و")


def _source_tag(doc: _Doc, k: int) -> bool:
    """«حسب تعبيره», «وفق قوله», «على حد قوله»: the reporter closing the clause."""
    key = _without_wa(doc.toks[k].key, _TAGGING_NOMINALS)
    nxt = doc.toks[k + 1].key if k + 1 < len(doc.toks) else ""
    if key in _TAGGING_NOMINALS:
        return nxt.removeprefix("ل") in _SOURCE_TAG_NOUNS
    if key == _ALA and nxt == "حد" and k + 2 < len(doc.toks):
        return doc.toks[k + 2].key in _SOURCE_TAG_NOUNS
    return False


def _wholly_quoted(text: str, start: int, end: int, spans: list[QuotedSpan]) -> bool:
    """The clause is just a quotation («قال إن "…"», «وأضاف أن: "…"»): the quote is the direct quote, not indirect."""
    if text.startswith(":", start):
        start = len(text) - len(text[start + 1 :].lstrip()) if start + 1 < end else start
    return any(span.open <= start + 1 and span.open >= start - 1 and span.close >= end - 1 for span in spans)


def _attribute(doc: _Doc, pending: list[_Pending]) -> tuple[dict[int, _Attribution], _Registry]:
    """Resolve speakers in text order so implicit subjects and aliases see what came before."""
    registry = _Registry(doc, [(p.start, p.end) for p in pending])  # quoted names too: «"سليمان"» is a place
    direct_starts = {p.start for p in pending if p.kind == "direct"}
    resolved: dict[int, _Attribution] = {}
    out: dict[int, _Attribution] = {}

    def resolve_cue(i: int) -> _Attribution:
        if i in resolved:
            return resolved[i]
        tok = doc.toks[i]
        cue = doc.cue(i)
        nominal = doc.nominal_at(i) if cue is None else 0
        cue_text = doc.text[tok.start : doc.toks[i + nominal - 1].end] if nominal else tok.text
        _, s_start, s_end = doc.sentence_of(tok.start)
        # «حسبما أكده اليوم الأحد الناطق …»: the subject follows the date
        after = _skip_time(doc, _after_cue(doc, i, nominal), s_end)
        after = _skip_channel(doc, after)  # «وأضافت عبر البريد الإلكتروني "…"»: how she said it, no subject
        if nominal:
            after = _skip_setting(doc, after, s_end)  # «بحسب ما أكده في تصريح هاتفي للجوهرة، مساعد رئيس المركز …»
        li = nominal == 1 and _according_to(tok.key) and after < len(doc.toks) and doc.toks[after].key.startswith("ل")
        first_after = after
        addressed_only = False  # the phrase after the cue is only whom the statement was made to
        if not li and after < len(doc.toks) and doc.toks[after].word and doc.toks[after].key[:1] == "ل" and doc.toks[after].key[1:2] != "ل" and _addressee(doc, doc.toks[after].key):
            after = _after_addressee(doc, after, s_end)  # «وفق ما صرحت به لوكالة تونس إفريقيا للأنباء وزيرة السياحة …»
            addressed_only = after == first_after  # «وقال لرويترز إن …»: no subject follows
        while not li and after < len(doc.toks) and after - first_after <= 2 and doc.toks[after].key.startswith("لل") and doc.toks[after].word:
            after += 1  # «قال للقاضي …»: whom he spoke to; the subject is implicit or follows
            if _addressee(doc, doc.toks[after - 1].key):  # «بحسب ما أكده للجوهرة أف أم، الكاتب العام …»
                comma = next((m for m in range(after, min(after + 4, len(doc.toks))) if doc.toks[m].text in "،,"), None)
                if comma is not None and all(doc.toks[m].word for m in range(after, comma)):
                    after = comma + 1
                while after < len(doc.toks) and after - first_after <= 5 and (
                    doc.toks[after].key in _STATION_TAILS
                    or (doc.toks[after].text in _MARK_CHARS and not _opens_quote(doc, after))  # not «وأضاف للصحفيين "لا يمكن …"»
                ):
                    after += 1  # «وفق ما صرح به للجوهرة اف ام" الناطق الرسمي …»: the station's name, then the subject
        if (
            cue is not None and cue.kind == "verb" and cue.lemma not in _OBJECT_FIRST_CUES and after + 1 < len(doc.toks)
            and doc.toks[after].key in _RESUMPTIVE_IN and doc.toks[after + 1].word
            and (end := _parse_np(doc, after + 1, s_end)[1]) > after + 1 and end < len(doc.toks) and doc.toks[end].key in _COMPLEMENTISERS
        ):
            after += 1  # «في وقت أعلن فيه سولانا أن …»: the relative's «فيه» points back to the time; its subject follows
        np_start, np_end = _parse_np(doc, after, s_end, transitive=cue is not None and cue.lemma in _TRANSITIVE_CUES)
        if li:  # «وفقا لصحيفة الشروق»: the ل-word (a boundary elsewhere) opens the source
            np_start, np_end = after, max(after + 1, _parse_np(doc, after + 1, s_end)[1])
        elif np_end > np_start and cue is not None and _own_addressee(doc, np_start):
            np_end = np_start  # «قال لزملائه في التربص:»: whom he spoke to, his own people; the subject is implicit
        elif (
            np_end > np_start and cue is not None and cue.lemma in _TRANSITIVE_CUES and _masdar(doc.toks[np_start].key)
            and len(doc.toks[np_start].key) >= 6  # (an إفعال shape is also a plural or a country: «أعضاء», «ايران»)
            and doc.words[np_start].role is None and not doc.words[np_start].given_name and not doc.lex.is_organisation(doc.toks[np_start].text)
        ):
            np_end = np_start  # «ووصف استخدام إسرائيل لتلك القنابل بأنه …»: a verbal noun right after the verb is its object
        np_end = registry.known_name_end(np_start, np_end)  # «ووصف الطاهري منح حق …» → «الطاهري»
        np_end = _organisation_end(doc, np_start, np_end)  # «أدانت منظمة الشفافية الدولية التهديدات …»
        np_end = _for_purpose_end(doc, np_start, np_end, s_end)  # «حزب المؤتمر من أجل الجمهورية»
        np_end = next(  # «قال له الموظف "هذا الاسم ممنوع تسجيله"»: the speaker ends where a direct quote opens
            (m for m in range(np_start + 1, np_end) if not doc.toks[m].word and doc.toks[m].end in direct_starts),
            np_end,
        )
        if cue is not None and cue.lemma in _WARNING_CUES:
            # «حذرت دراسة نرويجية حديثة من خطر …»: after «حذر/نبه», «من» and an indefinite noun open what it warns
            # of (not «علماء فلك من الأكاديمية التشيكية»: where they come from)
            np_end = next(
                (
                    m for m in range(np_start + 1, np_end - 1)
                    if doc.toks[m].key == _FROM and not doc.toks[m + 1].key.startswith("ال") and not doc.lex.is_organisation(doc.toks[m + 1].text)
                ),
                np_end,
            )
        if np_end > np_start and not nominal and (
            _prepositional_object(doc, np_start)
            or _masdar_with_pronoun(doc.toks[np_start].key)  # «أبدى إعجابه بأعماله», «وأبدت استعدادها لتسوية …»
        ):
            np_end = np_start  # «أقر بوجود عديد الصعوبات»: what follows is the verb's object, the subject is implicit
        if addressed_only:
            np_end = np_start  # «وقال لرويترز إن …»: whom he spoke to, not who spoke; the subject is implicit
        if np_end - np_start == 1 and doc.toks[np_start].key in _PREPOSITION_PRONOUNS | _TO_US:
            np_end = np_start  # «عقد … لقاء صحفيا، أكد خلاله أنه»: during it, «وقالت لي إن»: to me; the subject is implicit
        if nominal and _source_tag(doc, i):
            np_end = np_start  # «وفق تقديره», «حسب تعبيرها»: its pronoun is the speaker the text is already quoting
        if np_end > np_start and doc.words[i].pronoun_cue is not None and (
            (doc.words[i].cue is None and _indefinite_accusative(doc, np_start)) or (cue is not None and _accusative_object(doc, np_start))
        ):
            # «وهو ما اعتبره عاملا سيتسبب في …», «التي اعتبرها شأنا عاما»: the verb's second object; the subject is
            # implicit
            np_end = np_start
        if (
            np_end > np_start and cue is not None and i > 0 and doc.toks[i - 1].key in _RELATIVE_MA
            and doc.words[i].pronoun_cue is not None and doc.toks[np_start].text in _OPENING_MARKS
        ):
            np_end = np_start  # «على ما اعتبره "سوء التفاهم"»: the relative's quoted object, not its subject
        if (
            np_end > np_start and cue is not None and cue.lemma in _TRANSITIVE_CUES and np_start == after and doc.toks[np_start].word
            and not doc.toks[np_start].key.startswith(("ال", "وال")) and doc.toks[np_start].key.endswith(("يته", "يتها", "يتهم"))
            and doc.words[np_start].role is None and not doc.words[np_start].given_name
        ):
            np_end = np_start  # «ووصفت شخصيته بـ"الغريبة"»: a noun with its pronoun right after the verb is the object
        if np_end > np_start and not nominal and _adverbial(doc, np_start):
            np_end = np_start  # «وأكد تعقيبا على …»: an adverb after the verb, whose subject is implicit
        if np_end - np_start == 1 and not li and _no_agent(doc, np_start):
            np_end = np_start  # «وأكد دائما أن», «وأبرز ضرورة …»: one everyday word that names nobody
        published = next((k for k in range(np_start + 1, min(np_end - 1, np_start + 3)) if _published_by(doc.toks[k].key)), None)
        if published is not None and (doc.toks[published + 1].key.startswith("ال") or doc.lex.is_organisation(doc.toks[published + 1].text)):
            np_start = published + 1  # «وفق بحث ميداني أنجزه المعهد الوطني للاستهلاك»: who carried it out
        elif np_end > np_start and (publisher := _publisher_after(doc, np_start, np_end, s_end)) is not None:
            np_start, np_end = publisher  # «ووفق التقرير الذي نشره البنك المركزي، فإن …»
        relayed = ""
        quoted_speaker = _speaker_of_qawluhu(doc, np_end, s_end) if cue is not None else None
        if quoted_speaker is None and cue is not None and cue.lemma in _RELAY_MARKERS and np_end > np_start:
            # from the phrase's start: its «عن» may have been read as part of a title («… عن ستيف ساليسبري قوله»)
            quoted_speaker = _speaker_of_qawluhu(doc, np_start, s_end)
        if quoted_speaker is not None:
            np_start, np_end = quoted_speaker  # «نسبت الوكالات إلى تميم قوله إن …»: the one whose words are relayed
            pronoun = doc.toks[np_end].key.removeprefix("قول")
            relayed = {"ه": "M", "ها": "F"}.get(pronoun, "P")  # the verb agrees with the relaying agency, قوله with the speaker
        elif (
            cue is not None and cue.lemma in _RELAY_MARKERS and np_end > np_start
            and (source := _relayed_source(doc, np_start, s_end, markers=_RELAY_MARKERS[cue.lemma])) is not None
        ):
            np_start, np_end = source  # «ونقلت وكالة "سانا" عن مصدر في قيادة الشرطة أن …»: the source the agency relays
            relayed = "P"  # the verb agrees with the agency, not with the source
        if nominal and doc.toks[i].key.removeprefix("و") == "في":
            np_start = np_end = after  # «في تصريح إعلامي»: what follows describes the statement, not the speaker
        if cue is not None and cue.kind == "participle":
            np_start = np_end = i + 1  # «مضيفا», «داعيا الأولياء»: the subject is the clause's, what follows is an object
        elif np_end > np_start and (
            ((c := doc.cue(np_start)) is not None and c.kind == "participle") or _circumstantial_participle(doc, np_start)
            or _anonymity_end(doc, np_start) is not None  # «وقال طالبا عدم الكشف عن هويته "…"»
        ):
            np_start = np_end = i + 1  # «وتابعت مفسرة أن», «وأضاف مخاطبا زوكربيرغ»: a participle describes the implicit subject
        if (
            cue is not None and not nominal and np_end - np_start >= 2 and doc.toks[np_start].key in _DEMONSTRATIVES
            and doc.words[np_start + 1].role is None and not doc.lex.is_organisation(doc.toks[np_start + 1].text)
            and doc.toks[np_start + 1].key not in _SOURCE_NOUNS | _THE_LATTER
        ):
            np_start = np_end = i + 1  # «وأرجع هذه التحركات إلى»: the verb's object («وأضاف هذا المسؤول» is its subject)
        if cue is not None and cue.gender == "p" and tok.key.endswith("ا") and np_end > np_start and not nominal:
            # «ووصفوا الوضع بـ"…"», «وأكدا صراحة أن»: a plural or dual verb carries its subject, what follows is an
            # object or an adverb
            np_start = np_end = i + 1
        if (
            cue is not None and cue.kind == "verb" and cue.gender == "m" and np_end > np_start and not nominal
            and doc.toks[np_start].key.startswith("ال") and doc.toks[np_start].key.endswith("ة") and np_start == i + 1
            # (not right before the reported clause: «وأفاد القناة العاشرة بأن …» is the page's slip of gender)
            and not any(t.key in _COMPLEMENTISERS for t in doc.toks[np_end : np_end + 2])
        ):
            np_start = np_end = i + 1  # «ودعا الهيئة العليا … إلى»: a verb agrees with a subject after it; this is its object
        if (
            cue is not None and cue.kind == "verb" and cue.lemma in _OBJECT_THEN_BA_CUES and not nominal and np_end > np_start
            and doc.words[i].pronoun_cue is None and np_end < len(doc.toks)
            and (doc.toks[np_end].key.startswith("ب") or doc.toks[np_end].key in _RELATIVES)  # «… التي شنتها اسرائيل بأنها»
            and not _has_name(doc, np_start, np_end)
            and not any(doc.words[m].role is not None and not doc.lex.is_organisation(doc.toks[m].text) for m in range(np_start, np_end))
        ):
            # «ووصف طريقة معاملة استراليا للاجئين بأنها "مخزية"»: «وصف» takes an object before «بـ»; the one phrase
            # between them is that object, and the subject is implicit («ووصفه الرئيس بأنه» has its object in the verb)
            np_start = np_end = i + 1
        if cue is not None and cue.kind != "participle" and i > 0 and doc.toks[i - 1].key in _SUBJECT_CLOSERS and not relayed:
            # (not «وكانت وسائل الاعلام قد نقلت عن حمد قوله إن …»: the one whose words are relayed speaks)
            before = _subject_before(doc, i, s_start)  # «وكان رئيس المجلس، "…"، قد أكد منتصف فيفري …»: the
            if before[1] > before[0]:  # subject precedes «قد»; what follows the verb is a circumstantial
                np_start, np_end = before
        if (
            cue is not None and cue.kind == "verb" and np_end > np_start and not nominal
            and i > 0 and doc.toks[i - 1].key in _RELATIVES
            and (cue.lemma in _OBJECT_FIRST_CUES or not _may_open_subject(doc, np_start))
            and (antecedent := _relative_antecedent(doc, i, s_start))[1] > antecedent[0]
        ):
            # «قال الرئيس الإيراني الذي وصف إسرائيل بأنها "…"»: the verb of a relative clause on a person speaks for
            # him; what follows it is its object
            np_start, np_end = antecedent
        if np_end == np_start and cue is not None and cue.kind != "participle":
            np_start, np_end = _subject_before(doc, i, s_start)
        if (
            np_end == np_start and cue is not None and cue.kind == "verb" and (d := _document_said_in(doc, i)) is not None
            and (v := _publishing_verb(doc, d)) is not None and (publisher := _publishing_subject(doc, v, d)) is not None
        ):
            np_start, np_end = publisher  # «وكانت وزارة الاقتصاد قد نشرت بيانا قالت فيه إنها …»: who published it
        if np_end == np_start and cue is not None and cue.kind == "verb" and (whose := _said_in_relative(doc, i)) is not None:
            np_start, np_end = whose  # «تصريحات رئيس الجمهورية، الباجي قائد السبسي والتي قال فيها إنه …»
        if nominal and np_end > np_start and (announcer := _announced_by(doc, np_start, np_end, s_end)) is not None:
            np_start, np_end = announcer  # «بحسب حصيلة أولية أعلنتها الإدارة الجهوية للحماية المدنية»
        issuer = _document_issuer(doc, np_start, np_end, registry, li=li) if np_end > np_start else None
        if issuer is None and np_end > np_start and _same_source(doc, np_start, np_end):
            # «وأضاف نفس المصدر أن …»: the source named before — the latest «مصدر …», else the latest speaker
            issuer = registry.latest_source(tok.start) or _source_in_text(doc, np_start, registry) or registry.implicit("", tok.start)
        rule = "document_issuer"
        if issuer is None and np_end - np_start == 1 and (issuer := _organisation_antecedent(doc, np_start, registry)):
            rule = "organisation_antecedent"
        if issuer is None and np_end > np_start and (earlier := _indefinite_antecedent(doc, np_start, np_end, registry)):
            issuer, rule = earlier, "indefinite_antecedent"
        if issuer is None and np_end > np_start and (earlier := _described_organisation(doc, np_start, np_end, registry)):
            issuer, rule = earlier, "organisation_antecedent"
        if issuer is None and np_end - np_start == 1 and (earlier := _nationality_anaphor(doc, np_start, registry)) is not None:
            issuer, rule = earlier, "anaphoric_phrase"  # «وأضاف البرتغالي أن …» after «المدرب البرتغالي جوزيه مورينيو»
        if issuer is None and np_end > np_start and _anaphoric_phrase(doc, np_start, np_end, registry):
            prior = registry.implicit(cue.gender if cue else "", tok.start)
            if prior is not None and prior.name:  # «وأكد المسؤول الحكومي أن …», «وأضاف نفس الخبير»
                issuer, rule = prior, "anaphoric_phrase"
        if issuer is not None:
            if cue is not None and cue.gender == "f" and not issuer.root().gender and not relayed:
                issuer.root().gender = "F"  # «وأكدت البعثة في بلاغها»: the verb tells the institution's gender
            att = _Attribution(issuer, (doc.toks[np_start].start, doc.toks[np_end - 1].end), cue_text, rule)
        elif np_end > np_start:
            name, role, gender = _split_phrase(doc, np_start, np_end)
            if li:  # «وفقا لصحيفة الشروق» → «صحيفة الشروق» (not the ل of a name further on: «لوزير الداخلية لطفي براهم»)
                first = doc.toks[np_start].text
                name, role = (_without_li(x) if x and x.startswith(first) else x for x in (name, role))
            if relayed:
                gender = gender or (relayed if relayed != "P" else "")
            elif not gender and cue is not None:
                gender = {"f": "F", "m": "M"}.get(cue.gender, "")
            label = doc.text[doc.toks[np_start].start : doc.toks[np_end - 1].end]
            label = _without_li(label) if li else label
            if name is None and role == label and registry.names_tail(label):
                name, role = label, None  # «وأوضح قائد السبسي» after «الباجي قائد السبسي»
            quoted = _quoted_name_in(doc, np_start, np_end) if doc.toks[np_start].key not in _CORRESPONDENTS | _GUESTS else None
            if quoted and _quoted_place(doc, np_start, np_end):
                quoted = None  # «عمدة بلدة "كافيورد"»: the quoted name is the town's, the speaker its mayor
            if quoted and (
                name is None or name in quoted or lexicon().is_organisation(label)  # «تنظيم "داعش" الإرهابي»
                or _outlet_kind(doc.toks[np_start].key)  # «الصحيفة البريطانية "ذا صن"»
                or _quoted_kunya_closing(doc, np_start, np_end)  # «الناطق باسم كتائب الشهيد عز الدين القسام "أبو عبيدة"»
            ):
                name = quoted  # «صحيفة "الديلي ميل" البريطانية» → «الديلي ميل»; «الناشر "خوسي مانويل لوثيا"» → the whole name
                head = _without_li(doc.toks[np_start].text) if li else doc.toks[np_start].text
                opening = next(m for m in range(np_start, np_end) if doc.toks[m].text in _OPENING_MARKS or doc.toks[m].text == "(")
                if (
                    opening - np_start >= 2 and not doc.toks[np_end - 1].word and lexicon().is_organisation(head)
                    and doc.toks[opening - 1].key.startswith("ال")  # not «موقع قناة "دبليو دى ار"»
                    and not _outlet_kind(key_of(head), _NAME_ONLY_TYPES)  # «وكالة الأنباء الرسمية "وات"» → «وات»
                ):
                    # «هيئة الإذاعة البريطانية "بي بي سي"»: the name in full, then its short form in marks
                    full = doc.text[doc.toks[np_start].start : doc.toks[opening - 1].end]
                    name = _without_li(full) if li else full
                elif (
                    doc.toks[np_start + 1].text in _OPENING_MARKS and lexicon().is_organisation(head)
                    and (key_of(head) not in _NAME_ONLY_TYPES or not any(c.isalpha() for c in quoted))
                ):
                    # «جمعية "فورزا تونس"» → «جمعية فورزا تونس»: the type belongs to the name; so it does to a name
                    # with no letters («قناة "218"» → «قناة 218», not «218»)
                    name = f"{head} {quoted}"
            if name is None and role and cue is not None and cue.lemma in _CONTINUING and not registry.match_role(role):
                # «قال يوسف الشاهد … وأضاف رئيس الحكومة أن …»: «added» continues the last speaker, now by role
                prior = registry.implicit(cue.gender, tok.start)
                if (
                    prior is not None and prior.name and not prior.role and not lexicon().is_organisation(role)
                    and key_of(prior.name.split()[0]) not in _RELATIONS  # a person's name, not «خال المتضررة»
                ):
                    name = prior.name
            body = _issuer_of_statement_after(doc, np_end, s_end, registry) if not role and _place_name(label) else None
            # «وأدانت تونس، في بيان صادر عن رئاسة الجمهورية، …»: the country speaks through the body named as issuing
            # the statement
            speaker = body or registry.mention(name, role, label, gender, tok.start)
            att = _Attribution(speaker, (doc.toks[np_start].start, doc.toks[np_end - 1].end), cue_text, "")
        else:
            named: tuple[int, int] | None = None  # the subject's offsets, when the sentence names it
            speaker = _same_sentence_subject(i, s_start, cue.gender if cue is not None and cue.kind == "participle" else "")
            if speaker is None and cue is not None and cue.kind == "participle":
                speaker = _main_clause_subject(i, s_start, cue.gender)
            if speaker is None and cue is not None and cue.kind == "participle" and (found := _pluperfect_subject(i, s_start, cue.gender)):
                speaker, named = found
            if speaker is None and cue is not None and cue.kind == "participle" and cue.gender == "p":
                speaker = _plural_subject(i, s_start) or _group_after_verb(i, s_start)
            if speaker is None and cue is not None and cue.kind == "verb" and (k := _relative_subject(doc, i, cue.gender)) is not None:
                # «على شخص ادعى أنه …», «بمواطن قال إن …»: the verb describes the indefinite noun before it, who speaks
                tok_k, cut = doc.toks[k[0]], k[1]
                label = doc.text[tok_k.start + cut : doc.toks[i - 1].end]
                speaker = registry.mention(None, label, label, {"f": "F", "m": "M"}.get(cue.gender, ""), tok_k.start + cut)
            if speaker is None and cue is not None and cue.kind == "verb" and cue.gender == "p":
                speaker = _group_before(i, s_start)
            if speaker is None and cue is not None and cue.kind == "verb" and tok.key[:1] == "و" and _conjoined(doc, i):
                # «وأيد المفكر اياد جمال الدين تصريحات طالباني وقال إن …»: a verb joined by «و» to the one its
                # sentence opens with shares that verb's subject, whoever spoke before
                speaker = _opening_speaker(i, s_start, s_end, cue, titled_name=True)
            if speaker is None and cue is not None and cue.kind == "verb" and _opening_word(doc, s_start, i + 1) == i:
                speaker = _previous_subject(i, s_start, cue)
            if speaker is None:
                speaker = registry.implicit(cue.gender if cue else "", tok.start, tagged=True)
            if speaker is None and cue is not None:
                speaker = _quantified_subject(i, s_start, cue.gender)
            if speaker is None and cue is not None and cue.gender == "p":
                # «وجه عدد من المواطنين … نداء استغاثة. وأوضحوا أنهم …»: nobody has spoken; the group the paragraph
                # opened with, in an earlier sentence
                speaker = _quantified_subject(i, doc.paragraph_of(tok.start)[1], cue.gender)
            if speaker is None and cue is not None and cue.kind == "verb":
                # «عاين فريق الرادار اليوم مفترق السكة …، ولاحظ أن …»: nobody has spoken or been named before; the
                # subject of the verb the sentence opens with
                speaker = _opening_speaker(i, s_start, s_end, cue)
            att = _Attribution(speaker, named, cue_text, "implicit_subject")
        resolved[i] = att
        return att

    def _previous_subject(i: int, s_start: int, cue: Cue) -> _Speaker | None:
        """«وهدد تروتنيف بوقف مشروع … . وقال إنه …»: a sentence opening with its cue goes on with the named subject of
        the verb the sentence before opens with, when nobody has spoken since that subject."""
        if s_start == 0:
            return None
        _, p_start, p_end = doc.sentence_of(s_start - 1)
        last = doc.tok_at(p_end) - 1
        while last > doc.tok_at(p_start) and not doc.toks[last].word:
            last -= 1
        if (span := _opening_subject(doc, last + 1, p_start, p_end, titled_name=True, cue_verb=True, surname=True)) is None:
            return None
        name, role, gender = _split_phrase(doc, *span)
        if name is None or _genders_clash(gender, {"f": "F", "m": "M"}.get(cue.gender, "")) or cue.gender == "p":
            return None
        at = doc.toks[span[0]].start
        if any(at <= pos < doc.toks[i].start for pos in registry.positions):
            return None  # someone spoke after that subject
        label = doc.text[doc.toks[span[0]].start : doc.toks[span[1] - 1].end]
        return registry.mention(name, role, label, gender, at)

    def _opening_speaker(i: int, s_start: int, s_end: int, cue: Cue, *, titled_name: bool = False) -> _Speaker | None:
        """The subject of the verb the sentence of the cue at token ``i`` opens with (:func:`_opening_subject`),
        registered, when its gender agrees with the cue's."""
        if (span := _opening_subject(doc, i, s_start, s_end, titled_name=titled_name)) is None:
            return None
        name, role, gender = _split_phrase(doc, *span)
        if _genders_clash(gender, {"f": "F", "m": "M"}.get(cue.gender, "")):
            return None
        label = doc.text[doc.toks[span[0]].start : doc.toks[span[1] - 1].end]
        return registry.mention(name, role, label, gender, doc.toks[span[0]].start)

    def _same_sentence_subject(i: int, s_start: int, gender: str) -> _Speaker | None:
        reported = registry._reported(doc.toks[i].start)
        clash = {"f": "M", "m": "F"}.get(gender)  # «وأوضح السليطي …، ما صرحت به القوبنطيني …، مبينة أن»
        for k in reversed(doc.speech_in(doc.tok_at(s_start), i)):
            if not reported and registry._reported(doc.toks[k].start):
                continue  # «وأضاف أن النقابة طالبت …، معتبرا أن»: a verb inside the reported clause is not the participle's
            if doc.cue(k) is not None and doc.cue(k).kind == "verb" and not doc.cue(k).present:  # «إشكال تنقل النساء»
                att = resolve_cue(k)
                if att.mention is not None and not (clash and att.speaker is not None and att.speaker.root().gender == clash):
                    return att.speaker
        return None

    def _main_clause_subject(i: int, s_start: int, gender: str) -> _Speaker | None:
        """«وكان ترامب أثنى على …، معتبرا أن …»: a participle's subject is its sentence's, here a name the text
        already knows opening the sentence (after «وكان/كما/ثم», or after its first verb)."""
        k = _opening_word(doc, s_start, i)
        known = {tuple(_name_key(n)) for n in registry.known_names()}
        for c in (k, k + 1):
            if c >= i or not doc.toks[c].word or doc.quoted(doc.toks[c].start):
                continue
            for size in (3, 2, 1):
                words = tuple(t.key for t in doc.toks[c : min(c + size, i)])
                if len(words) == size and any(name[-size:] == words or (name[:size] == words and size > 1) for name in known):
                    text = doc.text[doc.toks[c].start : doc.toks[c + size - 1].end]
                    found = registry._match(text, None)
                    if found is None:  # a person named earlier who has not spoken yet
                        person = next((p for p in registry.persons if tuple(_name_key(p.name))[-size:] == words), None)
                        if person is None:
                            continue
                        found = registry.mention(person.name, person.role, person.name, person.gender, person.position)
                    if (gender != "f" or found.gender == "F") and (gender != "m" or found.gender != "F"):
                        return found
        return None

    def _pluperfect_subject(i: int, s_start: int, gender: str) -> tuple[_Speaker, tuple[int, int]] | None:
        """«وكان المغرب قد اعتذر عن استضافة القمة، مشيرا إلى أن …»: a participle's subject is the phrase its sentence
        names between «كان» and «قد», when the genders agree (with the phrase's offsets)."""
        k = doc.tok_at(s_start)
        if not (k < i and doc.toks[k].key in _WAS):
            return None
        q = next((m for m in range(k + 2, min(k + 7, i)) if doc.toks[m].key == _QAD), None)
        if q is None:
            return None
        a, b = _parse_np(doc, k + 1, doc.toks[q].start)
        if not (k + 1 == a < b == q):
            return None
        if registry._reported(doc.toks[a].start):
            return None
        name, role, phrase_gender = _split_phrase(doc, a, b)
        if _genders_clash(phrase_gender, {"f": "F", "m": "M"}.get(gender, "")):
            return None
        label = doc.text[doc.toks[a].start : doc.toks[b - 1].end]
        return registry.mention(name, role, label, phrase_gender, doc.toks[a].start), (doc.toks[a].start, doc.toks[b - 1].end)

    def _quantified_subject(i: int, s_start: int, gender: str) -> _Speaker | None:
        """Nobody has spoken or been named: «أقدم أحد المعتصمين … احتجاجا على ما اعتبره "مماطلة"», «مقطع فيديو
        لإحدى الناجيات تقول فيه» — the one person the sentence picks out of a group, before the cue."""
        wanted = {"m": _ONE_OF_M, "f": _ONE_OF_F, "p": _SOME_OF}.get(gender)
        if wanted is None:
            return None
        for k in range(doc.tok_at(s_start), i):
            key = doc.toks[k].key
            if key[:1] in "لو" and key[1:] in wanted:
                key = key[1:]
            if key in wanted and doc.toks[k].word and not registry._reported(doc.toks[k].start):
                _, end = _parse_np(doc, k, doc.toks[i].start)
                if end - k < 2:
                    continue
                prefix = len(doc.toks[k].key) - len(key)  # «لإحدى» → «إحدى»
                label = doc.text[doc.toks[k].start + prefix : doc.toks[end - 1].end]
                return registry.mention(None, label, label, "F" if gender == "f" else "", doc.toks[k].start)
        return None

    def _plural_subject(i: int, s_start: int) -> _Speaker | None:
        """«… إلا أن رواد مواقع التواصل شككوا في صدق الرجل مؤكدين أنه …»: a plural participle's subject is the
        phrase before the clause's plural verb."""
        lo = doc.tok_at(s_start)
        for v in range(i - 1, max(lo, i - 15) - 1, -1):
            key = doc.toks[v].key
            if not (doc.toks[v].word and key.endswith("وا") and len(key) >= 5 and not key.startswith("ال")):
                continue
            a = v
            while (
                a > lo and v - a < 6 and doc.toks[a - 1].word and not doc.words[a - 1].boundary and doc.cue(a - 1) is None
                and doc.toks[a - 1].key not in _COMPLEMENTISERS and doc.toks[a - 1].key not in _SENTENCE_OPENERS
            ):
                a -= 1
            if a < v and not _prepositional(doc.lex, doc.toks[a]) and not doc.toks[a].key.isdigit():
                name, role, gender = _split_phrase(doc, a, v)
                label = doc.text[doc.toks[a].start : doc.toks[v - 1].end]
                return registry.mention(name, role, label, gender, doc.toks[a].start)
            return None
        return None

    def _group_after_verb(i: int, s_start: int) -> _Speaker | None:
        """«وقد عبر عدد من المحتجين عن استيائهم … مؤكدين أن», «وأشاد مديرو المحمية …، مؤكدين», «تبرأ منه معتصمو
        الكامور، مؤكدين»: a plural participle's subject is the group named right after its sentence's first verb."""
        span = _group_span(doc, i, s_start)
        if span is None or registry._reported(doc.toks[span[0]].start):
            return None
        label = doc.text[doc.toks[span[0]].start : doc.toks[span[1] - 1].end]
        return registry.mention(None, label, label, "", doc.toks[span[0]].start)  # a group, no person's name («أهالي بن قردان»)

    def _group_before(i: int, s_start: int) -> _Speaker | None:
        """«احتج عدد من المواطنين أمام مقر الولاية. وطالبوا بـ… وأضافوا أن …»: a plural verb with no subject goes on
        with the group named after the first verb of its sentence or of one of the two before it (news often sets
        each sentence on a line of its own), though one person spoke in between."""
        start, limit = s_start, i
        for _ in range(3):
            if (found := _group_after_verb(limit, start)) is not None:
                return found
            if start == 0:
                return None
            _, start, end = doc.sentence_of(start - 1)
            limit = doc.tok_at(end - 1)
        return None

    def position(p: _Pending) -> int:
        if p.cue_index is not None:
            return doc.toks[p.cue_index].start
        if p.np_span is not None:
            return doc.toks[p.np_span[0]].start
        return p.start

    used = {p.cue_index for p in pending if p.cue_index is not None}
    # «أكد ناجح المثلوثي … تسجيل 7 حالات»: a speech verb with a named subject but no quote still introduces the
    # speaker that «وأضاف أنه …» refers back to
    mentions = [
        _Pending("speaker", doc.toks[i].start, doc.toks[i].start, "", cue_index=i)
        for i in doc.speech_at
        if i not in used and i + 1 < len(doc.toks) and (c := doc.cue(i)) is not None and c.kind == "verb" and not c.present
        and (
            doc.words[i + 1].may_name or doc.words[i + 1].role is not None or doc.lex.is_organisation(doc.toks[i + 1].text)
            or doc.toks[i + 1].key in _CORRESPONDENTS  # «أكد مراسل "الجوهرة أف أم" دخول الولاية في إضراب …. وقال إن»
        )
        and not registry._reported(doc.toks[i].start)  # «… في نقل عباراتها» inside someone's words introduces nobody
        and not _relays_event(doc, i)  # «في ندوة صحفية نقلها عضو النقابة …»: who relayed it is no speaker
        and not _accusative_object(doc, i + 1)  # «التي اعتبرها شأنا عاما»: the verb's object, no subject
    ]
    for p in sorted(pending + mentions, key=position):
        if p.kind == "term":
            continue
        if p.kind == "speaker":
            resolve_cue(p.cue_index)
            continue
        if p.cue_index is not None:
            att = resolve_cue(p.cue_index)
            out[id(p)] = _Attribution(att.speaker, att.mention, att.cue, p.rule + ("+implicit" if att.mention is None else ""))
        elif p.np_span is not None:
            a, b = p.np_span
            name, role, gender = _split_phrase(doc, a, b)
            label = doc.text[doc.toks[a].start : doc.toks[b - 1].end]
            speaker = registry.mention(name, role, label, gender, doc.toks[a].start)
            out[id(p)] = _Attribution(speaker, (doc.toks[a].start, doc.toks[b - 1].end), None, p.rule)
        elif (
            p.continuation and p.kind == "partial" and (source := _sentence_source(doc, p)) is not None
            and (att := resolve_cue(source)).mention is not None and att.speaker is not None
            and not _names_no_source(doc, att.mention, registry.canonical(att.speaker.root()))
        ):
            # «… "الذين عبّروا عن انشغالهم"، وفق بيان صادر عن الوزارة»: the source the sentence names
            out[id(p)] = _Attribution(att.speaker, att.mention, att.cue, p.rule + "+source")
        elif p.continuation:
            out[id(p)] = _Attribution(registry.implicit("", p.start), None, None, p.rule)
    return out, registry


def _sentence_source(doc: _Doc, p: _Pending) -> int | None:
    """Token index of a source cue («وفق», «حسب», «نقلا عن», «جاء في» …) outside quotes in the sentence of the
    partial quote ``p`` that quotes nobody else («وفق بيان صادر عن وزارة …», «حسب بلاغ للوزارة»): the source whose
    words the narration quotes in part. Not «في تصريح», «في بيان»: the statement of the clause's own subject."""
    _, s_start, s_end = doc.sentence_of(p.start)
    for k in doc.speech_in(doc.tok_at(s_start), doc.tok_at(s_end)):
        if doc.nominal_at(k) and doc.toks[k].key.removeprefix("و") not in _IN_STATEMENT and not doc.quoted(doc.toks[k].start):
            return k
    return None


_IN_STATEMENT = frozenset(key_of(w) for w in ["في", "من", "استنادا"])  # «في تصريح», «في بيان», «من قول», «استنادا إلى»


def _names_no_source(doc: _Doc, mention: tuple[int, int], name: str | None) -> bool:
    """Whether the speaker mention at offsets ``mention``, resolved to the speaker ``name``, is an article of law
    («للفصل 148 من الدستور»), an outlet that relays the narration, or a document whose issuer is nowhere named
    («تصريحات سابقة», «تعبير»)."""
    a = doc.tok_at(mention[0])
    head = _without_li(_without_wa(doc.toks[a].key, _MEDIA_TYPES)).removeprefix("ال")
    return (
        head in _LAW_ARTICLES or head in _MEDIA_TYPES  # «… "أنجز بحثين"، بحسب وكالة الأنباء "وات"»: the agency relays it
        or (name is not None and key_of(name.split()[0]).removeprefix("ال") in doc.lex.documents)
    )


_LAW_ARTICLES = frozenset(key_of(w) for w in ["فصل", "مادة", "بند"])


_THE_LATTER = frozenset(key_of(w) for w in ["الأخير", "الأخيرة", "الأخيرين", "الأخيران"])  # «هذه الأخيرة»: the one just named
_DEMONSTRATIVES = frozenset(key_of(w) for w in ["هذا", "هذه", "هؤلاء", "ذلك", "تلك", "أولئك"])
_SAME = frozenset(key_of(w) for w in ["نفس", "ذات", "نفسه", "ذاته", "نفسها", "ذاتها", "عينه"])
_SOURCE_NOUNS = frozenset(key_of(w) for w in ["المصدر", "مصدر", "المصادر", "مصادر"])


def _organisation_end(doc: _Doc, a: int, b: int) -> int:
    """End of a speaker phrase [a, b) that opens with an organisation the NER tagger delimits and goes on with a
    definite word outside it: the verb's object («أدانت منظمة الشفافية الدولية التهديدات الموجهة …»)."""
    if b - a < 3 or not doc.lex.is_organisation(doc.toks[a].text):
        return b
    lo, tags = doc._sentence_tags(a)
    if a - lo >= len(tags) or tags[a - lo] != "B-ORG":
        return b
    e = a + 1
    while e < b and e - lo < len(tags) and tags[e - lo] == "I-ORG":
        e += 1
    if a + 2 <= e < b and doc.toks[e].word and doc.toks[e].key.startswith("ال") and not doc.toks[e].key.endswith(_NISBA_ENDINGS):
        return e  # (a nisba adjective after the tagger's span is still the name's: «الاتحاد العام | التونسي للشغل»)
    return b


def _for_purpose_end(doc: _Doc, a: int, b: int, s_end: int) -> int:
    """End of an organisation's name that goes on with «من أجل …» («حزب المؤتمر من أجل الجمهورية», «التكتل
    الديمقراطي من أجل العمل والحريات»), whether the phrase [a, b) stopped at «من» or ran on: the name ends before a
    noun with its pronoun, the verb's object («أكد حزب المؤتمر من أجل الجمهورية تمسّكه بـ…»)."""
    toks = doc.toks
    if b <= a or not doc.lex.is_organisation(toks[a].text):
        return b
    if b + 2 < len(toks) and toks[b].key == _FROM and toks[b + 1].key == _AJL and toks[b + 2].key.startswith("ال"):
        b = max(b + 3, _parse_np(doc, b + 2, s_end)[1])
    purpose = next((m for m in range(a + 1, b - 1) if toks[m].key == _FROM and toks[m + 1].key == _AJL), None)
    if purpose is None:
        return b
    return next((m for m in range(purpose + 3, b) if _possessed_noun(doc, m) or _masdar_with_pronoun(toks[m].key)), b)


_AJL = key_of("أجل")


def _anaphoric_phrase(doc: _Doc, a: int, b: int, registry: _Registry) -> bool:
    """«المسؤول الحكومي», «نفس الخبير», «هذا الأخير»: a definite description of someone named before."""
    inside = [k for k in range(a, b) if doc.toks[k].word and not doc.quoted(doc.toks[k].start)]  # «ضيف "صباح الورد"»
    words = [doc.toks[k] for k in inside]
    keys = [t.key.removeprefix("و") for t in words]
    if not keys or len(keys) > 3 or any(doc.words[k].given_name for k in inside):
        return False
    head = 0
    if keys[0] in _SAME or keys[0] in _DEMONSTRATIVES:  # «هذا الأخير», «هذه الأخيرة»
        head = 1
    elif len(keys) == 3:
        return False
    keys = keys[head:]
    if not keys or keys[0] not in doc.lex.anaphoric:
        return False
    if keys[0].startswith("ال") and any(
        doc.lex.in_name(t.text) and (t.key.startswith("ال") or not t.key.endswith(_NISBA_ENDINGS)) for t in words[head + 1 :]
    ):
        return False  # «الدكتور العبيدي», «الدكتور شانكار»: a title and a surname, not «the doctor» of someone named before
    role = doc.text[words[0].start : words[-1].end]
    rk = _role_key(role)  # «المتحدث» with «شون سبايسر المتحدث باسم البيت الأبيض» in the text: that person, by role
    return not registry.match_role(role) and not any(p.role and _extends_role(_role_key(p.role), rk) for p in registry.persons)


def _indefinite_antecedent(doc: _Doc, a: int, b: int, registry: _Registry) -> _Speaker | None:
    """«وأضاف المسؤول الإسرائيلي» after «مسؤول إسرائيلي», «المواطنة التونسية» after «مواطنة تونسية مقيمة بولاية
    نيويورك»: a definite description (a noun and its adjective) of whom the text introduced before as an indefinite
    phrase with the same words; that phrase is the speaker."""
    words = [t for t in doc.toks[a:b] if t.word]
    keys = [t.key.removeprefix("و") for t in words]
    if len(keys) != 2 or not all(k.startswith("ال") and len(k) > 4 for k in keys):  # (one word is too vague: «الموظف»)
        return None
    keys = [k[2:] for k in keys]
    head = words[0].text.removeprefix("و")[2:]
    if keys[0] in doc.lex.documents or (
        keys[0] not in doc.lex.everyday and doc.lex.role_gender(head) is None and not doc.lex.is_organisation(head)
    ):
        return None  # «البيان المشترك» has an issuer; «الجزيري» is a surname
    for k in range(a - 1, -1, -1):
        tok = doc.toks[k]
        if tok.key.removeprefix("و") != keys[0] or doc.quoted(tok.start):
            continue
        if not (k + 1 < len(doc.toks) and doc.toks[k + 1].key == keys[1]):
            continue
        _, _, s_end = doc.sentence_of(tok.start)
        i, j = _parse_np(doc, k, min(s_end, doc.toks[a].start))
        if j - i < 2:
            continue
        return _mention_of_phrase(doc, i, j, registry)
    return None


_THE_SOURCE = frozenset(key_of(w) for w in ["المصدر", "المصادر"])


def _same_source(doc: _Doc, a: int, b: int) -> bool:
    """«نفس المصدر», «ذات المصدر», «المصدر ذاته»."""
    keys = [_without_li(t.key) if t.key.startswith("لل") else t.key.removeprefix("و") for t in doc.toks[a:b] if t.word]
    if keys and keys[0] in _THE_SOURCE and (len(keys) == 1 or keys[1].startswith("ب") or keys[1] == _IN):
        # «وأضاف المصدر أن …»: the source named before; «وقال المصدر بمدينة سبها إن»: also where it is
        return True
    return 2 <= len(keys) <= 3 and any(k in _SAME for k in keys) and any(k in _SOURCE_NOUNS for k in keys)


def _source_in_text(doc: _Doc, a: int, registry: _Registry) -> _Speaker | None:
    """The source the text named before token ``a`` when none of its quotes did: «… وفق ما أفاد به، اليوم، مصدر
    أمني. وأوضح ذات المصدر أن …» → «مصدر أمني» (an indefinite «مصدر/مصادر» phrase; the latest one before ``a``)."""
    for k in range(a - 1, -1, -1):
        tok = doc.toks[k]
        if tok.key.removeprefix("و") not in _SOURCE_HEADS or (k and doc.toks[k - 1].key in _SAME):
            continue
        i, j = _parse_np(doc, k, doc.toks[a].start)
        if j - i < 2 or _same_source(doc, i, j):
            continue  # a bare «مصدر» says nothing about which source
        return _mention_of_phrase(doc, i, j, registry)
    return None


def _mention_of_phrase(doc: _Doc, i: int, j: int, registry: _Registry) -> _Speaker:
    """The speaker the phrase tokens [i, j) name, found away from any cue («مصدر أمني», «مواطنة تونسية مقيمة …»),
    registered as a mention without a leading «و»."""
    tok = doc.toks[i]
    name, role, gender = _split_phrase(doc, i, j)
    label = doc.text[tok.start + len(tok.key) - len(tok.key.removeprefix("و")) : doc.toks[j - 1].end]
    return registry.mention(name, role, label, gender, tok.start)


_QAWLUHU = frozenset(key_of(w) for w in ["قوله", "قولها", "قولهم", "قولهما"])
_THE_SAYING = key_of("القول")
_SAYING_NOUNS = _QAWLUHU | frozenset(key_of(w) for w in ["بالقول", "بقوله", "بقولها"]) | {_THE_SAYING}  # what was said follows
_RELAYED_FROM = frozenset(key_of(w) for w in ["عن", "إلى", "الى"])


def _speaker_of_qawluhu(doc: _Doc, j: int, s_end: int) -> tuple[int, int] | None:
    """«نقلت الوكالة عن الوزير قوله إن …», «نسبت … إلى تميم قوله», «ونقل موقع "فيلت 24" عن الجمعية القول "…"»:
    tokens of the speaker between عن/إلى and قوله (or «القول»)."""
    source = None
    k = j
    while k < len(doc.toks) and k - j <= _WINDOW and doc.toks[k].start < s_end:
        key = doc.toks[k].key
        if key in _COMPLEMENTISERS or (
            not doc.toks[k].word and doc.toks[k].text not in "،,()" and not (source is None and doc.toks[k].text in _MARK_CHARS)
            and not (doc.toks[k].text in "-–." and _inside_word(doc.text, doc.toks[k].start, doc.toks[k].end))
        ):
            # (the marks of a quoted name may come before «عن»: the relaying outlet's; a dot inside an agency's
            # initials is no end: «ونقلت وكالة (تي.تي) السويدية للأنباء عن رئيس الوزراء … قوله إن»)
            return None
        if key in _RELAYED_FROM:
            source = k
        elif key in _QAWLUHU or key == _THE_SAYING:
            return (source + 1, k) if source is not None and k > source + 1 else None
        k += 1
    return None


_SOURCE_STOPS = _RELATIVES | frozenset(key_of(w) for w in ["تم", "خلال"])


def _relayed_source(doc: _Doc, i: int, s_end: int, *, markers: frozenset[str] = frozenset({_FROM_SOURCE})) -> tuple[int, int] | None:
    """«نقلت الوكالة عن مصدر أمني أن …», «ونسبت بيلد إلى السفير … أن …»: tokens of the source between the marker
    («عن», «إلى») and the complementiser, with no other cue between («نقلت عن الوزير قوله» is
    :func:`_speaker_of_qawluhu`'s)."""
    source = None
    k = i
    while k < len(doc.toks) and k - i <= _WINDOW + 4 and doc.toks[k].start < s_end:
        key = doc.toks[k].key
        if key in _COMPLEMENTISERS:
            if source is None or k <= source + 1:
                return None
            # the source's phrase, not what describes it: «كواك سيونغ، الذي خدم …», «مسؤول كبير تم اطلاعه على …»
            end = next((m for m in range(source + 2, k) if doc.toks[m].text in "،," or doc.toks[m].key in _SOURCE_STOPS), k)
            return (source + 1, end)
        if k > i and (doc.cue(k) is not None or key in _QAWLUHU or (not doc.toks[k].word and doc.toks[k].text not in "،,()\"«»“”")):
            return None
        if key in markers and source is None:
            source = k
        k += 1
    return None


_WHEN_NOUNS = frozenset(key_of(w) for w in ["غداة", "إبان", "أثناء", "قبيل", "بعيد", "حين"])  # (عقب, إثر, بعد … are boundaries)
_TIME_WORDS = frozenset(
    key_of(w)
    for w in ["اليوم", "أمس", "غدا", "الليلة", "صباح", "مساء", "عشية", "ظهر", "يوم", "ليلة", "الاثنين", "الإثنين",
              "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "الماضي", "الفارط", "المنقضي", "الجاري",
              "الأسبوع", "الشهر"]
)


_TITLED, _UNDER, _TITLE = key_of("بعنوان"), key_of("تحت"), key_of("عنوان")
_TIME_SPANS = frozenset(key_of(w) for w in ["نهاية", "بداية", "مطلع", "أواخر", "أوائل", "منتصف", "خلال"])
_SPANNED_TIMES = _TIME_WORDS | frozenset(key_of(w) for w in ["العام", "السنة"])  # «نهاية الأسبوع», «مطلع العام»


def _skip_time(doc: _Doc, k: int, s_end: int) -> int:
    """The first token after a date or time phrase starting at token ``k`` («اليوم الأحد 27 أفريل»), also one set off
    by commas («أفاد به، اليوم الأربعاء، مصدر أمني»)."""
    n = len(doc.toks)
    first = k + 1 if k < n and doc.toks[k].text in "،," else k
    j = first
    while j < n and j - first < 6 and doc.toks[j].start < s_end and (
        doc.toks[j].key in _TIME_WORDS or doc.toks[j].key.isdigit() or (j > first and doc.toks[j].key == _FIRST and doc.toks[j - 1].key == _YESTERDAY)
    ):
        j += 1  # («أمس الأول»: the day before yesterday)
    if j == first:
        return k
    if j + 1 < n and doc.toks[j].word and doc.toks[j].key[:1] == "ب" and doc.toks[j + 1].text in "،,":
        j += 1  # «حسب ما أعلنته السبت ببنزرت، وزيرة السياحة»: where, after when, set off by a comma
    if j < n and doc.toks[j].text in "،,":
        j += 1  # (also «صرح به اليوم السبت، العقيد …»: a comma after the date only)
    if j >= n or not doc.toks[j].word:
        return k
    if _plain_subject(doc, j) or doc.toks[j].key in doc.lex.documents:
        return j  # only when a subject plainly follows («أفاد به اليوم الجمعة بيان لوزارة الدفاع»: a document)
    # or a definite phrase that runs up to the reported clause: «أعلنت اليوم الثلاثاء السلطات الألمانية أن …»
    end = _parse_np(doc, j, s_end)[1] if doc.toks[j].key.startswith("ال") else j
    return j if j < end < n and doc.toks[end].key in _COMPLEMENTISERS else k


_FIRST, _YESTERDAY = key_of("الأول"), key_of("أمس")


def _skip_channel(doc: _Doc, k: int) -> int:
    """Past «عبر» + a channel and its adjectives at token ``k`` («عبر البريد الإلكتروني», «عبر الهاتف»); else ``k``."""
    toks, n = doc.toks, len(doc.toks)
    if not (k + 1 < n and toks[k].key == _THROUGH and toks[k + 1].key in _CHANNELS):
        return k
    m = k + 2
    while m < n and m - k < 4 and toks[m].word and toks[m].key.startswith("ال") and toks[m].key.endswith(_ADJECTIVE_ENDINGS):
        m += 1
    return m


def _skip_setting(doc: _Doc, k: int, s_end: int) -> int:
    """Where the subject starts after what the statement was made in, at token ``k`` of a source («بحسب ما أكده في
    تصريحات وزير الاستثمار …»: the statements' genitive; «… في تصريح هاتفي بالجوهرة أف أم، مساعد رئيس المركز»:
    after the comma), when a subject plainly starts there; else ``k``."""
    toks, n = doc.toks, len(doc.toks)
    if not (k + 1 < n and toks[k].key == _IN and toks[k + 1].key.removeprefix("ال") in _SETTINGS):
        return k
    if k + 2 < n and toks[k + 2].word and toks[k + 2].start < s_end and _plain_subject(doc, k + 2):
        return k + 2
    for m in range(k + 2, min(k + 10, n)):
        if toks[m].start >= s_end or doc.cue(m) is not None or toks[m].key in _COMPLEMENTISERS:
            break
        if toks[m].text in "،,":
            return m + 1 if m + 1 < n and toks[m + 1].word and _plain_subject(doc, m + 1) else k
        if toks[m].key in _STATION_TAILS and toks[m - 1].key in _STATION_TAILS:
            # «حسب ما أكده في تصريح للجوهرة أف أم رئيس مركز الحي …»: the station's name ends the setting
            after = next((a for a in range(m + 1, min(m + 3, n)) if toks[a].text not in _MARK_CHARS), n)
            if after < n and toks[after].word and _plain_subject(doc, after):
                return after
    return k


def _plain_subject(doc: _Doc, k: int) -> bool:
    """Token ``k`` plainly opens a subject: a role, a given name, an institution, a source, a correspondent or «أحد»
    (one of: «أحد منسقي الاعتصامات»)."""
    word = doc.words[k]
    key = doc.toks[k].key
    return word.word and (
        word.role is not None or word.given_name or doc.lex.is_organisation(doc.toks[k].text) or key in _SOURCE_HEADS
        or key in _CORRESPONDENTS or key in _ONE_OF
    )


_ONE_OF = frozenset(key_of(w) for w in ["أحد", "إحدى"])


def _indefinite_accusative(doc: _Doc, k: int) -> bool:
    """«عاملا», «تهديدا», «أمرا»: an everyday indefinite noun in the accusative (the alif of its tanwin), which no
    subject is. Its stem is an everyday word too; countries in «يا» («روسيا», «تركيا») are not accusatives."""
    tok = doc.toks[k]
    key = tok.key
    stem = key[:-1]
    nxt = doc.toks[k + 1] if k + 1 < len(doc.toks) else None
    # (but «نفيا قاطعا»: a verbal noun with its accusative adjective, «ونفى مهدي جمعة نفيا قاطعا»)
    described = nxt is not None and nxt.word and nxt.key.endswith("ا") and _adjective_shape("ال" + nxt.key[:-1])
    return (
        _accusative_shape(doc, k) and (not stem.endswith("ي") or described)
        # «توضيحا», «ردا»: a verbal noun's accusative (how the speaker spoke), whether or not the word list has it
        # («مقالا»: a stem of four letters or more that is an everyday word, though the word list lacks the accusative)
        and (((key in doc.lex.everyday or described or len(stem) >= 4) and stem in doc.lex.everyday) or _masdar(stem))
    )


def _accusative_shape(doc: _Doc, k: int) -> bool:
    """Token ``k`` may be an indefinite noun in the accusative: a word of four letters or more ending in the alif of
    the tanwin, without the article, that is no given name, title, institution or country («بلاغ لسفارة فرنسا
    بتونس»: «فرنسا» has the shape of «فعللا»)."""
    tok = doc.toks[k]
    key = tok.key
    return (
        tok.word and key.endswith("ا") and len(key) >= 4 and not key.startswith(("ال", "و"))
        and not doc.words[k].given_name and doc.words[k].role is None and not doc.lex.is_organisation(tok.text)
        and not _place_name(tok.text, whole=True)
    )


def _accusative_object(doc: _Doc, k: int) -> bool:
    """«شأنا», «أمرا»: an everyday noun with the alif of the indefinite accusative right after a verb is its object
    (:func:`_indefinite_accusative`, or any such word whose stem is an everyday word)."""
    return _accusative_shape(doc, k) and (doc.toks[k].key[:-1] in doc.lex.everyday or _indefinite_accusative(doc, k))


def _prepositional_object(doc: _Doc, k: int) -> bool:
    """«بوجود», «بالقول»: a ب-prefixed everyday word opens an object, not a subject; so does «عما» («وتساءل عما إذا»)."""
    key = doc.toks[k].key
    if key in _ABOUT_WHAT:
        return True
    if not key.startswith("ب") or len(key) < 4 or doc.words[k].role is not None:
        return False  # (a title is no ب + verbal noun: «وقال باحث لفرانس برس إنه»)
    rest = key[1:]
    if rest.startswith("ال") or lexicon().word_counts.get(rest, 0) >= _COMMON:
        return True
    if (
        (rest[:1] in "اأإ" or (rest.endswith("ة") and len(rest) >= 5))
        and lexicon().first_name(doc.toks[k].text) is None
        and not key.endswith(("ون", "ين"))  # «وقال باحثون إن»: a plural noun, not ب + a verbal noun
        and lexicon().word_counts.get(key, 0) < _COMMON
        and not (key.startswith("بو") and lexicon().word_counts.get(rest, 0) == 0)  # «وبين بوقيلة أن»: a surname in «بو»
        and not _tagged_as(doc, k, "B-PERS")  # «وقال باتريك فييرا إن», «باباك يوسف زادة»: a name the tagger sees
    ):
        return True  # «يطالب بإسعاف ابنه», «باستعمال», «تعهدت بملاحقة»: ب + a verbal noun
    # «مما قاله بكونه تحالفا»: a ب-word that is no name («بلحاج», «بوعلي», «بسمة») is a preposition's object
    return not key.startswith(("بل", "بو", "بن")) and lexicon().first_name(doc.toks[k].text) is None and rest.endswith(("ه", "ها", "هم"))


def _tagged_as(doc: _Doc, k: int, tag: str) -> bool:
    """Whether the NER tagger gives token ``k`` the tag ``tag`` («B-PERS»)."""
    lo, tags = doc._sentence_tags(k)
    return k - lo < len(tags) and tags[k - lo] == tag


def _organisation_antecedent(doc: _Doc, a: int, registry: _Registry, *, described: bool = False) -> _Speaker | None:
    """«وأشارت المنظمة …», «وذكرت المحطة …»: the organisation named before — «لمحطة (دبليو.إس.بي)»,
    «منظمة "…"» in the text, else the latest speaker that is an institution («هيومن رايتس ووتش»).
    ``described``: the noun has adjectives after it (:func:`_described_organisation`); an earlier definite «المنظمة
    …» is then another one."""
    key = doc.toks[a].key.removeprefix("و")
    if not key.startswith("ال") or key[2:] not in doc.lex.organisations:
        return None
    if registry.match_role(key[2:]):  # «المنظمة» after «المنظمة الدولية للهجرة» is that speaker by its role
        return registry._match(None, key[2:]) if described else None
    noun = key[2:]
    for k in range(a - 1, -1, -1):
        if doc.toks[k].key.removeprefix("و") == key and not doc.quoted(doc.toks[k].start):
            if described:
                continue
            m = k + 1
            while (
                m < len(doc.toks) and m - k <= 3 and doc.toks[m].word and doc.toks[m].key.startswith("ال") and not doc.words[m].boundary
                and (_adjective_like(doc.toks[m].key) or _adjective_shape(doc.toks[m].key))  # not «وفسرت الوكالة الآفاق …»
                and not doc.toks[m].key.endswith(("ين", "ون"))  # a singular institution's adjective is no plural
                # and agrees with a feminine noun («المحكمة العليا», «الشرطة الفرنسية»; not «ووصفت الشرطة الحادث»)
                and (not key.endswith("ة") or doc.toks[m].key.endswith(("ة", "ا", "ي")))
            ):
                m += 1  # «وكانت المحكمة العليا السعودية قد دعت …، وطالبت المحكمة»: the fuller definite name before
            if m - k >= 2:
                name = doc.text[doc.toks[k].start : doc.toks[m - 1].end]
                return registry.mention(name, None, name, "", doc.toks[k].start)
            continue
        if doc.toks[k].key not in (noun, "و" + noun, "ل" + noun, "ب" + noun, "ول" + noun, "وب" + noun):
            continue  # «لمحطة», «وبمنظمة»; «وزارة», «وكالة» keep their own و
        m = k + 1
        while m < len(doc.toks) and m - k <= 3 and doc.toks[m].word and doc.toks[m].key not in _COMPLEMENTISERS:
            m += 1  # «لمحطة تلفزيونية (…)»: adjectives before the bracketed or quoted name (not «إنها "غير مقتنعة"»)
        if m < len(doc.toks) and doc.toks[m].text in "(«\"“" and (end := _quoted_name_end(doc, m, len(doc.text)) or _bracketed_end(doc, m)):
            name = doc.text[doc.toks[m + 1].start : doc.toks[end - 2].end]
            return registry.mention(name, None, name, "", doc.toks[m].start)
        m = k + 1
        while (
            m < len(doc.toks) and m - k <= 4 and doc.toks[m].word and doc.words[m].unknown
            # not an adjective agreeing with the noun: «هيئة عليا مستقلة» is no name
            and "ال" + doc.toks[m].key not in _ORGANISATION_ADJECTIVES and not (noun.endswith("ة") and doc.toks[m].key.endswith("ة"))
        ):
            m += 1  # «منظمة هيومن رايتس ووتش»: a name no dictionary knows right after the noun
        if m - k >= 2:
            name = doc.text[doc.toks[k + 1].start : doc.toks[m - 1].end]
            return registry.mention(name, None, name, "", doc.toks[k + 1].start)
        m = k + 1
        while (
            m < len(doc.toks) and doc.toks[m].word and not doc.words[m].boundary
            and ((m - k <= 2 and doc.toks[m].key.startswith("ال")) or (2 <= m - k <= 3 and doc.toks[m].key.startswith("وال")))
        ):
            # «قررت وزارة الشؤون الاجتماعية …. وأكدت الوزارة»: the noun and its definite genitive name it, also
            # coordinated ones («هيئة الحقيقة والكرامة»)
            m += 1
        if m - k >= 2 and doc.toks[k].key == noun:
            name = doc.text[doc.toks[k].start : doc.toks[m - 1].end]
            return registry.mention(name, None, name, "", doc.toks[k].start)
    for prior in reversed(registry.history):
        root = prior.root()
        if root.name and (
            (doc.lex.is_organisation(root.label) and _names_noun(root.label, noun))  # not «الجيش» → «وكالة رويترز»
            or _quoted_label(root.label)  # «اعتبرت "هيومن رايتس ووتش" …. وأشارت المنظمة»
        ):
            return root
    return None


def _described_organisation(doc: _Doc, a: int, b: int, registry: _Registry) -> _Speaker | None:
    """«المنظمة الحقوقية الدولية» after «منظمة هيومن رايتس ووتش», «الصحيفة الإسبانية» after «صحيفة "دياريو
    جول"»: an institution's noun with adjectives of its kind or country (``description_adjectives.txt``, CLDR),
    first used here, describes the one the text named before (not «الجبهة الشعبية», a name the text used before)."""
    toks = [doc.toks[k] for k in range(a, b)]
    if not 2 <= len(toks) <= 5 or not all(t.word for t in toks):
        return None
    keys = [t.key.removeprefix("و") for t in toks]
    participle = (
        len(keys) >= 3 and keys[1].startswith("الم") and keys[1] in doc.lex.everyday and keys[2] in _PARTICIPLE_LINKS
        and doc.words[a + 1].role is None
    )  # «الصحيفة المقربة من الملكي»: what it is close to, not which paper
    if not participle and (len(toks) > 3 or not all(k.startswith("ال") and (k in doc.lex.descriptions or _of_a_country(k)) for k in keys[1:])):
        return None  # (not «الحزب الاشتراكي», «الشرطة الفيدرالية»: adjectives that name which one)
    if any([t.key.removeprefix("و") for t in doc.toks[k : k + len(keys)]] == keys for k in range(a)):
        return None
    return _organisation_antecedent(doc, a, registry, described=True)


_OFFICIAL_TAILS = frozenset(key_of(w) for w in ["الرسمية", "الرسمي"])
_PARTICIPLE_LINKS = frozenset(key_of(w) for w in ["من", "في", "على", "عن", "مع", "لدى"])


def _without_description(doc: _Doc, name: str) -> str:
    """An outlet's name without the adjective that describes it, as annotators name it: «صحيفة دي مورغن البلجيكية»
    → «صحيفة دي مورغن», «وكالة الأنباء السعودية الرسمية» → «وكالة الأنباء السعودية»; not «وكالة الأنباء
    الجزائرية» (the country adjective after an everyday word or another adjective says which agency) nor «إذاعة
    أوروبا 1 الفرنسية»."""
    words = name.split()
    if len(words) < 3 or key_of(words[0]) not in _MEDIA_TYPES:
        return name
    last, before = key_of(words[-1]), key_of(words[-2])
    if last in _OFFICIAL_TAILS or (
        _of_a_country(last) and before.removeprefix("ال") not in doc.lex.everyday and not before.endswith(_ADJECTIVE_ENDINGS)
        and not before.isdigit()  # «إذاعة أوروبا 1 الفرنسية»
    ):
        return " ".join(words[:-1])
    return name


def _nationality_anaphor(doc: _Doc, a: int, registry: _Registry) -> _Speaker | None:
    """«وأضاف البرتغالي أن …», «وقال السويسري»: a country's adjective alone stands for the latest speaker whose phrase
    holds it («المدرب البرتغالي جوزيه مورينيو»), else None."""
    key = doc.toks[a].key.removeprefix("و")
    if not key.startswith("ال") or doc.words[a].role is not None or not _of_a_country(key):
        return None
    for prior in reversed(registry.history):
        root = prior.root()
        if root.name and any(key_of(w) == key for text in (root.label, *root.roles) if text for w in text.split()):
            return root
    return None


def _of_a_country(key: str) -> bool:
    """«الإسبانية», «الكندي», «الصينية»: the adjective of a country CLDR names («إسبانيا», «كندا», «الصين»)."""
    stem = key.removeprefix("ال")
    for suffix in ("ية", "ي"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 2:
            stem = stem[: -len(suffix)]
            return any(_place_name(form) for form in (stem, stem + "ا", stem + "يا", "ال" + stem))
    return False


def _names_noun(label: str, noun: str) -> bool:
    """Whether an institution's phrase has the head noun ``noun`` («وكالة "رويترز"» has «وكالة»)."""
    return any(noun in _strip_prefixes(key_of(word)) for word in label.replace('"', " ").split())


def _quoted_kunya_closing(doc: _Doc, a: int, b: int) -> bool:
    """Whether the phrase tokens [a, b) hold a title and close with a name in marks that opens with «أبو» or «أم»
    («الناطق العسكري باسم كتائب الشهيد عز الدين القسام "أبو عبيدة"»): that name is the speaker's, not one inside the
    body's name before it."""
    if b - a < 3 or doc.toks[b - 1].word or doc.toks[b - 1].text not in _MARK_CHARS or not _has_title(doc, a, b):
        return False
    opening = next((m for m in range(b - 2, a - 1, -1) if doc.toks[m].text in _MARK_CHARS), None)
    if opening is None or opening + 1 >= b - 1:
        return False
    return doc.toks[opening + 1].key in _KUNYA  # (not a company named after a person: «لمتعهد الرحلات "توماس كوك"»)


_KUNYA = frozenset(key_of(w) for w in ["أبو", "أبي", "أم"])


def _quoted_name_in(doc: _Doc, a: int, b: int) -> str | None:
    """The content of a short quoted name inside the phrase tokens [a, b), or of an outlet's name in brackets right
    after its kind («صحيفة (التايمز)»)."""
    if b - a >= 4 and _bracketed_outlet(doc, a) and (close := _bracketed_end(doc, a + 1)) <= b:
        return doc.text[doc.toks[a + 2].start : doc.toks[close - 2].end]
    for m in range(a, b):
        if not doc.toks[m].word and doc.toks[m].text in _OPENING_MARKS and (end := _quoted_name_end(doc, m, len(doc.text))) and end <= b:
            return doc.text[doc.toks[m + 1].start : doc.toks[end - 2].end]
    return None


def _bracketed_outlet(doc: _Doc, k: int) -> bool:
    """Whether token ``k`` is a kind of outlet or another name-only head («صحيفة», «لوكالة», «شبكة», «شركة») with its
    name of up to seven tokens in brackets right after it: «صحيفة (التايمز)», «شبكة (سي.إن.إن)»."""
    close = _bracketed_end(doc, k + 1) if k + 1 < len(doc.toks) else 0
    return bool(close) and close - k <= 9 and _outlet_kind(doc.toks[k].key, _NAME_ONLY_TYPES)


def _bracketed_end(doc: _Doc, m: int) -> int:
    """Token index after «(…)» of ≤ 8 tokens («(دبليو.إس.بي)») opening at token ``m``, else 0."""
    if doc.toks[m].text != "(":
        return 0
    for k in range(m + 1, min(m + 10, len(doc.toks))):
        if doc.toks[k].text == ")":
            return k + 1 if k > m + 1 else 0
    return 0


def _quoted_label(label: str) -> bool:
    return label[:1] in "«\"“”" and label[-1:] in "»\"“”"


_ISSUED_VERBS = frozenset(key_of(w) for w in ["صدر", "صدرت"])
_ISSUED = _ISSUED_VERBS | frozenset(key_of(w) for w in ["صادر", "الصادر", "صادرة", "الصادرة", "عن"])


def _document_issuer(doc: _Doc, a: int, b: int, registry: _Registry, *, li: bool = False) -> _Speaker | None:
    """A statement or report speaks for its issuer: «بيان لوزارة الدفاع الوطني», «تقرير صادر عن البنك الدولي»,
    or, for a bare «البيان», the issuer named before in the text. ``li``: the phrase opens with a ل to strip
    («وفقا لتقرير قناة …»)."""
    head = (_without_li(doc.toks[a].key) if li else doc.toks[a].key.removeprefix("و")).removeprefix("ال")
    if head in _DEMONSTRATIVES and a + 1 < b and doc.toks[a + 1].key.removeprefix("ال") in doc.lex.documents:
        # «وجاء في هذا البيان»: this statement is the one named last («… عن بيان لوزارة الداخلية»), whoever relayed it
        return _statement_before(doc, a, registry) or registry.last_issuer or registry.implicit("", doc.toks[a].start)
    if head in _SAME and a + 1 < b and doc.toks[a + 1].key.removeprefix("ال") in doc.lex.documents:
        # «وفق نفس البلاغ»: the issuer of the statement named before, else the latest speaker
        return registry.last_issuer or registry.implicit("", doc.toks[a].start) or _statement_before(doc, a, registry)
    if head not in doc.lex.documents:
        return None
    if (quoted := _quoted_publisher(doc, a, b)) is not None:
        return registry.mention(quoted, None, quoted, "", doc.toks[a].start)
    li_at = a + 1  # «تقرير لـ"بي بي سي"»: the body, in marks after a detached «لـ»
    if (
        li_at + 1 < len(doc.toks) and doc.toks[li_at].text in _DETACHED_LI and doc.toks[li_at + 1].text in _OPENING_MARKS
        and (end := _quoted_name_end(doc, li_at + 1, len(doc.text)))
    ):
        quoted = doc.text[doc.toks[li_at + 2].start : doc.toks[end - 2].end]
        return registry.mention(quoted, None, quoted, "", doc.toks[li_at + 2].start)
    words = [t for t in doc.toks[a + 1 : b] if t.word]
    org_start = None
    for k, t in enumerate(words[:3]):  # «بيان لوزارة …», «بيان رسمي لوزارة …» (not «معطيات الإدارة العامة للحماية»)
        if (
            t.key.startswith("ل") and not t.key.startswith("ال") and len(t.key) > 3
            # (not «تقارير ليبية»: Libyan, an everyday word that is no «ل» + one)
            and (t.key.startswith("لل") or t.key not in doc.lex.everyday or t.key[1:] in doc.lex.everyday)
        ):
            org_start = k
            break
        if k == 1 and not all(w.key.startswith("ال") and w.key.endswith(_NISBA_ENDINGS) for w in words[:2]):
            break  # a third word only after two adjectives: «التقرير المالي الشهري لوزارة المالية»
    if org_start is not None:
        first = words[org_start]
        # «دراسة للمنظمة نشرت الخميس …»: a feminine verb after the body describes the document, no part of the name
        rest = words[org_start + 1 :]
        # (nor is the year it covers: «التقرير السنوي … للمنظمة التونسية لمناهضة التعذيب لسنة 2016»)
        cut = next((n for n, w in enumerate(rest) if _feminine_verb_after(head, w) or w.key in _FOR_YEAR or _titled_person_at(doc, w)), len(rest))
        last = rest[cut - 1] if cut else first
        name = first.text[1:] + doc.text[first.end : last.end]
        if first.key.startswith("لل"):
            name = "ا" + name  # «للبنك الدولي» → «البنك الدولي»
        elif first.key[1:] in _NAME_ONLY_TYPES and (quoted := _quoted_name_in(doc, doc.tok_at(first.start), b)):
            name = quoted  # «تقرير لصحيفة "تشونغتشينغ مورنينغ بوست" الصينية» → the newspaper's name alone
        return registry.mention(name, None, name, "", first.start)
    if (issuer := _issued_from(doc, b, registry)) is not None:
        return issuer
    if (posted := _posted_on(doc, a, b)) is not None:
        start, end, cut = posted  # «بيان نشر على موقع الحكومة الروسية»: the page's owner issued it
        name = ("ا" if doc.toks[start].key.startswith("لل") else "") + doc.text[doc.toks[start].start + cut : doc.toks[end - 1].end]
        return registry.mention(name, None, name, "", doc.toks[start].start)
    described = bool(words) and _feminine_verb_after(head, words[0])  # «دراسة شملت …»: the verb is no part of the source
    if (
        words and not doc.toks[a].key.removeprefix("و").startswith("ال") and not words[0].key.startswith("ال")
        and not doc.lex.is_organisation(words[0].text) and doc.lex.first_name(words[0].text) is None
        and (
            words[0].key.endswith("ة")
            or words[0].key == _GHAYR  # «تقارير غير مؤكدة»: unconfirmed reports
            # «تقرير أممي حديث»: a nisba and an everyday adjective
            or (len(words) == 2 and words[0].key.endswith("ي") and words[1].key in doc.lex.everyday)
            or described
            or (
                len(words) == 1 and not doc.lex.in_name(words[0].text) and doc.lex.role_gender(words[0].text) is None
                and words[0].key not in _GROUP_HEADS  # «روايات شهود»: the witnesses speak
            )
        )
    ):
        # «دراسة بريطانية حديثة», «وثيقة سرية», «تقرير حديث», «تقارير غير مؤكدة», «دراسة شملت …»: an adjective or a
        # describing verb, no genitive — the document itself is the source (one everyday word after it that names no
        # one: not «شهادة مواطن», «روايات بعض الشهود»)
        label = doc.text[doc.toks[a].start : (doc.toks[a] if described else words[-1]).end]
        return registry.mention(None, label, label, "", doc.toks[a].start)
    if (
        head in _PLURAL_STUDIES and words and doc.toks[a].key.removeprefix("و").removeprefix("ل").startswith("ال")
        and words[0].key.startswith("ال") and words[0].key.endswith(_NISBA_ENDINGS) and not _published_by(words[-1].key)
    ):
        # «ووصفت التقارير الإسرائيلية فريدمان …», «التقارير الصحفية لوسائل الإعلام الإيطالية»: reports of a kind,
        # not the one document named before
        label = doc.text[doc.toks[a].start : words[-1].end]
        label = _without_li(label) if li else label
        return registry.mention(None, label, label, "", doc.toks[a].start)
    published = next((w for w in words[:2] if _published_by(w.key)), None)
    if published is not None:
        # «بيانات نشرها المعهد الوطني للإحصاء», «بحث ميداني أنجزه المعهد …»: who published it follows
        start = doc.tok_at(published.start) + 1
        if start < b and (doc.toks[start].key.startswith("ال") or doc.lex.is_organisation(doc.toks[start].text)):
            label = _without_marks(doc.text[doc.toks[start].start : words[-1].end])
            return registry.mention(label, None, label, "", doc.toks[start].start)
        if start < len(doc.toks) and doc.toks[start].text in _OPENING_MARKS and (quoted := _quoted_name_in(doc, start, start + 8)):
            return registry.mention(quoted, None, quoted, "", doc.toks[start].start)  # «تقرير سابق أعدته "بي بي سي"»
        # «دراسة نشرتها دورية (ساينس)»: the document as described (its verb is no name to take for the issuer)
        label = _balanced(doc.text, doc.toks[a].start, words[-1].end)
        return registry.mention(None, label, label, "", doc.toks[a].start)
    if (
        words and not doc.toks[a].key.removeprefix("و").startswith("ال") and words[0].key.removeprefix("ال") in doc.lex.documents
        and (issuer := _document_issuer(doc, doc.tok_at(words[0].start), b, registry)) is not None
    ):
        return issuer  # «وفق نص البيان»: the statement's issuer
    if words and not doc.toks[a].key.removeprefix("و").startswith("ال"):
        # «بحسب شهادة المواطنة», «حسب رواية شهود عيان», «بيان الوزارة»: the genitive after the noun issues it
        if (
            len(words) > 1 and words[0].key == _FROM and words[1].key != _DURING
            and any(w.key.startswith("ال") or doc.lex.is_organisation(w.text) for w in words[1:3])
        ):
            words = words[1:]  # «بيان من وزارة الدفاع», «بيان من خدمة الإطفاء»: from the body (not «من خلال …»)
        name, role, gender = _split_phrase(doc, doc.tok_at(words[0].start), b)
        label = doc.text[words[0].start : words[-1].end]
        speaker = registry.mention(name, role, label, gender, words[0].start)
        return speaker
    if b < len(doc.toks) - 1 and _published_by(doc.toks[b].key) and (span := _publisher_span(doc, b)) is not None:
        start, end = span  # «حسب بلاغ أصدرته الداخلية»: who issued it follows
        label = doc.text[doc.toks[start].start : doc.toks[end - 1].end]
        return registry.mention(label, None, label, "", doc.toks[start].start)
    if head in _PERSONAL_STATEMENTS and not words:
        # «… بحسب تصريحات لمراسلتنا»: statements of nobody named are the latest speaker's
        return registry.last_issuer or registry.implicit("", doc.toks[a].start)
    if not words and not li and head in _STUDIES and not doc.toks[a].key.removeprefix("و").startswith("ال"):
        # «بينما قالت تقارير إن …»: reports of nobody named, not the statement named before («البيان»)
        label = doc.toks[a].text[1:] if doc.toks[a].key != head else doc.toks[a].text  # «وتقارير» → «تقارير»
        return registry.mention(None, label, label, "", doc.toks[a].start)
    return registry.last_issuer or _publisher_before(doc, a, registry)


def _publisher_span(doc: _Doc, k: int) -> tuple[int, int] | None:
    """Tokens of who published a document, after the verb of publishing at token ``k`` («أصدرته الداخلية», «أجراها
    المعهد …»): its sentence's noun phrase up to a mark (not an apposition after a comma), opening with the article or
    an institution; None otherwise."""
    _, _, s_end = doc.sentence_of(doc.toks[k].start)
    start, end = _parse_np(doc, k + 1, s_end)
    end = next((m for m in range(start, end) if not doc.toks[m].word), end)
    if end > start and (doc.toks[start].key.startswith("ال") or doc.lex.is_organisation(doc.toks[start].text)):
        return start, end
    return None


def _titled_person_at(doc: _Doc, word: _Tok) -> bool:
    """``word`` is a definite title before a given name, a person of his own: «بيان لهيئة الإفتاء في المغرب الشيخ
    يوسف القرضاوي» (the body issued it; the sheikh is whom it described)."""
    k = doc.tok_at(word.start)
    return (
        word.key.startswith("ال") and doc.words[k].role is not None and k + 1 < len(doc.toks)
        and _is_given_name(doc.lex, doc.toks[k + 1])
    )


_PERSONAL_STATEMENTS = frozenset(key_of(w) for w in ["تصريح", "تصريحات"])
_FOR_YEAR = frozenset(key_of(w) for w in ["لسنة", "لعام", "للسنة", "للعام"])
# reports and studies may have no issuer («قالت تقارير إن …»); a statement («بيان», «بلاغ») always has one
_STUDIES = frozenset(key_of(w) for w in ["تقرير", "تقارير", "دراسة", "دراسات", "بحث", "أبحاث"])
_PLURAL_STUDIES = frozenset(key_of(w) for w in ["تقارير", "دراسات", "أبحاث"])


def _issuer_of_statement_after(doc: _Doc, k: int, s_end: int, registry: _Registry) -> _Speaker | None:
    """The institution named as issuing the statement that follows token ``k`` («، في بيان صادر اليوم عن رئاسة
    الجمهورية»; «في بلاغ لوزارة الخارجية»), or None (also for a bare «في بيان»)."""
    toks = doc.toks
    first = k
    while k < len(toks) and k - first < 6 and (not toks[k].word or doc.quoted(toks[k].start)):
        k += 1  # «استنكرت تونس "بقوة"، في بيان …»: a comma, a quoted word
    if not (k + 2 < len(toks) and toks[k].key == _IN and toks[k + 1].key in doc.lex.documents):
        return None
    d = k + 1
    named = (toks[d + 1].key.startswith("ل") and doc.lex.is_organisation(toks[d + 1].text[1:])) or any(
        toks[m].key == _FROM_SOURCE and m + 1 < len(toks) and doc.lex.is_organisation(toks[m + 1].text)
        for m in range(d + 1, min(d + 7, len(toks)))
    )
    if not named:  # (so that _document_issuer, which registers what it finds, finds an institution)
        return None
    issuer = _document_issuer(doc, d, max(_parse_np(doc, d, s_end)[1], d + 1), registry)
    return issuer if issuer is not None and issuer.root().name and lexicon().is_organisation(issuer.root().label) else None


def _announced_by(doc: _Doc, a: int, b: int, s_end: int) -> tuple[int, int] | None:
    """«حصيلة أولية أعلنتها الإدارة الجهوية للحماية المدنية», «أرقام كشفتها الوزارة»: after a nominal cue, an
    indefinite noun (no document, no title, no name) and a speech verb with its object pronoun; the tokens of the
    definite phrase or institution after the verb, who announced it."""
    toks = doc.toks
    if b >= len(toks) or toks[a].key.startswith(("ال", "وال")) or doc.words[a].role is not None or doc.words[a].given_name:
        return None
    if toks[a].key in doc.lex.documents or toks[a].key in _PERSONAL_STATEMENTS or any(toks[m].key.startswith("ل") for m in range(a + 1, b)):
        return None  # «وفق بيان لوزارة القصور الملكية اوردته وكالة …»: the statement's issuer is named, the agency relays it
    if doc.words[b].pronoun_cue is None or not toks[b].key.endswith(("ها", "ه")) or b + 1 >= len(toks):
        return None
    start = b + 1
    if not toks[start].word or not (toks[start].key.startswith("ال") or doc.lex.is_organisation(toks[start].text)):
        return None
    start, end = _parse_np(doc, start, s_end)
    return (start, end) if end > start else None


_DETACHED_LI = frozenset(["لـ", "ل"])


def _quoted_publisher(doc: _Doc, a: int, b: int) -> str | None:
    """«تقرير نشرته اليوم "دويتشه فيله"», «تقرير كانت أصدرته المنظمة الحقوقية "هيومن رايتس واتش"»: the outlet or body
    named in marks a few words after the document's verb of publishing (past a time, «كانت» and a description)."""
    toks, n = doc.toks, len(doc.toks)
    verb = next((m for m in range(a + 1, min(a + 3, n)) if toks[m].word and _published_by(toks[m].key)), None)
    if verb is None or any(toks[m].key not in _KANA for m in range(a + 1, verb)):
        return None
    _, _, s_end = doc.sentence_of(toks[verb].start)
    m = verb + 1
    while m < n and m - verb <= 5 and toks[m].word and toks[m].start < s_end and doc.cue(m) is None and toks[m].key not in _COMPLEMENTISERS:
        m += 1  # «اليوم», «المنظمة الحقوقية»
    if m < n and toks[m].text in _OPENING_MARKS and (end := _quoted_name_end(doc, m, s_end)):
        return doc.text[toks[m + 1].start : toks[end - 2].end]
    return None


def _published_by(key: str) -> bool:
    """«نشرها», «أصدرته», «أنجزه», «أجراها» (the «ى» of «أجرى» written «ا» before the pronoun): a verb of publishing
    with the document as its object pronoun; its subject follows."""
    return any(
        key.endswith(p) and ((stem := key[: -len(p)]) in _PUBLISHING or (stem.endswith("ا") and stem[:-1] + "ي" in _PUBLISHING))
        for p in ("ه", "ها")
    )


def _feminine_verb_after(head: str, word: _Tok) -> bool:
    """«دراسة شملت …», «دراسة أجريت …»: a feminine past verb right after a feminine document noun describes it (a
    relative clause without «التي»); the document, not what follows, is the source."""
    return head.endswith("ة") and word.key.endswith("ت") and not word.key.endswith("ات") and len(word.key) >= 4


_POSTED = frozenset(key_of(w) for w in ["نشر", "نشرت", "نشره", "نشرها", "منشور", "منشورة", "المنشور", "المنشورة"])
_PAGES = frozenset(key_of(w) for w in ["موقع", "الموقع", "صفحة", "الصفحة", "حساب", "الحساب"])
_PAGE_ADJECTIVES = frozenset(key_of(w) for w in ["الرسمي", "الرسمية", "الالكتروني", "الإلكتروني"])
_ON_PAGE = frozenset(key_of(w) for w in ["على", "في", "عبر"])


def _posted_on(doc: _Doc, a: int, b: int) -> tuple[int, int, int] | None:
    """(start, end, letters to cut) of the body whose page a document [a, b) was posted on: «بيان نشر على موقع
    الحكومة الروسية», «بيان تم نشره على الصفحة الرسمية للهيئة الإدارية …» (the ل of «للهيئة» is cut, and «لل» gets
    its «ا» back by the caller); None when its verb of posting is not followed by such a page."""
    toks, n = doc.toks, len(doc.toks)
    k = a + 1
    if k < b and toks[k].key == _TAMMA:
        k += 1  # «تم نشره»
    if not (k < b and toks[k].key in _POSTED) or k + 1 != b:
        return None
    if not (b + 1 < n and toks[b].key in _ON_PAGE and toks[b + 1].key in _PAGES):
        return None
    m = b + 2
    while m < n and toks[m].key in _PAGE_ADJECTIVES:
        m += 1
    if m >= n or not toks[m].word:
        return None
    key = toks[m].key
    cut = 1 if key.startswith("ل") and not key.startswith("ال") and len(key) > 3 else 0
    if not (key[cut:].startswith("ال") or key.startswith("لل") or doc.lex.is_organisation(toks[m].text[cut:])):
        return None  # «على صفحتها»: the page's owner is a pronoun, named before
    _, _, s_end = doc.sentence_of(toks[m].start)
    end = _parse_np(doc, m, s_end)[1]
    return (m, end, cut) if end > m else None


def _issuer_start(doc: _Doc, b: int) -> int | None:
    """Token where the body a document was issued by starts, after «(صادر) (اليوم الأربعاء) عن» from token ``b`` on;
    None when no «(صادر) عن» follows."""
    j = b
    while j < len(doc.toks) and j - b < 3 and doc.toks[j].key in _ISSUED:
        j += 1
    if doc.toks[j - 1].key in _ISSUED and doc.toks[j - 1].key != _FROM_SOURCE:  # «بلاغ صادر اليوم الأربعاء عن وزارة الداخلية»
        t = j
        while t < len(doc.toks) and t - j < 5 and (doc.toks[t].key in _TIME_WORDS or doc.toks[t].key.isdigit()):
            t += 1
        if t > j and t < len(doc.toks) and doc.toks[t].key == _FROM_SOURCE:
            j = t + 1
    return j if j > b and doc.toks[j - 1].key == _FROM_SOURCE else None


def _issued_from(doc: _Doc, b: int, registry: _Registry) -> _Speaker | None:
    """The body a document was issued by, named from token ``b`` on: «(بلاغ) صادر اليوم الأربعاء عن وزارة
    الداخلية», «(تقرير) عن البنك الدولي»; None when no «(صادر) عن» follows."""
    j = _issuer_start(doc, b)
    if j is None:
        return None
    k = j
    while (
        # (up to seven words: «الهيئة العليا المستقلة للاتصال السمعي البصري»)
        k < len(doc.toks) and k - j < 7 and doc.toks[k].word and not _is_boundary(doc, doc.toks[k])
        and doc.cue(k) is None and doc.toks[k].key not in _COMPLEMENTISERS
        and not (k > j and _verb_with_object(doc.toks[k].key))  # «صادر عن الرئاسة نشرته وكالة …»
        # «بيان صادر عن الداخلية الفرنسية سبب ترحيل …»: an indefinite everyday noun after a definite word is
        # no more of the name
        and not (k > j and doc.toks[k - 1].key.startswith("ال") and not doc.toks[k].key.startswith(("ال", "لل", "وال")) and doc.toks[k].key in doc.lex.everyday)
        # «تقرير صادر عن المعهد الفرنسي للاندماج لسنة 2015»: the year the document covers
        and not (k > j and doc.toks[k].key.startswith("ل") and k + 1 < len(doc.toks) and doc.toks[k + 1].key.isdigit())
    ):
        k += 1
    if k == j:
        return None
    name = doc.text[doc.toks[j].start : doc.toks[k - 1].end]
    return registry.mention(name, None, name, "", doc.toks[j].start)


def _statement_before(doc: _Doc, a: int, registry: _Registry) -> _Speaker | None:
    """The issuer of the latest «بلاغ لوزارة …»-like statement before token ``a`` («… وفق ما جاء في بلاغ لوزارة
    الدفاع الوطني. وأضاف ذات البلاغ أن …»), when nothing attributed to it was found."""
    toks = doc.toks
    for d in range(a - 1, max(a - 300, 0), -1):
        if toks[d].word and toks[d].key.removeprefix("و") in doc.lex.documents and d + 1 < a:
            nxt = toks[d + 1].key
            if nxt.startswith("ل") and not nxt.startswith("ال") and doc.lex.is_organisation(toks[d + 1].text):
                _, _, s_end = doc.sentence_of(toks[d].start)
                _, end = _parse_np(doc, d + 1, min(s_end, toks[a].start))
                return _document_issuer(doc, d, max(end, d + 2), registry)
    return None


_UNDERTOOK = frozenset(key_of(w) for w in ["تولى", "تولت"])  # «التقرير الذي تولى نشره البنك المركزي»


def _publisher_after(doc: _Doc, i: int, j: int, s_end: int) -> tuple[int, int] | None:
    """«التقرير الذي نشره البنك المركزي», «الدراسة التي أنجزها مركز البحوث …»: tokens of the body that published
    the document the phrase [i, j) names, in the relative clause right after it."""
    toks, n = doc.toks, len(doc.toks)
    if toks[i].key.removeprefix("و").removeprefix("ال") not in doc.lex.documents:
        return None
    k = j
    if not (k < n and toks[k].key in _RELATIVES):
        return None
    k += 1
    if k < n and toks[k].key in _UNDERTOOK:
        k += 1
    if not (k + 1 < n and _published_by(toks[k].key)):
        return None
    a = k + 1
    if not toks[a].word or not (toks[a].key.startswith("ال") or doc.lex.is_organisation(toks[a].text)):
        return None
    if toks[a].key.removeprefix("ال") in _MEDIA_TYPES:
        return None  # «الدراسة التي نشرتها صحيفة "ديلي ميل"»: a newspaper reports a study, it did not make it
    b = _parse_np(doc, a, s_end)[1]
    return (a, b) if b > a else None


_PUBLISHING = frozenset(
    key_of(w) for w in ["سجل", "سجلت", "رصد", "رصدت", "نشر", "نشرت", "أصدر", "أصدرت", "وزع", "وزعت", "أذاع", "أذاعت", "نشرا", "أصدرا", "أنجز", "أنجزت", "أعد", "أعدت", "قدم", "قدمت", "أجرى", "أجرت", "أورد", "أوردت", "بث", "بثت", "أقام", "أقامت", "أطلق", "أطلقت"]
)


def _publisher_before(doc: _Doc, a: int, registry: _Registry) -> _Speaker | None:
    """Who published the document a bare «البلاغ»/«البيان» at token ``a`` refers to: «نشر المكتب الاعلامي لعملية
    فجر ليبيا … بيانا …» → المكتب الاعلامي لعملية فجر ليبيا (the subject of the last «نشر/أصدر … بيانا»)."""
    toks = doc.toks
    for d in range(a - 1, max(a - 400, 0) - 1, -1):
        key = toks[d].key.removeprefix("و")
        if not toks[d].word or key.startswith("ال") or key.removesuffix("ا") not in doc.lex.documents:
            continue
        if d + 1 <= a and toks[d + 1].key.startswith("ال") and toks[d + 1].key.removeprefix("ال") in doc.lex.documents:
            continue  # «وفق نص البيان»: the same statement, named before
        if d + 1 < a and toks[d + 1].key in _ISSUED and toks[d + 1].key != _FROM_SOURCE and (issuer := _issued_from(doc, d + 1, registry)) is not None:
            # «ففي تقرير صادر عن المعهد الفرنسي للاندماج … وأكد التقرير أن»: the body it names as issuing it (not
            # «بيانات عن أكثر من 80 ألف حالة»: data about)
            return issuer
        if (v := _publishing_verb(doc, d)) is not None:
            if (span := _publishing_subject(doc, v, d)) is None:
                return None
            label = doc.text[toks[span[0]].start : toks[span[1] - 1].end]
            return registry.mention(label, None, label, "", toks[span[0]].start)
        if d >= 2 and toks[d - 1].key == "في" and (span := _subject_ending_at(doc, d - 1)) is not None:
            label = doc.text[toks[span[0]].start : toks[span[1] - 1].end]  # «عبّر المكتب التنفيذي … في بيان له»
            return registry.mention(label, None, label, "", toks[span[0]].start)
        if key == toks[a].key.removeprefix("و").removeprefix("ال"):
            return _document_named_at(doc, d, registry)  # «دراسة حديثة أجراها …. وكشفت الدراسة أن …»
        return None
    # no statement named before: the institution the text opens with («وجهت وزارة المرأة … دعوة …. وأضاف البلاغ»)
    if toks[a].key.removeprefix("و").removeprefix("ال") not in _STATEMENTS:
        return None
    first = next((k for k in range(min(3, a)) if toks[k].word and toks[k].key not in _SENTENCE_OPENERS), None)
    if first is None or first + 2 >= a or toks[first + 1].key not in doc.lex.organisations:
        return None  # an institution in construct («وزارة المرأة …»), not «تصدرت الشرطة قائمة …»
    if not _may_be_verb(doc.words[first]):
        return None
    end = first + 2  # its genitives and adjectives: «وزارة المرأة والأسرة والطفولة», «منظمة العفو الدولية»
    while end < a and toks[end].word and toks[end].key.startswith(("ال", "وال", "لل")) and toks[end].key not in _TIME_WORDS:
        end += 1
    if end == first + 2 and not toks[first + 2].key.startswith(("ال", "لل")):
        return None
    label = doc.text[toks[first + 1].start : toks[end - 1].end]
    return registry.mention(label, None, label, "", toks[first + 1].start)


_STATEMENTS = frozenset(key_of(w) for w in ["بلاغ", "بيان"])


def _publishing_verb(doc: _Doc, d: int) -> int | None:
    """Token index of the verb of publishing within 20 tokens before the document at token ``d`` («نشرت … بيانا»)."""
    return next((v for v in range(d - 1, max(d - 20, 0) - 1, -1) if doc.toks[v].key.removeprefix("و").removeprefix("ف") in _PUBLISHING), None)


def _publishing_subject(doc: _Doc, v: int, d: int) -> tuple[int, int] | None:
    """Tokens of the subject of the verb of publishing at token ``v``, whose object is the document at token ``d``:
    after the verb («نشرت وزارة الصحة بيانا»), or before «قد» and the verb («وكانت وزارة الصحة قد نشرت بيانا»);
    None for one everyday word or none."""
    toks = doc.toks
    _, s_start, s_end = doc.sentence_of(toks[v].start)
    start, end = _parse_np(doc, v + 1, s_end)
    end = min(end, d)
    if end == start and v > 0 and toks[v - 1].key == _QAD:
        start, end = _subject_before(doc, v, s_start)
    if end - start >= 2 or (end > start and doc.lex.is_organisation(toks[start].text)):
        return start, end
    return None


def _document_said_in(doc: _Doc, i: int) -> int | None:
    """«نشرت الوزارة بيانا قالت فيه إن …»: the document at the token before the cue at token ``i``, which «فيه» or
    «فيها» after the cue names as where it was said (its publisher speaks), else None."""
    toks = doc.toks
    if not (0 < i < len(toks) - 1 and toks[i + 1].key in _IN_IT):
        return None
    key = toks[i - 1].key.removeprefix("و")
    return i - 1 if not key.startswith("ال") and (key in doc.lex.documents or key.removesuffix("ا") in doc.lex.documents) else None


_IN_IT = frozenset(key_of(w) for w in ["فيه", "فيها"])
_DURING_IT = _IN_IT | frozenset(key_of(w) for w in ["خلاله", "خلالها"])
_SPEECH_EVENTS = frozenset(key_of(w) for w in ["كلمة", "حوار", "مداخلة", "محاضرة", "حديث"])  # «كلمة أردوغان التي قال خلالها»


def _said_in_relative(doc: _Doc, i: int) -> tuple[int, int] | None:
    """«تصريحات وزير التشغيل التي قال فيها إن …», «كلمة أردوغان التي قال خلالها»: the cue at token ``i`` in a
    relative clause on a statement or speech, which «فيها» takes back; the statement's genitive is who spoke (the
    relative agrees with the statement, not with the speaker). Tokens of that genitive, else None."""
    toks = doc.toks
    if not (1 < i < len(toks) - 1 and toks[i + 1].key in _DURING_IT and toks[i - 1].key in _RELATIVES):
        return None
    end = i - 1 - (toks[i - 2].text in "،,")
    _, s_start, _ = doc.sentence_of(toks[i].start)
    for h in range(end - 1, max(end - 10, 0) - 1, -1):
        if toks[h].text in "،,":
            continue  # «تصريحات رئيس الجمهورية، الباجي قائد السبسي والتي …»
        if toks[h].start < s_start or not toks[h].word or doc.cue(h) is not None:
            return None
        head = _without_li(_without_wa(toks[h].key, doc.lex.documents)).removeprefix("ب").removeprefix("ال")
        if head in doc.lex.documents or head in _SPEECH_EVENTS:
            a, b = _parse_np(doc, h + 1, toks[end].start)
            if b <= a or not (_opens_subject(doc, a) or doc.words[a].may_name) or toks[a].key in _KIN:
                return None  # (not «تصريحات أرملة المنسق الجهوي، لطفي نقض والتي دعتهم فيها»: the kin word tells)
            return a, b
    return None


def _document_named_at(doc: _Doc, d: int, registry: _Registry) -> _Speaker | None:
    """The source a document named at token ``d`` without the article stands for, when a bare «الدراسة» refers
    back to it: the publisher a verb of publishing names after its adjectives («دراسة حديثة أجراها المعهد الألماني
    لاقتصاديات العمل» → «المعهد الألماني لاقتصاديات العمل», «دراسة أجرتها "ناشيونال جيوغرافيك"»), the body after
    «لـ» or «صادر عن», else the document as its adjectives describe it («دراسة نرويجية حديثة»); None for a bare
    noun or a longer description («تقرير شهر فيفري الخاص …»)."""
    toks = doc.toks
    k = d + 1
    while k < len(toks) and k - d <= 2 and toks[k].word and _indefinite_adjective(doc, toks[k]):
        k += 1
    if k < len(toks) and toks[k].word and _published_by(toks[k].key):
        if (span := _publisher_span(doc, k)) is not None:
            start, end = span
            label = doc.text[toks[start].start : toks[end - 1].end]
            return registry.mention(label, None, label, "", toks[start].start)
        if k + 2 < len(toks) and toks[k + 1].text in _OPENING_MARKS and (quoted := _quoted_name_in(doc, k + 1, k + 10)):
            return registry.mention(quoted, None, quoted, "", toks[k + 2].start)
        return None
    if k < len(toks) and toks[k].word and toks[k].key.startswith("ل") and not toks[k].key.startswith("ال") and doc.lex.is_organisation(toks[k].text):
        _, _, s_end = doc.sentence_of(toks[k].start)
        end = max(_parse_np(doc, d, s_end)[1], k + 1)
        return _document_issuer(doc, d, next((m for m in range(k, end) if not toks[m].word), end), registry)  # «دراسة لجامعة …»
    issued = k < len(toks) and toks[k].key in _ISSUED and (
        toks[k].key != _FROM_SOURCE or any(toks[m].key in _ISSUED_VERBS for m in range(max(0, d - 3), d))
    )
    if issued and (issuer := _issued_from(doc, k, registry)) is not None:
        # «تقرير سنوي صادر عن البنك الدولي», «صدر مؤخرا منشور جديد عن رئيس الحكومة» (not «كشفت دراسة حديثة عن
        # علاقة …»: what it is about)
        return issuer
    if k == d + 1:
        return None
    label = doc.text[toks[d].start : toks[k - 1].end]
    return registry.mention(None, label, label, "", toks[d].start)


def _indefinite_adjective(doc: _Doc, tok: _Tok) -> bool:
    """An adjective without the article after a noun: «بريطانية», «حديثة», «جديدة», «سابق» (not a name or a body)."""
    key = tok.key
    if key.startswith(("ال", "وال", "بال", "لل", "و")) or doc.lex.is_organisation(tok.text) or doc.lex.first_name(tok.text) is not None:
        return False
    return (key.endswith(_NISBA_ENDINGS) and len(key) >= 5) or _adjective_shape("ال" + key)


def _opening_word(doc: _Doc, s_start: int, i: int) -> int:
    """The first word of the sentence starting at offset ``s_start`` after «و», «كما», «وقد», «وكان» … (at most token
    ``i``): the verb or the subject the sentence opens with."""
    k = doc.tok_at(s_start)
    while k < i and (not doc.toks[k].word or doc.toks[k].key in _SENTENCE_OPENERS):
        k += 1
    return k


def _opening_subject(
    doc: _Doc, i: int, s_start: int, s_end: int, *, titled_name: bool = False, cue_verb: bool = False, surname: bool = False
) -> tuple[int, int] | None:
    """Tokens of the subject of the verb that opens the sentence of the cue at token ``i`` («عاين فريق الرادار …،
    ولاحظ أن», «تقدمت امرأة أصيلة مدينة غار الدماء بشكاية … أكدت فيها أن»): a word that may be a verb (no cue, name,
    title or institution), then a phrase a title, a given name, an institution, a source or a group opens; with
    ``titled_name``, also a longer one that holds a title and a given name («وأيد النائب اياد جمال الدين …»); with
    ``cue_verb``, also after a cue verb («وهدد الوزير يوري تروتنيف بوقف …», a sentence that reports no clause); with
    ``surname``, also a surname alone right after the verb, of a person the text named in full before («وهدد تروتنيف
    بوقف …» after «الوزير يوري تروتنيف»)."""
    toks = doc.toks
    k = _opening_word(doc, s_start, i)
    if k + 1 >= i or (doc.cue(k) is not None and not cue_verb) or not _may_be_verb(doc.words[k]) or doc.words[k].given_name:
        return None
    if toks[k].key in _COMPLEMENTISERS or toks[k].key in _TIME_WORDS or doc.lex.is_organisation(toks[k].text) or toks[k].key in _QUANTIFIERS:
        return None
    a = _skip_time(doc, k + 1, s_end)
    if a >= i:
        return None
    if not (_plain_subject(doc, a) or toks[a].key in _GROUP_HEADS):
        alone = surname and a == k + 1 and toks[a].word and not toks[a].key.startswith("ال") and _surname_named_before(doc, a)
        return (a, a + 1) if alone else None
    a, b = _parse_np(doc, a, toks[i].start, transitive=True)  # the verb's object may follow: «عاين فريق البحث الفئران»
    # a short phrase only: a longer one is as often two («علماء بريطانيون دراسة جديدة») or a description of someone
    # else («إحدى التشكيلات العسكرية العاملة بالمنطقة …»)
    n_words = sum(t.word for t in toks[a:b])
    if titled_name and n_words > 3 and doc.words[a].role is not None and any(doc.words[m].given_name for m in range(a, b)):
        return a, b
    return (a, b) if 0 < n_words <= 3 else None


def _relative_subject(doc: _Doc, i: int, gender: str) -> tuple[int, int] | None:
    """The token of an indefinite person noun or study before the cue verb at token ``i``, which the verb then
    describes as an adjectival clause («على شخص ادعى أنه …», «التقينا بمواطن قال إن …», «إيقاف مواطن محتال ادعى أنه»,
    «أجرى علماء دراسة جديدة تقول إن»; up to two indefinite adjectives between), and how many letters of a
    preposition («ب», «ل») open it; None otherwise."""
    for k in range(i - 1, max(i - 3, 0) - 1, -1):
        if not doc.toks[k].word:
            return None
        key = doc.toks[k].key
        for cut in (0, 1):
            noun = key[cut:]
            if cut and key[:1] not in "بل":
                break
            if noun.startswith("ال"):
                continue
            bare = noun[:-1] if noun.endswith("ا") and not noun.endswith("اا") else noun  # «شابا», «مواطنا»: accusative
            if ("ال" + noun) in doc.lex.anaphoric or noun in _PERSON_NOUNS or bare in _PERSON_NOUNS or noun in _STUDIES:
                agrees = gender in ("f", "m") and (gender == "f") == noun.endswith("ة")
                return (k, cut) if agrees else None
        # «محتال», «جديدة»: an indefinite adjective between the noun and the verb, of the verb's gender (not «نشر
        # هورتون صورة قال إنها …»)
        if key.startswith(("ال", "و", "ب", "ل", "ف")) or doc.words[k].role is not None or doc.cue(k) is not None or doc.words[k].given_name:
            return None
        if gender not in ("f", "m") or (gender == "f") != key.removesuffix("ا").endswith("ة"):
            return None
    return None


_PERSON_NOUNS = frozenset(key_of(w) for w in ["شخص", "مواطن", "مواطنة", "سيدة", "طفل", "طفلة", "شاب", "شابة", "رجل", "امرأة"])


def _group_span(doc: _Doc, i: int, s_start: int) -> tuple[int, int] | None:
    """Tokens [a, end) of the group named right after the first verb of the sentence starting at ``s_start``, before
    token ``i`` (see :func:`_group_head`), else None."""
    k = _opening_word(doc, s_start, i)
    if k + 1 >= i or not _may_be_verb(doc.words[k]) or doc.words[k].given_name or doc.lex.is_organisation(doc.toks[k].text):
        return None
    a = k + 2 if doc.toks[k + 1].key in _PREPOSITION_PRONOUNS else k + 1  # «تبرأ منه», «تعرف عليه»
    if a >= i or not doc.toks[a].word or not _group_head(doc, a):
        return None
    _, end = _parse_np(doc, a, doc.toks[i].start)
    return (a, end) if end > a else None


def _indefinite_object(doc: _Doc, k: int) -> bool:
    """Token ``k`` is an indefinite everyday word, no name, title or body: after a definite noun it is no adjective
    (an adjective agrees in definiteness), so it opens the verb's object or a circumstantial word."""
    tok, word = doc.toks[k], doc.words[k]
    return (
        tok.word and not tok.key.startswith(("ال", "وال", "لل", "ب", "ل", "و", "ف", "ك")) and tok.key in doc.lex.everyday
        and word.role is None and not word.given_name and doc.lex.first_name(tok.text) is None
        and not doc.lex.is_organisation(tok.text) and not _place_name(tok.text)
        and tok.key not in _COMPLEMENTISERS and doc.cue(k) is None and not tok.key.isdigit()
    )


def _group_head(doc: _Doc, k: int) -> bool:
    """Token ``k`` heads a group of people: «عدد (من)», «أعضاء», a construct plural («مديرو», «منظمو»), a definite
    sound plural («المحتجون», «الناشطين») or a group word («سكان», «شهود»).

    >>> from analysis.quotes.extract import _quoted_doc
    >>> doc, _ = _quoted_doc("عبر عدد من المحتجين وأشاد مديرو المحمية وتناقل الناشطون الخبر", None)
    >>> [doc.toks[k].text for k in range(len(doc.toks)) if _group_head(doc, k)]
    ['عدد', 'المحتجين', 'مديرو', 'الناشطون']
    """
    key = doc.toks[k].key
    return (
        key in _COUNTED_GROUPS or key in _GROUP_HEADS or _construct_plural(key) or _plural_title(doc.lex, key)
        or (key.startswith("ال") and key.endswith(("ون", "ين")) and len(key) >= 7 and doc.words[k].role is None and not key.endswith(_ADJECTIVE_ENDINGS))
    )


_COUNTED_GROUPS = frozenset(key_of(w) for w in ["عدد", "بعض", "عشرات", "مئات", "آلاف", "أعضاء", "مجموعة"])


def _may_be_verb(word: _Word) -> bool:
    """Whether the word before an institution may be the verb it is the subject of: no article, title or boundary."""
    return not (word.key.startswith(("ال", "لل")) or word.role is not None or word.boundary)


def _subject_ending_at(doc: _Doc, e: int) -> tuple[int, int] | None:
    """The definite phrase or institution that is the subject of a verb and ends just before token ``e``: «عبّر
    المكتب التنفيذي الوطني للاتحاد العام التونسي للشغل | في بيان له» → the phrase between the verb and «في»."""
    toks = doc.toks
    _, s_start, s_end = doc.sentence_of(toks[e].start)
    for start in range(e - 1, max(e - _MAX_NP, 0), -1):
        if toks[start].start < s_start or not toks[start - 1].word:
            return None
        key = toks[start].key
        if not (key.startswith("ال") or key in doc.lex.organisations) or key.startswith(("لل", "وال")):
            continue
        if not _may_be_verb(doc.words[start - 1]):  # the verb opening the sentence: not «رئيس المكتب …» nor «مع المكتب …»
            continue
        if not (toks[start - 1].start <= s_start or (start >= 2 and (toks[start - 2].start < s_start or toks[start - 2].key in _SENTENCE_OPENERS))):
            continue
        if _parse_np(doc, start, s_end)[1] == e:
            return start, e
    return None


_SUBJECT_OPENERS = frozenset(key_of(w) for w in ["كان", "كانت", "أما", "وأما", "وكان", "وكانت"])
_AMMA = frozenset(key_of(w) for w in ["أما", "وأما"])
_SUBJECT_CLOSERS = frozenset(key_of(w) for w in ["قد", "فقد", "ف", "كان", "كانت"])
_SENTENCE_OPENERS = frozenset(key_of(w) for w in ["و", "ف", "كما", "ثم", "وقد", "قد", "وكان", "وكانت", "كان", "كانت", "فيما", "بينما"])
_PAST_AUXILIARIES = frozenset(key_of(w) for w in ["كان", "كانت", "قد"])


def _after_amma(doc: _Doc, k: int, s_start: int) -> bool:
    """«أما» opens the sentence within twelve words before token ``k``: a long title after «أما» («أما الأستاذة
    الجامعية بقسم العربية … بجامعة منوبة، آمال قرامي، فقد أوضحت») still ends at «فقد»."""
    return any(_amma(doc, m) for m in range(max(k - 12, 0), k + 1) if doc.toks[m].start >= s_start)


def _amma(doc: _Doc, k: int) -> bool:
    """«أما» (as for) at token ``k``, not «إما» (either), which normalises alike."""
    return doc.toks[k].key in _AMMA and "إ" not in doc.toks[k].text



_THEN = frozenset(key_of(w) for w in ["آنذاك", "حينها", "حينذاك", "وقتها"])  # «مستشار الرئيس آنذاك، X صرح»
_FRONTING = frozenset(key_of(w) for w in ["لكن", "ولكن", "بينما", "وبينما", "فيما", "وكان", "وكانت"])
_KANA = frozenset(key_of(w) for w in ["كان", "كانت"])  # after «فقد», «وقد»: «فقد كانت وزارة العدل قالت …»


def _fronted_subject(doc: _Doc, i: int, s_start: int) -> tuple[int, int]:
    """«ولكن إدارة الإطفاء قالت …», «وكانت بيونغ يانغ ألمحت …»: a subject between a conjunction and the verb."""
    k = i - 1
    last = i  # «لكن وكالة الأنباء (وات) أشارت»: a bracketed short name right before the verb is an alias, no more of it
    while k >= 0 and doc.toks[k].start >= s_start and i - k <= 14:
        tok = doc.toks[k]
        if tok.key in _FRONTING or (tok.key in _KANA and k > 0 and doc.toks[k - 1].key in _QAD_BEFORE):
            # «وكان التحالف قد بدأ … حملة عسكرية يقول إنها …»: the subject ends at «قد»; the rest is كان's predicate
            end = next((m for m in range(k + 2, i) if doc.toks[m].key == _QAD), last)
            return (k + 1, end) if k + 1 < end else (i, i)
        if tok.text in "،," and k + 1 < i and k > 0 and doc.toks[k - 1].word:
            k -= 1  # «وكان مستشار رئيس الجمهورية آنذاك، خميس الجهيناوي صرح بأن»: a name in apposition
            continue
        if tok.text == ")" and (
            opening := next((m for m in range(k - 2, max(k - 9, doc.tok_at(s_start)) - 1, -1) if doc.toks[m].text == "("), None)
        ) is not None and _bracketed_end(doc, opening) == k + 1:
            if k == i - 1:
                last = opening
            k = opening - 1  # «لكن دراسة نشرتها دورية (ساينس) أشارت»: a bracketed name inside the subject
            continue
        if not tok.word and tok.text in _MARK_CHARS:
            # «وكانت هيئة الإذاعة البريطانية "بي بي سي" كشفت»: a short quoted name inside the subject
            floor = max(k - 6, doc.tok_at(s_start))
            m = next((m for m in range(k - 1, floor - 1, -1) if not doc.toks[m].word), None)
            if m is not None and m < k - 1 and doc.toks[m].text in _OPENING_MARKS:
                k = m - 1
                continue
        if tok.key in _THAT_SUBJECT and k + 1 < i and _opens_subject(doc, k + 1) and _notes_that(doc, k):
            return k + 1, i  # «يذكر أن وزير الصحة صرح بأن …»: the journalist's «it is worth noting that», then the subject
        if not tok.word or doc.cue(k) is not None or tok.key in _COMPLEMENTISERS:
            break
        if doc.words[k].boundary and tok.key not in _ROLE_LINKS and tok.key not in _THEN:  # «محامي هيئة … في منظمة التحرير X أعلن»
            break
        k -= 1
    if (
        (k < 0 or doc.toks[k].start < s_start) and 0 < i - (k + 1) <= 8 and doc.toks[i].text[:1] not in "وف"
        and _has_title(doc, k + 1, i) and _has_name(doc, k + 1, i)
    ):
        # «رئيس الوزراء الكندي جاستن ترودو قال في بيان:»: the sentence opens with the subject (not «وخاطب كريستيانو
        # لاعبي الفريق وقال لهم»: «وقال» goes on from the verb before)
        return k + 1, i
    if doc.toks[i].text[:1] not in "وف" and (subject := _preverbal_subject(doc, i, s_start)) is not None:
        # «تقرير الطبيب الشرعي أكد أن …», «إلا أن البنك الدولي لا يرى أن …»: a noun phrase that opens the sentence or
        # the clause, then the verb with no «و» of its own
        return subject
    return i, i


_BARE_THAT = frozenset(key_of(w) for w in ["أن", "بأن", "إن"])
_BUT_THEN = frozenset(key_of(w) for w in ["لكن", "ولكن", "فإن"])  # «لكن الباحثين خلصوا إلى أن», «ومع ذلك، فإن الأبحاث توضح أن»


def _preverbal_subject(doc: _Doc, i: int, s_start: int) -> tuple[int, int] | None:
    """The subject before the speech verb at token ``i`` (and a negation or «قد» before it): right after the sentence's
    start, a bare «أن/إن» or «لكن/فإن», a phrase the speaker-phrase parser reads to the verb (or to a name in marks
    that closes it: «شركة السكك الحديد "دويتشه بان"»), whose head is a title, a given name, an organisation, a
    document or a source («تقرير الطبيب الشرعي», «مصدر في وزارة الداخلية»), or some of them («عديد التقارير
    الصحفية»). After an «أن/إن» that a speech verb before it in the sentence governs, only a title, a given name or an
    organisation before a past-tense verb: «وذكرت الصحيفة أن لاريجاني أعلن أن …»."""
    end = i
    while end > 0 and doc.toks[end - 1].key in _NEGATION_OR_QAD:
        end -= 1
    k = end - 1
    while k >= 0 and doc.toks[k].start >= s_start and end - k <= 10:
        if (opening := _quoted_name_from(doc, k)) is not None:
            k = opening - 1  # «إلا أن شركة "دويتشه بان" أكدت أن»: a quoted name inside the subject or closing it
        elif (doc.toks[k].word and doc.toks[k].key not in _COMPLEMENTISERS and doc.cue(k) is None) or (
            doc.toks[k].text in _MARK_CHARS and k < end - 1
        ):
            k -= 1
        else:
            break
    if k == end - 1 or not (k < 0 or doc.toks[k].start < s_start or doc.toks[k].key in _BARE_THAT or doc.toks[k].key in _BUT_THEN):
        return None
    reported = (
        k >= 0 and doc.toks[k].start >= s_start and not _after_contrast(doc, k) and doc.toks[k].key not in _BUT_THEN
        and any(doc.cue(m) is not None for m in doc.speech_in(doc.tok_at(s_start), k))
    )
    a = k + 1
    if (np_end := _parse_np(doc, a, doc.toks[end].start)[1]) != end and np_end != _quoted_name_from(doc, end - 1):
        return None  # the phrase runs to the verb, or to the name in marks that closes it («شركة السكك الحديد "دويتشه بان"»)
    head = a + 1 if doc.toks[a].key in _QUANTIFIERS or doc.toks[a].key in _SAME else a  # «ذات المصدر أكد أن»
    if reported and ((cue := doc.cue(i)) is None or cue.present or not _opens_subject(doc, head)):
        # «وأضاف أن البيان يوضح أن …»: a clause someone reports, whose own verb the rules leave to them; but in
        # «وذكرت الصحيفة أن لاريجاني أعلن أن …» the named subject said the inner clause, which is a quote of its own
        return None
    if not (
        _opens_subject(doc, head) or doc.toks[head].key.removeprefix("ال") in doc.lex.documents or doc.toks[head].key in _SOURCE_NOUNS
        or _plural_title(doc.lex, doc.toks[head].key)
        or (k >= 0 and _after_contrast(doc, k) and head == a and end - a <= 4 and _agrees_with_cue(doc, a, doc.cue(i)))
    ):
        return None
    return a, end


def _quoted_name_from(doc: _Doc, k: int) -> int | None:
    """The opening mark of a name of one to four words in marks that the mark at token ``k`` closes: «شركة "دويتشه
    بان"» (whose «بان» is no «بأن»)."""
    if doc.toks[k].text not in _MARK_CHARS:
        return None
    m = k - 1
    while m >= 0 and k - m <= 5 and doc.toks[m].word:
        m -= 1
    return m if m >= 0 and m < k - 1 and k - m <= 5 and doc.toks[m].text in _MARK_CHARS else None


def _agrees_with_cue(doc: _Doc, k: int, cue: Cue | None) -> bool:
    """A definite noun whose gender the past-tense cue after it agrees with (a feminine plural, too): in «إلا أن
    المضيفة قالت إنها …», «إلا أن السلطات الرسمية في الولاية أكدت أن …» the narration turns to a new subject, which
    the lists need not know (not so at a sentence's start: «التونسي البطل قال …» describes someone named before)."""
    key = doc.toks[k].key
    if cue is None or cue.present or cue.kind != "verb" or not key.startswith("ال") or len(key) < 5:
        return False
    return cue.gender == ("f" if key.endswith(("ة", "ات")) else "m")


def _plural_title(lex: Lexicon, key: str) -> bool:
    """«الباحثين», «المسؤولون»: the sound plural of a title word (the lists hold singulars)."""
    return key.endswith(("ون", "ين")) and len(key) >= 6 and lex.role_gender(key[:-2]) is not None


def _after_contrast(doc: _Doc, k: int) -> bool:
    """Whether the «أن» at token ``k`` follows «غير», «إلا», «بيد» or «رغم (من)»: «…، غير أن المنظمة أقرت بأنها …» turns
    from what was reported to the narration."""
    before = [doc.toks[m].key for m in range(max(k - 3, 0), k)]
    return bool(before) and (before[-1] in _CONTRAST or (before[-1] == _FROM and any(w in _DESPITE for w in before[:-1])))


_CONTRAST = frozenset(key_of(w) for w in ["غير", "إلا", "بيد", "رغم", "برغم", "ورغم"])
_DESPITE = frozenset(key_of(w) for w in ["الرغم", "بالرغم", "وبالرغم", "رغم"])
_NEGATION_OR_QAD = frozenset(key_of(w) for w in ["لا", "لم", "لن", "قد", "لقد"])  # between a subject and its verb


_QAD = key_of("قد")
_AS_ALSO = frozenset(key_of(w) for w in ["كما", "وكما"])
_WAS = frozenset(key_of(w) for w in ["كان", "كانت", "وكان", "وكانت"])
_SABAH = key_of("صباح")
_THAT_SUBJECT = frozenset(key_of(w) for w in ["أن", "بأن", "وأن"])
_NOTE_WORDS = frozenset(key_of(w) for w in ["يذكر", "ويذكر", "بالذكر", "علما", "وعلما", "للتذكير", "وللتذكير"])
_NOTE_TO = frozenset(key_of(w) for w in ["يشار", "ويشار", "الإشارة", "تجدر"])  # «يشار إلى أن», «تجدر الإشارة إلى أن»


def _notes_that(doc: _Doc, k: int) -> bool:
    """Whether the «أن» at token ``k`` follows the journalist's «يذكر», «يشار إلى», «والجدير بالذكر»: what follows is
    narration, so a subject and a speech verb in it make a speaker (not the words of someone quoted before)."""
    before = doc.toks[k - 1].key if k > 0 else ""
    if before in _NOTE_WORDS:
        return True
    return before in _TO and k > 1 and doc.toks[k - 2].key in _NOTE_TO


def _opens_subject(doc: _Doc, k: int) -> bool:
    """Token ``k`` can open a speaker phrase before its verb: a title, a given name or an organisation."""
    return doc.toks[k].word and (
        doc.words[k].role is not None or doc.words[k].given_name or doc.lex.is_organisation(doc.toks[k].text)
    )


def _may_open_subject(doc: _Doc, k: int) -> bool:
    """Whether token ``k`` may open a verb's subject: a title, a given name, a name or an institution."""
    return doc.words[k].role is not None or doc.words[k].given_name or doc.lex.in_name(doc.toks[k].text) or doc.lex.is_organisation(doc.toks[k].text)


def _relative_antecedent(doc: _Doc, i: int, s_start: int) -> tuple[int, int]:
    """«رياض جعيدان، الذي أكد أنه …» (the cue inside the relative clause, after optional كان/قد), «إلا أن لوريمان
    الذي التقط الصورة، قال إن …» (a short relative clause, a comma, then the cue): the name before الذي."""
    toks = doc.toks
    if doc.words[i].cue is None and doc.words[i].pronoun_cue is not None:
        return i, i  # «نظام الحكم الذي وصفه بالنظام "الهجين"»: الذي is the object (ه), the subject is implicit
    j = i - 1
    while j >= 0 and toks[j].key in _SUBJECT_CLOSERS:
        j -= 1
    if not (j >= 0 and toks[j].key in _RELATIVES):
        j = i - 1
        if not (j >= 0 and toks[j].text in "،,"):
            return i, i
        if toks[i].text.startswith("و") and doc.lex.cue(toks[i].text[1:]) is not None:
            return i, i  # «ونفت قطر الاتهامات التي وجهتها لها دول خليجية، وقالت إنها»: «و» goes on with the sentence's subject
        j -= 1
        while j >= 0 and i - j <= 8 and toks[j].word and toks[j].key not in _RELATIVES and doc.cue(j) is None and toks[j].key not in _COMPLEMENTISERS:
            j -= 1
        if not (j >= 0 and toks[j].key in _RELATIVES and i - j <= 8):
            return i, i
    cue = doc.cue(i)
    if cue is not None and toks[j].key in {"f": _MASCULINE_RELATIVES, "m": _FEMININE_RELATIVES}.get(cue.gender, frozenset()):
        return i, i  # «لحركة نداء تونس، التي قال "إنها …"»: a masculine verb does not agree with التي
    b = j - 1 if j > 0 and toks[j - 1].text in "،," else j
    a = b
    while (
        a > 0 and b - a < 6 and toks[a - 1].start >= s_start and toks[a - 1].word and not doc.words[a - 1].boundary and doc.cue(a - 1) is None
        and not doc.nominal_at(a - 1) and toks[a - 1].key not in _COMPLEMENTISERS
        and not _behind_preposition(doc, a - 1)  # «القس بتسليمها للسلطات التي قالت»: the phrase starts after «ل»
    ):
        a -= 1
    # the phrase starts at a title, a name or an institution: «تأشيرة لحزبه الجديد، الذي قال إنه …» names nobody
    # (the party is what «he» spoke of)
    while a < b and not _may_open_subject(doc, a) and toks[a].key.removeprefix("ال") not in _SOURCE_HEADS:
        a += 1  # («وفق ذات المصدر الذي أضاف أن»: a source, too)
    if a < b and toks[a].key.endswith("ه") and _masdar(toks[a].key[:-1]):
        return i, i  # «أبدى إعجابه بأعماله التلفزية التي بثت …، وأعلمه»: a verbal noun with its pronoun is an object
    return (a, b) if b > a else (i, i)


def _behind_preposition(doc: _Doc, k: int) -> bool:
    """Token ``k`` is «ب/ل» written onto a noun: «للسلطات», «بالوزارة», «بممثلي», «بتسليمها» — no name («بلحاج»,
    «ليبيا») and no title.

    >>> from analysis.quotes.extract import _quoted_doc
    >>> doc, _ = _quoted_doc("قام القس بتسليمها للسلطات وبلحاج في ليبيا", None)
    >>> [doc.toks[k].text for k in range(len(doc.toks)) if _behind_preposition(doc, k)]
    ['بتسليمها', 'للسلطات']
    """
    key, word = doc.toks[k].key, doc.words[k]
    if not doc.toks[k].word or word.role is not None or word.given_name or key.startswith(("بن", "بو")) or key[1:] in _NAME_TAILS:
        return False  # (not «المنتصر بالله»)
    if key.startswith(("لل", "بال")):
        return True
    stem = key[1:]
    return key[:1] in "بل" and (stem in doc.lex.everyday or _pronoun_stem(stem) is not None) and not doc.lex.in_name(doc.toks[k].text)


def _object_after_station(doc: _Doc, k: int) -> bool:
    """Whether token ``k``, right after a correspondent's station in marks, is an everyday indefinite word that names
    no one and no place: the verb's object («مراسل "الجوهرة أف أم" دخول الولاية …»), not his name or his town."""
    tok, word = doc.toks[k], doc.words[k]
    return (
        tok.word and not tok.key.startswith(("ال", "ب", "ل", "و", "ف")) and tok.key not in _PLACE_LINKS
        and tok.key in doc.lex.everyday and not word.given_name and word.role is None
    )


_HAJJ = key_of("الحاج")
_AS_FOR = frozenset(key_of(w) for w in ["بالنسبة", "بخصوص", "فيما"])  # «أما بالنسبة للصورة، فقد شدد»: a topic


def _subject_before(doc: _Doc, i: int, s_start: int) -> tuple[int, int]:
    """«وكان حداد قد صرح …», «أما رئيس النادي، منذر الكراي، فقد أكد …»: the subject before the cue."""
    relative = _relative_antecedent(doc, i, s_start)
    if relative[1] > relative[0]:
        return relative
    j = i - 1
    while j >= 0 and (doc.toks[j].key in _SUBJECT_CLOSERS or doc.toks[j].text in "،,"):
        j -= 1
    cue = doc.cue(i)
    # «أما قرصان المعلوماتية … الذي بات مسؤولا …، فعلق السبت …»: «ف» written on the verb closes the subject too
    attached_fa = cue is not None and doc.toks[i].key.startswith("ف") and not cue.lemma.startswith("ف")
    if j == i - 1 and not attached_fa:
        return _fronted_subject(doc, i, s_start)
    k = j
    while k >= 0 and doc.toks[k].start >= s_start and (j - k <= 12 or (j - k <= 24 and _after_amma(doc, k, s_start))):
        # «وكان X قد صرح», «يشار إلى أن X، كان صرح»: the subject opens after كان/أما or a complementiser
        if (span := doc.quoted_span(doc.toks[k].start)) and len(doc.text[span[0] : span[1]].split()) > _TERM_MAX_WORDS:
            break  # «أن "المحجوز كان مخزنا …"، وأضاف أن»: no subject inside a quote (a quoted name may be one)
        if (
            (doc.toks[k].key in _SUBJECT_OPENERS and (doc.toks[k].key not in _AMMA or _amma(doc, k)))  # not «إما … وإما»
            or (k < j and doc.toks[k].key in _COMPLEMENTISERS and doc.toks[i - 1].key in _PAST_AUXILIARIES)
            or (k < j and doc.toks[k].key in _THAT_SUBJECT and _opens_subject(doc, k + 1) and _notes_that(doc, k))
        ):  # «يذكر أن والدة نذير القطاري، سنية رجب، قالت …»
            if doc.toks[k].key in _PAST_AUXILIARIES and not any(doc.toks[m].key in _SUBJECT_CLOSERS for m in range(j + 1, i)):
                break  # «كان دوما في صميم اهتمام …، وكشف أن»: كان's predicate and a comma, a new verb with no subject
            a, b = k + 1, j + 1
            while a < b and not doc.toks[a].word:
                a += 1
            # «وكان الشاهد الذي التقى ميركيل في برلين … قد اكد»: the subject ends before its relative clause, and
            # before a bracket that describes it («أما الجبهة الشعبية (15 نائبا)، التي …، فقد عبرت»)
            # … and before «قد» and the verb after it («وكان تشوي قد عمل رئيسا …، ولفت الانتباه بعد قوله إنه»)
            b = next((m for m in range(a + 1, b) if doc.toks[m].key in _RELATIVES or doc.toks[m].text == "(" or doc.toks[m].key == _QAD), b)
            if b > a and (doc.words[a].boundary or doc.toks[a].key in _AS_FOR) and _amma(doc, k):
                return i, i  # «أما على مستوى التجريم، فقد بين الشابي أن»: what it is about, not who speaks
            return (a, b) if b > a else (i, i)
        k -= 1
    return i, i
