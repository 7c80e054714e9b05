"""The quote extractor's lexicons (data files under ``analysis/data/quotes/``), loaded once.

Every look-up key is the normalised word (:func:`key_of`): no diacritics or tatweel, أ/إ/آ → ا, ى → ي.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from analysis.camel import normalize
from analysis.lexicons import load_counts, load_lines, load_words

__all__ = ["Cue", "Lexicon", "extends_name", "key_of", "lexicon"]

_GENDERS = ("m", "f", "m", "f", "m", "f", "p", "p")
_NAME_PARTICLES = frozenset({"بن", "ابن", "ولد", "ابو", "بو", "عبد", "ال", "بنت", "ام"})
_KINDS = ("verb", "verb", "verb", "verb", "participle", "participle", "verb", "participle")
# no dual cue where past + «ا» is mostly a word of its own: «نقلا عن» (a nominal cue), «ردا على», «طالبا»,
# «وعدا», «كتبا», «وصفا», «حذرا», «تابعا لـ», «توقعا», «تعهدا» (accusative nouns and participles)
_NO_DUAL = frozenset({"نقل", "رد", "طالب", "وعد", "كتب", "وصف", "حذر", "تابع", "توقع", "تعهد"})  # (normalised already)


_KEYS: dict[str, str] = {}
_KEY_CACHE_LIMIT = 200_000


def key_of(word: str) -> str:
    """Look-up key of a word: «أضافَت» → «اضافت», «Sitbon» → «sitbon» (memoised: news vocabulary is Zipfian)."""
    key = _KEYS.get(word)
    if key is None:
        # «Guy sitbon» … «Sitbon»: Latin names in Arabic text are written either way; arclean maps the Persian and
        # Urdu letters some keyboards type («ٲن», «فی») to the Arabic ones
        key = normalize(word, clean=not word.isascii()).casefold()
        if "ئو" in key:  # «مسئول», «شئون»: the Egyptian hamza seat before و, elsewhere «مسؤول», «شؤون»
            key = key.replace("ئو", "ؤو")
        if len(_KEYS) < _KEY_CACHE_LIMIT:
            _KEYS[word] = key
    return key


def _memo(method):  # type: ignore[no-untyped-def]
    """Cache a one-word Lexicon method per word (the lexicon is a process-wide singleton)."""
    results: dict[str, object] = {}
    missing = object()

    def wrapper(self: Lexicon, word: str):  # type: ignore[no-untyped-def]
        found = results.get(word, missing)
        if found is missing:
            found = method(self, word)
            if len(results) < _KEY_CACHE_LIMIT:
                results[word] = found
        return found

    wrapper.__doc__ = method.__doc__
    wrapper.__name__ = method.__name__
    return wrapper


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue: its lemma, grammatical gender (m, f, p) and kind (verb, participle, nominal)."""

    lemma: str
    gender: str
    kind: str
    present: bool = False  # «يقول», «تفيد»: imperfect forms


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, Cue]
    nominal: tuple[tuple[str, ...], ...]  # multi-word nominal cues as key tuples, longest first
    term_nouns: frozenset[str]
    boundaries: frozenset[str]
    roles: dict[str, str]  # role key → gender ("F" or "")
    first_names: dict[str, str]  # given-name key → "M"/"F"
    person_words: dict[str, tuple[int, int, int]]  # ANERcorp: key → (B-PERS, I-PERS, total)
    documents: frozenset[str]  # «البيان», «التقرير»: they speak for their issuer
    anaphoric: frozenset[str]  # «المسؤول», «الخبير»: definite nouns that refer back to a named speaker
    organisations: frozenset[str]  # first words of institution names («وزارة», «منظمة»)
    descriptions: frozenset[str]  # «الحقوقية», «التلفزيونية»: adjectives that describe an institution named before

    @_memo
    def is_organisation(self, phrase: str) -> bool:
        """«وزارة الصحة», «والبنك الدولي» → True."""
        first = key_of(phrase.split()[0]) if phrase.split() else ""
        for prefix in ("", "و", "ال", "وال", "ل", "لل"):
            if first.startswith(prefix) and first[len(prefix) :] in self.organisations:
                return True
        return False
    word_counts: dict[str, int]  # ANERcorp word counts
    everyday: frozenset[str]  # JawharaFM words that are rarely inside a person's name (common_words.tsv)
    known_aliases: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]  # short name → full names (known_aliases.tsv)
    agencies: frozenset[str]  # first words of news agencies' names («رويترز», «فرانس», «الأناضول»; agencies.txt)
    places: frozenset[tuple[str, ...]]  # towns CLDR does not name, as word-key tuples: («قابس»,), («سيدي», «بوزيد») (places.txt)

    @_memo
    def cue(self, word: str) -> Cue | None:
        """The cue a word is, allowing و/ف/ل prefixes: «وأضافت» → أضاف (f)."""
        key = key_of(word)
        for prefix in ("", "و", "ف", "ل", "وف"):
            if key.startswith(prefix) and (found := self.cues.get(key[len(prefix) :])) is not None:
                if word[len(prefix) : len(prefix) + 1] == "إ" and len(found.lemma) == 4 and found.lemma[0] == "ا" and found.kind == "verb":
                    return None  # «إدانتها», «إعلانه»: إ opens the verbal noun of أفعل (the verb is written أدانت, أعلن)
                if prefix == "ل" and found.kind == "participle":
                    return None  # «لمتابعة المشاريع»: «ل» makes the form a noun («for following up»), not a speaker's cue
                return found
        return None

    @_memo
    def role_gender(self, word: str) -> str | None:
        """``"F"``/``""`` when the word is a role or title word, else None (ال and و ignored)."""
        full = key_of(word)
        for key in dict.fromkeys((full, full.removeprefix("و"))):  # «وزير», «والي» start with و
            for candidate in (key, key.removeprefix("ال"), "ال" + key):
                if candidate in self.roles:
                    return self.roles[candidate]
            if key.startswith("لل") and ("ال" + key[2:]) in self.roles:
                return self.roles["ال" + key[2:]]
        return None

    @_memo
    def first_name(self, word: str) -> str | None:
        """``"M"``/``"F"`` for a known given name (gender unknown → ``""``), else None."""
        key = key_of(word)
        if key in self.first_names:
            return self.first_names[key]
        begin, _, total = self.person_words.get(key, (0, 0, 0))
        return "" if begin >= 3 and begin >= 0.6 * total else None

    def _possessed(self, key: str) -> bool:
        """An everyday noun with a possessive pronoun: «افتتاحيتها» (her editorial), «استياءه», «قصتها»; a bare «ه»
        only after a feminine «ت» or a verbal noun's «اء» (not the surname «روحه»)."""
        for suffix in ("هما", "هم", "ها", "ه"):
            stem = key.removesuffix(suffix)
            if stem != key and len(stem) >= 3:
                if stem.endswith("ت") and stem[:-1] + "ة" in self.everyday:
                    return True
                return stem in self.everyday and (suffix != "ه" or stem.endswith("اء"))
        return False

    @_memo
    def in_name(self, word: str) -> bool:
        """Whether a word can continue a person's name: a rare word, or one ANERcorp mostly sees inside names.

        Rare means rare in ANERcorp and not an everyday word of a large news corpus («سعي», «المبادرة»).
        """
        key = key_of(word)
        if key in _NAME_PARTICLES or key in self.first_names:
            return True
        return self.name_like(word) and key_of(word) not in self.everyday

    @_memo
    def name_like(self, word: str) -> bool:
        """Rare in ANERcorp or mostly inside names there: a proper noun, or the surname right after a given name even
        when other news use it as an everyday word («تيريزا ماي», «علياء عودة», «في بروكسل»)."""
        key = key_of(word)
        if key in _NAME_PARTICLES or key in self.first_names:
            return True
        if any(c.isdigit() for c in key):
            return False  # «عام 2005»: a number names nobody
        if self._possessed(key):
            return False  # «ألفة يوسف افتتاحيتها», «لويس إنريكي استياءه»: no part of the name
        begin, inside, total = self.person_words.get(key, (0, 0, 0))
        return self.word_counts.get(key, 0) < 10 or begin + inside >= 0.5 * max(total, 1)


@cache
def lexicon() -> Lexicon:
    """The lexicons, read on first use."""
    cues: dict[str, Cue] = {}
    for line in load_lines("quotes/cues.tsv"):
        forms = line.split("\t")
        lemma = key_of(forms[0].strip("()"))
        for column, (form, gender, kind) in enumerate(zip(forms, _GENDERS, _KINDS, strict=False)):
            if form != "-" and not form.startswith("("):  # «(نص)»: the lemma only, its form is a noun too
                cues.setdefault(key_of(form.rstrip("ً")), Cue(lemma, gender, kind, column in (2, 3)))
        for past in forms[:2]:  # the dual past of a sound verb: «أعلنا», «أشارا», «قالتا» (two speakers)
            if past != "-" and not past.startswith("(") and not past.endswith(("ى", "ا", "ء")) and lemma not in _NO_DUAL:
                cues.setdefault(key_of(past + "ا"), Cue(lemma, "p", "verb", False))
    nominal = sorted((tuple(key_of(w) for w in line.split()) for line in load_lines("quotes/nominal_cues.txt")), key=len, reverse=True)
    roles: dict[str, str] = {}
    for line in load_lines("quotes/roles.txt"):
        word, _, gender = line.partition("\t")
        roles.setdefault(key_of(word), gender.strip())
    names: dict[str, str] = {}
    for line in load_lines("quotes/first_names.tsv"):
        word, _, gender = line.partition("\t")
        names.setdefault(key_of(word), gender.strip())
    for line in load_lines("quotes/given_names_mined.tsv"):  # the hand-written list wins
        word, gender, *_ = line.split("\t")
        names.setdefault(word, gender)
    person_words: dict[str, tuple[int, int, int]] = {}
    for line in load_lines("quotes/person_words.tsv"):
        word, b, i, t = line.split("\t")
        person_words[word] = (int(b), int(i), int(t))
    return Lexicon(
        person_words=person_words,
        documents=frozenset(key_of(w) for w in load_words("quotes/document_nouns.txt")),
        anaphoric=frozenset(key_of(w) for w in load_words("quotes/anaphoric_nouns.txt")),
        organisations=frozenset(key_of(w) for w in load_words("quotes/organisations.txt")),
        descriptions=frozenset(key_of(w) for w in load_words("quotes/description_adjectives.txt")),
        word_counts={key_of(w): c for w, c in load_counts("known_words.tsv").items()},
        everyday=frozenset(line.partition("\t")[0] for line in load_lines("quotes/common_words.tsv")),
        cues=cues,
        nominal=tuple(nominal),
        term_nouns=frozenset(key_of(w) for w in load_words("quotes/term_nouns.txt")),
        boundaries=frozenset(key_of(w) for w in load_words("quotes/boundaries.txt")),
        roles=roles,
        first_names=names,
        known_aliases=_known_aliases(),
        agencies=_agency_heads(),
        places=frozenset(tuple(key_of(w) for w in line.split()) for line in load_words("quotes/places.txt")),
    )


def extends_name(name: str, tail: int) -> bool:
    """Whether the words of ``name`` before its last ``tail`` words make a fuller name of those: given names or
    words that are rare or mostly inside names («فلاديمير» بوتين, «محمد» منصف المرزوقي), or an institution's kind
    word first («وكالة» رويترز, «صحيفة» التايمز). A role or an everyday word names someone or something else:
    «وزير البيئة والشؤون المحلية في حكومة» يوسف الشاهد, «عدم رغبة» حركة النهضة, «أرملة» شكري بلعيد.
    """
    lex = lexicon()
    for i, word in enumerate(name.split()[:-tail]):
        if lex.role_gender(word) is not None:
            return False
        if not ((i == 0 and lex.is_organisation(word)) or lex.first_name(word) is not None or lex.in_name(word)):
            return False
    return True


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase's words normalised (:func:`key_of`) and without «ال»: «الهيئة العليا» → ("هيئة", "عليا")."""
    return tuple(key_of(w).removeprefix("ال") for w in phrase.split())


def _agency_heads() -> frozenset[str]:
    """First words of the agencies in ``agencies.txt`` that are words of their own: «فرانس» of «فرانس برس», not «أ» of
    «أ ف ب»."""
    heads = (key_of(line.split()[0]) for line in load_lines("agencies.txt"))
    return frozenset(head for head in heads if len(head) >= 3 and not head.isascii())


def _known_aliases() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    full_names: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for line in load_lines("quotes/known_aliases.tsv"):
        full, _, shorts = line.partition("\t")
        for short in shorts.split("|"):
            fulls = full_names.setdefault(phrase_key(short), [])
            if phrase_key(full) not in fulls:  # «الهايكا» and «هايكا» are one key
                fulls.append(phrase_key(full))
    return {short: tuple(fulls) for short, fulls in full_names.items()}
