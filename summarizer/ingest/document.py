"""Article text -> Document: the original text, what was stripped as web boilerplate, the dateline,
and numbered sentences whose character offsets point into the original (original[start:end] == text)."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from summarizer.errors import InputError
from summarizer.ingest.boilerplate import Removal, find_boilerplate
from summarizer.ingest.read import MAX_TEXT_CHARS, RawText, read_text
from summarizer.models import Dateline, Document, Paragraph, RemovedSpan, Sentence

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
_PLACE = r"[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}"
_OUTLET = r"[A-Za-z][\w .&-]{0,30}"
# "Kyiv [Ukraine], February 1 (ANI): ", "Seoul, April 2 ", "WASHINGTON, March 3, 2025 (Reuters) - ", and
# with no date, the agency and a dash: "BELGRADE, Serbia (AP) — "
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?: \[[^\]\n]{{1,40}}\])?(?:, {_PLACE})?)(?:, (?P<month>{_MONTHS}) (?P<day>\d{{1,2}})"
    rf"(?:, (?P<year>\d{{4}}))?(?: \((?P<outlet>{_OUTLET})\))?\s*(?:[:\u2014\u2013]|-{{1,2}})?"
    rf"| \((?P<agency>{_OUTLET})\)\s*(?:[\u2014\u2013]|-{{1,2}}))\s+(?=[A-Z\"\u201c])")
# a wire story's dateline with a date and no place: "Nov 20 (Reuters) - "
_DATED_WIRE = re.compile(
    rf"(?P<month>{_MONTHS}) (?P<day>\d{{1,2}})(?:, (?P<year>\d{{4}}))? \((?P<outlet>{_OUTLET})\)\s*(?:[:\u2014\u2013]|-{{1,2}})"
    rf"\s+(?=[A-Z\"\u201c])")


def load_document(path: str | Path, max_chars: int = MAX_TEXT_CHARS) -> Document:
    return document_from_raw(read_text(path, max_chars))


def document_from_raw(raw: RawText) -> Document:
    """A Document from text as read: parsed, with the encoding, and the page's title and date when the
    text itself names none."""
    doc = parse_document(raw.text, source=raw.source)
    return doc.model_copy(update={"encoding": raw.encoding, "title": doc.title or raw.title,
                                  "date": doc.date or raw.date})


def parse_document(text: str, source: str = "<text>") -> Document:
    """Strip boilerplate, find the dateline, split the rest into paragraphs and sentences."""
    if not text.strip():
        raise InputError(f"{source}: is empty (no article text)")
    removals, title, meta_date = find_boilerplate(text)
    kept = _kept_spans(text, removals)

    dateline = None
    if kept:
        start, end = kept[0]
        m = _DATELINE.match(text, start, end) or _DATED_WIRE.match(text, start, end)
        if m:
            found = m.groupdict()
            dateline = Dateline(text=m.group(0).strip(), start=m.start(), end=m.start() + len(m.group(0).rstrip()),
                                place=found.get("place"), outlet=found.get("outlet") or found.get("agency"),
                                date=_date_from(m, meta_date))
            removals.append(Removal(m.start(), m.end(), "dateline"))
            kept[0] = (m.end(), end)
    date = meta_date or (dateline.date if dateline else None)

    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for p_start, p_end in kept:
        ids = []
        for s_start, s_end in split_sentences(text, p_start, p_end):
            sid = f"S{len(sentences) + 1}"
            sentences.append(Sentence(id=sid, paragraph=len(paragraphs) + 1, start=s_start, end=s_end,
                                      text=text[s_start:s_end]))
            ids.append(sid)
        if ids:
            paragraphs.append(Paragraph(index=len(paragraphs) + 1, start=p_start, end=p_end, sentence_ids=ids))
    if not sentences:
        raise InputError(f"{source}: holds no article sentences once boilerplate is removed")

    removed = [RemovedSpan(start=start, end=end, kind=r.kind, text=text[start:end])
               for r in sorted(removals, key=lambda r: r.start) for start, end in [_trimmed(text, r.start, r.end)]]
    return Document(source=source, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text,
                    title=title, date=date, dateline=dateline, paragraphs=paragraphs, sentences=sentences,
                    removed=removed)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace at its ends, so that text[start:end] is what a reader sees."""
    seg = text[start:end]
    return start + len(seg) - len(seg.lstrip()), end - (len(seg) - len(seg.rstrip()))


def _date_from(m: re.Match, meta_date: str | None) -> str | None:
    """ISO date of a dateline, taking the year from the page's metadata when the dateline has none."""
    from datetime import datetime

    year = m.group("year") or (meta_date[:4] if meta_date else None)
    if not year or not m.group("month"):
        return None
    month = m.group("month").rstrip(".")[:3]
    try:
        return datetime.strptime(f"{year} {month} {m.group('day')}", "%Y %b %d").date().isoformat()
    except ValueError:
        return None


def _kept_spans(text: str, removals: list[Removal]) -> list[tuple[int, int]]:
    """Paragraphs: runs of non-blank lines not removed, trimmed of surrounding whitespace."""
    removed = bytearray(len(text))
    for r in removals:
        removed[r.start:r.end] = b"\x01" * (r.end - r.start)
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        cur = None
        for i in range(block.start(), block.end()):
            if removed[i]:
                if cur is not None:
                    spans.append((cur, i))
                    cur = None
            elif cur is None:
                cur = i
        if cur is not None:
            spans.append((cur, block.end()))
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end] by pysbd, as offsets into text, whitespace trimmed."""
    chunk = text[start:end]
    spans = []
    cursor = 0
    for piece in _segmenter().segment(chunk):
        body = piece.strip()
        if not body:
            continue
        at = chunk.find(body, cursor)
        if at < 0:  # pysbd altered the text; fall back to the remainder as one sentence
            rest = chunk[cursor:].strip()
            if rest:
                at = chunk.find(rest, cursor)
                spans.append((start + at, start + at + len(rest)))
            cursor = len(chunk)
            break
        spans.append((start + at, start + at + len(body)))
        cursor = at + len(body)
    tail = chunk[cursor:].strip()
    if tail:
        at = chunk.find(tail, cursor)
        spans.append((start + at, start + at + len(tail)))
    return _rejoined(text, spans)


# a name that ends in "?" or "!" ("Which?", "Yahoo!") ends no sentence when a lower-case word goes on with it
_GOES_ON = re.compile(r"[a-z][a-z'’-]*\b")


def _rejoined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans with a split after '?' or '!' undone where the next one opens with a lower-case word
    ('Consumer group Which? said shoppers should ...'): no sentence of news prose starts in lower case."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and text[out[-1][1] - 1] in "?!" and _GOES_ON.match(text, s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def outlet_of(doc: Document) -> str | None:
    """The outlet or agency: the dateline's '(ANI)', a byline 'By IANS', or a sign-off '(Reuters)'."""
    if doc.dateline and doc.dateline.outlet:
        return doc.dateline.outlet
    for r in doc.removed:
        m = re.match(r"By ([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3})\b", r.text) if r.kind == "byline" else None
        m = m or (re.fullmatch(r"\(([A-Z][\w&. -]{1,30})\)", r.text) if r.kind == "sign-off" else None)
        if m:
            return m.group(1).strip()
    return None
