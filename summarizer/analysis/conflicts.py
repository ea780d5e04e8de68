"""Disagreements between sources, by rule; a real disagreement has two sources and either different
figures for the same counted thing (figures.measure decides what a figure counts) or opposite
assertions: a claim that opens by contrasting the one before it ("On the other hand, ..."), or a denial
or rejection and the claim it denies (the most similar claim of another source)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from summarizer.analysis.fidelity import name_words
from summarizer.analysis.reported import VERBS, kind_of
from summarizer.analysis.figures import CASES, CURRENCIES, PEOPLE, TROOPS, event_of, measure
from summarizer.analysis.words import STOP, content_words, dice
from summarizer.models import Claim

_OPENER = re.compile(r"^\W*(on the other hand|however|but|in contrast|by contrast|meanwhile,? .{0,40}denied|"
                     r"contrary to)\b", re.I)
_DENY = (r"denied|denies|deny|rejected|rejects|disputed|disputes|refuted|dismissed|dismisses|"
         # "did not recognise that figure" (not "did not recognise the man in the red jacket")
         r"(?:(?:did|does|do)\s+not|(?:didn|doesn|don)[’']t)\s+recogni[sz]e(?=\s+(?:that|this|these|those|the|such|its|"
         r"their)\s+(?:figures?|numbers?|estimates?|counts?|accounts?|claims?|data|findings?|description|version)\b)")
# "had no confirmed reports of homes being lost": a count of homes lost, denied
# "had no confirmed reports of homes being lost": a count of homes lost, denied ("no reports of casualties" is a
# wire story's routine line, no denial)
_NO_REPORTS = re.compile(r"\bno\s+(?:confirmed\s+|official\s+|independent\s+|credible\s+)?reports?\s+of\s+"
                         r"(?P<none>homes|houses|buildings|properties|businesses|shops)\s+(?:being\s+|having\s+been\s+)?"
                         r"(?:lost|destroyed|burned|burnt|damaged|razed|flattened)\b", re.I)
# "said the number was lower but did not give one": another source's count, put higher or lower without a figure
_OFF_COUNT = (r"(?:\b(?:the|that|this|its|their)\s+(?:real\s+|actual\s+|true\s+)?(?P<count>number|figure|total|count|toll|"
              r"tally)\s+(?:was|is|were|would be)\s+(?:much\s+|far\s+|significantly\s+|considerably\s+)?(?:lower|"
              r"higher|smaller|larger)\b(?!\s+than\b)(?![^.;]*\d)|"  # not "lower than expected"
              # "The official figures do not reflect what we are seeing", "the figures flattered the government"
              r"\b(?:(?:the|these|those|its|their)\s+)?(?:official\s+|government(?:'s|’s)?\s+)?(?P<figs>figures|"
              r"numbers|statistics|data)\s+(?:(?:(?:do|does|did)\s+not|(?:don|doesn|didn)[’']t)\s+(?:fully\s+)?"
              r"reflect|(?:flattered(?!\s+to\b)|understated?|overstated?|understate|misrepresented|misrepresent|"
              r"exaggerated?)\b))")  # not "flattered to deceive"
_DENIAL = re.compile(rf"\b({_DENY}|contradicted|(?:did|do|does)(?: not|n[’']t) believe|"
                     r"called .{0,40}(?:false|wrong|not credible|baseless|untrue)|"
                     r"(?:is|are|was|were) (?:(?:probably|likely|greatly|grossly|vastly|badly) )?(?:false|wrong|untrue|"
                     r"baseless|not credible|inflated|exaggerated|overstated|understated|misleading)|no plans?['\"’”]? to|"
                     r"not (?:true|correct|accurate)|"
                     r"(?:is|was|has been|there's)\s+no\s+(?:evidence|proof)\s+that)\b|"
                     + _OFF_COUNT,
                     re.I)  # not "no sign of"
# "..., a claim the ministry rejected as 'fabricated'", "..., which the company denies": another source's denial
# told in a clause after the claim it denies (extract states it as that source's claim)
DENIED_AFTER = re.compile(r",\s+(?:(?:a|an)\s+(?P<noun>claim|allegation|accusation|charge|assertion|account|figure)\s+"
                          r"(?:that\s+|which\s+)?|which\s+)(?P<who>(?:the\s+)?[A-Za-z][\w’'-]*(?:\s+[\w’'-]+){0,4}?)\s+"
                          rf"(?P<verb>{_DENY}|refutes)(?P<rest>[^.;]*)[.;]?\s*$", re.I)


# labels of events: figures for them are comparable whatever else the two claims say
_EVENTS = {"casualties", "killed", "wounded", "missing", "displaced", "arrested", "jobs cut", "troops sent",
           "additional troops", "troops", "turnout"}
RELATED = 0.2  # content-word overlap that makes two claims about the same thing
FRAMED = 2  # content words two claims share, names aside, after a sentence that announces the next source
# sees it otherwise: the subject ("food ... shock"), not a hospital named in passing
_OBJECT = [  # what a denial denies
    re.compile(rf"\b(?:{_DENY})\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:report|accusation|"
               r"claim|allegation|suggestion|assertion|statement)s?\b.*?\bthat\s+(?P<obj>.+)$", re.I),
    re.compile(rf"\b(?:{_DENY})\s+that\s+(?P<obj>.+)$", re.I),
    re.compile(r"\bno\s+(?:evidence|proof)\s+that\s+(?P<obj>.+)$", re.I),
    re.compile(r"^(?P<obj>.+?)\s+(?:is|are|was|were)\s+(?:(?:probably|likely|greatly|grossly|vastly|badly)\s+)?"
               r"(?:false|wrong|untrue|baseless|not credible|not true|inflated|exaggerated|overstated|understated|"
               r"misleading)", re.I),
    re.compile(r"\bno plans? to\s+(?P<obj>.+)$", re.I),
]
# a denial of something said just before, named only by a pointer: "dismissed such forecasts",
# "rejected that view", "disputed those figures", "denied it"
_ANAPHOR = re.compile(rf"{_OFF_COUNT}|\b(?:{_DENY})\s+(?:(?:[a-z]+ing\s+(?=(?:any\s+)?such\b))?(?:any\s+(?=such\b))?"
                      r"(?:such|that|this|these|those)\s+(?!the\b|a\b|an\b)(?P<head>[a-z]{3,}?)(?:e?s)?\b|"
                      r"(?:it|them|this|that)\b\W*$|(?:it|them)\s+as\b|"
                      # "Carrow denied that, saying it had learned of the fault in October": why, not what
                      r"(?:it|this|that),\s+(?:saying|adding|arguing|insisting)\b|"
                      # "rejected the findings.": the words of the account just given, named by what they are
                      r"the\s+(?P<named>findings?|conclusions?|figures?|claims?|allegations?|accusations?|criticism|"
                      r"account|estimates?)(?:\W*$|\s+as\b))", re.I)
# a denial that names whose words it denies: "dismissed the treasurer's criticism", "rejected Smith's figures"
_OWNED = re.compile(rf"\b(?:{_DENY})\s+(?:the\s+)?(?P<owner>[\w’' -]{{2,40}}?)(?:'s?|’s?)\s+(?:[\w-]+\s+){{0,2}}?"
                    r"(?:criticism|claim|accusation|allegation|charge|figure|forecast|comment|remark|report|view|"
                    r"assessment|estimate|account|warning|argument|count)s?\b", re.I)
# "The prosecution's figure ... was inflated": whose words are called wrong
_OWNER_OF_DENIED = re.compile(r"^(?:the\s+)?(?P<owner>[\w’' -]{2,40}?)(?:'s?|’s?)\s+", re.I)
# advice tells no account to deny: "shoppers should change their passwords" against "denied that passwords
# had been exposed"
_ADVICE = re.compile(r"\b(?:should|must(?!\s+have\b)|ought to|urged|urges|advised|advises|recommend(?:s|ed)?)\b",
                     re.I)


def _advises(statement: str) -> bool:
    """The claim's first clause is advice ("shoppers should change their passwords"; not "passwords were
    exposed and customers should change them")."""
    return bool(_ADVICE.search(re.split(r"[,;]|\b(?:and|but)\b", statement, maxsplit=1)[0]))
_FIGURE_WORDS = re.compile(r"\b(?:figures?|numbers?|counts?|estimates?|tolls?|totals?|forecasts?)\b", re.I)


def _has_figure(c: Claim) -> bool:
    return any(measure(c, q) for q in c.quantities)


# a denial that names a report as what it denies, a claim that reports, a dispute of a denial
_A_REPORT = re.compile(r"\b(?:report|article|story)\b", re.I)
_REPORTED = re.compile(r"\breported\b|\breports\b(?! (?:from|of|that)\b)", re.I)
_DISPUTES_DENIAL = re.compile(r"\bdenials?\b", re.I)
# a figure in a condition ("If you cut 4,800 jobs, ...") is not anyone's account of that figure
_CONDITION = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but)\s+)(?:even\s+)?(?:if|unless|should|were)\s+(?:[^,;:]|,(?=\d))*$", re.I)


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
# a concession and a turn: "the caps could lower the rate for a few months but were likely to be followed
# by a jump": an answer to another source's claim on the same thing
_CONCEDES = re.compile(r"\b(?:could|may|might|would|will)\b[^.;]{3,120}?,?\s+but\s+(?:\w+\s+){0,4}?"
                       r"(?:likely|probably|would|will|could|may|might|is|are|was|were|risks?)\b", re.I)
_DETERMINERS = ("the", "its", "their", "his", "her")
_IF = re.compile(r"\b(?:if|unless|should|provided)\b", re.I)
_APPROVES = re.compile(r"\b(?:realistic|accurate|correct|plausible|reliable|credible|confirm\w*|agree\w*|"
                       r"consistent|in line|thorough|rigorous|sound|robust|best)\b", re.I)


@dataclass(frozen=True)
class Candidate:
    kind: str  # "figures" or "assertions"
    topic: str
    a: Claim
    b: Claim


def same_source(a: Claim, b: Claim) -> bool:
    """One source under two names ('Heldmann', 'German carmaker Heldmann') is still one source."""
    if a.speaker.is_article or b.speaker.is_article:
        return a.speaker.is_article and b.speaker.is_article
    x, y = a.speaker.name.lower(), b.speaker.name.lower()
    if x == y or x in y or y in x or name_words(x) & name_words(y) - _demonyms(x, y) \
            or _initials(a.speaker.name, b.speaker.name) or _initials(b.speaker.name, a.speaker.name):
        return True
    # a chief executive speaks for the company: the organisation of one is the other, or both share one
    ao, bo = _body(a.speaker.organisation).lower(), _body(b.speaker.organisation).lower()
    xo, yo = name_words(ao), name_words(bo)
    return bool(xo & (name_words(y) - _demonyms(ao, y) | yo - _demonyms(ao, bo)) or yo & name_words(x) - _demonyms(bo, x))


def _demonyms(*names: str) -> set[str]:
    """Name words that only say where a source is from, before its own words in every name: "the Galician
    Marine Monitoring Institute" and "the Galician government's fisheries department" are two sources."""
    found = [{w[:6] for w in re.findall(r"\b([a-z]+(?:ian|ean|ese|ish|an|ic))\s+[a-z]", n)} for n in names]
    return set.intersection(*found) if found else set()


def _initials(short: str, full: str) -> bool:
    """'the ONS' is the Office for National Statistics: an acronym of the capitalised words of the full name."""
    initials = "".join(w[0] for w in re.findall(r"\b[A-Z][a-z]+", full))
    return len(initials) >= 3 and any(acronym == initials for acronym in re.findall(r"\b[A-Z]{2,6}\b", short))


def _body(organisation: str | None) -> str:
    """The words that name an organisation's own body: "Heldmann's general works council" is the works
    council, not Heldmann."""
    parts = re.split(r"['’]s?\s+", organisation or "", maxsplit=1)
    return parts[1] if len(parts) == 2 and parts[1] else (organisation or "")


_FORECAST = re.compile(r"\b(will|would|expects?|expected|forecasts?|projected|projects|predicts?|predicted|"
                       r"likely(?!\s+(?:above|below|over|under|higher|lower|closer|nearer|more|fewer|less|at least|"
                       r"around|about|\d))|outlook|at risk|by the end of|next (?:week|month|year))\b", re.I)
# ("was likely above 500" is a hedged account of a figure that is, not a forecast)


def _figures(a: Claim, b: Claim, counts: dict[str, list[tuple[float, str | None]]],
             referring: set[str] = frozenset()) -> str | None:
    """The label of a counted thing both claims give different figures for, both as what is or both as
    what will be: September's rate and a forecast for the summer are not two accounts of one figure.
    `counts` holds each claim's asserted figures as (value, what it counts); a claim in `referring` named
    its figure's thing by pointing back ("puts the figure at about 5,500")."""
    if bool(_FORECAST.search(a.statement)) != bool(_FORECAST.search(b.statement)):
        return None
    for value, label in counts[a.id]:
        if not label:
            continue
        named = label.startswith("% ") and " " in label  # a share of a named thing ("% inflation")
        if label.split(" (")[0] not in _EVENTS and not label.split(" (")[0].endswith(" reported") and not named \
                and not {a.id, b.id} & referring \
                and dice(a.statement, b.statement) < RELATED:
            continue  # a bare unit or a share: only comparable when the claims speak of the same thing
        if any(other == label and v != value and ({a.id, b.id} & referring or not _other_things(a, value, b, v))
               for v, other in counts[b.id]):
            return label
    return None


# nouns that count anyone: "23 people" and "27 dead", troops and soldiers may be one count
_ANYONE = {"dead", "victims", *PEOPLE, *TROOPS}


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
                      r"(?:figure|number|total|tally|count|toll)\s+(?:at|as)|"
                      # "said the real figure was likely above 500"
                      r"(?:the|its|their)\s+(?:real|actual|true|final|correct)\s+(?:figure|number|total|tally|count|toll|"
                      r"rate(?:\s+of\s+[a-z]+)?)"
                      r"\s+(?:was|is|were|are|would be|could be|will be|may be|might be)(?:\s+(?:likely|probably|possibly))?"
                      r"(?:\s+(?:above|over|below|under|at|closer to|nearer|as high as|at least))?)"
                      r"\s+(?:about|around|roughly|nearly|almost|only|just|some|more than|fewer than|less than|over|under)?\s*$",
                      re.I)


def _pointed_figures(claims: list[Claim], counts: dict[str, list[tuple[float, str | None]]]) -> set[str]:
    """Claims whose figure names its thing by pointing back ("puts the figure at about 5,500"): the figure
    counts what the nearest earlier labelled figure of another source counts (counts is updated)."""
    out = set()
    for k, c in enumerate(claims):
        for q in c.quantities:
            at = c.statement.find(q.text)
            if at < 0 or not _POINTED.search(c.statement[:at]):
                continue
            share = q.unit == "%"  # a rate points back to a rate, a count to a count
            earlier = next((label for o in reversed(claims[:k]) if not same_source(o, c)  # the nearest
                            for _, label in reversed(counts[o.id]) if label and label.startswith("%") == share), None)
            if earlier:
                counts[c.id] = [(v, earlier if v == q.value else label) for v, label in counts[c.id]]
                out.add(c.id)
    return out


def _asserted(c: Claim) -> list[tuple[float, str | None]]:
    """A claim's figures as (value, what it counts), leaving out figures in a condition."""
    out = []
    for q in c.quantities:
        at = c.statement.find(q.text)
        if at >= 0 and _CONDITION.search(c.statement[:at]):
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
    for k, cur in enumerate(claims):  # "But ..." sets its sentence against the one before, not against another
        # claim of its own sentence ("But Downdetector recorded ..., and Fair Banking said ...")
        prev = next((p for p in claims[:k][::-1] if _sentence_no(p) < _sentence_no(cur)), None)
        if prev is not None and _OPENER.search(cur.evidence[0].text) and not same_source(prev, cur):
            add("assertions", "Opposing accounts", prev, cur)
    for i, c in enumerate(claims):
        if not denies(c.statement):
            continue
        # what is denied is another source's claim, and not a denial itself (two denials agree), unless
        # it is a denial that is disputed ("called the denial not credible")
        others = [o for o in claims if o is not c and not same_source(o, c) and not o.speaker.is_article
                  and (_DISPUTES_DENIAL.search(c.statement) or not denies(o.statement))]
        denied = _denied(c.statement)  # what it denies is someone's claim or report, not the article's own
        pointer, deed = _pointer(c.statement), None
        reports = [o for o in others if _REPORTED.search(o.evidence[0].text)]
        owner = _OWNED.search(c.statement) or _OWNER_OF_DENIED.search(denied)
        owned = [o for o in others if owner and name_words(owner.group("owner")) & name_words(
            " ".join(filter(None, (o.speaker.name, o.speaker.role, o.speaker.organisation))))]
        disputed = _DISPUTES_DENIAL.search(c.statement) and _disputed_denial(c, others, order)
        if disputed:  # "called the denial of closure plans not credible", "did not believe the denial"
            best = disputed
        elif owned:  # "dismissed the treasurer's criticism": the treasurer's claim most like the denial; a
            # figure called inflated is one of their figures
            figure = bool(_FIGURE_WORDS.search(denied))
            best = max(owned, key=lambda o: (figure and _has_figure(o), dice(o.statement, c.statement), -order[o.id]))
        elif _A_REPORT.search(c.statement) and reports:  # "denied a newspaper report that ...": the report
            best = max(reports, key=lambda o: dice(o.statement, denied))
        elif pointer:  # the nearest earlier claim of another source, one of the last few sentences that names
            # what is denied first ("such forecasts": the forecast, not the quote after it)
            before = [o for o in others if order[o.id] < i][::-1]
            head = (pointer.group("head") or pointer.group("named") or "").lower().removesuffix("s")
            best = next((o for o in before if head and _sentence_no(c) - _sentence_no(o) <= 3
                         and re.search(rf"\b{re.escape(head)}(?!er|ing)", o.evidence[0].text.lower())),
                        before[0] if before else None)
            named = pointer.group("named") or ""
            if best is not None and re.fullmatch(r"claims|allegations|accusations", named) and not re.search(rf"\b{re.escape(head)}", best.evidence[0].text,
                                                                      re.I):
                # "dismissed the claims.": all that source said just before, from its first sentence of them
                run = [best]
                for o in before[1:]:
                    if same_source(o, best) and _sentence_no(run[-1]) - _sentence_no(o) <= 1:
                        run.append(o)
                    elif not same_source(o, best):
                        break
                best = run[-1]
            if pointer.group("count") or pointer.group("figs"):  # the nearest account with a count ("some 600
                # operations had been postponed", the ministry's 1,240 cases for "the official figures")
                near = [o for o in before if _sentence_no(c) - _sentence_no(o) <= 3]
                counted = [o for o in near if any(label for _, label in counts[o.id])  # "fell to 431,000" too,
                           or pointer.group("figs") and counts[o.id]]  # for "the figures"
                official = [o for o in counted if _OFFICIAL.search(o.speaker.name)] \
                    if re.search(r"\b(?:official|government)", pointer.group(0), re.I) else []
                best = next(iter(official or counted), None)  # "the official figures": the ministry's
        else:  # the most similar claim, its source's own name aside ("Product Safety Commission" is no
            # account of whether products are safe)
            # a denial answers an account given before it: the most similar earlier one, else a later one
            # (or an earlier one that holds at least two and half of the denied words: a long account of
            # which the denial takes up one part, "at least 14 permits were granted to firms that had paid him")
            related = [o for o in others if (dice(_unnamed(o), denied) >= RELATED or order[o.id] < i and _holds(o, denied))
                       and (not _advises(o.statement) or _ADVICE.search(denied))]
            best = max([o for o in related if order[o.id] < i] or related, key=lambda o: dice(_unnamed(o), denied),
                       default=None)
            deed = best is None and _deed(c.statement)
            if deed:  # "denied firing first": the nearest account of
                # another source, in the last three sentences, of that deed ("rebel fighters had fired ...")
                best = next((o for o in others[::-1] if order[o.id] < i and 0 < _sentence_no(c) - _sentence_no(o) <= 3
                             and deed.search(_unnamed(o)) and not _advises(o.statement)), None)
        if best is not None:
            a, b = sorted((best, c), key=lambda x: order[x.id])
            add("assertions", "Opposing accounts", a, b)
            reason = _reason(c, claims[i + 1:]) if pointer or deed else None
            if reason is not None:  # "X denied that. He said the bill was modelled on US rules": his account
                add("assertions", "Opposing accounts", best, reason)
    for a, b in _asked_and_offered(claims):
        add("figures", "Amount asked for and amount offered", a, b)
    for a, b in _framed(claims):
        add("assertions", "Opposing accounts", a, b)
    for a, b in _answered_counts(claims, order):
        add("assertions", "Opposing accounts", a, b)
    for a, b in _conceded(claims):
        add("assertions", "Opposing accounts", a, b)
    for a, b in _ruled_out(claims, order):
        add("assertions", "Opposing accounts", a, b)
    for a, b in _corrected(claims, order):
        add("assertions", "Opposing accounts", a, b)
    for a, b in _negated(claims):
        add("assertions", "Opposing accounts", a, b)
    for a, b in _answered_report(claims, order):
        add("assertions", "Opposing accounts", a, b)
    for a, b in _no_loss(claims, order):
        add("assertions", "Opposing accounts", a, b)
    return found


def _no_loss(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """"No confirmed reports of homes being lost" against the nearest earlier count of homes lost or destroyed
    by another source, in the three sentences before."""
    out = []
    for i, c in enumerate(claims):
        none = _NO_REPORTS.search(c.statement)
        if none is None or c.speaker.is_article:
            continue
        noun = none.group("none").lower().removesuffix("s")
        best = next((o for o in claims[:i][::-1] if not o.speaker.is_article and not same_source(o, c)
                     and 0 < _sentence_no(c) - _sentence_no(o) <= 3
                     and any(q.unit and q.unit.lower().split()[-1].removesuffix("s") == noun for q in o.quantities)),
                    None)
        if best is not None:
            out.append((best, c))
    return out


# "Rovers have not agreed a fee ..., the club said, after Spanish media reported that a deal ... had been done"
_AFTER_REPORT = re.compile(rf"\b(?:{VERBS})(?:\s+(?:on|late on|early on)\s+\w+)?,\s+(?:after|following|in response to|"
                           r"responding to)\s+(?P<who>(?:[\w'’-]+\s+){1,4}?)(?:reported|said|claimed|suggested|wrote|"
                           r"alleged)\s+(?:that\s+)?(?P<what>[^.;]+)", re.I)
_OFFICIAL = re.compile(r"^(?!.*\b(?:shadow|opposition)\b).*\b(?:ministry|government|department|authorit|statistics|"
                       r"commission|police|national|federal)", re.I)
_PRESS = re.compile(r"\b(?:media|press|newspapers?|reports?|outlets?|daily|tabloids?|broadcasters?)\b", re.I)
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
                       or _PRESS.search(who) and (kind_of(o.speaker.name) == "outlet" or o.attribution
                                                  or _PRESS.search(o.evidence[0].text[:60])))]
        best = max(others, key=lambda o: dice(_unnamed(o), m.group("what")), default=None)
        if best is not None and dice(_unnamed(best), m.group("what")) >= RELATED:
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


def _negated(claims: list[Claim]) -> list[tuple[Claim, Claim]]:
    """Two sources that say the same thing was and was not so ("the count had been 'transparent'", "the
    count was 'not fully transparent'"): the same subject and word, one negated, within four sentences, and
    neither only of a place or a time ("stable in the north" / "not stable in the south" is no dispute)."""
    said = {c.id: {(m.group("subj").lower(), m.group("adj").lower(), bool(m.group("neg")))
                   for m in _PREDICATE.finditer(c.statement)
                   if m.group("adj").lower() not in _NO_PREDICATE and m.group("subj").lower() not in STOP
                   and not _WHERE_WHEN.search(m.group("rest")[:40])}
            for c in claims if not c.speaker.is_article}
    return [(a, b) for k, a in enumerate(claims) for b in claims[k + 1:] if a.id in said and b.id in said
            and not same_source(a, b) and abs(_sentence_no(b) - _sentence_no(a)) <= 4
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
                   and not same_source(o, c) and words <= content_words(_unnamed(o))]
        if earlier:
            out.append((earlier[-1], c))
    return out


# an intent denied: "There are no plans to close any of our sites", "ruled out raising taxes", "will not cut
# rates this year"; the word after it names the act
_NO_INTENT = re.compile(r"\b(?:no (?:plans?|intention|intentions)['\"’”]? (?:to|of)|(?:ruled|rules|rule|ruling) out|"
                        r"(?:will|would) not|won[’']t|(?:is|are|am) not (?:going|planning) to)\s+(?P<act>[a-z]{3,})\b|"
                        r"\b(?:is|are|am)\s+not\s+(?P<doing>[a-z]{3,}ing)\b", re.I)  # "We are not cutting any route"
# a claim that the act will or may happen ("at least one closure looks likely", "closures come next")
_EXPECTS = re.compile(r"\b(?:will|would|likely|probably|expects?|expected|inevitable|bound to|next|soon|"
                      r"plans?(?:ned|ning)? to|preparing to|intends? to|considering|on the cards)\b", re.I)
_IN_CONDITION = re.compile(r"\b(?:if|unless|provided|should)\b[^,;.]*$", re.I)  # within the clause of an "if"
_NEGATED = re.compile(r"\b(?:not|no|never|unlikely|nor|without)\b|n[’']t\b", re.I)


def _stem(word: str) -> str:
    """A crude stem that makes an act and its noun meet: close, closes, closing, closure(s) -> clos."""
    w = word.lower()
    for end in ("ures", "ure", "ings", "ing", "ions", "ion", "ed", "es", "s", "e"):
        if w.endswith(end) and len(w) - len(end) >= 3:
            w = w[:-len(end)]
            break
    w = w[:-1] if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls" else w  # cutting -> cut
    return _SAME_ACT.get(w, w)


# words news uses for one act ("lower rates" / "a cut"; "shut the plant" / "closure"; "scrap" / "suspend")
_SAME_ACT = {w: group[0] for group in (("cut", "lower", "reduc", "reduct", "slash"), ("clos", "shut"),
                                       ("rais", "increas", "hik"), ("scrap", "axe", "axed", "cancel", "cancell",
                                                                    "suspend", "suspens", "abolish"))
             for w in group}


# refusals to speak and verbs of no content ("would not comment", "will not have") rule no act out
_NO_ACT = {"hav", "mak", "tak", "giv", "get", "go", "do", "comment", "say", "disclos", "confirm", "specul", "discuss",
           "elaborat", "reveal", "nam", "identify", "answer", "respond"}


def _ruled_out(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A source that rules an act out ('no plans to close any of our sites') against each other named source
    that expects it ('at least one closure looks likely'): opposite assertions about the same act, found
    by the act's word, which a similarity of the whole claims misses."""
    out = []
    for c in claims:
        m = _NO_INTENT.search(c.statement)
        if c.speaker.is_article or not m or _IN_CONDITION.search(c.statement[:m.start()]):
            continue  # "unless the company ruled out closures in writing" rules nothing out
        act = _stem(m.group("act") or m.group("doing"))
        if act in _NO_ACT:
            continue
        for o in claims:
            if o is c or o.speaker.is_article or same_source(o, c) or _DENIAL.search(o.statement) \
                    or _NO_INTENT.search(o.statement) or not _EXPECTS.search(o.statement):
                continue
            for w in re.finditer(r"[A-Za-z]+", o.statement):
                if _stem(w.group()) == act and not _NEGATED.search(o.statement[max(0, w.start() - 40):w.end() + 40]) \
                        and not _IF.search(o.statement[:w.start()]):  # "if prices stay high, cuts will follow"
                    out.append(tuple(sorted((c, o), key=lambda x: order[x.id])))
                    break
    return out


# words of "the denial of closure plans" that name no act: "plans" ties it to no particular denial
_NOT_AN_ACT = {"the", "its", "any", "all", "thi", "that", "their", "his", "her", "plan", "report", "claim", "allegat",
               "accusat", "story", "it", "they", "company", "government"}
_OF_DENIAL = re.compile(r"\bdenials?\s+(?:of|that)\s+(?P<what>[^,;.\"“”']{3,80})", re.I)


def _disputed_denial(c: Claim, others: list[Claim], order: dict[str, int]) -> Claim | None:
    """The denial a claim disputes ("called the denial of closure plans not credible"): the earlier denial of
    another source whose words share the act it names, else, when it names none ("did not believe the
    denial"), the nearest earlier one."""
    denials = [o for o in others if order[o.id] < order[c.id] and (_DENIAL.search(o.statement) or
                                                                   _NO_INTENT.search(o.statement))][::-1]
    what = _OF_DENIAL.search(c.statement)
    if not what:
        return denials[0] if denials else None
    acts = {_stem(w) for w in re.findall(r"[A-Za-z]{3,}", what.group("what"))} - _NOT_AN_ACT
    return next((o for o in denials if acts & {_stem(w) for w in re.findall(r"[A-Za-z]{3,}", o.statement)}), None)


def _conceded(claims: list[Claim]) -> list[tuple[Claim, Claim]]:
    """A claim that grants another source's point and turns against it ('could lower the rate for a few
    months but were likely to be followed by a jump') answers the most similar earlier claim of another
    named source, when they speak of the same thing."""
    out = []
    for k, c in enumerate(claims):
        if c.speaker.is_article or not _CONCEDES.search(c.statement):
            continue
        earlier = [o for o in claims[:k] if not o.speaker.is_article and not same_source(o, c)]
        best = max(earlier, key=lambda o: dice(_unnamed(o), _unnamed(c)), default=None)
        if best is not None and dice(_unnamed(best), _unnamed(c)) >= RELATED:
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


def _asked_and_offered(claims: list[Claim]) -> list[tuple[Claim, Claim]]:
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


def _framed(claims: list[Claim]) -> list[tuple[Claim, Claim]]:
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
            a = max(theirs, key=lambda o: (_shared(o, b) >= FRAMED, not _IF.search(o.statement),
                                           dice(_unnamed(o), _unnamed(b))))
            if _shared(a, b) >= FRAMED:
                out.append((a, b))
    return out


def _answered_counts(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A claim about another source's count or method answers that source's own figure: 'the federation's
    count included rafts harvested early' against the federation's 1,100 rafts."""
    out = []
    for c in claims:
        m = _THEIR_COUNT.search(c.statement)
        if not m or c.speaker.is_article or _APPROVES.search(c.statement):
            continue
        owner = name_words(m.group("owner"), _DETERMINERS)  # "the ministry's": generic words name the owner
        theirs = [o for o in claims if o is not c and not o.speaker.is_article and not same_source(o, c)
                  and owner & name_words(" ".join(filter(None, (o.speaker.name, o.speaker.role,
                                                                o.speaker.organisation))), _DETERMINERS)]
        if theirs:
            # their own count, not what they say of someone else's
            best = max(theirs, key=lambda o: (_has_figure(o) and not _THEIR_COUNT.search(o.statement),
                                              dice(_unnamed(o), c.statement), -order[o.id]))
            out.append(tuple(sorted((best, c), key=lambda x: order[x.id])))
    return out


def _pointer(statement: str) -> re.Match | None:
    """Where a denial names what it denies only by pointing back: "denied it", "dismissed that estimate.",
    "rejected the findings." (not "denied that it ...", which says what)."""
    pointer = _ANAPHOR.search(statement)
    if pointer and _denied(statement) != statement and not (pointer.group("head") and
                                                            not statement[pointer.end():].strip(" .\"'”’")):
        return None
    return pointer


def points_back(statement: str) -> bool:
    """A denial that cannot be read without the claim it answers ("The ONS said it did not recognise that
    figure.")."""
    return denies(statement) and _pointer(statement) is not None


def denies(text: str) -> bool:
    """The text denies something itself, not only tells of another source's denial after its claim."""
    return bool(_DENIAL.search(DENIED_AFTER.sub("", text)))


def names_what_it_denies(statement: str) -> bool:
    """A denial that states what it denies: 'denied a newspaper report that it plans to close three plants'."""
    return bool(_DENIAL.search(statement) and _OBJECT[0].search(statement))


def _shared(a: Claim, b: Claim) -> int:
    return len(content_words(_unnamed(a)) & content_words(_unnamed(b)))


def _holds(c: Claim, denied: str) -> bool:
    """The claim holds at least two of the denied words and at least half of them."""
    words = content_words(denied)
    shared = words & content_words(_unnamed(c))
    return len(shared) >= 2 and 2 * len(shared) >= len(words)


def _unnamed(c: Claim) -> str:
    """A claim's statement without its speaker's name."""
    return re.sub(re.escape(c.speaker.name), " ", c.statement, flags=re.I) if c.speaker.name else c.statement


def _denied(statement: str) -> str:
    """What a denial denies ('X denied a report that it plans to close ...' -> 'it plans to close ...';
    'X said the debt figure was plausible but that the cuts were overstated' -> 'the cuts')."""
    for rx in _OBJECT:
        m = rx.search(statement)
        if m:
            obj = re.split(r"[\"”]", m.group("obj"))[0]  # up to the end of the quote, its attribution aside
            return re.split(r"\b(?:that|said|says)\s+", obj)[-1]
    return statement


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
        bucket.sort(key=lambda x: (x.article or "", _sentence_no(x)))
    return merged


def _reason(denial: Claim, after: list[Claim]) -> Claim | None:
    """What a bare denial ("denied that.", "disputed that.") goes on to say: its source's claim of the next
    sentence, when that is not a further denial."""
    nxt = next((o for o in after if _sentence_no(o) > _sentence_no(denial)), None)
    if nxt is None or _sentence_no(nxt) != _sentence_no(denial) + 1 or not same_source(nxt, denial) \
            or _DENIAL.search(nxt.statement) or not _CONTINUES.match(nxt.evidence[0].text):
        return None  # "Wage growth slowed to 3.2%, the ONS said." starts something else
    return nxt


# a sentence that goes on from the one before: its speaker as a pronoun ("He said"), or a quote
_CONTINUES = re.compile(r"^\W*(?:[\"“‘]|(?:He|She|It|They|We)\b|(?:Its|Their)\s+(?:[a-z]+\s+){0,2}?(?:spokes(?:man|"
                        r"woman|person)|chief|chair(?:man|woman)?|president|secretary|director|head|leader)\b)")


def _deed(statement: str) -> re.Pattern | None:
    """The deed a denial denies by its verb ("denied firing first", "denies having leaked the report"): a
    pattern of that verb's forms ("fire", "fired", "fires", "firing"); regular verbs only."""
    m = re.search(rf"\b(?:{_DENY})\s+(?:ever\s+)?(?:having\s+(?P<done>[a-z]{{3,}}?)ed\b|(?P<verb>[a-z]{{3,}}?)ing\b)",
                  statement, re.I)
    if m is not None and m.group("done"):
        m = re.match(r"(?P<verb>.+)", m.group("done"))
    if m is None or m.group("verb").lower() in ("hav", "say", "know", "mean", "includ", "anyth", "someth", "noth",
                                               "wrongdo", "involv", "be"):
        return None
    verb = m.group("verb").lower()
    stems = {verb, verb[:-1]} if len(verb) > 3 and verb[-1] == verb[-2] else {verb}  # "stopping" -> "stop"
    # its verb forms only ("had fired", "firing"): "a fire broke out" and "a new peace plan" do not do it
    return re.compile(rf"\b(?:{'|'.join(sorted(stems))})(?:ed|ing|d)\b", re.I)


def _sentence_no(c: Claim) -> int:
    m = re.search(r"\d+", c.evidence[0].sentence_id)
    return int(m.group()) if m else 0
