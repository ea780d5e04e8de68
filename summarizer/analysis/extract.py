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
from summarizer.analysis.denials import DENIED_AFTER
from summarizer.analysis.fidelity import name_words
from summarizer.analysis.figures import numbers_in, quantities, unsupported_numbers
from summarizer.analysis.hedges import certainty_level, shared_hedges
from summarizer.analysis.parts import Part, split_parts
from summarizer.analysis.times import time_of
from summarizer.analysis.reported import (PRONOUN_KINDS, QUOTE_MARKS, VERBS, Reading, Source, kind_of, nearest,
                                          outlet_key, read_speakers, settle)
from summarizer.analysis.vocabulary import A_BODY, CORPORATE_ROLES, NOT_COMPANY, OFFICERS
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


def merge(doc: Document, drafts: list[dict], readings: dict[str, Reading] | None = None) -> list[Claim]:
    """Drafts -> Claims: evidence spans from the document, duplicates removed, speakers checked against the
    wording of the evidence (reported.settle, over `readings`, read here when not given), ids C1..Cn."""
    readings = readings or read_speakers(doc)
    publisher = outlet_of(doc)
    claims: list[Claim] = []
    ruled: set[str] = set()  # organisations the wording gave a speaker (_company_of)
    for d in (part for d in drafts for whole in _added_apart(d) for part in _while_apart(whole)):
        ev_ids = sorted(set(d["evidence"]), key=lambda s: int(s[1:]))
        statement = re.sub(r"\s*[,;:]+$", "", " ".join(d["statement"].split()))  # a quote cut at its comma
        if any(set(c_ev) & set(ev_ids) and difflib.SequenceMatcher(None, c.statement.lower(),
                                                                    statement.lower()).ratio() > 0.85
               for c, c_ev in ((c, [e.sentence_id for e in c.evidence]) for c in claims)):
            continue
        evidence_text = " ".join(doc.sentence(i).text for i in ev_ids)
        statement = _with_quoted_frame(_as_written(statement, evidence_text), evidence_text)
        model_speaker = _as_written(" ".join((d["speaker"] or "").split()), evidence_text)
        model_via = [v.strip() for v in d["via"] if v.strip() and not re.fullmatch(r"S\d+", v.strip())
                     and v.strip().lower() not in {model_speaker.lower(), *_ARTICLE_SPEAKERS}
                     and _in_text(v, evidence_text)]  # a relay is named where the claim is made
        clause = _clause_speaker(statement, evidence_text) if d["kind"] != "instruction" else None
        model_speaker = clause or model_speaker
        reading = readings.get(ev_ids[0]) if d["kind"] != "instruction" and not (d.get("clause_speaker") or clause) \
            else None
        if reading is not None and len(ev_ids) == 1 and (first := _before_later_speaker(statement, evidence_text)):
            model_speaker, reading = first, Reading(speaker=Source(first, kind_of(first)), how="first clause")
        speaker_name, via = settle(model_speaker, model_via, reading, _ARTICLE_SPEAKERS, publisher)
        is_article = speaker_name is None
        company = None if is_article else _company_of(speaker_name, ev_ids[0], doc, readings)
        if company:
            ruled.add(company)
        hedges = shared_hedges(statement, evidence_text)
        claims.append(Claim(
            id=f"C{len(claims) + 1}",
            statement=statement,
            speaker=Speaker(name="the article", is_article=True) if is_article else
            Speaker(name=speaker_name, role=_role(d["role"], speaker_name, evidence_text, doc),
                    organisation=_employer(d["organisation"], speaker_name, evidence_text, doc, via, publisher)
                    or company,
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
    return _with_accusations(_with_denials_after(_shared_employers(claims, ruled)))


def _shared_employers(claims: list[Claim], ruled: set[str]) -> list[Claim]:
    """A speaker's organisation, given at one claim ("Its spokeswoman, Lena Morva, said ..."), is theirs at
    every claim of the same name that has none ("She said the group had only returned fire."), when the claims
    give them one only, and it is a body of more than one word that is not the speaker itself (a single word is
    as often a place or a venue: "told parliament", "Cambados"), or one the wording gave by rule (`ruled`:
    "Chief executive Joost Verhaegen" just after "Carrow ... said")."""
    known: dict[str, set[str]] = {}
    for c in claims:
        org = c.speaker.organisation
        if not c.speaker.is_article and org and (len(org.split()) > 1 or org in ruled) \
                and not name_words(org) <= name_words(c.speaker.name):
            known.setdefault(c.speaker.name, set()).add(org)
    return [c.model_copy(update={"speaker": c.speaker.model_copy(update={"organisation": next(iter(orgs))})})
            if not c.speaker.is_article and not c.speaker.organisation
            and len(orgs := known.get(c.speaker.name, set())) == 1 else c for c in claims]


# "A, adding B" / "A, and added that B": the source's second claim ("adding to pressure" adds no claim)
_ADDING = re.compile(r",\s+(?:and\s+)?(?:adding|added)(?:\s+that)?\s+(?!to\b|up\b|weight\b|fuel\b|insult\b)", re.I)


def _added_apart(d: dict) -> list[dict]:
    """A draft whose statement runs two claims together with ", adding" ("Forces have made gains in recent
    weeks, adding the operations have been confined to the region ...") as two drafts on the same evidence:
    each claim can then be checked, cited and matched on its own. A clause inside quotation marks or too
    short to be a claim stays where it is."""
    statement = " ".join((d.get("statement") or "").split())
    m = _ADDING.search(statement)
    if d.get("kind") == "instruction" or not m or _inside_quote(statement[:m.start()]):
        return [d]
    first, second = statement[:m.start()].rstrip(" ,;"), statement[m.end():].strip()
    if len(first.split()) < 4 or len(second.split()) < 4:
        return [d]
    first = first if first.endswith((".", "!", "?")) else first + "."
    second = second[:1].upper() + second[1:]
    return [{**d, "statement": first}, {**d, "statement": second}]


# "Analysts at Peel Hunt said A, while Jefferies said B": a second source's claim in a clause of its own
_WHILE_SAID = re.compile(r",\s+(?:while|whereas|but)\s+(?P<who>(?:[A-Z][\w&'’.-]*)(?:\s+(?:of\s+|&\s+)?[A-Z][\w&'’.-]*){0,4}|"
                         r"(?!(?:others|some|many|most|these|those|it|he|she|they|we)\b)"  # "security researchers"
                         r"(?:(?!(?:has|have|had|is|are|was|were|always|also|often|never|still)\b)[a-z]+\s+){0,2}"
                         r"[a-z]{2,}(?:ers|ors|ts|ns|als|ics))"  # people named by what they do, not "it has always"
                         r"\s+(?P<verb>said|says|told|estimated|estimates|expects|expected|forecast|warned|argued|"
                         r"predicted|thinks|believes)\b(?P<rest>.{12,})$")


# "Modeva said A, but security researchers said B": B's statement opens with the clause's own speaker
_OPENS_SAYING = re.compile(r"^(?P<who>(?:[\w'’.&-]+\s+){0,5}?[\w'’.&-]+)\s+(?P<verb>said|says|told|warned|argued|"
                           r"estimated|claimed|insisted|believed|believe|believes|countered)\b")
_CLAUSE_OPENERS = r"(?:,\s*(?:but|while|whereas|though|although|and)|;|\bbut)\s+"


def _clause_speaker(statement: str, evidence: str) -> str | None:
    """The speaker of a claim made in a later clause of its sentence ("..., but security researchers said the
    breach was likely much larger"), as the evidence writes it, when the statement opens with that clause's
    speaker and verb; the sentence's first speaker is not this claim's."""
    m = _OPENS_SAYING.match(statement)
    if not m:
        return None
    if m.group("who").lower() in PRONOUN_KINDS:
        return None  # "she said": the reading of the sentence knows who she is
    later = re.search(rf"{_CLAUSE_OPENERS}(?P<who>{re.escape(m.group('who'))})\s+(?:also\s+)?{m.group('verb')}\b",
                      evidence, re.I)
    return later.group("who") if later and not _inside_quote(evidence[:later.start()]) else None


# "Downdetector, a website that tracks outages, recorded more than 85,000 reports ..., and consumer group Fair
# Banking said ...": a first clause whose own subject records or counts, before another source's said-clause
_FIRST_CLAUSE = re.compile(rf"^(?:(?:But|And|Yet|Meanwhile,?)\s+)?(?P<first>(?P<who>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){{0,3}})(?:,[^,]{{3,80}},)?\s+"
                           r"(?:recorded|counted|logged|measured|registered|tracked|showed|found|detected)\b.+?)"
                           rf"{_CLAUSE_OPENERS}(?:[\w'’-]+\s+){{0,5}}?(?:{VERBS})\b", re.S)


# capitalised first words that are no source: what shows, not who counts ("Data showed ...", "In March ...")
_NOT_A_COUNTER = {"The", "A", "An", "It", "They", "He", "She", "We", "This", "These", "Those", "Data", "Figures", "Poll",
                  "Polls", "Test", "Tests", "Survey", "Surveys", "Result", "Results", "Record", "Records", "Images",
                  "Satellite", "Study", "Studies", "Research", "Analysis", "Report", "Reports", "Statistics", "Numbers",
                  "In", "On", "At", "By", "For", "From", "After", "Before", "During", "Since", "Last", "Monday's",
                  "Tuesday's", "Wednesday's", "Thursday's", "Friday's", "Saturday's", "Sunday's"}


def _before_later_speaker(statement: str, evidence: str) -> str | None:
    """The subject of a sentence's first clause that counts or records something, for a claim that restates
    only that clause: the said-clause after it speaks for its own words, not for this count."""
    m = _FIRST_CLAUSE.match(evidence)
    if m is None or m.group("who").split()[0] in _NOT_A_COUNTER:
        return None
    said, first, rest = content_words(statement), content_words(m.group("first")), content_words(evidence[m.end():])
    return m.group("who") if said and len(said & first) >= 0.8 * len(said) and len(said & rest) < 0.3 * len(said) \
        else None


def _while_apart(d: dict) -> list[dict]:
    """A draft whose statement gives a second source's claim in a clause of its own (", while Jefferies said
    its cash should last") as two drafts on the same evidence, the second that source's."""
    statement = " ".join((d.get("statement") or "").split())
    m = _WHILE_SAID.search(statement)
    if d.get("kind") == "instruction" or not m or _inside_quote(statement[:m.start()]) \
            or m.group("who").lower() in (d.get("speaker") or "").lower():
        return [d]
    first = statement[:m.start()].rstrip(" ,;")
    if len(first.split()) < 4:
        return [d]
    second = f"{m.group('who')[:1].upper()}{m.group('who')[1:]} {m.group('verb')}{m.group('rest')}"
    return [{**d, "statement": first + "."},
            {**d, "statement": second, "speaker": m.group("who"), "role": None, "organisation": None, "via": [],
             "clause_speaker": True}]


def _inside_quote(before: str) -> bool:
    return len(QUOTE_MARKS.findall(before)) % 2 == 1  # marks paired in order, as _scare_quotes_only pairs them


# "X rejected an accusation by its works council that it had opened talks ...": the accusation is the
# works council's claim, stated in the same sentence as the denial
_ACCUSED = re.compile(r"\b(?:denied|denies|rejected|rejects|dismissed|dismisses|disputed|disputes|refuted|refutes)\s+"
                      r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:accusations?|allegations?|claims?|reports?|suggestions?|"
                      r"assertions?|charges?)\s+(?:by|from)\s+(?P<who>[^,;:\"“”]{2,60}?)\s+that\s+(?P<what>[^\"“”]{8,}?)"
                      r"\s*[.!]?$", re.I)
_OWN_PRONOUN = re.compile(r"^(?:its|their|his|her)\s+", re.I)
_SUBJECT_PRONOUN = re.compile(r"^(?:it|they|he|she)\s+", re.I)


def _said_by_rule(statement: str, who: str, kind: str, c: Claim) -> Claim:
    """Another source's claim that c's sentence tells of, stated by rule on c's evidence, unhedged."""
    return Claim(id="", statement=statement, speaker=Speaker(name=who, is_article=False), attribution=[], kind=kind,
                 quantities=quantities(statement), certainty=Certainty(hedged=False, hedge_words=[],
                                                                      level=certainty_level([])),
                 time=time_of(statement, c.evidence[0].text), evidence=c.evidence[:1], origin="rule")


def _with_accusations(claims: list[Claim]) -> list[Claim]:
    """Each denial that names its accuser and what they say ("rejected an accusation by its works council
    that it had opened talks ...") also yields the accuser's claim, by rule, just before the denial: one
    side of the dispute is not hidden inside the other side's sentence. Ids are renumbered in order."""
    out: list[Claim] = []
    for c in claims:
        m = None if c.speaker.is_article or c.kind == "instruction" else _ACCUSED.search(c.evidence[0].text)
        if m and not any(o.origin == "rule" and o.evidence[0].sentence_id == c.evidence[0].sentence_id for o in out):
            who = _OWN_PRONOUN.sub("the ", m.group("who").strip())
            what = _SUBJECT_PRONOUN.sub(c.speaker.name + " ", m.group("what").strip())
            what = what[:1].upper() + what[1:].rstrip(".") + "."
            out.append(_said_by_rule(what, who, "fact", c))
        out.append(c)
    return [c.model_copy(update={"id": f"C{k}"}) for k, c in enumerate(out, 1)]


_FRAME_LEAD = re.compile(rf"^.{{0,80}}?\b(?:{VERBS})\s+(?:that\s+)?", re.I)


def _with_denials_after(claims: list[Claim]) -> list[Claim]:
    """A claim followed by another source's denial of it ("Organisers said dozens were hurt, a claim the
    ministry rejected as 'fabricated'") also yields that denial, by rule, just after it; the denier is named
    as the article names it elsewhere ("the ministry" -> "the Interior Ministry" when one speaker ends so)."""
    out: list[Claim] = []
    for c in claims:
        out.append(c)
        text = c.evidence[0].text
        m = None if c.kind == "instruction" else DENIED_AFTER.search(text)
        if not m or any(o.origin == "rule" and o.kind == "denial" and o.evidence == c.evidence for o in out):
            continue
        who = m.group("who").strip()
        head = who.split()[-1].lower()
        fuller = {o.speaker.name for o in claims if not o.speaker.is_article
                  and o.speaker.name.split()[-1].lower() == head and o.speaker.name.lower() != who.lower()}
        who = fuller.pop() if len(fuller) == 1 else who
        if c.speaker.name.lower() == who.lower() or who.lower() in PRONOUN_KINDS:  # "which he denied": whose?
            continue
        what = _FRAME_LEAD.sub("", text[:m.start()]).strip()
        statement = (f"{who[:1].upper()}{who[1:]} {m.group('verb')} the {m.group('noun') or 'claim'} that {what}"
                     f"{m.group('rest').rstrip()}.")
        out.append(_said_by_rule(statement, who, "denial", c))
    return out


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


def _in_text(value: str, text: str) -> bool:
    """Every word of value occurs in text as a word (a plural or possessive ending aside): a role or relay
    the model made up is not kept, nor "Martin Keller's law firm" because the article has "lawyer"."""
    text = text.lower()
    words = re.findall(r"[^\W_]{2,}", value.lower())
    return bool(words) and all(re.search(rf"\b{re.escape(w)}(?:e?s|['’]s?)?\b", text) for w in words)


def _described(value: str | None, speaker: str, evidence: str, doc: Document) -> str | None:
    """A role or organisation the model gave a speaker, kept only where the article gives it to them: in
    the claim's evidence or in a sentence that names the speaker ("Finance Minister Dalibor Kesić", not
    the central bank two paragraphs up)."""
    value = _clean(value)
    if not value:
        return None
    name = re.sub(r"^(?:the|a|an)\s+", "", speaker.lower())
    words = speaker.split()
    # a person named by surname alone ("Kesić said") is still named; a common noun ("the agency's total"
    # in the governor's sentence) names no one
    last = words[-1].lower() if words and words[-1][:1].isupper() and len(words[-1]) > 3 else None
    naming = [s.text for s in doc.sentences if name in s.text.lower() or last and last in s.text.lower()]
    return value if any(_in_text(value, t) for t in [evidence, *naming]) else None


def _role(value: str | None, speaker: str, evidence: str, doc: Document) -> str | None:
    """The speaker's role, as _described, and standing next to their name somewhere (not "first officers",
    the people the association speaks of, in "It said the airline had told 140 first officers ...")."""
    value = _described(value, speaker, evidence, doc)
    if value and re.fullmatch(r"(?:[\w-]+-)?[a-z]+ed", value.strip()):
        return None  # a verb of the sentence ("which part-funded the research"), not what the speaker is
    words = " ".join(w for w in re.findall(r"[^\W_]+", value or "") if len(w) > 3)  # "of", "the" may be the model's
    return value if value and _near(words or value, speaker, [evidence, *(x.text for x in doc.sentences)]) else None


def _employer(value: str | None, speaker: str, evidence: str, doc: Document, via: list[str],
              publisher: str | None) -> str | None:
    """The speaker's organisation, as _described, but never the outlet they spoke to ("a company
    spokeswoman told AFP": AFP relays her words, it does not employ her) nor the article's publisher."""
    value = _described(value, speaker, evidence, doc)
    if value and not _near(value, speaker, [evidence, *(x.text for x in doc.sentences)]):
        return None  # named in the sentence, but not as the speaker's: "talks to sell the plant to carmaker Z"
    if value and kind_of(value) == "outlet" and any(
            outlet_key(value) == outlet_key(v) for v in [*via, *([publisher] if publisher else [])]):
        return None
    return _body_of(value, speaker, [evidence, *(x.text for x in doc.sentences)]) if value else value


# "a company spokeswoman", "the firm's chief executive": the company the story is about, named before
_COMPANY_VOICE = re.compile(r"^(?:a|an|the)\s+(?:company|firm)(?:'s|’s)?\s+(?:spokes(?:man|woman|person)|official|"
                            r"representative|chief executive|executive)$", re.I)


# a name inside a sentence that is no day, month or people's adjective
_OTHER_NAME = re.compile(r"(?<=[a-z,] )(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                         r"March|April|May|June|July|August|September|October|November|December)\b)"
                         r"(?![A-Z][a-z]+(?:an|ese|ish|ic)\s+[a-z])[A-Z][a-z]+")  # "seven German factories": no name


def _company_of(speaker: str | None, sentence_id: str, doc: Document, readings: dict[str, Reading]) -> str | None:
    """The organisation of a speaker named only as the company's ("a company spokeswoman"): the nearest
    organisation that spoke before in the article ("Southfield Water rejected the findings."). A speaker
    introduced as "Its spokeswoman, Lena Morva," speaks for the organisation of the sentence or two before
    ("The Northern Front denied firing first."), a public body too; "Chief executive Joost Verhaegen" for the
    company of the sentence or two before."""
    if not speaker:
        return None
    before = [s.id for s in doc.sentences[:int(sentence_id[1:]) - 1]][::-1]
    text = doc.sentence(sentence_id).text
    if re.match(rf"(?:Its|Their)\s+(?:[a-z][\w'’-]*\s+){{0,3}}?(?:{OFFICERS})\b,?\s+{re.escape(speaker)}\b", text):
        # "The regulator said Southfield Water had polluted the river. Its chief executive ...": "Its" may be
        # the company the regulator spoke of
        body = _recent_body(before[:2], doc, readings, A_BODY, lambda s: s.kind == "organisation" or s.kind == "name" and (
            s.name.lower().startswith("the ") or len(s.name.split()) == 1))
        return re.sub(r"^The\b", "the", body) if body else None
    if re.search(rf"\b(?:{CORPORATE_ROLES})\s+{re.escape(speaker)}\b", text, re.I):
        # "Chief executive Joost Verhaegen said" just after "Carrow ... said": Carrow's chief executive, unless
        # that sentence names another ("Jefferies said the recall would cost Carrow ...")
        return _recent_body(before[:2], doc, readings, _OTHER_NAME, lambda s: s.kind in ("organisation", "name")
                            and not NOT_COMPANY.search(s.name) and s.name != speaker
                            and (s.kind == "organisation" or len(s.name.split()) == 1))
    if not _COMPANY_VOICE.match(speaker):
        return None
    return next((r.speaker.name for r in (readings.get(i) for i in before) if r is not None and r.speaker is not None
                 and r.speaker.kind in ("organisation", "name") and not _COMPANY_VOICE.match(r.speaker.name)
                 and not NOT_COMPANY.search(r.speaker.name)), None)


def _recent_body(before: list[str], doc: Document, readings: dict[str, Reading], another: re.Pattern,
                 fits: Callable[[Source], bool]) -> str | None:
    """The first source that `fits` among the sentences `before`, unless what its sentence says after naming it
    names `another` body, which the speaker might speak for instead."""
    found = next(((i, r.speaker.name) for i, r in ((i, readings.get(i)) for i in before) if r is not None
                  and r.speaker is not None and fits(r.speaker)), None)
    if found is None:
        return None
    said = doc.sentence(found[0]).text
    rest = said[said.find(found[1]) + len(found[1]):] if found[1] in said else said
    return None if another.search(rest) else found[1]


# a body of an organisation ("Heldmann's general works council", "the airline's pilots' union"): not the
# organisation itself, whose words it opposes
_BODY = r"(?:works council|council|union|board|committee|association|federation|panel|staff)"


def _body_of(value: str, speaker: str, texts: list[str]) -> str:
    """The organisation as the article gives it next to the speaker: 'Heldmann' becomes "Heldmann's general
    works council" when that is what the speaker chairs."""
    if value.lower() in speaker.lower() or speaker.lower() in value.lower():
        return value  # the organisation speaks itself ("Heldmann rejected an accusation by its works council")
    rx = re.compile(re.escape(value) + rf"['’]s?\s+(?:[\w'’-]+\s+){{0,3}}?{_BODY}\b", re.I)
    key = speaker.split()[-1] if speaker.split() else speaker
    for text in texts:
        for m in re.finditer(re.escape(key), text):
            body = rx.search(text[max(0, m.start() - NEAR):m.end() + NEAR])
            if body:
                return body.group()
    return value


NEAR = 100  # characters between a speaker's name and the organisation the article gives them


def _near(value: str, speaker: str, texts: list[str]) -> bool:
    """The organisation stands next to the speaker's name somewhere ("Sabine Krell, who chairs Heldmann's
    general works council", "Lena Brand, chief executive of Voss"), not only somewhere in the sentence.
    A speaker the texts never name (a pronoun's) keeps what _described allowed."""
    name = re.sub(r"^(?:the|a|an)\s+", "", speaker.lower()).strip()
    last = speaker.split()[-1].lower() if speaker.split() and speaker.split()[-1][:1].isupper() else None
    named = False
    for text in texts:
        low = text.lower()
        for key in dict.fromkeys(k for k in (name, last) if k and len(k) > 3):
            for m in re.finditer(re.escape(key), low):
                named = True
                if _in_text(value, text[max(0, m.start() - NEAR):m.end() + NEAR]):
                    return True
    return not named


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value if value and value.lower() not in {"null", "none", "n/a", "unknown"} else None
