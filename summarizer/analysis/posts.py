"""Rows over whether someone keeps a post: a source's call for a person to step aside, resign or be sacked against
another source's word that the same person stays (keeps the government's confidence, will not resign). One of the
disagreement rules of conflicts.py."""

from __future__ import annotations

import re

from summarizer.analysis.speakers import same_source
from summarizer.analysis.vocabulary import PERSON_ROLES
from summarizer.analysis.words import STOP
from summarizer.models import Claim

# a call for someone to leave a post ("Teixeira should step aside", "called for his resignation", "his position is
# untenable") and another source's word that they stay ("the minister retained the government's confidence", "she
# would not step down"), about the same person: the two sides of a row over whether someone keeps a post
_DEPART = (r"(?:step(?:ping)?\s+(?:aside|down)|stand(?:ing)?\s+(?:aside|down)|resign(?:ing)?|quit(?:ting)?)"
           r"(?!\s+(?:from|the|his|her|their|its|my|our|smoking|drinking|\w+ing)\b)")  # not "quit smoking", "quit the EU"
_WHO = r"(?P<who>(?:[\w’'-]+\s+){0,3}?[\w’'-]+)"  # the few words before the verb: its subject
# whom someone backs: a pronoun on its own ("stood by her", not "her remarks"), "the" and up to three words before a
# preposition ("the party leader"), or a capitalised name
_WHOM = (r"(?:him|her|them)(?!\s+[a-z])|the\s+(?:(?!(?:at|in|on|for|of|to|and|but|after|before|during|over|with|as)\b)"
         r"[\w-]+\s*){1,3}|(?-i:[A-Z])[\w-]+(?:\s+(?-i:[A-Z])[\w-]+)*")
_GO = [re.compile(p, re.I) for p in (
    rf"\b{_WHO}\s+(?:should|must|ought\s+to)\s+(?:immediately\s+|now\s+)?(?:{_DEPART}|be\s+(?:sacked|fired|dismissed|"
    r"removed|replaced|suspended)\b)",
    rf"\b(?:call(?:s|ed|ing)?\s+on|urg(?:es|ed|ing)|press(?:es|ed|ing)?|ask(?:s|ed|ing)|call(?:s|ed|ing)?\s+for|time\s+for)"
    rf"\s+{_WHO}\s+to\s+(?:{_DEPART}|go\b)",
    r"\b(?:should|must)\s+(?:sack|fire|dismiss|remove|replace)\s+(?P<who>(?:the\s+)?(?:[\w’'-]+\s+){0,2}?[\w’'-]+)",
    r"\b(?:call(?:s|ed|ing)?\s+for|demand(?:s|ed|ing)?|seek(?:s|ing)?|sought|want(?:s|ed)?)\s+(?P<who>his|her|the\s+"
    r"(?:[\w-]+\s+){0,2}?[\w-]+[’']s|(?-i:[A-Z])[\w-]+(?:\s+(?-i:[A-Z])[\w-]+)*[’']s)\s+(?:immediate\s+)?(?:resignation|removal|"
    r"dismissal|sacking|ouster|departure|head)\b",
    r"\b(?P<who>his|her|the\s+(?:[\w-]+\s+){0,2}?[\w-]+[’']s|(?-i:[A-Z])[\w-]+[’']s)\s+position\s+(?:(?:is|was|had\s+become|"
    r"has\s+become|as)\s+)?[\"'“‘]?untenable")]
# what makes a call no call: rejected or faced ("dismissed calls for her resignation"), asked about, long past
_NOT_A_CALL = re.compile(r"\b(?:fac(?:e|es|ed|ing)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|resist(?:s|ed|ing)?|"
                         r"defie[sd]|defy(?:ing)?|ignor(?:es|ed|ing)|brush(?:es|ed)?\s+off|shrug(?:s|ged)?\s+off|amid|"
                         r"despite|whether|nobody|no\s+one|not|then|in\s+\d{4})\b[^.;]{0,50}$", re.I)
_IF = re.compile(r"^[^,;.]{0,60}?\b(?:if|unless|once)\b", re.I)
_STAY = [re.compile(p, re.I) for p in (
    rf"\b{_WHO}\s+(?:retain(?:s|ed)?|ha[sd]|enjoy(?:s|ed)?|keep(?:s)?|kept|still\s+ha[sd])\s+(?:the\s+)?"
    rf"(?P<mod>(?:[\w’'-]+\s+){{0,3}}?)(?:confidence|support|backing)\b(?!\s+(?:that|vote|motion)\b)"
    rf"(?:\s+in\s+(?P<whom>{_WHOM}))?",  # (the confidence "of" someone is who gives it)
    rf"\b(?:express(?:es|ed)|(?:full|complete|total|unwavering|continued))\s+(?P<mod>)(?:confidence|support|backing)\s+"
    rf"(?:in|for|to)\s+(?P<whom>{_WHOM})",
    rf"\b(?:backed|backs|back|stood\s+by|stands\s+by|stand\s+by)\s+(?P<whom>{_WHOM})",
    rf"\b{_WHO}\s+(?:will|would|is|was)\s+not\s+(?:be\s+)?{_DEPART}",
    rf"\b{_WHO}\s+(?:ha[sd]|have)\s+no\s+(?:plans?|intention)\s+(?:to|of)\s+{_DEPART}",
    rf"\b{_WHO}\s+(?:refus(?:es|ed)|declin(?:es|ed))\s+to\s+{_DEPART}",
    rf"\b{_WHO}\s+(?:reject(?:s|ed)|dismiss(?:es|ed)|brushed\s+off|resist(?:s|ed))\s+(?:the\s+|growing\s+|opposition\s+)*"
    r"(?:calls|demands)\s+(?:for\s+(?:his|her|their)\s+resignation|to\s+(?:resign|quit|step\s+down))",
    rf"\b{_WHO}\s+(?:will|would)\s+(?:serve\s+out\s+(?:his|her|their)\s+term|remain\s+in\s+(?:post|office))",
    rf"\b{_WHO}\s+(?:is|was)\s+going\s+nowhere")]
_DOUBT = re.compile(r"\b(?:no|lost|losing|little|less|any|waning|eroded|without|not)\b", re.I)
_PRONOUNS = {"he", "she", "him", "his", "her", "they", "them", "their"}
_SAYING = re.compile(r"\b(?:said|says|say|that|argued|argues|told|tells|believes?|believed|thinks?|thought|added)\b", re.I)


def _person(words: str | None, speaker: Claim | None = None, named: bool = False) -> set[str]:
    """Who a call or a word of backing is about, as words: a name's words, a role's and, unless only a name or a
    role will do (`named`), the last noun when it is one person ("the headteacher", not "smokers"); a pronoun as
    itself, or as the speaker's own name when `speaker` speaks of themselves ("Grant Shapps said he would not
    resign")."""
    if not words:
        return set()
    words = _SAYING.split(re.sub(r"[’']s?\b", "", words))[-1]  # "Pundits said the coach": the coach
    found = re.findall(r"[\w-]+", words)
    out = {w.lower() for w in found if w.lower() in _PRONOUNS or w[:1].isupper() or PERSON_ROLES.fullmatch(w)}
    last = found[-1].lower() if found else ""
    if not named and last not in STOP and (not last.endswith("s") or last.endswith("ss")):
        out.add(last)
    if speaker is not None and out & {"he", "she"} and not speaker.speaker.is_article:
        out = _person(" ".join(filter(None, (speaker.speaker.role, speaker.speaker.name))))
    return out - {"the", "a", "an"}


def _called(c: Claim) -> set[str] | None:
    """Whom a claim calls on to leave a post (their words; a pronoun as itself), or None."""
    for m in (m for p in _GO for m in p.finditer(c.statement)):
        before, after = c.statement[:m.start()], c.statement[m.end():]
        if _NOT_A_CALL.search(before[-60:] + " " + " ".join(m.group(0).split()[:-3])) or _IF.match(after):
            continue
        return _person(m.group("who"))
    return None


def _backed(c: Claim) -> set[str] | None:
    """Whom a claim says keeps a post (their words), or None."""
    for m in (m for p in _STAY for m in p.finditer(c.statement)):
        groups = m.groupdict()
        if groups.get("mod") and _DOUBT.search(groups["mod"]):  # "had lost confidence in", "no confidence"
            continue
        whom = groups.get("whom")  # a person backed by name or role, not "the restructuring plan"
        if who := (_person(whom, c, named=True) if whom else _person(groups.get("who"), c)):
            return who
    return None


def _same_person(a: set[str], b: set[str], text: str) -> bool:
    """Two mentions are of one person: a pronoun (he, her: the person the row is about), a shared word of a name or
    a role, or a name and a role the article gives together ("Infrastructure Minister Joao Teixeira")."""
    if a & _PRONOUNS or b & _PRONOUNS or a & b:
        return True
    roles = [{w for w in x if PERSON_ROLES.fullmatch(w)} for x in (a, b)]
    for name, role in ((a - roles[0], roles[1]), (b - roles[1], roles[0])):
        for n in name:
            for r in role:
                if re.search(rf"\b(?i:{r})\s+(?:[A-Z][\w’'-]+\s+){{0,3}}?(?i:{n})\b|\b(?i:{n}),\s+(?:the|a|an)\s+"
                             rf"(?:[\w-]+\s+){{0,3}}?(?i:{r})\b", text):
                    return True
    return False


def stay_or_go(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A source's call for someone to leave a post against another source's word, in the same article, that the
    same person keeps it: "Teixeira should step aside while the investigation continues" / "the minister
    retained the government's confidence" (the article calls him Infrastructure Minister Joao Teixeira)."""
    text = " ".join(dict.fromkeys(e.text for c in claims for e in c.evidence))
    go = [(c, who) for c in claims if not c.speaker.is_article and (who := _called(c)) is not None]
    stay = [(c, who) for c in claims if not c.speaker.is_article and (who := _backed(c)) is not None]
    return [tuple(sorted((a, b), key=lambda x: order[x.id])) for a, x in go for b, y in stay
            if a is not b and a.article == b.article and not same_source(a, b) and _same_person(x, y, text)]
