"""Article text -> Document: the original text, what was stripped as web boilerplate, the dateline,
and numbered sentences whose character offsets point into the original (original[start:end] == text)."""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summarizer.ingest.boilerplate import Removal, find_boilerplate
from summarizer.errors import InputError
from summarizer.models import Dateline, Document, Paragraph, RemovedSpan, Sentence

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
_PLACE = r"[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}"
# "Kyiv [Ukraine], February 1 (ANI): ", "Seoul, April 2 ", "WASHINGTON, March 3, 2025 (Reuters) - "
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?: \[[^\]\n]{{1,40}}\])?(?:, {_PLACE})?), (?P<month>{_MONTHS}) (?P<day>\d{{1,2}})"
    rf"(?:, (?P<year>\d{{4}}))?(?: \((?P<outlet>[A-Za-z][\w .&-]{{0,30}})\))?\s*(?:[:\u2014\u2013]|-{{1,2}})?\s+(?=[A-Z\"\u201c])")


MAX_FILE_BYTES = 50_000_000  # a saved web page with inline images can be large; the article inside is not
MAX_TEXT_CHARS = 200_000  # about 50,000 tokens: past this, an article is a book and needs splitting by hand
_HTML_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class _Text:
    text: str
    source: str
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None


def read_text(path: str | Path, max_chars: int = MAX_TEXT_CHARS) -> _Text:
    """Read an article from a path or '-' (stdin): text, or an HTML page whose article text is extracted.
    Raises InputError with a one-line reason."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        source = "<stdin>"
    else:
        p = Path(path)
        source = str(p)
        if not p.exists():
            raise InputError(f"{source}: no such file")
        if p.is_dir():
            raise InputError(f"{source}: is a directory, not an article file")
        try:
            with p.open("rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{source}: is larger than {MAX_FILE_BYTES // 1_000_000} MB; that is not one article")
    if _HTML_SNIFF.match(data[:4096]) or source.lower().endswith((".html", ".htm", ".xhtml")):
        raw = html_to_text(data, source)
    else:
        text, encoding = decode(data, source)
        raw = _Text(text, source, encoding)
    if len(raw.text) > max_chars:
        raise InputError(f"{source}: {len(raw.text):,} characters of text is more than the limit of {max_chars:,} "
                         "(--max-chars, SUMMARIZER_MAX_CHARS); split it into articles or raise the limit")
    return raw


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode article bytes -> (text, encoding): UTF-8 (BOM optional), UTF-16 with a BOM, or, when the bytes
    are not UTF-8 but read as Windows-1252 / Latin-1 text, that. NUL bytes mean binary data and are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{source}: has a UTF-16 byte-order mark but is not valid UTF-16") from None
    else:
        if b"\x00" in data:
            raise InputError(f"{source}: looks like binary data (NUL bytes), not article text")
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            if "\ufffd" in text:  # the five bytes cp1252 leaves undefined
                text = data.decode("latin-1")
            encoding = "cp1252"
    if _control_share(text) > 0.01:
        raise InputError(f"{source}: looks like binary data (control characters), not article text")
    if not text.strip():
        raise InputError(f"{source}: is empty (no article text)")
    return text, encoding


def _control_share(text: str) -> float:
    """Share of control characters other than tab, newline, carriage return and form feed: binary data
    that happens to decode (as Latin-1 anything does) is full of them, text has none."""
    sample = text[:100_000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
    return controls / max(1, len(sample))


def html_to_text(data: bytes, source: str) -> _Text:
    """The article text of a saved web page, by trafilatura (menus, ads, comments and scripts left out).
    Paragraphs are separated by blank lines; offsets in the result point into this extracted text."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise InputError(f"{source}: is an HTML page, and reading HTML needs trafilatura ({exc}); "
                         "reinstall with pip install -e .") from None
    try:
        found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - a malformed page is an input problem, whatever lxml raises
        raise InputError(f"{source}: is an HTML page that could not be parsed ({type(exc).__name__})") from None
    body = getattr(found, "text", None) if found is not None else None
    if not body or not body.strip():
        raise InputError(f"{source}: is an HTML page with no article text that could be extracted")
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip()) + "\n"
    date = getattr(found, "date", None)
    return _Text(text, source, "html", title=getattr(found, "title", None) or None,
                 date=date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None)


def load_document(path: str | Path, max_chars: int = MAX_TEXT_CHARS) -> Document:
    raw = read_text(path, max_chars)
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
