"""The hand-labelled gold is itself checked: schema, evidence spans against the article, references."""

from __future__ import annotations

import json

import pytest

from summarizer.evaluation.gold import load_gold
from summarizer.ingest.document import load_document

from .helpers import ARTICLES, GOLD, ROOT

GOLDS = sorted(GOLD.glob("2025-*.json"))


def test_there_is_gold_for_each_article():
    articles = sorted(p.stem for p in ARTICLES.glob("*.txt"))
    assert [p.stem for p in GOLDS] == articles


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_gold_matches_schema_and_article(path):
    gold = load_gold(path)
    doc = load_document(ROOT / gold.article)
    assert doc.sha256 == gold.sha256, "the article changed under its gold"
    ids = [c.id for c in gold.claims]
    assert len(set(ids)) == len(ids)
    for claim in gold.claims:
        for ev in claim.evidence:
            assert doc.text[ev.start:ev.end] == ev.text
            assert doc.sentence(ev.sentence_id).start <= ev.start < doc.sentence(ev.sentence_id).end
        for q in claim.quantities:
            assert q.text.lower() in " ".join(e.text for e in claim.evidence).lower()
        for hedge in claim.certainty.hedge_words:
            assert hedge in " ".join(e.text for e in claim.evidence)
    for item in gold.brief.must_carry:
        assert set(item.claims) <= set(ids)
    for d in gold.brief.disagreements:
        assert set(d.claims) <= set(ids)


def test_pair_gold_refers_to_existing_gold_claims():
    pair = json.loads((GOLD / "pair_kursk_feb_apr_2025.json").read_text())
    claims = {p.stem: {c.id for c in load_gold(p).claims} for p in GOLDS}
    for quantity in pair["changed_figures"]:
        for fig in quantity["figures"]:
            stem = fig["article"].rsplit("/", 1)[-1].removesuffix(".txt")
            assert fig["claim"] in claims[stem]
