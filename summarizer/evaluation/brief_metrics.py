"""Scores of a brief that an analyst would check first: does any sentence state more certainly than its
claims (hedge fidelity) or name a source that is not theirs (attribution fidelity), is a point repeated,
does each side of a disagreement get a point (balance), and are the brief's disagreements real ones."""

from __future__ import annotations

from itertools import combinations

from summarizer.analysis.brief import known_sources, repeats
from summarizer.analysis.fidelity import attribution_problem, hedge_problem
from summarizer.models import Brief, Claim


def sentences(brief: Brief) -> list[tuple[str, list[str]]]:
    """The brief's statements with the claims each cites: the bottom line and every key point."""
    return [(brief.bottom_line, brief.bottom_line_claims)] + [(p.text, p.claims) for p in brief.key_points]


def fidelity_values(brief: Brief | None, claims: list[Claim]) -> dict[str, float]:
    """Hedge and attribution fidelity (share of brief statements that pass) and repeated statements."""
    if brief is None:
        return {"hedge_fidelity": 0.0, "attribution_fidelity": 0.0, "repeated_points": 0.0}
    by_id = {c.id: c for c in claims}
    known = known_sources(claims)
    said = sentences(brief)
    hedged = sum(hedge_problem(t, by_id, ids) is None for t, ids in said)
    attributed = sum(attribution_problem(t, by_id, ids, known) is None for t, ids in said)
    repeated = sum(repeats(a, b) for (a, _), (b, _) in combinations(said, 2))
    return {"hedge_fidelity": hedged / len(said), "attribution_fidelity": attributed / len(said),
            "repeated_points": float(repeated)}


def balance_values(brief: Brief | None, gold_disagreements, g_to_p: dict[str, str]) -> dict[str, float]:
    """balance: share of gold disagreements whose sides each have a key point citing them;
    false_disagreements: brief disagreements whose sides match no gold disagreement."""
    if brief is None:
        return {"balance": 0.0, "false_disagreements": 0.0}
    point_ids = [set(p.claims) for p in brief.key_points]
    balanced = 0
    for d in gold_disagreements:
        sides = [g_to_p[c] for c in d.claims if c in g_to_p]
        if len(sides) >= 2 and sum(any(s in ids for ids in point_ids) for s in sides) >= 2:
            balanced += 1
    gold_sets = [{g_to_p[c] for c in d.claims if c in g_to_p} for d in gold_disagreements]
    false = 0
    for bd in brief.disagreements:
        cited = {i for s in bd.sides for i in s.claims}
        if not any(len(cited & g) >= 2 for g in gold_sets):
            false += 1
    return {"balance": balanced / len(gold_disagreements) if gold_disagreements else 1.0,
            "false_disagreements": float(false)}
