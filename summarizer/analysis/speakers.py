"""How a claim's source is written everywhere (brief, Markdown, review page, timeline, eval report):
"Name (role, organisation) via Relay". One function, so every view names a source the same way."""

from __future__ import annotations

from summarizer.analysis.fidelity import name_words
from summarizer.models import Claim


def speaker_label(c: Claim, *, detail: bool = False) -> str:
    """The speaker (for the article's own voice: its outlet when known), with role and organisation when
    `detail` (leaving out what the name already says), then " via " and the relays."""
    s = c.speaker
    who = (c.outlet or "the article") if s.is_article else s.name
    if detail:
        extra = ", ".join(x for x in (s.role, s.organisation) if x and x.lower() not in who.lower())
        who += f" ({extra})" if extra else ""
    if c.attribution:
        who += " via " + ", ".join(c.attribution)
    return who


# what a name may leave out and still be the same source's: articles and joining words only. "Ministry" and
# "agency" stay, so the defence ministry is not listed under the civil defence agency
_ARTICLES = ("the", "a", "an", "of", "and", "for")


def sources(claims: list[Claim]) -> list[str]:
    """Who made the claims (people, organisations; the article's own voice aside), in order of appearance,
    each source once under its fullest name: "Kesić" and "Dalibor Kesić" are listed as "Finance Minister
    Dalibor Kesić" when the article also names him so."""
    out: list[str] = []
    for name in dict.fromkeys(c.speaker.name for c in claims if not c.speaker.is_article):
        words = name_words(name, _ARTICLES)
        for k, kept in enumerate(out):
            other = name_words(kept, _ARTICLES)
            if kept.lower() == name.lower() or words and other and (words <= other or other <= words):
                out[k] = max(kept, name, key=len)
                break
        else:
            out.append(name)
    return out


def relays(claims: list[Claim]) -> list[str]:
    """Who relayed the claims (outlets, agencies, platforms), in order of appearance; a relay that also
    makes claims of its own is listed among the sources only."""
    speakers = {c.speaker.name.lower() for c in claims}
    return list(dict.fromkeys(r for c in claims for r in c.attribution if r.lower() not in speakers))
