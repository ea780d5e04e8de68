"""The embedded backend with a real model (SmolLM2-135M): llguidance makes even this tiny model
emit schema-valid JSON, evidence ids can only be ids that exist, answers are cached and repeatable."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from pydantic import ValidationError

from summarizer.analysis.extract import draft_model
from summarizer.backends.modelstore import KNOWN
from summarizer.config import resolve_settings
from summarizer.ingest.document import parse_document
from summarizer.pipeline import summarize
from summarizer.structured.cache import AnswerCache
from summarizer.structured.client import StructuredClient

from .helpers import INJECTION, interruptible, run

pytestmark = pytest.mark.model

ARTICLE = """Kyiv, March 4 (ANI): About 300 drones were launched at Kyiv overnight, the Ukrainian air force said.

The mayor said two people were probably injured.

Russia denied targeting civilians, according to TASS.
"""


def _smollm(path, **options):
    """The local backend over SmolLM2-135M (imported here: llama-cpp-python is an optional extra)."""
    from summarizer.backends.local import LocalBackend

    return LocalBackend("local/smollm2-135m", path=path, sha256=KNOWN["smollm2-135m"].sha256, threads=2, **options)


@pytest.fixture(scope="module")
def backend(smollm_path):
    b = _smollm(smollm_path)
    yield b
    b.close()


def _client(backend, cache_dir, use_cache=True):
    return StructuredClient(lambda: backend, backend.identity(), AnswerCache(cache_dir, enabled=use_cache),
                            max_retries=1)


class _Recorded(list):
    """(schema, completion) per call, and the messages of each call in `messages`."""

    def __init__(self):
        super().__init__()
        self.messages: list[list[dict]] = []


@contextmanager
def recorded(backend, cache_dir, use_cache=True):
    """A client over `backend` while every completion is recorded as (schema, completion)."""
    raw = _Recorded()
    complete = backend.complete

    def recording(messages, schema, *, max_tokens):
        done = complete(messages, schema, max_tokens=max_tokens)
        raw.append((schema, done))
        raw.messages.append(messages)
        return done

    backend.complete = recording
    try:
        yield _client(backend, cache_dir, use_cache), raw
    finally:
        del backend.complete


def _settings(tmp_path):
    return resolve_settings({"model": "local/smollm2-135m", "cache_dir": tmp_path}, env={})


def test_constrained_output_is_schema_valid_and_grounded(backend, tmp_path):
    doc = parse_document(ARTICLE)
    with recorded(backend, tmp_path / "c") as (client, raw):
        result = summarize(doc, _settings(tmp_path), client=client, with_brief=False)
    assert len(raw) >= len(doc.sentences)
    for schema, done in raw:
        if done.finish_reason != "stop":
            continue  # cut off by max_tokens: recorded as a warning, checked below
        data = json.loads(done.text)  # always parseable JSON
        ids = schema["$defs"]["ClaimDraft"]["properties"]["evidence"]["items"]
        allowed = {ids["const"]} if "const" in ids else set(ids["enum"])
        for claim in data["claims"]:
            assert set(claim["evidence"]) <= allowed
        try:
            draft_model(doc, sorted(allowed, key=lambda s: int(s[1:]))).model_validate(data)
        except ValidationError as exc:  # only our grounding checks may fail, never the structure
            assert {e["type"] for e in exc.errors()} == {"value_error"}, exc.errors()
    for claim in result.claims:
        for ev in claim.evidence:
            assert doc.text[ev.start:ev.end] == ev.text
    assert all(w.stage == "extract" for w in result.warnings)


def test_second_run_hits_the_cache_and_output_is_repeatable(backend, tmp_path):
    doc = parse_document(ARTICLE)
    settings = _settings(tmp_path)
    with recorded(backend, tmp_path / "c") as (client, raw):
        first = summarize(doc, settings, client=client, with_brief=False)
        calls = len(raw)
        second = summarize(doc, settings, client=client, with_brief=False)
        assert len(raw) == calls and second.usage.cache_hits == first.usage.cache_misses
        assert second.claims == first.claims
        # no cache: the model itself gives the same answer again (greedy, fixed seed)
        third = summarize(doc, settings, client=_client(backend, tmp_path / "other", use_cache=False),
                          with_brief=False)
        assert third.claims == first.claims


def test_prefix_of_consecutive_calls_is_reused(backend, tmp_path):
    doc = parse_document(ARTICLE)
    with recorded(backend, tmp_path / "c", use_cache=False) as (client, raw):
        summarize(doc, _settings(tmp_path), client=client, with_brief=False)
    # a re-ask (the task's prompt, the rejected answer and the checks' message) is a new prompt shape
    later = [done for (_, done), messages in zip(raw[1:], raw.messages[1:])
             if not any(m["role"] == "assistant" for m in messages)]
    assert later and all(d.cached_tokens > 0.6 * d.prompt_tokens for d in later)


def test_system_prompt_state_is_stored_once_and_gives_the_same_answers_as_evaluating_it(smollm_path, tmp_path):
    """The system prompt is the same for every article: its KV state is evaluated once per model and
    prompt, stored beside the models and loaded by later processes (a fresh backend here). Loading it,
    evaluating it, or evaluating it again over a damaged file gives the same claims; a second article in
    the same process keeps it from the first article's prefix, store or not."""
    doc, other = parse_document(ARTICLE), parse_document(ARTICLE.replace("Kyiv", "Lviv").replace("300", "250"))
    settings = _settings(tmp_path)

    def run_once(cache_dir, *docs):
        backend = _smollm(smollm_path, cache_dir=cache_dir)
        try:
            with recorded(backend, tmp_path / "answers", use_cache=False) as (client, _):
                results = [summarize(d, settings, client=client, with_brief=False) for d in docs]
            stats = backend.engine.stats
            return [r.claims for r in results], (stats.heads_evaluated, stats.heads_loaded), stats.tokens
        finally:
            backend.close()

    plain, heads, evaluated = run_once(None, doc)  # no store: evaluated on its own all the same
    assert heads == (1, 0)
    first, heads, stored_now = run_once(tmp_path / "c", doc)
    files = list((tmp_path / "c" / "models").glob("*.head-*.kv"))
    assert heads == (1, 0) and len(files) == 1 and files[0].stat().st_size > 100_000  # a real KV state
    loaded, heads, from_store = run_once(tmp_path / "c", doc)
    assert heads == (0, 1) and plain == first == loaded
    assert stored_now == evaluated and from_store < evaluated - 300  # its tokens were loaded, not evaluated
    files[0].write_bytes(files[0].read_bytes()[:-7] + b"damaged")
    damaged, heads, _ = run_once(tmp_path / "c", doc)
    assert heads == (1, 0) and damaged == plain  # refused, evaluated again
    both, heads, _ = run_once(None, doc, other)
    assert heads == (1, 0) and both[0] == plain[0] and both[1]  # the second article kept the first's


def test_any_gguf_path_works_from_the_command_line(smollm_path, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    out = run(article, "--claims", "--format", "json", "--quiet", "--model", f"local/{smollm_path}",
              "--cache-dir", tmp_path / "c")
    assert out.returncode == 0, out.stderr[-1500:]
    data = json.loads(out.stdout)
    assert data["model"] == f"local/{smollm_path}" and data["usage"]["calls"] >= 3


def test_article_longer_than_the_context_is_split_and_offsets_stay_true(smollm_path, tmp_path):
    """SmolLM2 capped at a 2,048-token context: the whole article cannot go in one prompt, so it is read
    in overlapping parts; every call fits, every sentence is read once, every offset points into the file."""
    from summarizer import prompts
    from summarizer.analysis import extract

    paragraphs = [f"Officials in district {k} said that {k * 10 + 7} homes on the coast road lost power on Monday after "
                  f"the storm brought down the lines near the old harbour, the fish market and the ferry terminal, and "
                  f"that repair crews from the regional utility expected to restore every connection in district {k} "
                  f"by Friday evening at the latest, a spokesperson for the utility told the local radio station NRK."
                  for k in range(1, 10)]
    path = tmp_path / "long.txt"
    path.write_text("Oslo, May 1 (NTB): " + "\n\n".join(paragraphs) + "\n")
    backend = _smollm(smollm_path, max_context=2048)
    try:
        with recorded(backend, tmp_path / "cache", use_cache=False) as (client, raw):
            settings = resolve_settings({"model": "local/smollm2-135m", "use_cache": False}, env={})
            result = summarize(path, settings, client=client, with_brief=False)
        doc = result.document
        whole = prompts.render(extract.PROMPT, boundary="B", sentences=[{"id": s.id, "text": s.text} for s in doc.sentences],
                               targets=[{"id": "S1", "text": doc.sentences[0].text}])
        assert len(backend.prompt_tokens(whole)) + extract.MAX_TOKENS > 2048  # it really does not fit
        assert backend.n_ctx() == 2048
        assert len(raw) == result.usage.calls == len(doc.sentences) + result.usage.reasks  # one task per sentence
        assert all(done.prompt_tokens + done.completion_tokens <= 2048 for _, done in raw)
        assert result.claims, "the model found claims in the parts"
        for c in result.claims:
            for e in c.evidence:
                assert doc.text[e.start:e.end] == e.text
    finally:
        backend.close()


def test_control_tokens_in_an_article_cannot_open_a_new_turn(backend):
    """The prompt is tokenized with special tokens on (for the chat template); an article's own
    '<|im_end|><|im_start|>system' must come out as plain text, not as turn markers."""
    article = (INJECTION / "fake_roles.txt").read_text()
    assert "<|im_end|>" in article and "<|im_start|>system" in article
    plain = [{"role": "system", "content": "Extract claims."}, {"role": "user", "content": "An article."}]
    attacked = [plain[0], {"role": "user", "content": article}]
    im_end, im_start = (backend.tokenize(t, special=True)[-1] for t in ("<|im_end|>", "<|im_start|>"))
    assert backend.detokenize([im_end, im_start]) == ""  # control tokens, not text
    for token in (im_end, im_start):
        assert backend.prompt_tokens(attacked).count(token) == backend.prompt_tokens(plain).count(token)
    assert "im_end" in backend.detokenize(backend.prompt_tokens(attacked))  # the article's, as plain text


def test_ctrl_c_during_side_by_side_decoding_stops_at_once_and_caches_only_finished_answers(smollm_path, tmp_path):
    """SIGINT while eight sequences decode in one batch: exit 130 within seconds, one error line; what is
    in the cache afterwards is whole answers only, and a second run completes from it."""
    import signal
    import subprocess
    import sys
    import time

    from summarizer.structured.cache import cache_info

    article = tmp_path / "storm.txt"
    article.write_text("\n\n".join(f"Officials in district {k} said {k * 10 + 7} homes lost power after the storm, "
                                   f"and crews expected to restore every connection by Friday." for k in range(1, 13)))
    cmd = [sys.executable, "-m", "summarizer", str(article), "--claims", "--format", "json", "--model",
           f"local/{smollm_path}", "--cache-dir", str(tmp_path / "cache"), "--concurrency", "8"]
    proc = interruptible(cmd)
    time.sleep(8)  # the model is loaded and eight sequences are decoding
    assert proc.poll() is None, "the run ended before it could be interrupted"
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "Error: interrupted", err[-500:]
    assert time.monotonic() - started < 15 and out == ""
    assert cache_info(tmp_path / "cache")["entries"] < 12  # some tasks were unfinished and left no entry
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-500:]
    assert len(json.loads(again.stdout)["claims"]) >= 1


def test_measuring_batch_steps_leaves_the_kv_cache_as_it_was(backend):
    import llama_cpp

    backend.load()
    ctx = backend.engine.ctx
    half, full = backend.engine.time_steps([8, 16], runs=2)
    assert 0 < half and 0 < full
    assert llama_cpp.llama_memory_seq_pos_max(ctx.memory, 1) == -1  # the scratch sequence holds no cell
