"""Render a Result for people (Markdown) or machines (JSON)."""

from __future__ import annotations

from .models import Claim, Result


def to_json(result: Result) -> str:
    return result.model_dump_json(indent=2) + "\n"


def _cite(ids: list[str]) -> str:
    return "".join(f"[{i}]" for i in ids)


def _who(c: Claim) -> str:
    s = c.speaker
    extra = ", ".join(x for x in (s.role, s.organisation) if x and x.lower() not in s.name.lower())
    who = s.name + (f" ({extra})" if extra else "")
    if c.attribution:
        who += " via " + ", ".join(c.attribution)
    return who


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
        lines.append(f"  _{_who(c)}; {c.kind}; {_certainty(c)}"
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
        body += ["", "## Disagreements", ""]
        if not b.disagreements:
            body.append("_The sources in this article do not contradict each other._")
        for d in b.disagreements:
            body.append(f"- **{d.topic}**")
            body += [f"  - _{s.source}_: {s.position} {_cite(s.claims)}" for s in d.sides]
        body += ["", "## Open questions", ""]
        body += [f"- {q}" for q in b.open_questions] or ["_None noted._"]
        body += ["", "## Sources", "", ", ".join(b.sources) or "_The article itself._", ""]
    text = "\n".join(body) + "\n" + claims_markdown(result, heading="## Appendix: claims")
    return text + warnings_markdown(result)


def warnings_markdown(result: Result) -> str:
    if not result.warnings:
        return ""
    return "\n## Warnings\n\n" + "\n".join(f"- {w.stage}: {w.message}" for w in result.warnings) + "\n"


def render(result: Result, fmt: str, brief: bool) -> str:
    if fmt == "json":
        return to_json(result)
    if brief:
        return brief_markdown(result)
    return claims_markdown(result) + warnings_markdown(result)
