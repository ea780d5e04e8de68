"""The library entry point: article -> Document -> claims -> brief -> Result. The CLI and eval/ call this."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from summarizer.analysis import brief as brief_mod
from summarizer.analysis import extract
from summarizer import prompts
from summarizer.backends import Backend, get_backend
from summarizer.structured.cache import AnswerCache
from summarizer.config import Settings
from summarizer.ingest.document import load_document, outlet_of
from summarizer.errors import BackendError
from summarizer.models import ArticleRef, Budget, Collection, Document, Result, Usage, Warning_
from summarizer.structured.client import StructuredClient

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


def summarize_many(articles: list[str | Path], settings: Settings, *, with_brief: bool = True,
                   client: StructuredClient | None = None, progress: Progress | None = None) -> Collection:
    """One brief across several articles. Each article's claims are extracted exactly as in a single run
    (so their cache entries are shared), then `collect` writes the brief over all of them."""
    docs: list[Document] = []
    warnings: list[Warning_] = []
    for path in articles:
        doc = load_document(path, settings.max_chars)
        if any(d.sha256 == doc.sha256 for d in docs):
            warnings.append(Warning_(stage="input", message=f"{doc.source} is the same text as an earlier article; "
                                                             "read once"))
            continue
        docs.append(doc)
    docs.sort(key=lambda d: d.date or "9999-99-99")  # the order of the brief's article ids
    own_client = client is None
    client = client or open_client(settings)
    try:
        results = [summarize(doc, settings, with_brief=False, client=client,
                             progress=(lambda stage, n, total, k=k: progress(f"{k}/{len(docs)} {stage}", n, total))
                             if progress else None) for k, doc in enumerate(docs, 1)]
        return collect(results, settings, client, with_brief=with_brief, progress=progress, warnings=warnings)
    finally:
        if own_client:
            client.close()
            client.cache.close()


def collect(results: list[Result], settings: Settings, client: StructuredClient, *, with_brief: bool = True,
            progress: Progress | None = None, warnings: list[Warning_] | None = None) -> Collection:
    """Single-article results -> one Collection: articles ordered by date (undated last), claims tagged
    with article, date and outlet; the brief written over all claims; the timeline of figures, the
    changes and the figure conflicts computed by rule (timeline.py)."""
    from summarizer.analysis import timeline as tl

    results = sorted(results, key=lambda r: r.document.date or "9999-99-99")  # stable: ties keep their order
    refs = [ArticleRef(id=f"A{n}", source=r.document.source, sha256=r.document.sha256, title=r.document.title,
                       date=r.document.date, outlet=outlet_of(r.document)) for n, r in enumerate(results, 1)]
    warnings = list(warnings or [])
    usage = Usage(budget=Budget(reasks_per_call=client.max_retries, http_retries_per_call=settings.http_retries,
                                tokens=client.token_budget))
    claims = []
    for ref, r in zip(refs, results):
        _add_usage(usage, r.usage)
        warnings.extend(Warning_(stage=f"{ref.id} {w.stage}", message=w.message) for w in r.warnings)
        claims += [c.model_copy(update={"id": f"{ref.id}:{c.id}", "article": ref.id, "published": ref.date,
                                        "outlet": ref.outlet}) for c in r.claims]
    timeline = tl.build_timeline(claims, refs)
    brief = None
    if with_brief:
        if progress:
            progress("brief", 0, 1)
        client.usage = Usage()
        brief = brief_mod.write_brief(None, claims, client, warnings, articles=refs)
        _add_usage(usage, client.usage)
        if brief is not None:  # what changed leads, stated from the timeline; then the model's points
            brief.key_points = tl.change_points(timeline, refs) + brief.key_points
            brief.disagreements = tl.disagreements(timeline, claims)
        if progress:
            progress("brief", 1, 1)
    warnings.extend(Warning_(stage="cache", message=m) for m in client.cache.warnings)
    client.cache.warnings = []
    return Collection(model=settings.model,
                      prompt_versions={name: prompts.version(name) for name in (extract.PROMPT, brief_mod.PROMPT)},
                      articles=refs, documents=[r.document for r in results], claims=claims, brief=brief,
                      timeline=timeline, changes=tl.changes(timeline, refs), warnings=warnings, usage=usage)


def _add_usage(total: Usage, part: Usage) -> None:
    """Add part's counters (every numeric field; the budget is the run's, not summed) to total."""
    for name in Usage.model_fields:
        value = getattr(part, name)
        if isinstance(value, (int, float)):
            setattr(total, name, getattr(total, name) + value)
