"""Claim extraction: one small task per sentence (the whole article is in the prompt for context,
so consecutive calls share their prefix), the evidence ids constrained to that sentence;
deterministic checks feed instructor's re-asks; drafts become grounded Claims."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from summarizer import prompts
from summarizer.analysis.figures import quantities, unsupported_numbers
from summarizer.analysis.hedges import certainty_level, shared_hedges
from summarizer.analysis.parts import split_parts
from summarizer.analysis.words import overlap
from summarizer.ingest.injection import suspect_sentences
from summarizer.models import Certainty, Claim, ClaimKind, Document, Evidence, Speaker, Usage, Warning_
from summarizer.structured.client import StructuredClient

PROMPT = "extract"
MAX_TOKENS = 700  # above any realistic answer; the decoder closes the JSON before reaching it
_ARTICLE_SPEAKERS = {"the article", "article", "the reporter", "reporter", "the author", "author", "unknown",
                     "unnamed", "none", ""}


def draft_problems(statement: str, hedges: list[str], evidence_text: str) -> list[str]:
    """Deterministic checks of one claim against its evidence; the messages go back to the model."""
    problems = []
    bad = unsupported_numbers(statement, evidence_text)
    if bad:
        problems.append(f"the statement has figures {bad} that its evidence does not contain; "
                        "copy figures exactly as the evidence writes them")
    if overlap(statement, evidence_text) < 0.4:
        problems.append(f"the statement {statement[:60]!r} does not restate its evidence sentences; "
                        "cite the sentence that says it")
    missing = [h for h in hedges if h.strip() and h.lower().strip() not in evidence_text.lower()]
    if missing:
        problems.append(f"hedges {missing} do not occur in the evidence; copy hedge words from the evidence "
                        "or use []")
    return problems


def draft_model(doc: Document, ids: list[str]) -> type[BaseModel]:
    """The answer schema for one window: evidence ids can only be ids of that window."""
    SentenceId = Literal[tuple(ids)]  # type: ignore[valid-type]

    class ClaimDraft(BaseModel):  # "instruction" claims are made by rule, never by the model
        model_config = ConfigDict(extra="forbid")

        evidence: list[SentenceId] = Field(min_length=1, max_length=len(ids))
        statement: str = Field(min_length=8, max_length=400)
        speaker: str = Field(max_length=80)
        role: str | None = Field(max_length=80)
        organisation: str | None = Field(max_length=80)
        via: list[str] = Field(max_length=2)
        kind: ModelKind
        hedges: list[str] = Field(max_length=3)
        time: str | None = Field(max_length=60)

        @model_validator(mode="after")
        def _grounded(self):
            evidence_text = " ".join(doc.sentence(i).text for i in self.evidence)
            problems = draft_problems(self.statement, self.hedges, evidence_text)
            if problems:
                raise ValueError("; ".join(problems))
            return self

    class Claims(BaseModel):
        model_config = ConfigDict(extra="forbid")
        claims: list[ClaimDraft] = Field(max_length=4)

    return Claims


ModelKind = Literal[tuple(k for k in get_args(ClaimKind) if k != "instruction")]  # type: ignore[valid-type]
WITHHELD = "(withheld: text addressed to an AI system, reported separately)"
@dataclass
class Extraction:
    """The claims of one article, what was dropped or degraded on the way, and what it cost."""
    claims: list[Claim]
    warnings: list[Warning_] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


def extract_claims(doc: Document, client: StructuredClient, progress: Callable[[int, int], None] | None = None,
                   part_chars: int = 8_000) -> Extraction:
    """One model task per sentence (sentences addressed to a model are reported by rule instead)."""
    out = Extraction(claims=[])
    suspects = suspect_sentences(doc)
    if suspects:
        out.warnings.append(Warning_(stage="input", message=f"{', '.join(suspects)} read as text addressed to an AI "
                                     "system; reported as claims of kind 'instruction', not shown to the model"))
    by_id = {s.id: {"id": s.id, "text": WITHHELD if s.id in suspects else s.text} for s in doc.sentences}
    boundary = prompts.boundary_for(doc.text)
    context = client.context_tokens()  # known without loading a model, or None
    if context:  # what fits beside the instructions, the target sentence and the answer (~3 chars a token)
        longest = max(doc.sentences, key=lambda s: len(s.text))
        frame = sum(len(m["content"]) for m in prompts.render(
            PROMPT, boundary=boundary, sentences=[], targets=[by_id[longest.id]], part=99, parts=99))
        part_chars = max(500, min(part_chars, (context - MAX_TOKENS - 64) * 3 - frame))
    parts = split_parts(doc, part_chars)
    windows = [(n, part, [sid]) for n, part in enumerate(parts, 1) for sid in part.targets]
    drafts: list[dict] = []
    for n, (part_no, part, ids) in enumerate(windows, 1):
        if ids[0] in suspects:  # reported by rule; the model never reads it
            drafts.append(_instruction_draft(doc.sentence(ids[0]).text, ids[0]))
        else:
            extra = {"part": part_no, "parts": len(parts)} if len(parts) > 1 else {}
            messages = prompts.render(PROMPT, boundary=boundary, sentences=[by_id[i] for i in part.context],
                                      targets=[by_id[i] for i in ids], **extra)
            model = draft_model(doc, ids)
            answer = client.ask(messages, model, max_tokens=MAX_TOKENS, label=f"claims {','.join(ids)}",
                                salvage=lambda raw, errors, model=model, ids=ids: _salvage(raw, model, ids, errors))
            out.usage.add(answer.usage)
            out.warnings.extend(Warning_(stage="extract", message=m) for m in answer.warnings)
            if answer.data is not None:
                drafts.extend(answer.data["claims"])
        if progress:
            progress(n, len(windows))
    out.claims = merge(doc, drafts)
    return out


def _instruction_draft(text: str, sid: str) -> dict:
    return {"evidence": [sid], "statement": f"The article contains text addressed to an AI system: {text!r}",
            "speaker": "the article", "role": None, "organisation": None, "via": [], "kind": "instruction",
            "hedges": [], "time": None}


def _salvage(raw: str | None, model: type[BaseModel], ids: list[str],
             errors: list[str]) -> tuple[dict | None, list[str]]:
    """After the last re-ask: keep each claim that passes on its own, and say which were dropped."""
    item_model = model.model_fields["claims"].annotation.__args__[0]
    where = ",".join(ids)
    try:
        items = json.loads(raw or "")["claims"]
    except (ValueError, KeyError, TypeError):
        items = None
    if not isinstance(items, list):
        return None, [f"sentence {where}: no valid answer after re-asks ({'; '.join(errors[-1:])}); no claims kept"]
    kept, warnings = [], []
    for item in items:
        try:
            kept.append(item_model.model_validate(item).model_dump())
        except ValidationError as exc:
            statement = str(item.get("statement", "")) if isinstance(item, dict) else str(item)
            warnings.append(f"claim dropped from {where}: {statement[:80]!r}: {exc.errors()[0]['msg']}")
    return {"claims": kept}, warnings


def merge(doc: Document, drafts: list[dict]) -> list[Claim]:
    """Drafts -> Claims: evidence spans from the document, duplicates removed, ids C1..Cn."""
    claims: list[Claim] = []
    for d in drafts:
        ev_ids = sorted(set(d["evidence"]), key=lambda s: int(s[1:]))
        statement = " ".join(d["statement"].split())
        if any(set(c_ev) & set(ev_ids) and difflib.SequenceMatcher(None, c.statement.lower(),
                                                                    statement.lower()).ratio() > 0.85
               for c, c_ev in ((c, [e.sentence_id for e in c.evidence]) for c in claims)):
            continue
        speaker_name = " ".join((d["speaker"] or "").split())
        is_article = speaker_name.lower() in _ARTICLE_SPEAKERS
        via = [v.strip() for v in d["via"] if v.strip() and not re.fullmatch(r"S\d+", v.strip())
               and v.strip().lower() not in {speaker_name.lower(), *_ARTICLE_SPEAKERS} and _in_article(v, doc)]
        evidence_text = " ".join(doc.sentence(i).text for i in ev_ids)
        hedges = shared_hedges(d["hedges"], statement, evidence_text)
        claims.append(Claim(
            id=f"C{len(claims) + 1}",
            statement=statement,
            speaker=Speaker(name="the article" if is_article else speaker_name,
                            role=_grounded(d["role"], doc), organisation=_grounded(d["organisation"], doc),
                            is_article=is_article),
            attribution=via,
            kind=d["kind"],
            quantities=[] if d["kind"] == "instruction" else quantities(statement),
            certainty=Certainty(hedged=bool(hedges), hedge_words=hedges, level=certainty_level(hedges)),
            time=_clean(d["time"]),
            evidence=[Evidence(sentence_id=s.id, start=s.start, end=s.end, text=s.text)
                      for s in (doc.sentence(i) for i in ev_ids)],
        ))
    return claims


def _in_article(value: str, doc: Document) -> bool:
    """Every word of value occurs in the article: a role or relay the model made up is not kept."""
    text = doc.text.lower()
    return all(w in text for w in re.findall(r"[a-z0-9]{3,}", value.lower()))


def _grounded(value: str | None, doc: Document) -> str | None:
    value = _clean(value)
    return value if value and _in_article(value, doc) else None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value if value and value.lower() not in {"null", "none", "n/a", "unknown"} else None
