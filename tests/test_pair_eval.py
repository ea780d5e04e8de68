"""The pair's gold (fixtures/gold/pair_*.json) scored against a brief across both seeds: timeline
figures found, conflicts found, no figure the claims do not carry. Each metric must move when the
output gets worse."""

from __future__ import annotations

import pytest

from summarizer.evaluation.gold import load_gold, load_pair, pair_files
from summarizer.evaluation.pair import score_pair
from summarizer.ingest.document import load_document
from summarizer.models import Result
from summarizer.pipeline import collect

from .helpers import GOLD, GOLD_000, GOLD_004, ROOT, gold_claims


@pytest.fixture
def perfect_pair(settings, fake_client):
    """A collection built from the gold claims of both seeds (the brief from the scripted fake)."""
    def make(edit=lambda claims: claims):
        results = []
        for n, path in enumerate((GOLD_000, GOLD_004), 1):
            gold = load_gold(path)
            claims = [c.model_copy(update={"id": c.id.split(":")[1].replace("G", "C"), "article": None,
                                           "published": None, "outlet": None})
                      for c in gold_claims() if c.article == f"A{n}"]
            results.append(Result(model="test", prompt_versions={}, document=load_document(ROOT / gold.article),
                                  claims=edit(claims)))
        client, _ = fake_client()
        col = collect(results, settings, client)
        pair = load_pair(pair_files(GOLD)[0])
        golds = {pair.articles[0]: load_gold(GOLD_000), pair.articles[1]: load_gold(GOLD_004)}
        return col, score_pair(col, pair, golds).values
    return make


def test_perfect_claims_find_every_timeline_figure(perfect_pair):
    col, values = perfect_pair()
    assert values["timeline_figure_recall"] == 1.0
    assert values["unsupported_numbers_brief"] == 0
    # both changed figures are found by rule; the cross-article assertion (withdrawn in February,
    # advancing in April) is not: 2 of 3
    assert values["conflict_coverage"] == pytest.approx(2 / 3)


def test_a_lost_figure_lowers_timeline_recall(perfect_pair):
    _, values = perfect_pair(lambda claims: [c for c in claims if "11,000" not in c.statement])
    assert values["timeline_figure_recall"] < 1.0


def test_a_wrong_figure_lowers_recall_and_coverage(perfect_pair):
    def wrong(claims):
        return [c.model_copy(update={"statement": c.statement.replace("12,000", "21,000"),
                                     "quantities": [q.model_copy(update={"value": 21000.0, "text": "About 21,000"})
                                                    if q.value == 12000 else q for q in c.quantities]})
                for c in claims]
    _, values = perfect_pair(wrong)
    assert values["timeline_figure_recall"] < 1.0


def test_without_disagreements_coverage_is_zero(perfect_pair, monkeypatch):
    from summarizer.analysis import timeline

    monkeypatch.setattr(timeline, "disagreements", lambda *_: [])
    _, values = perfect_pair()
    assert values["conflict_coverage"] == 0.0
