"""The brief is written from the claims alone: every cited id must exist and every figure in the
brief must appear in a claim it cites. What fails after the re-asks is dropped with a warning.
Disagreements between sources are found by rule (conflicts.py) and quote the claims themselves."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from summarizer import prompts
from summarizer.analysis import conflicts
from summarizer.analysis.figures import IDS, unsupported_numbers
from summarizer.analysis.speakers import sources, speaker_label
from summarizer.models import ArticleRef, Brief, Claim, Disagreement, Document, KeyPoint, Side, Usage, Warning_
from summarizer.structured.client import StructuredClient

PROMPT = "brief"


def support_text(claims: dict[str, Claim], ids: list[str]) -> str:
    """What cited claims support: their statements, their evidence, and their article's date."""
    return " ".join(f"{claims[i].statement} {' '.join(e.text for e in claims[i].evidence)} {claims[i].published or ''}"
                    for i in ids if i in claims)



def figure_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    bad = unsupported_numbers(IDS.sub(" ", text), support_text(claims, ids))
    if bad:
        return (f"{text[:60]!r} has figures {bad} that none of its cited claims {ids} carries; cite the claim "
                "that gives the figure or leave the figure out")
    return None


_ACCORDING = re.compile(r"\baccording to (?:the )?([^,.;:()]{2,80})", re.I)
_NAME_STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "by", "its", "their", "reports", "report", "said",
              "sources", "source", "officials", "official", "who", "which", "that"}


def _name_words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{2,}", text.lower()) if w not in _NAME_STOP}


def attribution_problem(text: str, claims: dict[str, Claim], ids: list[str]) -> str | None:
    """'according to X' must name someone the cited claims come from: a speaker, role, organisation or
    relay of theirs, or a name in their evidence. (The model copied 'according to Ukrainian officials'
    from the prompt's rules into a brief about a software company.)"""
    cited = [claims[i] for i in ids if i in claims]
    known = set()
    for c in cited:
        known |= _name_words(" ".join([c.speaker.name, c.speaker.role or "", c.speaker.organisation or "",
                                       *c.attribution, *(e.text for e in c.evidence)]))
    for m in _ACCORDING.finditer(text):
        named = _name_words(m.group(1))
        if named and not named & known:
            return (f"{text[:60]!r} attributes to {m.group(1).strip()!r}, but none of its cited claims {ids} comes "
                    "from them; name the source of the claims you cite")
    return None


def brief_model(claims: list[Claim]) -> type[BaseModel]:
    by_id = {c.id: c for c in claims}
    ClaimId = Literal[tuple(by_id)]  # type: ignore[valid-type]
    all_ids = list(by_id)

    class _M(BaseModel):
        model_config = ConfigDict(extra="forbid")

    class PointDraft(_M):
        text: str = Field(min_length=8, max_length=400)
        claims: list[ClaimId] = Field(min_length=1, max_length=4)

        @model_validator(mode="after")
        def _figures(self):
            if problem := (figure_problem(self.text, by_id, list(self.claims))
                           or attribution_problem(self.text, by_id, list(self.claims))):
                raise ValueError(problem)
            return self

    class BriefDraft(_M):
        title: str = Field(min_length=3, max_length=160)
        bottom_line: str = Field(min_length=8, max_length=500)
        bottom_line_claims: list[ClaimId] = Field(min_length=1, max_length=4)
        key_points: list[PointDraft] = Field(min_length=min(3, len(all_ids)), max_length=6)
        open_questions: list[str] = Field(max_length=3)

        @model_validator(mode="after")
        def _figures(self):
            problems = [figure_problem(self.bottom_line, by_id, list(self.bottom_line_claims)),
                        attribution_problem(self.bottom_line, by_id, list(self.bottom_line_claims)),
                        figure_problem(self.title, by_id, all_ids)]
            problems += [figure_problem(q, by_id, all_ids) for q in self.open_questions]
            problems = [p for p in problems if p]
            if problems:
                raise ValueError("; ".join(problems))
            return self

        @field_validator("open_questions")
        @classmethod
        def _short_questions(cls, v: list[str]) -> list[str]:
            return [q for q in (" ".join(x.split()) for x in v) if q]

    return BriefDraft


@dataclass
class Written:
    """A brief (None when none could be written), what was dropped on the way, and what it cost."""
    brief: Brief | None
    warnings: list[Warning_] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


def write_brief(doc: Document | None, claims: list[Claim], client: StructuredClient,
                articles: list[ArticleRef] | None = None) -> Written:
    """The brief of one article (doc), or across several (articles; claim ids then start with the article)."""
    claims = [c for c in claims if c.kind != "instruction"]  # text aimed at a model never shapes the brief
    if not claims:
        return Written(None, [Warning_(stage="brief", message="no claims were extracted, so no brief was written")])
    rows = [{"id": c.id, "speaker": c.speaker.name, "via": c.attribution, "hedges": c.certainty.hedge_words,
             "statement": c.statement} for c in claims]
    if articles:
        refs = [a.model_dump(exclude={"source"}) for a in articles]  # where the files lie must not change the answer
        messages = prompts.render(PROMPT, boundary=prompts.boundary_for(json.dumps([rows, refs])), claims=rows,
                                  title=None, date=None, articles=refs)
    else:
        messages = prompts.render(PROMPT, boundary=prompts.boundary_for(json.dumps(rows)), claims=rows,
                                  title=doc.title, date=doc.date)
    model = brief_model(claims)
    answer = client.ask(messages, model, max_tokens=900, label="brief",
                        salvage=lambda raw, errors: _salvage(raw, claims, errors))
    out = Written(None, [Warning_(stage="brief", message=m) for m in answer.warnings], answer.usage)
    draft = answer.data
    if draft is None:
        return out
    out.brief = Brief(
        title=" ".join(draft["title"].split()),
        bottom_line=bottom_line(draft["bottom_line"]),
        bottom_line_claims=list(dict.fromkeys(draft["bottom_line_claims"])),
        key_points=_distinct([KeyPoint(text=" ".join(p["text"].split()), claims=list(dict.fromkeys(p["claims"])))
                              for p in draft["key_points"]]),
        disagreements=disagreements(claims),
        open_questions=draft["open_questions"],
        sources=sources(claims),
    )
    return out


def _distinct(points: list[KeyPoint]) -> list[KeyPoint]:
    """Small models repeat a point; a repeat says nothing new, so it is left out."""
    kept: list[KeyPoint] = []
    for p in points:
        if not any(difflib.SequenceMatcher(None, p.text.lower(), k.text.lower()).ratio() > 0.85 for k in kept):
            kept.append(p)
    return kept


def disagreements(claims: list[Claim]) -> list[Disagreement]:
    """Found by rule, not written by the model: each side quotes its own claim and source.
    (The 1.5B default model, asked for disagreements, wrote sides such as 'likely' from source 'C1'.)"""
    out = []
    for topic, group in conflicts.groups(conflicts.candidates(claims)):
        sides = [Side(source=speaker_label(c), position=c.statement, claims=[c.id]) for c in group]
        out.append(Disagreement(topic=topic, sides=sides, origin="rule"))
    return out


def bottom_line(text: str, max_sentences: int = 2) -> str:
    """At most two complete sentences: a bottom line, not a summary; a fragment cut off is dropped."""
    from summarizer.ingest.document import split_sentences

    text = " ".join(text.split())
    spans = split_sentences(text, 0, len(text))
    complete = [text[a:b] for a, b in spans if text[a:b].rstrip('"\u201d)').endswith((".", "!", "?"))]
    if not complete:
        return text
    return " ".join(complete[:max_sentences])


def _salvage(raw: str | None, claims: list[Claim], errors: list[str]) -> tuple[dict | None, list[str]]:
    """Keep the parts of the last answer that pass the checks on their own; say what is dropped."""
    by_id = {c.id: c for c in claims}
    warnings: list[str] = []

    def cited(ids) -> list[str]:
        return [i for i in ids if i in by_id] if isinstance(ids, list) else []

    def ok(text, ids, what) -> bool:
        if not isinstance(text, str) or not cited(ids):
            warnings.append(f"{what} dropped: no valid claim cited")
            return False
        if problem := figure_problem(text, by_id, cited(ids)) or attribution_problem(text, by_id, cited(ids)):
            warnings.append(f"{what} dropped: {problem}")
            return False
        return True

    try:
        data = json.loads(raw or "")
        points = [{"text": p["text"], "claims": cited(p["claims"])} for p in data.get("key_points", [])
                  if ok(p.get("text"), p.get("claims"), "key point")]
        bottom = data.get("bottom_line")
        bottom_ids = cited(data.get("bottom_line_claims"))
        if not ok(bottom, bottom_ids, "bottom line"):
            if not points:
                raise ValueError("nothing left")
            bottom, bottom_ids = points[0]["text"], points[0]["claims"]
            warnings.append("bottom line replaced by the first valid key point")
        title = data.get("title") if isinstance(data.get("title"), str) else "Brief"
        if figure_problem(title, by_id, list(by_id)):
            title = "Brief"
        questions = [q for q in data.get("open_questions", []) if isinstance(q, str)
                     and not figure_problem(q, by_id, list(by_id))]
        return {"title": title, "bottom_line": bottom, "bottom_line_claims": bottom_ids, "key_points": points,
                "open_questions": questions}, warnings
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, warnings + ["brief dropped: no valid answer after re-asks (" + "; ".join(errors[-1:]) + ")"]
