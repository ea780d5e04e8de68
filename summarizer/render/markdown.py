"""Markdown for people: the brief, its disagreements and open questions, and the claims as an appendix."""

from __future__ import annotations

from summarizer.analysis.speakers import speaker_label
from summarizer.models import Brief, Claim, Collection, Result


def _cite(ids: list[str]) -> str:
    return "".join(f"[{i}]" for i in ids)


def _certainty(c: Claim) -> str:
    if not c.certainty.hedged:
        return "asserted"
    return f"{c.certainty.level} ({', '.join(repr(h) for h in c.certainty.hedge_words)})"


def claims_markdown(result: Result, heading: str = "# Claims") -> str:
    lines = [heading, ""]
    if not result.claims:
        lines.append("_No claims were extracted._")
    for c in result.claims:
        lines.append(f"- **{c.id}** {c.statement}  ")
        lines.append(f"  _{speaker_label(c, detail=True)}; {c.kind}; {_certainty(c)}"
                     + (f"; {c.time}" if c.time else "") + "_  ")
        for e in c.evidence:
            lines.append(f"  > {e.text} ({e.sentence_id}, chars {e.start}-{e.end})  ")
    return "\n".join(lines) + "\n"


def brief_markdown(result: Result) -> str:
    b = result.brief
    doc = result.document
    meta = " · ".join(x for x in (doc.source, doc.date, doc.dateline.outlet if doc.dateline else None) if x)
    if b is None:
        body = ["# No brief", "", "_No brief could be written; see the warnings below._", ""]
    else:
        body = [f"# {b.title}", "", f"_{meta}_", "", f"**Bottom line:** {b.bottom_line} {_cite(b.bottom_line_claims)}",
                "", "## Key points", ""]
        body += [f"- {p.text} {_cite(p.claims)}" for p in b.key_points]
        body += _disagreements_and_questions(b, "_No disagreement between the sources was found by rule._")
        body += ["", "## Sources", "", "Claims made by: " + (", ".join(b.sources) or "_the article itself_") + "  ",
                 "Relayed by: " + (", ".join(b.relays) or "_no relay_"), ""]
    text = "\n".join(body) + "\n" + claims_markdown(result, heading="## Appendix: claims")
    return text + warnings_markdown(result)


def _disagreements_and_questions(b: Brief, none_text: str) -> list[str]:
    lines = ["", "## Disagreements", ""]
    if not b.disagreements:
        lines.append(none_text)
    for d in b.disagreements:
        lines.append(f"- **{d.topic}**")
        lines += [f"  - _{s.source}_: {s.position} {_cite(s.claims)}" for s in d.sides]
    return lines + ["", "## Open questions", ""] + ([f"- {q}" for q in b.open_questions] or ["_None noted._"])


def warnings_markdown(result: Result) -> str:
    if not result.warnings:
        return ""
    return "\n## Warnings\n\n" + "\n".join(f"- {w.stage}: {w.message}" for w in result.warnings) + "\n"


# -- several articles --------------------------------------------------------------------------

def collection_markdown(col: Collection, with_brief: bool = True) -> str:
    lines = []
    b = col.brief
    if with_brief:
        if b is None:
            lines += ["# No brief", "", "_No brief could be written; see the warnings below._", ""]
        else:
            lines += [f"# {b.title}", ""]
            lines += [f"_{a.id}: {' · '.join(x for x in (a.outlet, a.date, a.source) if x)}_  " for a in col.articles]
            lines += ["", f"**Bottom line:** {b.bottom_line} {_cite(b.bottom_line_claims)}", "", "## Key points", ""]
            lines += [f"- {p.text} {_cite(p.claims)}" for p in b.key_points]
    lines += ["", "## What changed", ""]
    lines += [f"- **{c.kind}** {c.text}" for c in col.changes] or ["_No figure appears in more than one article._"]
    lines += ["", "## Figures over time", ""]
    if col.timeline:
        lines += ["| quantity | figure | source | outlet | date | claim |", "|---|---|---|---|---|---|"]
        for g in col.timeline:
            for n, e in enumerate(g.entries):
                name = (g.quantity + (" ⚠ differs" if g.differs else "")) if n == 0 else ""
                lines.append(f"| {name} | {e.text} | {e.source} | {e.outlet or ''} | {e.date or ''} | {e.claim} |")
    else:
        lines.append("_No figures._")
    if with_brief and b is not None:
        lines += _disagreements_and_questions(b, "_No disagreement between the sources was found by rule._")
    lines += ["", "## Appendix: claims", ""]
    for a in col.articles:
        lines += [f"### {a.id} {a.title or a.source}", ""]
        for c in (c for c in col.claims if c.article == a.id):
            lines.append(f"- **{c.id}** {c.statement}  ")
            lines.append(f"  _{speaker_label(c, detail=True)}; {c.kind}; {_certainty(c)}" + (f"; {c.time}" if c.time else "") + "_  ")
            lines += [f"  > {e.text} ({e.sentence_id}, chars {e.start}-{e.end})  " for e in c.evidence]
        lines.append("")
    if col.warnings:
        lines += ["## Warnings", ""] + [f"- {w.stage}: {w.message}" for w in col.warnings]
    return "\n".join(lines) + "\n"
