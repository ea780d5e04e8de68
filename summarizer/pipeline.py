"""The library entry point: article -> Document -> claims -> brief -> Result (several articles ->
Collection). The CLI and the evaluation call these functions and nothing below them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

import summarizer.prompts as prompts
from summarizer.backends import Backend, get_backend
from summarizer.config import Settings
from summarizer.errors import BackendError
from summarizer.ingest.document import document_from_raw, load_document, outlet_of
from summarizer.ingest.read import RawText, expand_articles, read_text
from summarizer.models import ArticleRef, Budget, Collection, Document, Result, Usage, Warning_
from summarizer.structured.cache import RESULT_PREFIX, AnswerCache, cache_key
from summarizer.structured.client import StructuredClient

Progress = Callable[[str, int, int], None]


def open_client(settings: Settings, backend: Backend | None = None) -> StructuredClient:
    """A client for settings.model (or for `backend`, to share one loaded model between clients); the
    backend and any model weights load on the first cache miss."""
    cache = AnswerCache(settings.cache_dir if settings.use_cache else None, enabled=settings.use_cache,
                        refresh=settings.refresh)
    if backend is None:
        backend = get_backend(settings.model, settings)
    return StructuredClient(lambda: backend, backend.identity(), cache, max_retries=settings.max_retries,
                            token_budget=settings.token_budget)


def _budget(settings: Settings) -> Budget:
    return Budget(reasks_per_call=settings.max_retries, brief_reasks=settings.brief_retries,
                  http_retries_per_call=settings.http_retries, tokens=settings.token_budget)


def _versions() -> dict[str, str]:
    from summarizer.analysis import brief as brief_mod
    from summarizer.analysis import extract

    return {name: prompts.version(name) for name in (extract.PROMPT, brief_mod.PROMPT)}


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over this package's code and prompts: a stored result is only as good as the code that made it."""
    code, templates = Path(__file__).parent, Path(prompts.__file__).parent
    files = [(f"summarizer/{p.relative_to(code).as_posix()}", p) for p in code.rglob("*.py")]
    files += [(f"prompts/{p.name}", p) for p in (*templates.glob("*.py"), *templates.glob("*.j2"))]
    h = hashlib.sha256()
    for name, path in sorted(files):  # names relative to the package: the same on every machine
        h.update(name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _result_key(raw: RawText, settings: Settings, client: StructuredClient, with_brief: bool) -> str:
    """What a whole result depends on: the text as read, the settings that change answers or checks, the
    model's identity and the code. Not the cache's place, not secrets, not how output is shown."""
    knobs = settings.model_dump(mode="json", include={"model", "base_url", "json_mode", "max_retries", "brief_retries",
                                                      "token_budget", "max_chars", "part_chars", "context",
                                                      "concurrency", "strategy"})
    if not with_brief:
        knobs.pop("brief_retries")
    if settings.model.startswith("local/"):  # the sequences side by side make the batches, which round answers:
        from summarizer.backends.local import slots_for  # the number decoded, whether given or by default

        knobs["concurrency"] = slots_for(settings)
    return RESULT_PREFIX + cache_key({"text": hashlib.sha256(raw.text.encode()).hexdigest(), "source": raw.source,
                                      "encoding": raw.encoding, "title": raw.title, "date": raw.date,
                                      "settings": knobs, "identity": client.identity, "brief": with_brief,
                                      "code": code_fingerprint()})


def summarize(article: str | Path | Document, settings: Settings, *, with_brief: bool = True,
              client: StructuredClient | None = None, progress: Progress | None = None) -> Result:
    """One article (a path, '-' for stdin, or a parsed Document) -> claims and, with_brief, a brief.
    An article read here is looked up whole in the cache first: a second run of the same text, settings
    and code gives the stored result (its answers all come from the cache) without parsing or checking
    anything again; a result is stored only when every model answer was usable and cacheable."""
    raw = None if isinstance(article, Document) else read_text(article, settings.max_chars)
    own_client = client is None
    client = client or open_client(settings)
    try:
        key = _result_key(raw, settings, client, with_brief) if raw is not None and client.cache.active else None
        stored = _stored(client, key, settings) if key is not None else None
        if stored is not None:
            return stored
        result = _summarize(article if raw is None else document_from_raw(raw), settings, with_brief, client,
                            progress)
        if key is not None and not result.usage.failed_calls and not any(w.stage == "cache" for w in result.warnings):
            client.cache.set(key, result.model_dump(mode="json"))
        return result
    finally:
        if own_client:
            client.close()


def _stored(client: StructuredClient, key: str, settings: Settings) -> Result | None:
    """A stored result, its usage that of a run served from the cache (every model answer a cache hit)."""
    hit = client.cache.get(key)
    if not isinstance(hit, dict):
        return None
    try:
        result = Result.model_validate(hit)
    except ValidationError:
        client.cache.discard(key)
        return None
    asked = result.usage.cache_hits + result.usage.cache_misses
    result.usage = Usage(budget=_budget(settings), cache_hits=asked)
    client.usage.add(result.usage)
    return result


def _summarize(doc: Document, settings: Settings, with_brief: bool, client: StructuredClient,
               progress: Progress | None) -> Result:
    from summarizer.analysis import brief as brief_mod
    from summarizer.analysis import extract

    usage = Usage(budget=_budget(settings))
    warnings: list[Warning_] = []
    if doc.encoding == "cp1252":
        warnings.append(Warning_(stage="input", message=f"{doc.source} is not UTF-8; read it as Windows-1252/Latin-1"))
    found = extract.extract_claims(doc, client, part_chars=settings.part_chars, strategy=settings.strategy,
                                   progress=(lambda n, total: progress("claims", n, total)) if progress else None)
    warnings += found.warnings
    usage.add(found.usage)
    if not found.claims and found.usage.failed_calls:
        failures = [w.message for w in found.warnings if w.stage == "extract"]
        raise BackendError(f"no usable answer from {settings.model} for any sentence of {doc.source}: "
                           f"{failures[-1] if failures else 'see --debug'}")
    brief = None
    if with_brief:
        if progress:
            progress("brief", 0, 1)
        written = brief_mod.write_brief(doc, found.claims, client, reasks=settings.brief_retries)
        brief, warnings = written.brief, warnings + written.warnings
        usage.add(written.usage)
        if progress:
            progress("brief", 1, 1)
    warnings += [Warning_(stage="cache", message=m) for m in client.take_warnings()]
    return Result(model=settings.model, prompt_versions=_versions(), document=doc, claims=found.claims, brief=brief,
                  warnings=_once(warnings), usage=usage)


def summarize_many(articles: list[str | Path], settings: Settings, *, with_brief: bool = True,
                   client: StructuredClient | None = None, progress: Progress | None = None) -> Collection:
    """One brief across several articles (files, directories of them, globs). Each article's claims are
    extracted exactly as in a single run (so their cache entries are shared), then `collect` writes the
    brief over all of them."""
    docs: list[Document] = []
    warnings: list[Warning_] = []
    for path in expand_articles(articles):
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


def collect(results: list[Result], settings: Settings, client: StructuredClient, *, with_brief: bool = True,
            progress: Progress | None = None, warnings: list[Warning_] | None = None) -> Collection:
    """Single-article results -> one Collection: articles ordered by date (undated last), claims tagged
    with article, date and outlet; the brief written over all claims; the timeline of figures, the
    changes and the figure conflicts computed by rule (analysis/timeline.py)."""
    from summarizer.analysis import brief as brief_mod
    from summarizer.analysis import timeline as tl

    results = sorted(results, key=lambda r: r.document.date or "9999-99-99")  # stable: ties keep their order
    refs = [ArticleRef(id=f"A{n}", source=r.document.source, sha256=r.document.sha256, title=r.document.title,
                       date=r.document.date, outlet=outlet_of(r.document)) for n, r in enumerate(results, 1)]
    warnings = list(warnings or [])
    usage = Usage(budget=_budget(settings))
    claims = []
    for ref, r in zip(refs, results):
        usage.add(r.usage)
        warnings.extend(Warning_(stage=f"{ref.id} {w.stage}", message=w.message) for w in r.warnings)
        claims += [c.model_copy(update={"id": f"{ref.id}:{c.id}", "article": ref.id, "published": ref.date,
                                        "outlet": ref.outlet}) for c in r.claims]
    timeline = tl.build_timeline(claims, refs)
    brief = None
    if with_brief:
        if progress:
            progress("brief", 0, 1)
        written = brief_mod.write_brief(None, claims, client, articles=refs, reasks=settings.brief_retries)
        brief = written.brief
        warnings += written.warnings
        usage.add(written.usage)
        if brief is not None:  # what changed leads, stated from the timeline; then the model's points
            changes = tl.change_points(timeline, refs)
            said = [set(c.claims) for c in changes]  # a change point says it already: no second point
            brief.key_points = changes + [p for p in brief.key_points if set(p.claims) not in said]
            brief.disagreements = tl.disagreements(timeline, claims)
        if progress:
            progress("brief", 1, 1)
    warnings += [Warning_(stage="cache", message=m) for m in client.take_warnings()]
    return Collection(model=settings.model, prompt_versions=_versions(), articles=refs,
                      documents=[r.document for r in results], claims=claims, brief=brief, timeline=timeline,
                      changes=tl.changes(timeline, refs), warnings=_once(warnings), usage=usage)


def _once(warnings: list[Warning_]) -> list[Warning_]:
    """Each warning once: the same cause (a claim dropped four times over from one answer) says it once."""
    return list({(w.stage, w.message): w for w in warnings}.values())
