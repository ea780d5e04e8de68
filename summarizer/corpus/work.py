"""One article of a batch -> its output record (one JSON line), the same on every engine. A failure of
the article itself (unreadable, binary, the model gave nothing usable) is an error record; a failure
that would hit every article (configuration, model file, spent token budget) stops the batch."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.config import Settings
from summarizer.corpus.sources import Item
from summarizer.errors import BackendError, BudgetExceeded, ConfigError, ModelError, OutputError, UsageError
from summarizer.models import BatchError, BatchOk
from summarizer.structured.client import StructuredClient

# Errors that are not the article's: the batch stops (its exit code is theirs) instead of writing a record.
FATAL = (ConfigError, ModelError, UsageError, BudgetExceeded, OutputError)


@dataclass
class Outcome:
    """What running one article gave: the record line to write, or the error that stops the batch."""

    id: str
    line: str | None = None
    ok: bool = False
    tokens: int = 0  # prompt + completion tokens this article spent (failed calls included)
    fatal: BaseException | None = None
    backend_failed: bool = False  # the error record is the model's or endpoint's failure, not the article's


def run_article(item: Item, settings: Settings, client: StructuredClient, *, with_brief: bool = True,
                data: bytes | None = None, spent_before: int | None = None) -> Outcome:
    """Summarize one article with `client` and build its record. `data`: the file's bytes when they were
    read elsewhere. `spent_before`: the tokens the whole run has spent so far, so that the client's
    token budget counts the run and not only this client (each worker thread has its own)."""
    from summarizer.pipeline import summarize

    if spent_before is not None:
        client.spent = spent_before
    start = client.spent
    sha256 = item.sha256()
    try:
        doc = item.document(settings.max_chars, data)
        sha256 = doc.sha256
        result = summarize(doc, settings, with_brief=with_brief, client=client)
    except FATAL as exc:
        return Outcome(item.id, fatal=exc, tokens=client.spent - start)
    except Exception as exc:  # noqa: BLE001 - one article's failure, whatever it is, is its record
        line = BatchError(id=item.id, source=item.source, sha256=sha256, status="error",
                          error=_one_line(exc)).model_dump_json()
        return Outcome(item.id, line=line, tokens=client.spent - start, backend_failed=isinstance(exc, BackendError))
    line = BatchOk(id=item.id, source=item.source, sha256=sha256, status="ok", result=result).model_dump_json()
    return Outcome(item.id, line=line, ok=True, tokens=client.spent - start)


def _one_line(exc: BaseException) -> str:
    from summarizer.errors import SummarizerError

    text = str(exc) if isinstance(exc, SummarizerError) else f"internal error: {type(exc).__name__}: {exc}"
    return " ".join(text.split())[:1000] or type(exc).__name__
