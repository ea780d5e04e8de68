"""The library entry point: article -> Document -> claims -> brief -> Result. The CLI and eval/ call this."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import brief as brief_mod
from . import extract, prompts
from .backends import Backend, get_backend
from .cache import AnswerCache
from .config import Settings
from .document import load_document
from .errors import BackendError
from .models import Budget, Document, Result, Usage, Warning_
from .structured import StructuredClient

Progress = Callable[[str, int, int], None]


def open_client(settings: Settings, backend: Backend | None = None) -> StructuredClient:
    """A client for settings.model; the backend (and any model weights) load on the first cache miss."""
    if backend is None:
        backend = get_backend(settings.model, settings)
    cache = AnswerCache(settings.cache_dir if settings.use_cache else None, enabled=settings.use_cache,
                        refresh=settings.refresh)
    return StructuredClient(lambda: backend, backend.identity(), cache, max_retries=settings.max_retries,
                            token_budget=settings.token_budget)


def summarize(article: str | Path | Document, settings: Settings, *, with_brief: bool = True,
              client: StructuredClient | None = None, progress: Progress | None = None) -> Result:
    doc = article if isinstance(article, Document) else load_document(article, settings.max_chars)
    own_client = client is None
    client = client or open_client(settings)
    client.usage = Usage(budget=Budget(reasks_per_call=client.max_retries, http_retries_per_call=settings.http_retries,
                                       tokens=client.token_budget))
    warnings: list[Warning_] = []
    if doc.encoding == "cp1252":
        warnings.append(Warning_(stage="input", message=f"{doc.source} is not UTF-8; read it as Windows-1252/Latin-1"))
    try:
        claims = extract.extract_claims(doc, client, warnings,
                                        progress=(lambda n, total: progress("claims", n, total)) if progress else None,
                                        part_chars=settings.part_chars)
        if not claims and client.usage.failed_calls:
            failures = [w.message for w in warnings if w.stage == "extract"]
            raise BackendError(f"no usable answer from {settings.model} for any sentence of {doc.source}: "
                               f"{failures[-1] if failures else 'see --debug'}")
        brief = None
        if with_brief:
            if progress:
                progress("brief", 0, 1)
            brief = brief_mod.write_brief(doc, claims, client, warnings)
            if progress:
                progress("brief", 1, 1)
    finally:
        if own_client:
            client.close()
            client.cache.close()
    # cache warnings are reported once, by the run during which they happened
    warnings.extend(Warning_(stage="cache", message=m) for m in client.cache.warnings)
    client.cache.warnings = []
    return Result(model=settings.model,
                  prompt_versions={name: prompts.version(name) for name in (extract.PROMPT, brief_mod.PROMPT)},
                  document=doc, claims=claims, brief=brief, warnings=warnings, usage=client.usage)
