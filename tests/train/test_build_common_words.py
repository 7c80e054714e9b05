"""Everyday words counted in a corpus (train/build_common_words.py) and the lexicon's use of them."""

from __future__ import annotations

from collections import Counter

from analysis.quotes.lexicon import lexicon
from train.build_common_words import select


def test_select_keeps_frequent_words_rarely_inside_names() -> None:
    total = Counter({"المبادرة": 150, "الغنوشي": 400, "نادر": 3, "كلمة": 30, "محمد": 900, "abc": 50})
    in_person = Counter({"الغنوشي": 380, "كلمة": 2, "محمد": 850})
    rows = select(total, in_person, min_count=8, max_pers=0.1, names={"محمد"})
    assert rows == [("المبادرة", 150), ("كلمة", 30)]  # a surname, a rare word, a listed name, Latin: out


def test_everyday_words_end_names_but_not_a_surname_after_a_given_name() -> None:
    lex = lexicon()
    assert not lex.in_name("المبادرة") and not lex.in_name("سعي")  # everyday in JawharaFM, rare in ANERcorp
    assert lex.in_name("الغنوشي") and lex.in_name("بالطيب")
    assert lex.name_like("ماي")  # «تيريزا ماي»: the month is everyday, yet it may follow a given name
