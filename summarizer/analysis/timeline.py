"""Figures across articles, by rule: the timeline of each quantity (what a figure counts is decided in
figures.measure) with source, qualifier, article and date, and what the latest article changes against
the earlier ones.
Everything here is deterministic and tested; the model only wrote the claims it reads."""

from __future__ import annotations

import re

from summarizer.analysis.figures import measure
from summarizer.analysis.speakers import speaker_label
from summarizer.models import ArticleRef, Change, Claim, Disagreement, KeyPoint, Side, TimelineEntry, TimelineGroup


def build_timeline(claims: list[Claim], articles: list[ArticleRef]) -> list[TimelineGroup]:
    """Every figure of every claim (instructions aside) grouped by what it counts, in date order."""
    order = {a.id: n for n, a in enumerate(articles)}
    groups: dict[str, list[TimelineEntry]] = {}
    for c in claims:
        if c.kind == "instruction":
            continue
        for q in c.quantities:
            label = measure(c, q)
            if not label:
                continue
            entries = groups.setdefault(label, [])
            if any(e.claim == c.id and e.value == q.value for e in entries):
                continue
            entries.append(TimelineEntry(claim=c.id, article=c.article or "A1", date=c.published, outlet=c.outlet,
                                         source=speaker_label(c), text=q.text, value=q.value, qualifier=q.qualifier))
    out = []
    for label, entries in groups.items():
        entries.sort(key=lambda e: (e.date or "9999", order.get(e.article, 99), _claim_no(e.claim)))
        by_source: dict[str, set[float]] = {}
        for e in entries:
            by_source.setdefault(e.source.lower(), set()).add(e.value)
        differs = len({e.value for e in entries}) > 1 and len(by_source) > 1
        out.append(TimelineGroup(quantity=label, entries=entries, differs=differs))
    out.sort(key=lambda g: (-len({e.article for e in g.entries}), -len(g.entries), g.quantity))
    return out


def _claim_no(claim_id: str) -> int:
    m = re.search(r"C(\d+)$", claim_id)
    return int(m.group(1)) if m else 0


def _figures(entries: list[TimelineEntry]) -> str:
    parts = []
    for e in entries:
        when = ", ".join(x for x in (e.outlet, e.date) if x)
        parts.append(f"{e.text} ({e.source}{'; ' + when if when else ''}) [{e.claim}]")
    return "; ".join(parts)


def _against_latest(timeline: list[TimelineGroup], articles: list[ArticleRef]):
    """(group, entries before, entries of the latest article, kind of change) per quantity."""
    if len(articles) < 2:
        return
    latest = articles[-1].id
    for g in timeline:
        before = [e for e in g.entries if e.article != latest]
        after = [e for e in g.entries if e.article == latest]
        if before and after:
            kind = "confirmed" if {e.value for e in before} == {e.value for e in after} else "changed"
        else:
            kind = "new" if after else "not repeated"
        yield g, before, after, kind


def changes(timeline: list[TimelineGroup], articles: list[ArticleRef]) -> list[Change]:
    """The latest article against the earlier ones, quantity by quantity."""
    out = []
    for g, before, after, kind in _against_latest(timeline, articles):
        latest = articles[-1].id
        text = {"new": f"{g.quantity}: new in {latest}: {_figures(after)}",
                "not repeated": f"{g.quantity}: not repeated in {latest}: {_figures(before)}"}.get(
            kind, f"{g.quantity}: {_figures(before)} -> {_figures(after)}")
        out.append(Change(quantity=g.quantity, kind=kind, text=text, before=[e.claim for e in before],
                          after=[e.claim for e in after]))
    rank = {"changed": 0, "new": 1, "confirmed": 2, "not repeated": 3}
    return sorted(out, key=lambda c: rank[c.kind])


def disagreements(timeline: list[TimelineGroup], claims: list[Claim]) -> list[Disagreement]:
    """Conflicts across articles: different figures for one quantity (each side a source with its
    figures, article and date), and opposing assertions within an article (conflicts.py's contrast rule)."""
    from summarizer.analysis import conflicts

    out = []
    for g in timeline:
        if not g.differs:
            continue
        sides: dict[str, list[TimelineEntry]] = {}
        for e in g.entries:
            sides.setdefault(e.source, []).append(e)
        out.append(Disagreement(topic=f"Different figures for {g.quantity}", origin="rule", sides=[
            Side(source=source, position="; ".join(f"{e.text} ({', '.join(x for x in (e.outlet, e.date) if x) or e.article})"
                                                   for e in entries),
                 claims=list(dict.fromkeys(e.claim for e in entries)))
            for source, entries in sides.items()]))
    by_article: dict[str | None, list[Claim]] = {}
    for c in claims:
        if c.kind != "instruction":
            by_article.setdefault(c.article, []).append(c)
    for group in by_article.values():
        for cand in conflicts.candidates(group):
            if cand.kind == "assertions":
                out.append(Disagreement(topic=cand.topic, origin="rule", sides=[
                    Side(source=speaker_label(c), position=c.statement, claims=[c.id]) for c in (cand.a, cand.b)]))
    return out


def change_points(timeline: list[TimelineGroup], articles: list[ArticleRef]) -> list[KeyPoint]:
    """Key points for the quantities whose figures changed or are new in the latest article:
    'Troops sent: About 12,000 ... (Ukrainian officials, ANI, 2025-02-01); in A2: 11,000 troops (Yonhap, ...)'."""

    def say(entries: list[TimelineEntry]) -> str:
        seen, parts = set(), []
        for e in entries:
            if (e.text, e.source) in seen:
                continue
            seen.add((e.text, e.source))
            where = [e.source] + ([e.outlet] if e.outlet and e.outlet != e.source else []) + ([e.date] if e.date else [])
            parts.append(f"{e.text} ({', '.join(where)})")
        return "; ".join(parts)

    points = []
    for g, before, after, kind in _against_latest(timeline, articles):
        if kind not in ("changed", "new"):
            continue
        latest = articles[-1].id
        head = g.quantity[0].upper() + g.quantity[1:]
        text = f"{head}: {say(before)}; in {latest}: {say(after)}." if before else f"{head}, new in {latest}: {say(after)}."
        points.append(KeyPoint(text=text, claims=list(dict.fromkeys(e.claim for e in before + after)), origin="rule"))
    return points
