"""Reading articles: paths, directories and globs -> files; a file or stdin -> text (UTF-8, UTF-16 with
BOM, Windows-1252 / Latin-1, or the article text of a saved web page). Every refusal is an InputError
with a one-line reason: missing, a directory, unreadable, too large, binary, empty."""

from __future__ import annotations

import glob
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")


def expand_articles(args: list[str | Path], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> list[str]:
    """Paths as given; a directory stands for its files with one of `suffixes` (article files: .txt, .md,
    .html ...), a quoted glob for its matches; '-' is stdin. Order is kept, duplicates dropped (a collection
    orders by date later)."""
    out: list[str] = []
    for arg in map(str, args):
        p = Path(arg)
        if arg != "-" and p.is_dir():
            found = sorted(str(f) for f in p.iterdir() if f.is_file() and f.suffix.lower() in suffixes)
            if not found:
                raise InputError(f"{arg}: is a directory with no article files ({', '.join(suffixes)})")
            out += found
        elif any(ch in arg for ch in "*?[") and not p.exists():
            matches = sorted(glob.glob(arg))
            if not matches:
                raise InputError(f"{arg}: no file matches")
            out += matches
        else:
            out.append(arg)
    return list(dict.fromkeys(out))


MAX_FILE_BYTES = 50_000_000  # a saved web page with inline images can be large; the article inside is not
MAX_TEXT_CHARS = 200_000  # about 50,000 tokens: past this, an article is a book and needs splitting by hand
_HTML_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class RawText:
    """An article's text as read, before it is parsed into a Document."""
    text: str
    source: str
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None


def read_text(path: str | Path, max_chars: int = MAX_TEXT_CHARS) -> RawText:
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
    return text_from_bytes(data, source, max_chars)


def text_from_bytes(data: bytes, source: str, max_chars: int = MAX_TEXT_CHARS) -> RawText:
    """The article in a file's bytes (read here, or by a Ray worker): text, or an HTML page's article text."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{source}: is larger than {MAX_FILE_BYTES // 1_000_000} MB; that is not one article")
    if _HTML_SNIFF.match(data[:4096]) or source.lower().endswith((".html", ".htm", ".xhtml")):
        raw = html_to_text(data, source)
    else:
        text, encoding = decode(data, source)
        raw = RawText(text, source, encoding)
    _check_length(raw.text, source, max_chars)
    return raw


def text_from_string(text: str, source: str, max_chars: int = MAX_TEXT_CHARS) -> RawText:
    """An article given as text (a JSONL line), refused for the same reasons as a file's."""
    if _control_share(text) > 0.01:
        raise InputError(f"{source}: looks like binary data (control characters), not article text")
    if not text.strip():
        raise InputError(f"{source}: is empty (no article text)")
    _check_length(text, source, max_chars)
    return RawText(text, source)


def _check_length(text: str, source: str, max_chars: int) -> None:
    if len(text) > max_chars:
        raise InputError(f"{source}: {len(text):,} characters of text is more than the limit of {max_chars:,} "
                         "(--max-chars, SUMMARIZER_MAX_CHARS); split it into articles or raise the limit")


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


def html_to_text(data: bytes, source: str) -> RawText:
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
    return RawText(text, source, "html", title=getattr(found, "title", None) or None,
                 date=date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None)
