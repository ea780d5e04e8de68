"""An article's tasks sent to an OpenAI-compatible endpoint at once (--concurrency): the output is the
same as one call at a time, requests really overlap, and a slow request does not hold the others back."""

from __future__ import annotations

import json

import pytest

from .faultserver import SlowServer
from .helpers import interruptible, run

pytestmark = pytest.mark.server

ARTICLE = "\n\n".join([
    "Oslo, May 1 (NTB): About 120 homes lost power after the storm, the utility said.",
    "The mayor said repairs would probably take three days.",
    "Ferries to the islands were cancelled, the ferry company said.",
    "The school in Nordby stayed closed, the council said.",
    "The weather service said more wind was likely on Friday.",
    "A fisherman said his boat had been lost in the harbour.",
]) + "\n"


def summarize(tmp_path, server, concurrency: int) -> tuple[dict, object]:
    article = tmp_path / "storm.txt"
    article.write_text(ARTICLE)
    out = run(article, "--claims", "--format", "json", "--model", "openai/slow", "--base-url", server.url,
              "--json-mode", "json_schema", "--cache-dir", tmp_path / f"cache{concurrency}",
              "--concurrency", concurrency)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout), out


def _comparable(result: dict) -> dict:
    result["usage"].pop("seconds")
    return result


def test_concurrent_requests_give_the_same_output_as_one_at_a_time(tmp_path):
    with SlowServer(delay=0.2) as one_by_one:
        sequential, _ = summarize(tmp_path, one_by_one, 1)
    with SlowServer(delay=0.2) as at_once:
        concurrent, _ = summarize(tmp_path, at_once, 6)
    assert one_by_one.most_in_flight == 1
    assert at_once.most_in_flight >= 4  # six sentences, six requests in flight together
    assert _comparable(concurrent) == _comparable(sequential)
    assert concurrent["usage"]["calls"] == 6 and len(concurrent["claims"]) == 6


def test_a_slow_request_does_not_hold_the_others_back(tmp_path):
    with SlowServer(delay=0.1, slow={"ferry company": 3.0}) as server:
        result, _ = summarize(tmp_path, server, 6)
    assert "ferry company" in server.finished[-1]  # the slow one answered last, the others did not wait
    assert len(result["claims"]) == 6


def test_ctrl_c_with_requests_in_flight_stops_at_once_and_caches_nothing_unfinished(tmp_path):
    import signal
    import sys
    import time

    from summarizer.structured.cache import cache_info

    article = tmp_path / "storm.txt"
    article.write_text(ARTICLE)
    with SlowServer(delay=30.0) as server:
        proc = interruptible([sys.executable, "-m", "summarizer", str(article), "--claims", "--model", "openai/slow",
                              "--base-url", server.url, "--json-mode", "json_schema", "--cache-dir",
                              str(tmp_path / "cache"), "--concurrency", "6"])
        deadline = time.monotonic() + 20
        while server.in_flight < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        stopped = time.monotonic() - started
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "Error: interrupted", err[-500:]
    assert stopped < 10  # the 30-second answers were not waited for
    assert out == "" and cache_info(tmp_path / "cache")["entries"] == 0
