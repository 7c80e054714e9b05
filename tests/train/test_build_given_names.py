"""Given names mined from a corpus (train/build_given_names.py): gender votes and the lexicon's use of the file."""

from __future__ import annotations

from collections import Counter

import pytest

from analysis.quotes.lexicon import key_of, lexicon
from train.build_given_names import gender_of


@pytest.mark.parametrize(
    ("name", "votes", "gender"),
    [
        ("راضية", None, "F"),  # no agreement seen: a final ة is feminine
        ("حمزة", None, "M"),  # … except men's names ending in ة
        ("كوثر", Counter({"f": 3}), "F"),  # «قالت كوثر …» three times
        ("أنس", Counter({"f": 1, "m": 1}), "M"),  # unclear votes: the ending decides
        ("عبير", Counter({"f": 5, "m": 1}), "F"),
    ],
)
def test_gender_from_agreement_votes_then_ending(name: str, votes: Counter[str] | None, gender: str) -> None:
    assert gender_of(key_of(name), votes) == gender


def test_the_lexicon_reads_mined_names_but_the_hand_written_list_wins() -> None:
    lex = lexicon()
    assert lex.first_name("فرحات") == "M"  # mined from JawharaFM
    assert lex.first_name("محمد") == "M"  # hand-written
    assert lex.first_name("وزارة") is None
