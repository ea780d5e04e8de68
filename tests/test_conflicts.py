"""Deterministic disagreement candidates: same counted thing, different figure, different source;
or a claim that opens by contrasting the previous one."""

from summarizer.analysis.conflicts import candidates, groups
from summarizer.analysis.extract import merge
from summarizer.ingest.document import parse_document

TEXT = """Seoul, April 2 (Yonhap): North Korea has suffered more than 5,000 casualties, Britain said.

South Korea's military said North Korea sustained 4,000 casualties and sent 3,000 more troops.

Ukraine advanced in Kursk, the ISW said. On the other hand, Russia said it had recaptured the region.
"""


def _claims():
    doc = parse_document(TEXT)
    speakers = ["Britain", "South Korea's military", "ISW", "Russia"]
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None,
               "via": [], "kind": "fact", "hedges": [], "time": None} for s, sp in zip(doc.sentences, speakers)]
    return merge(doc, drafts)


def test_different_figures_and_contrasts_are_found():
    found = groups(candidates(_claims()))
    assert [(topic, [c.id for c in claims]) for topic, claims in found] == [
        ("Different figures for casualties", ["C1", "C2"]),
        ("Opposing accounts", ["C3", "C4"]),
    ]


def test_same_source_and_additional_troops_are_not_conflicts():
    claims = _claims()
    claims[1] = claims[1].model_copy(update={"speaker": claims[0].speaker})
    assert [t for t, _ in groups(candidates(claims))] == ["Opposing accounts"]
