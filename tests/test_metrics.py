"""Each metric pinned on hand-built predictions: the gold itself scores perfectly, and a fabricated
number, a wrong speaker, a missing claim and a shifted offset are each caught."""

from __future__ import annotations

import pytest

from summarizer.evaluation.metrics import score


def test_perfect_prediction_scores_one(perfect):
    gold, result = perfect
    v = score(result, gold).values
    for name in ("claim_precision", "claim_recall", "claim_f1", "key_claim_recall", "speaker_accuracy",
                 "attribution_accuracy", "quantity_accuracy", "certainty_accuracy", "grounding_rate",
                 "must_carry_coverage", "disagreement_coverage", "schema_valid_rate"):
        assert v[name] == 1.0, name
    assert v["unsupported_numbers_claims"] == v["unsupported_numbers_brief"] == v["forbidden_hits"] == 0


def _replace(result, index, **changes):
    claims = list(result.claims)
    claims[index] = claims[index].model_copy(update=changes)
    return result.model_copy(update={"claims": claims})


def test_fabricated_number_is_caught(perfect):
    gold, result = perfect
    bad = _replace(result, 5, statement="About 15,000 North Korean soldiers have been sent to Russia.")
    assert score(bad, gold).values["unsupported_numbers_claims"] == 1
    brief = result.brief.model_copy(update={"bottom_line": "About 30,000 troops were sent."})
    assert score(result.model_copy(update={"brief": brief}), gold).values["unsupported_numbers_brief"] == 1


def test_wrong_speaker_is_caught(perfect):
    gold, result = perfect
    wrong = result.claims[8].speaker.model_copy(update={"name": "CNN", "organisation": None})
    v = score(_replace(result, 8, speaker=wrong), gold).values
    assert v["speaker_accuracy"] == pytest.approx(13 / 14)


def test_missing_claim_is_caught(perfect):
    gold, result = perfect
    fewer = result.model_copy(update={"claims": result.claims[:6] + result.claims[7:]})
    s = score(fewer, gold)
    assert s.values["claim_recall"] == pytest.approx(13 / 14) and [g.id for g in s.missed] == ["G7"]
    assert s.values["key_claim_recall"] < 1


def test_shifted_offset_is_caught(perfect):
    gold, result = perfect
    ev = result.claims[0].evidence[0]
    shifted = ev.model_copy(update={"start": ev.start + 1, "end": ev.end + 1})
    assert score(_replace(result, 0, evidence=[shifted]), gold).values["grounding_rate"] < 1


def test_forbidden_text_and_lost_disagreement_are_caught(perfect):
    gold, result = perfect
    brief = result.brief.model_copy(update={"title": "The regime's troops", "disagreements": []})
    v = score(result.model_copy(update={"brief": brief}), gold).values
    assert v["forbidden_hits"] == 1 and v["disagreement_coverage"] == 0


def test_wrong_relay_figure_and_hedge_are_caught(perfect):
    gold, result = perfect
    v = score(_replace(result, 1, attribution=["Reuters"]), gold).values
    assert v["attribution_accuracy"] == pytest.approx(13 / 14)
    q = result.claims[5].quantities[0].model_copy(update={"qualifier": "more than"})
    assert score(_replace(result, 5, quantities=[q]), gold).values["quantity_accuracy"] < 1
    unhedged = result.claims[0].certainty.model_copy(update={"hedged": False, "hedge_words": [], "level": "asserted"})
    assert score(_replace(result, 0, certainty=unhedged), gold).values["certainty_accuracy"] == pytest.approx(13 / 14)


def test_brief_missing_a_fact_lowers_must_carry_coverage(perfect):
    gold, result = perfect
    points = [p for p in result.brief.key_points if "12,000" not in p.text]
    brief = result.brief.model_copy(update={"key_points": points})
    v = score(result.model_copy(update={"brief": brief}), gold).values
    assert v["must_carry_coverage"] == pytest.approx(4 / 5)
    assert score(result.model_copy(update={"brief": None}), gold).values["must_carry_coverage"] == 0


def test_a_claim_stating_two_gold_claims_carries_either_side_of_a_disagreement(perfect):
    # the model often states two facts of neighbouring sentences in one claim; precision and recall count
    # it once, but the disagreement it takes part in is still the gold one, and its side is in the brief
    from summarizer.models import KeyPoint

    gold, result = perfect
    by_id = {c.id: c for c in result.claims}
    merged = by_id["C9"].model_copy(update={
        "statement": by_id["C8"].statement.rstrip(".") + ", and " + by_id["C9"].statement[0].lower()
        + by_id["C9"].statement[1:], "evidence": by_id["C8"].evidence + by_id["C9"].evidence})
    claims = [merged if c.id == "C9" else c for c in result.claims if c.id != "C8"]
    points = result.brief.key_points + [KeyPoint(text="Ukraine advanced.", claims=["C9"]),
                                        KeyPoint(text="Russia said it recaptured Kursk.", claims=["C10"])]
    assert [sorted(i for s in d.sides for i in s.claims) for d in result.brief.disagreements] == [["C10", "C9"]]
    s = score(result.model_copy(update={"claims": claims,
                                        "brief": result.brief.model_copy(update={"key_points": points})}), gold)
    assert {g.id: p.id for p, g, _ in s.matches}.get("G9") != "C9"  # the one-to-one match went elsewhere
    v = s.values
    assert (v["disagreement_coverage"], v["balance"], v["false_disagreements"]) == (1.0, 1.0, 0.0)
    # a brief that sets two claims of one side against each other is still a false disagreement
    wrong = result.brief.disagreements[0].model_copy(update={"sides": [
        result.brief.disagreements[0].sides[0].model_copy(update={"claims": ["C6"]}),
        result.brief.disagreements[0].sides[1].model_copy(update={"claims": ["C7"]})]})
    brief = result.brief.model_copy(update={"disagreements": [wrong]})
    assert score(result.model_copy(update={"brief": brief}), gold).values["false_disagreements"] == 1


def test_a_side_stated_in_the_bottom_line_counts_for_balance(perfect):
    # no key point may repeat the bottom line, so a side the bottom line states has no point of its own;
    # it is still given its say (first, in fact); a side stated nowhere is not
    from summarizer.models import KeyPoint

    gold, result = perfect
    first, second = (s.claims[0] for s in result.brief.disagreements[0].sides)
    points = [p for p in result.brief.key_points if first not in p.claims and second not in p.claims]
    points.append(KeyPoint(text="The other side.", claims=[second]))
    other = next(i for p in points for i in p.claims if i not in (first, second))
    for bottom, balanced in (([first], True), ([other], False)):
        brief = result.brief.model_copy(update={"key_points": points, "bottom_line_claims": bottom})
        assert (score(result.model_copy(update={"brief": brief}), gold).values["balance"] == 1.0) is balanced
