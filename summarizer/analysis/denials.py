"""Denials, read by rule: whether a claim denies something ("denied", "rejected", "no plans to", "the figures
do not reflect ..."), what it denies (a report, a named source's words, a deed, an account named only by a
pointer such as "dismissed that estimate."), and which claim of another source that is."""

from __future__ import annotations

import re

from summarizer.analysis.fidelity import name_words
from summarizer.analysis.figures import has_count
from summarizer.analysis.speakers import same_source, speaker_text
from summarizer.analysis.vocabulary import ACCOUNT_NOUNS, OFFICIAL
from summarizer.analysis.words import RELATED, content_words, dice, unnamed
from summarizer.models import Claim

# after an article or a possessive the word is an adjective: "the disputed ballots", "its rejected bid" (in
# lower case: "Officer A denied", "Mr An denied" and "ITS denied" deny)
_DENY = (r"(?<!\b(?-i:the) )(?<!\b(?-i:The) )(?<!\b(?-i:a) )(?<!\b(?-i:an) )(?<!\b(?-i:its) )(?<!\b(?-i:Its) )"
         r"(?<!\b(?-i:their) )(?<!\b(?-i:Their) )(?:"
         r"denied|denies|deny|rejected|rejects|disputed|disputes|refuted|dismissed|dismisses|"
         # "did not recognise that figure" (not "did not recognise the man in the red jacket")
         r"(?:(?:did|does|do)\s+not|(?:didn|doesn|don)[’']t)\s+recogni[sz]e(?=\s+(?:that|this|these|those|the|such|its|"
         r"their)\s+(?:figures?|numbers?|estimates?|counts?|accounts?|claims?|data|findings?|description|version)\b))")
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
# "said that projection was too optimistic", "this forecast is unrealistic": another source's account, named by a
# pointer and judged wrong
_TOO_FAR = (r"\b(?:that|this|these|those|such|the\s+(?:bank|government|ministry|company)['’]s)\s+"
            r"(?P<judged>projection|forecast|estimate|prediction|outlook|assessment|assumption|view|claim)s?\s+"
            r"(?:was|is|were|are|looked|looks|seemed|seems)\s+(?:(?:far|much|way|overly|rather|still)\s+)?"
            r"(?:too\s+(?:optimistic|pessimistic|rosy|gloomy|high|low|hopeful)|unrealistic|implausible|"
            r"over-?optimistic|wishful)\b")  # ("that figure was still too high" judges a level, not an account)
_DENIAL = re.compile(rf"\b({_DENY}|contradicted|(?:did|do|does)(?: not|n[’']t) believe|"
                     rf"(?:called|branded|labell?ed) (?:the (?:{ACCOUNT_NOUNS}) that [^.;]{{0,200}}?|.{{0,40}}?)"
                     r"\b(?:false|wrong|not credible|baseless|untrue|unfounded|groundless|fabricated|lies)|"
                     r"(?:is|are|was|were) (?:(?:probably|likely|greatly|grossly|vastly|badly) )?(?:false|wrong|untrue|"
                     r"baseless|not credible|inflated|exaggerated|overstated|understated|misleading)|no plans?['\"’”]? to|"
                     r"not (?:true|correct|accurate)|"
                     r"(?:is|was|has been|there's)\s+no\s+(?:evidence|proof)\s+that)\b|"
                     + _OFF_COUNT + "|" + _TOO_FAR,
                     re.I)  # not "no sign of"
# "..., a claim the ministry rejected as 'fabricated'", "..., which the company denies": another source's denial
# told in a clause after the claim it denies (extract states it as that source's claim)
# "..., a claim the ministry called \"unfounded\"": a name that says the claim is false is its denial
_CALLED_FALSE = (r"(?:called|branded|labell?ed)(?=\s+(?:it\s+)?(?:as\s+)?[\"“'‘]?(?:unfounded|baseless|groundless|false|untrue|"
                 r"fabricated|absurd|nonsense|misleading|inaccurate|wrong|ridiculous|lies|a lie|fake)\b)")
DENIED_AFTER = re.compile(rf",\s+(?:(?:a|an)\s+(?P<noun>{ACCOUNT_NOUNS})\s+"
                          r"(?:that\s+|which\s+)?|which\s+)(?P<who>(?:the\s+)?[A-Za-z][\w’'-]*(?:\s+[\w’'-]+){0,4}?)\s+"
                          rf"(?P<verb>{_DENY}|refutes|{_CALLED_FALSE})(?P<rest>[^.;]*)[.;]?\s*$", re.I)


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
_ANAPHOR = re.compile(rf"{_OFF_COUNT}|{_TOO_FAR}|\b(?:{_DENY})\s+(?:(?:[a-z]+ing\s+(?=(?:any\s+)?such\b))?(?:any\s+(?=such\b))?"
                      r"(?:such|that|this|these|those)\s+(?!the\b|a\b|an\b)(?P<head>[a-z]{3,}?)(?:e?s)?\b|"
                      r"(?:it|them|this|that)\b\W*$|(?:it|them)\s+as\b|"
                      # "Carrow denied that, saying it had learned of the fault in October": why, not what
                      r"(?:it|this|that),\s+(?:saying|adding|arguing|insisting)\b|"
                      # "rejected the findings.": the words of the account just given, named by what they are
                      r"the\s+(?:(?P<cmp>higher|lower|larger|smaller|bigger)\s+)?(?P<named>findings?|conclusions?|figures?|claims?|allegations?|accusations?|criticism|"
                      r"account|estimates?)(?:\W*$|\s+as\b|,\s+(?:saying|adding|arguing|insisting)\b))|"
                      # "These allegations are false": the account just given, called false
                      r"^\W*(?:these|those|such|the)\s+(?P<called>allegations|claims|accusations|reports|figures|findings)\s+"
                      r"(?:are|were)\s+(?:completely\s+|totally\s+|simply\s+|entirely\s+)?(?:false|untrue|baseless|wrong|"
                      r"unfounded|lies|incorrect|inaccurate|fabricated|groundless)\b", re.I)
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


# a denial that names a report as what it denies, a claim that reports, a dispute of a denial
_A_REPORT = re.compile(r"\b(?:report|article|story)\b", re.I)
_REPORTED = re.compile(r"\breported\b|\breports\b(?! (?:from|of|that)\b)", re.I)
_DISPUTES_DENIAL = re.compile(r"\bdenials?\b", re.I)


def answered_denials(claims: list[Claim], order: dict[str, int],
                     counts: dict[str, list[tuple[float, str | None]]]) -> list[tuple[Claim, Claim]]:
    """Each denial against the claim it denies, in article order (and, for a bare denial such as "denied that.",
    also against the reason its source gives next). `counts` holds each claim's asserted figures as (value,
    what it counts)."""
    out = []
    for i, c in enumerate(claims):
        if not denies(c.statement):
            continue
        best, bare = _denied_account(c, i, claims, order, counts)
        if best is not None:
            out.append(tuple(sorted((best, c), key=lambda x: order[x.id])))
            reason = _reason(c, claims[i + 1:]) if bare else None
            if reason is not None:  # "X denied that. He said the bill was modelled on US rules": his account
                out.append((best, reason))
    return out


def _denied_account(c: Claim, i: int, claims: list[Claim], order: dict[str, int],
                    counts: dict[str, list[tuple[float, str | None]]]) -> tuple[Claim | None, bool]:
    """The claim that denial `c` (the i-th claim) denies, and whether the denial names it only by a pointer or
    by its deed (so that the reason given next is its source's account)."""
    # what is denied is another source's claim, and not a denial itself (two denials agree), unless it is a
    # denial that is disputed ("called the denial not credible")
    others = [o for o in claims if o is not c and not same_source(o, c) and not o.speaker.is_article
              and (_DISPUTES_DENIAL.search(c.statement) or not denies(o.statement))]
    denied = _denied(c.statement)  # what it denies is someone's claim or report, not the article's own
    pointer = _pointer(c.statement)
    reports = [o for o in others if _REPORTED.search(o.evidence[0].text)]
    owner = _OWNED.search(c.statement) or _OWNER_OF_DENIED.search(denied)
    owned = [o for o in others if owner and name_words(owner.group("owner")) & name_words(speaker_text(o))]
    disputed = _DISPUTES_DENIAL.search(c.statement) and _disputed_denial(c, others, order)
    if disputed:  # "called the denial of closure plans not credible", "did not believe the denial"
        return disputed, False
    if owned:  # "dismissed the treasurer's criticism": the treasurer's claim most like the denial; a figure
        # called inflated is one of their figures
        figure = bool(_FIGURE_WORDS.search(denied))
        return max(owned, key=lambda o: (figure and has_count(o), dice(o.statement, c.statement), -order[o.id])), False
    if _A_REPORT.search(c.statement) and reports:  # "denied a newspaper report that ...": the report
        return max(reports, key=lambda o: dice(o.statement, denied)), False
    if pointer:
        return _pointed_at(c, pointer, [o for o in others if order[o.id] < i][::-1], counts), True
    # the most similar claim, its source's own name aside ("Product Safety Commission" is no account of
    # whether products are safe); a denial answers an account given before it: the most similar earlier one,
    # else a later one (or an earlier one that holds at least two and half of the denied words: a long account
    # of which the denial takes up one part, "at least 14 permits were granted to firms that had paid him")
    related = [o for o in others if (dice(unnamed(o), denied) >= RELATED or order[o.id] < i and _holds(o, denied))
               and (not _advises(o.statement) or _ADVICE.search(denied))]
    best = max([o for o in related if order[o.id] < i] or related, key=lambda o: dice(unnamed(o), denied),
               default=None)
    if best is None and _BLANKET.search(c.statement):  # "has denied any wrongdoing": the nearest earlier accusation
        # that names the denier, else the nearest one of the last few sentences
        accusations = [o for o in others[::-1] if order[o.id] < i and _ACCUSES.search(o.evidence[0].text)]
        mine = [o for o in accusations if name_words(c.speaker.name) & name_words(o.statement)]
        near = [o for o in accusations if sentence_no(c) - sentence_no(o) <= 3
                and _CHARGES.search(o.evidence[0].text)]  # (not "Rescuers found two more bodies")
        return next(iter(mine or near), None), False
    deed = best is None and _deed(c.statement)
    if deed:  # "denied firing first": the nearest account of another source, in the last three sentences, of
        # that deed ("rebel fighters had fired ...")
        return next((o for o in others[::-1] if order[o.id] < i and 0 < sentence_no(c) - sentence_no(o) <= 3
                     and deed.search(unnamed(o)) and not _advises(o.statement)), None), True
    return best, False


# a denial of every charge at once: "denied any wrongdoing", "denies all the allegations", "rejected the charges"
_BLANKET = re.compile(rf"\b(?:{_DENY})\s+(?:any|all)\s+(?:wrongdoing|(?:the\s+)?(?:charges|allegations|accusations))\b|"
                      rf"\b(?:{_DENY})\s+(?:the|these|those)\s+(?:charges|allegations|accusations)\b", re.I)
_CHARGES = re.compile(r"\b(?:alleg\w*|accus\w*|charged|found\s+(?:guilty|that))\b", re.I)
_HEAD_VERB = {"argument": "argu", "explanation": "explain", "reasoning": "reason"}
_ACCUSES = re.compile(r"\b(?:found|accus\w*|alleg\w*|had\s+(?:taken|received|paid|misused|stolen|lied|bullied|abused|"
                      r"hidden|falsified|ignored|covered)|(?:took|received|paid|misused|stole|falsified)\s+(?:bribes|"
                      r"kickbacks|money|funds))\b", re.I)
# what "that argument", "this explanation" point to: what its source has just said (the reason given after it,
# "rejected that argument, saying emails showed ...", answers that, not some other claim it resembles more)
_SAID_JUST_NOW = r"explanation|account|version|argument|reasoning|description"


def _pointed_at(c: Claim, pointer: re.Match, before: list[Claim],
                counts: dict[str, list[tuple[float, str | None]]]) -> Claim | None:
    """What a denial that only points back denies (`before`: the other sources' earlier claims, nearest first):
    the nearest one of the last few sentences that names what is denied first ("such forecasts": the
    forecast, not the quote after it), else the nearest."""
    head = (pointer.group("head") or pointer.group("named") or pointer.group("judged") or pointer.group("called")
            or "").lower().removesuffix("s")
    near = [o for o in before if sentence_no(c) - sentence_no(o) <= 3]  # the last few sentences
    word = _HEAD_VERB.get(head, head)  # "that argument": the claim that argued it
    best = next((o for o in near if word and re.search(rf"\b{re.escape(word)}(?!er|ing)", o.evidence[0].text.lower())),
                before[0] if before else None)
    if pointer.group("called") and best is not None and not re.search(rf"\b{re.escape(word)}", best.evidence[0].text,
                                                                      re.I):
        # "These allegations are false": an account of another source's deeds just given ("found", "accused", "had
        # taken bribes"), not the nearest claim whatever it says
        best = next((o for o in near if _ACCUSES.search(o.evidence[0].text)), None)
    why = _WHY.search(c.statement, pointer.start())
    if why and not re.fullmatch(_SAID_JUST_NOW, pointer.group("head") or "") \
            and not re.search(rf"\b{re.escape(head)}", best.evidence[0].text if best else "", re.I):
        # "rejected the criticism, saying the trial was not designed to measure dialysis rates": the recent
        # account its reason answers ("the trial had not shown any reduction in dialysis"), if one does
        reason = c.statement[why.end():]
        answered = max(near, key=lambda o: dice(unnamed(o), reason), default=None)
        if answered is not None and dice(unnamed(answered), reason) >= RELATED:
            best = answered
    named = pointer.group("named") or ""
    if best is not None and (re.fullmatch(r"claims|allegations|accusations", named) or re.fullmatch(
            _SAID_JUST_NOW, pointer.group("head") or "")) \
            and not re.search(rf"\b{re.escape(head)}", best.evidence[0].text, re.I):
        # "dismissed the claims.", "rejected that explanation": all that source said just before, from its first
        # sentence of them
        run = [best]
        for o in before[1:]:
            if same_source(o, best) and sentence_no(run[-1]) - sentence_no(o) <= 1:
                run.append(o)
            elif not same_source(o, best):
                break
        explains = [o for o in run if _EXPLAINS.search(o.statement)] if pointer.group("head") == "explanation" else []
        # "rejected that explanation": the claim that explains; "that argument": the one just made; "that account",
        # "the claims": all of it, from its first sentence
        best = explains[0] if explains else run[0] if pointer.group("head") in ("argument", "reasoning") else run[-1]
    if pointer.group("count") or pointer.group("figs") or pointer.group("cmp"):  # the nearest account with a count ("some 600
        # operations had been postponed", the ministry's 1,240 cases for "the official figures")
        counted = [o for o in near if any(label for _, label in counts[o.id])  # "fell to 431,000" too,
                   or pointer.group("figs") and counts[o.id]]  # for "the figures"
        official = [o for o in counted if OFFICIAL.search(o.speaker.name)] \
            if re.search(r"\b(?:official|government)", pointer.group(0), re.I) else []
        best = next(iter(official or counted), None)  # "the official figures": the ministry's
        if pointer.group("cmp") and counted:  # "dismissed the higher estimate": the highest count near, not the nearest
            top = {o.id: max(v for v, label in counts[o.id] if label) for o in counted
                   if any(label for _, label in counts[o.id])}
            if top:
                pick = max if pointer.group("cmp").lower() in ("higher", "larger", "bigger") else min
                best = next(o for o in counted if o.id == pick(top, key=top.get))
    return best


def no_loss(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """"No confirmed reports of homes being lost" against the nearest earlier count of homes lost or destroyed
    by another source, in the three sentences before."""
    out = []
    for i, c in enumerate(claims):
        none = _NO_REPORTS.search(c.statement)
        if none is None or c.speaker.is_article:
            continue
        noun = none.group("none").lower().removesuffix("s")
        best = next((o for o in claims[:i][::-1] if not o.speaker.is_article and not same_source(o, c)
                     and 0 < sentence_no(c) - sentence_no(o) <= 3
                     and any(q.unit and q.unit.lower().split()[-1].removesuffix("s") == noun for q in o.quantities)),
                    None)
        if best is not None:
            out.append((best, c))
    return out


# an intent denied: "There are no plans to close any of our sites", "ruled out raising taxes", "will not cut
# rates this year"; the word after it names the act
_NO_INTENT = re.compile(r"\b(?:no (?:plans?|intention|intentions)['\"’”]? (?:to|of)|(?:ruled|rules|rule|ruling) out|"
                        r"(?:will|would) not|won[’']t|(?:is|are|am) not (?:going|planning) to)\s+(?P<act>[a-z]{3,})\b|"
                        r"\b(?:is|are|am)\s+not\s+(?P<doing>[a-z]{3,}ing)\b", re.I)  # "We are not cutting any route"
# a claim that the act will or may happen ("at least one closure looks likely", "closures come next")
_EXPECTS = re.compile(r"\b(?:will|would|likely|probably|expects?|expected|inevitable|bound to|next|soon|"
                      r"plans?(?:ned|ning)? to|preparing to|intends? to|considering|on the cards)\b", re.I)
CONDITIONAL = re.compile(r"\b(?:if|unless|should|provided)\b", re.I)  # "if prices stay high, cuts will follow"
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
                                                                    "suspend", "suspens", "abolish"),
                                       ("delay", "wait"))  # "did not delay this recall" / "waited more than a year"
             for w in group}


# refusals to speak and verbs of no content ("would not comment", "will not have") rule no act out
_NO_ACT = {"hav", "mak", "tak", "giv", "get", "go", "do", "comment", "say", "disclos", "confirm", "specul", "discuss",
           "elaborat", "reveal", "nam", "identify", "answer", "respond"}


def ruled_out(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
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
                        and not CONDITIONAL.search(o.statement[:w.start()]):  # "if prices stay high, cuts will follow"
                    out.append(tuple(sorted((c, o), key=lambda x: order[x.id])))
                    break
    return out


# a deed said never to have been done: "We have never refused to negotiate", "we did not cut the budget"
_NEVER_DID = re.compile(r"\b(?:never|not|n[’']t)\s+(?:(?:have|has|had|been|ever|once)\s+)?(?P<verb>[a-z]{3,}ed)\b|"
                        r"\b(?:did|does|do)\s*(?:not|n[’']t)\s+(?P<base>[a-z]{3,})\b", re.I)


def never_did(claims: list[Claim], order: dict[str, int]) -> list[tuple[Claim, Claim]]:
    """A source that says it never did a deed against the nearest account of another named source, in the three
    sentences before, that it did: "management had refused to meet negotiators for five months" / "We have never
    refused to negotiate" (the same act by its word's stem; the doer named there is the denier, by a word of its
    name or organisation, or a body's word such as "management"; not "he was not injured", a state)."""
    out = []
    for c in claims:
        m = _NEVER_DID.search(c.statement)
        if c.speaker.is_article or m is None or _subject(c.statement[:m.start()]) not in _SELF \
                or re.search(r"\b(?:was|were|is|are|been|be)\s+(?:\w+\s+)?$", c.statement[:m.start()]):
            continue  # its own deed ("We have never refused"), not another's, nor a state ("was not injured")
        act = _stem(m.group("verb") or m.group("base"))
        if act in _NO_ACT or act in _NOT_A_DEED or len(act) < 3:
            continue
        own = name_words(speaker_text(c))
        for o in [o for o in claims if order[o.id] < order[c.id]][::-1]:
            if o.speaker.is_article or same_source(o, c) or not 0 <= sentence_no(c) - sentence_no(o) <= 3:
                continue
            if any(_stem(w.group()) == act and not _NEGATED.search(o.statement[max(0, w.start() - 30):w.start()])
                   and _did_it(o.statement[max(0, w.start() - 60):w.start()], own)
                   for w in re.finditer(r"[A-Za-z]+", o.statement)):
                out.append((o, c))
                break
    return out


# verbs of what befalls or is felt, not of a deed a source could deny doing: "he was not injured", "not expected"
_NOT_A_DEED = {"injur", "damag", "affect", "concern", "expect", "worr", "hurt", "kill", "wound", "surpris", "shock"}
# the words for a body as a doer: "management had refused", "the company had cut"
_BODY_DOER = re.compile(r"\b(?:management|the\s+(?:company|firm|government|ministry|club|board|airline|bank|army|"
                        r"military|police|authorities|council|union|party|federation|employer|owners?|executives?|"
                        r"bosses|directors)|soldiers|troops|officers|guards|staff|employees)\b", re.I)


def _did_it(before: str, own: set[str]) -> bool:
    """The words before an account's verb name the denier as its doer: a word of its name, role or organisation
    ("Haruna Motor knew ... and waited"), or a body's word ("management had refused"), not a pronoun of the
    account's own source ("it had raised its prices")."""
    if _subject(before) in _SELF | {""}:
        return False
    return bool(own & name_words(before)) or bool(_BODY_DOER.search(before[-40:]))


_SELF = {"we", "i", "it", "he", "she", "they"}
_AUXILIARIES = {"have", "has", "had", "did", "does", "do", "was", "were", "is", "are", "been", "ever", "never", "not",
                "also", "repeatedly", "always", "once"}


def _subject(before: str) -> str:
    """The word before a verb, auxiliaries and "not" aside: who did (or did not do) it."""
    words = [w.lower() for w in re.findall(r"[A-Za-z’']+", before)]
    while words and (words[-1] in _AUXILIARIES or words[-1].endswith(("n't", "n’t"))):
        words.pop()
    return words[-1] if words else ""


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


def _pointer(statement: str) -> re.Match | None:
    """Where a denial names what it denies only by pointing back: "denied it", "dismissed that estimate.",
    "rejected the findings." (not "denied that it ...", which says what)."""
    pointer = _ANAPHOR.search(statement)
    if pointer and _denied(statement) != statement and not (pointer.group("head") and (
            not statement[pointer.end():].strip(" .\"'”’") or _WHY.match(statement[pointer.end():])
            and _ACCOUNT.fullmatch(pointer.group("head")))) \
            and not pointer.group("judged") and not pointer.group("called"):
        return None
    return pointer


_EXPLAINS = re.compile(r"\b(?:because|due to|caused by|blamed|forced|owing to|as a result|the result of|down to|"
                       r"led to|reason)\b", re.I)
# what names an account ("that concern", not "that request", which asked for something)
_ACCOUNT = re.compile(r"concern|claim|account|suggestion|allegation|accusation|criticism|view|assessment|estimate|"
                      r"figure|number|characteri[sz]ation|description|version|argument|report|charge|idea|theory|"
                      r"warning|prediction|forecast|projection|finding|conclusion", re.I)
# "dismissed that concern, saying core inflation had fallen": the pointer, then why
_WHY = re.compile(r",\s+(?:saying|adding|arguing|insisting|noting|pointing out)\b")


def points_back(statement: str) -> bool:
    """A denial that cannot be read without the claim it answers ("The ONS said it did not recognise that
    figure.")."""
    return denies(statement) and _pointer(statement) is not None


def denies(text: str) -> bool:
    """The text denies something itself, not only tells of another source's denial after its claim."""
    text = DENIED_AFTER.sub("", text)
    return bool(_DENIAL.search(text) or (m := _ANAPHOR.search(text)) and m.group("called"))  # "These claims are lies"


def names_what_it_denies(statement: str) -> bool:
    """A denial that states what it denies: 'denied a newspaper report that it plans to close three plants'."""
    return bool(_DENIAL.search(statement) and _OBJECT[0].search(statement))


def _holds(c: Claim, denied: str) -> bool:
    """The claim holds at least two of the denied words and at least half of them."""
    words = content_words(denied)
    shared = words & content_words(unnamed(c))
    return len(shared) >= 2 and 2 * len(shared) >= len(words)


def _denied(statement: str) -> str:
    """What a denial denies ('X denied a report that it plans to close ...' -> 'it plans to close ...';
    'X said the debt figure was plausible but that the cuts were overstated' -> 'the cuts')."""
    for rx in _OBJECT:
        m = rx.search(statement)
        if m:
            obj = re.split(r"[\"”]", m.group("obj"))[0]  # up to the end of the quote, its attribution aside
            return re.split(r"\b(?:that|said|says)\s+", obj)[-1]
    return statement


def _reason(denial: Claim, after: list[Claim]) -> Claim | None:
    """What a bare denial ("denied that.", "disputed that.") goes on to say: its source's claim of the next
    sentence, when that is not a further denial."""
    nxt = next((o for o in after if sentence_no(o) > sentence_no(denial)), None)
    if nxt is None or sentence_no(nxt) != sentence_no(denial) + 1 or not same_source(nxt, denial) \
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


def sentence_no(c: Claim) -> int:
    """The number of the sentence a claim's first evidence is in ("s12" -> 12)."""
    m = re.search(r"\d+", c.evidence[0].sentence_id)
    return int(m.group()) if m else 0
