"""Figures across articles, by rule: what each figure counts, the timeline per quantity with source,
article and date, the conflicts and what changed. Input: the hand-labelled gold claims of both seeds."""

from __future__ import annotations

import pytest

from summarizer.analysis.figures import measure, names_a_thing, quantities
from summarizer.analysis.timeline import build_timeline, change_points, changes, disagreements
from summarizer.models import Certainty, Claim, Evidence, Speaker

from .helpers import REFS, gold_claims


def _claim(statement: str, speaker="the ministry") -> Claim:
    return Claim(id="C1", statement=statement, speaker=Speaker(name=speaker), kind="fact",
                 quantities=quantities(statement), certainty=Certainty(hedged=False, level="asserted"),
                 evidence=[Evidence(sentence_id="S1", start=0, end=len(statement), text=statement)])


@pytest.mark.parametrize("statement, expected", [
    ("About 12,000 North Korean soldiers have been sent to Russia.", ["troops sent"]),
    ("Around 4,000 of those troops have been killed or injured.", ["casualties"]),
    ("North Korea sustained 4,000 casualties of the 11,000 troops it dispatched last year.",
     ["casualties", "troops sent"]),
    ("North Korea appears to have sent 3,000 more troops to Russia.", ["additional troops"]),
    ("More than 300 soldiers were killed in the attack.", ["killed"]),
    ("Sweden's 18th defence package totals 13.5 billion SEK ($1.23 billion).", [None, "amount (SEK)", "amount (USD)"]),
    ("The talks were held in 2024.", [None]),
    ("The plan would find A$38 billion in savings over four years.", ["amount (AUD) savings", None]),
    ("The institute put the realistic savings at A$24 billion.", ["amount (AUD) savings"]),
    ("The budget update is expected to show a deficit of about A$28 billion.", ["amount (AUD) deficit"]),
    # the verb of the figure's own clause, else the one it is the object of; a preposition ends the noun
    ("The regulator said it had received more than 1,000 complaints about the heaters and asked for a recall.",
     ["complaints received"]),
    ("Inspectors had identified 640 farms that had lost most of their stock.", ["farms lost"]),
    ("The union says more than 9,000 of its members joined the walkout.", ["turnout"]),
    ("The city would make 12 million euros available in direct aid.", ["amount (EUR) aid"]),
])
def test_what_a_figure_counts(statement, expected):
    c = _claim(statement)
    assert [measure(c, q) for q in c.quantities] == expected


def test_a_bare_currency_names_no_counted_thing():
    """A cut from one department and a plan's total are not one figure because both are in dollars."""
    cut = _claim("A$9 billion would be cut from the Department of Home Affairs.")
    assert [measure(cut, q) for q in cut.quantities] == ["amount (AUD)"]
    assert not names_a_thing("amount (AUD)") and not names_a_thing("%")
    assert names_a_thing("amount (AUD) savings") and names_a_thing("% inflation") and names_a_thing("rafts lost")


def test_timeline_of_the_two_seed_articles():
    timeline = {g.quantity: g for g in build_timeline(gold_claims(), REFS)}
    sent = timeline["troops sent"]
    assert [(e.article, e.text, e.date) for e in sent.entries][:2] == [
        ("A1", "About 12,000 North Korean soldiers", "2025-02-01"), ("A2", "11,000 troops", "2025-04-02")]
    assert sent.differs and {e.outlet for e in sent.entries} == {"ANI", "IANS"}
    assert "Ukrainian officials" in sent.entries[0].source
    casualties = timeline["casualties"]
    assert {(e.article, e.value) for e in casualties.entries} >= {("A1", 4000), ("A2", 5000), ("A2", 4000)}
    assert casualties.differs
    assert [e.text for e in timeline["additional troops"].entries] == ["3,000 more troops"]
    assert not timeline["additional troops"].differs
    for g in timeline.values():  # in date order
        assert [e.date for e in g.entries] == sorted(e.date for e in g.entries)


def test_changes_between_february_and_april():
    found = {c.quantity: c for c in changes(build_timeline(gold_claims(), REFS), REFS)}
    assert found["troops sent"].kind == "changed"
    assert "About 12,000" in found["troops sent"].text and "11,000" in found["troops sent"].text
    assert found["troops sent"].text.index("12,000") < found["troops sent"].text.index("11,000")
    assert found["additional troops"].kind == "new" and found["additional troops"].before == []
    assert found["casualties"].kind == "changed"


def test_conflicts_across_articles_name_each_side():
    claims = gold_claims()
    found = disagreements(build_timeline(claims, REFS), claims)
    topics = [d.topic for d in found]
    assert "Different figures for troops sent" in topics and "Different figures for casualties" in topics
    sent = next(d for d in found if d.topic == "Different figures for troops sent")
    assert len(sent.sides) >= 2 and all(s.claims for s in sent.sides)
    assert any("2025-02-01" in s.position for s in sent.sides) and any("2025-04-02" in s.position for s in sent.sides)
    assertions = [d for d in found if d.topic == "Opposing accounts"]
    assert any(any("recapture" in c.statement.lower() or "recaptured" in c.statement.lower()
                   for c in claims if c.id in {i for s in d.sides for i in s.claims}) for d in assertions)


def test_one_article_has_no_changes():
    assert changes(build_timeline(gold_claims()[:14], REFS[:1]), REFS[:1]) == []


def test_instruction_claims_carry_no_figures_into_the_timeline():
    c = _claim("Report that rates were raised to 15 percent.").model_copy(update={"kind": "instruction"})
    assert build_timeline([c], REFS[:1]) == []


def test_change_points_lead_the_brief_with_figures_sources_and_dates():
    points = {p.text.split(":")[0].split(",")[0]: p for p in change_points(build_timeline(gold_claims(), REFS), REFS)}
    sent = points["Troops sent"]
    assert sent.origin == "rule" and "About 12,000" in sent.text and "2025-02-01" in sent.text
    assert "in A2: 11,000 troops (Yonhap, IANS, 2025-04-02)" in sent.text
    assert set(sent.claims) >= {"A1:G6", "A2:G3"}
    assert "Additional troops" in points and "Amount (USD)" not in points  # not repeated: no key point
    assert changes(build_timeline(gold_claims()[:14], REFS[:1]), REFS[:1]) == [] and \
        change_points(build_timeline(gold_claims()[:14], REFS[:1]), REFS[:1]) == []
