"""Scores of a brief across several articles against the pair's gold (fixtures/gold/pair_*.json):
the timeline's figures, the conflicts found, and figures the brief carries that no claim does."""

from __future__ import annotations

import re

from summarizer.analysis.figures import IDS, numbers_in
from summarizer.evaluation.gold import GoldArticle, PairGold
from summarizer.evaluation.metrics import ArticleScore, brief_texts, ratio, usage_values
from summarizer.models import Collection


def _value(text: str) -> float | None:
    found = numbers_in(text)
    return max(found) if found else None


def _spans(claim) -> set[tuple[int, int]]:
    return {(e.start, e.end) for e in claim.evidence}


def score_pair(col: Collection, pair: PairGold, golds: dict[str, GoldArticle]) -> ArticleScore:
    """Timeline figures found (the right figure, from a claim on the gold claim's sentence, in the right
    article, and the figures of one gold quantity in one timeline group), conflicts found (a figure that
    changed, or opposing assertions, as a brief disagreement whose sides cover both gold sides), and
    figures in the brief that no claim carries."""
    article_id = {d.source: a.id for a, d in zip(col.articles, col.documents)}
    aid = {path: next((v for k, v in article_id.items() if k.endswith(path) or path.endswith(k)), None)
           for path in pair.articles}
    claims = {c.id: c for c in col.claims}

    def gold_claim(path, gid):
        return next(g for g in golds[path].claims if g.id == gid)

    def on_sentence(path, gid) -> set[str]:
        """Predicted claims of that article whose evidence shares a sentence with the gold claim's."""
        spans = _spans(gold_claim(path, gid))
        return {c.id for c in col.claims if c.article == aid[path] and _spans(c) & spans}

    found = total = 0
    for q in pair.changed_figures:
        hits = []
        for f in q.figures:
            total += 1
            near = on_sentence(f.article, f.claim)
            groups = [g.quantity for g in col.timeline for e in g.entries if e.claim in near and e.value == _value(f.text)]
            hits.append(groups)
        labels = [label for h in hits for label in set(h)]
        majority = max(set(labels), key=labels.count) if labels else None
        found += sum(1 for h in hits if majority in h)
    units = [[(f.article, f.claim, _value(f.text)) for f in q.figures] for q in pair.changed_figures
             if len({_value(f.text) for f in q.figures}) > 1]
    explicit = [[(s.article, s.claim, None) for s in c.sides] for c in pair.conflicts]
    covered = 0
    disagreements = col.brief.disagreements if col.brief else []
    for unit in units + explicit:
        for d in disagreements:
            sides = [{i for i in s.claims} for s in d.sides]
            touched = set()
            for article, gid, value in unit:
                near = on_sentence(article, gid)
                for n, side in enumerate(sides):
                    if side & near and (value is None or any(
                            value in numbers_in(claims[i].statement) for i in side & near)):
                        touched.add((n, value if value is not None else gid))
            if len({n for n, _ in touched}) >= 2 and len({v for _, v in touched}) >= 2:
                covered += 1
                break
    pred_numbers = set().union(*(numbers_in(c.statement + " " + " ".join(e.text for e in c.evidence))
                                 for c in col.claims)) if col.claims else set()
    # article dates, claim ids ("A1:C5") and article ids ("A2") are not figures
    brief = [re.sub(r"\b\d{4}-\d{2}-\d{2}\b", " ", IDS.sub(" ", t)) for t in brief_texts(col)]
    unsupported = sum(1 for t in brief for n in numbers_in(t) if n not in pred_numbers)
    u = col.usage
    values = {
        "timeline_figure_recall": ratio(found, total),
        "conflict_coverage": ratio(covered, len(units) + len(explicit)),
        "unsupported_numbers_brief": float(unsupported),
        **usage_values(u),
    }
    return ArticleScore(values=values, matches=[], missed=[], extra=[])
