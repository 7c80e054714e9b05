"""Training the implicit-speaker ranker (train/train_antecedents.py) on annotated articles."""

from __future__ import annotations

from analysis.quotes.antecedents import Model
from train.train_antecedents import Problem, collect_problems, fit, score


def _gold(text: str, quote: str, speaker: str) -> dict:
    start = text.index(quote)
    return {"id": "a", "text": text, "quotes": [{"kind": "indirect", "start": start, "end": start + len(quote), "speaker": speaker}]}


TEXT = "قالت الوزيرة ليلى بن علي إن المخزون كاف. وقال الخبير منير الطرابلسي إن الوضع صعب. وأضافت أن الماء متوفر."


def test_an_annotated_implicit_quote_becomes_one_problem_with_its_candidates() -> None:
    problems = collect_problems([_gold(TEXT, "الماء متوفر", "ليلى بن علي")])
    assert len(problems) == 1
    problem = problems[0]
    assert problem.gold_speaker == "ليلى بن علي"
    assert "ليلى بن علي" in problem.candidates
    assert "منير الطرابلسي" not in problem.candidates  # «وأضافت»: no man's
    # an explicit quote, or one the annotation gives no speaker, is no problem
    assert collect_problems([_gold(TEXT, "المخزون كاف", "ليلى بن علي")]) == []


def test_fit_learns_which_candidate_is_the_speaker_and_score_counts_fixes() -> None:
    right = {"recent": 1.0, "has_before": 1.0}  # (a name first met after the quote is never chosen)
    wrong = {"rule": 1.0, "has_before": 1.0}
    problems = [Problem(n, "خطأ", "صواب", {"صواب": right, "خطأ": wrong}) for n in range(20)]
    problems += [Problem(20 + n, "صواب", "صواب", {"صواب": {"rule": 1.0, "recent": 1.0}, "خطأ": {}}) for n in range(20)]
    model = fit(problems, 1.0)
    assert model.weights["recent"] > model.weights["rule"]
    assert score(problems, model) == {"quotes": 40, "rules": 20, "ranker": 40, "fixed": 20, "broken": 0, "named": 0, "named_right": 0}
    assert score(problems, Model({"rule": 1.0}))["ranker"] == 20


def test_fit_weighs_candidates_of_one_quote_against_one_another_and_calibrates_the_probability() -> None:
    right, wrong = {"recent": 1.0, "has_before": 1.0}, {"far": 1.0, "has_before": 1.0}
    problems = [Problem(n, None, "صواب", {"صواب": right, "خطأ": wrong}) for n in range(30)]
    problems += [Problem(30 + n, None, "صواب", {"صواب": wrong, "خطأ": right}) for n in range(3)]  # noise
    # «crowd»: on every candidate of a quote with five of them, where any one candidate is less often right; it
    # tells nothing about which of the five spoke, so a ranker gives it no weight (a classifier would)
    crowd = {f"خطأ{k}": {"far": 1.0, "has_before": 1.0, "crowd": 1.0} for k in range(4)}
    problems += [Problem(40 + n, None, "صواب", {"صواب": {**right, "crowd": 1.0}, **crowd}) for n in range(30)]
    model = fit(problems, 1.0)
    assert abs(model.weights["crowd"]) < 1e-3 * abs(model.weights["recent"])
    assert model.weights["recent"] > model.weights["far"]
    # where the rules found nobody, choose_speaker names a candidate only when it is more likely right than wrong
    assert model.probability(right) > 0.5 > model.probability(wrong)
    assert score(problems, model)["ranker"] == 60
