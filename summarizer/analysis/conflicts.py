"""Deterministic candidates for the brief's disagreements: different figures for the same counted
thing from different sources, and a claim that opens by contrasting the one before it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.analysis.figures import measure
from summarizer.models import Claim

_CONTRAST = re.compile(r"^\W*(on the other hand|however|but|in contrast|meanwhile,? .{0,40}denied|by contrast)\b"
                       r"|\b(denied|rejected|disputed|refuted|dismissed)\b", re.I)


@dataclass(frozen=True)
class Candidate:
    kind: str  # "figures" or "assertions"
    topic: str
    a: Claim
    b: Claim


def _source(c: Claim) -> str:
    return c.speaker.name.lower()


def candidates(claims: list[Claim]) -> list[Candidate]:
    """Pairs of claims that may disagree, each pair from two different sources."""
    found: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if _source(a) == _source(b) or (a.id, b.id) in seen:
                continue
            for qa in a.quantities:
                unit = measure(a, qa)
                if unit and any(measure(b, qb) == unit and qb.value != qa.value for qb in b.quantities):
                    seen.add((a.id, b.id))
                    found.append(Candidate("figures", f"Different figures for {unit}", a, b))
                    break
    for prev, cur in zip(claims, claims[1:]):
        text = cur.evidence[0].text
        if _CONTRAST.search(text) and _source(prev) != _source(cur) and (prev.id, cur.id) not in seen:
            seen.add((prev.id, cur.id))
            found.append(Candidate("assertions", "Opposing accounts", prev, cur))
    return found


def groups(found: list[Candidate]) -> list[tuple[str, list[Claim]]]:
    """Candidates sharing a topic merged into one list of claims (several sources giving figures)."""
    merged: dict[str, list[Claim]] = {}
    for c in found:
        key = c.topic if c.kind == "figures" else f"{c.topic} ({c.a.id}/{c.b.id})"
        bucket = merged.setdefault(key, [])
        for claim in (c.a, c.b):
            if claim not in bucket:
                bucket.append(claim)
    return [(re.sub(r" \([^()]*/[^()]*\)$", "", topic), claims) for topic, claims in merged.items()]
