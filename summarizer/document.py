"""Article text -> Document: the original text, what was stripped as web boilerplate, the dateline,
and numbered sentences whose character offsets point into the original (original[start:end] == text)."""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .boilerplate import Removal, find_boilerplate
from .errors import InputError
from .models import Dateline, Document, Paragraph, RemovedSpan, Sentence

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
_PLACE = r"[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}"
# "Kyiv [Ukraine], February 1 (ANI): ", "Seoul, April 2 ", "WASHINGTON, March 3, 2025 (Reuters) - "
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?: \[[^\]\n]{{1,40}}\])?(?:, {_PLACE})?), (?P<month>{_MONTHS}) (?P<day>\d{{1,2}})"
    rf"(?:, (?P<year>\d{{4}}))?(?: \((?P<outlet>[A-Za-z][\w .&-]{{0,30}})\))?\s*(?:[:\u2014\u2013]|-{{1,2}})?\s+(?=[A-Z\"\u201c])")


@dataclass(frozen=True)
class _Text:
    text: str
    source: str


def read_text(path: str | Path) -> _Text:
    """Read an article from a path or '-' (stdin). Raises InputError with a one-line reason."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        p = Path(path)
        source = str(p)
        if not p.exists():
            raise InputError(f"{source}: no such file")
        if p.is_dir():
            raise InputError(f"{source}: is a directory, not an article file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    return _Text(decode(data, source), source)


def decode(data: bytes, source: str) -> str:
    """Decode article bytes: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}: has a UTF-16 byte-order mark but is not valid UTF-16") from None
    else:
        if b"\x00" in data:
            raise InputError(f"{source}: looks like binary data (NUL bytes), not article text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source}: is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "convert it, e.g. iconv -f latin1 -t utf-8") from None
    if not text.strip():
        raise InputError(f"{source}: is empty (no article text)")
    return text


def load_document(path: str | Path) -> Document:
    raw = read_text(path)
    return parse_document(raw.text, source=raw.source)


def parse_document(text: str, source: str = "<text>") -> Document:
    """Strip boilerplate, find the dateline, split the rest into paragraphs and sentences."""
    if not text.strip():
        raise InputError(f"{source}: is empty (no article text)")
    removals, title, meta_date = find_boilerplate(text)
    kept = _kept_spans(text, removals)

    dateline = None
    if kept:
        start, end = kept[0]
        m = _DATELINE.match(text, start, end)
        if m:
            dateline = Dateline(text=m.group(0).strip(), start=m.start(), end=m.start() + len(m.group(0).rstrip()),
                                place=m.group("place"), outlet=m.group("outlet"),
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

    removed = [RemovedSpan(start=r.start, end=r.end, kind=r.kind, text=text[r.start:r.end].strip())
               for r in sorted(removals, key=lambda r: r.start)]
    return Document(source=source, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text,
                    title=title, date=date, dateline=dateline, paragraphs=paragraphs, sentences=sentences,
                    removed=removed)


def _date_from(m: re.Match, meta_date: str | None) -> str | None:
    """ISO date of a dateline, taking the year from the page's metadata when the dateline has none."""
    from datetime import datetime

    year = m.group("year") or (meta_date[:4] if meta_date else None)
    if not year:
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
    return spans
