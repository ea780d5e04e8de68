"""Scores of a brief that an analyst would check first: does any sentence state more certainly than its
claims (hedge fidelity), name a source that is not theirs or restate a source's claim without naming it
(attribution fidelity), cite a claim it does not state (citation fidelity), is a point repeated,
does each side of a disagreement get a point (balance), and are the brief's disagreements real ones."""

from __future__ import annotations

from itertools import combinations

from summarizer.analysis.brief import known_sources, repeats
from summarizer.analysis.fidelity import attribution_problem, hedge_problem, idle_citation_problem, unnamed_source_problem
from summarizer.models import Brief, Claim


def sentences(brief: Brief) -> list[tuple[str, list[str]]]:
    """The brief's statements with the claims each cites: the bottom line and every key point."""
    return [(brief.bottom_line, brief.bottom_line_claims)] + [(p.text, p.claims) for p in brief.key_points]


def fidelity_values(brief: Brief | None, claims: list[Claim]) -> dict[str, float]:
    """Hedge, attribution and citation fidelity (share of brief statements that pass) and repeated statements."""
    if brief is None:
        return {"hedge_fidelity": 0.0, "attribution_fidelity": 0.0, "citation_fidelity": 0.0, "repeated_points": 0.0}
    by_id = {c.id: c for c in claims}
    known = known_sources(claims)
    said = sentences(brief)
    hedged = sum(hedge_problem(t, by_id, ids) is None for t, ids in said)
    attributed = sum(attribution_problem(t, by_id, ids, known) is None
                     and unnamed_source_problem(t, by_id, ids) is None for t, ids in said)
    cited = sum(idle_citation_problem(t, by_id, ids) is None for t, ids in said)
    repeated = sum(repeats(a, b) for (a, _), (b, _) in combinations(said, 2))
    return {"hedge_fidelity": hedged / len(said), "attribution_fidelity": attributed / len(said),
            "citation_fidelity": cited / len(said),
            "repeated_points": float(repeated)}


def sides_hit(gold_ids: list[str], cited: set[str], g_to_ps: dict[str, set[str]]) -> bool:
    """Two different gold claims of a disagreement, each carried by a different cited claim."""
    pairs = [(g, p) for g in gold_ids for p in g_to_ps.get(g, set()) & cited]
    return any(g1 != g2 and p1 != p2 for g1, p1 in pairs for g2, p2 in pairs)


def balance_values(brief: Brief | None, gold_disagreements, g_to_ps: dict[str, set[str]]) -> dict[str, float]:
    """balance: share of gold disagreements whose sides are each stated by the brief, in the bottom line or a
    key point citing them (a point may not repeat the bottom line, so a side the bottom line states has
    no point of its own);
    false_disagreements: brief disagreements whose sides match no gold disagreement. A gold claim is
    carried by every claim that matches it (metrics.carriers), so a claim that states two gold claims
    in one sentence stands for either."""
    if brief is None:
        return {"balance": 0.0, "false_disagreements": 0.0}
    pointed = {i for p in brief.key_points for i in p.claims} | set(brief.bottom_line_claims)
    balanced = sum(sides_hit(d.claims, pointed, g_to_ps) for d in gold_disagreements)
    false = 0
    for bd in brief.disagreements:
        cited = {i for s in bd.sides for i in s.claims}
        if not any(sides_hit(d.claims, cited, g_to_ps) for d in gold_disagreements):
            false += 1
    return {"balance": balanced / len(gold_disagreements) if gold_disagreements else 1.0,
            "false_disagreements": float(false)}
