"""Content words: what two texts must share to say the same thing. Used to check that a claim restates
its evidence and, in the evaluation, to match a predicted claim with a gold one. No article's own words
are in the stop list: the same rule must hold for any story."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.models import Claim

STOP = frozenset("""a an the and or but of to in on at by for with from as is are was were be been being has have
had that this these those it its their they them he she his her which who whom what when where while than then
said says told according also not no yes will would can could may might about over more into after before""".split())


@lru_cache(maxsize=8192)  # ranking and the brief's checks compare every claim with many others
def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of three letters or more, cut to five letters (a crude stem), stop words left out."""
    return frozenset({w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in STOP})


def overlap(text: str, reference: str) -> float:
    """Share of text's content words that reference also has (1.0 when text has none)."""
    words = content_words(text)
    return len(words & content_words(reference)) / len(words) if words else 1.0


def dice(a: str, b: str) -> float:
    """Dice coefficient of the content words of a and b (0.0 when either has none)."""
    wa, wb = content_words(a), content_words(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


RELATED = 0.2  # content-word overlap (dice) that makes two claims about the same thing


def unnamed(c: Claim) -> str:
    """A claim's statement without its speaker's name (a source's own name says nothing of what it claims)."""
    return re.sub(re.escape(c.speaker.name), " ", c.statement, flags=re.I) if c.speaker.name else c.statement
