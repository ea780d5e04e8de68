"""`summarize bench`: cold and warm `summarize --brief` runs in fresh processes with their peak memory;
the same extraction tasks of one article decoded one at a time and side by side (batch sizes, tokens
per second); and the prompt and completion tokens of each extraction strategy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summarizer.analysis.extract import extract_claims
from summarizer.backends import get_backend
from summarizer.config import STRATEGIES, resolve_settings
from summarizer.ingest.document import load_document
from summarizer.structured.cache import AnswerCache
from summarizer.structured.client import StructuredClient

SEEDS = ("2025-02-01_ani_north-korean-troops-withdraw-kursk.txt", "2025-04-02_ians_north-korean-casualties-kursk.txt")


def seed_articles() -> list[Path]:
    """The repository's two seed articles, the default articles of the benchmark."""
    from summarizer.evaluation.gold import project_root

    return [project_root() / "fixtures" / "articles" / name for name in SEEDS]


def _client(backend, settings) -> StructuredClient:
    """A client over backend with no answer cache: every task is decoded."""
    return StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False),
                            max_retries=settings.max_retries)


def _parallel(model: str, article: Path, slots: int) -> dict:
    """The same extraction tasks of one article decoded one at a time, then `slots` side by side."""
    from summarizer.backends.local import LocalBackend

    doc = load_document(article)
    settings = resolve_settings({"model": model})
    out: dict = {"article": article.name, "tasks": len(doc.sentences)}
    texts = {}
    for name, width in (("sequential", 1), ("parallel", slots)):
        backend = get_backend(model, settings.model_copy(update={"concurrency": width}))
        assert isinstance(backend, LocalBackend)
        started = time.perf_counter()
        backend.load()
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        found = extract_claims(doc, _client(backend, settings), part_chars=settings.part_chars)
        wall = time.perf_counter() - started
        stats = backend.engine.stats
        out[name] = {"sequences": width, "model_load_s": round(load_s, 2), "wall_s": round(wall, 2),
                     "generated_tokens": found.usage.completion_tokens,
                     "tokens_per_s": round(found.usage.completion_tokens / wall, 1),
                     "prompt_tokens": found.usage.prompt_tokens, "kv_prefix_tokens": found.usage.cached_prompt_tokens,
                     "decode_steps": stats.steps, "tokens_evaluated": stats.tokens,
                     "sequences_per_step": {str(k): v for k, v in sorted(stats.sizes.items())},
                     "drafted": sum(s.drafted for s in backend.stats), "accepted": sum(s.accepted for s in backend.stats)}
        texts[name] = [c.model_dump(exclude={"id"}) for c in found.claims]
        backend.close()
    out["parallel_over_sequential_time"] = round(out["parallel"]["wall_s"] / out["sequential"]["wall_s"], 3)
    out["same_claims"] = texts["sequential"] == texts["parallel"]
    return out


def _strategies(model: str, articles: list[Path]) -> dict:
    """Prompt and completion tokens per article for each extraction strategy (claims only, no cache)."""
    settings = resolve_settings({"model": model})
    backend = get_backend(model, settings)
    out: dict = {}
    try:
        for article in articles:
            doc = load_document(article)
            row = {}
            for strategy in STRATEGIES:
                started = time.perf_counter()
                found = extract_claims(doc, _client(backend, settings), part_chars=settings.part_chars,
                                       strategy=strategy)
                row[strategy] = {"calls": found.usage.calls, "prompt_tokens": found.usage.prompt_tokens,
                                 "completion_tokens": found.usage.completion_tokens, "claims": len(found.claims),
                                 "wall_s": round(time.perf_counter() - started, 2)}
            base = row["sentence"]["prompt_tokens"] or 1
            for strategy in STRATEGIES:
                row[strategy]["prompt_tokens_vs_sentence"] = round(row[strategy]["prompt_tokens"] / base, 3)
            out[article.name] = row
    finally:
        backend.close()
    return out


def _timed_run(args: list[str], env: dict) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    stdout = proc.stdout.read()
    _, status, rusage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    data = json.loads(stdout) if proc.returncode == 0 else {}
    usage = data.get("usage", {})
    return {"exit_code": proc.returncode, "wall_s": round(wall, 2),
            "peak_rss_mib": round(rusage.ru_maxrss / 1024, 1),
            "model_calls": usage.get("calls"), "reasks": usage.get("reasks"),
            "prompt_tokens": usage.get("prompt_tokens"), "completion_tokens": usage.get("completion_tokens"),
            "kv_prefix_share": round(usage["cached_prompt_tokens"] / usage["prompt_tokens"], 3)
            if usage.get("prompt_tokens") else None,
            "cache_hits": usage.get("cache_hits"), "claims": len(data.get("claims", [])),
            "warnings": len(data.get("warnings", []))}


def _runs(model: str, articles: list[Path]) -> dict:
    settings = resolve_settings({"model": model})
    scratch = Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    try:
        models_dir = settings.cache_dir / "models"
        if models_dir.is_dir():  # reuse assembled model files; the answer cache starts empty
            (scratch / "models").symlink_to(models_dir.resolve())
        env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(scratch)}
        out = {}
        for article in articles:
            cmd = [sys.executable, "-m", "summarizer", str(article), "--brief", "--format", "json", "--model", model,
                   "--quiet"]
            out[article.name] = {"cold": _timed_run(cmd, env), "warm": _timed_run(cmd, env)}
        return out
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_bench(model: str | None, articles: list[Path] | None, *, runs: bool = True, parallel: bool = True,
              strategies: bool = True) -> str:
    """JSON: cold and warm whole runs (fresh processes: wall time, peak memory, tokens); for a local model
    the same tasks decoded one at a time and side by side; and the tokens each extraction strategy costs."""
    settings = resolve_settings({"model": model} if model else {})
    model = settings.model
    report: dict = {"machine": {"cpus": os.cpu_count(), "threads": settings.threads}, "model": model}
    articles = articles or seed_articles()
    # whole runs first: a child forked after this process loaded the model would inherit its peak RSS
    if runs:
        report["runs"] = _runs(model, articles)
    if parallel and model.startswith("local/"):
        from summarizer.backends.local import slots_for

        report["parallel"] = _parallel(model, articles[0], slots_for(settings))
    if strategies:
        report["strategies"] = _strategies(model, articles)
    return json.dumps(report, indent=2)
