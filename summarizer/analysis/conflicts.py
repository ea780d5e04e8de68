"""Disagreements between sources, by rule; a real disagreement has two sources and either different
figures for the same counted thing (figures.measure decides what a figure counts) or opposite
assertions: a claim that opens by contrasting the one before it ("On the other hand, ..."), a denial and the
claim it denies (denials.py reads those), an account answered by another source's ("the federation's count
included rafts harvested early"). `candidates` lists the pairs, `groups` merges them into disagreements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from summarizer.analysis.denials import CONDITIONAL, answered_denials, never_did, no_loss, ruled_out, sentence_no
from summarizer.analysis.fidelity import name_words
from summarizer.analysis.figures import CASES, CURRENCIES, PEOPLE, TROOPS, event_of, has_count, measure
from summarizer.analysis.posts import stay_or_go
from summarizer.analysis.reported import VERBS, kind_of
from summarizer.analysis.speakers import same_source, speaker_text
from summarizer.analysis.vocabulary import OFFICIAL, PRESS
from summarizer.analysis.words import RELATED, STOP, content_words, dice, unnamed
from summarizer.models import Claim, Quantity

_OPENER = re.compile(r"^\W*(on the other hand|however|but|in contrast|by contrast|meanwhile,? .{0,40}denied|"
                     r"contrary to)\b", re.I)


# labels of events: figures for them are comparable whatever else the two claims say
_EVENTS = {"casualties", "killed", "wounded", "missing", "displaced", "arrested", "jobs cut", "troops sent",
           "additional troops", "troops", "turnout"}
FRAMED = 2  # content words two claims share, names aside, after a sentence that announces the next source
# sees it otherwise: the subject ("food ... shock"), not a hospital named in passing
# a figure in a condition ("If you cut 4,800 jobs, ...") is not anyone's account of that figure
_CONDITION = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but)\s+)(?:even\s+)?(?:if|unless|should|were)\s+(?:[^,;:]|,(?=\d))*$", re.I)
# a figure the claim measures its own against: "a fraction of the $215 billion ... the UN estimates is needed"
_YARDSTICK = re.compile(r"\b(?:a\s+(?:fraction|sliver|tenth|quarter|third|half)\s+of|compared\s+(?:with|to))\s+"
                        r"(?:the\s+|an?\s+)?(?:estimated\s+)?"
                        r"(?:\S*\d\S*(?:\s+(?:million|billion|trillion))?\s+(?:to|and)\s+)?$", re.I)  # (a range's end too)


# an amount one side asks for and another offers ("asked for 45 million euros" / "would make 12 million euros
# available"): two accounts of what is needed, whatever each clause counts
_DEMAND = re.compile(r"\b(?:ask(?:s|ed|ing)? for|demand(?:s|ed|ing)?|call(?:s|ed|ing)? for|seek(?:s|ing)?|sought|"
                     r"request(?:s|ed|ing)?|want(?:s|ed)?)\b", re.I)
_OFFER = re.compile(r"\b(?:offer(?:s|ed|ing)?|mak(?:e|es|ing)\b.{0,40}\bavailable|made\b.{0,40}\bavailable|pledg\w*|"
                    r"promis\w*|allocat\w*|earmark\w*|set(?:s|ting)? aside|grant(?:s|ed)?|approv\w*|provid\w*)\b", re.I)
# a sentence that says the sources after it see things otherwise than those before it ("Private forecasters
# are less optimistic.", "Economists disagree.")
_FRAMING = re.compile(r"\b(?:are|is|were|was|seem|seems|appear|appears)\s+(?:far\s+|much\s+|rather\s+|a lot\s+)?"
                      r"(?:less|more)\s+(?:optimistic|pessimistic|sanguine|upbeat|confident|cautious|gloomy|hopeful|"
                      r"sceptical|skeptical|doubtful)\b|\b(?:disagree|disagrees|take a (?:different|dimmer|gloomier|"
                      r"rosier|more \w+) view|(?:are|is) not convinced|beg to differ)\b", re.I)
# a claim about another source's count or method ("the federation's count included rafts harvested early",
# "the department's inspectors had visited fewer than 300 rafts"): one account answering the other
_THEIR_COUNT = re.compile(r"\b(?P<owner>(?:[\w’'-]+\s+)?[\w’'-]+?)(?:'s?|’s?)\s+(?:own\s+)?(?:count|counts|figures?|"
                          r"estimates?|tally|tallies|numbers|data|inspectors|survey|sampling|methodology|method|"
                          r"forecasts?|projections?|calculations?)\b", re.I)
# another source's way of counting, told as what it does: "The government is counting only direct sales",
# "Police counted only people inside the square"
_COUNTING = re.compile(r"[\"“]?(?P<owner>(?:the\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+(?:(?:is|are|was|were|has|have|had)"
                       r"\s+(?:been\s+)?)?(?:only\s+(?:counting|counted|counts|includ(?:ing|ed|es))\b|"
                       r"(?:counting|counted|counts|includ(?:ing|ed|es))\s+only\b)", re.I)  # (not "had ignored warnings")
_STATE_OWNER = re.compile(r"(?:the\s+)?(?:government|authorities|officials|ministry|state)", re.I)


def _speaks_for_state(c: Claim) -> bool:
    """A minister, a ministry or a government official speaks for the government."""
    who = speaker_text(c)
    return bool(re.search(r"\bminister\b", who, re.I) or OFFICIAL.search(who))


# a concession and a turn: "the caps could lower the rate for a few months but were likely to be followed
# by a jump": an answer to another source's claim on the same thing
_CONCEDES = re.compile(r"\b(?:could|may|might|would|will)\b[^.;]{3,120}?,?\s+but\s+(?:\w+\s+){0,4}?"
                       r"(?:likely|probably|would|will|could|may|might|is|are|was|were|risks?)\b", re.I)
_DETERMINERS = ("the", "its", "their", "his", "her")
_APPROVES = re.compile(r"\b(?:realistic|accurate|correct|plausible|reliable|credible|confirm\w*|agree\w*|"
                       r"consistent|in line|thorough|rigorous|sound|robust|best)\b", re.I)


@dataclass(frozen=True)
class Candidate:
    kind: str  # "figures" or "assertions"
    topic: str
    a: Claim
    b: Claim


_FORECAST = re.compile(r"\b(will|would|expects?|expected|forecasts?|projected|projects|predicts?|predicted|"
                       r"likely(?!\s+(?:above|below|over|under|higher|lower|closer|nearer|more|fewer|less|at least|"
                       r"around|about|\d))|outlook|at risk|by the end of|next (?:week|month|year))\b", re.I)
# ("was likely above 500" is a hedged account of a figure that is, not a forecast)


def _figures(a: Claim, b: Claim, counts: dict[str, list[tuple[float, str | None]]],
             referring: dict[str, str] | None = None) -> str | None:
    """The label of a counted thing both claims give different figures for, both as what is or both as
    what will be: September's rate and a forecast for the summer are not two accounts of one figure.
    `counts` holds each claim's asserted figures as (value, what it counts); `referring` maps a claim that
    named its figure's thing by pointing back ("puts the figure at about 5,500") to the claim it points to."""
    referring = referring or {}
    pointed = referring.get(a.id) == b.id or referring.get(b.id) == a.id  # "put the annual loss at up to A$1.1
    # billion" answers "would cost exporters about A$400 million a year", forecast or not
    if not pointed and bool(_FORECAST.search(a.statement)) != bool(_FORECAST.search(b.statement)):
        return None
    for value, label in counts[a.id]:
        if not label:
            continue
        named = label.startswith("% ") and " " in label  # a share of a named thing ("% inflation")
        if label.split(" (")[0] not in _EVENTS and not label.split(" (")[0].endswith(" reported") and not named \
                and not pointed \
                and dice(a.statement, b.statement) < RELATED:
            continue  # a bare unit or a share: only comparable when the claims speak of the same thing
        if any(other == label and v != value and not _within(v, a) and not _within(value, b)
               and (pointed or not _other_things(a, value, b, v)) for v, other in counts[b.id]):
            return label
    return None


def _within(value: float, c: Claim) -> bool:
    """The value lies in a range the claim gives ("between 8 and 10 billion euros" holds "about 10 billion")."""
    qs = c.quantities
    return any(x.qualifier == y.qualifier and x.qualifier in ("between", "from", "to") and x.value <= value <= y.value
               for x, y in zip(qs, qs[1:]))


# nouns that count anyone: "23 people" and "27 dead", troops and soldiers may be one count
_ANYONE = {"dead", "victims", "bodies", "corpses", *PEOPLE, *TROOPS}


def _disease(c: Claim, v: float) -> str | None:
    """What a count of cases is of: the word before it ("1,240 suspected cholera cases" -> "cholera") or after
    it ("40 cases of burglary", "400 patients for injuries"), if any."""
    q = next((q for q in c.quantities if q.value == v and q.unit and q.unit.lower() in CASES), None)
    if q is None:
        return None
    at = c.statement.find(q.text)
    after = re.match(r"\s+(?:of|with|for)\s+([A-Za-z][\w-]*)", c.statement[at + len(q.text):]) if at >= 0 else None
    if after:
        return re.sub(r"[^a-z]", "", after.group(1).lower())
    words = [re.sub(r"[^a-z]", "", w.lower()) for w in re.findall(r"[A-Za-z][\w-]*", q.text)[:-1]]
    words = [w for w in words if w not in ("suspected", "confirmed", "new", "more", "than", "about", "some", "over",
                                           "nearly", "almost", "around", "at", "least", "up", "to", "million",
                                           "thousand", "probable", "likely", "reported")]
    return words[-1] if words else None


def _other_things(a: Claim, x: float, b: Claim, y: float) -> bool:
    """The two figures count different things: a figure's own noun ("140 first officers") is not what the
    other claim speaks of ("about 1,200 jobs"), even when both are job cuts. Nouns that count anyone, money,
    shares and the event itself ("5,000 casualties" against "4,000 killed or injured") leave it open."""
    sick = [_disease(c, v) for c, v in ((a, x), (b, y))]
    if all(sick) and sick[0] != sick[1]:
        return True  # "1,240 cholera cases" are not "300 measles cases"
    for c, v, other in ((a, x, b), (b, y, a)):
        unit = next((q.unit for q in c.quantities if q.value == v), None)
        word = unit.lower().split()[-1] if unit and unit.split() else ""
        if word in CASES:
            continue  # cases, patients and infections of one outbreak: one count of the sick
        if not word or word in _ANYONE or word.upper() in CURRENCIES or not word.isalpha() or event_of(word):
            continue
        stem = word.removesuffix("s")[:4]
        if not any(w.startswith(stem) for w in content_words(other.statement)):
            return True
    return False


# "The health board puts the figure at about 5,500": a figure for the thing the figure before it counts
_POINTED = re.compile(r"\b(?:(?:puts?|putting|places?|placed|estimates?|estimated|gives?|gave)\s+(?:the|that|this|its|their)\s+"
                      r"(?:annual\s+|total\s+|overall\s+|yearly\s+|monthly\s+)?"
                      r"(?:figure|number|total|tally|count|toll|[a-z]+ing|[a-z]+ion|rate|effect|gain|loss|drop|rise|"
                      r"fall|increase|decrease|reduction|cut)(?:\s+of\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?\s+(?:at|as)|"
                      # "put the slowing at about 22%", "put the number of strikers at 1,600"
                      # "said the real figure was likely above 500"
                      r"(?:the|its|their)\s+(?:real|actual|true|final|correct)\s+(?:figure|number|total|tally|count|toll|"
                      r"rate(?:\s+of\s+[a-z]+)?)"
                      r"\s+(?:was|is|were|are|would be|could be|will be|may be|might be)(?:\s+(?:likely|probably|possibly))?"
                      r"(?:\s+(?:above|over|below|under|at|closer to|nearer|as high as|at least))?)"
                      r"\s+(?:about|around|roughly|nearly|almost|only|just|some|more than|fewer than|less than|over|under|"
                      r"up to)?\s*$",
                      re.I)


# "Cole said the officer fired two shots. A neighbour said she heard at least five.": a figure whose noun is left
# out, at the end of what a witness heard, saw or counted, or of "there were ..." (not "began at around 10", "had
# lost only three", "would rehire more than 50")
_PERCEIVED = re.compile(r"\b(?:heard|hear|hears|saw|see|sees|seen|counted|count|counts|noticed|spotted|witnessed|"
                        r"there\s+(?:were|was|are|is|had\s+been|have\s+been|has\s+been))\s+"
                        r"(?:(?:at\s+least|at\s+most|only|just|no\s+more\s+than|more\s+than|fewer\s+than|as\s+many\s+as|"
                        r"nearly|almost|about|around)\s+)?$", re.I)


def _elided(c: Claim, q: Quantity, at: int) -> bool:
    """The figure `q` of claim `c` (at offset `at` of its statement) counts what the figure of another source
    just before counts, left unsaid: "heard at least five.", "there had been only one." (not "the only one")."""
    before, after = c.statement[:at], c.statement[at + len(q.text):]
    return q.unit is None and not c.speaker.is_article and re.match(r"\s*(?:[.;,]|$)", after) is not None \
        and bool(_PERCEIVED.search(before)) \
        and not re.search(r"\b(?:the|a|an|any|every|each|no)\s+(?:only\s+)?$", before, re.I)


def _answer_elided(before: list[Claim], c: Claim, q: Quantity,
                   counts: dict[str, list[tuple[float, str | None]]]) -> Claim | None:
    """The claim whose count the elided figure `q` of `c` answers: the nearest count of another named source,
    in c's sentence or the one before, in digits or in words ("two shots"); both figures take its label."""
    answered = next(((o, x, label) for o in reversed(before) if not same_source(o, c) and not o.speaker.is_article
                     and 0 <= sentence_no(c) - sentence_no(o) <= 1 for x in reversed(o.quantities)
                     if (label := measure(o, x, words=True)) and not label.startswith("%")), None)
    if answered is None:
        return None
    o, x, label = answered
    label = label if len(label.split()) <= 2 or not x.unit else x.unit  # "shots fired"; "bangs" (not "bangs went
    # out", read from "two loud bangs before the lights went out")
    counts[o.id] = [(v, label if v == x.value else lab) for v, lab in counts[o.id]]
    counts[c.id] = [(v, label if v == q.value else lab) for v, lab in counts[c.id]]
    return o


def _pointed_figures(claims: list[Claim], counts: dict[str, list[tuple[float, str | None]]]) -> dict[str, str]:
    """Claims whose figure names its thing by pointing back ("puts the figure at about 5,500") or leaves it out
    ("she heard at least five", see _answer_elided), each with the
    claim it points to: the nearest earlier labelled figure of another source, whose thing it counts (counts is
    updated). It answers that claim, not every other figure of the same unit ("ordered him to repay 42 million
    euros" is no account of the fraud the defence put at less than 900 million euros)."""
    out: dict[str, str] = {}
    for k, c in enumerate(claims):
        for q in c.quantities:
            at = c.statement.find(q.text)
            if at < 0:
                continue
            if not _POINTED.search(c.statement[:at]):  # or a figure whose noun is left out ("heard at least five")
                if _elided(c, q, at) and not measure(c, q) and (o := _answer_elided(claims[:k], c, q, counts)):
                    out[c.id] = o.id
                continue
            share = q.unit == "%"  # a rate points back to a rate, a count to a count
            earlier = next(((o, label) for o in reversed(claims[:k]) if not same_source(o, c)  # the nearest
                            for _, label in reversed(counts[o.id]) if label and label.startswith("%") == share), None)
            if earlier:
                counts[c.id] = [(v, earlier[1] if v == q.value else label) for v, label in counts[c.id]]
                out[c.id] = earlier[0].id
    return out


def _asserted(c: Claim) -> list[tuple[float, str | None]]:
    """A claim's figures as (value, what it counts), leaving out figures in a condition."""
    out = []
    for q in c.quantities:
        at = c.statement.find(q.text)
        if at >= 0 and (_CONDITION.search(c.statement[:at]) or _YARDSTICK.search(c.statement[:at])):
            continue
        out.append((q.value, measure(c, q)))
    return out


def candidates(claims: list[Claim]) -> list[Candidate]:
    """Pairs of claims that disagree, each pair from two different sources."""
    claims = [c for c in claims if c.kind != "instruction"]
    found: list[Candidate] = []
    seen: set[frozenset[str]] = set()

    def add(kind: str, topic: str, a: Claim, b: Claim) -> None:
        key = frozenset((a.id, b.id))
        if key not in seen:
            seen.add(key)
            found.append(Candidate(kind, topic, a, b))

    counts = {c.id: _asserted(c) for c in claims}
    referring = _pointed_figures(claims, counts)
    order = {c.id: k for k, c in enumerate(claims)}
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if not same_source(a, b) and (label := _figures(a, b, counts, referring)):
                add("figures", f"Different figures for {label}", a, b)
    for a, b in [*_contrasted(claims, order), *answered_denials(claims, order, counts)]:
        add("assertions", "Opposing accounts", a, b)
    for a, b in _asked_and_offered(claims, order):
        add("figures", "Amount asked for and amount offered", a, b)
    for rule in _OPPOSING_ACCOUNTS:
        for a, b in rule(claims, order):
            add("assertions", "Opposing accounts", a, b)
    for a, b in _stands_by(claims, found, order):
        add("assertions", "Opposing accounts", a, b)
    return found


def _contrasted(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A sentence that opens by contrast ("But", "However", "On the other hand") against the nearest claim of
    the sentence before, not against another claim of its own sentence ("But Downdetector recorded ..., and
    Fair Banking said ...")."""
    out = []
    for k, cur in enumerate(claims):
        prev = next((p for p in claims[:k][::-1] if sentence_no(p) < sentence_no(cur)), None)
        if prev is not None and _OPENER.search(cur.evidence[0].text) and not same_source(prev, cur):
            out.append((prev, cur))
    return out


# "Rovers have not agreed a fee ..., the club said, after Spanish media reported that a deal ... had been done"
_AFTER_REPORT = re.compile(rf"\b(?:{VERBS})(?:\s+(?:on|late on|early on)\s+\w+)?,\s+(?:after|following|in response to|"
                           r"responding to)\s+(?P<who>(?:[\w'’-]+\s+){1,4}?)(?:reported|said|claimed|suggested|wrote|"
                           r"alleged)\s+(?:that\s+)?(?P<what>[^.;]+)", re.I)
_NOT = re.compile(r"\b(?:not|no|never|denied|denies|rejected|rejects)\b|n[’']t\b", re.I)


def _answered_report(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A source's "not" said in answer to a report its sentence names ("..., after Spanish media reported that a
    deal worth 45 million euros had been done") against the claim of another source that gives that report
    (Marca's "the two clubs had agreed a fee of 45 million euros")."""
    out = []
    for c in claims:
        text = c.evidence[0].text
        m = _AFTER_REPORT.search(text)
        if c.speaker.is_article or m is None or not _NOT.search(text[:m.start()]) \
                or re.search(r"\bcomment", text[:m.start()], re.I):  # "would not comment" answers nothing
            continue
        who = m.group("who")  # the reporter named: its own claim, or an outlet's for "Spanish media"
        others = [o for o in claims if o is not c and not o.speaker.is_article and not same_source(o, c)
                  and (name_words(who) & name_words(" ".join(filter(None, (o.speaker.name, o.speaker.organisation))))
                       or PRESS.search(who) and (kind_of(o.speaker.name) == "outlet" or o.attribution
                                                  or PRESS.search(o.evidence[0].text[:60])))]
        best = max(others, key=lambda o: dice(unnamed(o), m.group("what")), default=None)
        if best is not None and dice(unnamed(best), m.group("what")) >= RELATED:
            out.append(tuple(sorted((c, best), key=lambda x: order[x.id])))
    return out


# what a source says the thing was: "the count had been 'transparent'", "the count was 'not fully transparent'"
# ("the" and its noun: "a second suspect", "this year" and "sales" name no one thing)
_PREDICATE = re.compile(r"\bthe\s+(?P<subj>[a-z]{3,})\s+(?:had been|has been|have been|was|were|is|are|remained|"
                        r"remains)\s+[\"'“‘]?(?P<neg>(?:not|never)\s+)?(?:(?:fully|entirely|completely|wholly|totally|"
                        r"always|really)\s+)?[\"'“‘]?(?P<adj>[a-z]{4,})\b(?P<rest>[^.;]*)", re.I)
# words after "was" that say when, where or how sure, not what the thing was
_NO_PREDICATE = {"expected", "likely", "unlikely", "able", "unable", "going", "about", "being", "also", "still", "due",
                 "made", "taken", "given", "told", "asked", "done", "there", "just", "only", "already", "more", "less",
                 "much", "some", "such", "over", "than", "from", "with", "into", "under", "very", "down", "higher",
                 "lower", "here", "back", "near", "close", "ready", "last", "first", "next"}
# what makes a predicate hold only somewhere or at some time: "stable in the north", "not profitable in 2019"
_WHERE_WHEN = re.compile(r"\b(?:in|on|at|for|during|since|until|before|after)\s+(?:the\s+)?(?:north|south|east|west|"
                         r"centre|center|capital|region|city|countryside|\d{4}|last|this|next|first|second|early|"
                         r"late|rural|urban)\b|\b(?:yesterday|today|last|this|next)\s+(?:year|month|week)\b", re.I)


def _negated(claims: list[Claim], _order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """Two sources that say the same thing was and was not so ("the count had been 'transparent'", "the
    count was 'not fully transparent'"): the same subject and word, one negated, within four sentences, and
    neither only of a place or a time ("stable in the north" / "not stable in the south" is no dispute)."""
    said = {c.id: {(m.group("subj").lower(), m.group("adj").lower(), bool(m.group("neg")))
                   for m in _PREDICATE.finditer(c.statement)
                   if m.group("adj").lower() not in _NO_PREDICATE and m.group("subj").lower() not in STOP
                   and not _WHERE_WHEN.search(m.group("rest")[:40])}
            for c in claims if not c.speaker.is_article}
    return [(a, b) for k, a in enumerate(claims) for b in claims[k + 1:] if a.id in said and b.id in said
            and not same_source(a, b) and abs(sentence_no(b) - sentence_no(a)) <= 4
            and any((s, w, not n) in said[b.id] for s, w, n in said[a.id])]


# "inside its systems for weeks, not hours": a source puts its account in place of the one it names after "not"
_SPANS = r"(?:seconds|minutes|hours|days|weeks|months|years|decades|thousands|millions|billions)"
_NOT_THAT = re.compile(rf"\b{_SPANS},\s+(?:and\s+)?not\s+(?:in\s+|for\s+)?(?P<other>(?:[\w’'-]+\s+)?{_SPANS})\s*[.;]?\s*$",
                       re.I)  # a span or an amount set against another ("weeks, not hours"), not "schools, not hospitals"


def _corrected(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A claim that ends by setting its account against another ("..., not hours") answers the nearest earlier
    claim of another named source that says what it sets aside ("contained within hours")."""
    out = []
    for c in claims:
        m = _NOT_THAT.search(c.statement)
        words = content_words(m.group("other")) if m and not c.speaker.is_article else frozenset()
        if not words:
            continue
        earlier = [o for o in claims if order[o.id] < order[c.id] and not o.speaker.is_article
                   and not same_source(o, c) and words <= content_words(unnamed(o))]
        if earlier:
            out.append((earlier[-1], c))
    return out


def _conceded(claims: list[Claim], _order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A claim that grants another source's point and turns against it ('could lower the rate for a few
    months but were likely to be followed by a jump') answers the most similar earlier claim of another
    named source, when they speak of the same thing."""
    out = []
    for k, c in enumerate(claims):
        if c.speaker.is_article or not _CONCEDES.search(c.statement):
            continue
        earlier = [o for o in claims[:k] if not o.speaker.is_article and not same_source(o, c)]
        best = max(earlier, key=lambda o: dice(unnamed(o), unnamed(c)), default=None)
        if best is not None and dice(unnamed(best), unnamed(c)) >= RELATED:
            out.append((best, c))
    return out


def _money(c: Claim, verb: re.Pattern) -> set[tuple[float, str]]:
    """Amounts (a currency or a share) a claim gives right after the verb: 'asked for 45 million euros'."""
    out = set()
    for q in c.quantities:
        at = c.statement.find(q.text)
        near = c.statement[max(0, at - 60):at + len(q.text) + 15]  # "make 12 million euros available"
        if at >= 0 and (q.unit in CURRENCIES or q.unit == "%") and verb.search(near):
            out.add((q.value, q.unit))
    return out


def _asked_and_offered(claims: list[Claim], _order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """An amount asked for against a different amount another source offers, in the same currency or share."""
    asked = [(c, _money(c, _DEMAND)) for c in claims]
    offered = [(c, _money(c, _OFFER)) for c in claims]
    out = []
    for a, wants in asked:
        for b, gives in offered:
            if a is not b and wants and gives and not same_source(a, b) and any(
                    u == v and x != y for x, u in wants for y, v in gives):
                out.append(tuple(sorted((a, b), key=claims.index)))
    return out


def _framed(claims: list[Claim], _order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """After a sentence that says the next sources see it otherwise ('Private forecasters are less
    optimistic.'), each claim of the next named source answers the most similar claim of the source
    before the sentence that shares FRAMED words of its subject."""
    out = []
    for k, c in enumerate(claims):
        if not _FRAMING.search(c.evidence[0].text):
            continue
        before = [o for o in claims[:k] if not o.speaker.is_article]
        after = [o for o in claims[k + 1:] if not o.speaker.is_article and not same_source(o, c)]
        if not before or not after:
            continue
        first, second = before[-1], after[0]
        if same_source(first, second):
            continue
        theirs = [o for o in before if same_source(o, first)]
        ours = list(takewhile(lambda o: o.speaker.is_article or same_source(o, second), claims[claims.index(second):]))
        for b in (o for o in ours if not o.speaker.is_article):  # a condition ("ready to act if prices
            # spread") asserts nothing about what is: an assertion is answered first
            a = max(theirs, key=lambda o: (_shared(o, b) >= FRAMED, not CONDITIONAL.search(o.statement),
                                           dice(unnamed(o), unnamed(b))))
            if _shared(a, b) >= FRAMED:
                out.append((a, b))
    return out


def _answered_counts(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A claim about another source's count or method answers that source's own figure: 'the federation's
    count included rafts harvested early' against the federation's 1,100 rafts, and 'The government is
    counting only direct sales' against the trade minister's A$400 million."""
    out = []
    for c in claims:
        m = _THEIR_COUNT.search(c.statement) or _COUNTING.match(c.statement)
        if not m or c.speaker.is_article or _APPROVES.search(c.statement):
            continue
        owner = name_words(m.group("owner"), _DETERMINERS)  # "the ministry's": generic words name the owner
        state = _STATE_OWNER.fullmatch(m.group("owner").strip())  # "the government": its ministers and officials
        theirs = [o for o in claims if o is not c and not o.speaker.is_article and not same_source(o, c)
                  and (owner & name_words(speaker_text(o), _DETERMINERS)
                       or state and _speaks_for_state(o))]
        if theirs:
            # their own count, not what they say of someone else's
            # (a figure that counts, even one whose noun comes before it, "the number of people waiting ... had
            # fallen below 600,000", before a share: "the minister's figure" is her count, not her 10% target)
            best = max(theirs, key=lambda o: (not _THEIR_COUNT.search(o.statement) and _counts(o), has_count(o),
                                              dice(unnamed(o), c.statement), -order[o.id]))
            out.append(tuple(sorted((best, c), key=lambda x: order[x.id])))
    return out + _named_figures(claims, order)


# a figure named by its value: "the 2.9 million figure counted duplicate records", "dismissed the 40,000 estimate"
_THE_FIGURE = re.compile(r"\bthe\s+(?:(?P<num>\d[\d,.]*(?:\s+(?:million|billion|thousand))?%?)\s+(?:figure|estimate|number|"
                         r"count|total|tally|toll)s?|(?:figure|estimate|number|total|tally|toll)\s+of\s+(?:about\s+|around\s+)?"
                         r"(?P<of>\d[\d,.]*(?:\s+(?:million|billion|thousand))?%?))\b", re.I)


def _counts(c: Claim) -> bool:
    """The claim gives a number that is no share, year or ordinal."""
    return any(q.unit != "%" and re.search(r"\d", q.text) and not (q.value.is_integer() and 1900 <= q.value <= 2100
                                                                  and "," not in q.text) for q in c.quantities)


# what is said of a figure that answers it: how it was counted, or that it is wrong
_JUDGED = re.compile(r"\b(?:counted|counts|counting|included|includes|including|excluded|excludes|left out|leaves out|"
                     r"ignored|ignores|double[- ]count\w*|invent\w*|inflated|exaggerated|overstated|understated|wrong|"
                     r"false|flawed|misleading|not credible|too high|too low|fabricated|untrue|made up|baseless)\b", re.I)


def _named_figures(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """What one source says of a figure another gave, named by its value, answers that source's claim."""
    out = []
    for c in claims:
        m = _THE_FIGURE.search(c.statement)
        if not m or c.speaker.is_article or _APPROVES.search(c.statement):
            continue
        if not _JUDGED.search(c.statement, m.end()):
            continue  # "The toll of 12 was likely to rise": the figure restated, not answered
        num = re.escape((m.group("num") or m.group("of")).lower())
        given = [o for o in claims if order[o.id] < order[c.id] and not o.speaker.is_article and not same_source(o, c)
                 and any(re.search(rf"(?<![\d.,]){num}(?![\d,]|\.\d)", q.text.lower()) for q in o.quantities)]
        if given:
            out.append((given[-1], c))
    return out


def _shared(a: Claim, b: Claim) -> int:
    return len(content_words(unnamed(a)) & content_words(unnamed(b)))


def groups(found: list[Candidate]) -> list[tuple[str, list[Claim]]]:
    """Candidates merged into disagreements: figures by what they count (several sources giving figures),
    and any two by the claims they share (a denial, the report it denies, a rebuttal of the denial are one
    disagreement; so are two counts and what each source says of the other's)."""
    merged: list[tuple[str, list[Claim]]] = []
    for c in found:  # an answer to a claim already in a disagreement joins it ("the federation's count
        # included rafts harvested early" joins the two counts of rafts lost)
        for topic, bucket in merged:
            shared = {x.id for x in bucket} & {c.a.id, c.b.id}
            if (topic == c.topic and c.kind == "figures") or shared and (topic == c.topic or c.kind == "assertions"):
                bucket += [x for x in (c.a, c.b) if x not in bucket]
                break
        else:
            merged.append((c.topic, [c.a, c.b]))
    for _, bucket in merged:
        bucket.sort(key=lambda x: (x.article or "", sentence_no(x)))
    return merged


# a claim made against what another source says: "This is the start of an easing cycle, whatever the governor says"
_WHATEVER = re.compile(r"\b(?:whatever|despite\s+what|contrary\s+to\s+what|regardless\s+of\s+what|no\s+matter\s+what)\s+"
                       r"(?P<who>(?:the\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+(?:(?:may|might|will|would)\s+)?(?:says?|said|"
                       r"claims?|claimed|insists?|insisted|argues?|argued|thinks?)\b", re.I)
# following what another says is no answer to it: "We will comply with whatever the regulator says"
_COMPLIES = re.compile(r"\b(?:comply|complies|complied|follow\w*|accept\w*|abide\w*|obey\w*|respect\w*|heed\w*|"
                       r"implement\w*|do|does|did)\s+(?:with\s+)?$", re.I)


def _whatever_they_say(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A claim made against what a source it names says, against that source's claim that shares most words with it
    (the governor's "the cut should not be read as the start of a series of reductions"), before it or after."""
    out = []
    for c in claims:
        m = _WHATEVER.search(c.statement)
        if m is None or c.speaker.is_article or _COMPLIES.search(c.statement[:m.start()]):
            continue
        who = name_words(m.group("who"), _DETERMINERS)
        named = [o for o in claims if o is not c and o.article == c.article and not o.speaker.is_article
                 and not same_source(o, c) and who & name_words(speaker_text(o), _DETERMINERS)]
        theirs = [o for o in claims if o.article == c.article and any(same_source(o, n) for n in named)]
        mine = content_words(unnamed(c)) - who
        best = max(theirs, key=lambda o: (len(mine & content_words(unnamed(o))), -abs(order[o.id] - order[c.id])),
                   default=None)
        if best is not None and (mine & content_words(unnamed(best)) or abs(sentence_no(best) - sentence_no(c)) <= 2):
            # their claim on the same thing, or the one just before or after it
            out.append(tuple(sorted((best, c), key=lambda x: order[x.id])))
    return out


# a source that holds to its account ("Expresso said it stood by its reporting") answers whoever disputed it
_STANDS_BY = re.compile(r"\bst(?:ood|ands?|anding)\s+(?:firmly\s+)?(?:by|behind)\s+(?:the\s+accuracy\s+of\s+)?(?:its|their|"
                        r"his|her|our|my|the)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:reporting|reports?|story|stories|article|"
                        r"findings|figures?|estimates?|counts?|account|statements?|comments|remarks|claims?|allegations?|"
                        r"forecasts?|data|research|journalism|coverage)\b(?P<on>\s+(?:on|about|of|that)\s+[^,;.]+)?", re.I)
_WHEN_WORDS = content_words("monday tuesday wednesday thursday friday saturday sunday today yesterday week weekend "
                            "month year morning evening night earlier later january february march april may june "
                            "july august september october november december")
_NO_LONGER = re.compile(r"\b(?:no\s+longer|not|never|n[’']t)\s+(?:\w+\s+)?$", re.I)


def _stands_by(claims: list[Claim], found: list[Candidate], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A claim that its source stands by its account, against the earlier claim of another source already set
    against that source's claims: the latest ("The figure of 250,000 euros is pure invention"), or, when it says
    which account ("stood by its reporting on the minister's holiday"), the one set against the claim of its own
    that shares most words with that."""
    out = []
    for c in claims:
        m = _STANDS_BY.search(c.statement)
        if c.speaker.is_article or m is None or _NO_LONGER.search(c.statement[:m.start()]):
            continue
        on = content_words(m.group("on") or "") - _WHEN_WORDS  # "stood by its reporting on Monday": no topic
        disputes = [(own, other) for x in found if same_source(x.a, c) != same_source(x.b, c)
                    for own, other in [(x.a, x.b) if same_source(x.a, c) else (x.b, x.a)]
                    if order[other.id] < order[c.id]]
        if on:
            disputes = [(own, other) for own, other in disputes if on & content_words(unnamed(own))]
        if disputes:
            out.append((max(disputes, key=lambda d: (len(on & content_words(unnamed(d[0]))), order[d[1].id]))[1], c))
    return out


# the rules that pair two accounts of one thing, in the order their pairs are listed (every rule is given the
# claims and their order)
_OPPOSING_ACCOUNTS = (_framed, _answered_counts, _conceded, ruled_out, _corrected, _negated, _answered_report,
                      no_loss, stay_or_go, _whatever_they_say, never_did)
