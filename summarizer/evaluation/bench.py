"""`summarize bench`: decoding speed (free, llguidance-constrained, llama.cpp's own grammar) on one
prompt, then cold and warm `summarize --brief` runs in fresh processes with their peak memory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summarizer.config import resolve_settings


def seed_articles() -> list[Path]:
    """The repository's seed articles (fixtures/articles), the default articles of the benchmark."""
    from summarizer.evaluation.gold import project_root

    return sorted((project_root() / "fixtures" / "articles").glob("*.txt"))


def _decode_speeds(model: str, article: Path, tokens: int, grammar_tokens: int, skip_grammar: bool) -> dict:
    from llguidance import LLMatcher

    from summarizer import prompts
    from summarizer.analysis.extract import draft_model
    from summarizer.backends import get_backend
    from summarizer.ingest.document import load_document

    settings = resolve_settings({"model": model})
    backend = get_backend(model, settings)
    doc = load_document(article)
    sentences = [{"id": s.id, "text": s.text} for s in doc.sentences]
    messages = prompts.render("extract", boundary=prompts.boundary_for(doc.text), sentences=sentences,
                              targets=[sentences[4]])
    schema = draft_model(doc, [sentences[4]["id"]]).model_json_schema()
    backend.model_path()  # assemble first if needed; not part of the load time
    started = time.perf_counter()
    prompt = backend.prompt_tokens(messages)
    load_s = time.perf_counter() - started
    llm = backend.llm
    decoder = backend.decoder()

    def prefill():
        llm.n_tokens = 0
        t = time.perf_counter()
        llm.eval(prompt)
        return time.perf_counter() - t

    # constrained, one token per step (the mask is computed and applied at every step)
    prefill_s = prefill()
    matcher = LLMatcher(backend.tokenizer, backend.grammar(schema), log_level=0)
    out, mask_s = [], 0.0
    t0 = time.perf_counter()
    while len(out) < tokens and not matcher.is_stopped():
        t = time.perf_counter()
        tok = decoder.pick(matcher, decoder.logits())
        matcher.consume_token(tok)
        mask_s += time.perf_counter() - t
        out.append(tok)
        if matcher.is_stopped():
            break
        llm.eval([tok])
    constrained_s = time.perf_counter() - t0
    n = len(out)

    # unconstrained greedy decoding of exactly as many tokens
    prefill()
    t0 = time.perf_counter()
    for _ in range(n):
        row = decoder.logits()
        row[list(backend.eos)] = float("-inf")
        llm.eval([int(row.argmax())])
    free_s = time.perf_counter() - t0

    # the production path: constrained, forced tokens fed in batches; the prompt is already in the KV cache
    t0 = time.perf_counter()
    done = backend.complete(messages, schema, max_tokens=700)  # a whole answer, as in production
    ff_s = time.perf_counter() - t0
    spec = backend.stats[-1]

    result = {
        "model": model, "prompt_tokens": len(prompt), "model_load_s": round(load_s, 2),
        "prompt_eval_tokens_per_s": round(len(prompt) / prefill_s, 1),
        "generated_tokens": n,
        "unconstrained_tokens_per_s": round(n / free_s, 2),
        "llguidance_tokens_per_s": round(n / constrained_s, 2),
        "llguidance_mask_seconds_total": round(mask_s, 3),
        "constrained_over_unconstrained_time": round(constrained_s / free_s, 3),
        "production_decoder": {"tokens": done.completion_tokens, "tokens_per_s": round(done.completion_tokens / ff_s, 2),
                               "forced_tokens_batched": spec.forced, "drafted": spec.drafted,
                               "draft_tokens_accepted": spec.accepted},
    }
    if not skip_grammar:
        from llama_cpp import LlamaGrammar

        grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
        text = backend.chat_text(messages)
        llm.reset()
        llm.eval(prompt)  # the prompt is in the KV cache: only decoding is timed
        t0 = time.perf_counter()
        res = llm.create_completion(text, max_tokens=grammar_tokens, temperature=0.0, grammar=grammar)
        g_s = time.perf_counter() - t0
        g_n = res["usage"]["completion_tokens"]
        t0 = time.perf_counter()
        res = llm.create_completion(text, max_tokens=g_n, temperature=0.0)
        f_s = time.perf_counter() - t0
        result["llama_cpp_grammar"] = {
            "generated_tokens": g_n, "tokens_per_s": round(g_n / g_s, 3),
            "unconstrained_same_call_tokens_per_s": round(res["usage"]["completion_tokens"] / f_s, 2),
            "grammar_over_unconstrained_time": round(g_s / f_s, 1),
        }
    result["llguidance_over_llama_cpp_grammar_speed"] = (
        round(result["llguidance_tokens_per_s"] / result["llama_cpp_grammar"]["tokens_per_s"], 1)
        if "llama_cpp_grammar" in result else None)
    backend.close()
    return result


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


def run_bench(model: str | None, articles: list[Path] | None, tokens: int, skip_grammar: bool,
              grammar_tokens: int | None = None) -> str:
    model = model or resolve_settings({}).model
    report = {"machine": {"cpus": os.cpu_count(), "threads": resolve_settings({}).threads}}
    # whole runs first: a child forked after this process loaded the model would inherit its peak RSS
    articles = articles or seed_articles()
    report["runs"] = _runs(model, articles)
    if model.startswith("local/"):
        report["decoding"] = _decode_speeds(model, articles[0], tokens, grammar_tokens or tokens, skip_grammar)
    return json.dumps(report, indent=2)
