"""`summarize batch` against an OpenAI-compatible server on 127.0.0.1 (tests/faultserver.py, slowed down
or failing on purpose): articles in flight at once, an article the server keeps failing, an endpoint
that is down, a second batch on the same output, and SIGKILL at random moments then a resume."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .faultserver import FaultServer, SlowServer
from .helpers import batch_records, run, storm_article, write_jsonl

pytestmark = pytest.mark.server


def endpoint(server: FaultServer, tmp_path: Path) -> list[str]:
    return ["--model", "openai/slow", "--base-url", server.url, "--json-mode", "json_schema",
            "--cache-dir", tmp_path / "cache"]


def test_articles_run_concurrently_against_an_endpoint(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"id": f"c{n}", "text": f"About {n} homes lost power, the utility "
                                                  "said."} for n in range(8)])
    timings = {}
    for n in (1, 4):
        with SlowServer(delay=0.4) as server:
            started = time.monotonic()
            done = run("batch", feed, "--claims", *endpoint(server, tmp_path / str(n)), "--concurrency", n,
                             "-o", tmp_path / f"out{n}.jsonl")
            timings[n] = time.monotonic() - started
            assert done.returncode == 0, done.stderr
            assert server.most_in_flight == n
        assert len(batch_records(tmp_path / f"out{n}.jsonl")) == 8
    assert timings[1] - timings[4] > 1.2  # 8 x 0.4 s one at a time against 2 x 0.4 s four at a time


def test_an_article_the_server_keeps_failing_is_an_error_record_and_the_rest_succeed(tmp_path):
    rows = [{"id": f"f{n}", "text": storm_article(n)} for n in range(4)]
    rows[2]["text"] = rows[2]["text"].replace("the utility said", "the POISONED utility said")
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    with SlowServer(poison="POISONED") as server:
        done = run("batch", feed, "--claims", *endpoint(server, tmp_path), "-o", tmp_path / "out.jsonl",
                         env={"SUMMARIZER_HTTP_RETRIES": "1"})
    assert done.returncode == 10, done.stderr
    found = {r["id"]: r for r in batch_records(tmp_path / "out.jsonl")}
    assert {k: r["status"] for k, r in found.items()} == {"f0": "ok", "f1": "ok", "f2": "error", "f3": "ok"}
    assert "HTTP 500" in found["f2"]["error"] and "gave up after 2 attempts" in found["f2"]["error"]
    assert found["f2"]["sha256"] is not None


def test_an_endpoint_that_fails_every_article_stops_the_batch_with_exit_6(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"id": f"d{n}", "text": f"About {n} homes lost power, the utility "
                                                  "said."} for n in range(40)])
    with SlowServer(poison="homes") as server:  # every request fails
        done = run("batch", feed, "--claims", *endpoint(server, tmp_path), "-o", tmp_path / "out.jsonl",
                         env={"SUMMARIZER_HTTP_RETRIES": "0"})
    assert done.returncode == 6
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: 20 articles in a row failed at the model (the last: ") and "HTTP 500" in last
    assert last.endswith("stopping, the endpoint looks down. Run the same command again to retry them")
    written = batch_records(tmp_path / "out.jsonl")
    assert 20 <= len(written) < 40 and {r["status"] for r in written} == {"error"}


def test_a_second_batch_on_the_same_output_is_refused(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"id": f"l{n}", "text": storm_article(n)} for n in range(4)])
    out = tmp_path / "out.jsonl"
    with SlowServer(delay=0.3) as server:
        args = [sys.executable, "-m", "summarizer", "batch", feed, "--claims", *endpoint(server, tmp_path),
                "--concurrency", "1", "-o", out]
        first = subprocess.Popen(list(map(str, args)), stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not server.requests and time.monotonic() < deadline:  # the first batch is running
            time.sleep(0.05)
        second = run("batch", feed, "--claims", *endpoint(server, tmp_path), "-o", out)
        assert first.wait(timeout=120) == 0
    assert second.returncode == 8
    assert second.stderr.strip() == (f"Error: --output {out}: another summarize batch (pid {first.pid}) is writing "
                                     "it; wait for it to finish or choose another output file")
    assert sorted(r["id"] for r in batch_records(out)) == [f"l{n}" for n in range(4)]


def test_sigkill_at_random_moments_then_a_resume_gives_each_article_exactly_once(tmp_path):
    ids = [f"k{n:02d}" for n in range(40)]
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"id": k, "text": storm_article(n)} for n, k in enumerate(ids)])
    out = tmp_path / "out.jsonl"
    rng = random.Random(13)
    with SlowServer(delay=0.5) as server:
        args = list(map(str, [sys.executable, "-m", "summarizer", "batch", feed, "--claims",
                              *endpoint(server, tmp_path), "--concurrency", "2", "-o", out]))
        for _ in range(6):
            asked = len(server.requests)
            proc = subprocess.Popen(args, stderr=subprocess.DEVNULL)
            while len(server.requests) == asked and proc.poll() is None:  # this run is at work
                time.sleep(0.02)
            time.sleep(rng.uniform(0, 1.5))
            assert proc.poll() is None, "the run ended before the kill"
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            oks = [r["id"] for r in batch_records(out) if r["status"] == "ok"] if out.exists() else []
            assert len(oks) == len(set(oks))  # never a duplicate, never a torn line
        before = len(batch_records(out))
        assert 0 < before < len(ids)  # the kills landed mid-run
        final = run("batch", feed, "--claims", *endpoint(server, tmp_path), "--concurrency", "8", "-o", out)
    assert final.returncode == 0, final.stderr
    assert f"{len(ids) - before} ok, 0 failed, {before} skipped" in final.stderr
    found = batch_records(out)
    assert sorted(r["id"] for r in found) == ids and all(r["status"] == "ok" for r in found)
