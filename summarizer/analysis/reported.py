"""Who speaks in each sentence, read by rule from the article's own wording: reported speech ("X said",
"..., X told Reuters", "said X", "according to X", "X's statement said"), and pronoun or definite-
description subjects ("It noted", "she said", "the ministry added") resolved to the nearest earlier named
source of the matching kind. Relays (outlets a speaker told, platforms a post was on), venues ("a news
conference") and data ("official data") are never the speaker. English news wording, no site strings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.analysis.vocabulary import (ACCOUNT_NOUNS, BODY_NOUN, COMPANY_ENDS, COMPANY_NAME, COMPANY_WORDS,
                                            GENERIC_COMPANY, KNOWN_OUTLETS, NAME_ENDS, NOT_A_PERSON, NOT_COMPANY,
                                            ORG_NOUNS, ORG_WORDS, OUTLET_WORDS,
                                            PAPER, PERSON_ROLES, PLATFORMS)
from summarizer.models import Document

VERBS = (r"said|says|say|told|tells|added|adds|noted|notes|wrote|writes|stated|states|announced|announces|"
         r"reported|reports|warned|warns|estimated|estimates|assessed|explained|claimed|claims|denied|denies|"
         r"insisted|insists|insist|contends|contended|concedes|acknowledges|argued|argues|confirmed|confirms|"
         r"acknowledged|predicted|predicts|forecast|stressed|maintained|"
         r"posted|replied|responded|countered|rejected|rejects|disputed|dismissed|conceded|cautioned|"
         r"called|described|urged|accused(?!\s+of\b)|alleged|alleges|allege|criticised|criticized|welcomed|promised|"
         r"pledged|vowed|expects|"
         r"found|finds|showed|shows|concluded|concludes|recommends|recommended|projects|projected|"
         r"believes|thinks|admitted|admits|recalled|complained|agreed|declared|declares|informed|thanked|"
         r"puts? the (?:figure|number|toll|cost)|puts? (?:the|its|their) [\w\s-]{1,40}? at (?=(?:about|around|roughly|"
         r"nearly|almost|some|just|only|below|above|under|over|more|less|fewer|up to|between|close to|[$€£]|\d))|"
         r"told reporters|said in a statement")
VENUES = re.compile(r"^(a |the )?([a-z]+ )?(news|press) (conference|briefing)|^(a |an |the )?(briefing|interview|hearing|"
                    r"summit|meeting|session|rally|speech)\b", re.I)
DATA = re.compile(r"^(official |government |latest |new |preliminary )?(data|figures|statistics|numbers|estimates?)$",
                  re.I)
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĨĪĮİĴĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_OPENERS = r"(?:But|And|Yet|So|Still|However|Meanwhile|Instead|Now|Then)"  # open a sentence, name nobody
# "Modeva's board was told": who is told does not speak (but "Analysts who are close to the bank said" do)
_PASSIVE = r"(?:was|were|is|are|be|been|being)\s+(?:told|informed|asked|warned|briefed|notified|advised|assured)"
# sources named by a plural noun alone: "..., prosecutors said", "..., local officials told Reuters"
_BARE_SOURCES = (r"officials|prosecutors|investigators|analysts|witnesses|residents|doctors|economists|experts|"
                 r"researchers|scientists|diplomats|sources|activists|authorities|rescuers|medics|lawmakers|"
                 r"organi[sz]ers|villagers|survivors|police|paramedics|firefighters|campaigners|traders|farmers")
_ADVERBS_WORDS = r"(?:also|later|previously|again|have|had|has)\s+"
_NP = (rf"(?P<np>(?!{_OPENERS}\b(?![-'’]))"  # "But several said"
       rf"(?:(?:[a-z][\w'’-]*\s){{0,4}}[{_UP}][\w'’.-]*|the|The|a|A|an|An|its|His|his|Her|her|Its|their|Their|"
       rf"(?:(?!(?:which|who|whom|that|as|what)\b)[a-z][\w'’-]*\s){{0,2}}(?:{_BARE_SOURCES})"
       rf"(?=\s+(?:{_ADVERBS_WORDS})?(?:said|say|says|told|added)\b)|"
       r"he|He|she|She|it|It|they|They|we|We|"
       # "two people familiar with the matter told Bloomberg"
       r"(?:(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]everal|[Oo]ne|[Aa] few) )?(?:[Pp]eople|[Pp]ersons?|[Ss]ources?|"
       r"[Oo]fficials?|[Ee]xecutives?|[Dd]iplomats?) (?:familiar with|close to|briefed on|with knowledge of)\b)"
       rf"(?:[ -](?:[{_UP}][\w'’.-]*[?!]?|&|(?!according\b|said\b|says\b|{_PASSIVE}\b)[a-z][\w'’-]*(?<!ed)|\(?[A-Z]{{2,}}\)?|"
       r"\d[\d,.]*-[a-z][\w-]*))"  # "The 240-page ruling"
       r"{0,14}?)")
_APPOSITION = r"(?:,(?P<appos>(?:[^,]|,\d){2,120}),)?"
_ADVERBS = r"(?:has |had |have |also |later |previously |again |on \w+ |last \w+ |in a \w+ )*"
_CONJUNCTION = rf"(?:{_OPENERS},?\s+)?"
_SUBJECT_FIRST = re.compile(rf"^(?:[^,\"“]{{0,60}}?,\s+)??{_CONJUNCTION}{_NP}{_APPOSITION}\s+{_ADVERBS}(?P<verb>{VERBS})\b", re.S)
# "The regulator on Monday ordered a recall, saying a heating element had caused 41 fires": the subject of
# the main clause says what follows "saying"
_DID = r"(?:[a-z]+ed|took|made|cut|sent|won|lost|set|put|gave|held|began|issued|ordered)\b"  # the verb of a deed
_SAYING = re.compile(rf"^(?:[^,\"“]{{0,60}}?,\s+)??{_NP}{_APPOSITION}\s+{_ADVERBS}{_DID}[^\"“;]*?,\s+"
                     r"(?:saying|adding|warning|arguing|noting|claiming|insisting)\b", re.S)
# a denial told after the claim it answers ("..., a claim the ministry rejected", "..., an account residents
# disputed"): its own source's claim (clauses.with_denials_after), not who says the sentence
_ANSWERED = re.compile(rf",\s+(?:a|an)\s+(?:{ACCOUNT_NOUNS})\s+(?:[^,;\"“”]|[\"“][^\"“”]*[\"”])*[.;]?\s*$", re.I)
# "Justice Minister Ieva Kairyte declined to comment on the trial but said ...": the subject of the first verb
# says what follows the second
_AND_SAID = re.compile(rf"^(?:[^,\"“]{{0,60}}?,\s+)??{_NP}{_APPOSITION}\s+{_ADVERBS}"
                       rf"(?:(?:was|were|is|are|has|have|had)\s+(?:been\s+)?)?{_DID}"
                       r"(?:(?!\b(?:who|which|whose|that)\b)[^\"“;])*?,?\s+"  # (not "the board sacked Hay, who ...")
                       r"(?:but|and)\s+(?:also\s+)?(?P<verb>said|says|told|tells|added|warned|insisted|stressed)\b"
                       r"(?!\s+to\b)", re.S)  # ("was detained and said to be cooperating": no speech)
_TRAILING = re.compile(rf"[,\"”]\s*{_NP}{_APPOSITION},?\s+{_ADVERBS}(?P<verb>{VERBS})\b(?P<rest>[^\"“]*)$")
# "Open-source reports suggest that ...", "Western estimates show ...": a document noun, then the verb
_DOC_SUBJECT = re.compile(r"^(?P<np>(?:[\w'’-]+\s){0,4}(?:reports?|estimates?|figures|data|documents?|assessments?|analys[ie]s|"
                          r"sources|surveys?|studies|study|polls?)(?:\s+(?:by|from|of)(?:\s+(?:\d{1,3}(?:,\d{3})+|[\w&'’.-]+)){1,6}?)?"
                          # "A poll by the Caucasus Research Resource Centers", "A survey of 1,500 residents"
                          r"(?:,?\s+(?:published|released|conducted|commissioned|carried out)\s+by\s[^,;\"“]{2,60}?)?)"
                          # "A report published by the Rivers Trust on Tuesday": its author, in the noun phrase
                          r"(?:,?\s+(?:published|released|conducted|commissioned|carried)\b[^,;\"“]{0,60}?,?)?"
                          r"\s+(?:suggest(?:s|ed)?|says?|said|shows?|showed|indicat(?:es?|ed)|claim(?:s|ed)?|"
                          r"estimat(?:es?|ed)|finds?|found)\b", re.I)
# "..., the survey found": a document named in a trailing clause is where the words come from, even when
# the sentence opens with the people it counts ("Nearly two-thirds of voters said ..., the survey found")
# a document's appositive that names who saw it, not who speaks: "The audit, seen by Reuters, found ..."
_SEEN_BY = re.compile(r"^(?:seen|obtained|reviewed|viewed|leaked|shared)\s+(?:by|to)\s+(?P<by>.+)$", re.I)
_DOC_BEFORE = re.compile(r"(?P<doc>\b(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+){0,3}?(?:audit|report|document|memo|letter|study|"
                         r"review|assessment|analysis|survey|filing|email|draft|minutes|dossier))\s*,\s*$")
_TRAILING_DOC = re.compile(r"\b(?:report|survey|poll|study|statement|assessment|analysis|review)s?$", re.I)
_INVERTED = re.compile(rf"[,\"”]\s*(?:said|says|added|wrote)\s+{_NP}{_APPOSITION}(?:[,.]|$)")
# '"...," said its director, Anne-Marie Giroux.': the name closing the sentence is who speaks
_INVERTED_NAMED = re.compile(rf"[,\"”]\s*(?:said|says|added|wrote)\s+{_NP},\s*"
                             rf"(?P<appos>(?:[a-z][\w'’-]*\s+){{0,4}}[{_UP}][\w'’.-]*(?:[ -][{_UP}][\w'’.-]*){{1,3}})\.?\s*$")
# (or a description and the name: '"...," said the association's president, former defender Camilo Zuluaga.')
_ACCORDING = re.compile(r"\b(?:according to|as stated by|as reported by|as said by|as estimated by) "
                        r"(?P<np>[^,;:()\"“”]{2,90})", re.I)
_TOLD = re.compile(r"\btold (?P<np>(?:the )?[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3}(?: (?:programme|program|podcast))?|"
                   r"reporters|journalists)")
_PROGRAMME = re.compile(r" (?:programme|program|podcast)$")
# "told the newspaper Levante", "told radio station RPP", "told Greece's public broadcaster ERT": an outlet the
# wording names as one
_TOLD_OUTLET = re.compile(r"\b(?i:told|in an interview with|speaking to|writing in) (?:the )?(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?['’]s )?"
                          r"(?:[A-Za-z]+ )?(?:newspaper|daily|"
                          r"weekly|broadcaster|radio station|radio|station|television|channel|magazine|news agency|"
                          r"news site|website|outlet|paper) (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
                          r"(?P<np>[A-Z][\w'’.&-]*(?: (?:(?:de|da|do|della|del|di|am|la|le|el) )?[A-Z0-9][\w'’.&-]*){0,3})")
# "said in an interview with Sky TG24": a broadcaster or paper (not a person: "in an interview with John Smith")
_INTERVIEW = re.compile(r"\b(?i:in|during) an? (?:interview|podcast|broadcast) (?:with|on|to) (?P<np>(?:the )?[A-Z][\w.&-]*"
                        r"(?: [A-Z0-9][\w.&-]*){0,3})")  # (a possessive ends it: "CNN's Jake Tapper" is CNN's)
# "told the Sunday Review programme on ABN": the broadcaster of a programme relays it too
_BROADCASTER = re.compile(r"\b(?:programme|program|podcast|show)\s+on\s+(?P<np>(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
                          r"[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3})")
_ON_PLATFORM = re.compile(r"\b(?:on|via|in a post on|posted on|in a statement on|on (?:the )?(?:[\w'’]+ )*)"
                          r"(?P<np>X|Twitter|Facebook|Telegram|Instagram|YouTube|TikTok|WeChat|Weibo|LinkedIn)\b")
# "surveyed by the daily X had expected": the outlet's name ends where a verb begins
_VERB_TAIL = re.compile(r"\s+(?:had|has|have|was|were|is|are|would|will|could|said|says|expected|expects|"
                        r"forecast|predicted|estimated)\b.*$", re.I)
_CARRIED = re.compile(r"\b(?:carried|published|released|broadcast|reported|surveyed|polled|quoted|cited) by "
                      r"(?P<np>[^,.;]{2,60})")
# a person as the subject of the article's own sentence, introduced by age or home ("Margaret Lyall, 71, from
# Dundee, has waited ..."), as features and human-interest paragraphs introduce the people they quote next
_PERSON_SUBJECT = re.compile(rf"^(?P<name>[{_UP}][\w'’-]+(?:\s+[{_UP}][\w'’-]+){{1,3}}),\s+(?:\d{{1,3}}|a\s+[\w -]{{3,40}}?"
                             r"|who\s+[^,]{3,60}?),")
PRONOUN_KINDS = {"he": "person", "she": "person", "it": "organisation", "they": "group", "we": "group", "i": "person"}
_DEFINITE = re.compile(r"^(?:[Tt]he|[Tt]his|[Tt]hat) (?P<head>(?:[A-Za-z][a-z]*-[a-z]+ |[a-z]+ )?[a-z]+)$")  # "the
# ministry", "the health ministry", "the Rome-based airline"
_NAME_OF_BODY = re.compile(r"^(?P<who>[^,]+?)\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][^,]*$")  # "Dr Helena Marsh of the LSHTM"
_PLAIN_DEFINITE = re.compile(r"^(?:[Tt]he|[Tt]his|[Tt]hat) [a-z]+(?: [a-z]+)?$")  # "the ministry" names nobody alone
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.I)


_DOC = re.compile(r"^(?:(?:[Aa]|[Aa]n|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+)?(?:[\w-]+\s+){0,3}?"
                  r"(?P<doc>report|statement|post|update|bulletin|assessment|survey|poll|study|analysis|review|document|audit|"
                  r"release|data|figures|estimate|ruling|judgment|judgement|verdict|indictment|filing|lawsuit|"
                  r"minute)s?\b"
                  r"(?P<rest>.*)$")
_OWNER = re.compile(r"\b(?:published|released|issued|posted|carried|produced|compiled|put out)?\s*(?:on \w+ )?"
                    r"(?:by|from|of|on|in)\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:last|this|next)\b|"
                    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
                    r"(?P<owner>(?:the |a |an )?[\w'’ -]{2,60}?)(?:'s?|’s?)?"
                    r"(?:\s+(?:X|Twitter|Facebook|Telegram|website|account|channel|page)\b.*)?$")
# the people a survey asked or a study looked at: "of 1,500 residents", "of small businesses"
_SAMPLE = re.compile(r"\s+of\s+(?:(?!(?:published|released|conducted|commissioned|carried|by)\b)[^,;])+?"
                     r"(?=\s+(?:published|released|conducted|commissioned|carried|by)\b|\s*$)")
_SAMPLED = {"survey", "study", "poll", "review", "analysis", "assessment"}
QUOTE_MARKS = re.compile(r"[\"“”]")


@dataclass
class Source:
    """A named source as the article gives it, what kind of source it is, and the descriptions the
    article has used for it ("the report", "the ministry")."""
    name: str
    kind: str  # "person", "organisation", "group", "outlet", or "name" (a person or a body)
    aliases: set[str] = field(default_factory=set)

    def words(self) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]+", self.name)} | self.aliases


@dataclass
class Reading:
    """What the wording of one sentence says about who speaks in it."""
    speaker: Source | None = None  # None: no reported speech; the article's own voice
    relays: list[str] = field(default_factory=list)
    how: str = ""  # which rule found it ("said-clause", "according to", "pronoun" ...)
    quote: bool = False  # the sentence quotes someone's words


_DESCRIBED_PERSON = re.compile(rf"^(?P<desc>(?:[\w'’.-]+\s+)+)(?P<who>[{_UP}][\w'’-]+(?:\s+[{_UP}][\w'’-]+)+)$")


# a document a pronoun owns: "Its own estimate", "their figures"
_OWN_DOC = re.compile(r"^(?P<p>[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:estimates?|reports?|figures|"
                      r"data|count|analysis|survey|study|statement|calculations?|research|modelling|modeling)$")
_POSSESSIVE = {"its": "it", "their": "they", "his": "he", "her": "she"}


# a body named as "X of Y" or by a word that ends a body's name, whatever role word its name holds
_BODY_OF = re.compile(rf"^(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{ORG_NOUNS}|system)\s+(?:of|for)\s+[A-Z]|"
                      r"\s(?:Trust|Foundation|System|Fund|Institute)$", re.I)


# words that describe only people, before the one noun that names them: "the veteran broadcaster" is a
# person, where "the state broadcaster" is an outlet; "a retired teacher", "the longtime resident"
_PERSON_ONLY = re.compile(r"^(?:the\s+|a\s+|an\s+)?(?:veteran|longtime|long-time|retired|elderly|teenage|"
                          r"late)\s+[a-z][\w'’-]*$", re.I)


def kind_of(name: str) -> str:
    low = name.lower()
    bare = _LEAD.sub("", low)
    if _PERSON_ONLY.match(name):
        return "person"
    if bare in PLATFORMS or bare in KNOWN_OUTLETS or OUTLET_WORDS.search(name) and not ORG_WORDS.search(name) \
            and not VENUES.match(name) or PAPER.search(name):  # "a news conference" is where, not who relays
        return "outlet"
    described = _DESCRIBED_PERSON.match(name)  # "union organiser Fiona McLeod", "Council director Elin Sand": a
    if described and not ORG_WORDS.search(described.group("who")):  # person, whatever body the description names
        desc = _LEAD.sub("", described.group("desc")).strip()
        if desc and (desc == desc.lower() or PERSON_ROLES.search(desc) or desc.endswith(" member")) \
                and not ORG_WORDS.fullmatch(desc.split()[-1]):  # ("Council member Marta Kolodziej")
            return "person"
    if _BODY_OF.search(name):
        return "organisation"  # "the Office of the Police and Crime Commissioner", "the Teacher Retirement System"
    last = name.split()[-1] if name.split() else ""
    if last and PERSON_ROLES.fullmatch(last) and not ORG_WORDS.fullmatch(last):
        return "person"  # "a company spokeswoman", "An agency official": a person of the body named before
    if ORG_WORDS.search(name):
        return "organisation"
    if PERSON_ROLES.search(name):
        return "person"
    if re.search(rf"\b[{_UP}][\w'’-]+ [{_UP}][\w'’-]+", name):
        return "name"  # 'Carmen Dopazo' or 'Health Canada': a person or a body
    if bare in PRONOUN_KINDS:
        return PRONOUN_KINDS[bare]
    return "organisation" if name[:1].isupper() else "group"


def described_person(name: str) -> tuple[str, str] | None:
    """(description, name) of a person the article names with a role before the name ("Commission chair
    Marta Lindqvist", "party spokesman Tomas Berg"); None for anything else ("the monitoring group Clean
    Ballot Network", "Marta Lindqvist")."""
    m = _DESCRIBED_PERSON.match(name)
    if m is None or kind_of(name) != "person":
        return None
    desc = _LEAD.sub("", m.group("desc")).strip()
    last = desc.split()[-1] if desc.split() else ""
    if not (PERSON_ROLES.fullmatch(last) or last.lower() == "member") or ORG_WORDS.fullmatch(last):
        return None
    return desc, m.group("who")


def is_document(name: str) -> bool:
    """The source is a document named by its kind ("the minutes", "the 40-page report"), which has no role."""
    m = _DOC.match(name.strip())
    return m is not None and not m.group("rest").strip()


def _doc_end(np: str, m: re.Match) -> int:
    """Where a document noun ends, its plural 's' kept ('court documents', not 'court document')."""
    return m.end("doc") + (np[m.end("doc"):m.end("doc") + 1] == "s")


def nearest(named: list, want: str):
    """The most recent source (of `named`, oldest first) a pronoun of kind `want` can stand for: 'he' or
    'she' a person or a bare name, 'they' a group or body, 'it' a body or a bare name ('Health Canada said
    ... It said')."""
    def fits(kind: str) -> bool:
        return (kind == want or (want == "organisation" and kind == "outlet")
                or (want == "group" and kind in ("organisation", "group"))
                or (kind == "name" and want in ("person", "organisation")))
    return next((s for s in reversed(named) if s is not None and fits(s.kind)), None)


# "Analysts at Peel Hunt", "economists at the University of Belgrade": experts named by where they work
_EXPERTS_AT = re.compile(r"^(?P<who>(?:[\w'’-]+\s+){0,3}?(?i:analysts?|economists?|strategists?|researchers?|"
                         r"scientists?|experts?|officials?|doctors?|lawyers?|diplomats?|traders?|investors?))\s+"
                         r"(?:at|from|with)\s+(?!(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
                         r"(?P<org>(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|&\s+|for\s+)?[A-Z][\w&'’.-]*)*)")


# "Prices rose and the bank said", "The river burst its banks and residents said": a clause of its own, then the
# speaker (not "officials and residents said", nor "Analysts who are close to the bank said")
_FIRST_CLAUSE = re.compile(r"^(?:(?!\b(?:who|which|that|whose)\b).)+?(?<!\bthe )(?<!\ba )(?<!\ban )"
                           r"\b(?:(?:rose|fell|went|came|grew|ran|saw|broke|began|sank|flew|drove|is|are|was|were)\b|"
                           # (a form that is also a participle only with its object: "burst its banks", not "the
                           # flats hit by the fire", "the men held at the prison", "cut-price")
                           r"(?:burst|hit|cut|left|held|took|made|won|lost|sent|kept|gave|put|set|shut|struck|spread)"
                           r"\s+(?:its|their|his|her|the|a|an|more|up|down|off|out)\b)"
                           r".*?\s+(?:and|but)\s+(?=\S)", re.S)


def _clean(np: str) -> str:
    np = re.sub(r"^(?:and|but|while|as|so|then|according to|by|from)\s+", "", np.strip())
    experts = _EXPERTS_AT.match(np)
    if experts:
        return experts.group(0)
    np = re.sub(r"(?<!\bbriefed)\s+(?:on|in|at|last|this|late|early|earlier|later|who|which|whose)\s+.*$", "", np.strip())
    np = re.sub(r"[\s,.'’]+$", "", np)
    person = re.match(r"(?P<who>.+?) of (?:the )?\S.*$", np)  # "Dr Samuel Okafor of the University of Waterloo"
    if person and (_is_name(_TITLES.sub("", person.group("who"))) or kind_of(person.group("who")) == "person") \
            and len(person.group("who").split()) >= 2 \
            and not ORG_WORDS.search(person.group("who")) and not re.match(r"the\b", person.group("who"), re.I):
        np = person.group("who")
    return np


_TITLES = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Prof|Professor|Sir|Dame)\.?\s+")


def _is_name(text: str) -> bool:
    """A proper name: capitalised words ('Rosa Elena Huamán', 'Carmen Dopazo')."""
    words = text.split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words if w.lower() not in ("de", "da", "van", "von",
                                                                                        "al", "bin", "del", "la"))


def _not_a_speaker(np: str) -> bool:
    bare = _LEAD.sub("", np.lower()).strip()
    return (not bare or bare in PLATFORMS or bool(VENUES.match(np)) or bool(DATA.match(_LEAD.sub("", np)))
            or bare in {"reporters", "journalists", "sources", "people", "residents", "officials"})


def _another_description(name: str, head: str) -> bool:
    """Whether an unnamed body ("the utility") is not the one a later noun means ("the airline"); a generic
    noun ("the company") on either side may be the same body."""
    last = name.split()[-1].lower()
    return bool(_PLAIN_DEFINITE.match(name)) and head not in GENERIC_COMPANY and last not in GENERIC_COMPANY \
        and last != head


_PUBLIC_BODY = {"office", "agency", "ministry", "department", "bureau", "authority", "institute", "service", "board",
                "commission", "council"}


def _other_kind(s: Source, modifier: list[str], head: str) -> bool:
    """'The health ministry' is not the defence ministry named before it: the description's modifier is
    not the source's, and the source's name puts another word before the same head."""
    if not modifier or modifier[0] in s.words():
        return False
    before = re.search(rf"([\w'’-]+)\s+{re.escape(head)}\b", s.name.lower())
    return before is not None and before.group(1) not in ("the", "a", "an", "its", "their", "his", "her")


# a sentence that opens with a name and its verb: "Rovers have not agreed ...", "Carrow will recall ..."
_OPENING_NAME = re.compile(rf"^(?P<name>[{_UP}][\w'’&-]+(?:\s+[{_UP}][\w'’&-]+){{0,3}})\s+(?:(?:has|have|had|is|are|was|"
                           r"were|will|would|did|does|do|can|could)\s+)?(?:not\s+|never\s+)?[a-z]+\b")
_COMPANY_NOUN = re.compile(COMPANY_WORDS)  # "the company", "the carmaker"
# a company a sentence names as another's rival, partner or hire is not the one that speaks
_OTHER_COMPANY = re.compile(r"\b(?:rivals?|competitors?|peers?|hired|by|with|against|from|than|like|unlike|including|"
                            r"acquired|bought|versus|and)\s+(?:[\w-]+\s+)?$", re.I)
_DESCRIBED_COMPANY = re.compile(rf"\b(?:[a-z]*maker|{COMPANY_WORDS})\s+(?P<name>[{_UP}][\w&'’-]+(?:\s+[{_UP}][\w&'’-]+){{0,3}})")
# titles before a surname that are no first name: "Coach Bell", "Judge Morris"
_NAME_TITLES = {"coach", "judge", "justice", "captain", "sergeant", "detective", "inspector", "officer", "agent", "bishop",
           "father", "sister", "brother", "rabbi", "imam", "pastor", "reverend", "prince", "princess", "president",
           "senator", "governor", "mayor", "minister", "chancellor", "premier", "professor", "doctor", "nova", "san",
           "santa", "port", "fort", "mount", "lake", "cape"}
# words that open a sentence before a name without being its first name: "Unlike Holm, ...", "If Holm wins"
_OPENERS = {"unlike", "if", "both", "when", "after", "while", "before", "as", "since", "without", "though", "although",
            "despite", "under", "over", "like", "because", "once", "until", "unless", "whether", "where", "why", "how",
            "what", "then", "also", "even", "only", "just", "all", "many", "some", "most", "each", "every", "neither",
            "either", "no", "not", "against", "beside", "besides", "including", "except", "meanwhile", "however",
            "yesterday", "today", "asked", "told", "says", "said", "according", "supporters", "critics", "rivals"}
# a reporting verb negated is no speech act: "have not agreed", "did not say"
_NOT_SAID = re.compile(r"\b(?:not|never|n[’']t)\s*$", re.I)
# capitalised words that open a sentence or a title, not a first name
_NOT_FIRST = {"the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "and", "but", "mr", "mrs", "ms", "dr",
              "sir", "lord", "lady", "saint", "st", "new", "north", "south", "east", "west", "northern", "southern",
              "eastern", "western", "central", "united", "great", "royal", "national", "federal", "state", "city"}


class Reader:
    """Reads a document's sentences in order, remembering the sources named so far."""

    def __init__(self, text: str = "") -> None:
        self.named: list[Source] = []
        self.seen: list[str] = []  # the sentences read so far
        self.spoke: list[bool] = []  # whether an organisation spoke in each of them
        self.text = text  # the whole article: where a sentence's subject is seen to be a name
        self.subject: str | None = None  # the name that opens the sentence being read
        self.current = ""  # the sentence being read
        self.last: Reading | None = None

    def _resolve(self, np: str) -> Source | None:
        low = np.lower().strip()
        if low in PRONOUN_KINDS:
            return nearest(self.named, PRONOUN_KINDS[low])
        if re.fullmatch(rf"[{_UP}][\w'’-]+", np.strip()):  # a surname alone: the person named in full before
            found = next((s for s in reversed(self.named) if s.kind in ("person", "name")
                          and len(s.name.split()) > 1 and s.name.split()[-1] == np.strip()), None)
            if found is not None:
                return found
            return self._mentioned(np.strip())
        m = _DEFINITE.match(np.strip())
        if m:
            *modifier, head = m.group("head").lower().split()
            for s in reversed(self.named):
                if head in s.words() and not _other_kind(s, modifier, head) \
                        and not (_PLAIN_DEFINITE.match(s.name) and _COMPANY_NOUN.fullmatch(head)) \
                        and not (s.kind == "person" and ORG_WORDS.fullmatch(head)):  # "the union" is not
                    return s  # "Union secretary Maria Costa": a body, not the person whose role names it
            last = self.named[-1] if self.named else None
            if modifier and last is not None and last.kind in ("organisation", "name") and head in _PUBLIC_BODY \
                    and not _PUBLIC_BODY & {w.lower() for w in last.name.split()} \
                    and self.last is not None and self.last.speaker is not None \
                    and self.last.speaker.name == last.name and len(modifier[-1]) > 4 \
                    and any(len(w) >= 4 and modifier[-1].startswith(w.rstrip("s")[:5]) for w in last.words()):
                return last  # "..., Stats NZ said. The median was NZ$772,000, the statistics office said": its
                # name shortens the description's word, and it spoke just before
            if not modifier and (body := self._mentioned_body(head)) is not None:
                return body  # "The Reserve Bank of New Zealand cut its rate ... The bank forecast": that bank
            if head in NAME_ENDS and (body := self._lead_company(head)) is not None:
                return body  # "Tirrena Air cancelled about 180 flights ... The Rome-based airline said": Tirrena Air
            if not modifier and _COMPANY_NOUN.fullmatch(head):  # "Carrow, the Dutch maker of electric scooters,
                # said ... The company said": the company that spoke last, not a ministry, person or outlet
                spoke = next((s for s in reversed(self.named) if not NOT_COMPANY.search(s.name) and (
                    s.kind == "organisation" or s.kind == "name" and (len(s.name.split()) == 1 or COMPANY_NAME.search(s.name)))
                    and not _another_description(s.name, head)), None)
                # else the company its own sentence describes as one: "Japanese automaker Haruna Motor is recalling
                # ..., the company said"
                own = next((m for m in _DESCRIBED_COMPANY.finditer(self.current) if not _OTHER_COMPANY.search(
                    self.current[max(0, m.start() - 30):m.start()])), None) if spoke is None else None
                return spoke or (Source(own.group("name"), "organisation") if own else None) \
                    or (self._lead_company(head) if head in ("company", "firm") else None)  # else the company the
                # lead opens with ("Silvara Semiconductor has ..."); "the group" may be any group named since
        return None

    def _mentioned_body(self, head: str) -> Source | None:
        """A body the article named before as the subject of a sentence without quoting it, whose name has the
        description's noun ("The Reserve Bank of New Zealand cut its rate" ... "the bank forecast"): the nearest
        such subject, unless an organisation has spoken since (which "the group" may mean: "Human Rights Watch
        said" after "Wagner Group fought in Mali"). A body named as an object ("since Britain left the
        European Union") is not what "the union" means."""
        rx = re.compile(rf"^(?:(?:{_OPENERS}),?\s+)?(?P<the>[Tt]he\s+)?(?P<name>(?:[{_UP}][\w'’&-]*\s+){{0,4}}"
                        rf"{re.escape(head.capitalize())}(?:\s+of(?:\s+(?:the\s+)?[{_UP}][\w'’-]*)+)?)\b")
        for text, spoke in zip(reversed(self.seen), reversed(self.spoke)):
            if spoke:
                return None
            m = rx.match(text)  # as the article writes it: "the Reserve Bank of ...", "Halden Bank"
            if m and (len(m.group("name").split()) > 1):
                return Source(("the " if m.group("the") else "") + m.group("name"), "organisation")
        return None

    def _lead_company(self, head: str) -> Source | None:
        """The story's own company for a company noun ("the airline", "the carmaker"): the name the lead opens
        with ("Tirrena Air cancelled ..."), when its last word is one for the noun and no organisation has
        spoken since; in the lead itself, the name it opens with ("Tirrena Air cancelled 180 flights, the
        airline said")."""
        lead = self.seen[0] if self.seen else self.current
        if not lead or any(self.spoke):
            return None
        m = _OPENING_NAME.match(re.sub(r"^The\s+", "", lead))
        ends = NAME_ENDS.get(head, COMPANY_ENDS)  # "the airline": Air, Airways ...; "the company": any company's
        return Source(m.group("name"), "organisation") if m and re.search(rf"\b(?:{ends})$", m.group("name")) else None

    def _mentioned(self, surname: str) -> Source | None:
        """A surname alone whose full name the article gave before without quoting its bearer ("Lind's rival,
        Sara Holm of the Civic Alliance, had taken 39.8%" ... "Holm told supporters"): that person."""
        for text in reversed(self.seen):  # inside a sentence ("rival, Sara Holm of"), not opening it ("Unlike
            # Holm", "Bill Ford promised"), and not part of a longer name ("George Washington University")
            for m in reversed(list(re.finditer(rf"(?:(?<=[a-z,] )|^)([{_UP}][a-z][\w'’-]*)[^\S\n]+{re.escape(surname)}\b"
                                               rf"(?!['’]s\s+[a-z])(?!\s+[{_UP}])", text))):
                first = m.group(1)
                if first.lower() not in _NOT_FIRST and not PERSON_ROLES.fullmatch(first) and not ORG_WORDS.search(
                        m.group(0)) and first.lower() not in _NAME_TITLES and first.lower() not in _OPENERS:
                    return Source(f"{first} {surname}", "name")
        return None

    def _owner(self, np: str) -> tuple[str, list[str]]:
        """A document's author ('a report published by the Institute' -> the Institute; 'an update posted on
        the ministry's X account' -> the ministry, relayed by X); otherwise np itself."""
        m = _DOC.match(np.strip())
        if not m:
            return np, []
        rest = m.group("rest") or ""
        sample = _SAMPLE.match(rest) if m.group("doc").lower() in _SAMPLED else None
        if sample:  # "A survey of 1,500 residents (commissioned by X)": who was asked is not the author
            rest = rest[sample.end():]
        owner = _OWNER.search(rest.rstrip(" .;,"))
        relays = [p.group("np") for p in _ON_PLATFORM.finditer(np)]
        if owner and kind_of(_clean(owner.group("owner"))) != "outlet":  # "figures from the Office for National
            # Statistics published on Tuesday": the Office
            return re.sub(r"\s+(?:published|released|issued|posted|compiled)\b.*$", "", owner.group("owner")), relays
        end = _doc_end(np, m) + (sample.end() if sample else 0)
        if owner:  # carried by an outlet: the outlet relays a document whose author is not named here
            return np[:end], relays + [_clean(owner.group("owner"))]
        return np[:end], relays

    def _source(self, np: str, appos: str | None = None) -> Source | None:
        np = _clean(np)
        named = _NAME_OF_BODY.match(appos.strip()) if appos else None  # "Its lead author, Dr Helena Marsh of the
        if named and _is_name(named.group("who")) and len(named.group("who").split()) > 1 and not _is_name(np) \
                and not ORG_WORDS.search(named.group("who")):  # London School of Hygiene, said" (not "Court of Appeal")
            appos = named.group("who")
        if appos and _is_name(appos.strip()) and not _is_name(np):  # "Its president, Carmen Dopazo, said"
            np = appos.strip().rstrip(".")
        elif appos and not _is_name(np) and (described := _DESCRIBED_PERSON.match(appos.strip().rstrip("."))) \
                and described.group("desc") == described.group("desc").lower() \
                and not re.search(r"\b(?:in|at|to|by|from|after|before|with|for|of|on|during|against|over)\b|"
                                  r"\b[a-z]+(?:ing|ed)\b", described.group("desc")):  # not "speaking in New York"
            np = described.group("who")  # "said the association's president, former defender Camilo Zuluaga"
        if not np or _not_a_speaker(np):
            return None
        own = _OWN_DOC.match(np)  # "Its own estimate, published in a report, put the annual loss at ...": its author
        if own and (author := self._resolve(_POSSESSIVE[own.group("p").lower()])) is not None:
            return author
        found = self._resolve(np)
        if found is not None:
            return found
        if _DEFINITE.match(np) and self.subject and BODY_NOUN.search(np) and not ORG_WORDS.search(np) \
                and not any(self.subject in s.name for s in self.named if s.kind == "person") \
                and self._mentioned(self.subject) is None \
                and not re.search(rf"(?<=[a-z,] )[{_UP}][a-z]+[^\S\n]+{re.escape(self.subject)}\b", self.text):
            # (a surname the article gives a first name elsewhere is a person: "striker Daniel Okafor")
            # "Rovers have not agreed a fee ..., the club said": the name the sentence opens with
            return Source(self.subject, kind_of(self.subject))
        if re.fullmatch(r"the (?:main |official |parliamentary )?opposition|the (?:defen[cs]e)(?: team)?", np.lower()):
            # a party or bloc; the side of a trial ("The defence put the figure at ...")
            return Source(np, "organisation")
        if _PERSON_ONLY.match(np):
            return Source(np, "person")  # "The veteran broadcaster said": a person, not the broadcaster
        if _PLAIN_DEFINITE.match(np) and BODY_NOUN.search(np) and not PERSON_ROLES.search(np):
            return Source(np, "organisation")  # "..., the utility said" with no utility named: still a speaker
        if _PLAIN_DEFINITE.match(np) and re.fullmatch(rf"(?:{_BARE_SOURCES}|authors)", np.split()[-1].lower()):
            return Source(np, "group")  # "The authors said", with no authors named before: still who speaks
        if np.lower() in PRONOUN_KINDS or _PLAIN_DEFINITE.match(np) and not ORG_WORDS.search(np) \
                and not PERSON_ROLES.search(np):
            return None
        return Source(np, kind_of(np))

    def read(self, text: str) -> Reading:
        self.current = text
        reading = Reading(quote=bool(QUOTE_MARKS.search(text)))
        opener = _OPENING_NAME.match(text)  # a name, when the article also writes it inside a sentence
        self.subject = opener.group("name") if opener and opener.group("name").split()[0].lower() not in _NOT_FIRST \
            and re.search(rf"\b[a-z][\w,]*\s+{re.escape(opener.group('name'))}\b", self.text) else None
        relays = [m.group("np") for m in _TOLD.finditer(text)  # an outlet, or a broadcast ("the Today programme")
                  if kind_of(_clean(m.group("np"))) == "outlet" or _PROGRAMME.search(m.group("np"))]
        relays += [m.group("np") for m in _ON_PLATFORM.finditer(text)]
        relays += [m.group("np") for m in _BROADCASTER.finditer(text)]
        relays += [m.group("np") for m in _TOLD_OUTLET.finditer(text)]
        relays += [m.group("by") for m in re.finditer(r",\s+(?:seen|obtained|reviewed)\s+by\s+(?P<by>[^,]+),", text)
                   if kind_of(_clean(m.group("by"))) == "outlet"]  # "The audit, seen by Reuters, found"
        relays += [m.group("np") for m in _INTERVIEW.finditer(text) if kind_of(_clean(m.group("np"))) == "outlet"
                   or re.search(r"\d", m.group("np"))]
        relays += [c for c in (_clean(_VERB_TAIL.sub("", m.group("np"))) for m in _CARRIED.finditer(text))
                   if kind_of(c) == "outlet"]
        candidates: list[tuple[str, str, str | None]] = []
        body = _ANSWERED.sub("", text)  # "..., a claim the ministry rejected": the ministry denies, it says nothing
        m = _DOC_SUBJECT.search(body) or _SUBJECT_FIRST.search(body) or _SAYING.search(body) or _AND_SAID.search(body)
        if m and "verb" in m.groupdict() and _NOT_SAID.search(text[:m.start("verb")]):
            m = None  # "Rovers have not agreed a fee ..., the club said", "The mission did not say who had fired"
        if m:
            candidates.append(("said-clause", m.group("np"), m.groupdict().get("appos")))
        for m in _ACCORDING.finditer(text):  # before a trailing clause: "..., according to X reports, which say"
            np, more = self._owner(m.group("np"))
            relays += more
            candidates.append(("according to", np, None))
        for how, rx in (("trailing said-clause", _TRAILING), ("inverted", _INVERTED_NAMED), ("inverted", _INVERTED)):
            m = rx.search(body)
            if m and how == "trailing said-clause" and _TRAILING_DOC.search(_clean(m.group("np"))):
                candidates.insert(0, (how, m.group("np"), m.group("appos")))
            elif m:
                candidates.append((how, m.group("np"), m.group("appos")))
        reading.relays = list(dict.fromkeys(_clean(r) for r in relays))
        for how, said, appos in candidates:
            said = _FIRST_CLAUSE.sub("", said)
            if seen := _SEEN_BY.match(_clean(said)):  # "The audit, seen by Reuters, found ...": the audit speaks,
                relays.append(seen.group("by"))  # the outlet that saw it relays it
                reading.relays = list(dict.fromkeys(_clean(r) for r in relays))
                doc = _DOC_BEFORE.search(text[:max(text.find(said), 0)])
                if doc is None:
                    continue
                said, appos = doc.group("doc"), None
            np, more = self._owner(said) if how != "according to" else (said, [])
            source = self._source(np, appos)
            if source is None and np != said:  # an author only described ("A report by the state auditor"):
                np, more, source = said, [], self._source(said, appos)  # the document is the source
            if source is None or source.name in reading.relays:
                continue
            if source.kind == "outlet" and any(c[1] != np for c in candidates):
                relays.append(source.name)  # an outlet that reports someone else's words relays them
                reading.relays = list(dict.fromkeys(_clean(r) for r in relays))
                continue
            reading.speaker, reading.how = source, how
            reading.relays = list(dict.fromkeys(reading.relays + [_clean(r) for r in more]))
            doc = _DOC.match(_clean(np))
            if doc and source.name != _clean(np):
                source.aliases.add(doc.group("doc").lower())
            if any(r.lower() in PLATFORMS for r in reading.relays) or re.search(r"\bpost(?:ed)?\b", text):
                source.aliases.add("post")  # "The post added" later means this source's post
            if re.search(r"\bstatement\b", text):
                source.aliases.add("statement")
            break
        if reading.speaker is None and reading.quote and text.lstrip()[:1] in "\"“" and self.last is not None \
                and self.last.speaker is not None and self.last.quote:
            reading.speaker, reading.how = self.last.speaker, "quote continued"
        if reading.speaker is not None:
            if reading.speaker in self.named:
                self.named.remove(reading.speaker)
            self.named.append(reading.speaker)  # the most recently named last
        elif (person := _PERSON_SUBJECT.match(text)) and _is_name(person.group("name")):
            # "Margaret Lyall, 71, from Dundee, has waited 19 months ...": the person a later "she said" means
            self.named.append(Source(person.group("name"), "person"))
        elif experts := _EXPERTS_AT.match(text):
            # "Researchers at the Karolinska Institute followed 180,000 adults ...": who a later "They found" means
            self.named.append(Source(experts.group(0), "group"))
        self.last = reading
        self.seen.append(text)
        self.spoke.append(reading.speaker is not None and not is_document(reading.speaker.name) and (
            reading.speaker.kind == "organisation" or reading.speaker.kind == "name" and bool(
                NOT_A_PERSON.search(reading.speaker.name))))  # a body, not a document ("the minutes")
        return reading


def read_speakers(doc: Document) -> dict[str, Reading]:
    """Sentence id -> what its wording says about who speaks. A sentence that only quotes, with the
    attribution in the next sentence of its paragraph, takes that speaker."""
    reader = Reader(doc.text)
    readings = {s.id: reader.read(s.text) for s in doc.sentences}
    order = doc.sentences
    for here, nxt in zip(order, order[1:]):
        r, n = readings[here.id], readings[nxt.id]
        if r.speaker is None and r.quote and n.speaker is not None and n.quote and here.paragraph == nxt.paragraph:
            r.speaker, r.how = n.speaker, "quote attributed next"
    return readings


def _overlap(a: str, b: str) -> bool:
    wa = {w for w in re.findall(r"[a-z][\w'’-]{3,}", a.lower())} - {"the", "said", "official", "officials"}
    wb = {w for w in re.findall(r"[a-z][\w'’-]{3,}", b.lower())} - {"the", "said", "official", "officials"}
    return bool(wa & wb) or a.lower() in b.lower() or b.lower() in a.lower()


def settle(speaker: str, via: list[str], reading: Reading | None, article_names: set[str],
           publisher: str | None = None) -> tuple[str | None, list[str]]:
    """The speaker and relays of a claim: the model's answer checked against the wording of its evidence.
    Returns (speaker, relays); speaker None means the article itself. The wording decides: where it names
    a speaker, that speaker (the model's fuller name of the same source stands); where it names nobody and
    quotes nobody, the claim is the article's own, whatever source the model guessed from the context.
    A relay is an outlet or platform the claim passed through, never the article's own publisher, an
    audience ("reporters"), a venue ("parliament") or a place."""
    name = speaker.strip()
    if name.lower() in article_names:
        name = ""
    if name and (_not_a_speaker(name) or kind_of(name) == "outlet" and reading is not None
                 and reading.speaker is not None and reading.speaker.kind != "outlet"):
        via = [*via, name] if kind_of(name) == "outlet" or name.lower() in PLATFORMS else via
        name = ""  # a relay, platform, venue or data set is never the speaker
    relays = [v for v in via if v and kind_of(_clean(v)) == "outlet"]
    if reading is not None:
        relays += [r for r in reading.relays if not any(_overlap(r, v) for v in relays)]
        ruled = reading.speaker
        if ruled is not None and not (name and _overlap(name, ruled.name)):
            name = ruled.name
        elif ruled is not None and re.match(rf"{re.escape(name)}['’]s?\s+[a-z]", ruled.name, re.I) \
                and not is_document(re.sub(r"^.*?['’]s?\s+", "", ruled.name)):
            name = ruled.name  # the model's "the central government" owns "the central government's delegation"
        elif ruled is not None and (described := described_person(ruled.name)) \
                and _LEAD.sub("", name).lower() == described[0].lower():
            name = ruled.name  # the model's "Commission chair" is the "Commission chair Marta Lindqvist" named
        elif ruled is not None and not _distinctive(name) and _distinctive(ruled.name):
            name = ruled.name  # the model's "the ministry" is the defence ministry the wording resolved
        elif ruled is not None and name.lower() in PRONOUN_KINDS:
            name = ruled.name
        elif ruled is not None and ruled.name.endswith(" " + name) and len(ruled.name.split()) == len(name.split()) + 1 \
                and _is_name(ruled.name) and not PERSON_ROLES.fullmatch(ruled.name.split()[0]):
            name = ruled.name  # the model's "Holm" is the "Sara Holm" the article named
        elif ruled is None and not reading.quote:
            name = ""
    relays = [r for r in relays if not (name and _overlap(r, name)) and not _same_outlet(r, publisher)]
    unique: dict[str, str] = {}  # "BBC" and "the BBC" are one relay: the first spelling stays
    for r in relays:
        unique.setdefault(outlet_key(r), r)
    relays = list(unique.values())
    if re.match(r"The\s+[a-z]", name) or re.match(r"The\s", name) and name.split()[-1][:1].islower():
        name = "t" + name[1:]  # named mid-sentence: "said the health ministry", "the Rome-based airline" ("The
        # Guardian" and "The Hague" keep their capital)
    return (name or None), relays


def _distinctive(name: str) -> bool:
    """A name that tells one source from another ('the defence ministry', 'Kesić'), not a bare description
    ('the ministry', 'the agency', 'officials')."""
    words = [w for w in re.findall(r"[a-z][\w'’-]+", name.lower()) if w not in ("the", "a", "an", "this", "that")]
    return len(words) > 1 or any(w[:1].isupper() for w in re.findall(r"[A-Za-z][\w'’-]+", name)
                                   if w.lower() not in ("the", "a", "an", "this", "that"))


def outlet_key(name: str) -> str:
    """An outlet's name without its article, lower-cased: 'AFP' and 'the AFP' are one outlet."""
    return _LEAD.sub("", name.lower()).strip()


def _same_outlet(a: str, b: str | None) -> bool:
    """'AFP' and 'the AFP' are one outlet; the article's publisher relays everything, so it is no relay."""
    return b is not None and outlet_key(a) == outlet_key(b)
