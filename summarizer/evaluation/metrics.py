"""Scores of one Result against its gold (fixtures/gold/). The matching rule, documented in the
README: a prediction and a gold claim can match when their evidence spans overlap and their
statements share enough content words; pairs are taken best first, each claim used at most once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.analysis.figures import numbers_in, unsupported_numbers
from summarizer.analysis.words import dice
from summarizer.evaluation.brief_metrics import balance_values, fidelity_values, sides_hit
from summarizer.evaluation.gold import GoldArticle, GoldClaim
from summarizer.models import Claim, Result

MIN_SIMILARITY = 0.3
_GENERIC = {"the", "of", "and", "military", "ministry", "official", "officials", "defence", "defense", "forces",
            "government", "reports", "intelligence", "article", "spokesperson", "agency", "news"}


@dataclass(frozen=True)
class Metric:
    name: str
    lower_is_better: bool = False
    summed: bool = False  # the overall row sums it over articles instead of averaging
    least: bool = False  # the overall row is the lowest article's value
    gated: bool = True  # compared with the baseline (wall-clock times are reported, not gated)


# Every metric the evaluation reports, in the order of its tables: one home for names and directions.
METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("claim_precision"), Metric("claim_recall"), Metric("claim_f1"), Metric("key_claim_recall"),
    Metric("speaker_accuracy"), Metric("speaker_accuracy_min", least=True), Metric("attribution_accuracy"),
    Metric("quantity_accuracy"),
    Metric("certainty_accuracy"), Metric("grounding_rate"),
    Metric("unsupported_numbers_claims", lower_is_better=True, summed=True),
    Metric("unsupported_numbers_brief", lower_is_better=True, summed=True),
    Metric("must_carry_coverage"), Metric("must_carry_min", least=True), Metric("disagreement_coverage"),
    Metric("hedge_fidelity"), Metric("attribution_fidelity"), Metric("citation_fidelity"),
    Metric("repeated_points", lower_is_better=True, summed=True), Metric("balance"),
    Metric("false_disagreements", lower_is_better=True, summed=True),
    Metric("forbidden_hits", lower_is_better=True, summed=True), Metric("schema_valid_rate"),
    Metric("timeline_figure_recall"), Metric("conflict_coverage"),
    Metric("reasks", lower_is_better=True, summed=True),
    Metric("prompt_tokens", lower_is_better=True, summed=True),
    Metric("completion_tokens", lower_is_better=True, summed=True),
    Metric("model_seconds", lower_is_better=True, summed=True, gated=False),
    Metric("wall_seconds", lower_is_better=True, summed=True, gated=False),
)}


def usage_values(usage) -> dict[str, float]:
    """The cost metrics of a run, from its Usage."""
    return {"reasks": float(usage.reasks), "prompt_tokens": float(usage.prompt_tokens),
            "completion_tokens": float(usage.completion_tokens), "model_seconds": round(usage.seconds, 2)}


def _overlaps(p: Claim, g: GoldClaim) -> bool:
    return any(pe.start < ge.end and ge.start < pe.end for pe in p.evidence for ge in g.evidence)


def match(pred: list[Claim], gold: list[GoldClaim]) -> list[tuple[Claim, GoldClaim, float]]:
    pairs = [(dice(p.statement, g.statement), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
             if _overlaps(p, g)]
    used_p, used_g, out = set(), set(), []
    for score, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if score >= MIN_SIMILARITY and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((pred[i], gold[j], score))
    return out


def carriers(pred: list[Claim], gold: list[GoldClaim], matches) -> dict[str, set[str]]:
    """Gold claim id -> the predicted claims that carry it: its match, and any other prediction that could
    match it (overlapping evidence, similar statement). Counting precision and recall takes each claim
    once; asking whether a disagreement's side is in the brief does not: a claim that states two gold
    claims of one sentence ("the federation, which represents 2,100 owners, says 1,100 rafts ...")
    carries both."""
    out = {g.id: {p.id} for p, g, _ in matches}
    for p in pred:
        for g in gold:
            if _overlaps(p, g) and dice(p.statement, g.statement) >= MIN_SIMILARITY:
                out.setdefault(g.id, set()).add(p.id)
    return out


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 3 and w not in _GENERIC}


def same_speaker(p: Claim, g: GoldClaim) -> bool:
    if p.speaker.is_article or g.speaker.is_article:
        return p.speaker.is_article == g.speaker.is_article
    a = p.speaker.name.lower()
    for b in [g.speaker.name.lower(), *(x.lower() for x in g.speaker_aliases)]:
        if a in b or b in a:
            return True
    pw = _name_words(p.speaker.name) | _name_words(p.speaker.organisation or "")
    gw = _name_words(g.speaker.name) | _name_words(g.speaker.organisation or "")
    return bool(pw & gw)


def same_attribution(p: Claim, g: GoldClaim) -> bool:
    pa, ga = [x.lower() for x in p.attribution], [x.lower() for x in g.attribution]
    if not ga:
        return not pa
    return all(any(x in y or y in x for y in pa) for x in ga)


def quantities_found(p: Claim, g: GoldClaim) -> tuple[int, int]:
    """(gold figures whose value and qualifier the prediction has, gold figures)."""
    found = 0
    for gq in g.quantities:
        if any(abs(pq.value - gq.value) <= 1e-6 * max(1.0, abs(gq.value)) and (pq.qualifier or "") == (gq.qualifier or "")
               for pq in p.quantities):
            found += 1
    return found, len(g.quantities)


def brief_texts(result: Result) -> list[str]:
    b = result.brief
    if b is None:
        return []
    return ([b.title, b.bottom_line] + [p.text for p in b.key_points] + b.open_questions
            + [d.topic for d in b.disagreements] + [s.position for d in b.disagreements for s in d.sides])


@dataclass
class ArticleScore:
    values: dict[str, float]
    matches: list[tuple[Claim, GoldClaim, float]]
    missed: list[GoldClaim]
    extra: list[Claim]


def ratio(n: float, d: float) -> float:
    return n / d if d else 1.0


def score(result: Result, gold: GoldArticle) -> ArticleScore:
    pred = result.claims
    matches = match(pred, gold.claims)
    matched_gold = {g.id for _, g, _ in matches}
    matched_pred = {p.id for p, _, _ in matches}
    precision = ratio(len(matches), len(pred)) if pred else 0.0
    recall = ratio(len(matches), len(gold.claims))
    key = [g for g in gold.claims if g.key]
    q_found = q_total = 0
    for p, g, _ in matches:
        f, t = quantities_found(p, g)
        q_found, q_total = q_found + f, q_total + t
    text = result.document.text
    spans = [e for c in pred for e in c.evidence]
    unsupported_claims = sum(len(unsupported_numbers(c.statement, " ".join(e.text for e in c.evidence))) for c in pred)
    claim_numbers = set().union(*(numbers_in(c.statement + " " + " ".join(e.text for e in c.evidence)) for c in pred)) \
        if pred else set()
    brief = brief_texts(result)
    unsupported_brief = sum(1 for t in brief for n in numbers_in(t) if n not in claim_numbers)
    carried = [m for m in gold.brief.must_carry if _carries(brief[1:], m.any_of, m.figures)]
    g_to_ps = carriers(pred, gold.claims, matches)
    covered = 0
    if result.brief:
        for d in gold.brief.disagreements:
            if any(sides_hit(d.claims, {i for s in bd.sides for i in s.claims}, g_to_ps)
                   for bd in result.brief.disagreements):
                covered += 1
    rendered = "\n".join(brief).lower()
    forbidden = sum(1 for f in gold.brief.forbidden if re.search(rf"(?<!\w){re.escape(f.lower())}(?!\w)", rendered))
    u = result.usage
    failed_asks = sum(1 for w in result.warnings if "no valid answer" in w.message)
    asks = u.cache_hits + u.cache_misses
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    values = {
        "claim_precision": precision, "claim_recall": recall, "claim_f1": f1,
        "key_claim_recall": ratio(sum(1 for g in key if g.id in matched_gold), len(key)),
        "speaker_accuracy": ratio(sum(same_speaker(p, g) for p, g, _ in matches), len(matches)),
        "attribution_accuracy": ratio(sum(same_attribution(p, g) for p, g, _ in matches), len(matches)),
        "quantity_accuracy": ratio(q_found, q_total),
        "certainty_accuracy": ratio(sum(p.certainty.hedged == g.certainty.hedged for p, g, _ in matches),
                                     len(matches)),
        "grounding_rate": ratio(sum(text[e.start:e.end] == e.text for e in spans), len(spans)),
        "unsupported_numbers_claims": float(unsupported_claims),
        "unsupported_numbers_brief": float(unsupported_brief),
        "must_carry_coverage": ratio(len(carried), len(gold.brief.must_carry)) if result.brief else 0.0,
        "disagreement_coverage": ratio(covered, len(gold.brief.disagreements)) if result.brief else 0.0,
        "forbidden_hits": float(forbidden),
        "schema_valid_rate": ratio(asks - failed_asks, asks),
        **fidelity_values(result.brief, pred),
        **balance_values(result.brief, gold.brief.disagreements, g_to_ps),
        **usage_values(u),
    }
    values["must_carry_min"] = values["must_carry_coverage"]
    values["speaker_accuracy_min"] = values["speaker_accuracy"]
    return ArticleScore(values=values, matches=matches,
                        missed=[g for g in gold.claims if g.id not in matched_gold],
                        extra=[p for p in pred if p.id not in matched_pred])


def _carries(texts: list[str], any_of: list[str], figures: list[str]) -> bool:
    joined = " ".join(texts).lower()
    if not any(a.lower() in joined for a in any_of):
        return False
    return not figures or any(f.lower() in joined for f in figures)
