"""Claim extraction: one small task per sentence (the whole article is in the prompt for context,
so consecutive calls share their prefix), the evidence ids constrained to that sentence;
deterministic checks feed instructor's re-asks; drafts become grounded Claims."""

from __future__ import annotations

import difflib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import takewhile
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

import summarizer.prompts as prompts
from summarizer.analysis.affiliation import company_of, employer_of, in_text, role_of, shared_employers
from summarizer.analysis.clauses import (added_apart, before_later_speaker, clause_speaker, while_apart,
                                         with_accusations, with_denials_after)
from summarizer.analysis.figures import numbers_in, quantities, unsupported_numbers
from summarizer.analysis.hedges import certainty_level, shared_hedges
from summarizer.analysis.parts import Part, split_parts
from summarizer.analysis.times import time_of
from summarizer.analysis.reported import (PRONOUN_KINDS, QUOTE_MARKS, VERBS, Reading, Source, kind_of, nearest,
                                          read_speakers, settle)
from summarizer.analysis.vocabulary import ROLE_WORDS
from summarizer.analysis.words import content_words, overlap
from summarizer.ingest.document import outlet_of
from summarizer.ingest.injection import suspect_sentences
from summarizer.models import Certainty, Claim, ClaimKind, Document, Evidence, Speaker, Usage, Warning_
from summarizer.structured.client import Ask, StructuredClient, error_message

PROMPT = "extract"
MAX_TOKENS = 700  # per target sentence: above any realistic answer; the decoder closes the JSON before it
WINDOW = 4  # sentences per task of the window strategy
_ARTICLE_SPEAKERS = {"the article", "article", "the reporter", "reporter", "the author", "author", "unknown",
                     "unnamed", "none", ""}


CHECKS = 9  # bump when draft_problems, the answer model's validators or _salvage change (see client.ask)


RESTATED = 0.4  # share of a statement's content words its evidence must have (besides who said it and to whom)
# the words of a reporting frame: "X told reporters that ..." shares them with any sentence X speaks in
_FRAME = content_words("said says told tells added adds noted stated reported wrote posted announced explained "
                       "informed reporters journalists statement interview according press conference briefing")


# a statement that stops on a word that cannot end a sentence ("Baird said the rise was"): the model closed its
# string at a quotation mark of the evidence ("was \"almost entirely\" caused")
_CUT_OFF = re.compile(r"\b(?:the|a|an|was|were|is|are|been|of|and|or|which|by|its|their|his|her)\W*$", re.I)  # "rejected
# that." and "voted for." end sentences


def draft_problems(statement: str, evidence_text: str, source: str = "") -> list[str]:
    """Deterministic checks of one claim against its evidence; the messages go back to the model. `source`:
    the draft's speaker, role, organisation and relays, whose words alone do not make a statement restate
    its evidence ("Alison Rae told reporters that the company would retire two vessels" is not "'We are
    not cutting any lifeline route,' managing director Alison Rae told reporters")."""
    problems = []
    bad = unsupported_numbers(statement, evidence_text)
    if bad:
        problems.append(f"the statement has figures {bad} that its evidence does not contain; "
                        "copy figures exactly as the evidence writes them")
    if _CUT_OFF.search(statement) or statement[:1].islower() and not re.match(r"[a-z]+[A-Z]", statement):
        problems.append(f"the statement {statement[:60]!r} is cut off or does not start a sentence; write it in "
                        "full as one sentence, with single quotes around quoted words")
    said = content_words(statement) - content_words(source) - _FRAME
    if overlap(statement, evidence_text) < RESTATED or len(said) >= 3 and len(
            said & content_words(evidence_text)) < RESTATED * len(said):
        problems.append(f"the statement {statement[:60]!r} does not restate its evidence sentences; "
                        "cite the sentence that says it")
    return problems


def draft_model(doc: Document, ids: list[str]) -> type[BaseModel]:
    """The answer schema for one task: evidence ids can only be ids of its target sentences."""
    SentenceId = Literal[tuple(ids)]  # type: ignore[valid-type]

    class ClaimDraft(BaseModel):  # "instruction" claims are made by rule, never by the model
        model_config = ConfigDict(extra="forbid")

        evidence: list[SentenceId] = Field(min_length=1, max_length=min(3, len(ids)))
        statement: str = Field(min_length=8, max_length=400)
        speaker: str = Field(max_length=80)
        role: str | None = Field(max_length=80)
        organisation: str | None = Field(max_length=80)
        via: list[str] = Field(max_length=2)
        kind: ModelKind

        @model_validator(mode="after")
        def _grounded(self):
            evidence_text = " ".join(doc.sentence(i).text for i in self.evidence)
            problems = draft_problems(self.statement, evidence_text, " ".join(
                [self.speaker, self.role or "", self.organisation or "", *self.via]))
            if problems:
                raise ValueError("; ".join(problems))
            return self

    given = _counted_figures(" ".join(doc.sentence(i).text for i in ids))

    class Claims(BaseModel):
        model_config = ConfigDict(extra="forbid")
        claims: list[ClaimDraft] = Field(max_length=min(4 * len(ids), 120))

        @model_validator(mode="after")
        def _complete(self):
            said = set().union(*(numbers_in(c.statement) for c in self.claims)) if self.claims else set()
            missed = [text for values, text in given if not values <= said]
            if missed and len(self.claims) < min(4 * len(ids), 120):
                raise ValueError(f"the sentences also give {missed}; add a claim for each figure they give")
            return self

    return Claims


ModelKind = Literal[tuple(k for k in get_args(ClaimKind) if k != "instruction")]  # type: ignore[valid-type]
WITHHELD = "(withheld: text addressed to an AI system, reported separately)"
@dataclass
class Extraction:
    """The claims of one article, what was dropped or degraded on the way, and what it cost."""
    claims: list[Claim]
    warnings: list[Warning_] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


def tasks(part: Part, strategy: str) -> list[list[str]]:
    """The target sentences of each model task of a part: one sentence each (the default: small tasks suit
    a small model), WINDOW consecutive sentences, or the whole part in one task (fewest prompt tokens,
    for large remote models that read a whole article well)."""
    if strategy == "part":
        return [part.targets]
    size = WINDOW if strategy == "window" else 1
    return [part.targets[i:i + size] for i in range(0, len(part.targets), size)]


def max_tokens_for(n: int) -> int:
    """The answer budget of a task with n target sentences."""
    return MAX_TOKENS if n == 1 else min(4096, MAX_TOKENS + 250 * (n - 1))


def extract_claims(doc: Document, client: StructuredClient, progress: Callable[[int, int], None] | None = None,
                   part_chars: int = 8_000, strategy: str = "sentence") -> Extraction:
    """Claims by model tasks over the article's sentences (see tasks()); sentences addressed to a model
    are reported by rule instead and never shown to it."""
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
    windows = [(n, part, ids) for n, part in enumerate(parts, 1) for ids in tasks(part, strategy)]
    asks: list[Ask] = []
    for part_no, part, ids in windows:
        ids = [i for i in ids if i not in suspects]  # reported by rule; the model never reads them
        if not ids:
            continue
        extra = {"part": part_no, "parts": len(parts)} if len(parts) > 1 else {}
        if strategy == "part":
            extra["whole"] = True
        messages = prompts.render(PROMPT, boundary=boundary, sentences=[by_id[i] for i in part.context],
                                  targets=[by_id[i] for i in ids], **extra)
        model = draft_model(doc, ids)
        asks.append(Ask(messages, model, max_tokens_for(len(ids)), label=f"claims {_span(ids)}", checks=CHECKS,
                        salvage=lambda raw, errors, model=model, ids=ids: _salvage(raw, model, ids, errors)))
    done = [len(windows) - len(asks)]

    def tick() -> None:
        done[0] += 1
        if progress:
            progress(done[0], len(windows))

    started = time.perf_counter()
    answers = iter(client.ask_many(asks, on_done=tick))
    wall = time.perf_counter() - started
    drafts: list[dict] = []
    readings = read_speakers(doc)
    for _, _, ids in windows:
        drafts += [_instruction_draft(doc.sentence(i).text, i) for i in ids if i in suspects]
        if all(i in suspects for i in ids):
            continue
        answer = next(answers)
        out.usage.add(answer.usage)
        out.warnings.extend(Warning_(stage="extract", message=m) for m in answer.warnings)
        if answer.data is not None:
            drafts.extend(answer.data["claims"])
        if len(ids) == 1 and answer.warnings and answer.data is not None and not answer.data["claims"]:
            # the model said something about the sentence, but nothing that passed: keep its own words
            drafts.append(_sentence_draft(doc, ids[0], readings))
            out.warnings.append(Warning_(stage="extract", message=f"{ids[0]}: no claim of the model passed the "
                                         "checks; the sentence is kept as a claim in its own words"))
    out.usage.seconds = round(wall, 3)  # the tasks ran side by side: their own durations overlap
    out.claims = merge(doc, drafts, readings)
    return out


def _counted_figures(text: str) -> list[tuple[set[float], str]]:
    """The figures of a text that count something ('3,000 more troops', '9.1%', 'USD 1.23 billion'), each
    as the numbers written in it: a claim should carry each. Years, dates and bare numbers are left out."""
    return [(numbers_in(q.text), q.text) for q in quantities(text) if q.unit and numbers_in(q.text)]


def _span(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


def _instruction_draft(text: str, sid: str) -> dict:
    return {"evidence": [sid], "statement": f"The article contains text addressed to an AI system: {text!r}",
            "speaker": "the article", "role": None, "organisation": None, "via": [], "kind": "instruction",
            "origin": "rule"}


_LEADING_PRONOUN = re.compile(r"^(He|She|It|They)\s+(?!is\b|was\b|were\b|are\b|has been\b|had been\b|will\b|would\b|"
                              r"seems\b|seemed\b|appears\b|appeared\b|remains\b|remained\b)")


# a sentence that is one quote and then who said it: '"We cannot staff wards safely," she said.'
_QUOTE_THEN_SAID = re.compile(rf"^\s*[\"“](?P<q>[^\"“”]{{8,}}?)[\"”]\s*,?\s+(?:[\w'’.-]+\s+){{0,6}}?(?:{VERBS})\b"
                              r"(?P<tail>(?:,?\s+(?!adding|that|of|about|after|when|as|because|before)[\w'’-]+){0,9})\.?\s*$")
# (only a short tail: '"We will appeal," he said, adding that ...' and '"Fake news," he said of reports that ...'
# say more than the quote)


def _sentence_draft(doc: Document, sid: str, readings: dict[str, Reading]) -> dict:
    """A sentence as its own claim, in the article's words; a leading pronoun gives way to the source it
    stands for (the sentence's speaker, else the nearest earlier one of its kind), so the claim stands
    alone. Speaker, relays and hedges are then read from the wording by merge(), as for any claim."""
    text, reading = doc.sentence(sid).text, readings[sid]
    pronoun = _LEADING_PRONOUN.match(text)
    if pronoun:
        kind = PRONOUN_KINDS[pronoun.group(1).lower()]
        earlier = [readings[s.id].speaker for s in takewhile(lambda s: s.id != sid, doc.sentences)]
        who = reading.speaker or nearest(earlier, kind)
        if who is not None:
            text = who.name[:1].upper() + who.name[1:] + text[pronoun.end(1):]
    named = reading.speaker is not None
    quoted = _QUOTE_THEN_SAID.match(text) if named else None
    if quoted:  # '"He's our top scorer ...," he said at his news conference.': the quote is the claim
        text = quoted.group("q").rstrip(" ,") + ("" if quoted.group("q").rstrip(" ,")[-1:] in ".!?" else ".")
    return {"evidence": [sid], "statement": text, "speaker": reading.speaker.name if named else "the article",
            "role": None, "organisation": None, "via": [], "kind": "quote" if reading.quote else
            "report" if named else "fact", "origin": "rule"}


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
            warnings.append(f"claim dropped from {where}: {statement[:80]!r}: {error_message(exc.errors()[0])}")
    return {"claims": kept}, warnings


_SPACED_INITIALS = re.compile(r"\b[A-Z]\.(?: [A-Z]\.)+")


def _as_written(text: str, evidence: str) -> str:
    """Initials the model spaced out ('the U. S. commission') as the evidence writes them ('U.S.')."""
    def closed(m: re.Match) -> str:
        joined = m.group(0).replace(" ", "")
        return joined if joined in evidence else m.group(0)
    return _SPACED_INITIALS.sub(closed, text)


# inside a quote, who the speaker says said it: '"They told us the river was safe. It wasn't," he said.'
_QUOTED_FRAME = re.compile(r"[\"“]\s*(?P<frame>(?:[A-Za-z][\w'’-]*\s+){0,3}?(?:told|tell|tells|said|say|says|promised|"
                           r"assured|claimed|insisted|kept saying)(?:\s+(?:us|me|them|him|her|everyone|people))?"
                           r"(?:\s+that)?\s+)$")


def _with_quoted_frame(statement: str, evidence: str) -> str:
    """A statement that opens where a quote's own frame ends ("They told us | the river was safe") keeps the
    frame: without it the speaker would be asserting what he says he was told."""
    head = statement[:20].rstrip(".,;:!? ")
    at = evidence.lower().find(head.lower()) if len(head) >= 12 else -1
    m = _QUOTED_FRAME.search(evidence[:at]) if at > 0 else None
    if not m:
        return statement
    return m.group("frame") + evidence[at:at + 1] + statement[1:]


# a statement that says only who spoke and where, with nothing said: the attribution of another claim, split off
_ONLY_ATTRIBUTION = re.compile(r"(?:(?!(?:was|were|is|are|be|been|being)\b)[\w'’.-]+\s+){0,7}?(?:said|says|stated|added|"
                               r"confirmed|announced|reported|wrote|told(?!\s+to\b)(?:\s+[A-Za-z'’-]+){1,3}?)"
                               r"(?:\s+(?:in|on|at|during|through|via)\s+(?!least\b)(?:[A-Za-z'’-]+\s*){1,3}){0,2}\.?",
                               re.I)  # (a place, a time or a medium after it: "in a statement", "on Tuesday")


def _name_key(name: str) -> str:
    """A speaker's key across the article's sentences: the last word of the name ("Neighbour Denise Carter",
    "Carter")."""
    return name.split()[-1].lower()


def merge(doc: Document, drafts: list[dict], readings: dict[str, Reading] | None = None) -> list[Claim]:
    """Drafts -> Claims: evidence spans from the document, duplicates removed, speakers checked against the
    wording of the evidence (reported.settle, over `readings`, read here when not given), ids C1..Cn."""
    readings = readings or read_speakers(doc)
    publisher = outlet_of(doc)
    told: dict[str, set[str]] = {}  # the outlets each speaker spoke to anywhere, by _name_key
    for r in readings.values():
        if r.speaker is not None and r.relays:
            told.setdefault(_name_key(r.speaker.name), set()).update(r.relays)
    claims: list[Claim] = []
    ruled: set[str] = set()  # organisations the wording gave a speaker (affiliation.company_of)
    for d in (part for d in drafts for whole in added_apart(d) for part in while_apart(whole)):
        ev_ids = sorted(set(d["evidence"]), key=lambda s: int(s[1:]))
        statement = re.sub(r"\s*[,;:]+$", "", " ".join(d["statement"].split()))  # a quote cut at its comma
        if _ONLY_ATTRIBUTION.fullmatch(statement):  # "The National Bank of Poland said in a statement.": no claim
            continue
        if any(set(c_ev) & set(ev_ids) and difflib.SequenceMatcher(None, c.statement.lower(),
                                                                    statement.lower()).ratio() > 0.85
               for c, c_ev in ((c, [e.sentence_id for e in c.evidence]) for c in claims)):
            continue
        evidence_text = " ".join(doc.sentence(i).text for i in ev_ids)
        statement = _with_quoted_frame(_as_written(statement, evidence_text), evidence_text)
        model_speaker = _as_written(" ".join((d["speaker"] or "").split()), evidence_text)
        model_via = [v.strip() for v in d["via"] if v.strip() and not re.fullmatch(r"S\d+", v.strip())
                     and v.strip().lower() not in {model_speaker.lower(), *_ARTICLE_SPEAKERS}
                     and in_text(v, evidence_text)]  # a relay is named where the claim is made
        clause = clause_speaker(statement, evidence_text) if d["kind"] != "instruction" else None
        model_speaker = clause or model_speaker
        reading = readings.get(ev_ids[0]) if d["kind"] != "instruction" and not (d.get("clause_speaker") or clause) \
            else None
        if reading is not None and len(ev_ids) == 1 and (first := before_later_speaker(statement, evidence_text)):
            model_speaker, reading = first, Reading(speaker=Source(first, kind_of(first)), how="first clause")
        speaker_name, via = settle(model_speaker, model_via, reading, _ARTICLE_SPEAKERS, publisher)
        is_article = speaker_name is None
        company = None if is_article else company_of(speaker_name, ev_ids[0], doc, readings)
        if company:
            ruled.add(company)
        own_relays = sorted(told.get(_name_key(speaker_name), ())) if not is_article else []
        employer = None if is_article else employer_of(d["organisation"], speaker_name, evidence_text, doc, via,
                                                       publisher, own_relays) or company
        if employer and speaker_name and speaker_name.lower().endswith(employer.lower()) and re.search(
                rf"\b(?:{ROLE_WORDS})\s+{re.escape(employer)}", evidence_text, re.I):
            employer = None  # "Prosecutor Stefan Kohl": a person, whose name is no organisation of theirs
        hedges = shared_hedges(statement, evidence_text)
        claims.append(Claim(
            id=f"C{len(claims) + 1}",
            statement=statement,
            speaker=Speaker(name="the article", is_article=True) if is_article else
            Speaker(name=speaker_name, role=role_of(d["role"], speaker_name, evidence_text, doc),
                    organisation=employer,
                    is_article=False),
            attribution=via,
            kind=_kind(d["kind"], evidence_text),
            quantities=[] if d["kind"] == "instruction" else quantities(statement),
            certainty=Certainty(hedged=bool(hedges), hedge_words=hedges, level=certainty_level(hedges)),
            time=time_of(statement, evidence_text),
            evidence=[Evidence(sentence_id=s.id, start=s.start, end=s.end, text=s.text)
                      for s in (doc.sentence(i) for i in ev_ids)],
            origin=d.get("origin", "model"),
        ))
    return with_accusations(with_denials_after(shared_employers(claims, ruled)))


def _kind(kind: str, evidence: str) -> str:
    """The model's kind, except that a claim is a quote only where its evidence quotes someone's words: "X
    told CNN that ..." is reported speech, and the article's own sentence is no quote of anyone."""
    if kind == "quote" and _scare_quotes_only(evidence):
        return "fact"
    return kind


def _scare_quotes_only(evidence: str) -> bool:
    """No quotation marks, or only pairs around a word or two ('have "probably" withdrawn', 'dismissed it as
    "panic"'): nobody's words are quoted. A mark without its pair opens or closes a quotation."""
    marks = [m.start() for m in QUOTE_MARKS.finditer(evidence)]
    if len(marks) % 2:
        return False
    return all(len(evidence[a + 1:b].split()) <= 2 for a, b in zip(marks[::2], marks[1::2]))
