"""A model's draft read clause by clause: "A, adding B" and "A, while Jefferies said B" become two claims; a claim
made in a later clause keeps that clause's speaker; and another source's words that a sentence tells of (an
accusation its denial names, a denial told after a claim: "..., a claim the ministry rejected") become that
source's claims, stated by rule."""

from __future__ import annotations

import re

from summarizer.analysis.denials import DENIED_AFTER
from summarizer.analysis.figures import quantities
from summarizer.analysis.hedges import certainty_level
from summarizer.analysis.reported import PRONOUN_KINDS, QUOTE_MARKS, VERBS
from summarizer.analysis.times import time_of
from summarizer.analysis.words import content_words
from summarizer.models import Certainty, Claim, Speaker


# "A, adding B" / "A, and added that B": the source's second claim ("adding to pressure" adds no claim)
_ADDING = re.compile(r",\s+(?:and\s+)?(?:adding|added)(?:\s+that)?\s+(?!to\b|up\b|weight\b|fuel\b|insult\b)", re.I)


def added_apart(d: dict) -> list[dict]:
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
                         r"[a-z]{2,}(?:ers|ors|ts|ns|als|ics|esses))"  # people named by what they do, not "it has always"
                         r"\s+(?P<verb>said|says|told|estimated|estimates|expects|expected|forecast|warned|argued|"
                         r"predicted|thinks|believes)\b(?P<rest>.{12,})$")


# "Modeva said A, but security researchers said B": B's statement opens with the clause's own speaker
_OPENS_SAYING = re.compile(r"^(?P<who>(?:[\w'’.&-]+\s+){0,5}?[\w'’.&-]+)\s+(?P<verb>said|says|told|warned|argued|"
                           r"estimated|claimed|insisted|believed|believe|believes|countered)\b")
_CLAUSE_OPENERS = r"(?:,\s*(?:but|while|whereas|though|although|and)|;|\bbut)\s+"


def clause_speaker(statement: str, evidence: str) -> str | None:
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


def before_later_speaker(statement: str, evidence: str) -> str | None:
    """The subject of a sentence's first clause that counts or records something, for a claim that restates
    only that clause: the said-clause after it speaks for its own words, not for this count."""
    m = _FIRST_CLAUSE.match(evidence)
    if m is None or m.group("who").split()[0] in _NOT_A_COUNTER:
        return None
    said, first, rest = content_words(statement), content_words(m.group("first")), content_words(evidence[m.end():])
    return m.group("who") if said and len(said & first) >= 0.8 * len(said) and len(said & rest) < 0.3 * len(said) \
        else None


def while_apart(d: dict) -> list[dict]:
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


def with_accusations(claims: list[Claim]) -> list[Claim]:
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


# "Police said", "Police said on Sunday that", "Officials told reporters late on Monday that"
_FRAME_LEAD = re.compile(rf"^.{{0,80}}?\b(?:{VERBS})\s+(?:(?:(?:late|early)\s+)?on\s+(?-i:[A-Z])\w+\s+|(?:last|this)\s+"
                         r"(?:week|month|year|(?-i:[A-Z])\w+)\s+|(?:earlier|yesterday|today)\s+)?(?:that\s+)?", re.I)


def with_denials_after(claims: list[Claim]) -> list[Claim]:
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
