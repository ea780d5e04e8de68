"""Deterministic reading of figures: which numbers a text carries (to check that a statement or a brief
adds no figure its evidence lacks), quantities with qualifiers, and what a figure counts."""

from __future__ import annotations

import re

from summarizer.analysis.reported import VERBS
from summarizer.models import Claim, Quantity

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
    "half": 0.5, "third": 1 / 3, "quarter": 0.25,
    "first": 1, "second": 2, "fourth": 4, "fifth": 5,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}
_QUALIFIERS = ("more than", "less than", "fewer than", "at least", "at most", "up to", "nearly", "almost",
               "about", "around", "approximately", "roughly", "over", "under", "some", "an estimated",
               "estimated", "close to", "as many as", "as few as", "up", "down", "between", "from", "below", "above")
_NUM = re.compile(
    r"(?P<qual>(?:" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+)?"
    r"(?:(?P<cur>USD\s?|(?<![A-Za-z])(?:US|AU|A|CA|C|NZ|HK|S|R)\$|\$|€|£|¥|₹|"
    r"(?<![A-Za-z])(?-i:Rs\.?|KSh|RM|INR|KES|EUR|GBP|CHF)\s?(?=\d))|(?<![A-Za-z\d])(?<![A-Za-z]-)(?<![\d][.,]))"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:st|nd|rd|th)?(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?"
    r"(?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)?"
    r"(?P<after>(?:\s+[A-Za-z][\w'-]*){0,4})", re.I)
_COMPARATIVE = {"more", "fewer", "less", "higher", "lower", "additional"}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "two-thirds": 2 / 3, "three-quarters": 0.75}
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_BELOW_100 = (rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:{_UNIT_WORDS}))?|"
              rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_UNIT_WORDS})")
# a whole number in words: "Forty-one", "a hundred and fifty", "two thousand five hundred", "forty-five thousand"
_HUNDREDS = rf"(?:(?:a|{_BELOW_100})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100}(?![\w-]))?|{_BELOW_100})"
_CARDINAL = rf"{_HUNDREDS}(?:\s+thousand(?:\s+(?:and\s+)?{_HUNDREDS})?(?![\w-]))?"
_COUNT_WORDS = rf"{_CARDINAL}|a dozen|dozen|a hundred|hundred"
# figures written in words: "nearly a quarter", "about two-thirds", "One-third", "three plants", "a billion euros"
_WORD_FIGURE = re.compile(
    r"\b(?P<qual>(?:" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+)?"
    r"(?<![\w-]-)(?P<num>(?:(?:a|an|one)[\s-]+)?half|(?:a|an|one)[\s-]+(?:third|quarter)|two[\s-]thirds|three[\s-]quarters|"
    r"(?:a|one)\s+(?:million|billion|trillion)|" + _COUNT_WORDS + r")\b"
    r"(?=(?P<after>(?:\s+[A-Za-z][\w'-]*){0,4}))", re.I)
_WORD_NUM = re.compile(rf"\b(?<!ty-)({_CARDINAL}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.I)
_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion|bn|mn)\b", re.I)
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


# claim ids ("C5", "[A1:C5]") and article ids ("A2") carry digits that are not figures
IDS = re.compile(r"\[?\b(?:A\d+:)?C\d+\b\]?|\bA\d+\b")


def numbers_in(text: str) -> set[float]:
    """Every figure written with digits in text, normalised ('5,000' -> 5000.0)."""
    return {float(t.replace(",", "")) for t in _TOKEN.findall(text)}


def numbers_supported(text: str) -> set[float]:
    """Figures a text supports: its digits plus numbers it spells out ('three weeks', 'a third')."""
    found = numbers_in(text)
    found |= {spelled(w) for w in _WORD_NUM.findall(text)}
    return found


def spelled(words: str) -> float:
    """The value of a number written in words: 'Forty-one' 41, 'a hundred and fifty' 150, 'third' 1/3."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w not in ("and", "a")]
    if len(parts) == 1:
        return float(_WORDS[parts[0]])
    total = current = 0
    for w in parts:
        if w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total, current = total + (current or 1) * 1000, 0
        else:
            current += _WORDS[w]
    return float(total + current)


def unsupported_numbers(text: str, evidence: str) -> list[str]:
    """Figures written in text that the evidence does not carry, as written in text."""
    allowed = numbers_supported(evidence)
    out = []
    for t in _TOKEN.findall(text):
        if float(t.replace(",", "")) not in allowed:
            out.append(t)
    return out


def quantities(statement: str) -> list[Quantity]:
    """Figures of a statement with value, unit and qualifier, exactly as written there. Percentages have
    the unit '%'; both ends of a range carry its word ('between 3% and 5%', 'from 120 to 150', '6.5% to
    7%'); a comparative right after a figure is its qualifier ('3,000 more troops')."""
    out: list[tuple[Quantity, int, int]] = []
    for m in _NUM.finditer(statement):
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        if m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        if m.group("pct"):
            unit, unit_end, end = "%", 0, m.end("pct")
        else:
            unit, unit_end = _unit(m.group("after"))
            end = m.start("after") + unit_end
        cur = (m.group("cur") or "").strip()
        if cur:
            unit = _CURRENCY_SIGNS.get(cur, cur)
        qual = " ".join(m.group("qual").lower().split()) if m.group("qual") else None
        first = (m.group("after") or "").split()[:1]
        if qual is None and first and first[0].lower() in _COMPARATIVE:  # "3,000 more troops", "14% fewer"
            qual = first[0].lower()
        start = m.start("cur") if m.group("cur") else m.start("num")
        text = statement[m.start(): max(end, m.end("num"))] if qual else statement[start: max(end, m.end("num"))]
        out.append((Quantity(value=value, unit=unit, qualifier=qual, text=text.strip()), m.start(),
                    max(end, m.end("num"))))
    taken = [(s, e) for _, s, e in out]
    for m in _WORD_FIGURE.finditer(statement):
        pronoun = m.group("num").lower() == "one" and (re.search(r"\bno\s+$", statement[:m.start("num")], re.I)
                                                       or re.match(r"\s+(?:of|another)\b", m.group("after")))
        if pronoun or any(s < m.end("num") and m.start() < e for s, e in taken):
            continue  # "no one", "one of them"; or part of a figure in digits ("1.5 million")
        out.append((_word_quantity(statement, m), m.start(), m.end("num")))
    out.sort(key=lambda t: t[1])
    for (a, _, a_end), (b, b_start, _) in zip(out, out[1:]):  # ranges
        link = statement[a_end:b_start].strip().lower()
        if a.qualifier in ("between", "from") and link in ("and", "to", "-", "–") and b.qualifier is None:
            b.qualifier = a.qualifier
        elif a.qualifier is None and b.qualifier is None and link in ("to", "-", "–") and a.unit in (None, b.unit):
            a.qualifier = b.qualifier = "to"  # "6.5% to 7%", "120 to 150 homes"; not "by 50 points to 6.25%"
        else:
            continue
        if a.unit is None and not (_YEAR.fullmatch(a.text.split()[-1]) and _YEAR.fullmatch(b.text.split()[0])):
            a.unit = b.unit  # "between 20 and 40 percent", "120 to 150 homes": both ends count one thing
            scale = _SCALE_WORD.search(b.text)
            if scale and not _SCALE_WORD.search(a.text):  # "between 5 and 10 billion euros": 5 billion
                a.value *= _SCALES[scale.group(0).lower()]
    return [q for q, _, _ in out]


def _word_quantity(statement: str, m: re.Match) -> Quantity:
    """A figure written in words: 'nearly a quarter' (0.25), 'about two-thirds', 'a billion euros' (1e9)."""
    words = re.sub(r"[\s-]+", " ", m.group("num").lower()).split()
    if words[-1] in ("million", "billion", "trillion"):
        value = _SCALES[words[-1]]
    elif words[-1] in ("half", "third", "quarter", "thirds", "quarters"):
        value = _FRACTIONS["-".join(words) if len(words) == 2 and words[0] in ("two", "three") else words[-1]]
    else:
        value = spelled(" ".join(words))  # "a dozen" 12, "a hundred" 100, "forty-one" 41
    unit, unit_end = _unit(m.group("after"))
    after = (m.group("after") or "").split()[:1]
    if words[-1] in ("million", "billion", "trillion") and after and after[0].lower().rstrip("s") in _MONEY:
        unit = _MONEY[after[0].lower().rstrip("s")]
    qual = " ".join(m.group("qual").lower().split()) if m.group("qual") else None
    end = m.start("after") + unit_end if unit_end else m.end("num")
    return Quantity(value=value, unit=unit, qualifier=qual, text=statement[m.start():end].strip())


_MONEY = {"euro": "EUR", "dollar": "USD", "pound": "GBP"}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD",
                   "HK$": "HKD", "S$": "SGD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                   "Rs": "INR", "Rs.": "INR", "KSh": "KES", "RM": "MYR"}


# a particle after the counted noun ends it ("4,212 votes out of 890,000"); before it, it modifies it
_PARTICLES = {"out", "up", "down", "off", "back", "away"}
_SKIP = {"more", "additional", "new", "other", "extra", "further"}
_STOP_NP = {"of", "the", "a", "an", "and", "or", "in", "to", "for", "on", "at", "by", "from", "with", "that", "which",
            "who", "were", "was", "are", "is", "have", "has", "had", "will", "would", "could", "may", "might", "can",
            "cannot", "should", "must", "shall", "be", "been", "than",
            "as", "while", "during", "since", "per", "each", "a", "this", "these", "those", "their", "its",
            "about", "into", "across", "against", "after", "before", "until", "among", "through", "over", "under",
            "without", "within", "towards", "toward", "near", "like", "worth",  # a preposition ends the noun phrase
            "last", "next", "ago"} | _PARTICLES  # "on 4,870 occasions last year" counts occasions, not years


_PRONOUN = {"it", "they", "he", "she", "we", "you", "i", "them", "its", "their"}
_IRREGULAR = {"lost", "sold", "took", "made", "cut", "sent", "kept", "held", "won", "paid", "spent", "built", "left",
              "hit", "fell", "rose", "grew", "saw", "gave", "got", "put", "set", "met", "taken", "given", "seen",
              "fallen", "risen", "grown", "said", "told", "burnt", "caught", "brought", "bought", "cast", "shut",
              "burst", "hurt", "quit", "struck", "stood", "ran", "went", "came", "began", "flew", "broke", "wrote",
              "fought", "found", "became", "drove"}


_MODIFIERS = _PARTICLES | {"cast", "burst"}  # words that may also stand before the noun: "12 down payments", "3 cast
# members", "40 burst pipes"


def _unit(after: str) -> tuple[str | None, int]:
    """The counted noun after a figure: the last lowercase word of the noun phrase that follows it ('1,100
    Galician mussel rafts lost' -> 'rafts'), or a currency code ('USD', '45 million euros' -> 'EUR')."""
    unit, end = None, 0
    part = re.match(r"\s*of\s+(?:its|their|his|her|the|our)\s+(?=[a-z])", after)  # "9,000 of its members"
    if part:
        unit, end = _unit(after[part.end():])
        return (unit, part.end() + end) if unit and unit not in _STOP_NP else (None, 0)
    for w in re.finditer(r"[A-Za-z][\w'-]*", after):
        word = w.group(0)
        if re.fullmatch(r"[A-Z]{3}", word) and unit is None:
            return word, w.end()
        low = word.lower()
        if unit is None and low.rstrip("s") in ("euro", "dollar"):  # "12 million euros available": the
            return _MONEY[low.rstrip("s")], w.end()  # currency ("5 pounds" may be a weight)
        if unit is None and low in _MODIFIERS:  # before the noun: "12 down payments", "3 cast members"
            continue
        if low in _STOP_NP or low in _PRONOUN or low in _IRREGULAR or (unit is not None and low.endswith(("ed", "ly"))):
            break
        if word[0].isupper() or low in _SKIP:
            continue
        unit, end = low, w.end()
    return unit, end


# -- what a figure counts ------------------------------------------------------------------------

TROOPS = {"troops", "troop", "soldiers", "soldier", "forces", "personnel", "fighters", "servicemen"}
CURRENCIES = {"USD", "EUR", "GBP", "SEK", "NOK", "DKK", "JPY", "CNY", "INR", "KRW", "RUB", "UAH", "CHF", "CAD",
               "AUD", "NZD", "HKD", "SGD", "BRL", "MXN", "RSD", "PLN", "CZK", "HUF", "TRY", "ZAR", "NGN", "PEN",
               "KES", "MYR"}
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# what happened to the people or things a figure counts, read in the words around it
_EVENTS = [
    ("casualties", r"\bcasualt|\bkilled or (?:injured|wounded)|\b(?:injured|wounded) or killed"),
    ("killed", r"\b(?:killed|dead|died|deaths?|death toll|fatalities|lives)\b|\d\s+(?:bodies|corpses)\b"),  # not "12 public bodies"
    ("wounded", r"\b(?:wounded|injured)\b"),
    ("missing", r"\bmissing\b"),
    ("displaced", r"\b(?:displaced|evacuated|homeless|driven from|fled|evacuees|left their homes)\b"),
    ("arrested", r"\b(?:arrested|detained)\b"),
    ("jobs cut", r"\b(?:job cuts?|jobs? (?:cut|lost|losses|at risk)|lay(?:ing)? off|layoffs?|redundanc\w*)\b"),
    # how many joined a strike or protest: "2,300 members had joined the strike", "900 staff had taken part"
    ("turnout", r"\b(?:took|taken|taking|take) part\b|\bjoined (?:the |a |their )?(?:[\w-]+ )?(?:strike|walkout|"
                  r"protests?|march|rally|demonstrations?|stoppage)\b|\bwalked out\b|\b(?:went|were|are|is) on strike\b"),
]
# the sick an outbreak counts, and the verbs that count them
CASES = {"cases", "patients", "infections"}
_RECORDED = {"recorded", "reported", "confirmed", "registered", "detected", "treated", "admitted", "seen", "diagnosed",
             "logged", "counted", "identified"}
# nouns that count people: only these take part in a strike or protest ("three hospitals walked out" do not)
PEOPLE = {"people", "persons", "person", "residents", "civilians", "workers", "staff", "members", "employees",
          "protesters", "demonstrators", "strikers", "participants", "supporters", "teachers", "nurses", "doctors",
          "drivers", "pilots", "miners", "students", "farmers", "lecturers", "dockers", "cleaners", "firefighters",
          "journalists", "guards", "controllers", "porters", "crew"}
# "aware of 23 fires", "received reports of at least 60 fires": what is known of, whatever verb comes after
_KNOWN_OF = re.compile(r"\b(?:aware|reports?|knew|known|know|learned|learnt|notified|informed)\s+of\s*$|"
                       r"\b(?:documented|logged|tallied)\s*$")  # "had documented at least 41 fires"
_CHANGE = {"rise", "rose", "risen", "fall", "fell", "fallen", "increase", "increased", "decrease", "decreased",
           "drop", "dropped", "decline", "declined", "jump", "jumped", "gain", "gained", "cut", "cuts", "grew",
           "growth", "up", "down", "higher", "lower", "more", "less", "fewer", "by", "to", "from", "at", "of",
           "was", "were", "is", "are", "be", "been", "has", "had", "have", "a", "an", "the", "its", "their", "in",
           "on", "for", "with", "about", "around", "nearly", "almost", "some", "than", "over", "under", "and",
           "which", "that", "this", "these", "it", "they", "per", "cent", "percent", "year", "month", "week",
           "annual", "annually", "rate", "total", "only", "just", "still", "also", "would", "will", "could",
           "amount", "amounts", "amounted", "make", "makes", "made", "account", "accounts", "represent",
           "represents", "sold", "stood", "stands", "reached", "reach", "hit", "hits", "said", "says", "expected",
           "forecast", "expects", "see", "sees", "put", "puts", "estimated", "estimates", "well", "above", "below"}


_RANGE_LINK = re.compile(r"\s*(?:and|to|or|-|–)\s*", re.I)
# "X said (that)", "Y expected": what follows is what the figure is about, not the speaker before it
_REPORTING = re.compile(rf"^.*\b(?:{VERBS})\b(?:\s+that\b)?", re.I | re.S)
# a source's expectation as its verb ("Bank staff now expected inflation to fall to 3.2%"), not "is expected to"
_EXPECTED = re.compile(r"^(?:(?!\b(?:is|was|are|were|be|been)\s+(?:\w+\s+)?expected\b).)*?\bexpected\s+(?=[a-z])",
                       re.I | re.S)  # (no "is expected", "is now expected" before it)


# a figure that names a grade, not a count: "a magnitude 6.8 earthquake", "category 4", "level 3", "aged 71"
_NOT_A_COUNT = re.compile(r"\b(?:magnitude|category|level|stage|phase|grade|aged?|number|no\.|page|section|flight|"
                          r"route|room|platform|gate)\s*$", re.I)


def not_a_count(statement: str, q: Quantity) -> bool:
    at = statement.find(q.text)
    return at > 0 and bool(_NOT_A_COUNT.search(statement[:at]))


def _clause(statement: str, q: Quantity, claim: Claim) -> tuple[str, str]:
    """The words before a figure (back to the previous figure or clause break) and after it (up to the
    next figure): what the figure is about."""
    start = statement.find(q.text)
    if start < 0:
        return "", statement.lower()
    end = len(statement)
    for other in claim.quantities:
        at = statement.find(other.text, start + len(q.text))
        if at > 0:
            end = min(end, at)
    before = statement[:start]
    for other in claim.quantities:
        at = before.rfind(other.text)
        if at >= 0 and other is not q and not not_a_count(statement, other):
            if _RANGE_LINK.fullmatch(before[at + len(other.text):]):  # "between 8% and 10%": the range's
                return _clause(statement, other, claim)[0], statement[start + len(q.text):end].lower()  # first end
            before = before[at + len(other.text):]
    before = re.split(r"[;:]|, (?=(?:and|but|while|which|who|as|after)\b)", before)[-1]
    return before.lower(), statement[start + len(q.text):end].lower()


# words that say when or how, not what ("Bank staff now expected inflation to fall to 3.2%": inflation)
_ADVERBS = {"now", "still", "also", "already", "just", "even", "currently", "then", "again", "previously", "earlier",
            "later", "only", "meanwhile"}


def _content(words: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z'-]+", words) if w not in _CHANGE and w not in _ADVERBS and len(w) > 2]


_PURPOSE = re.compile(r"^\s*(?:[a-z]+\s+)?(?:of|for|in|on|to|towards?|from)\s+(?!the |a |an |its |their |his |her )"
                      r"(?P<noun>[a-z][a-z-]+(?: [a-z][a-z-]+)?)")  # "for borrowing", not "for their efforts"
_AT_ISSUE = re.compile(r"\s+(?:in\s+question|at\s+issue|concerned|involved)\b")  # "The payments in question totalled"
_HEAD_BEFORE = re.compile(r"\b(?P<noun>[a-z][a-z-]+)\s+(?:at|of|to|worth|totall?ed|totals?|amounted\s+to|came\s+to)\s*$")
_FROM_BEFORE = re.compile(r"\b(?:down|up)\s+from(?:\s+(?:the|a|an|its|their))?\s*$")  # "down from the 3.8% projected"
_TOLL = re.compile(r"\b(?:death\s+)?toll\b(?!\s+of\s+(?:the\s+)?(?:injured|wounded|missing))[^,;]*?\b(?:rose|risen|climbed|"
                   r"reached|stands?|stood|is|was|hit|jumped|increased)\b(?:\s+(?:to|at))?(?:\s+[a-z]+){0,3}\s*$")
_SENT = re.compile(r"\b(sent|send|sending|deployed|deploy|deployment|dispatched|stationed)\b")


def event_of(text: str) -> str | None:
    """The event a text counts ('killed', 'jobs cut', ...), or None."""
    for label, pattern in _EVENTS:
        if re.search(pattern, text):
            return label
    return None


# an act named by its noun before the figure it counts: "the cancellation of 9,000 operations" counts operations
# cancelled, as "4,100 operations had been cancelled" does
_NOMINAL = {"cancellation": "cancelled", "closure": "closed", "loss": "lost", "sale": "sold", "arrest": "arrested",
            "evacuation": "evacuated", "dismissal": "dismissed", "deportation": "deported", "release": "released",
            "removal": "removed", "destruction": "destroyed", "delivery": "delivered", "export": "exported",
            "import": "imported", "purchase": "bought", "postponement": "postponed", "death": "died"}
_AUX = {"had", "has", "have", "was", "were", "is", "are", "be", "been", "being", "will", "would", "could", "did"}
_VERB = re.compile(rf"\b([a-z]+ed|{'|'.join(sorted(_IRREGULAR - {'said', 'told'}))})\b"
                   r"(?:\s+(part|place|out|up|off|away|over|down|back)\b)?")  # "took part", "turned out"


def _verb(text: str, last: bool = False) -> str | None:
    """The main verb of a few words around a figure ('that had lost' -> 'lost', 'took part'), auxiliaries
    aside."""
    found = [" ".join(filter(None, m.groups())) for m in _VERB.finditer(text) if m.group(1) not in _AUX]
    return (found[-1] if last else found[0]) if found else None


_DATE_LEAD = re.compile(r"\b(?:in|since|by|until|till|from|before|after|during|of|early|late|mid-?)\s*$", re.I)


_BARE = re.compile(r"(?:amount \([A-Z]{3}\)|%)(?: \(\d{4}\))?")


def names_a_thing(label: str | None) -> bool:
    """A label that says what is counted, not only its unit: 'amount (AUD) savings', '% inflation', 'rafts
    lost'; a bare 'amount (AUD)' or '%' makes a cut from one department and a total comparable."""
    return bool(label) and not _BARE.fullmatch(label)


def has_count(c: Claim) -> bool:
    """The claim gives a figure that counts something."""
    return any(measure(c, q) for q in c.quantities)


def measure(claim: Claim, q: Quantity, words: bool = False) -> str | None:
    """What a figure of a claim counts (see _measure), with its period when it is a rate: 60 passengers
    a day and 1.1 million passengers in a year are not two accounts of one figure. `words`: a figure in words
    counts too (for a figure another one answers: "two shots", then "at least five")."""
    label = _measure(claim, q, words)
    if label is None or label.startswith("%"):
        return label
    at = claim.statement.find(q.text)
    rate = _RATE.match(claim.statement[at + len(q.text):]) if at >= 0 else None
    if not rate:
        return label
    period = rate.group("per") or _PERIOD_OF[rate.group("ly").lower()]
    base, paren, year = label.partition(" (")
    return f"{base} per {period.lower()}" + (paren + year if paren else "")


# "60 passengers a day", "3 million pounds a year", "1,200 tonnes per month", "40 sailings weekly"
_RATE = re.compile(r"^(?:\s+[\w’'-]+){0,3}?\s+(?:(?:a|an|per|each|every)\s+(?P<per>day|night|week|month|year|hour|"
                   r"quarter)\b|(?P<ly>daily|nightly|weekly|monthly|yearly|annually|hourly|quarterly)\b)", re.I)
_PERIOD_OF = {"daily": "day", "nightly": "night", "weekly": "week", "monthly": "month", "yearly": "year",
              "annually": "year", "hourly": "hour", "quarterly": "quarter"}


def _measure(claim: Claim, q: Quantity, words: bool = False) -> str | None:
    """What a figure of a claim counts, as a short label ('troops sent', 'killed', '% inflation',
    'amount (GBP) borrowing'), or None when it counts nothing nameable (ordinals, years, bare numbers).
    Two figures are comparable only when their labels are equal, so a label names the thing itself, not
    only its unit: total savings, the part for borrowing and the part for tax cuts differ. A year in the
    figure's clause is part of the label: a toll of 2017 is not this year's."""
    year = q.value.is_integer() and 1900 <= q.value <= 2100 and "," not in q.text  # "2,000" is no year
    if _ORDINAL.search(q.text) or (year and not q.unit) or not_a_count(claim.statement, q):
        return None
    if not words and not any(ch.isdigit() for ch in q.text):
        return None  # a figure in words ('three plants', 'a third') is rarely a count two sources dispute
    at = claim.statement.find(q.text)
    if at >= 0 and re.match(r"-[a-z]", claim.statement[at + len(q.text):]):
        return None  # a measure inside a word ("along a 40-kilometre stretch", "a 48-hour strike"), no count
    if year and at > 0 and _DATE_LEAD.search(claim.statement[:at]):
        return None  # "in 2017 killed": a year, whatever noun follows it
    before, after = _clause(claim.statement, q, claim)
    at = claim.statement.find(q.text)
    lead = re.split(r"[;:]|, (?=(?:and|but|while|which|who|as|after)\b)", claim.statement[:max(at, 0)])[-1]
    year = next((y for y in _YEAR.findall(lead + " " + after) if not q.text.endswith(y)), None)
    when = f" ({year})" if year else ""
    unit = (q.unit or "").lower()
    if q.unit and q.unit.upper() in CURRENCIES:
        purpose = _PURPOSE.match(after)  # "of savings", "for borrowing", "available in direct aid"
        words = [w for w in purpose.group("noun").split() if w not in _CHANGE] if purpose else []
        if not words and (head := _HEAD_BEFORE.search(_AT_ISSUE.sub("", before))) \
                and head.group("noun") not in _CHANGE | _STOP_NP:
            words = [head.group("noun")]  # "put the savings at A$20 billion", "a deficit of A$28 billion"
        return f"amount ({q.unit.upper()})" + (f" {words[-1]}" if words else "") + when
    if unit == "%" and (_FROM_BEFORE.search(before) or q.qualifier == "from"):
        return None  # "fell to 4.1%, down from 4.4%", "rose from 3% to 4.5%": where it stood before, no account
        # of what it is now (a label would set it against everyone's current figure)
    if unit == "%":  # a share of what: the noun phrase that opens its clause ("consumer prices in Serbia
        # were up 9.1%", "job cuts amount to 12.6%", "she said inflation would stay at 8%"), else the words
        # after it ("a 47% fall in permits")
        before = _EXPECTED.sub("", _REPORTING.sub("", before))
        subject = re.split(r"\b(?:in|of|at|for|on|to|by|from|with|than|were|was|is|are|will|would|has|have|had)\b",
                           before.strip(), maxsplit=1)
        words = [w.removesuffix("'s").removesuffix("’s") for w in _content(subject[0])[-2:]] or _content(after)[:2]
        return f"% {' '.join(words)}".strip() + when
    if unit in {"casualties", "casualty"}:
        return "casualties" + when
    # "killed 40 people and injured 200": the verb after "and" counts the next figure, not this one
    own_after = after.rsplit(" and ", 1)[0] if re.search(r"\band\s+[a-z]+\s*$", after) else after
    rest = re.split(r"[,;]|\s+(?:and|but|who|whom|which)\b", claim.statement[at + len(q.text):].lower())[0] \
        if at >= 0 else ""
    if unit in PEOPLE and event_of(rest) == "turnout":  # "2,300 members had joined the 48-hour strike": the
        return "turnout" + when  # figure in the clause names the strike, it does not end what the members did
    label = event_of(q.text.lower() + " " + own_after)  # "4,000 troops killed or injured"
    if label == "turnout":  # only in the figure's own clause (above): "employs 4,000 workers, many of whom
        label = None  # went on strike" counts the workforce
        label = None
    if label:
        return label + when
    if unit in TROOPS or re.search(r"\b(troops|soldiers|forces|personnel)\b", after[:60]):
        if re.search(r"\b(more|additional|extra|further|reinforcements?)\b", q.text.lower() + " " + after[:40]):
            return "additional troops" + when
        if _SENT.search(before[-40:] + " " + after):
            return "troops sent" + when
        return "troops" + when
    joined = re.search(r"\b(?:and|but|while)\s+(?:[a-z]+\s+){0,3}$", before)  # "had been injured and more than
    # 9,000 were staying in tents": a figure after "and" is not counted by the verb of the figure before it
    label = event_of(joined.group(0) if joined else before[-40:])  # "have killed at least 23 people"
    if label == "turnout" and (unit not in PEOPLE or joined):
        label = None
    if label:
        return label + when
    if not unit and _TOLL.search(before):  # "The death toll from the earthquake ... rose to at least 312"
        return "killed" + when
    if not unit:
        return None
    # "rafts lost" is not "rafts visited": the verb of the figure's own clause after it ("rafts that had lost"),
    # else the verb right before it ("had received more than 1,000 complaints about the phones and asked ..."
    # counts complaints received), else any verb around it
    if _KNOWN_OF.search(before):  # "aware of 23 fires, none of which had caused ...": fires, as known of
        of = re.match(r"\s*of\s+([a-z][a-z-]+)", after)  # "cases of measles" are not "cases of salmonella"
        return f"{unit}{' of ' + of.group(1) if of else ''} reported" + when
    own = re.split(r"\b(?:and|but|while|or)\b|[,;]", after, maxsplit=1)[0]
    nominal = re.search(r"\b([a-z]+?)s?\s+of\s*$", before)  # "the cancellation of 9,000 operations"
    if nominal and nominal.group(1) in _NOMINAL:
        return f"{unit} {_NOMINAL[nominal.group(1)]}" + when
    verb = (_verb(own) or _verb(before.split()[-1] if before.split() else "") or _verb(after)
            or _verb(before, last=True))
    if unit in CASES and verb in _RECORDED and not re.search(r"\bnew\b", q.text, re.I):  # "1,240 suspected
        # cases had been recorded" (not a day's "50 new cases"),
        return "cases reported" + when  # "had treated more than 2,000 patients": one count of the sick
    return (f"{unit} {verb}" if verb else unit) + when
