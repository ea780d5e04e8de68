"""A provider that fails: a real HTTP server on 127.0.0.1 speaking the chat-completions protocol
(tests/faultserver.py) times out, rate-limits, errors, drops connections and answers broken JSON.
Expected: bounded retries with backoff, re-asks for invalid output, a clear error once the budget is
spent, nothing cached from a failed call, and the budget reported in --format json."""

from __future__ import annotations

import json
import time

import pytest
from pydantic import BaseModel, Field

from summarizer.backends.openai_compat import OpenAIBackend
from summarizer.errors import BackendError, BudgetExceeded
from summarizer.structured.cache import AnswerCache, cache_info
from summarizer.structured.client import StructuredClient

from .faultserver import FaultServer
from .helpers import careful_extractor, run, write_article

pytestmark = pytest.mark.server

MESSAGES = [{"role": "system", "content": "Read the figure."}, {"role": "user", "content": "Oslo: 120 homes."}]


class Reading(BaseModel):
    city: str
    homes: int = Field(ge=0)


def _reading(messages, schema):
    return {"city": "Oslo", "homes": 120}


def _client(server, tmp_path, *, http_retries=3, max_retries=1, timeout=1.0, token_budget=None):
    backend = OpenAIBackend("openai/fault", "fault", base_url=server.url, api_key=None, json_mode="json_schema",
                            timeout=timeout, max_http_retries=http_retries)
    return StructuredClient(lambda: backend, backend.identity(), AnswerCache(tmp_path / "cache"),
                            max_retries=max_retries, token_budget=token_budget)


def _entries(tmp_path):
    return cache_info(tmp_path / "cache")["entries"]


def test_rate_limits_and_server_errors_are_retried_with_backoff(tmp_path):
    with FaultServer(["429", "500", "503"], _reading) as server:
        client = _client(server, tmp_path)
        answer = client.ask(MESSAGES, Reading, max_tokens=50)
        assert answer.data == {"city": "Oslo", "homes": 120}
        assert server.actions == ["429", "500", "503", "ok"] and client.usage.http_retries == 3
        gaps = [b - a for a, b in zip(server.times, server.times[1:])]
        assert gaps[0] >= 0.95  # Retry-After: 1 was honoured
        assert 0.2 <= gaps[1] <= 1.5 and 0.4 <= gaps[2] <= 2.5  # exponential backoff with jitter
        assert _entries(tmp_path) == 1
        again = client.ask(MESSAGES, Reading, max_tokens=50)  # from the cache, no request
        assert again.cached and len(server.requests) == 4


def test_timeouts_dropped_connections_and_cut_bodies_are_retried(tmp_path):
    with FaultServer(["timeout", "drop", "truncated_body"], _reading, hang=2.5) as server:
        client = _client(server, tmp_path, timeout=1.0)
        started = time.monotonic()
        answer = client.ask(MESSAGES, Reading, max_tokens=50)
        assert answer.data["homes"] == 120 and client.usage.http_retries == 3
        assert time.monotonic() - started < 10


def test_spent_retry_budget_is_a_clear_error_and_nothing_is_cached(tmp_path):
    with FaultServer(["503"] * 10, _reading) as server:
        client = _client(server, tmp_path, http_retries=2)
        with pytest.raises(BackendError, match=r"HTTP 503 .*gave up after 3 attempts") as err:
            client.ask(MESSAGES, Reading, max_tokens=50)
        assert "\n" not in str(err.value) and len(server.requests) == 3
        assert _entries(tmp_path) == 0


def test_a_long_retry_after_fails_at_once(tmp_path):
    with FaultServer(["429"], _reading, retry_after="3600") as server:
        started = time.monotonic()
        with pytest.raises(BackendError, match="asks to wait 3600 s"):
            _client(server, tmp_path).ask(MESSAGES, Reading, max_tokens=50)
        assert time.monotonic() - started < 5 and len(server.requests) == 1


@pytest.mark.parametrize("fault", ["invalid_json", "truncated_json"])
def test_invalid_output_is_reasked_with_the_error(tmp_path, fault):
    with FaultServer([fault], _reading) as server:
        client = _client(server, tmp_path)
        answer = client.ask(MESSAGES, Reading, max_tokens=50)
        assert answer.data == {"city": "Oslo", "homes": 120} and client.usage.reasks == 1
        reask = json.dumps(server.requests[1]["messages"])
        assert len(server.requests[1]["messages"]) > len(MESSAGES) and ("city" in reask or "JSON" in reask)


@pytest.mark.parametrize("script", [["invalid_json", "invalid_json"], ["length"]], ids=["invalid", "length"])
def test_output_that_stays_bad_leaves_no_answer_and_no_cache_entry(tmp_path, script):
    with FaultServer(script, _reading) as server:
        client = _client(server, tmp_path)
        answer = client.ask(MESSAGES, Reading, max_tokens=50, label="reading")
        assert answer.data is None and answer.warnings and client.usage.failed_calls == 1
        assert _entries(tmp_path) == 0
        assert client.ask(MESSAGES, Reading, max_tokens=50).data is not None  # next time the server is fine


def test_token_budget_stops_the_run(tmp_path):
    with FaultServer([], _reading) as server:
        client = _client(server, tmp_path, token_budget=200)  # each answer costs 120 tokens
        client.ask(MESSAGES, Reading, max_tokens=50)
        client.ask(MESSAGES + [{"role": "user", "content": "again"}], Reading, max_tokens=50)
        with pytest.raises(BudgetExceeded, match="token budget of 200 is spent"):
            client.ask(MESSAGES + [{"role": "user", "content": "third"}], Reading, max_tokens=50)
        assert len(server.requests) == 2 and _entries(tmp_path) == 2


def _cli(server, tmp_path, *args):
    """A run of SHORT_ARTICLE (three sentences) against the fault server."""
    return run(write_article(tmp_path), "--model", "openai/fault", "--base-url", server.url, "--json-mode", "json_schema",
               "--cache-dir", tmp_path / "cache", *args, env={"SUMMARIZER_TIMEOUT": "1"}, timeout=120)


def test_cli_survives_faults_and_reports_the_budget_in_json(tmp_path):
    with FaultServer(["503", "invalid_json", "timeout", "429"], careful_extractor, hang=2.0) as server:
        out = _cli(server, tmp_path, "--format", "json")
    assert out.returncode == 0, out.stderr
    usage = json.loads(out.stdout)["usage"]
    assert usage["http_retries"] == 3 and usage["reasks"] == 1 and usage["failed_calls"] == 0
    assert usage["budget"] == {"reasks_per_call": 1, "brief_reasks": 0, "http_retries_per_call": 3, "tokens": None}
    assert usage["calls"] == 5  # three sentences, one re-ask, one brief


def test_cli_gives_up_with_one_error_line_and_no_output_file(tmp_path):
    target = tmp_path / "brief.md"
    with FaultServer(["500"] * 20, careful_extractor) as server:
        out = _cli(server, tmp_path, "-o", target)
    assert out.returncode == 6 and out.stderr.splitlines()[-1].startswith("Error: ")
    assert "gave up after 4 attempts" in out.stderr and "Traceback" not in out.stderr
    assert not target.exists() and cache_info(tmp_path / "cache")["entries"] == 0


def test_cli_token_budget(tmp_path):
    target = tmp_path / "brief.json"
    with FaultServer([], careful_extractor) as server:
        out = _cli(server, tmp_path, "-o", target, "--token-budget", "150")
    assert out.returncode == 6 and "token budget of 150 is spent" in out.stderr and not target.exists()
