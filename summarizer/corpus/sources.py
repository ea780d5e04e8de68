"""The articles of a batch, streamed: files, directories, quoted globs, JSONL files of articles
({"id", "text", "date"?, "source"?} per line) and '-' (JSONL on stdin). Nothing holds the corpus: items
come one at a time, and a file's text is read only when its article runs."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from summarizer.errors import InputError, UsageError
from summarizer.ingest.read import ARTICLE_SUFFIXES, expand_articles, read_text, text_from_bytes, text_from_string
from summarizer.models import Document

JSONL = ".jsonl"
STDIN = "<stdin>"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Item:
    """One article of a batch: a file to read when it runs, or the text of a JSONL line."""

    id: str
    source: str
    path: str | None = None
    text: str | None = None
    date: str | None = None

    def sha256(self) -> str | None:
        """sha256 of the article text when it is known without reading a file (a JSONL item)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest() if self.text is not None else None

    def document(self, max_chars: int, data: bytes | None = None) -> Document:
        """The article as a Document, read like a single run reads it (`data`: the file's bytes, when
        they were read elsewhere, e.g. by Ray). Raises InputError with a one-line reason."""
        from summarizer.ingest.document import document_from_raw, parse_document

        if self.text is None:
            assert self.path is not None
            raw = text_from_bytes(data, self.path, max_chars) if data is not None else read_text(self.path, max_chars)
            return document_from_raw(raw)
        raw = text_from_string(self.text, self.source, max_chars)
        doc = parse_document(raw.text, source=self.source)
        if self.date is None:
            return doc
        if not isinstance(self.date, str) or not _ISO_DATE.match(self.date):
            raise InputError(f"{self.id}: date {self.date!r} is not an ISO date (YYYY-MM-DD)")
        return doc.model_copy(update={"date": self.date[:10]})


def parse_line(line: bytes | str, label: str, where: str) -> Item | None:
    """One JSONL line -> Item (None for a blank line). `label` is the source of an article that names
    none (the JSONL file, or <stdin>); `where` says where the line is, for the error message."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{where}: is not UTF-8 text") from None
    if not line.strip():
        return None
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: is not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: is not a JSON object; each line needs {{\"id\": ..., \"text\": ...}}")
    key, text = data.get("id"), data.get("text")
    if isinstance(key, bool) or not isinstance(key, (str, int)) or str(key) == "":
        raise InputError(f"{where}: needs an \"id\" (a string or a number)")
    if not isinstance(text, str):
        raise InputError(f"{where}: needs a \"text\" string (id {key!r})")
    source = data.get("source")
    return Item(id=str(key), source=source if isinstance(source, str) and source else label, text=text,
                date=data.get("date"))


def jsonl_items(stream: BinaryIO, label: str) -> Iterator[Item]:
    """The items of a JSONL stream, one line at a time."""
    for n, line in enumerate(stream, 1):
        item = parse_line(line, label, f"{label} line {n}")
        if item is not None:
            yield item


@dataclass(frozen=True)
class Entry:
    kind: str  # "file", "jsonl" or "stdin"
    path: str  # the file; for stdin "-" (or the file it was spooled to)
    label: str  # the source of its articles when a line names none


class Corpus:
    """The inputs of a batch, checked up front (no inputs, a missing file, stdin twice: InputError or
    UsageError) and then streamed by items()."""

    def __init__(self, inputs: list[str], output: str | Path | None = None):
        """`output`: the batch's own output file, left out when a directory or glob also finds it."""
        if not inputs:
            raise UsageError("summarize batch needs at least one INPUT: files, directories, globs, .jsonl files or -")
        self.entries: list[Entry] = []
        for path in expand_articles(inputs, suffixes=(*ARTICLE_SUFFIXES, JSONL)):
            if path == "-":
                self.entries.append(Entry("stdin", "-", STDIN))
                continue
            p = Path(path)
            if not p.exists():
                raise InputError(f"{path}: no such file")
            if output is not None and p.resolve() == Path(output).resolve():
                continue
            self.entries.append(Entry("jsonl" if p.suffix.lower() == JSONL else "file", path, path))

    @property
    def reads_stdin(self) -> bool:
        return any(e.kind == "stdin" for e in self.entries)

    def spool_stdin(self, directory: Path) -> Path | None:
        """Copy stdin to a file in `directory` (in chunks, not in memory), for engines that need a file to
        read; its articles keep the source <stdin>. Returns the file, which the caller removes."""
        if not self.reads_stdin:
            return None
        import shutil
        import tempfile

        fd, name = tempfile.mkstemp(prefix=".stdin-", suffix=JSONL, dir=directory)
        with open(fd, "wb") as out:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        self.entries = [Entry("jsonl", name, STDIN) if e.kind == "stdin" else e for e in self.entries]
        return Path(name)

    def items(self) -> Iterator[Item]:
        """Every article in the order of the inputs. A line that is not an article (bad JSON, no id or
        text) or an id seen before is an InputError: the whole input is wrong, not one article."""
        seen: set[str] = set()
        for item in self._items():
            if item.id in seen:
                raise InputError(f"article id {item.id!r} appears twice in the inputs; ids must be unique")
            seen.add(item.id)
            yield item

    def _items(self) -> Iterator[Item]:
        for entry in self.entries:
            if entry.kind == "file":
                yield Item(id=entry.path, source=entry.path, path=entry.path)
            elif entry.kind == "stdin":
                yield from jsonl_items(sys.stdin.buffer, entry.label)
            else:
                try:
                    with open(entry.path, "rb") as fh:
                        yield from jsonl_items(fh, entry.label)
                except OSError as exc:
                    raise InputError(f"{entry.path}: cannot be read ({exc.strerror or exc})") from None

    def count(self, done: set[str] | frozenset[str]) -> tuple[int, int] | None:
        """(articles to run, articles skipped because `done` has them), reading every JSONL line once
        (which also checks them all before any article runs); None when stdin is among the inputs."""
        if self.reads_stdin:
            return None
        total = skipped = 0
        for item in self.items():
            total += 1
            skipped += item.id in done
        return total - skipped, skipped
